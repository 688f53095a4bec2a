"""This laptop's Posyandu and its cadres."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade, Venue
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import CadreRecord, CertificateRecord, PosyanduRecord
from posyandu_desktop.store.tables import Cadre, CadreCertificate, Posyandu


def add_posyandu(
    tx: Tx,
    *,
    name: str,
    code: str,
    kelurahan: str,
    kecamatan: str,
    kota: str,
    puskesmas: str,
    venue: Venue,
) -> PosyanduRecord:
    """Insert a Posyandu."""
    row = Posyandu(
        name=name,
        code=code,
        kelurahan=kelurahan,
        kecamatan=kecamatan,
        kota=kota,
        puskesmas=puskesmas,
        venue=venue,
    )
    tx.add(row)
    tx.flush()
    return record(PosyanduRecord, row)


def get_posyandu(tx: Tx, posyandu_id: int) -> PosyanduRecord | None:
    """The Posyandu with this id, or None."""
    row = tx.get(Posyandu, posyandu_id)
    return None if row is None else record(PosyanduRecord, row)


def first_posyandu(tx: Tx) -> PosyanduRecord | None:
    """This laptop's Posyandu (the first one set up), or None before the setup wizard ran."""
    row = tx.scalar(select(Posyandu).order_by(Posyandu.id).limit(1))
    return None if row is None else record(PosyanduRecord, row)


def first_cadre(tx: Tx, posyandu_id: int) -> CadreRecord | None:
    """The Posyandu's first registered cadre that is still active, or None."""
    cadre_id = tx.scalar(
        select(Cadre.id)
        .where(Cadre.posyandu_id == posyandu_id, Cadre.active.is_(True))
        .order_by(Cadre.id)
        .limit(1)
    )
    return None if cadre_id is None else get_cadre(tx, cadre_id)


def posyandu_id_by_code(tx: Tx, code: str) -> int | None:
    """The id of the Posyandu with this code, or None."""
    return tx.scalar(select(Posyandu.id).where(Posyandu.code == code))


def add_cadre(
    tx: Tx,
    *,
    posyandu_id: int,
    name: str,
    nik: str | None,
    phone: str,
    role: CadreRole,
    training_grade: TrainingGrade | None,
    bpjs_ketenagakerjaan: str | None,
) -> CadreRecord:
    """Insert an active cadre."""
    row = Cadre(
        posyandu_id=posyandu_id,
        name=name,
        nik=nik,
        phone=phone,
        role=role,
        training_grade=training_grade,
        bpjs_ketenagakerjaan=bpjs_ketenagakerjaan,
        active=True,
    )
    tx.add(row)
    tx.flush()
    return record(CadreRecord, row, certificates=())


def get_cadre(tx: Tx, cadre_id: int) -> CadreRecord | None:
    """The cadre with this id and their certificates, or None."""
    row = tx.get(Cadre, cadre_id)
    if row is None:
        return None
    certificates = tx.scalars(
        select(CadreCertificate)
        .where(CadreCertificate.cadre_id == cadre_id)
        .order_by(CadreCertificate.issued_on, CadreCertificate.id)
    )
    return record(
        CadreRecord, row, certificates=tuple(record(CertificateRecord, c) for c in certificates)
    )


def cadre_active(tx: Tx, cadre_id: int) -> bool | None:
    """Whether the cadre serves (None: no such cadre); cheaper than `get_cadre`."""
    return tx.scalar(select(Cadre.active).where(Cadre.id == cadre_id))


def cadre_id_by_nik(tx: Tx, nik: str) -> int | None:
    """The id of the cadre with this NIK, or None."""
    return tx.scalar(select(Cadre.id).where(Cadre.nik == nik))


def set_cadre_active(tx: Tx, cadre_id: int, active: bool) -> None:
    """Mark a cadre active or not (cadres are never deleted: the records name them)."""
    row = tx.get_one(Cadre, cadre_id)
    row.active = active
    tx.flush()


def add_certificate(
    tx: Tx, *, cadre_id: int, title: str, issued_on: date, issuer: str, number: str | None = None
) -> CertificateRecord:
    """Insert a training certificate for a cadre."""
    row = CadreCertificate(
        cadre_id=cadre_id, title=title, issued_on=issued_on, issuer=issuer, number=number
    )
    tx.add(row)
    tx.flush()
    return record(CertificateRecord, row)


def kbm_version(tx: Tx, posyandu_id: int) -> str | None:
    """The KMS version the Posyandu chose; None for the default."""
    row = tx.get(Posyandu, posyandu_id)
    return None if row is None else row.kbm_version


def set_kbm_version(tx: Tx, posyandu_id: int, version: str | None) -> None:
    """Choose the KMS version (None: the default); audited like every change of a row."""
    row = tx.get(Posyandu, posyandu_id)
    if row is not None:
        row.kbm_version = version
        tx.flush()


def laptop_kbm_version(tx: Tx) -> str | None:
    """The KMS version chosen for this laptop's Posyandu (the first one set up), or None."""
    return tx.scalar(select(Posyandu.kbm_version).order_by(Posyandu.id).limit(1))

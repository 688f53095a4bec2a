"""This laptop's Posyandu."""

from __future__ import annotations

from sqlalchemy import select

from posyandu_desktop.domain.vocabulary import Venue
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import PosyanduRecord
from posyandu_desktop.store.tables import Posyandu


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


def posyandu_id_by_code(tx: Tx, code: str) -> int | None:
    """The id of the Posyandu with this code, or None."""
    return tx.scalar(select(Posyandu.id).where(Posyandu.code == code))


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

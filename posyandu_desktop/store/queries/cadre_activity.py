"""The team as screens list it: every cadre with certificates, profile changes, and who served
on which Posyandu days."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import (
    AttendanceRecord,
    CadreRecord,
    CertificateRecord,
    DayRecord,
)
from posyandu_desktop.store.tables import Cadre, CadreAttendance, CadreCertificate, PosyanduDay


def cadres(tx: Tx, posyandu_id: int) -> tuple[CadreRecord, ...]:
    """The Posyandu's cadres with their certificates, active ones first, then by name."""
    rows = tx.scalars(
        select(Cadre)
        .where(Cadre.posyandu_id == posyandu_id)
        .order_by(Cadre.active.desc(), Cadre.name, Cadre.id)
    ).all()
    held: defaultdict[int, list[CertificateRecord]] = defaultdict(list)
    for c in tx.scalars(
        select(CadreCertificate)
        .where(CadreCertificate.cadre_id.in_([row.id for row in rows]))
        .order_by(CadreCertificate.issued_on, CadreCertificate.id)
    ):
        held[c.cadre_id].append(record(CertificateRecord, c))
    return tuple(record(CadreRecord, row, certificates=tuple(held[row.id])) for row in rows)


def update_cadre(
    tx: Tx,
    cadre_id: int,
    *,
    name: str,
    nik: str | None,
    phone: str,
    role: CadreRole,
    training_grade: TrainingGrade | None,
    bpjs_ketenagakerjaan: str | None,
) -> None:
    """Overwrite a cadre's profile (the audit trail keeps the old values)."""
    row = tx.get_one(Cadre, cadre_id)
    row.name, row.nik, row.phone, row.role = name, nik, phone, role
    row.training_grade, row.bpjs_ketenagakerjaan = training_grade, bpjs_ketenagakerjaan
    tx.flush()


def days_between(tx: Tx, posyandu_id: int, first: date, last: date) -> tuple[DayRecord, ...]:
    """The Posyandu's days held from `first` to `last` inclusive, by date."""
    rows = tx.scalars(
        select(PosyanduDay)
        .where(
            PosyanduDay.posyandu_id == posyandu_id,
            PosyanduDay.held_on >= first,
            PosyanduDay.held_on <= last,
        )
        .order_by(PosyanduDay.held_on)
    )
    return tuple(record(DayRecord, row) for row in rows)


def attendance_of_days(tx: Tx, day_ids: list[int]) -> tuple[AttendanceRecord, ...]:
    """Every attendance on these days, by arrival time."""
    rows = tx.scalars(
        select(CadreAttendance)
        .where(CadreAttendance.day_id.in_(day_ids))
        .order_by(CadreAttendance.arrived_at, CadreAttendance.id)
    )
    return tuple(record(AttendanceRecord, row) for row in rows)

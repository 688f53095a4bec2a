"""The cadres: who may log in, and the team as the screens list it.

Who may log in: active cadres, their PIN hashes and the coordinator flag.

The team as screens list it: every cadre with certificates, profile changes, and who served
on which Posyandu days.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, update

from posyandu_desktop.domain.vocabulary import AuditAction, CadreRole, TrainingGrade
from posyandu_desktop.store import audit
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import (
    AttendanceRecord,
    CadreRecord,
    CertificateRecord,
    DayRecord,
)
from posyandu_desktop.store.tables import (
    AuditEvent,
    Cadre,
    CadreAttendance,
    CadreCertificate,
    CadreLogin,
    PosyanduDay,
)


@dataclass(frozen=True, slots=True)
class LoginCadre:
    """A cadre as the login list shows them; never carries the hash itself."""

    id: int
    name: str
    role: CadreRole
    is_coordinator: bool
    has_pin: bool


def login_cadres(tx: Tx, posyandu_id: int) -> tuple[LoginCadre, ...]:
    """The Posyandu's active cadres by name."""
    rows = tx.execute(
        select(Cadre.id, Cadre.name, Cadre.role, Cadre.is_coordinator, Cadre.pin_hash)
        .where(Cadre.posyandu_id == posyandu_id, Cadre.active.is_(True))
        .order_by(Cadre.name, Cadre.id)
    )
    return tuple(
        LoginCadre(id_, name, role, is_coordinator, pin_hash is not None)
        for id_, name, role, is_coordinator, pin_hash in rows
    )


def pin_hash(tx: Tx, cadre_id: int) -> str | None:
    """The stored PIN hash of a cadre (None: no PIN yet, or no such cadre)."""
    return tx.scalar(select(Cadre.pin_hash).where(Cadre.id == cadre_id))


def set_pin_hash(tx: Tx, cadre_id: int, hashed: str | None) -> None:
    """Store a new PIN hash (None: the next login sets a new PIN). The audit event says that
    the PIN changed, never the hash: the append-only trail would otherwise keep every old hash
    for an offline guesser."""
    # A Core UPDATE is not seen by audit.record_changes_of, so this writes its own event.
    tx.execute(update(Cadre).where(Cadre.id == cadre_id).values(pin_hash=hashed))
    _audit_secret(tx, cadre_id, {"pin_hash": "changed" if hashed else "cleared"})


def _audit_secret(tx: Tx, cadre_id: int, said: dict[str, str]) -> None:
    """An audit event for a change to a cadre's secret that says what happened, never the value."""
    tx.add(
        AuditEvent(
            cadre_id=tx.info.get(audit.CADRE),
            action=AuditAction.UPDATE,
            table_name=Cadre.__tablename__,
            row_id=cadre_id,
            changes=json.dumps(said),
            reason=tx.info.get(audit.REASON),
        )
    )
    tx.flush()


def set_coordinator(tx: Tx, cadre_id: int, is_coordinator: bool) -> None:
    """Mark a cadre as coordinator or not (audited like any ORM change)."""
    row = tx.get_one(Cadre, cadre_id)
    row.is_coordinator = is_coordinator
    tx.flush()


@dataclass(frozen=True, slots=True)
class LoginGuard:
    """A cadre's failed PIN tries, the wait they impose, and a pending one-time code."""

    failed_tries: int = 0
    wait_until: datetime | None = None
    code_hash: str | None = None


def login_guard(tx: Tx, cadre_id: int) -> LoginGuard:
    row = tx.get(CadreLogin, cadre_id)
    if row is None:
        return LoginGuard()
    return LoginGuard(row.failed_tries, row.wait_until, row.code_hash)


def _upsert(tx: Tx, cadre_id: int, **values: object) -> None:
    # Core statements, not the ORM: counting tries is no change to a record and stays out of
    # the audit trail (a code being issued or used is audited by `set_code_hash`).
    done = tx.execute(update(CadreLogin).where(CadreLogin.cadre_id == cadre_id).values(**values))
    if not getattr(done, "rowcount", 0):
        tx.execute(insert(CadreLogin).values(cadre_id=cadre_id, **values))


def set_failed_tries(tx: Tx, cadre_id: int, failed: int, wait_until: datetime | None) -> None:
    """Store the count of wrong PINs in a row and until when the next try must wait."""
    _upsert(tx, cadre_id, failed_tries=failed, wait_until=wait_until)


def set_code_hash(tx: Tx, cadre_id: int, hashed: str | None) -> None:
    """Store a one-time code's hash (None: used up or withdrawn); audited without the hash."""
    _upsert(tx, cadre_id, code_hash=hashed)
    _audit_secret(tx, cadre_id, {"one_time_code": "issued" if hashed else "used"})


def anyone_has_pin(tx: Tx, posyandu_id: int) -> bool:
    """True when an active cadre of the Posyandu has a PIN."""
    found = tx.scalar(
        select(Cadre.id)
        .where(
            Cadre.posyandu_id == posyandu_id, Cadre.active.is_(True), Cadre.pin_hash.is_not(None)
        )
        .limit(1)
    )
    return found is not None


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

"""What leaves the Posyandu each month, read in bulk: the monthly file, the monthly report and the
typing aids.

What a monthly export carries, read from the audit trail, and the ledger of exports written.

An export covers the audit events (after, upto]: every row of `EXPORTED_TABLES` that one of
those events touched, in its state now, plus the ids deleted in the window (and, for tables
with a uid, the uids of the deleted rows). Call `audit_head` and `changes_since` in the same
transaction, so "now" is the state at `upto`. Replaying the windows in order (delete the ids,
then put the rows by id) rebuilds `all_rows`. Rows are the frozen records of
domain/export_contract.py, one per table, whose fields are the file's columns.

What the monthly report is computed from, read in bulk: whole columns, no ORM objects, so a
Posyandu with 500 children and two years of weighings reads in a few tens of milliseconds.

What the typing aids (the e-PPGBM entry pack, the SIP register) are drawn from: children with
their address and mother, their measurements and services between two dates, read in bulk.

What the data-quality figures and the cadre sheet are drawn from: the month's children's
measurements with who entered them, who served whom, and the referrals each cadre recorded.
What the ILP page reads: the month's measurements with the values the life-stage forms judge,
and the services with their detail (the antigen of an immunisation).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Select, Table, func, or_, select
from sqlalchemy.orm import aliased

from posyandu_desktop.domain.export_contract import (
    EXPORTED_TABLES,
    RECORDS,
    ExportRow,
    Value,
    column_names,
)
from posyandu_desktop.domain.growth.classify import Category
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.quality import ChildMeasurement, flagged_by_z
from posyandu_desktop.domain.screenings import Dependency
from posyandu_desktop.domain.vocabulary import (
    AuditAction,
    MeasurementOrigin,
    ServiceKind,
    VisitReason,
)
from posyandu_desktop.store.audit import plain
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import (
    Changes,
    ExportCopyEntry,
    ExportEntry,
)
from posyandu_desktop.store.tables import (
    AuditEvent,
    Base,
    CadreAttendance,
    ExportCopy,
    ExportLedger,
    HealthCheck,
    HomeVisit,
    HomeVisitCadre,
    Household,
    Measurement,
    Person,
    PosyanduDay,
    ServiceGiven,
)

# Re-exported: the tables are the file's contract (domain/export_contract.py).
__all__ = ["EXPORTED_TABLES"]

# SQLite allows 32,766 bound parameters per statement; stay far below it.
_IDS_PER_QUERY = 500

R = TypeVar("R", bound=ExportRow)


def _table(name: str) -> Table:
    if name not in EXPORTED_TABLES:
        raise ValueError(f"{name!r} is not an exported table")
    return Base.metadata.tables[name]


def _value(value: Any) -> Value:
    """A stored value as the contract types it: codes for enums, a sorted tuple of codes for a
    set of desks; dates and times stay dates and times."""
    if isinstance(value, frozenset):
        return tuple(sorted(plain(v) for v in value))
    return value if isinstance(value, date) else plain(value)


def _rows(tx: Tx, record: type[R], where: ColumnElement[bool] | None = None) -> list[R]:
    source = _table(record.table)
    # Every column of the record, contact numbers included: the writer leaves them out.
    query: Select[Any] = select(*(source.c[n] for n in column_names(record.table)))
    query = query.order_by(source.c.id)
    if where is not None:
        query = query.where(where)
    # Core rows, not ORM objects: the column types still turn stored codes into enums and
    # aware datetimes, without an identity map (half the time of ORM objects for a demo
    # year's measurements).
    return [record(*map(_value, row)) for row in tx.execute(query)]


def _window(table: str, after: int, upto: int) -> ColumnElement[bool]:
    return (AuditEvent.table_name == table) & (AuditEvent.id > after) & (AuditEvent.id <= upto)


def audit_head(tx: Tx) -> int:
    """The newest audit event id (0 when there is none); the trail is append-only, so ids
    only grow and one number marks how far an export reached."""
    return tx.scalar(select(func.max(AuditEvent.id))) or 0


def _deleted_uids(tx: Tx, table: str, after: int, upto: int) -> list[str]:
    """The uids of rows of `table` deleted in (after, upto] that no longer exist, in the
    order of their ids. A DELETE event holds every column of the row it removed."""
    source = _table(table)
    events = tx.scalars(
        select(AuditEvent.changes)
        .where(_window(table, after, upto), AuditEvent.action == AuditAction.DELETE)
        .order_by(AuditEvent.row_id, AuditEvent.id)
    )
    # Parsed here rather than with SQLite's json_extract: not every SQLite a laptop runs has it.
    named = (json.loads(changes).get("uid") for changes in events)
    uids = list(dict.fromkeys(uid for uid in named if uid is not None))
    # Existence by uid, not id: a reused id is a new row, and the old uid is still gone.
    alive: set[str] = set()
    for start in range(0, len(uids), _IDS_PER_QUERY):
        chunk = uids[start : start + _IDS_PER_QUERY]
        alive.update(tx.scalars(select(source.c.uid).where(source.c.uid.in_(chunk))))
    return [uid for uid in uids if uid not in alive]


def changes_since(tx: Tx, after: int, upto: int) -> Changes:
    """The rows touched by audit events (after, upto] in their current state, and the ids
    deleted in that window that no longer exist (one query per table and kind), with their
    uids for the tables that have a uid column."""
    rows: dict[str, list[ExportRow]] = {}
    deleted: dict[str, list[int]] = {}
    deleted_uids: dict[str, list[str]] = {}
    for kind in RECORDS:
        table = kind.table
        source = _table(table)
        touched = select(AuditEvent.row_id).where(_window(table, after, upto))
        rows[table] = list(_rows(tx, kind, source.c.id.in_(touched)))
        gone = (
            select(AuditEvent.row_id)
            .distinct()
            .where(
                _window(table, after, upto),
                AuditEvent.action == AuditAction.DELETE,
                AuditEvent.row_id.not_in(select(source.c.id)),
            )
            .order_by(AuditEvent.row_id)
        )
        deleted[table] = list(tx.scalars(gone))
        if "uid" in source.c:
            deleted_uids[table] = _deleted_uids(tx, table, after, upto)
    return Changes(rows, deleted, deleted_uids)


def all_rows(tx: Tx) -> dict[str, list[ExportRow]]:
    """Every current row of every exported table, in the shape `changes_since` gives."""
    return {kind.table: list(_rows(tx, kind)) for kind in RECORDS}


def rows_by_id(tx: Tx, record: type[R], ids: Collection[int]) -> list[R]:
    """The rows of `record`'s table with these ids (those that exist), ordered by id."""
    wanted = sorted(set(ids))
    id_column = _table(record.table).c.id
    found: list[R] = []
    for start in range(0, len(wanted), _IDS_PER_QUERY):
        found += _rows(tx, record, id_column.in_(wanted[start : start + _IDS_PER_QUERY]))
    return found


def _entry(row: ExportLedger) -> ExportEntry:
    return record(ExportEntry, row, counts=json.loads(row.counts))


def exports(tx: Tx, posyandu_id: int) -> tuple[ExportEntry, ...]:
    """Every export of a Posyandu, by period then revision."""
    rows = tx.scalars(
        select(ExportLedger)
        .where(ExportLedger.posyandu_id == posyandu_id)
        .order_by(ExportLedger.period, ExportLedger.revision)
    )
    return tuple(_entry(row) for row in rows)


def withdraw_exports(tx: Tx, posyandu_id: int, period: str, when: datetime) -> int:
    """Mark every export of `period` withdrawn; returns how many were still in force."""
    rows = tx.scalars(
        select(ExportLedger).where(
            ExportLedger.posyandu_id == posyandu_id,
            ExportLedger.period == period,
            ExportLedger.withdrawn_at.is_(None),
        )
    ).all()
    for row in rows:
        row.withdrawn_at = when
    return len(rows)


def add_export(
    tx: Tx,
    *,
    posyandu_id: int,
    period: str,
    revision: int,
    file_name: str,
    file_sha256: str,
    manifest_sha256: str,
    previous_manifest_sha256: str | None,
    audit_after: int,
    audit_upto: int,
    counts: Mapping[str, int],
    created_at: datetime,
    created_by: int | None,
) -> ExportEntry:
    """Record an export written; a second entry for the same period and revision is refused
    by the database (StorageError from the transaction)."""
    row = ExportLedger(
        posyandu_id=posyandu_id,
        period=period,
        revision=revision,
        file_name=file_name,
        file_sha256=file_sha256,
        manifest_sha256=manifest_sha256,
        previous_manifest_sha256=previous_manifest_sha256,
        audit_after=audit_after,
        audit_upto=audit_upto,
        counts=json.dumps(dict(counts), sort_keys=True),
        created_at=created_at,
        created_by=created_by,
    )
    tx.add(row)
    tx.flush()
    return _entry(row)


def add_copy(
    tx: Tx, export_id: int, destination: str, copied_at: datetime, verified: bool
) -> ExportCopyEntry:
    """Record a copy of an export written to `destination` (a drive, a folder)."""
    row = ExportCopy(
        export_id=export_id, destination=destination, copied_at=copied_at, verified=verified
    )
    tx.add(row)
    tx.flush()
    return record(ExportCopyEntry, row)


def copies(tx: Tx, export_id: int) -> tuple[ExportCopyEntry, ...]:
    """The copies of one export, oldest first."""
    rows = tx.scalars(
        select(ExportCopy)
        .where(ExportCopy.export_id == export_id)
        .order_by(ExportCopy.copied_at, ExportCopy.id)
    )
    return tuple(record(ExportCopyEntry, row) for row in rows)


def all_copies(tx: Tx) -> tuple[ExportCopyEntry, ...]:
    """Every copy of every export, oldest first."""
    rows = tx.scalars(select(ExportCopy).order_by(ExportCopy.copied_at, ExportCopy.id))
    return tuple(record(ExportCopyEntry, row) for row in rows)


class PersonRow(NamedTuple):
    id: int
    name: str
    sex: Sex
    birth_date: date
    left_on: date | None
    pregnant: bool
    delivered_on: date | None
    kia_book_seen: bool  # birth weight or a service copied from the Buku KIA
    birth_length_cm: float | None


class MeasurementRow(NamedTuple):
    id: int
    person_id: int
    measured_on: date
    entered_by: int
    weight_kg: float | None
    growth_status: GrowthStatus | None
    two_t: bool
    wfa_category: Category | None
    lhfa_category: Category | None
    wflh_category: Category | None
    bfa_category: Category | None
    oedema: bool
    lila_cm: float | None
    systolic_mmhg: int | None
    diastolic_mmhg: int | None
    doubtful: frozenset[Quantity]


class ServiceRow(NamedTuple):
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None


class VisitRow(NamedTuple):
    visited_on: date
    reason: VisitReason
    cadre_ids: tuple[int, ...]


class SessionRow(NamedTuple):
    held_on: date
    cadre_ids: frozenset[int]


def people(tx: Tx) -> tuple[PersonRow, ...]:
    """Everyone in the registry, with whether their Buku KIA was seen."""
    from_book = set(
        tx.scalars(select(ServiceGiven.person_id).where(ServiceGiven.from_kia_book.is_(True)))
    )
    rows = tx.execute(
        select(
            Person.id,
            Person.name,
            Person.sex,
            Person.birth_date,
            Person.left_on,
            Person.pregnant,
            Person.delivered_on,
            Person.birth_weight_kg,
            Person.birth_length_cm,
        ).order_by(Person.id)
    )
    return tuple(
        PersonRow(*r[:7], r.birth_weight_kg is not None or r.id in from_book, r.birth_length_cm)
        for r in rows
    )


def measurements_until(
    tx: Tx, last: date, *, month_of: date | None = None
) -> tuple[MeasurementRow, ...]:
    """Every measurement up to `last` inclusive, by date then entry order; a weight copied from
    the Buku KIA is left out (the child was not weighed here that month; it only gave the next
    weighing its N or T). With `month_of` (the month's first day), only what that month's
    referrals and new stunting need: the month's measurements of the people measured in it,
    and their earlier lengths."""
    query = (
        select(*(getattr(Measurement, name) for name in MeasurementRow._fields))
        .where(Measurement.measured_on <= last)
        .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
    )
    if month_of is not None:
        m = aliased(Measurement)
        measured = select(m.person_id).where(m.measured_on >= month_of, m.measured_on <= last)
        query = query.where(
            Measurement.person_id.in_(measured),
            or_(Measurement.measured_on >= month_of, Measurement.lhfa_category.is_not(None)),
        )
    rows = tx.execute(query.order_by(Measurement.measured_on, Measurement.id))
    return tuple(MeasurementRow(*r) for r in rows)


def services_between(tx: Tx, first: date, last: date) -> tuple[ServiceRow, ...]:
    rows = tx.execute(
        select(
            ServiceGiven.person_id, ServiceGiven.given_on, ServiceGiven.kind, ServiceGiven.capsule
        )
        .where(ServiceGiven.given_on >= first, ServiceGiven.given_on <= last)
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(ServiceRow(*r) for r in rows)


def home_visits_between(tx: Tx, first: date, last: date) -> tuple[VisitRow, ...]:
    """Home visits from `first` to `last` with the cadres who went."""
    visits = tx.execute(
        select(HomeVisit.id, HomeVisit.visited_on, HomeVisit.reason)
        .where(HomeVisit.visited_on >= first, HomeVisit.visited_on <= last)
        .order_by(HomeVisit.visited_on, HomeVisit.id)
    ).all()
    went: defaultdict[int, list[int]] = defaultdict(list)
    for visit_id, cadre_id in tx.execute(
        select(HomeVisitCadre.home_visit_id, HomeVisitCadre.cadre_id)
        .join(HomeVisit, HomeVisit.id == HomeVisitCadre.home_visit_id)
        .where(HomeVisit.visited_on >= first, HomeVisit.visited_on <= last)
        .order_by(HomeVisitCadre.id)
    ):
        went[visit_id].append(cadre_id)
    return tuple(VisitRow(v.visited_on, v.reason, tuple(went[v.id])) for v in visits)


def sessions_between(tx: Tx, posyandu_id: int, first: date, last: date) -> tuple[SessionRow, ...]:
    """The Posyandu days held from `first` to `last` and who signed in (any desk)."""
    days = tx.execute(
        select(PosyanduDay.id, PosyanduDay.held_on)
        .where(
            PosyanduDay.posyandu_id == posyandu_id,
            PosyanduDay.held_on >= first,
            PosyanduDay.held_on <= last,
        )
        .order_by(PosyanduDay.held_on)
    ).all()
    signed: defaultdict[int, set[int]] = defaultdict(set)
    for day_id, cadre_id in tx.execute(
        select(CadreAttendance.day_id, CadreAttendance.cadre_id).where(
            CadreAttendance.day_id.in_([d.id for d in days])
        )
    ):
        signed[day_id].add(cadre_id)
    return tuple(SessionRow(d.held_on, frozenset(signed[d.id])) for d in days)


def corrections_by_cadre(tx: Tx, start: datetime, end: datetime) -> dict[int, int]:
    """Measurements corrected per cadre in [start, end): audit updates that counted a correction
    (recomputed KMS statuses of other weighings also update rows, but not `corrections`)."""
    found: defaultdict[int, int] = defaultdict(int)
    for cadre_id, changes in tx.execute(
        select(AuditEvent.cadre_id, AuditEvent.changes).where(
            AuditEvent.table_name == Measurement.__tablename__,
            AuditEvent.action == AuditAction.UPDATE,
            AuditEvent.at >= start,
            AuditEvent.at < end,
            AuditEvent.cadre_id.is_not(None),
        )
    ):
        if cadre_id is not None and "corrections" in json.loads(changes):
            found[cadre_id] += 1
    return dict(found)


class ChildRow(NamedTuple):
    id: int
    nik: str | None
    name: str
    sex: Sex
    birth_date: date
    birth_weight_kg: float | None
    address: str
    rt: int | None
    rw: int | None
    mother: str
    father: str
    left_on: date | None
    created_at: datetime


class TakenRow(NamedTuple):
    person_id: int
    measured_on: date
    weight_kg: float | None
    lenhei_cm: float | None
    position: Position | None
    lila_cm: float | None
    headc_cm: float | None


class GivenRow(NamedTuple):
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None
    detail: str


def children_born_after(tx: Tx, born_after: date) -> tuple[ChildRow, ...]:
    """Everyone born after `born_after`, by name, with the household's address and the names
    of mother and father ('' when unknown)."""
    mother, father = aliased(Person), aliased(Person)
    rows = tx.execute(
        select(
            Person.id,
            Person.nik,
            Person.name,
            Person.sex,
            Person.birth_date,
            Person.birth_weight_kg,
            Household.address,
            Household.rt,
            Household.rw,
            mother.name,
            father.name,
            Person.left_on,
            Person.created_at,
        )
        .outerjoin(Household, Household.id == Person.household_id)
        .outerjoin(mother, mother.id == Person.mother_id)
        .outerjoin(father, father.id == Person.father_id)
        .where(Person.birth_date > born_after)
        .order_by(Person.name_key, Person.birth_date, Person.id)
    )
    return tuple(
        ChildRow(*r[:6], r[6] or "", r[7], r[8], r[9] or "", r[10] or "", r[11], r[12])
        for r in rows
    )


def taken_between(tx: Tx, first: date, last: date) -> tuple[TakenRow, ...]:
    """Measurements taken here (not copied from the Buku KIA) from `first` to `last`, by date."""
    rows = tx.execute(
        select(*(getattr(Measurement, name) for name in TakenRow._fields))
        .where(Measurement.measured_on >= first, Measurement.measured_on <= last)
        .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(TakenRow(*r) for r in rows)


def measured_before(tx: Tx, before: date) -> frozenset[int]:
    """The people with a measurement (not copied from the Buku KIA) before `before`."""
    return frozenset(
        tx.scalars(
            select(Measurement.person_id)
            .where(Measurement.measured_on < before)
            .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
            .distinct()
        )
    )


def given_between(tx: Tx, first: date, last: date) -> tuple[GivenRow, ...]:
    """Services given from `first` to `last`, by date."""
    rows = tx.execute(
        select(*(getattr(ServiceGiven, name) for name in GivenRow._fields))
        .where(ServiceGiven.given_on >= first, ServiceGiven.given_on <= last)
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(GivenRow(*r) for r in rows)


# The data-quality figures and the cadre sheet (domain/quality.py): children's measurements
# with who entered them, who served whom, referrals.


class ServedRow(NamedTuple):
    """A person a cadre measured or gave a service to, on a date, with what dates the stage."""

    cadre_id: int
    person_id: int
    on: date
    birth_date: date
    pregnant: bool
    delivered_on: date | None


def quality_facts(tx: Tx, first: date, last: date) -> tuple[tuple[int, ChildMeasurement], ...]:
    """(entered by, facts) of each measurement taken here between the dates (imports and weights
    copied from the Buku KIA are not this Posyandu's measuring). Doubtful: beyond the WHO flag
    limits of the stored z-scores."""
    rows = tx.execute(
        select(
            Measurement.entered_by,
            Measurement.person_id,
            Measurement.measured_on,
            Measurement.age_days,
            Measurement.weight_kg,
            Measurement.lenhei_cm,
            Measurement.position,
            Measurement.lila_cm,
            Measurement.waz,
            Measurement.haz,
            Measurement.whz,
            Measurement.corrections,
        )
        .where(Measurement.measured_on.between(first, last))
        .where(Measurement.origin.is_(None))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    found = []
    for r in rows:
        weight_doubtful, lenhei_doubtful = flagged_by_z(r.waz, r.haz, r.whz)
        fact = ChildMeasurement(
            r.person_id,
            r.measured_on,
            r.age_days,
            r.weight_kg,
            r.lenhei_cm,
            r.position,
            r.lila_cm,
            r.waz,
            r.haz,
            r.whz,
            weight_doubtful,
            lenhei_doubtful,
            r.corrections,
        )
        found.append((r.entered_by, fact))
    return tuple(found)


def served(tx: Tx, first: date, last: date) -> tuple[ServedRow, ...]:
    """Each measurement and service entered between the dates, as who served whom when."""
    person = (Person.birth_date, Person.pregnant, Person.delivered_on)
    measured = tx.execute(
        select(Measurement.entered_by, Measurement.person_id, Measurement.measured_on, *person)
        .join(Person, Person.id == Measurement.person_id)
        .where(Measurement.measured_on.between(first, last))
        .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
    )
    given = tx.execute(
        select(ServiceGiven.entered_by, ServiceGiven.person_id, ServiceGiven.given_on, *person)
        .join(Person, Person.id == ServiceGiven.person_id)
        .where(ServiceGiven.given_on.between(first, last))
        .where(ServiceGiven.from_kia_book.is_(False))
    )
    return tuple(ServedRow(*r) for rows in (measured, given) for r in rows)


def referrals_by_cadre(tx: Tx, first: date, last: date) -> dict[int, int]:
    """Referrals to the puskesmas each cadre recorded between the dates (people, once a day)."""
    rows = tx.execute(
        select(ServiceGiven.entered_by, ServiceGiven.person_id, ServiceGiven.given_on)
        .where(ServiceGiven.kind == ServiceKind.REFERRAL)
        .where(ServiceGiven.given_on.between(first, last))
        .distinct()
    )
    counts: dict[int, int] = {}
    for cadre_id, _, _ in rows:
        counts[cadre_id] = counts.get(cadre_id, 0) + 1
    return counts


class IlpMeasurementRow(NamedTuple):
    id: int
    person_id: int
    measured_on: date
    bmi: float | None
    lila_cm: float | None
    waist_cm: float | None
    glucose_mg_dl: float | None
    systolic_mmhg: int | None
    diastolic_mmhg: int | None
    haemoglobin_g_dl: float | None
    wflh_category: Category | None
    bfa_category: Category | None
    # From the questionnaires saved with the measurement (None: not asked).
    tb_presumptive: bool | None = None
    dependency: Dependency | None = None


_FROM_CHECK = ("tb_presumptive", "dependency")


class IlpServiceRow(NamedTuple):
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None
    detail: str
    code: str | None  # an immunisation's dose code (domain/immunisation.py)


def ilp_measurements_between(tx: Tx, first: date, last: date) -> tuple[IlpMeasurementRow, ...]:
    """Measurements taken here (or on a home visit) from `first` to `last`, by date."""
    measured = (n for n in IlpMeasurementRow._fields if n not in _FROM_CHECK)
    rows = tx.execute(
        select(
            *(getattr(Measurement, name) for name in measured),
            *(getattr(HealthCheck, name) for name in _FROM_CHECK),
        )
        .outerjoin(HealthCheck, HealthCheck.measurement_id == Measurement.id)
        .where(Measurement.measured_on >= first, Measurement.measured_on <= last)
        .where(Measurement.origin.is_(None))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(IlpMeasurementRow(*r) for r in rows)


def ilp_services_between(tx: Tx, first: date, last: date) -> tuple[IlpServiceRow, ...]:
    """Services given here from `first` to `last` (not those copied from the Buku KIA)."""
    rows = tx.execute(
        select(*(getattr(ServiceGiven, name) for name in IlpServiceRow._fields))
        .where(ServiceGiven.given_on >= first, ServiceGiven.given_on <= last)
        .where(ServiceGiven.from_kia_book.is_(False))
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(IlpServiceRow(*r) for r in rows)

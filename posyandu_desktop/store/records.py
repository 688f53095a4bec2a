"""Frozen values that `store.queries` takes and returns: never ORM rows, so nothing outside the
store can lazy-load, change or keep alive a database object. Services hand these on as their
read-models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar, cast

from posyandu_desktop.domain.export_contract import ExportRow
from posyandu_desktop.domain.growth.classify import Category, LilaStatus
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import (
    AuditAction,
    CadreRole,
    Desk,
    MeasurementSource,
    ServiceKind,
    TrainingGrade,
    Venue,
    VisitReason,
)

R = TypeVar("R", bound=ExportRow)


class Reading(NamedTuple):
    """One measured value and where it came from."""

    value: float
    source: MeasurementSource = MeasurementSource.TYPED


class BloodPressure(NamedTuple):
    systolic_mmhg: int
    diastolic_mmhg: int
    source: MeasurementSource = MeasurementSource.TYPED


@dataclass(frozen=True, slots=True)
class MeasuredValues:
    """What a cadre measured on one occasion; None where nothing was measured."""

    weight_kg: Reading | None = None
    lenhei_cm: Reading | None = None  # length or height as measured (no 0.7 cm correction)
    position: Position | None = None
    headc_cm: Reading | None = None
    lila_cm: Reading | None = None
    oedema: bool = False
    blood_pressure: BloodPressure | None = None
    waist_cm: Reading | None = None
    glucose_mg_dl: Reading | None = None

    @property
    def anything(self) -> bool:
        """True when at least one value was measured."""
        return self.oedema or any(
            v is not None
            for v in (
                self.weight_kg,
                self.lenhei_cm,
                self.headc_cm,
                self.lila_cm,
                self.blood_pressure,
                self.waist_cm,
                self.glucose_mg_dl,
            )
        )


@dataclass(frozen=True, slots=True)
class GrowthFindings:
    """What the domain computed from a measurement, stored beside it."""

    age_days: int
    waz: float | None  # z-scores at full precision; round to 2 decimals for display
    haz: float | None
    whz: float | None
    baz: float | None
    hcz: float | None
    acz: float | None
    bmi: float | None
    wfa_category: Category | None
    lhfa_category: Category | None
    wflh_category: Category | None
    bfa_category: Category | None
    lila_status: LilaStatus | None
    growth_status: GrowthStatus | None  # N/T/O/B for the month's weighing of a balita
    two_t: bool
    engine_version: str
    kbm_version: str | None


@dataclass(frozen=True, slots=True)
class MeasurementRecord:
    id: int
    uid: str
    person_id: int
    day_id: int | None
    home_visit_id: int | None
    measured_on: date
    entered_by: int
    entered_at: datetime
    corrections: int  # how often it was corrected; the audit trail holds the old values
    values: MeasuredValues
    findings: GrowthFindings


@dataclass(frozen=True, slots=True)
class PosyanduRecord:
    id: int
    name: str
    code: str
    kelurahan: str
    kecamatan: str
    kota: str
    puskesmas: str
    venue: Venue


@dataclass(frozen=True, slots=True)
class CertificateRecord:
    id: int
    title: str
    issued_on: date
    issuer: str


@dataclass(frozen=True, slots=True)
class CadreRecord:
    id: int
    posyandu_id: int
    name: str
    nik: str | None
    phone: str
    role: CadreRole
    training_grade: TrainingGrade | None
    bpjs_ketenagakerjaan: str | None
    active: bool
    certificates: tuple[CertificateRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class HouseholdRecord:
    id: int
    uid: str
    head_name: str
    address: str
    rt: int | None
    rw: int | None
    kelurahan: str
    phone: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    uid: str
    household_id: int | None
    nik: str | None
    mother_nik: str | None
    name: str
    sex: Sex
    birth_date: date
    birth_weight_kg: float | None
    birth_length_cm: float | None
    mother_id: int | None
    father_id: int | None
    caregiver_id: int | None
    pregnant: bool
    delivered_on: date | None
    left_on: date | None


@dataclass(frozen=True, slots=True)
class PersonListing:
    """A person as a list shows them: who, whose child, where."""

    id: int
    name: str
    nik: str | None
    sex: Sex
    birth_date: date
    pregnant: bool
    delivered_on: date | None
    mother_name: str | None
    address: str | None
    rt: int | None
    rw: int | None


@dataclass(frozen=True, slots=True)
class BalitaRow:
    """A child under five for the due list, with what the list needs to know."""

    person: PersonListing
    last_weighed_on: date | None
    vitamin_a_given_this_month: bool


@dataclass(frozen=True, slots=True)
class DayRecord:
    id: int
    uid: str
    posyandu_id: int
    held_on: date
    place: str
    opened_at: datetime
    opened_by: int
    closed_at: datetime | None
    closed_by: int | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class DayCounts:
    arrivals: int
    measured: int  # people with at least one measurement on this day
    cadres: int  # cadres who signed in


@dataclass(frozen=True, slots=True)
class ArrivalRecord:
    id: int
    day_id: int
    person_id: int
    queue_number: int
    arrived_at: datetime
    desks_passed: frozenset[Desk]


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    id: int
    day_id: int
    cadre_id: int
    desk: Desk
    arrived_at: datetime
    left_at: datetime | None


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    id: int
    uid: str
    person_id: int
    day_id: int | None
    home_visit_id: int | None
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None
    detail: str
    quantity: int | None
    from_kia_book: bool
    entered_by: int


@dataclass(frozen=True, slots=True)
class HomeVisitRecord:
    id: int
    uid: str
    person_id: int | None
    household_id: int | None
    visited_on: date
    reason: VisitReason
    findings: str
    follow_up: str
    entered_by: int
    cadre_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: datetime
    cadre_id: int | None
    action: AuditAction
    table_name: str
    row_id: int
    changes: Mapping[str, Any]  # create/delete: {column: value}; update: {column: [old, new]}
    reason: str | None


@dataclass(frozen=True, slots=True)
class Changes:
    """Exported rows of an audit window: each table's rows in their current state, as the
    records of domain/export_contract.py, ordered by id, and the ids deleted in the window.
    Every exported table is a key of both, with an empty list when nothing changed.
    `deleted_uids` names the deleted rows by uid instead, for the tables that have one (the
    FHIR bundle deletes by it)."""

    rows: dict[str, list[ExportRow]]
    deleted: dict[str, list[int]]
    deleted_uids: dict[str, list[str]]

    def of(self, record: type[R]) -> list[R]:
        """The rows of `record`'s table, typed as that record."""
        return cast(list[R], self.rows[record.table])


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One monthly export file in the ledger."""

    id: int
    posyandu_id: int
    period: str  # "YYYY-MM"
    revision: int
    file_name: str
    file_sha256: str
    manifest_sha256: str
    previous_manifest_sha256: str | None
    audit_after: int  # the content covers audit events (audit_after, audit_upto]
    audit_upto: int
    counts: dict[str, int]  # rows exported per table
    created_at: datetime
    created_by: int | None
    withdrawn_at: datetime | None = None  # withdrawn by a coordinator (a wrong clock)


@dataclass(frozen=True, slots=True)
class ExportCopyEntry:
    """One copy of an export written to a destination, and whether it read back verified."""

    id: int
    export_id: int
    destination: str
    copied_at: datetime
    verified: bool

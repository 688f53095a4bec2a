"""Frozen values that `store.queries` takes and returns: never ORM rows, so nothing outside the
store can lazy-load, change or keep alive a database object. Services hand these on as their
read-models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, cast

from posyandu_desktop.domain import measurement as _measurement
from posyandu_desktop.domain.export_contract import ExportRow
from posyandu_desktop.domain.ids import (
    ArrivalId,
    CadreId,
    DayId,
    HomeVisitId,
    HouseholdId,
    MeasurementId,
    PersonId,
    PosyanduId,
)
from posyandu_desktop.domain.life_events import LeftReason
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import Dependency, ScreeningAnswers
from posyandu_desktop.domain.vocabulary import (
    AuditAction,
    CadreRole,
    Desk,
    ServiceKind,
    TrainingGrade,
    Venue,
    VisitAction,
    VisitReason,
)

# The values of a measurement and its findings are domain values: the store takes and returns
# them as they are.
Reading = _measurement.Reading
BloodPressure = _measurement.BloodPressure
MeasuredValues = _measurement.MeasuredValues
GrowthFindings = _measurement.GrowthFindings

R = TypeVar("R", bound=ExportRow)


@dataclass(frozen=True, slots=True)
class MeasurementRecord:
    id: MeasurementId
    uid: str
    person_id: PersonId
    day_id: DayId | None
    home_visit_id: HomeVisitId | None
    measured_on: date
    entered_by: CadreId
    entered_at: datetime
    corrections: int  # how often it was corrected; the audit trail holds the old values
    values: MeasuredValues
    findings: GrowthFindings


@dataclass(frozen=True, slots=True)
class PosyanduRecord:
    id: PosyanduId
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
    number: str | None


@dataclass(frozen=True, slots=True)
class CadreRecord:
    id: CadreId
    posyandu_id: PosyanduId
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
    id: HouseholdId
    uid: str
    head_name: str
    address: str
    rt: int | None
    rw: int | None
    kelurahan: str
    phone: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: PersonId
    uid: str
    household_id: HouseholdId | None
    nik: str | None
    mother_nik: str | None
    name: str
    sex: Sex
    birth_date: date
    birth_weight_kg: float | None
    birth_length_cm: float | None
    mother_id: PersonId | None
    father_id: PersonId | None
    caregiver_id: PersonId | None
    pregnant: bool
    delivered_on: date | None
    left_on: date | None
    left_reason: LeftReason | None


@dataclass(frozen=True, slots=True)
class PersonListing:
    """A person as a list shows them: who, whose child, where."""

    id: PersonId
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
    id: DayId
    uid: str
    posyandu_id: PosyanduId
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
    id: ArrivalId
    day_id: DayId
    person_id: PersonId
    queue_number: int
    arrived_at: datetime
    desks_passed: frozenset[Desk]


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    id: int
    day_id: DayId
    cadre_id: CadreId
    desk: Desk
    arrived_at: datetime
    left_at: datetime | None


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    id: int
    uid: str
    person_id: PersonId
    day_id: DayId | None
    home_visit_id: HomeVisitId | None
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None
    detail: str
    quantity: int | None
    from_kia_book: bool
    entered_by: int
    code: str | None = None  # dose code, PMT kind, E-month, method, referral reason


@dataclass(frozen=True, slots=True)
class HealthCheckRecord:
    """The questionnaires of one occasion, as asked, with the results stored beside them."""

    id: int
    uid: str
    person_id: int
    measurement_id: int | None
    day_id: int | None
    checked_on: date
    answers: ScreeningAnswers
    tb_presumptive: bool | None
    gestational_weeks: int | None
    puma_score: int | None
    barthel_score: int | None
    dependency: Dependency | None


@dataclass(frozen=True, slots=True)
class HomeVisitRecord:
    id: HomeVisitId
    uid: str
    person_id: PersonId | None
    household_id: HouseholdId | None
    visited_on: date
    reason: VisitReason
    findings: str
    follow_up: str
    entered_by: int
    cadre_ids: tuple[int, ...]
    actions: tuple[VisitAction, ...] = ()  # what was done: counselling, PMT, referral


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: datetime
    cadre_id: CadreId | None
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
    posyandu_id: PosyanduId
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

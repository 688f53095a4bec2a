"""The monthly file's tables: one frozen record per exported table, whose fields are the
file's columns, and the format version they belong to.

The fields are the contract. Their order is the column order of `data/<table>.json`'s
"columns" and of `csv/<table>.csv`'s header; their types say what a value is (codes of enums
as text, Sex as its WHO number, desks as a list of codes); `| None` marks a column that may be
empty; `privacy` in a field's metadata says whether it names or reaches a person. A column of
an exported registry table that is not a field is in `WITHHELD`, never in a file.
`tests/store/test_export_contract.py` compares all of this with the registry's tables, so a
migration that adds, renames or retypes a column fails until the contract says what is sent.

Any change here is a change of the file: raise `FORMAT_VERSION`
(docs/DECISIONS.md#the-contract-of-the-monthly-file).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, cast

# The version a new monthly file carries. 1: the members in the clear; 2: the members sealed
# to the puskesmas key, the tables as below. Older versions stay readable by verify and merge.
# 3: measurement.origin (imports and the Buku KIA weight); 4: measurement.doubtful, cadre
# competence, certificate numbers, the KMS version, the ILP laboratory values,
# service_given.code and health_check (the life-stage questionnaires), person.left_reason.
FORMAT_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)


class Privacy(StrEnum):
    """Whether a column names or reaches a person; what is sent, and why:
    docs/DECISIONS.md#what-leaves-the-laptop-and-the-puskesmas-side."""

    PLAIN = "plain"  # no person in it: ids, dates of events, measured values, codes
    PERSONAL = "personal"  # identifies a person; sent, the puskesmas matches and visits by it
    CONTACT = "contact"  # personal and not needed there: sent only if the coordinator chooses


class Kind(StrEnum):
    """What a column's values are, as the JSON file writes them."""

    INTEGER = "integer"
    REAL = "real"
    TEXT = "text"
    BOOLEAN = "boolean"
    DATE = "date"  # ISO date text
    TIMESTAMP = "timestamp"  # ISO date and time in UTC with its offset
    TEXT_LIST = "text list"  # a JSON list of codes; in CSV joined with "+"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    nullable: bool
    privacy: Privacy


_PERSONAL = {"privacy": Privacy.PERSONAL}
_CONTACT = {"privacy": Privacy.CONTACT}


# Field types: one of these, or one of them | None. Values come from the registry, so they are
# not checked again on construction; tests/store/test_export_contract.py checks a demo year.
Value = int | float | str | bool | date | datetime | tuple[str, ...] | None


class ExportRow:
    """Base of the records below; `table` is the file and registry table name."""

    __slots__ = ()
    table: ClassVar[str]
    id: int


@dataclass(frozen=True, slots=True)
class PosyanduRow(ExportRow):
    table: ClassVar[str] = "posyandu"
    id: int
    name: str
    code: str
    kelurahan: str
    kecamatan: str
    kota: str
    puskesmas: str
    venue: str
    created_at: datetime
    kbm_version: str | None


@dataclass(frozen=True, slots=True)
class CadreRow(ExportRow):
    table: ClassVar[str] = "cadre"
    id: int
    posyandu_id: int
    name: str = field(metadata=_PERSONAL)
    nik: str | None = field(metadata=_CONTACT)
    phone: str = field(metadata=_CONTACT)
    role: str = field()
    training_grade: str | None = field()
    bpjs_ketenagakerjaan: str | None = field(metadata=_CONTACT)
    active: bool = field()
    created_at: datetime = field()
    is_coordinator: bool = field()


@dataclass(frozen=True, slots=True)
class CadreCertificateRow(ExportRow):
    table: ClassVar[str] = "cadre_certificate"
    id: int
    cadre_id: int
    title: str
    issued_on: date
    issuer: str
    number: str | None


@dataclass(frozen=True, slots=True)
class CadreSkillAssessmentRow(ExportRow):
    table: ClassVar[str] = "cadre_skill_assessment"
    id: int
    cadre_id: int
    skill: str
    passed: bool
    assessed_on: date
    assessor: str = field(metadata=_PERSONAL)
    entered_by: int = field()
    created_at: datetime = field()


@dataclass(frozen=True, slots=True)
class HouseholdRow(ExportRow):
    table: ClassVar[str] = "household"
    id: int
    uid: str
    head_name: str = field(metadata=_PERSONAL)
    address: str = field(metadata=_PERSONAL)
    rt: int | None = field(metadata=_PERSONAL)
    rw: int | None = field(metadata=_PERSONAL)
    kelurahan: str = field()
    phone: str = field(metadata=_CONTACT)
    created_at: datetime = field()


@dataclass(frozen=True, slots=True)
class PersonRow(ExportRow):
    table: ClassVar[str] = "person"
    id: int
    uid: str
    household_id: int | None
    nik: str | None = field(metadata=_PERSONAL)
    mother_nik: str | None = field(metadata=_PERSONAL)
    name: str = field(metadata=_PERSONAL)
    name_key: str = field(metadata=_PERSONAL)
    sex: int = field()  # domain.people.Sex: 1 male, 2 female
    birth_date: date = field(metadata=_PERSONAL)
    birth_weight_kg: float | None = field()
    birth_length_cm: float | None = field()
    mother_id: int | None = field()
    father_id: int | None = field()
    caregiver_id: int | None = field()
    pregnant: bool = field()
    delivered_on: date | None = field()
    left_on: date | None = field()
    created_at: datetime = field()
    left_reason: str | None = field()  # domain.life_events.LeftReason: moved, died


@dataclass(frozen=True, slots=True)
class PosyanduDayRow(ExportRow):
    table: ClassVar[str] = "posyandu_day"
    id: int
    uid: str
    posyandu_id: int
    held_on: date
    place: str
    opened_at: datetime
    opened_by: int
    closed_at: datetime | None
    closed_by: int | None


@dataclass(frozen=True, slots=True)
class ArrivalRow(ExportRow):
    table: ClassVar[str] = "arrival"
    id: int
    day_id: int
    person_id: int
    queue_number: int
    arrived_at: datetime
    desks_passed: tuple[str, ...]  # domain.vocabulary.Desk codes, sorted


@dataclass(frozen=True, slots=True)
class CadreAttendanceRow(ExportRow):
    table: ClassVar[str] = "cadre_attendance"
    id: int
    day_id: int
    cadre_id: int
    desk: str
    arrived_at: datetime
    left_at: datetime | None


@dataclass(frozen=True, slots=True)
class HomeVisitRow(ExportRow):
    table: ClassVar[str] = "home_visit"
    id: int
    uid: str
    person_id: int | None
    household_id: int | None
    visited_on: date
    reason: str
    findings: str = field(metadata=_PERSONAL)  # free text about the people visited
    follow_up: str = field(metadata=_PERSONAL)
    entered_by: int = field()
    created_at: datetime = field()


@dataclass(frozen=True, slots=True)
class HomeVisitCadreRow(ExportRow):
    table: ClassVar[str] = "home_visit_cadre"
    id: int
    home_visit_id: int
    cadre_id: int


@dataclass(frozen=True, slots=True)
class MeasurementRow(ExportRow):
    table: ClassVar[str] = "measurement"
    id: int
    uid: str
    person_id: int
    day_id: int | None
    home_visit_id: int | None
    measured_on: date
    entered_by: int
    entered_at: datetime
    corrections: int
    weight_kg: float | None
    weight_source: str | None
    lenhei_cm: float | None
    lenhei_source: str | None
    position: str | None
    headc_cm: float | None
    headc_source: str | None
    lila_cm: float | None
    lila_source: str | None
    oedema: bool
    systolic_mmhg: int | None
    diastolic_mmhg: int | None
    bp_source: str | None
    waist_cm: float | None
    waist_source: str | None
    glucose_mg_dl: float | None
    glucose_source: str | None
    haemoglobin_g_dl: float | None
    haemoglobin_source: str | None
    cholesterol_mg_dl: float | None
    cholesterol_source: str | None
    uric_acid_mg_dl: float | None
    uric_acid_source: str | None
    age_days: int
    waz: float | None
    haz: float | None
    whz: float | None
    baz: float | None
    hcz: float | None
    acz: float | None
    bmi: float | None
    wfa_category: str | None  # "<scheme>.<category>", as store/columns.py keeps it
    lhfa_category: str | None
    wflh_category: str | None
    bfa_category: str | None
    lila_status: str | None
    growth_status: str | None
    two_t: bool
    engine_version: str
    kbm_version: str | None
    origin: str | None  # None: measured here; "imported" (a register or e-PPGBM) or "kia_book"
    doubtful: tuple[str, ...]  # quantities saved as doubtful ("weight_kg", "lenhei_cm", ...)


@dataclass(frozen=True, slots=True)
class ServiceGivenRow(ExportRow):
    table: ClassVar[str] = "service_given"
    id: int
    uid: str
    person_id: int
    day_id: int | None
    home_visit_id: int | None
    given_on: date
    kind: str
    capsule: str | None
    detail: str
    quantity: int | None
    from_kia_book: bool
    entered_by: int
    created_at: datetime
    code: str | None


@dataclass(frozen=True, slots=True)
class HealthCheckRow(ExportRow):
    table: ClassVar[str] = "health_check"
    id: int
    uid: str
    person_id: int
    measurement_id: int | None
    day_id: int | None
    home_visit_id: int | None
    checked_on: date
    entered_by: int
    created_at: datetime
    tb_symptoms: str | None  # space-separated codes
    tb_presumptive: bool | None
    hpht: date | None
    gestational_weeks: int | None
    pregnancy_class: bool | None
    danger_signs: str | None
    adolescent_risks: str | None
    smoking: str | None
    pack_years: float | None
    puma_symptoms: str | None
    puma_score: int | None
    barthel_items: str | None
    barthel_score: int | None
    dependency: str | None


# In load order: every table after the tables its foreign keys point to (person's links to
# other persons aside), so a puskesmas can load them one after the other.
RECORDS: tuple[type[ExportRow], ...] = (
    PosyanduRow,
    CadreRow,
    CadreCertificateRow,
    CadreSkillAssessmentRow,
    HouseholdRow,
    PersonRow,
    PosyanduDayRow,
    ArrivalRow,
    CadreAttendanceRow,
    HomeVisitRow,
    HomeVisitCadreRow,
    MeasurementRow,
    ServiceGivenRow,
    HealthCheckRow,
)
EXPORTED_TABLES = tuple(r.table for r in RECORDS)
RECORD_OF = {r.table: r for r in RECORDS}

# Registry columns of exported tables that never leave the laptop: a PIN hash in a file on a
# USB stick invites offline guessing.
WITHHELD = {"cadre": ("pin_hash",)}

# Registry tables that never leave the laptop: the audit trail (the file carries its effect),
# wrong-PIN counters, the ledger of exports and their copies (the manifest links months), and
# what a home visit did (the Posyandu's own follow-up; its effect shows in the next weighing).
LAPTOP_ONLY = ("audit_event", "cadre_login", "export_copy", "export_ledger", "home_visit_action")

_KINDS: dict[object, Kind] = {
    int: Kind.INTEGER,
    float: Kind.REAL,
    str: Kind.TEXT,
    bool: Kind.BOOLEAN,
    date: Kind.DATE,
    datetime: Kind.TIMESTAMP,
    tuple[str, ...]: Kind.TEXT_LIST,
}


@cache
def columns(table: str) -> tuple[Column, ...]:
    """Every column the file's `table` may carry, in order (ValueError for another table)."""
    if table not in RECORD_OF:
        raise ValueError(f"{table!r} is not an exported table")
    record = RECORD_OF[table]
    hints = typing.get_type_hints(record)
    found = []
    for f in dataclasses.fields(cast(Any, record)):
        hint = hints[f.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else ()
        nullable = type(None) in args
        plain = next(a for a in args if a is not type(None)) if nullable else hint
        privacy = f.metadata.get("privacy", Privacy.PLAIN)
        found.append(Column(f.name, _KINDS[plain], nullable, privacy))
    return tuple(found)


def column_names(table: str, *, contacts: bool = True) -> tuple[str, ...]:
    """The names of `table`'s columns in a file; without the contact columns unless `contacts`
    (the coordinator's choice to send them)."""
    return tuple(c.name for c in columns(table) if contacts or c.privacy is not Privacy.CONTACT)


def json_value(value: Value) -> Any:
    """A field's value as the file writes it: dates as ISO text, desks as a list."""
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def as_json(row: ExportRow, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A record as one row of `data/<table>.json` (all its columns, or those `names`)."""
    wanted = names if names is not None else column_names(row.table)
    return {name: json_value(getattr(row, name)) for name in wanted}

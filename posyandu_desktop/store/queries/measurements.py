"""Measurements and what is read from them: weighings for the KMS status, this month's alerts,
and the life-stage questionnaires asked with them (table health_check).

Measurements with their computed findings; weighings for the KMS status.

The home screen's KEK alert reads the LILA of pregnant women here; its other alerts come from
the monthly report's own rules (services/day.py).

What the early-warning list is computed from: the children born after a date, their
measurements' z-scores and KMS letters, their mothers' LILA, and the months with a Posyandu day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, func, or_, select

from posyandu_desktop.domain.growth.classify import LilaStatus
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.health_check import HealthFindings
from posyandu_desktop.domain.ids import CadreId, DayId, MeasurementId, PersonId
from posyandu_desktop.domain.screenings import (
    AdolescentRisk,
    DangerSign,
    PumaSymptom,
    ScreeningAnswers,
    TbSymptom,
    barthel_text,
    codes_text,
    parse_barthel,
    parse_codes,
)
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import (
    BloodPressure,
    GrowthFindings,
    HealthCheckRecord,
    MeasuredValues,
    MeasurementRecord,
    Reading,
)
from posyandu_desktop.store.tables import HealthCheck, Measurement, Person, PosyanduDay

# MeasuredValues field -> its value and source columns.
_READINGS = {
    "weight_kg": ("weight_kg", "weight_source"),
    "lenhei_cm": ("lenhei_cm", "lenhei_source"),
    "headc_cm": ("headc_cm", "headc_source"),
    "lila_cm": ("lila_cm", "lila_source"),
    "waist_cm": ("waist_cm", "waist_source"),
    "glucose_mg_dl": ("glucose_mg_dl", "glucose_source"),
    "haemoglobin_g_dl": ("haemoglobin_g_dl", "haemoglobin_source"),
    "cholesterol_mg_dl": ("cholesterol_mg_dl", "cholesterol_source"),
    "uric_acid_mg_dl": ("uric_acid_mg_dl", "uric_acid_source"),
}
_FINDINGS = tuple(f.name for f in fields(GrowthFindings))


def _columns(values: MeasuredValues, findings: GrowthFindings) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for field, (value_column, source_column) in _READINGS.items():
        reading: Reading | None = getattr(values, field)
        columns[value_column] = None if reading is None else reading.value
        columns[source_column] = None if reading is None else reading.source
    bp = values.blood_pressure
    columns["systolic_mmhg"] = None if bp is None else bp.systolic_mmhg
    columns["diastolic_mmhg"] = None if bp is None else bp.diastolic_mmhg
    columns["bp_source"] = None if bp is None else bp.source
    columns["position"] = values.position
    columns["oedema"] = values.oedema
    columns.update((name, getattr(findings, name)) for name in _FINDINGS)
    return columns


def columns_of(values: MeasuredValues, findings: GrowthFindings) -> dict[str, Any]:
    """The column values of a measurement (for a bulk insert)."""
    return _columns(values, findings)


def _values(row: Measurement) -> MeasuredValues:
    readings = {}
    for field, (value_column, source_column) in _READINGS.items():
        value = getattr(row, value_column)
        readings[field] = None if value is None else Reading(value, getattr(row, source_column))
    bp = None
    if row.systolic_mmhg is not None and row.diastolic_mmhg is not None and row.bp_source:
        bp = BloodPressure(row.systolic_mmhg, row.diastolic_mmhg, row.bp_source)
    return MeasuredValues(**readings, position=row.position, oedema=row.oedema, blood_pressure=bp)


def _record(row: Measurement) -> MeasurementRecord:
    return record(MeasurementRecord, row, values=_values(row), findings=record(GrowthFindings, row))


def add_measurement(
    tx: Tx,
    *,
    person_id: PersonId,
    measured_on: date,
    entered_by: CadreId,
    values: MeasuredValues,
    findings: GrowthFindings,
    day_id: DayId | None = None,
    home_visit_id: int | None = None,
) -> MeasurementRecord:
    """Insert a measurement with its findings."""
    row = Measurement(
        person_id=person_id,
        measured_on=measured_on,
        entered_by=entered_by,
        day_id=day_id,
        home_visit_id=home_visit_id,
        corrections=0,
        **_columns(values, findings),
    )
    tx.add(row)
    tx.flush()
    return _record(row)


def get_measurement(tx: Tx, measurement_id: MeasurementId) -> MeasurementRecord | None:
    """The measurement with this id, or None."""
    row = tx.get(Measurement, measurement_id)
    return None if row is None else _record(row)


def correct_measurement(
    tx: Tx,
    measurement_id: MeasurementId,
    *,
    measured_on: date,
    values: MeasuredValues,
    findings: GrowthFindings,
) -> MeasurementRecord:
    """Overwrite a measurement's values and findings and count the correction; the audit event
    of this flush keeps the old values."""
    row = tx.get_one(Measurement, measurement_id)
    row.measured_on = measured_on
    for column, value in _columns(values, findings).items():
        setattr(row, column, value)
    row.corrections += 1
    tx.flush()
    return _record(row)


class Weighing(NamedTuple):
    id: int
    measured_on: date
    weight_kg: float
    growth_status: GrowthStatus | None
    two_t: bool


def weighings(tx: Tx, person_id: PersonId) -> tuple[Weighing, ...]:
    """Every valid weighing of a person (a doubtful weight is none) with its stored KMS status,
    by date then id (entry order)."""
    rows = tx.execute(
        select(
            Measurement.id,
            Measurement.measured_on,
            Measurement.weight_kg,
            Measurement.growth_status,
            Measurement.two_t,
        )
        .where(
            Measurement.person_id == person_id,
            Measurement.weight_kg.is_not(None),
            func.instr(Measurement.doubtful, Quantity.WEIGHT_KG.value) == 0,
        )
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(
        Weighing(r.id, r.measured_on, r.weight_kg or 0.0, r.growth_status, r.two_t) for r in rows
    )


def set_growth_statuses(
    tx: Tx, statuses: Mapping[MeasurementId, tuple[GrowthStatus | None, bool]]
) -> None:
    """Set (KMS status, 2T) on measurements by id."""
    for row in tx.scalars(select(Measurement).where(Measurement.id.in_(statuses))):
        row.growth_status, row.two_t = statuses[MeasurementId(row.id)]
    tx.flush()


def history(tx: Tx, person_id: PersonId) -> tuple[MeasurementRecord, ...]:
    """Every measurement of a person, oldest first."""
    rows = tx.scalars(
        select(Measurement)
        .where(Measurement.person_id == person_id)
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(_record(row) for row in rows)


@dataclass(frozen=True, slots=True)
class PregnantLila:
    """A pregnant woman's latest LILA."""

    person_id: int
    name: str
    birth_date: date
    measured_on: date
    lila_cm: float
    lila_status: LilaStatus | None


def _present(on: date) -> ColumnElement[bool]:
    return or_(Person.left_on.is_(None), Person.left_on > on)


def pregnant_lila(tx: Tx, *, since: date, on: date) -> tuple[PregnantLila, ...]:
    """The latest LILA since `since` of each woman marked pregnant and still present, by name."""
    rows = tx.execute(
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.birth_date,
            Measurement.measured_on,
            Measurement.lila_cm,
            Measurement.lila_status,
        )
        .join(Person, Person.id == Measurement.person_id)
        .where(
            Person.pregnant.is_(True),
            _present(on),
            Measurement.lila_cm.is_not(None),
            Measurement.measured_on >= since,
        )
        .order_by(Person.id, Measurement.measured_on, Measurement.id)
    ).all()
    last = {row.person_id: row for row in rows}
    found = [PregnantLila(**row._asdict()) for row in last.values()]
    return tuple(sorted(found, key=lambda r: (r.name.casefold(), r.person_id)))


@dataclass(frozen=True, slots=True)
class ChildRecord:
    person_id: int
    name: str
    birth_date: date
    birth_weight_kg: float | None
    birth_length_cm: float | None
    mother_id: int | None
    left_on: date | None


@dataclass(frozen=True, slots=True)
class GrowthRecord:
    """One measurement of a child with a weight-for-age or length-for-age z."""

    person_id: int
    measurement_id: int
    measured_on: date
    waz: float | None
    haz: float | None
    growth_status: GrowthStatus | None
    two_t: bool
    doubtful: frozenset[Quantity] = frozenset()


@dataclass(frozen=True, slots=True)
class LilaRecord:
    person_id: int
    measured_on: date
    lila_cm: float


def children_born_after(
    tx: Tx, born_after: date, only: int | None = None
) -> tuple[ChildRecord, ...]:
    """Everyone born after `born_after` (moved away or not), by id; with `only`, that person."""
    rows = tx.execute(
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.birth_date,
            Person.birth_weight_kg,
            Person.birth_length_cm,
            Person.mother_id,
            Person.left_on,
        )
        .where(Person.birth_date > born_after, *([Person.id == only] if only else []))
        .order_by(Person.id)
    ).all()
    return tuple(ChildRecord(**row._asdict()) for row in rows)


def growth_of_children_born_after(
    tx: Tx, born_after: date, only: int | None = None
) -> tuple[GrowthRecord, ...]:
    """Their measurements with a WAZ or HAZ, oldest first; with `only`, that person's."""
    rows = tx.execute(
        select(
            Measurement.person_id,
            Measurement.id.label("measurement_id"),
            Measurement.measured_on,
            Measurement.waz,
            Measurement.haz,
            Measurement.growth_status,
            Measurement.two_t,
            Measurement.doubtful,
        )
        .join(Person, Person.id == Measurement.person_id)
        .where(
            Person.birth_date > born_after,
            *([Person.id == only] if only else []),
            (Measurement.waz.is_not(None)) | (Measurement.haz.is_not(None)),
        )
        .order_by(Measurement.measured_on, Measurement.id)
    ).all()
    return tuple(GrowthRecord(**row._asdict()) for row in rows)


def lila_of(tx: Tx, person_ids: list[int]) -> tuple[LilaRecord, ...]:
    """Every valid LILA measured of these people (the mothers), oldest first."""
    if not person_ids:
        return ()
    rows = tx.execute(
        select(
            Measurement.person_id,
            Measurement.measured_on,
            Measurement.lila_cm,
            Measurement.doubtful,
        )
        .where(Measurement.person_id.in_(person_ids), Measurement.lila_cm.is_not(None))
        .order_by(Measurement.measured_on, Measurement.id)
    ).all()
    return tuple(
        LilaRecord(r.person_id, r.measured_on, float(r.lila_cm))
        for r in rows
        if Quantity.LILA_CM not in r.doubtful  # a doubtful LILA counts for nothing
    )


def posyandu_day_dates(tx: Tx) -> tuple[date, ...]:
    """The dates of every Posyandu day held."""
    return tuple(tx.scalars(select(PosyanduDay.held_on).order_by(PosyanduDay.held_on)))


# Life-stage questionnaires ###################################################################


def _text(codes: Iterable[StrEnum] | None) -> str | None:
    return None if codes is None else codes_text(codes)


def add_health_check(
    tx: Tx,
    *,
    person_id: int,
    checked_on: date,
    entered_by: int,
    answers: ScreeningAnswers,
    findings: HealthFindings,
    measurement_id: int | None = None,
    day_id: int | None = None,
    home_visit_id: int | None = None,
) -> HealthCheckRecord:
    """Insert the answers of one occasion with the results the reports count."""
    row = HealthCheck(
        person_id=person_id,
        checked_on=checked_on,
        entered_by=entered_by,
        measurement_id=measurement_id,
        day_id=day_id,
        home_visit_id=home_visit_id,
        tb_symptoms=_text(answers.tb),
        tb_presumptive=findings.tb_presumptive,
        hpht=answers.hpht,
        gestational_weeks=None if findings.pregnancy is None else findings.pregnancy.weeks,
        pregnancy_class=answers.pregnancy_class,
        danger_signs=_text(answers.danger_signs),
        adolescent_risks=_text(answers.adolescent),
        smoking=answers.smoking,
        pack_years=answers.pack_years,
        puma_symptoms=_text(answers.puma),
        puma_score=findings.puma_score,
        barthel_items=None if answers.barthel is None else barthel_text(answers.barthel),
        barthel_score=findings.barthel_score,
        dependency=findings.dependency,
    )
    tx.add(row)
    tx.flush()
    return _check_record(row)


def health_checks_of(tx: Tx, person_id: int) -> tuple[HealthCheckRecord, ...]:
    """Every questionnaire occasion of a person, oldest first."""
    rows = tx.scalars(
        select(HealthCheck)
        .where(HealthCheck.person_id == person_id)
        .order_by(HealthCheck.checked_on, HealthCheck.id)
    )
    return tuple(_check_record(row) for row in rows)


E = TypeVar("E", bound=StrEnum)


def _codes(enum: type[E], text: str | None) -> frozenset[E] | None:
    return None if text is None else parse_codes(enum, text)


def _check_record(row: HealthCheck) -> HealthCheckRecord:
    answers = ScreeningAnswers(
        tb=_codes(TbSymptom, row.tb_symptoms),
        hpht=row.hpht,
        pregnancy_class=row.pregnancy_class,
        danger_signs=_codes(DangerSign, row.danger_signs),
        adolescent=_codes(AdolescentRisk, row.adolescent_risks),
        smoking=row.smoking,
        pack_years=row.pack_years,
        puma=_codes(PumaSymptom, row.puma_symptoms),
        barthel=None if row.barthel_items is None else parse_barthel(row.barthel_items),
    )
    return record(HealthCheckRecord, row, answers=answers)

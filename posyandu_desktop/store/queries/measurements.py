"""Measurements and what is read from them: weighings for the KMS status, this month's alerts,
and the life-stage questionnaires asked with them (table health_check).

Measurements with their computed findings; weighings for the KMS status.

What the home screen's alerts are computed from: this month's measurements per person, and
the LILA of pregnant women.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import aliased

from posyandu_desktop.domain.growth.classify import STUNTED, Category, LilaStatus
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
from posyandu_desktop.store.tables import HealthCheck, Measurement, Person

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
    """Every weighing of a person with its stored KMS status, by date then id (entry order)."""
    rows = tx.execute(
        select(
            Measurement.id,
            Measurement.measured_on,
            Measurement.weight_kg,
            Measurement.growth_status,
            Measurement.two_t,
        )
        .where(Measurement.person_id == person_id, Measurement.weight_kg.is_not(None))
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
class LatestOfMonth:
    """A person's last measurement in a month, with what the alerts need."""

    person_id: int
    name: str
    birth_date: date
    measured_on: date
    oedema: bool
    waz: float | None
    haz: float | None
    whz: float | None
    baz: float | None
    hcz: float | None
    acz: float | None
    lhfa_category: Category | None
    two_t: bool
    stunted_before: bool  # an earlier month's measurement was already stunted


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


def latest_of_month(
    tx: Tx, *, month_start: date, month_end: date, notable_z: float
) -> tuple[LatestOfMonth, ...]:
    """Each present person's last measurement in [month_start, month_end), by name; only those
    that may raise an alert: 2T, oedema, a stunted length, or some |z| >= `notable_z` (the
    caller decides exactly; this keeps hundreds of unremarkable rows out of Python)."""
    ranked = (
        select(
            Measurement,
            func.row_number()
            .over(
                partition_by=Measurement.person_id,
                order_by=(Measurement.measured_on.desc(), Measurement.id.desc()),
            )
            .label("newest_first"),
        )
        .where(Measurement.measured_on >= month_start, Measurement.measured_on < month_end)
        .subquery()
    )
    latest = aliased(Measurement, ranked)
    scores = (latest.waz, latest.haz, latest.whz, latest.baz, latest.hcz, latest.acz)
    rows = tx.execute(
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.birth_date,
            latest.measured_on,
            latest.oedema,
            *scores,
            latest.lhfa_category,
            latest.two_t,
        )
        .join(Person, Person.id == latest.person_id)
        .where(
            ranked.c.newest_first == 1,
            _present(month_start),
            or_(
                latest.two_t.is_(True),
                latest.oedema.is_(True),
                latest.lhfa_category.in_(STUNTED),
                *(func.abs(z) >= notable_z for z in scores),
            ),
        )
    ).all()
    ids = [row.person_id for row in rows]
    stunted_before = set(
        tx.scalars(
            select(Measurement.person_id)
            .where(
                Measurement.person_id.in_(ids),
                Measurement.measured_on < month_start,
                Measurement.lhfa_category.in_(STUNTED),
            )
            .distinct()
        )
    )
    found = [
        LatestOfMonth(**row._asdict(), stunted_before=row.person_id in stunted_before)
        for row in rows
    ]
    return tuple(sorted(found, key=lambda r: (r.name.casefold(), r.person_id)))


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

"""The life-stage questionnaires asked on one occasion (table health_check)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import select

from posyandu_desktop.domain.health_check import HealthFindings
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
from posyandu_desktop.store.records import HealthCheckRecord
from posyandu_desktop.store.tables import HealthCheck


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
    return _record(row)


def health_checks_of(tx: Tx, person_id: int) -> tuple[HealthCheckRecord, ...]:
    """Every questionnaire occasion of a person, oldest first."""
    rows = tx.scalars(
        select(HealthCheck)
        .where(HealthCheck.person_id == person_id)
        .order_by(HealthCheck.checked_on, HealthCheck.id)
    )
    return tuple(_record(row) for row in rows)


E = TypeVar("E", bound=StrEnum)


def _codes(enum: type[E], text: str | None) -> frozenset[E] | None:
    return None if text is None else parse_codes(enum, text)


def _record(row: HealthCheck) -> HealthCheckRecord:
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

"""Saving measured values: the hard limits (`domain/measurement.HARD_LIMITS`), then the domain's
assessment
(`domain/measurement.assess_measurement`) stored with the values.

Shared by measuring at the post, correcting, measuring on a home visit and the demo.
"""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.health_check import HealthFindings, assess_health
from posyandu_desktop.domain.ids import CadreId, DayId, MeasurementId
from posyandu_desktop.domain.measurement import (
    HARD_LIMITS,
    MeasurementAssessment,
    assess_measurement,
)
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.screenings import ScreeningAnswers
from posyandu_desktop.services._checks import in_range
from posyandu_desktop.services.outcome import Issue
from posyandu_desktop.settings import who_standards
from posyandu_desktop.store import Tx
from posyandu_desktop.store.queries import health_checks, measurements
from posyandu_desktop.store.records import (
    GrowthFindings,
    MeasuredValues,
    MeasurementRecord,
    PersonRecord,
)


def value_issues(values: MeasuredValues) -> list[Issue]:
    """What is wrong with a set of measured values, before anything is looked up."""
    if not values.anything:
        return [Issue(Problem.NOTHING_MEASURED)]
    issues: list[Issue] = []
    for quantity, value in values.quantities().items():
        issues += in_range(value, quantity.value, *HARD_LIMITS[quantity])
    bp = values.blood_pressure
    if bp is not None and bp.diastolic_mmhg >= bp.systolic_mmhg:
        issues.append(Issue(Problem.DIASTOLIC_NOT_BELOW_SYSTOLIC, "diastolic_mmhg"))
    if values.position is not None and values.lenhei_cm is None:
        issues.append(Issue(Problem.POSITION_WITHOUT_LENGTH, "position"))
    return issues


def findings(person: PersonRecord, on: date, values: MeasuredValues) -> GrowthFindings:
    """Z-scores, categories and LILA status of one measurement judged alone: an import scores
    its rows so, then gives all their KMS letters at once (`domain/measurement.kms_statuses`)."""
    return assess_measurement(who_standards(), person, on, values, ()).findings


def assessed(
    tx: Tx,
    person: PersonRecord,
    on: date,
    values: MeasuredValues,
    *,
    measurement_id: MeasurementId | None = None,
) -> MeasurementAssessment:
    """The domain's judgement of `values` among the person's saved measurements."""
    saved = measurements.history(tx, person.id)
    return assess_measurement(
        who_standards(), person, on, values, saved, measurement_id=measurement_id
    )


def save(
    tx: Tx,
    person: PersonRecord,
    *,
    measured_on: date,
    values: MeasuredValues,
    entered_by: CadreId,
    day_id: DayId | None = None,
    home_visit_id: int | None = None,
    answers: ScreeningAnswers | None = None,
) -> MeasurementRecord:
    """Insert a measurement with its findings and KMS status; later months it changes follow.
    With `answers`, the life-stage questionnaires are saved beside it, judged with its values
    (`domain/health_check.assess_health`)."""
    judged = assessed(tx, person, measured_on, values)
    if judged.status_changes:
        measurements.set_growth_statuses(tx, judged.status_changes)
    saved = measurements.add_measurement(
        tx,
        person_id=person.id,
        measured_on=measured_on,
        entered_by=entered_by,
        values=values,
        findings=judged.findings,
        day_id=day_id,
        home_visit_id=home_visit_id,
    )
    if answers is not None:
        health_checks.add_health_check(
            tx,
            person_id=person.id,
            checked_on=measured_on,
            entered_by=entered_by,
            answers=answers,
            findings=health_findings(person, measured_on, values, judged, answers),
            measurement_id=saved.id,
            day_id=day_id,
            home_visit_id=home_visit_id,
        )
    return saved


def health_findings(
    person: PersonRecord,
    on: date,
    values: MeasuredValues,
    judged: MeasurementAssessment,
    answers: ScreeningAnswers | None,
) -> HealthFindings:
    """The ILP classes and questionnaire results of one occasion (the desk preview and the
    save alike)."""
    return assess_health(
        stage=judged.life_stage,
        sex=person.sex,
        age_months=judged.age_months,
        on=on,
        values=values.quantities(),
        bmi=judged.findings.bmi,
        answers=answers,
    )


def correct(
    tx: Tx,
    person: PersonRecord,
    measurement_id: MeasurementId,
    *,
    measured_on: date,
    values: MeasuredValues,
) -> MeasurementRecord:
    """Overwrite a measurement with corrected values, findings and KMS statuses."""
    judged = assessed(tx, person, measured_on, values, measurement_id=measurement_id)
    if judged.status_changes:
        measurements.set_growth_statuses(tx, judged.status_changes)
    return measurements.correct_measurement(
        tx, measurement_id, measured_on=measured_on, values=values, findings=judged.findings
    )

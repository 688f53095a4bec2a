"""Saving measured values: the hard limits (`domain/measurement.HARD_LIMITS`), then the domain's
assessment
(`domain/measurement.assess_measurement`) stored with the values.

Shared by measuring at the post, correcting, measuring on a home visit and the demo.
"""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.growth.weight_gain import KbmTable
from posyandu_desktop.domain.ids import CadreId, DayId, MeasurementId
from posyandu_desktop.domain.measurement import (
    HARD_LIMITS,
    MeasurementAssessment,
    assess_measurement,
)
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services._checks import in_range
from posyandu_desktop.services.outcome import Issue
from posyandu_desktop.settings import kms_versions, who_standards
from posyandu_desktop.store import Tx
from posyandu_desktop.store.queries import competence, measurements
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
        who_standards(), person, on, values, saved, measurement_id=measurement_id, kbm=kbm(tx)
    )


def kbm(tx: Tx) -> KbmTable:
    """The KBM of the KMS version the coordinator chose (docs/sources/kms.md#versions)."""
    chosen = competence.laptop_kbm_version(tx)
    versions = kms_versions()
    return next((v.kbm for v in versions if v.version == chosen), versions[0].kbm)


def save(
    tx: Tx,
    person: PersonRecord,
    *,
    measured_on: date,
    values: MeasuredValues,
    entered_by: CadreId,
    day_id: DayId | None = None,
    home_visit_id: int | None = None,
) -> MeasurementRecord:
    """Insert a measurement with its findings and KMS status; later months it changes follow."""
    judged = assessed(tx, person, measured_on, values)
    if judged.status_changes:
        measurements.set_growth_statuses(tx, judged.status_changes)
    return measurements.add_measurement(
        tx,
        person_id=person.id,
        measured_on=measured_on,
        entered_by=entered_by,
        values=values,
        findings=judged.findings,
        day_id=day_id,
        home_visit_id=home_visit_id,
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

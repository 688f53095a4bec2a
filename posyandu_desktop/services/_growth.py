"""Turning measured values into stored findings: checks, z-scores, categories, KMS status.

Shared by measuring at the post, correcting, and measuring on a home visit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from posyandu_desktop.domain.growth.classify import LilaGroup, classify, lila_status
from posyandu_desktop.domain.growth.weight_gain import (
    KBM_BUKU_KIA_2023,
    GrowthStatus,
    completed_months,
    growth_statuses,
)
from posyandu_desktop.domain.growth.zscore import ENGINE_VERSION, Indicator, Measurements, assess
from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services._checks import in_range
from posyandu_desktop.services.outcome import Issue
from posyandu_desktop.settings import who_standards
from posyandu_desktop.store import Tx
from posyandu_desktop.store.queries import measurements
from posyandu_desktop.store.records import (
    GrowthFindings,
    MeasuredValues,
    MeasurementRecord,
    PersonRecord,
    Reading,
)

# Hard limits catch slips of the keyboard (a lost decimal point, grams typed as kilograms),
# not unusual people: WHO's implausible-value flags judge those, and the value is kept.
# Kemenkes equipment (Kepmenkes HK.01.07/MENKES/51/2022): length boards to 150 cm, microtoise
# to 200 cm; glucometers read about 20-600 mg/dL.
LIMITS: dict[str, tuple[float, float]] = {
    "weight_kg": (0.3, 250.0),
    "lenhei_cm": (20.0, 230.0),
    "headc_cm": (15.0, 70.0),
    "lila_cm": (5.0, 60.0),
    "waist_cm": (30.0, 250.0),
    "glucose_mg_dl": (20.0, 800.0),
    "systolic_mmhg": (50, 300),
    "diastolic_mmhg": (20, 200),
}
# KMS statuses are for children under five (the KBM table ends at 60 months,
# docs/sources/kms.md#kbm).
KMS_BELOW_MONTHS = 60
# Wanita usia subur (WUS): women aged 15-49, whose LILA is judged against 23.5 cm
# (docs/sources/lila-muac.md).
_WUS_YEARS = (15, 49)


def value_issues(values: MeasuredValues) -> list[Issue]:
    """What is wrong with a set of measured values, before anything is looked up."""
    if not values.anything:
        return [Issue(Problem.NOTHING_MEASURED)]
    issues: list[Issue] = []
    for field in ("weight_kg", "lenhei_cm", "headc_cm", "lila_cm", "waist_cm", "glucose_mg_dl"):
        reading: Reading | None = getattr(values, field)
        if reading is not None:
            issues += in_range(reading.value, field, *LIMITS[field])
    bp = values.blood_pressure
    if bp is not None:
        issues += in_range(bp.systolic_mmhg, "systolic_mmhg", *LIMITS["systolic_mmhg"])
        issues += in_range(bp.diastolic_mmhg, "diastolic_mmhg", *LIMITS["diastolic_mmhg"])
        if bp.diastolic_mmhg >= bp.systolic_mmhg:
            issues.append(Issue(Problem.DIASTOLIC_NOT_BELOW_SYSTOLIC, "diastolic_mmhg"))
    if values.position is not None and values.lenhei_cm is None:
        issues.append(Issue(Problem.POSITION_WITHOUT_LENGTH, "position"))
    return issues


def _lila_group(person: PersonRecord, on: date, months: int) -> LilaGroup | None:
    # The LILA cut-off groups (docs/sources/lila-muac.md#cut-offs): children 6-59 months and 5-9
    # years by age; women when pregnant, in nifas, or of reproductive age.
    if 6 <= months < 60:
        return LilaGroup.CHILD_6_59_MONTHS
    if 60 <= months < 120:
        return LilaGroup.CHILD_5_9_YEARS
    if person.sex is not Sex.FEMALE:
        return None
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    wus = _WUS_YEARS[0] <= months // 12 <= _WUS_YEARS[1]
    return LilaGroup.WOMAN if wus or stage is LifeStage.PREGNANT_OR_POSTPARTUM else None


def findings(person: PersonRecord, on: date, values: MeasuredValues) -> GrowthFindings:
    """Z-scores, Permenkes categories and LILA status of one measurement (the KMS status needs
    the child's other weighings: `save` and `correct` add it)."""
    age = Age.between(person.birth_date, on)
    if age is None:
        raise ValueError(f"measured on {on}, before the birth on {person.birth_date}")

    def value(reading: Reading | None) -> float | None:
        return None if reading is None else reading.value

    weight = value(values.weight_kg)
    scores = assess(
        who_standards(),
        Measurements(
            sex=person.sex,
            age=age,
            weight_kg=weight,
            lenhei_cm=value(values.lenhei_cm),
            position=values.position,
            headc_cm=value(values.headc_cm),
            armc_cm=value(values.lila_cm),
            oedema=values.oedema,
        ),
    )
    months = completed_months(person.birth_date, on)
    group = _lila_group(person, on, months)
    lila = value(values.lila_cm)
    balita = months < KMS_BELOW_MONTHS
    return GrowthFindings(
        age_days=age.days,
        waz=scores[Indicator.WEIGHT_FOR_AGE].z,
        haz=scores[Indicator.LENGTH_HEIGHT_FOR_AGE].z,
        whz=scores[Indicator.WEIGHT_FOR_LENGTH_HEIGHT].z,
        baz=scores[Indicator.BMI_FOR_AGE].z,
        hcz=scores[Indicator.HEAD_CIRCUMFERENCE_FOR_AGE].z,
        acz=scores[Indicator.ARM_CIRCUMFERENCE_FOR_AGE].z,
        bmi=scores.bmi,
        wfa_category=classify(scores[Indicator.WEIGHT_FOR_AGE]),
        lhfa_category=classify(scores[Indicator.LENGTH_HEIGHT_FOR_AGE]),
        wflh_category=classify(scores[Indicator.WEIGHT_FOR_LENGTH_HEIGHT]),
        bfa_category=classify(scores[Indicator.BMI_FOR_AGE]),
        lila_status=None if group is None else lila_status(lila, group, oedema=values.oedema),
        growth_status=None,
        two_t=False,
        engine_version=ENGINE_VERSION,
        kbm_version=KBM_BUKU_KIA_2023.version if balita and weight is not None else None,
    )


def _month(on: date) -> int:
    return on.year * 12 + on.month


# A weighing to judge: (row id, or None for the one being saved; date; kg).
_Weighing = tuple[int | None, date, float]
_Status = tuple[GrowthStatus | None, bool]


def _kms_statuses(person: PersonRecord, weighed: list[_Weighing]) -> dict[int | None, _Status]:
    """N/T/O/B and 2T for every weighing in `weighed` (in date, then entry, order): the last
    weighing of each month under five gets the month's status, the others none."""
    balita = [w for w in weighed if completed_months(person.birth_date, w[1]) < KMS_BELOW_MONTHS]
    history = growth_statuses(person.birth_date, [(on, kg) for _, on, kg in balita])
    by_month = {_month(result.on): result for result in history.results}
    # growth_statuses keeps a month's last weighing by date then input order, as listed here.
    last_of_month = {_month(on): key for key, on, _ in balita}
    statuses: dict[int | None, _Status] = {key: (None, False) for key, _, _ in weighed}
    for month, key in last_of_month.items():
        statuses[key] = (by_month[month].status, by_month[month].two_t)
    return statuses


def _with_kms_status(
    tx: Tx,
    person: PersonRecord,
    found: GrowthFindings,
    *,
    row_id: int | None,
    on: date,
    kg: float | None,
) -> GrowthFindings:
    """`found` with the KMS status of the weighing being saved (row_id None: a new row, which
    comes after every saved one of its date); other weighings whose status this changes are
    updated, so a late entry or a correction also fixes the months after it."""
    saved = [w for w in measurements.weighings(tx, person.id) if w.id != row_id]
    weighed: list[_Weighing] = [(w.id, w.measured_on, w.weight_kg) for w in saved]
    if kg is not None:
        weighed.append((row_id, on, kg))
        weighed.sort(key=lambda w: (w[1], w[0] if w[0] is not None else float("inf")))
    statuses = _kms_statuses(person, weighed)
    changed = {w.id: statuses[w.id] for w in saved if (w.growth_status, w.two_t) != statuses[w.id]}
    if changed:
        measurements.set_growth_statuses(tx, changed)
    status, two_t = statuses.get(row_id, (None, False)) if kg is not None else (None, False)
    return replace(found, growth_status=status, two_t=two_t)


def save(
    tx: Tx,
    person: PersonRecord,
    *,
    measured_on: date,
    values: MeasuredValues,
    entered_by: int,
    day_id: int | None = None,
    home_visit_id: int | None = None,
) -> MeasurementRecord:
    """Insert a measurement with its findings and KMS status."""
    weight = None if values.weight_kg is None else values.weight_kg.value
    found = findings(person, measured_on, values)
    if weight is not None:
        found = _with_kms_status(tx, person, found, row_id=None, on=measured_on, kg=weight)
    return measurements.add_measurement(
        tx,
        person_id=person.id,
        measured_on=measured_on,
        entered_by=entered_by,
        values=values,
        findings=found,
        day_id=day_id,
        home_visit_id=home_visit_id,
    )


def correct(
    tx: Tx, person: PersonRecord, measurement_id: int, *, measured_on: date, values: MeasuredValues
) -> MeasurementRecord:
    """Overwrite a measurement with corrected values, findings and KMS statuses."""
    weight = None if values.weight_kg is None else values.weight_kg.value
    found = findings(person, measured_on, values)
    found = _with_kms_status(tx, person, found, row_id=measurement_id, on=measured_on, kg=weight)
    return measurements.correct_measurement(
        tx, measurement_id, measured_on=measured_on, values=values, findings=found
    )

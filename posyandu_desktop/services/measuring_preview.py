"""What the measuring desk shows while values are typed, before anything is saved: z-scores and
categories, N/T against last month with the KBM, the LILA status and doubts about the values.

The numbers come from the same code that `record_measurement` stores (`_growth.findings`, the
KMS status by `growth_statuses`), so the preview and the saved record always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.classify import Category, LilaStatus, is_bgm
from posyandu_desktop.domain.growth.plausibility import (
    PlausibilityIssue,
    Previous,
    Quantity,
    plausibility_issues,
)
from posyandu_desktop.domain.growth.weight_gain import (
    GrowthStatus,
    completed_months,
    growth_statuses,
)
from posyandu_desktop.domain.growth.zscore import (
    Indicator,
    ZProblem,
    ZScore,
    adjust_length_height,
    implausible,
)
from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services import _growth
from posyandu_desktop.services.outcome import Issue, Outcome, refused
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import measurements, people
from posyandu_desktop.store.records import (
    GrowthFindings,
    MeasuredValues,
    MeasurementRecord,
    PersonRecord,
)


@dataclass(frozen=True, slots=True)
class ZResult:
    """One index: its z rounded to two decimals (None under oedema), category, WHO flag."""

    indicator: Indicator
    z: float | None
    category: Category | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class GrowthPreview:
    """The KMS letter this weighing would get, with the gain and the KBM it was judged by."""

    status: GrowthStatus
    gain_g: int | None  # N and T only
    kbm_g: int | None  # None: judged by the sign of the gain (month 0 or past the table)
    two_t: bool
    previous_on: date | None  # the weighing it is compared with (N, T) or the last one (O)
    previous_kg: float | None


@dataclass(frozen=True, slots=True)
class MeasurementPreview:
    """Everything the desk shows about values not yet saved."""

    sex: Sex
    age_days: int
    age_months: int
    life_stage: LifeStage
    scores: tuple[ZResult, ...]  # in `_SHOWN` order, only indices with a result
    bmi: float | None  # kg/m², from the corrected length/height
    lila_status: LilaStatus | None
    bgm: bool  # weight-for-age below the KMS red line
    length_correction_cm: float  # +0.7 standing under 2 years, -0.7 lying from 2, else 0
    standing_under_9_months: bool  # WHO ignores "standing" this young: measure lying
    growth: GrowthPreview | None  # balita with a weight only
    doubts: tuple[PlausibilityIssue, ...]  # confirm or re-measure before saving
    problems: tuple[Issue, ...]  # values no one can have: they cannot be saved

    def score(self, indicator: Indicator) -> ZResult | None:
        """The result of one index, or None."""
        return next((s for s in self.scores if s.indicator is indicator), None)


_SHOWN = (
    Indicator.WEIGHT_FOR_AGE,
    Indicator.LENGTH_HEIGHT_FOR_AGE,
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
    Indicator.BMI_FOR_AGE,
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE,
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
)


def preview_measurement(
    db: Database, *, person_id: int, on: date, values: MeasuredValues
) -> Outcome[MeasurementPreview]:
    """Judge typed values as `record_measurement` would, without saving anything."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return refused([Issue(Problem.PERSON_NOT_FOUND, "person_id", person_id)])
        if on < person.birth_date:
            return refused([Issue(Problem.BEFORE_BIRTH, "measured_on", on.isoformat())])
        earlier = [m for m in measurements.history(tx, person_id) if m.measured_on <= on]
    return Outcome(_preview(person, on, values, earlier))


def _preview(
    person: PersonRecord, on: date, values: MeasuredValues, earlier: Sequence[MeasurementRecord]
) -> MeasurementPreview:
    problems = [
        i for i in _growth.value_issues(values) if i.problem is not Problem.NOTHING_MEASURED
    ]
    # Values refused outright are left out of the judging: a z-score of 95 kg says nothing new.
    refused_fields = {issue.field for issue in problems}
    judged = _without(values, refused_fields)
    found = _growth.findings(person, on, judged)
    age = Age.between(person.birth_date, on)
    assert age is not None  # on >= birth date was checked
    months = completed_months(person.birth_date, on)
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    correction, standing_too_young = 0.0, False
    if judged.lenhei_cm is not None:
        adjusted = adjust_length_height(judged.lenhei_cm.value, judged.position, age)
        correction = round(adjusted.cm - judged.lenhei_cm.value, 1)
        standing_too_young = adjusted.standing_under_9_months
    scores = _scores(found)
    weight = None if judged.weight_kg is None else judged.weight_kg.value
    doubts = plausibility_issues(
        stage=stage,
        age_months=months,
        on=on,
        values=_quantities(judged),
        previous=_previous(person, on, earlier),
        rounded_z={s.indicator: s.z for s in scores},
        lenhei_correction_cm=correction,
    )
    balita = months < _growth.KMS_BELOW_MONTHS
    return MeasurementPreview(
        sex=person.sex,
        age_days=age.days,
        age_months=months,
        life_stage=stage,
        scores=scores,
        bmi=found.bmi,
        lila_status=found.lila_status,
        bgm=balita and weight is not None and is_bgm(_waz(found, judged.oedema)),
        length_correction_cm=correction,
        standing_under_9_months=standing_too_young,
        growth=_growth_preview(person, on, weight, earlier) if balita else None,
        doubts=doubts,
        problems=tuple(problems),
    )


def _without(values: MeasuredValues, fields: set[str | None]) -> MeasuredValues:
    kept = {
        name: None if name in fields else getattr(values, name)
        for name in ("weight_kg", "lenhei_cm", "headc_cm", "lila_cm", "waist_cm", "glucose_mg_dl")
    }
    bp = values.blood_pressure
    if fields & {"systolic_mmhg", "diastolic_mmhg"}:
        bp = None
    position = values.position if kept["lenhei_cm"] is not None else None
    return MeasuredValues(**kept, position=position, oedema=values.oedema, blood_pressure=bp)


def _scores(found: GrowthFindings) -> tuple[ZResult, ...]:
    by_indicator = {
        Indicator.WEIGHT_FOR_AGE: (found.waz, found.wfa_category),
        Indicator.LENGTH_HEIGHT_FOR_AGE: (found.haz, found.lhfa_category),
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT: (found.whz, found.wflh_category),
        Indicator.BMI_FOR_AGE: (found.baz, found.bfa_category),
        Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: (found.hcz, None),
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE: (found.acz, None),
    }
    results = []
    for indicator in _SHOWN:
        z, category = by_indicator[indicator]
        if z is None and category is None:
            continue
        rounded = None if z is None else round(z, 2) + 0.0  # as ZScore.rounded: never -0.0
        flagged = rounded is not None and implausible(indicator, rounded)
        results.append(ZResult(indicator, rounded, category, flagged))
    return tuple(results)


def _waz(found: GrowthFindings, oedema: bool) -> ZScore:
    problem = ZProblem.OEDEMA if oedema and found.waz is None else None
    return ZScore(Indicator.WEIGHT_FOR_AGE, found.waz, problem)


def _quantities(values: MeasuredValues) -> dict[Quantity, float]:
    typed = {
        Quantity.WEIGHT_KG: values.weight_kg,
        Quantity.LENHEI_CM: values.lenhei_cm,
        Quantity.HEADC_CM: values.headc_cm,
        Quantity.LILA_CM: values.lila_cm,
        Quantity.WAIST_CM: values.waist_cm,
        Quantity.GLUCOSE_MG_DL: values.glucose_mg_dl,
    }
    quantities = {q: reading.value for q, reading in typed.items() if reading is not None}
    if values.blood_pressure is not None:
        quantities[Quantity.SYSTOLIC_MMHG] = values.blood_pressure.systolic_mmhg
        quantities[Quantity.DIASTOLIC_MMHG] = values.blood_pressure.diastolic_mmhg
    return quantities


def _previous(
    person: PersonRecord, on: date, earlier: Sequence[MeasurementRecord]
) -> dict[Quantity, Previous]:
    """The latest earlier weight, length (corrected for its position and age) and head."""
    previous: dict[Quantity, Previous] = {}
    for m in earlier:  # oldest first: later ones overwrite
        if m.measured_on >= on:
            continue  # a value saved earlier today is being re-measured, not compared with
        v = m.values
        if v.weight_kg is not None:
            previous[Quantity.WEIGHT_KG] = Previous(v.weight_kg.value, m.measured_on)
        if v.lenhei_cm is not None:
            age = Age.between(person.birth_date, m.measured_on)
            cm = adjust_length_height(v.lenhei_cm.value, v.position, age).cm
            previous[Quantity.LENHEI_CM] = Previous(cm, m.measured_on)
        if v.headc_cm is not None:
            previous[Quantity.HEADC_CM] = Previous(v.headc_cm.value, m.measured_on)
    return previous


def _growth_preview(
    person: PersonRecord, on: date, weight_kg: float | None, earlier: Sequence[MeasurementRecord]
) -> GrowthPreview | None:
    """The KMS result of a new weighing: like `_growth._kms_statuses`, the new weighing comes
    after every saved one of its date, so it is its month's weighing."""
    if weight_kg is None:
        return None
    limit = _growth.KMS_BELOW_MONTHS
    weighed = [
        (m.measured_on, m.values.weight_kg.value)
        for m in earlier
        if m.values.weight_kg is not None
        and completed_months(person.birth_date, m.measured_on) < limit
    ]
    results = growth_statuses(person.birth_date, [*weighed, (on, weight_kg)]).results
    if not results or results[-1].on != on:
        return None  # the weight was rejected (zero or negative): the hard limits say why
    ours = results[-1]
    before = results[-2] if len(results) > 1 else None
    return GrowthPreview(
        status=ours.status,
        gain_g=ours.gain_g,
        kbm_g=ours.kbm_g,
        two_t=ours.two_t,
        previous_on=None if before is None else before.on,
        previous_kg=None if before is None else before.weight_g / 1000,
    )

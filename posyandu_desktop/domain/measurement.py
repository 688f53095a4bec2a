"""One measurement and its assessment: the values a cadre measured, and everything the measuring
desk shows and the store saves about them.

`assess_measurement` is the only place where a measurement is judged: the desk preview and every
save (at the post, on a home visit, a correction, the demo) call it. It takes plain facts and
the standards; it reads no tables, files or clock of its own.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Protocol, TypeVar

from posyandu_desktop.domain.growth.classify import (
    LILA_CHILD_BELOW_MONTHS,
    LILA_CHILD_FROM_MONTHS,
    Category,
    LilaStatus,
    classify,
    is_bgm,
    lila_group,
    lila_status,
)
from posyandu_desktop.domain.growth.plausibility import (
    PlausibilityIssue,
    Previous,
    Quantity,
    plausibility_issues,
)
from posyandu_desktop.domain.growth.standards import GrowthStandards
from posyandu_desktop.domain.growth.weight_gain import (
    KBM_BUKU_KIA_2023,
    GrowthStatus,
    KbmTable,
    growth_statuses,
)
from posyandu_desktop.domain.growth.zscore import (
    ENGINE_VERSION,
    LYING_BEFORE_DAYS,
    Assessment,
    Indicator,
    Measurements,
    Position,
    adjust_length_height,
    assess,
)
from posyandu_desktop.domain.ids import MeasurementId
from posyandu_desktop.domain.life_stage import (
    UNDER_FIVE_BELOW_MONTHS,
    LifeStage,
    in_lila_woman_group,
    life_stage,
)
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.domain.vocabulary import MeasurementSource

# --- what was measured --------------------------------------------------------------------------


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
    haemoglobin_g_dl: Reading | None = None
    cholesterol_mg_dl: Reading | None = None
    uric_acid_mg_dl: Reading | None = None

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
                self.haemoglobin_g_dl,
                self.cholesterol_mg_dl,
                self.uric_acid_mg_dl,
            )
        )

    def quantities(self) -> dict[Quantity, float]:
        """The measured numbers by quantity (blood pressure as its two numbers)."""
        typed = {
            Quantity.WEIGHT_KG: self.weight_kg,
            Quantity.LENHEI_CM: self.lenhei_cm,
            Quantity.HEADC_CM: self.headc_cm,
            Quantity.LILA_CM: self.lila_cm,
            Quantity.WAIST_CM: self.waist_cm,
            Quantity.GLUCOSE_MG_DL: self.glucose_mg_dl,
            Quantity.HAEMOGLOBIN_G_DL: self.haemoglobin_g_dl,
            Quantity.CHOLESTEROL_MG_DL: self.cholesterol_mg_dl,
            Quantity.URIC_ACID_MG_DL: self.uric_acid_mg_dl,
        }
        found = {q: reading.value for q, reading in typed.items() if reading is not None}
        if self.blood_pressure is not None:
            found[Quantity.SYSTOLIC_MMHG] = self.blood_pressure.systolic_mmhg
            found[Quantity.DIASTOLIC_MMHG] = self.blood_pressure.diastolic_mmhg
        return found


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
    # Quantities whose value was doubtful (`plausibility.py`) and saved once the cadre confirmed
    # it ("diragukan"): kept and shown, to be measured again, but they give no category, no KMS
    # letter, no LILA status (docs/DECISIONS.md#doubtful-values).
    doubtful: frozenset[Quantity] = frozenset()


# Hard limits catch slips of the keyboard (a lost decimal point, grams typed as kilograms), not
# unusual people: the doubts of `domain/growth/plausibility.py` judge those, and such a value is
# kept once confirmed. A value outside these is refused. Kemenkes equipment (Kepmenkes
# HK.01.07/MENKES/51/2022): length boards to 150 cm, microtoise to 200 cm; glucometers read about
# 20-600 mg/dL.
HARD_LIMITS: Mapping[Quantity, tuple[float, float]] = {
    Quantity.WEIGHT_KG: (0.3, 250.0),
    Quantity.LENHEI_CM: (20.0, 230.0),
    Quantity.HEADC_CM: (15.0, 70.0),
    Quantity.LILA_CM: (5.0, 60.0),
    Quantity.WAIST_CM: (30.0, 250.0),
    Quantity.GLUCOSE_MG_DL: (20.0, 800.0),
    Quantity.SYSTOLIC_MMHG: (50, 300),
    Quantity.DIASTOLIC_MMHG: (20, 200),
    # Point-of-care strip meters read about 4.5-25.6 g/dL haemoglobin, 100-400 mg/dL total
    # cholesterol and 3-20 mg/dL uric acid (docs/sources/plausibility.md#laboratory-strips).
    Quantity.HAEMOGLOBIN_G_DL: (2.0, 26.0),
    Quantity.CHOLESTEROL_MG_DL: (50.0, 600.0),
    Quantity.URIC_ACID_MG_DL: (0.5, 25.0),
}


# --- what the assessment needs ------------------------------------------------------------------


class Person(Protocol):
    """The facts about a person that judge a measurement (a stored person record has them)."""

    @property
    def sex(self) -> Sex: ...
    @property
    def birth_date(self) -> date: ...
    @property
    def pregnant(self) -> bool: ...
    @property
    def delivered_on(self) -> date | None: ...


class SavedMeasurement(Protocol):
    """A measurement already saved for the same person (a stored measurement record is one)."""

    @property
    def id(self) -> MeasurementId: ...
    @property
    def measured_on(self) -> date: ...
    @property
    def values(self) -> MeasuredValues: ...
    @property
    def findings(self) -> GrowthFindings: ...


# --- what it returns ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZResult:
    """One index: its z rounded to two decimals (None under oedema), category, WHO flag."""

    indicator: Indicator
    z: float | None
    category: Category | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class GrowthPreview:
    """The KMS letter this weighing gets, with the gain and the KBM it was judged by."""

    status: GrowthStatus
    gain_g: int | None  # N and T only
    kbm_g: int | None  # None: judged by the sign of the gain (month 0 or past the table)
    two_t: bool
    previous_on: date | None  # the weighing it is compared with (N, T) or the last one (O)
    previous_kg: float | None


KmsStatus = tuple[GrowthStatus | None, bool]  # (KMS letter, 2T) as stored on a measurement


@dataclass(frozen=True, slots=True)
class MeasurementAssessment:
    """Everything known about one measurement once judged."""

    findings: GrowthFindings  # what the store saves, with this weighing's KMS letter and 2T
    status_changes: Mapping[
        MeasurementId, KmsStatus
    ]  # saved weighings (by id) whose KMS status changes
    age_months: int
    life_stage: LifeStage
    scores: tuple[ZResult, ...]  # in `SHOWN_INDICATORS` order, only indices with a result
    bgm: bool  # weight-for-age below the KMS red line
    length_correction_cm: float  # +0.7 standing under 2 years, -0.7 lying from 2, else 0
    standing_under_9_months: bool  # WHO ignores "standing" this young: measure lying
    growth: GrowthPreview | None  # balita with a weight only
    doubts: tuple[PlausibilityIssue, ...]  # confirm or re-measure before saving


SHOWN_INDICATORS = (
    Indicator.WEIGHT_FOR_AGE,
    Indicator.LENGTH_HEIGHT_FOR_AGE,
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
    Indicator.BMI_FOR_AGE,
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE,
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
)
_CLASSIFIED = SHOWN_INDICATORS[:4]  # Permenkes 2/2020 categorises these four
# The measured quantities each category rests on: a doubtful one leaves the category out.
_DRIVEN_BY: Mapping[Indicator, frozenset[Quantity]] = {
    Indicator.WEIGHT_FOR_AGE: frozenset({Quantity.WEIGHT_KG}),
    Indicator.LENGTH_HEIGHT_FOR_AGE: frozenset({Quantity.LENHEI_CM}),
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT: frozenset({Quantity.WEIGHT_KG, Quantity.LENHEI_CM}),
    Indicator.BMI_FOR_AGE: frozenset({Quantity.WEIGHT_KG, Quantity.LENHEI_CM}),
}


# --- what is measured, by life stage ---------------------------------------------------------

# Measured as children: length or height with its position, head circumference and LILA by age.
CHILD_STAGES = frozenset(
    {LifeStage.UNDER_FIVE, LifeStage.PRESCHOOL, LifeStage.SCHOOL_AGE_ADOLESCENT}
)
# Head circumference in the first two years (docs/sources/ilp-life-stages.md#measuring-by-age).
HEAD_BELOW_MONTHS = 24


# Blood pressure and glucose at school age from 15 years, haemoglobin for adolescent girls from
# 10 years (remaja putri), as on the ILP school-age form (docs/sources/ilp-life-stages.md).
BLOOD_PRESSURE_FROM_MONTHS = 180
HAEMOGLOBIN_GIRLS_FROM_MONTHS = 120


def fields_for(stage: LifeStage, age_months: int, sex: Sex | None = None) -> tuple[Quantity, ...]:
    """The quantities measured at the desk for this life stage, age and sex (the ILP forms,
    docs/sources/ilp-life-stages.md#what-each-stage-records); without `sex`, those of both."""
    q = Quantity
    if stage in CHILD_STAGES:
        shown = [q.WEIGHT_KG, q.LENHEI_CM]
        if age_months < HEAD_BELOW_MONTHS:
            shown.append(q.HEADC_CM)
        if LILA_CHILD_FROM_MONTHS <= age_months < LILA_CHILD_BELOW_MONTHS:
            shown.append(q.LILA_CM)
        if stage is LifeStage.SCHOOL_AGE_ADOLESCENT:
            shown.append(q.WAIST_CM)
            if age_months >= BLOOD_PRESSURE_FROM_MONTHS:
                shown += [q.SYSTOLIC_MMHG, q.DIASTOLIC_MMHG, q.GLUCOSE_MG_DL]
            if age_months >= HAEMOGLOBIN_GIRLS_FROM_MONTHS and sex is not Sex.MALE:
                shown.append(q.HAEMOGLOBIN_G_DL)
        return tuple(shown)
    if stage is LifeStage.PREGNANT_OR_POSTPARTUM:
        # KEK screening by LILA and blood pressure at every visit (Buku KIA); haemoglobin when
        # the midwife has measured it.
        return (q.WEIGHT_KG, q.LILA_CM, q.SYSTOLIC_MMHG, q.DIASTOLIC_MMHG, q.HAEMOGLOBIN_G_DL)
    return (
        q.WEIGHT_KG,
        q.LENHEI_CM,
        q.WAIST_CM,
        q.SYSTOLIC_MMHG,
        q.DIASTOLIC_MMHG,
        q.GLUCOSE_MG_DL,
        q.CHOLESTEROL_MG_DL,
        q.URIC_ACID_MG_DL,
    )


def measured_lying(stage: LifeStage, age_days: int) -> bool:
    """True when length is measured lying: children under 731 days (WHO,
    docs/sources/who-zscores.md#length-and-height); everyone else stands."""
    return stage in CHILD_STAGES and age_days < LYING_BEFORE_DAYS


# --- the assessment -----------------------------------------------------------------------------


def assess_measurement(
    standards: GrowthStandards,
    person: Person,
    on: date,
    values: MeasuredValues,
    saved: Sequence[SavedMeasurement],
    *,
    measurement_id: MeasurementId | None = None,
    kbm: KbmTable = KBM_BUKU_KIA_2023,
) -> MeasurementAssessment:
    """Judge `values` measured on `on`.

    `saved` are the person's saved measurements, oldest first (by date, then entry); the one
    being corrected (`measurement_id`) is left out of them, and a new measurement comes after
    every saved one of its date. Raises ValueError when `on` is before the birth date."""
    others = [m for m in saved if m.id != measurement_id]
    j = _judge(standards, person, on, values, others)
    months, scores, doubtful = j.months, j.scores, j.doubtful
    balita = months < UNDER_FIVE_BELOW_MONTHS
    valid_weight = None if Quantity.WEIGHT_KG in doubtful else _value(values.weight_kg)
    statuses, growth = _kms(
        person.birth_date, others, measurement_id, on, valid_weight if balita else None, kbm
    )
    categories = _categories(scores, doubtful)
    findings = _findings(person, on, values, j, growth, kbm, categories)
    shown = []
    for indicator in SHOWN_INDICATORS:
        score = scores[indicator]
        category = categories.get(indicator)
        if score.z is not None or category is not None:
            shown.append(ZResult(indicator, score.rounded, category, score.flagged))
    return MeasurementAssessment(
        findings=findings,
        status_changes={
            m.id: statuses[m.id]
            for m in others
            if (m.findings.growth_status, m.findings.two_t) != statuses[m.id]
        },
        age_months=months,
        life_stage=j.stage,
        scores=tuple(shown),
        bgm=balita and valid_weight is not None and is_bgm(scores[Indicator.WEIGHT_FOR_AGE]),
        length_correction_cm=j.correction,
        standing_under_9_months=j.standing_too_young,
        growth=growth,
        doubts=j.doubts,
    )


def findings_alone(
    standards: GrowthStandards,
    person: Person,
    on: date,
    values: MeasuredValues,
    kbm: KbmTable = KBM_BUKU_KIA_2023,
) -> GrowthFindings:
    """The findings `assess_measurement` stores for `values` judged without any history (the
    plausibility rules that need none still make a value doubtful), without the KMS letter
    (growth_status None, two_t False): an import scores its rows so, then gives all their
    letters at once (`kms_statuses`). Raises ValueError when `on` is before the birth date."""
    j = _judge(standards, person, on, values, ())
    return _findings(person, on, values, j, None, kbm, _categories(j.scores, j.doubtful))


class _Judged(NamedTuple):
    """A measurement's age, z-scores and doubts: what every judgement of it starts from."""

    age: Age
    months: int
    stage: LifeStage
    scores: Assessment
    correction: float  # the lying/standing correction of the length (cm)
    standing_too_young: bool
    doubts: tuple[PlausibilityIssue, ...]
    doubtful: frozenset[Quantity]


def _judge(
    standards: GrowthStandards,
    person: Person,
    on: date,
    values: MeasuredValues,
    others: Sequence[SavedMeasurement],
) -> _Judged:
    """Score `values` and doubt them against the saved measurements `others` (oldest first)."""
    age = Age.between(person.birth_date, on)
    if age is None:
        raise ValueError(f"measured on {on}, before the birth on {person.birth_date}")
    months = completed_months(person.birth_date, on)
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    correction, standing_too_young = 0.0, False
    lenhei = _value(values.lenhei_cm)
    if lenhei is not None:
        adjusted = adjust_length_height(lenhei, values.position, age)
        correction = round(adjusted.cm - lenhei, 1)
        standing_too_young = adjusted.standing_under_9_months
    scores = _scores(standards, person, age, values)
    rounded_z = {i: scores[i].rounded for i in SHOWN_INDICATORS}
    quantities = values.quantities()

    def doubts_against(previous: dict[Quantity, Previous]) -> tuple[PlausibilityIssue, ...]:
        return plausibility_issues(
            stage=stage,
            age_months=months,
            on=on,
            values=quantities,
            previous=previous,
            rounded_z=rounded_z,
            lenhei_correction_cm=correction,
        )

    # A jump is judged against the last valid value; but a value that agrees with a later
    # doubtful one confirms it was the child, not a slip, and is not doubted again
    # (docs/DECISIONS.md#doubtful-values).
    valid_before = _previous(person.birth_date, on, others)
    doubts = doubts_against(valid_before)
    latest_before = _previous(person.birth_date, on, others, valid_only=False)
    if latest_before != valid_before:
        agreed = {(d.doubt, d.quantity) for d in doubts_against(latest_before)}
        doubts = tuple(d for d in doubts if (d.doubt, d.quantity) in agreed)
    doubtful = frozenset(issue.quantity for issue in doubts)
    return _Judged(age, months, stage, scores, correction, standing_too_young, doubts, doubtful)


def _scores(
    standards: GrowthStandards, person: Person, age: Age, values: MeasuredValues
) -> Assessment:
    """The z-scores of `values` (as measured; the position correction is the engine's)."""
    return assess(
        standards,
        Measurements(
            sex=person.sex,
            age=age,
            weight_kg=_value(values.weight_kg),
            lenhei_cm=_value(values.lenhei_cm),
            position=values.position,
            headc_cm=_value(values.headc_cm),
            armc_cm=_value(values.lila_cm),
            oedema=values.oedema,
        ),
    )


def _categories(
    scores: Assessment, doubtful: frozenset[Quantity]
) -> dict[Indicator, Category | None]:
    """The categories, none for an indicator a doubtful value drives."""
    return {i: None if _DRIVEN_BY[i] & doubtful else classify(scores[i]) for i in _CLASSIFIED}


def _findings(
    person: Person,
    on: date,
    values: MeasuredValues,
    j: _Judged,
    growth: GrowthPreview | None,
    kbm: KbmTable,
    categories: dict[Indicator, Category | None],
) -> GrowthFindings:
    """What is stored with a measurement: its z-scores, the categories of its valid values,
    the LILA status unless the LILA is doubtful, the KMS letter given."""
    woman = person.sex is Sex.FEMALE and in_lila_woman_group(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    months, scores, doubtful = j.months, j.scores, j.doubtful
    group = lila_group(months, person.sex, woman_group=woman)
    valid_weight = None if Quantity.WEIGHT_KG in doubtful else _value(values.weight_kg)
    return GrowthFindings(
        age_days=j.age.days,
        waz=scores[Indicator.WEIGHT_FOR_AGE].z,
        haz=scores[Indicator.LENGTH_HEIGHT_FOR_AGE].z,
        whz=scores[Indicator.WEIGHT_FOR_LENGTH_HEIGHT].z,
        baz=scores[Indicator.BMI_FOR_AGE].z,
        hcz=scores[Indicator.HEAD_CIRCUMFERENCE_FOR_AGE].z,
        acz=scores[Indicator.ARM_CIRCUMFERENCE_FOR_AGE].z,
        bmi=scores.bmi,
        wfa_category=categories[Indicator.WEIGHT_FOR_AGE],
        lhfa_category=categories[Indicator.LENGTH_HEIGHT_FOR_AGE],
        wflh_category=categories[Indicator.WEIGHT_FOR_LENGTH_HEIGHT],
        bfa_category=categories[Indicator.BMI_FOR_AGE],
        lila_status=None
        if group is None or Quantity.LILA_CM in doubtful
        else lila_status(_value(values.lila_cm), group, oedema=values.oedema),
        growth_status=None if growth is None else growth.status,
        two_t=growth is not None and growth.two_t,
        engine_version=ENGINE_VERSION,
        kbm_version=kbm.version
        if months < UNDER_FIVE_BELOW_MONTHS and valid_weight is not None
        else None,
        doubtful=doubtful,
    )


def _value(reading: Reading | None) -> float | None:
    return None if reading is None else reading.value


def _kms(
    birth: date,
    saved: Sequence[SavedMeasurement],
    key: MeasurementId | None,
    on: date,
    weight_kg: float | None,
    kbm: KbmTable,
) -> tuple[dict[MeasurementId, KmsStatus], GrowthPreview | None]:
    """The KMS letter and 2T of every saved weighing of a balita (id -> status) and the result of
    the one judged (None without a weight of a balita). The last weighing of each month gets the
    month's status, the others none. The one judged keeps its place among the weighings of its
    date when corrected (`key`, its id), and comes after them when new."""
    weighed: list[tuple[float, date, float]] = [
        (m.id, m.measured_on, m.values.weight_kg.value)
        for m in saved
        if m.values.weight_kg is not None
        and Quantity.WEIGHT_KG not in m.findings.doubtful
        and completed_months(birth, m.measured_on) < UNDER_FIVE_BELOW_MONTHS
    ]
    judged = math.inf if key is None else key
    if weight_kg is not None:
        weighed.append((judged, on, weight_kg))
        weighed.sort(key=lambda w: (w[1], w[0]))
    results = growth_statuses(birth, [(day, kg) for _, day, kg in weighed], kbm).results
    by_month = {Period.of(r.on): (i, r) for i, r in enumerate(results)}
    last_of_month = {Period.of(day): order for order, day, _ in weighed}
    statuses: dict[MeasurementId, KmsStatus] = {m.id: (None, False) for m in saved}
    growth = None
    for month, last in last_of_month.items():
        if month not in by_month:
            continue  # a weight the KMS rejects (zero or negative): the hard limits say why
        i, result = by_month[month]
        if last != judged:
            statuses[MeasurementId(int(last))] = (result.status, result.two_t)
        elif result.on == on:
            before = results[i - 1] if i > 0 else None
            growth = GrowthPreview(
                status=result.status,
                gain_g=result.gain_g,
                kbm_g=result.kbm_g,
                two_t=result.two_t,
                previous_on=None if before is None else before.on,
                previous_kg=None if before is None else before.weight_g / 1000,
            )
    return statuses, growth


K = TypeVar("K", bound=Hashable)


def kms_statuses(
    birth: date, weighed: Sequence[tuple[K, date, float]], kbm: KbmTable = KBM_BUKU_KIA_2023
) -> dict[K, KmsStatus]:
    """The KMS letter and 2T of many weighings judged together (an import: key, date, kg, in
    date then entry order): the last weighing of each month under five gets the month's status,
    the others none."""
    balita = [w for w in weighed if completed_months(birth, w[1]) < UNDER_FIVE_BELOW_MONTHS]
    results = growth_statuses(birth, [(day, kg) for _, day, kg in balita], kbm).results
    by_month = {Period.of(r.on): r for r in results}
    statuses: dict[K, KmsStatus] = {key: (None, False) for key, _, _ in weighed}
    for month, key in {Period.of(day): key for key, day, _ in balita}.items():
        if month in by_month:
            statuses[key] = (by_month[month].status, by_month[month].two_t)
    return statuses


def _previous(
    birth: date, on: date, saved: Sequence[SavedMeasurement], *, valid_only: bool = True
) -> dict[Quantity, Previous]:
    """The latest earlier weight, length (corrected for its position and age) and head; by
    default only valid ones: a doubtful value is no yardstick."""
    previous: dict[Quantity, Previous] = {}
    for m in saved:  # oldest first: later ones overwrite
        if m.measured_on >= on:
            continue  # a value saved the same day is being re-measured, not compared with
        v, doubtful = m.values, m.findings.doubtful if valid_only else frozenset()
        if v.weight_kg is not None and Quantity.WEIGHT_KG not in doubtful:
            previous[Quantity.WEIGHT_KG] = Previous(v.weight_kg.value, m.measured_on)
        if v.lenhei_cm is not None and Quantity.LENHEI_CM not in doubtful:
            cm = adjust_length_height(
                v.lenhei_cm.value, v.position, Age.between(birth, m.measured_on)
            ).cm
            previous[Quantity.LENHEI_CM] = Previous(cm, m.measured_on)
        if v.headc_cm is not None and Quantity.HEADC_CM not in doubtful:
            previous[Quantity.HEADC_CM] = Previous(v.headc_cm.value, m.measured_on)
    return previous

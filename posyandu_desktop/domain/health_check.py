"""The life-stage form judged as a whole: the classes of every value measured and the results of
every questionnaire asked, with the referral reasons they suggest. One function for the desk's
preview and the save, like `domain/measurement.assess_measurement` for growth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from posyandu_desktop.domain.growth.classify import WeightForLengthHeightCategory, stored_bgm
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.health_classes import (
    AdultBmiClass,
    BloodPressureClass,
    HaemoglobinClass,
    LabClass,
    PregnancyDates,
    adult_bmi_class,
    blood_pressure_class,
    cholesterol_class,
    haemoglobin_class,
    hypertensive,
    kek,
    pregnancy_dates,
    random_glucose_class,
    uric_acid_class,
    waist_at_risk,
)
from posyandu_desktop.domain.life_stage import ADULT_FROM_YEARS, WUS_YEARS, LifeStage
from posyandu_desktop.domain.measurement import GrowthFindings
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import (
    PUMA_FROM_YEARS,
    PUMA_REFER_FROM,
    AdolescentRisk,
    Dependency,
    ReferralReason,
    ScreeningAnswers,
    barthel_score,
    dependency,
    puma_score,
    tb_presumptive,
)


@dataclass(frozen=True, slots=True)
class HealthFindings:
    """What the form's values and answers mean; None where nothing was measured or asked."""

    adult_bmi: AdultBmiClass | None = None
    waist_risk: bool | None = None
    blood_pressure: BloodPressureClass | None = None
    glucose: LabClass | None = None
    cholesterol: LabClass | None = None
    uric_acid: LabClass | None = None
    haemoglobin: HaemoglobinClass | None = None
    kek: bool | None = None
    pregnancy: PregnancyDates | None = None
    tb_presumptive: bool | None = None
    puma_score: int | None = None
    barthel_score: int | None = None
    dependency: Dependency | None = None
    danger_signs: bool | None = None
    adolescent_risks: int | None = None
    referrals: tuple[ReferralReason, ...] = ()


def assess_health(
    *,
    stage: LifeStage,
    sex: Sex,
    age_months: int,
    on: date,
    values: Mapping[Quantity, float],
    bmi: float | None,
    answers: ScreeningAnswers | None = None,
) -> HealthFindings:
    """Judge the ILP values and answers of one occasion. Raises ValueError for an incomplete
    Barthel index or a PUMA score asked under 40 years."""
    answers = answers or ScreeningAnswers()
    years = age_months // 12
    q = Quantity
    pregnant = stage is LifeStage.PREGNANT_OR_POSTPARTUM
    bp = None
    if q.SYSTOLIC_MMHG in values and q.DIASTOLIC_MMHG in values:
        bp = blood_pressure_class(int(values[q.SYSTOLIC_MMHG]), int(values[q.DIASTOLIC_MMHG]))
    glucose = _maybe(values.get(q.GLUCOSE_MG_DL), random_glucose_class)
    cholesterol = _maybe(values.get(q.CHOLESTEROL_MG_DL), cholesterol_class)
    uric = values.get(q.URIC_ACID_MG_DL)
    hb = values.get(q.HAEMOGLOBIN_G_DL)
    lila = values.get(q.LILA_CM)
    waist = values.get(q.WAIST_CM)
    woman = sex is Sex.FEMALE and (pregnant or WUS_YEARS[0] <= years <= WUS_YEARS[1])
    puma = None
    if answers.puma is not None and years >= PUMA_FROM_YEARS:
        puma = puma_score(
            sex=sex, age_years=years, pack_years=answers.pack_years or 0.0, symptoms=answers.puma
        )
    barthel = None if answers.barthel is None else barthel_score(answers.barthel)
    findings = HealthFindings(
        adult_bmi=None
        if bmi is None or years < ADULT_FROM_YEARS or pregnant
        else adult_bmi_class(bmi),
        waist_risk=None if waist is None or years < ADULT_FROM_YEARS else waist_at_risk(sex, waist),
        blood_pressure=bp,
        glucose=glucose,
        cholesterol=cholesterol,
        uric_acid=None if uric is None else uric_acid_class(sex, uric),
        haemoglobin=None if hb is None else haemoglobin_class(hb, pregnant=pregnant),
        kek=None if lila is None or not woman else kek(lila),
        pregnancy=None if answers.hpht is None else pregnancy_dates(answers.hpht, on),
        tb_presumptive=None if answers.tb is None else tb_presumptive(answers.tb),
        puma_score=puma,
        barthel_score=barthel,
        dependency=None if barthel is None else dependency(barthel),
        danger_signs=None if answers.danger_signs is None else bool(answers.danger_signs),
        adolescent_risks=None if answers.adolescent is None else len(answers.adolescent),
    )
    return _with_referrals(findings, answers)


def growth_needs_referral(findings: GrowthFindings) -> bool:
    """The KMS rule (Buku KIA): refer a child whose weight did not rise (T), who is below the
    red line (BGM) or severely wasted."""
    return (
        findings.growth_status is GrowthStatus.T
        or findings.two_t
        or stored_bgm(findings.waz, oedema=False)
        or findings.wflh_category is WeightForLengthHeightCategory.SEVERELY_WASTED
    )


def _maybe(value: float | None, judge: Callable[[float], LabClass]) -> LabClass | None:
    return None if value is None else judge(value)


def _with_referrals(f: HealthFindings, answers: ScreeningAnswers) -> HealthFindings:
    """The reasons to refer that the findings suggest (the cadre confirms each referral)."""
    r = ReferralReason
    reasons = [
        (r.PREGNANCY_DANGER, bool(f.danger_signs)),
        (r.TB_SYMPTOMS, bool(f.tb_presumptive)),
        (r.KEK, bool(f.kek)),
        (r.ANAEMIA, f.haemoglobin in (HaemoglobinClass.MODERATE, HaemoglobinClass.SEVERE)),
        (r.HYPERTENSION, f.blood_pressure is not None and hypertensive(f.blood_pressure)),
        (r.HIGH_GLUCOSE, f.glucose is LabClass.HIGH),
        (r.HIGH_CHOLESTEROL, f.cholesterol is LabClass.HIGH),
        (r.HIGH_URIC_ACID, f.uric_acid is LabClass.HIGH),
        (r.COPD, f.puma_score is not None and f.puma_score >= PUMA_REFER_FROM),
        (r.DEPENDENCY, f.dependency in (Dependency.SEVERE, Dependency.TOTAL)),
        (
            r.ADOLESCENT_RISK,
            answers.adolescent is not None
            and AdolescentRisk.SUICIDAL_THOUGHTS in answers.adolescent,
        ),
    ]
    return replace(f, referrals=tuple(reason for reason, yes in reasons if yes))

"""The ILP questionnaires: TB, PUMA, Barthel, which stage gets which, and the whole form judged."""

from datetime import date

import pytest

from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.health_check import assess_health
from posyandu_desktop.domain.health_classes import AdultBmiClass, BloodPressureClass
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import (
    BARTHEL_MAX,
    AdolescentRisk,
    BarthelItem,
    DangerSign,
    Dependency,
    PumaSymptom,
    ReferralReason,
    Screening,
    ScreeningAnswers,
    TbSymptom,
    barthel_score,
    dependency,
    puma_score,
    screenings_for,
    tb_presumptive,
)


def test_any_tb_symptom_or_contact_is_presumptive():
    assert not tb_presumptive(frozenset())
    assert tb_presumptive(frozenset({TbSymptom.TB_CONTACT}))


@pytest.mark.parametrize(
    ("sex", "age", "packs", "symptoms", "score"),
    [
        (Sex.FEMALE, 40, 0, frozenset(), 0),
        (Sex.MALE, 49, 19.9, frozenset(), 1),
        (Sex.MALE, 50, 20, frozenset(), 3),
        (Sex.MALE, 59, 30, frozenset(), 3),
        (Sex.MALE, 60, 30.5, frozenset(PumaSymptom), 9),
        (Sex.FEMALE, 60, 10, frozenset({PumaSymptom.COUGH}), 3),
    ],
)
def test_puma_score_bands(sex, age, packs, symptoms, score):
    assert puma_score(sex=sex, age_years=age, pack_years=packs, symptoms=symptoms) == score


def test_puma_is_not_scored_under_40():
    with pytest.raises(ValueError):
        puma_score(sex=Sex.MALE, age_years=39, pack_years=0, symptoms=frozenset())


def _barthel(total_minus: int) -> dict[BarthelItem, int]:
    items = dict(BARTHEL_MAX)
    for item in BarthelItem:
        take = min(total_minus, items[item])
        items[item] -= take
        total_minus -= take
    return items


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (20, Dependency.INDEPENDENT),
        (19, Dependency.MILD),
        (12, Dependency.MILD),
        (11, Dependency.MODERATE),
        (9, Dependency.MODERATE),
        (8, Dependency.SEVERE),
        (5, Dependency.SEVERE),
        (4, Dependency.TOTAL),
        (0, Dependency.TOTAL),
    ],
)
def test_barthel_score_and_dependency_levels(score, level):
    items = _barthel(20 - score)
    assert barthel_score(items) == score
    assert dependency(score) is level


def test_barthel_needs_every_item_within_its_range():
    items = dict(BARTHEL_MAX)
    del items[BarthelItem.STAIRS]
    with pytest.raises(ValueError):
        barthel_score(items)
    with pytest.raises(ValueError):
        barthel_score({**BARTHEL_MAX, BarthelItem.BATHING: 2})
    with pytest.raises(ValueError):
        dependency(21)


@pytest.mark.parametrize(
    ("stage", "months", "expected"),
    [
        (LifeStage.UNDER_FIVE, 10, (Screening.TB,)),
        (LifeStage.SCHOOL_AGE_ADOLESCENT, 119, (Screening.TB,)),
        (LifeStage.SCHOOL_AGE_ADOLESCENT, 120, (Screening.TB, Screening.ADOLESCENT)),
        (LifeStage.PREGNANT_OR_POSTPARTUM, 300, (Screening.TB, Screening.PREGNANCY)),
        (LifeStage.ADULT, 479, (Screening.TB, Screening.SMOKING)),
        (LifeStage.ADULT, 480, (Screening.TB, Screening.SMOKING, Screening.PUMA)),
        (
            LifeStage.ELDERLY,
            720,
            (Screening.TB, Screening.SMOKING, Screening.PUMA, Screening.BARTHEL),
        ),
    ],
)
def test_questionnaires_by_life_stage(stage, months, expected):
    assert screenings_for(stage, months) == expected


def test_an_adult_form_is_judged_and_suggests_its_referrals():
    q = Quantity
    findings = assess_health(
        stage=LifeStage.ADULT,
        sex=Sex.MALE,
        age_months=55 * 12,
        on=date(2026, 12, 7),
        values={
            q.SYSTOLIC_MMHG: 150,
            q.DIASTOLIC_MMHG: 85,
            q.WAIST_CM: 95,
            q.GLUCOSE_MG_DL: 210,
            q.CHOLESTEROL_MG_DL: 190,
            q.URIC_ACID_MG_DL: 7.5,
        },
        bmi=27.3,
        answers=ScreeningAnswers(
            tb=frozenset(), pack_years=25, puma=frozenset({PumaSymptom.COUGH, PumaSymptom.SPUTUM})
        ),
    )
    assert findings.adult_bmi is AdultBmiClass.OBESE
    assert findings.blood_pressure is BloodPressureClass.STAGE_1
    assert findings.waist_risk and findings.puma_score == 5 and not findings.tb_presumptive
    assert findings.referrals == (
        ReferralReason.HYPERTENSION,
        ReferralReason.HIGH_GLUCOSE,
        ReferralReason.HIGH_URIC_ACID,
    )


def test_pregnant_woman_gets_dates_kek_and_danger_referral_not_adult_bmi():
    findings = assess_health(
        stage=LifeStage.PREGNANT_OR_POSTPARTUM,
        sex=Sex.FEMALE,
        age_months=25 * 12,
        on=date(2026, 4, 10),
        values={Quantity.LILA_CM: 23.0, Quantity.HAEMOGLOBIN_G_DL: 9.5},
        bmi=30.0,
        answers=ScreeningAnswers(
            tb=frozenset(), hpht=date(2026, 1, 1), danger_signs=frozenset({DangerSign.BLEEDING})
        ),
    )
    assert findings.adult_bmi is None and findings.kek
    assert findings.pregnancy is not None and findings.pregnancy.weeks == 14
    assert findings.referrals == (
        ReferralReason.PREGNANCY_DANGER,
        ReferralReason.KEK,
        ReferralReason.ANAEMIA,
    )


def test_elderly_dependency_and_adolescent_risk_referrals():
    elder = assess_health(
        stage=LifeStage.ELDERLY,
        sex=Sex.FEMALE,
        age_months=70 * 12,
        on=date(2026, 12, 7),
        values={},
        bmi=None,
        answers=ScreeningAnswers(barthel=_barthel(13)),
    )
    assert (elder.barthel_score, elder.dependency) == (7, Dependency.SEVERE)
    assert elder.referrals == (ReferralReason.DEPENDENCY,)
    teen = assess_health(
        stage=LifeStage.SCHOOL_AGE_ADOLESCENT,
        sex=Sex.FEMALE,
        age_months=14 * 12,
        on=date(2026, 12, 7),
        values={},
        bmi=None,
        answers=ScreeningAnswers(
            adolescent=frozenset({AdolescentRisk.HOME, AdolescentRisk.SUICIDAL_THOUGHTS})
        ),
    )
    assert teen.adolescent_risks == 2 and teen.referrals == (ReferralReason.ADOLESCENT_RISK,)

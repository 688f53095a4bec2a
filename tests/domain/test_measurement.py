"""The one assessment of a measurement: plain facts and standards in, everything the desk shows
and the store saves out."""

from dataclasses import dataclass, replace
from datetime import date

import pytest

from posyandu_desktop.domain.growth import Indicator, Position
from posyandu_desktop.domain.growth.classify import LilaGroup, LilaStatus, lila_group
from posyandu_desktop.domain.growth.plausibility import Doubt, Quantity
from posyandu_desktop.domain.growth.standards import GrowthStandards
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.ids import MeasurementId
from posyandu_desktop.domain.life_stage import LifeStage, in_lila_woman_group
from posyandu_desktop.domain.measurement import (
    GrowthFindings,
    MeasuredValues,
    Reading,
    assess_measurement,
    fields_for,
    measured_lying,
)
from posyandu_desktop.domain.people import Sex

N, T, B = GrowthStatus.N, GrowthStatus.T, GrowthStatus.B


@dataclass(frozen=True)
class Child:
    sex: Sex = Sex.MALE
    birth_date: date = date(2025, 3, 15)
    pregnant: bool = False
    delivered_on: date | None = None


@dataclass(frozen=True)
class Saved:
    id: MeasurementId
    measured_on: date
    values: MeasuredValues
    findings: GrowthFindings


def kg(value: float) -> MeasuredValues:
    return MeasuredValues(weight_kg=Reading(value))


def saved(
    standards: GrowthStandards, child: Child, history: list[tuple[date, float]]
) -> list[Saved]:
    """Weighings saved one after the other, each with the findings the assessment gave it."""
    rows: list[Saved] = []
    for i, (on, weight) in enumerate(history, start=1):
        judged = assess_measurement(standards, child, on, kg(weight), rows)
        rows.append(Saved(MeasurementId(i), on, kg(weight), judged.findings))
    return rows


def test_findings_scores_and_kms_letter_of_a_new_weighing(standards):
    child = Child()
    rows = saved(standards, child, [(date(2026, 1, 12), 8.6)])
    values = MeasuredValues(
        weight_kg=Reading(8.9),
        lenhei_cm=Reading(73.1),
        position=Position.LYING,
        lila_cm=Reading(12.1),
    )
    judged = assess_measurement(standards, child, date(2026, 2, 10), values, rows)
    found = judged.findings
    assert judged.age_months == 10 and judged.life_stage is LifeStage.UNDER_FIVE
    assert found.growth_status is N and found.kbm_version == "buku-kia-2023"
    assert judged.growth is not None and judged.growth.gain_g == 300 and judged.growth.kbm_g == 300
    assert judged.growth.previous_on == date(2026, 1, 12) and judged.growth.previous_kg == 8.6
    assert found.lila_status is LilaStatus.MAM  # 11.5 to < 12.5 cm at 6-59 months
    waz = next(s for s in judged.scores if s.indicator is Indicator.WEIGHT_FOR_AGE)
    assert found.waz is not None and waz.z == round(found.waz, 2)
    assert [s.indicator for s in judged.scores] == [
        Indicator.WEIGHT_FOR_AGE,
        Indicator.LENGTH_HEIGHT_FOR_AGE,
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
        Indicator.BMI_FOR_AGE,
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
    ]
    assert judged.status_changes == {} and judged.doubts == ()


def test_a_late_entry_re_judges_the_month_after_it(standards):
    child = Child()
    rows = saved(standards, child, [(date(2025, 11, 10), 8.0), (date(2026, 1, 12), 8.5)])
    assert rows[1].findings.growth_status is GrowthStatus.O  # December was missed
    judged = assess_measurement(standards, child, date(2025, 12, 11), kg(8.2), rows)
    assert judged.findings.growth_status is T  # +200 g < KBM 300 g at 8 months
    assert judged.status_changes == {2: (N, False)}  # January: +300 g reaches KBM 300 g


def test_a_correction_keeps_its_place_and_updates_later_months(standards):
    child = Child()
    history = [(date(2025, 11, 10), 8.0), (date(2025, 12, 11), 8.5), (date(2026, 1, 12), 8.9)]
    rows = saved(standards, child, history)
    assert [r.findings.growth_status for r in rows] == [B, N, N]
    # December corrected from 8.5 to 8.1 kg: +100 g is T, and January's +800 g stays N.
    judged = assess_measurement(
        standards, child, date(2025, 12, 11), kg(8.1), rows, measurement_id=MeasurementId(2)
    )
    assert (judged.findings.growth_status, judged.findings.two_t) == (T, False)
    assert judged.status_changes == {}
    # December corrected to 8.9 kg: N, and January (no gain) becomes T.
    judged = assess_measurement(
        standards, child, date(2025, 12, 11), kg(8.9), rows, measurement_id=MeasurementId(2)
    )
    assert judged.findings.growth_status is N
    assert judged.status_changes == {3: (T, False)}


def test_a_weighing_of_the_same_day_is_re_measured_not_compared_with(standards):
    child = Child()
    rows = saved(standards, child, [(date(2026, 1, 12), 8.6), (date(2026, 2, 10), 9.0)])
    judged = assess_measurement(standards, child, date(2026, 2, 10), kg(9.1), rows)
    # The new weighing is the month's: February's saved one loses its letter.
    assert judged.findings.growth_status is N
    assert judged.status_changes == {2: (None, False)}
    assert judged.growth is not None and judged.growth.previous_on == date(2026, 1, 12)


def test_doubts_and_bgm(standards):
    child = Child()
    rows = saved(standards, child, [(date(2026, 1, 12), 8.6)])
    judged = assess_measurement(standards, child, date(2026, 2, 10), kg(86.0), rows)
    assert [(d.doubt, d.quantity) for d in judged.doubts] == [
        (Doubt.OUTSIDE_USUAL_RANGE, Quantity.WEIGHT_KG)
    ]
    thin = assess_measurement(standards, child, date(2026, 2, 10), kg(5.5), rows)
    assert (
        thin.bgm and not assess_measurement(standards, child, date(2026, 2, 10), kg(8.8), rows).bgm
    )
    oedema = replace(kg(8.8), oedema=True)
    assert assess_measurement(standards, child, date(2026, 2, 10), oedema, rows).bgm


def test_no_kms_letter_or_bgm_from_60_months(standards):
    child = Child(birth_date=date(2021, 2, 10))
    at_59 = assess_measurement(standards, child, date(2026, 2, 9), kg(9.0), [])
    at_60 = assess_measurement(standards, child, date(2026, 2, 10), kg(9.0), [])
    assert at_59.findings.growth_status is B and at_59.bgm
    assert at_60.findings.growth_status is None and at_60.growth is None and not at_60.bgm
    assert at_60.findings.kbm_version is None and at_60.life_stage is LifeStage.PRESCHOOL


def test_lying_and_standing_switch_between_day_730_and_731(standards):
    child = Child(birth_date=date(2024, 1, 1))
    lying = MeasuredValues(lenhei_cm=Reading(85.0), position=Position.LYING)
    standing = replace(lying, position=Position.STANDING)
    day_730 = date(2025, 12, 31)
    assert (day_730 - child.birth_date).days == 730
    assert assess_measurement(standards, child, day_730, lying, []).length_correction_cm == 0.0
    assert assess_measurement(standards, child, day_730, standing, []).length_correction_cm == 0.7
    day_731 = date(2026, 1, 1)
    assert assess_measurement(standards, child, day_731, lying, []).length_correction_cm == -0.7
    assert assess_measurement(standards, child, day_731, standing, []).length_correction_cm == 0.0


def test_before_birth_is_refused(standards):
    with pytest.raises(ValueError):
        assess_measurement(standards, Child(), date(2025, 3, 14), kg(3.0), [])


@pytest.mark.parametrize(
    ("months", "sex", "woman", "group"),
    [
        (5, Sex.MALE, False, None),
        (6, Sex.MALE, False, LilaGroup.CHILD_6_59_MONTHS),
        (59, Sex.FEMALE, False, LilaGroup.CHILD_6_59_MONTHS),
        (60, Sex.MALE, False, LilaGroup.CHILD_5_9_YEARS),
        (119, Sex.MALE, False, LilaGroup.CHILD_5_9_YEARS),
        (120, Sex.FEMALE, False, None),
        (120, Sex.FEMALE, True, LilaGroup.WOMAN),
        (300, Sex.MALE, True, None),
    ],
)
def test_lila_groups_by_age(months, sex, woman, group):
    assert lila_group(months, sex, woman_group=woman) is group


@pytest.mark.parametrize(
    ("birth", "on", "pregnant", "woman"),
    [
        (date(2011, 3, 1), date(2026, 2, 28), False, False),  # 14 years
        (date(2011, 3, 1), date(2026, 3, 1), False, True),  # 15
        (date(1976, 3, 1), date(2026, 2, 28), False, True),  # 49
        (date(1976, 3, 1), date(2026, 3, 1), False, False),  # 50
        (date(1976, 3, 1), date(2026, 3, 1), True, True),  # pregnant at 50
    ],
)
def test_the_lila_woman_group_is_wus_or_pregnancy(birth, on, pregnant, woman):
    assert in_lila_woman_group(birth, on, pregnant=pregnant) is woman


def test_kek_at_its_cut_off(standards):
    mother = Child(sex=Sex.FEMALE, birth_date=date(1998, 5, 1), pregnant=True)
    on = date(2026, 2, 10)

    def status(cm: float) -> LilaStatus | None:
        values = MeasuredValues(lila_cm=Reading(cm))
        return assess_measurement(standards, mother, on, values, []).findings.lila_status

    assert status(23.4) is LilaStatus.KEK and status(23.5) is LilaStatus.NORMAL


@pytest.mark.parametrize(
    ("stage", "months", "head", "lila"),
    [
        (LifeStage.UNDER_FIVE, 5, True, False),
        (LifeStage.UNDER_FIVE, 6, True, True),
        (LifeStage.UNDER_FIVE, 23, True, True),
        (LifeStage.UNDER_FIVE, 24, False, True),
        (LifeStage.PRESCHOOL, 60, False, True),
        (LifeStage.SCHOOL_AGE_ADOLESCENT, 119, False, True),
        (LifeStage.SCHOOL_AGE_ADOLESCENT, 120, False, False),
        (LifeStage.PREGNANT_OR_POSTPARTUM, 300, False, True),
        (LifeStage.ADULT, 300, False, False),
    ],
)
def test_fields_by_life_stage_and_age(stage, months, head, lila):
    shown = fields_for(stage, months)
    assert (Quantity.HEADC_CM in shown, Quantity.LILA_CM in shown) == (head, lila)
    assert Quantity.WEIGHT_KG in shown
    adult = stage in (LifeStage.ADULT, LifeStage.ELDERLY)
    assert (Quantity.GLUCOSE_MG_DL in shown) == adult
    assert (Quantity.CHOLESTEROL_MG_DL in shown) == adult


@pytest.mark.parametrize(
    ("months", "sex", "bp", "hb"),
    [
        (119, Sex.FEMALE, False, False),
        (120, Sex.FEMALE, False, True),
        (120, Sex.MALE, False, False),
        (179, Sex.MALE, False, False),
        (180, Sex.MALE, True, False),
        (215, Sex.FEMALE, True, True),
    ],
)
def test_school_age_gets_blood_pressure_from_15_and_haemoglobin_for_girls_from_10(
    months, sex, bp, hb
):
    shown = fields_for(LifeStage.SCHOOL_AGE_ADOLESCENT, months, sex)
    assert Quantity.WAIST_CM in shown
    assert (Quantity.SYSTOLIC_MMHG in shown, Quantity.GLUCOSE_MG_DL in shown) == (bp, bp)
    assert (Quantity.HAEMOGLOBIN_G_DL in shown) == hb


def test_lying_under_731_days_for_children_only():
    assert measured_lying(LifeStage.UNDER_FIVE, 730)
    assert not measured_lying(LifeStage.UNDER_FIVE, 731)
    assert not measured_lying(LifeStage.PREGNANT_OR_POSTPARTUM, 730)


@pytest.mark.parametrize(
    ("cm", "status"),
    [
        (11.4, LilaStatus.SAM),
        (11.5, LilaStatus.MAM),
        (12.4, LilaStatus.MAM),
        (12.5, LilaStatus.NORMAL),
    ],
)
def test_muac_at_its_cut_offs(standards, cm, status):
    values = MeasuredValues(lila_cm=Reading(cm))
    judged = assess_measurement(standards, Child(), date(2026, 2, 10), values, [])
    assert judged.findings.lila_status is status

"""Plausibility doubts: usual ranges per life stage, monthly jumps, shrinking, WHO flags."""

from datetime import date

import pytest

from posyandu_desktop.domain.growth.plausibility import (
    SHRINK_TOLERANCE_CM,
    USUAL_RANGES,
    Doubt,
    PlausibilityIssue,
    Previous,
    Quantity,
    outside_usual_range,
    plausibility_issues,
    shrank,
    weight_jump,
    who_flags,
)
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.domain.life_stage import LifeStage

ON = date(2026, 11, 13)
LAST_MONTH = date(2026, 10, 12)
W, L, H = Quantity.WEIGHT_KG, Quantity.LENHEI_CM, Quantity.HEADC_CM


def test_every_life_stage_has_ranges_with_low_below_high():
    assert set(USUAL_RANGES) == set(LifeStage)
    for ranges in USUAL_RANGES.values():
        assert all(low < high for low, high in ranges.values())


@pytest.mark.parametrize(
    ("stage", "quantity", "value", "doubtful"),
    [
        (LifeStage.UNDER_FIVE, W, 95.0, True),  # an adult's weight typed for a toddler
        (LifeStage.UNDER_FIVE, W, 0.5, False),  # both ends are inside
        (LifeStage.UNDER_FIVE, W, 30.0, False),
        (LifeStage.UNDER_FIVE, W, 0.49, True),
        (LifeStage.UNDER_FIVE, L, 7.5, True),  # 75 cm with a lost digit
        (LifeStage.UNDER_FIVE, Quantity.LILA_CM, 125.0, True),  # 12.5 without its comma
        (LifeStage.UNDER_FIVE, H, 45.0, False),
        (LifeStage.ADULT, W, 95.0, False),
        (LifeStage.ADULT, Quantity.SYSTOLIC_MMHG, 300.0, True),
        (LifeStage.PREGNANT_OR_POSTPARTUM, Quantity.LILA_CM, 22.0, False),
        # Glucose is judged for adults only: the balita ranges do not list it.
        (LifeStage.UNDER_FIVE, Quantity.GLUCOSE_MG_DL, 900.0, False),
    ],
)
def test_usual_ranges(stage, quantity, value, doubtful):
    issues = outside_usual_range(stage, {quantity: value})
    assert bool(issues) is doubtful
    if doubtful:
        low, high = USUAL_RANGES[stage][quantity]
        assert issues == [
            PlausibilityIssue(Doubt.OUTSIDE_USUAL_RANGE, quantity, value, low=low, high=high)
        ]


@pytest.mark.parametrize(
    ("kg", "age_months", "doubtful"),
    [
        (8.0, 14, False),
        (9.6, 14, False),  # +20% exactly is allowed
        (9.7, 14, True),
        (6.3, 14, True),  # -21%
        (11.9, 3, False),  # young babies grow fast: up to 50%
        (12.1, 3, True),
    ],
)
def test_weight_jump_against_last_month(kg, age_months, doubtful):
    previous = Previous(8.0, LAST_MONTH)
    issue = weight_jump(kg, ON, previous, age_months=age_months)
    assert (issue is not None) is doubtful
    if issue is not None:
        assert (issue.doubt, issue.previous, issue.previous_on) == (
            Doubt.CHANGED_TOO_MUCH,
            8.0,
            LAST_MONTH,
        )


def test_weight_jump_ignores_old_or_missing_weighings():
    assert weight_jump(12.0, ON, None, age_months=14) is None
    assert weight_jump(12.0, ON, Previous(8.0, date(2026, 6, 1)), age_months=14) is None
    assert weight_jump(12.0, ON, Previous(8.0, ON), age_months=14) is None  # same day


def test_shrinking_more_than_the_tolerance_is_doubtful():
    previous = Previous(78.3, LAST_MONTH)
    assert shrank(L, 78.3 - SHRINK_TOLERANCE_CM, previous) is None
    issue = shrank(L, 77.2, previous)
    assert issue is not None and issue.doubt is Doubt.DECREASED and issue.previous == 78.3
    # Measured standing now (+0.7 cm correction) against lying last month: like with like.
    assert shrank(L, 77.5, previous, correction_cm=0.7) is None
    assert shrank(L, 77.5, None) is None


def test_who_flags_point_at_the_field_to_remeasure():
    issues = who_flags(
        {Indicator.WEIGHT_FOR_AGE: 5.01, Indicator.LENGTH_HEIGHT_FOR_AGE: -6.0},
        {W: 25.0, L: 60.0},
    )
    # -6.00 is on WHO's limit, not beyond it; +5.01 is beyond weight-for-age's +5.
    assert issues == [
        PlausibilityIssue(Doubt.WHO_FLAG, W, 25.0, indicator=Indicator.WEIGHT_FOR_AGE, z=5.01)
    ]


def test_one_doubt_per_field_and_the_range_first():
    issues = plausibility_issues(
        stage=LifeStage.UNDER_FIVE,
        age_months=14,
        on=ON,
        values={W: 95.0, L: 70.0},
        previous={W: Previous(9.9, LAST_MONTH), L: Previous(78.3, LAST_MONTH)},
        rounded_z={Indicator.WEIGHT_FOR_AGE: 30.0, Indicator.WEIGHT_FOR_LENGTH_HEIGHT: 40.0},
    )
    assert [(i.doubt, i.quantity) for i in issues] == [
        (Doubt.OUTSIDE_USUAL_RANGE, W),
        (Doubt.DECREASED, L),
    ]


def test_plausible_values_raise_no_doubt():
    issues = plausibility_issues(
        stage=LifeStage.UNDER_FIVE,
        age_months=14,
        on=ON,
        values={W: 10.2, L: 78.9, H: 46.0},
        previous={W: Previous(9.9, LAST_MONTH), L: Previous(78.3, LAST_MONTH)},
        rounded_z={Indicator.WEIGHT_FOR_AGE: 0.4, Indicator.LENGTH_HEIGHT_FOR_AGE: -0.8},
    )
    assert issues == ()

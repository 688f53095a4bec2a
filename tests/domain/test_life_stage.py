"""ILP life stages by age and pregnancy; the vitamin A capsule by age and month."""

from datetime import date, timedelta

import pytest

from posyandu_desktop.domain.life_stage import (
    LifeStage,
    VitaminACapsule,
    life_stage,
    vitamin_a_capsule,
    vitamin_a_due,
)

BIRTH = date(2020, 1, 15)


def on_months(months: int, days: int = 0) -> date:
    """The day `months` completed months after BIRTH, plus `days`."""
    index = BIRTH.year * 12 + BIRTH.month - 1 + months
    return date(index // 12, index % 12 + 1, BIRTH.day) + timedelta(days)


@pytest.mark.parametrize(
    ("months", "days", "stage"),
    [
        (0, 0, LifeStage.UNDER_FIVE),
        (59, 30, LifeStage.UNDER_FIVE),  # 59 months and 30 days: still balita
        (60, 0, LifeStage.PRESCHOOL),
        (72, 0, LifeStage.PRESCHOOL),  # "60 sampai 72 bulan"
        (72, 30, LifeStage.PRESCHOOL),
        (73, 0, LifeStage.SCHOOL_AGE_ADOLESCENT),
        (18 * 12 - 1, 0, LifeStage.SCHOOL_AGE_ADOLESCENT),
        (18 * 12, 0, LifeStage.ADULT),
        (60 * 12 - 1, 0, LifeStage.ADULT),
        (60 * 12, 0, LifeStage.ELDERLY),
    ],
)
def test_stage_by_age_on_both_sides_of_each_boundary(months, days, stage):
    assert life_stage(BIRTH, on_months(months, days)) is stage


def test_pregnancy_and_the_42_days_after_delivery_come_before_age():
    on = on_months(25 * 12)
    assert life_stage(BIRTH, on, pregnant=True) is LifeStage.PREGNANT_OR_POSTPARTUM
    for days_since, stage in [
        (0, LifeStage.PREGNANT_OR_POSTPARTUM),
        (42, LifeStage.PREGNANT_OR_POSTPARTUM),
        (43, LifeStage.ADULT),
        (-1, LifeStage.ADULT),  # a delivery date after `on` says nothing about `on`
    ]:
        delivered = on - timedelta(days_since)
        assert life_stage(BIRTH, on, delivered_on=delivered) is stage


def test_a_date_before_birth_raises():
    with pytest.raises(ValueError, match="before the birth date"):
        life_stage(BIRTH, BIRTH - timedelta(1))


@pytest.mark.parametrize(
    ("months", "days", "capsule"),
    [
        (5, 29, None),  # the day before 6 completed months
        (6, 0, VitaminACapsule.BLUE),
        (11, 30, VitaminACapsule.BLUE),
        (12, 0, VitaminACapsule.RED),
        (59, 30, VitaminACapsule.RED),
        (60, 0, None),
    ],
)
def test_capsule_colour_by_completed_months(months, days, capsule):
    assert vitamin_a_capsule(BIRTH, on_months(months, days)) is capsule


def test_no_capsule_before_birth():
    assert vitamin_a_capsule(BIRTH, BIRTH - timedelta(1)) is None


@pytest.mark.parametrize("month", range(1, 13))
def test_vitamin_a_is_due_only_in_february_and_august(month):
    on = date(2021, month, 20)  # 16 months old all year round
    expected = VitaminACapsule.RED if month in (2, 8) else None
    assert vitamin_a_due(BIRTH, on) is expected

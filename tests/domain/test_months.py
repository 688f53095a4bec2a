"""Calendar months and completed months of age (docs/sources/permenkes-2-2020.md)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_desktop.domain.months import Period, completed_months, month_day


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (date(2026, 1, 31), date(2026, 2, 27), 0),
        (date(2026, 1, 31), date(2026, 2, 28), 1),  # February has no 31st: its last day
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # leap year
        (date(2026, 1, 31), date(2026, 3, 30), 1),
        (date(2026, 1, 31), date(2026, 3, 31), 2),
        (date(2021, 2, 10), date(2026, 2, 9), 59),
        (date(2021, 2, 10), date(2026, 2, 10), 60),  # under five ends here
        (date(2025, 1, 1), date(2025, 3, 30), 2),  # "2 months 29 days is 2 months"
    ],
)
def test_completed_months_clamp_to_the_end_of_a_short_month(birth, on, months):
    assert completed_months(birth, on) == months


def test_completed_months_refuse_a_day_before_birth():
    with pytest.raises(ValueError):
        completed_months(date(2026, 1, 31), date(2026, 1, 30))


def test_month_day_is_the_day_a_month_is_completed():
    assert month_day(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert month_day(date(2025, 12, 15), 2) == date(2026, 2, 15)


def test_period_arithmetic_crosses_years():
    assert Period(2026, 1).plus(-1) == Period(2025, 12)
    assert Period(2025, 12).plus(1) == Period(2026, 1)
    assert Period(2026, 3).plus(-27) == Period(2023, 12)
    assert Period(2026, 3).plus(12).index - Period(2026, 3).index == 12
    assert Period.of(date(2024, 2, 10)).last_day == date(2024, 2, 29)
    assert Period(2026, 2).first_day == date(2026, 2, 1)
    assert Period(2026, 2).day(31) == date(2026, 2, 28)


def test_period_text_round_trips_and_refuses_non_months():
    assert str(Period(2026, 3)) == "2026-03" and Period.parse("2026-03") == Period(2026, 3)
    for text in ("2026-3", "2026-13", "26-03", "2026-03-01"):
        with pytest.raises(ValueError):
            Period.parse(text)


@settings(max_examples=3000, deadline=None)
@given(birth=st.dates(date(1990, 1, 1), date(2030, 12, 31)), days=st.integers(0, 40_000))
def test_completed_months_are_the_month_days_reached(birth: date, days: int) -> None:
    on = birth + timedelta(days=days)
    months = completed_months(birth, on)
    assert month_day(birth, months) <= on < month_day(birth, months + 1)

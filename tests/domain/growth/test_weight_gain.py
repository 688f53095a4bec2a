"""KMS growth status N/T/O/B/2T by KBM (docs/sources/kms.md)."""

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_desktop.domain.growth.weight_gain import (
    KBM_BUKU_KIA_2023,
    GrowthStatus,
    KbmTable,
    RejectedWeighing,
    WeighingProblem,
    completed_months,
    growth_statuses,
    parse_kms_version,
)

N, T, O, B = GrowthStatus.N, GrowthStatus.T, GrowthStatus.O, GrowthStatus.B  # noqa: E741
BIRTH = date(2024, 1, 15)


def plus_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def statuses(weighings: list[tuple[date, float]], birth: date = BIRTH) -> list[GrowthStatus]:
    return [r.status for r in growth_statuses(birth, weighings).results]


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (date(2025, 1, 15), date(2025, 1, 15), 0),
        (date(2025, 1, 15), date(2025, 2, 14), 0),
        (date(2025, 1, 15), date(2025, 2, 15), 1),
        (date(2025, 1, 1), date(2025, 3, 30), 2),  # Permenkes: "2 bulan 29 hari = 2 bulan"
        (date(2025, 1, 31), date(2025, 2, 27), 0),
        (date(2025, 1, 31), date(2025, 2, 28), 1),  # no 31 Feb: the last day completes it
        (date(2024, 1, 31), date(2024, 2, 28), 0),  # leap year: 29 Feb exists
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2025, 1, 31), date(2025, 3, 30), 1),
        (date(2025, 1, 31), date(2025, 3, 31), 2),
        (date(2025, 3, 31), date(2025, 4, 30), 1),
        (date(2024, 2, 29), date(2024, 3, 28), 0),
        (date(2024, 2, 29), date(2024, 3, 29), 1),
        (date(2024, 2, 29), date(2025, 2, 28), 12),
        (date(2023, 12, 31), date(2024, 1, 1), 0),
        (date(2020, 5, 10), date(2025, 5, 9), 59),
        (date(2020, 5, 10), date(2025, 5, 10), 60),
    ],
)
def test_completed_months(birth, on, months):
    assert completed_months(birth, on) == months


def test_completed_months_before_birth_raises():
    with pytest.raises(ValueError, match="before"):
        completed_months(date(2025, 1, 15), date(2025, 1, 14))


def test_first_weighing_is_b():
    (result,) = growth_statuses(BIRTH, [(date(2024, 6, 10), 7.2)]).results
    assert (result.status, result.gain_g, result.kbm_g, result.two_t) == (B, None, None, False)
    assert (result.weight_g, result.age_months) == (7200, 4)


@pytest.mark.parametrize(
    ("age_months", "kbm_g"),
    [
        (1, 800),
        (2, 900),
        (3, 800),
        (4, 600),
        (5, 500),
        (6, 400),
        (7, 300),
        (8, 300),
        (9, 300),
        (10, 300),
        (11, 200),
        (12, 200),
        (59, 200),
        (60, 200),
    ],
)
@pytest.mark.parametrize(("extra_g", "status"), [(0, N), (-1, T), (1, N)])
def test_every_kbm_row_at_and_below_the_minimum(age_months, kbm_g, extra_g, status):
    current = plus_months(BIRTH, age_months)
    previous = plus_months(BIRTH, age_months - 1)
    history = growth_statuses(BIRTH, [(previous, 5.0), (current, (5000 + kbm_g + extra_g) / 1000)])
    result = history.results[-1]
    assert (result.age_months, result.kbm_g, result.gain_g) == (age_months, kbm_g, kbm_g + extra_g)
    assert result.status is status


def test_kbm_follows_completed_months_not_the_calendar_month():
    # Born 15 Jan, weighed 10 Mar: 1 month 24 days = 1 completed month, KBM 800 not 900.
    history = growth_statuses(BIRTH, [(date(2024, 2, 10), 4.0), (date(2024, 3, 10), 4.8)])
    assert (history.results[-1].age_months, history.results[-1].kbm_g) == (1, 800)
    assert history.results[-1].status is N


@pytest.mark.parametrize(("age_months", "kbm_g"), [(0, None), (1, 800), (60, 200), (61, None)])
def test_kbm_table_edges(age_months, kbm_g):
    assert KBM_BUKU_KIA_2023.kbm_g(age_months) == kbm_g


@pytest.mark.parametrize(("grams", "status"), [(500, N), (1, N), (0, T), (-150, T)])
def test_age_0_has_no_kbm(grams, status):
    # Born 20 Jan, weighed at birth and again on 15 Feb (26 days, 0 completed months).
    birth = date(2025, 1, 20)
    history = growth_statuses(birth, [(birth, 3.0), (date(2025, 2, 15), 3 + grams / 1000)])
    result = history.results[-1]
    assert (result.age_months, result.kbm_g, result.gain_g) == (0, None, grams)
    assert result.status is status


def test_past_the_table_has_no_kbm():
    previous, current = plus_months(BIRTH, 60), plus_months(BIRTH, 61)
    result = growth_statuses(BIRTH, [(previous, 18.0), (current, 18.1)]).results[-1]
    assert (result.age_months, result.kbm_g, result.status) == (61, None, N)


def test_gain_is_exact_in_grams():
    # 8.2 - 8.0 is 0.1999999999999993 in floats; the KBM at 12 months is 200 g.
    result = growth_statuses(BIRTH, [(date(2025, 1, 20), 8.0), (date(2025, 2, 20), 8.2)])
    assert (result.results[-1].gain_g, result.results[-1].status) == (200, N)


def test_missed_month_gives_o():
    weighings = [(date(2024, 6, 10), 7.0), (date(2024, 8, 10), 7.9), (date(2024, 9, 10), 8.0)]
    history = growth_statuses(BIRTH, weighings)
    assert [r.status for r in history.results] == [B, O, T]
    assert (history.results[1].gain_g, history.results[1].kbm_g) == (None, None)


def test_previous_calendar_month_counts_even_if_days_apart():
    # The KMS works in calendar months: 31 Jul then 1 Aug is a one-month interval.
    assert statuses([(date(2024, 7, 31), 7.0), (date(2024, 8, 1), 7.0)]) == [B, T]
    assert statuses([(date(2024, 7, 1), 7.0), (date(2024, 8, 31), 7.5)]) == [B, N]


def test_year_boundary_is_one_month():
    assert statuses([(date(2024, 12, 20), 8.0), (date(2025, 1, 20), 8.3)]) == [B, N]


def test_two_t_and_referral_flags():
    weighings = [
        (date(2024, 10, 10), 8.0),  # 8 months
        (date(2024, 11, 10), 8.1),  # T (< 300 g)
        (date(2024, 12, 10), 8.2),  # T again: 2T
        (date(2025, 1, 10), 8.2),  # T a third time: still 2T
        (date(2025, 2, 10), 8.6),  # N
        (date(2025, 3, 10), 8.6),  # T after N: not 2T
    ]
    results = growth_statuses(BIRTH, weighings).results
    assert [r.status for r in results] == [B, T, T, T, N, T]
    assert [r.two_t for r in results] == [False, False, True, True, False, False]
    assert [r.refer_kia_2023 for r in results] == [False, True, True, True, False, True]
    assert [r.refer_2t for r in results] == [r.two_t for r in results]


def test_t_then_o_then_t_is_not_2t():
    weighings = [
        (date(2024, 10, 10), 8.0),
        (date(2024, 11, 10), 8.0),  # T
        (date(2025, 1, 10), 8.0),  # O (December missed)
        (date(2025, 2, 10), 8.0),  # T
    ]
    results = growth_statuses(BIRTH, weighings).results
    assert [(r.status, r.two_t) for r in results] == [
        (B, False),
        (T, False),
        (O, False),
        (T, False),
    ]


def test_same_month_uses_the_later_weighing():
    early, late = (date(2024, 7, 5), 7.1), (date(2024, 7, 25), 7.3)
    history = growth_statuses(BIRTH, [(date(2024, 6, 10), 7.0), late, early])
    assert [(r.on, r.weight_g, r.status) for r in history.results] == [
        (date(2024, 6, 10), 7000, B),
        (date(2024, 7, 25), 7300, T),  # 300 g < 400 g at 6 months
    ]
    assert history.rejected == (RejectedWeighing(*early, WeighingProblem.SAME_MONTH),)


def test_same_day_twice_keeps_the_later_input():
    day = date(2024, 7, 5)
    history = growth_statuses(BIRTH, [(day, 7.1), (day, 7.3)])
    assert [r.weight_g for r in history.results] == [7300]
    assert history.rejected == (RejectedWeighing(day, 7.1, WeighingProblem.SAME_MONTH),)


def test_unsorted_input_is_sorted():
    weighings = [(date(2024, 9, 10), 8.2), (date(2024, 7, 10), 7.5), (date(2024, 8, 10), 7.9)]
    results = growth_statuses(BIRTH, weighings).results
    assert [r.on.month for r in results] == [7, 8, 9]
    assert [r.status for r in results] == [B, N, N]
    assert [r.gain_g for r in results] == [None, 400, 300]


@pytest.mark.parametrize("weight_kg", [0.0, -7.0, float("nan"), float("inf"), 0.0004, 1e308])
def test_invalid_weights_are_rejected_and_skipped(weight_kg):
    bad = (date(2024, 7, 10), weight_kg)
    history = growth_statuses(BIRTH, [(date(2024, 6, 10), 7.0), bad, (date(2024, 8, 10), 7.5)])
    assert [r.status for r in history.results] == [B, O]
    (rejected,) = history.rejected
    assert (rejected.on, rejected.problem) == (bad[0], WeighingProblem.WEIGHT_INVALID)


def test_weighing_before_birth_is_rejected():
    history = growth_statuses(BIRTH, [(date(2024, 1, 10), 3.0), (date(2024, 1, 20), 3.3)])
    assert [r.status for r in history.results] == [B]
    assert history.rejected == (
        RejectedWeighing(date(2024, 1, 10), 3.0, WeighingProblem.BEFORE_BIRTH),
    )


def test_the_kbm_table_is_replaceable():
    lenient = KbmTable(version="test", source="test", rows=((1, 60, 100),))
    weighings = [(date(2024, 6, 10), 7.0), (date(2024, 7, 10), 7.1)]
    assert statuses(weighings) == [B, T]
    results = growth_statuses(BIRTH, weighings, lenient).results
    assert [(r.status, r.kbm_g) for r in results] == [(B, None), (N, 100)]


@pytest.mark.parametrize(
    "rows",
    [
        ((1, 3, 800), (3, 4, 600)),  # overlap
        ((2, 1, 800),),  # reversed
        ((1, 1, 0),),  # no minimum
        ((5, 5, 500), (1, 1, 800)),  # out of order
    ],
)
def test_bad_kbm_tables_are_refused(rows):
    with pytest.raises(ValueError, match="bad row"):
        KbmTable(version="bad", source="test", rows=rows)


weighing = st.tuples(
    st.dates(min_value=date(2023, 6, 1), max_value=date(2029, 6, 1)),
    st.one_of(
        st.floats(min_value=2.0, max_value=25.0),
        st.floats(allow_nan=True, allow_infinity=True),
    ),
)


@given(st.lists(weighing, max_size=40))
def test_every_weighing_gets_exactly_one_outcome(weighings):
    history = growth_statuses(BIRTH, weighings)
    results = history.results
    assert len(results) + len(history.rejected) == len(weighings)
    counts = {s: sum(r.status is s for r in results) for s in GrowthStatus}
    assert counts[N] + counts[T] + counts[O] + counts[B] == len(results)  # D = N + T + O + B
    months = [r.on.year * 12 + r.on.month for r in results]
    assert months == sorted(set(months))  # one result per month, in order
    assert all(r.status is B for r in results[:1])
    assert counts[B] == min(len(results), 1)
    for i in range(1, len(results)):
        before, result = results[i - 1], results[i]
        one_month = months[i] - months[i - 1] == 1
        assert (result.status in (N, T)) == one_month
        assert (result.gain_g is not None) == one_month
        assert result.two_t == (result.status is T and before.status is T)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"version": "x", "source": "s", "kbm_g": [], "red_line_z": 1, "orange_line_z": -3}',
        '{"version": "x", "source": "s", "kbm_g": [{"from_month": 2, "to_month": 1, "grams": 5}],'
        ' "red_line_z": -3, "orange_line_z": 1}',
    ],
)
def test_a_damaged_kms_version_file_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_kms_version(text)


def test_a_kms_version_file_gives_its_kbm_and_lines() -> None:
    version = parse_kms_version(
        '{"version": "v", "source": "s", "kbm_g": [{"from_month": 1, "to_month": 60,'
        ' "grams": 100}], "red_line_z": -3, "orange_line_z": 1}'
    )
    assert (version.version, version.kbm.kbm_g(7), version.red_line_z) == ("v", 100, -3.0)

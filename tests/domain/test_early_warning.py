"""The early-warning rules, each on both sides of its threshold, and the backtest's figures on a
hand-built registry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from posyandu_desktop.domain.early_warning import (
    DEFAULT_RULES,
    ChildHistory,
    GrowthPoint,
    RiskReason,
    at_risk,
    backtest,
    monthly_lists,
    risk_of,
)
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.months import Period

BIRTH = date(2025, 1, 10)
N, T = GrowthStatus.N, GrowthStatus.T


def _monthly(**series: Sequence[float | None]) -> list[GrowthPoint]:
    """One point on the 15th of each month from February 2025, z-scores from the series."""
    count = max(len(v) for v in series.values())
    points = []
    for k in range(count):
        on = Period(2025, 2).plus(k).day(15)
        values = {name: (v[k] if k < len(v) else None) for name, v in series.items()}
        points.append(GrowthPoint(on, **values))  # type: ignore[arg-type]
    return points


def _child(points: list[GrowthPoint], pid: int = 1, **kw: object) -> ChildHistory:
    return ChildHistory(pid, BIRTH, points, **kw)  # type: ignore[arg-type]


def _reasons(child: ChildHistory, on: date) -> tuple[RiskReason, ...]:
    risk = risk_of(child, on)
    return risk.reasons if risk else ()


def test_length_falling_between_minus_two_and_minus_one() -> None:
    child = _child(_monthly(haz=[-0.8, -1.0, -1.1, -1.35]))
    risk = risk_of(child, date(2025, 5, 31))
    assert risk is not None and risk.reasons == (RiskReason.LENGTH_FALLING,)
    finding = risk.findings[0]
    assert finding.amount == pytest.approx(0.55) and finding.months == 3 and finding.z == -1.35


@pytest.mark.parametrize(
    ("series", "why"),
    [
        ([-0.8, -1.0, -1.1, -1.25], "a fall of 0.45 SD is under 0.5"),
        ([-0.3, -0.5, -0.7, -0.9], "still above -1 SD"),
        ([-1.5, -1.8, -2.0, -2.1], "already stunted: a case, not a warning"),
    ],
)
def test_length_not_falling_enough(series: list[float], why: str) -> None:
    assert _reasons(_child(_monthly(haz=series)), date(2025, 5, 31)) == (), why


def test_length_fall_only_counts_within_six_months() -> None:
    # -0.6 in February, -1.2 in September: seven months apart, outside the window.
    points = [GrowthPoint(date(2025, 2, 15), haz=-0.6), GrowthPoint(date(2025, 9, 15), haz=-1.2)]
    assert RiskReason.LENGTH_FALLING not in _reasons(_child(points), date(2025, 9, 30))
    points[0] = GrowthPoint(date(2025, 4, 1), haz=-0.6)
    assert RiskReason.LENGTH_FALLING in _reasons(_child(points), date(2025, 9, 30))


def test_length_rule_stops_at_two_years() -> None:
    points = [GrowthPoint(date(2026, 10, 15), haz=-0.8), GrowthPoint(date(2026, 12, 15), haz=-1.5)]
    assert _reasons(_child(points), date(2026, 12, 31)) == (RiskReason.LENGTH_FALLING,)
    older = replace(_child(points), birth_date=date(2024, 12, 1))
    assert _reasons(older, date(2026, 12, 31)) == ()


def test_doubtful_values_count_for_nothing() -> None:
    points = _monthly(haz=[-0.8, -1.0, -1.1, -1.35])
    points[-1] = replace(points[-1], doubtful=True)
    assert _reasons(_child(points), date(2025, 5, 31)) == ()
    # A doubtful high value before the fall does not create one either.
    points = _monthly(haz=[0.9, -1.0, -1.1, -1.2])
    assert _reasons(_child(points), date(2025, 5, 31)) == (RiskReason.LENGTH_FALLING,)
    points[0] = replace(points[0], doubtful=True)
    assert _reasons(_child(points), date(2025, 5, 31)) == ()


def test_weight_across_a_major_centile_line() -> None:
    assert _reasons(_child(_monthly(waz=[0.2, 0.0, -0.47])), date(2025, 4, 30)) == (
        RiskReason.WEIGHT_FALLING,
    )
    assert _reasons(_child(_monthly(waz=[0.2, 0.0, -0.46])), date(2025, 4, 30)) == ()


def test_kms_letters_two_t_and_t_twice_in_three_months() -> None:
    two_t = [
        GrowthPoint(date(2025, 3, 15), growth_status=N),
        GrowthPoint(date(2025, 4, 15), growth_status=T),
        GrowthPoint(date(2025, 5, 15), growth_status=T, two_t=True),
    ]
    assert _reasons(_child(two_t), date(2025, 5, 31)) == (RiskReason.TWO_T,)
    t_n_t = [
        replace(p, growth_status=s, two_t=False) for p, s in zip(two_t, (T, N, T), strict=True)
    ]
    assert _reasons(_child(t_n_t), date(2025, 5, 31)) == (RiskReason.T_TWICE,)
    without = replace(DEFAULT_RULES, kms_letters=False)
    assert risk_of(_child(two_t), date(2025, 5, 31), without) is None
    # The first T falls out of the three-month window in June.
    june = [*t_n_t, GrowthPoint(date(2025, 6, 15), growth_status=N)]
    assert _reasons(_child(june), date(2025, 6, 30)) == ()


def test_birth_size_and_mother_kek_count_in_the_first_six_months() -> None:
    child = _child([], birth_weight_kg=2.45, birth_length_cm=47.5, mother_lila_in_pregnancy_cm=22.9)
    assert set(_reasons(child, date(2025, 7, 9))) == {
        RiskReason.LOW_BIRTH_WEIGHT,
        RiskReason.SHORT_BIRTH_LENGTH,
        RiskReason.MOTHER_KEK,
    }
    assert _reasons(child, date(2025, 7, 10)) == ()  # six months old
    at_limits = _child(
        [], birth_weight_kg=2.5, birth_length_cm=48.0, mother_lila_in_pregnancy_cm=23.5
    )
    assert _reasons(at_limits, date(2025, 3, 1)) == ()


def test_missed_weighings_two_of_the_last_three_months() -> None:
    points = [GrowthPoint(date(2025, 2, 15), waz=0.0), GrowthPoint(date(2025, 3, 15), waz=0.0)]
    assert _reasons(_child(points), date(2025, 4, 30)) == ()
    assert _reasons(_child(points), date(2025, 5, 31)) == (RiskReason.MISSED_WEIGHINGS,)
    # Months without a Posyandu day are not missed.
    held = frozenset({Period(2025, 2), Period(2025, 3), Period(2025, 5)})
    assert risk_of(_child(points), date(2025, 5, 31), held_months=held) is None


def test_ranking_heaviest_reasons_then_lowest_haz() -> None:
    falling = _child(_monthly(haz=[-0.8, -1.0, -1.1, -1.35]), pid=1)
    lower = _child(_monthly(haz=[-0.9, -1.2, -1.5, -1.6]), pid=2)
    missed = _child([GrowthPoint(date(2025, 2, 15), waz=0.0)], pid=3)
    ranked = at_risk([missed, falling, lower], date(2025, 5, 31))
    assert [r.person_id for r in ranked] == [2, 1, 3]
    assert ranked[0].score == DEFAULT_RULES.weights[RiskReason.LENGTH_FALLING]


def test_backtest_on_a_hand_built_registry() -> None:
    """Five children over six months, judged on the last three (lead of one to three months).

    1: listed in March-April (length falling), confirmed stunted in May -> a warned case.
    2: never listed, confirmed stunted in June -> a case missed.
    3: listed in March (weight fall), back on track and measured in April -> recovered.
    4: listed in May, still listed in June -> neither.
    5: never listed, never a case.
    """
    march, april, may, june = (Period(2025, m) for m in (3, 4, 5, 6))
    jan, feb = Period(2025, 1), Period(2025, 2)
    lists = {
        jan: frozenset(),
        feb: frozenset(),
        march: frozenset({1, 3}),
        april: frozenset({1}),
        may: frozenset({4}),
        june: frozenset({4}),
    }
    cases = [(1, may), (2, june), (9, jan)]  # 9: a case before the judged months
    measured = {3: [date(2025, 4, 15)], 4: [date(2025, 6, 15)]}
    result = backtest(lists, cases, measured)
    assert result.months == (april, may, june)
    assert result.list_sizes == (1, 1, 1)
    assert result.cases == ((1, may), (2, june))
    assert result.warned == (1,)
    assert result.sensitivity == 0.5
    assert result.recovered == ()  # 3 left the list in April, which is not after a judged month
    early = backtest(lists, cases, measured, lead_months=(1, 2))
    assert early.months == (march, april, may, june)
    assert early.recovered == (3,)


def test_monthly_lists_use_only_what_was_known_then() -> None:
    child = _child(_monthly(haz=[-0.8, -1.0, -1.1, -1.35, -1.32, -1.2, -1.0, -0.9]))
    lists = monthly_lists([child], [Period(2025, m) for m in range(2, 10)])
    listed = [m.month for m, ids in lists.items() if ids]
    assert listed == [5, 6]  # fall seen in May; by July it is only 0.4 SD below February


def test_a_fall_says_where_it_fell_from() -> None:
    risk = risk_of(_child(_monthly(haz=[-0.8, -1.0, -1.1, -1.35])), date(2025, 5, 31))
    assert risk is not None and risk.findings[0].since == date(2025, 2, 15)

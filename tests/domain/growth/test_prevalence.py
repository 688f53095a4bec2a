"""Prevalence with 95 % CIs and the quality checks, against values worked out by hand (the
method of WHO's anthro_prevalence for a simple random sample; docs/sources/anthro-prevalence.md)."""

import math

import pytest

from posyandu_desktop.domain.growth.prevalence import (
    Child,
    Condition,
    digit_preference_score,
    mean_z,
    prevalence,
    summarise,
    t_cdf,
    t_quantile,
)
from posyandu_desktop.domain.people import Sex

# Hand arithmetic is carried to 6 significant digits.
TOLERANCE = 1e-4


@pytest.mark.parametrize(
    ("df", "t"),
    # Student's t 97.5 % points from any printed table.
    [(1, 12.7062), (4, 2.7764), (9, 2.2622), (29, 2.0452), (1000, 1.9623)],
)
def test_t_quantile_matches_the_printed_tables(df: int, t: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(t, abs=1e-4)
    assert t_cdf(t_quantile(0.975, df), df) == pytest.approx(0.975, abs=1e-12)


def test_prevalence_of_one_in_four_within_a_sample_of_ten() -> None:
    # r = 0.25; se = sqrt(10/9) / 4 * sqrt(0.75^2 + 3 * 0.25^2) = 0.228218
    # logit(r) = -1.098612; se_logit = sqrt(10/9 / (4 * 0.25 * 0.75)) = 1.217161
    # t(0.975, 9) = 2.262157: logit limits -3.852030 and 1.654806 -> 2.0795 % and 83.9538 %
    e = prevalence([True, False, False, False], 10, t_quantile(0.975, 9))
    assert e.n == 4 and e.value == 25.0
    assert e.se == pytest.approx(22.8218, abs=TOLERANCE)
    assert e.low == pytest.approx(2.07951, abs=TOLERANCE)
    assert e.high == pytest.approx(83.9538, abs=TOLERANCE)


def test_none_or_all_give_a_closed_interval() -> None:
    t = t_quantile(0.975, 4)
    assert prevalence([False] * 5, 5, t)[3:5] == (0.0, 0.0)
    assert prevalence([True] * 5, 5, t)[3:5] == (100.0, 100.0)
    assert prevalence([], 5, t).value is None


def test_mean_z_with_its_interval_and_sd() -> None:
    # values -1, 0, 1, 2 in a sample of 4: mean 0.5; sum of squares 5; sd sqrt(5/3) = 1.290994
    # se = sqrt(4/3) / 4 * sqrt(5) = 0.645497; t(0.975, 3) = 3.182446; t * se = 2.054260
    e = mean_z([-1.0, 0.0, 1.0, 2.0], 4, t_quantile(0.975, 3))
    assert e.value == 0.5 and e.sd == pytest.approx(1.290994, abs=1e-6)
    assert e.se == pytest.approx(0.645497, abs=1e-6)
    assert (e.low, e.high) == pytest.approx((-1.554260, 2.554260), abs=1e-5)


def child(
    sex: int, days: int | None, zlen: float | None, zwfl: float | None, **kw: object
) -> Child:
    z = {"len": zlen, "wei": None, "wfl": zwfl, "bmi": None}
    flags = {"len": False, "wei": False, "wfl": False, "bmi": False}
    flags.update(kw.pop("flagged", {}))  # type: ignore[call-overload]
    return Child(Sex(sex), days, z, flags, **kw)  # type: ignore[arg-type]


def test_groups_oedema_flags_and_the_age_limit() -> None:
    children = [
        child(1, 100, -2.5, 0.0),  # 0-5 months, stunted
        child(1, 400, -1.0, -2.5),  # 12-23 months, wasted
        child(2, 400, -3.0, None, oedema=True),  # oedema: wasted for prevalence, no mean z
        child(2, 1000, None, 2.5, flagged={"len": True}),  # flagged length: left out of zlen
        child(2, 1900, -4.0, -4.0),  # beyond 1826 days: not in the analysis
    ]
    results, quality = summarise(children)
    everyone = results[0]
    assert everyone.group == "all"
    stunting = everyone.prevalence[Condition.STUNTING]
    assert stunting.n == 3 and stunting.value == pytest.approx(200 / 3)
    wasting = everyone.prevalence[Condition.WASTING]
    assert wasting.n == 4 and wasting.value == 50.0  # the oedema child counts as -3.1
    assert everyone.prevalence[Condition.OVERWEIGHT].value == 25.0
    assert everyone.mean_z["wfl"].n == 3  # oedema left out of the mean
    by_group = {r.group: r for r in results}
    assert by_group["sex:2"].prevalence[Condition.WASTING].n == 2
    assert by_group["age:12-23"].prevalence[Condition.WASTING].value == 100.0
    assert by_group["age:0-5|sex:1"].prevalence[Condition.STUNTING].value == 100.0
    # Every group's interval uses the whole sample (N = 4): se = sqrt(4/3)/n * sqrt(sum dev^2).
    girls = by_group["sex:2"].prevalence[Condition.WASTING]
    assert girls.se == pytest.approx(100 * math.sqrt(4 / 3) / 2 * math.sqrt(0.5), abs=TOLERANCE)
    assert quality.children == 4
    assert quality.flagged_percent["len"] == 25.0 and quality.flagged_percent["wei"] is None


def test_digit_preference_score() -> None:
    assert digit_preference_score(list(range(10)) * 7) == 0.0
    assert digit_preference_score([0] * 50) == pytest.approx(100)
    # 20 values: ten 0s, ten 5s -> chi2 = 2 * (10-2)^2/2 + 8 * 2^2/2 = 80; sqrt(80/(20*9)) = 0.6667
    assert digit_preference_score([0] * 10 + [5] * 10) == pytest.approx(66.6667, abs=1e-4)
    assert digit_preference_score([]) is None


def test_quality_reads_digits_and_age_heaping() -> None:
    kids = [
        child(1, int(m * 30.4375) + 1, 0.0, 0.0, weight_text=w, lenhei_text="75")
        for m, w in ((12, "9,5"), (24, "10.0"), (7, "8,3"), (30, "12"))
    ]
    _, quality = summarise(kids)
    assert quality.age_whole_year_percent == 50.0
    assert quality.weight_digit_score is not None and quality.lenhei_digit_score == pytest.approx(
        100
    )

"""SD curves: value_at_z inverts the z-score engine for every indicator, and reads the WHO rows.

Expected SD lines come from the shipped CSV read here with the csv module, not from the parser.
"""

import csv
from functools import cache
from itertools import pairwise

import pytest

from posyandu_desktop.domain.growth import (
    GrowthStandards,
    Indicator,
    Table,
    arm_circumference_for_age,
    bmi_for_age,
    head_circumference_for_age,
    length_height_for_age,
    subscapular_skinfold_for_age,
    triceps_skinfold_for_age,
    weight_for_age,
    weight_for_length_height,
)
from posyandu_desktop.domain.growth.curves import (
    Chart,
    chart_xs,
    sd_curves,
    value_at_z,
    value_for_age,
    weight_for_lenhei_at_z,
)
from posyandu_desktop.domain.growth.zscore import ZScore
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.settings import resource_path

M, F = Sex.MALE, Sex.FEMALE
# Inverse then forward is exact but for float round-off in the powers (~1e-13).
TOLERANCE = 1e-9
ZS = [-4.0, -3.0, -2.5, -2.0, 0.0, 1.0, 2.0, 3.0, 3.5, 4.0]
# Days across the 2006 tables (birth, day 91 where arm and skinfolds start, the 731-day switch,
# the last day) and months across the 2007 tables (the 60-month hand-over, between rows, ends).
AGES = [
    *(Age.from_days(d) for d in (0, 1, 91, 365, 730, 731, 1000, 1826)),
    *(Age.from_months(m) for m in (60.0, 61.5, 90.3, 119.9, 120.0, 180.25, 228.0)),
]


@cache
def csv_row(stem: str, sex: Sex, x: str) -> tuple[float, float, float]:
    with resource_path("who", f"{stem}.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            if int(r["sex"]) == sex and r["x"] == x:
                return float(r["L"]), float(r["M"]), float(r["S"])
    raise KeyError((stem, sex, x))


def midway(
    a: tuple[float, float, float], b: tuple[float, float, float]
) -> tuple[float, float, float]:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2


def sd_line(row: tuple[float, float, float], k: float) -> float:
    l_, m, s = row
    return float(m * (1 + l_ * s * k) ** (1 / l_))


def score(standards: GrowthStandards, ind: Indicator, sex: Sex, age: Age, y: float) -> ZScore:
    """The engine's z for an age-based value; no position, so no lying/standing correction."""
    match ind:
        case Indicator.WEIGHT_FOR_AGE:
            return weight_for_age(standards, sex, age, y)
        case Indicator.LENGTH_HEIGHT_FOR_AGE:
            return length_height_for_age(standards, sex, age, y, None)
        case Indicator.BMI_FOR_AGE:  # from a 100 cm length, so that BMI = weight exactly
            return bmi_for_age(standards, sex, age, y, 100.0, None)
        case Indicator.HEAD_CIRCUMFERENCE_FOR_AGE:
            return head_circumference_for_age(standards, sex, age, y)
        case Indicator.ARM_CIRCUMFERENCE_FOR_AGE:
            return arm_circumference_for_age(standards, sex, age, y)
        case Indicator.TRICEPS_SKINFOLD_FOR_AGE:
            return triceps_skinfold_for_age(standards, sex, age, y)
        case Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE:
            return subscapular_skinfold_for_age(standards, sex, age, y)
    raise AssertionError(ind)


AGE_INDICATORS = [i for i in Indicator if i is not Indicator.WEIGHT_FOR_LENGTH_HEIGHT]


@pytest.mark.parametrize("sex", [M, F])
@pytest.mark.parametrize("indicator", AGE_INDICATORS)
def test_round_trip_by_age(standards: GrowthStandards, indicator: Indicator, sex: Sex) -> None:
    checked = 0
    for age in AGES:
        assert age is not None
        for z in ZS:
            value = value_for_age(standards, indicator, sex, age, z)
            got = score(standards, indicator, sex, age, value) if value is not None else None
            if value is None:  # only where the engine has no z either
                assert score(standards, indicator, sex, age, 10.0).z is None, (age, z)
                continue
            assert got is not None and got.z == pytest.approx(z, abs=TOLERANCE), (age, z, value)
            checked += 1
    assert checked >= 5 * len(ZS)


@pytest.mark.parametrize("sex", [M, F])
@pytest.mark.parametrize(
    ("days", "lengths"),
    [(100, [45.0, 45.05, 67.33, 109.99, 110.0]), (900, [65.0, 87.45, 99.91, 120.0])],
)
def test_round_trip_weight_for_length_height(
    standards: GrowthStandards, sex: Sex, days: int, lengths: list[float]
) -> None:
    age = Age.from_days(days)
    assert age is not None
    for cm in lengths:
        for z in ZS:
            weight = weight_for_lenhei_at_z(standards, sex, age, cm, z)
            assert weight is not None
            got = weight_for_length_height(standards, sex, age, weight, cm, None)
            assert got.z == pytest.approx(z, abs=TOLERANCE), (cm, z, weight)


def test_outside_the_tables_is_none(standards: GrowthStandards) -> None:
    age, old = Age.from_days(100), Age.from_months(60.0)
    assert age is not None and old is not None
    assert weight_for_lenhei_at_z(standards, M, age, 44.9, 0.0) is None
    assert weight_for_lenhei_at_z(standards, M, age, 110.01, 0.0) is None
    assert weight_for_lenhei_at_z(standards, M, old, 100.0, 0.0) is None  # no 2007 table
    assert value_for_age(standards, Indicator.ARM_CIRCUMFERENCE_FOR_AGE, M, Age(90, 2.9), 0) is None
    assert value_for_age(standards, Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, M, old, 0.0) is None
    assert value_for_age(standards, Indicator.WEIGHT_FOR_AGE, M, Age(3700, 121.6), 0.0) is None
    # So far below -3 SD that the linear extension reaches zero: no weight has that z.
    assert value_for_age(standards, Indicator.WEIGHT_FOR_AGE, M, Age(0, 0.0), -20.0) is None
    with pytest.raises(ValueError, match="who2006_wfa"):
        value_at_z(standards, Table.WFA_2006, M, 1857, 0.0)
    with pytest.raises(ValueError, match="not by age"):
        value_for_age(standards, Indicator.WEIGHT_FOR_LENGTH_HEIGHT, M, Age(0, 0.0), 0.0)


def test_known_who_values(standards: GrowthStandards) -> None:
    assert value_at_z(standards, Table.WFA_2006, M, 0, 0.0) == 3.3464
    row = csv_row("who2006_wfa", M, "365")
    assert value_at_z(standards, Table.WFA_2006, M, 365, 0.0) == row[1]
    assert value_at_z(standards, Table.WFA_2006, M, 365, -2.0) == pytest.approx(
        sd_line(row, -2.0), abs=TOLERANCE
    )
    # WHO's printed 0-2 y chart for boys: 7.7 kg at -2 SD and 12.0 kg at +2 SD at 12 months.
    curves = sd_curves(standards, Chart.WEIGHT_FOR_AGE_0_24, M, step=1.0)
    assert dict(curves[-2.0])[12.0] == pytest.approx(7.7, abs=0.05)
    assert dict(curves[2.0])[12.0] == pytest.approx(12.0, abs=0.05)
    # 2007 months are interpolated as the engine does: halfway between the 60 and 61 rows.
    lo, hi = csv_row("who2007_wfa", F, "60"), csv_row("who2007_wfa", F, "61")
    assert value_at_z(standards, Table.WFA_2007, F, 60.5, 1.0) == pytest.approx(
        sd_line(midway(lo, hi), 1.0), abs=TOLERANCE
    )
    # Weight-for-length rows every 0.1 cm, interpolated between.
    w_lo, w_hi = csv_row("who2006_wfl", F, "80"), csv_row("who2006_wfl", F, "80.1")
    assert value_at_z(standards, Table.WFL_2006, F, 80.05, -2.0) == pytest.approx(
        sd_line(midway(w_lo, w_hi), -2.0), abs=TOLERANCE
    )


def test_length_and_height_charts_meet_at_the_731_day_switch(standards: GrowthStandards) -> None:
    """24 months is day 730.5, which rounds to the first height row: the length chart must end
    on the last lying row (day 730) and the height chart start on the first standing row."""
    length = sd_curves(standards, Chart.LENGTH_FOR_AGE_0_24, M)[0.0]
    height = sd_curves(standards, Chart.HEIGHT_FOR_AGE_24_60, M)[0.0]
    assert length[-1] == (24.0, csv_row("who2006_lhfa", M, "730")[1])
    assert height[0] == (24.0, csv_row("who2006_lhfa", M, "731")[1])
    assert length[-1][1] - height[0][1] == pytest.approx(0.7, abs=0.05)


@pytest.mark.parametrize("sex", [M, F])
@pytest.mark.parametrize("chart", list(Chart))
def test_curves_are_monotone_in_z_and_cover_the_range(
    standards: GrowthStandards, chart: Chart, sex: Sex
) -> None:
    curves = sd_curves(standards, chart, sex)
    assert list(curves) == [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    xs = [x for x, _ in curves[0.0]]
    assert (xs[0], xs[-1]) == chart.x_range
    assert xs == sorted(set(xs))
    for i in range(len(xs)):
        values = [curves[z][i][1] for z in curves]
        assert values == sorted(values) and len(set(values)) == len(values), (chart, xs[i])
    if not chart.x_in_cm:  # children grow: every line rises with age
        for line in curves.values():
            assert all(a[1] <= b[1] for a, b in pairwise(line))


def test_chart_points() -> None:
    assert chart_xs(Chart.WEIGHT_FOR_AGE_0_24, 1.0) == tuple(float(m) for m in range(25))
    assert chart_xs(Chart.WEIGHT_FOR_LENGTH_45_110, 0.1)[:4] == (45.0, 45.1, 45.2, 45.3)
    assert chart_xs(Chart.HEIGHT_FOR_AGE_24_60, 5.0)[-2:] == (59.0, 60.0)  # last x is kept
    with pytest.raises(ValueError, match="positive"):
        chart_xs(Chart.WEIGHT_FOR_AGE_0_24, -1.0)

"""The z-score engine against the WHO tables themselves and against published WHO Anthro values.

Expected values are built from the shipped CSV read independently here (csv + Decimal), never
from the engine's own parser: a measurement equal to a table's SD line must give that SD.
"""

import csv
import math
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_desktop.domain.growth import (
    GrowthStandards,
    Indicator,
    Measurements,
    Position,
    Reference,
    ZProblem,
    ZScore,
    adjust_length_height,
    arm_circumference_for_age,
    assess,
    bmi_for_age,
    head_circumference_for_age,
    length_height_for_age,
    subscapular_skinfold_for_age,
    triceps_skinfold_for_age,
    weight_for_age,
    weight_for_length_height,
)
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.settings import resource_path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
M, F = Sex.MALE, Sex.FEMALE
LYING, STANDING = Position.LYING, Position.STANDING
# Expected z-scores are built exactly from the table rows, so the only error left is float
# round-off (~1e-12); WHO reports 2 decimals, and we compare the 2-decimal value.
TOLERANCE = 1e-9


@cache
def table(stem: str) -> dict[tuple[int, str], tuple[float, float, float]]:
    """(sex, x as written in the CSV) -> (L, M, S), read straight from the shipped file."""
    with resource_path("who", f"{stem}.csv").open(newline="") as f:
        return {
            (int(r["sex"]), str(Decimal(r["x"]).normalize())): (
                float(r["L"]),
                float(r["M"]),
                float(r["S"]),
            )
            for r in csv.DictReader(f)
        }


def lms(stem: str, sex: Sex, x: float | int) -> tuple[float, float, float]:
    return table(stem)[(int(sex), str(Decimal(str(x)).normalize()))]


def sd_line(row: tuple[float, float, float], k: float) -> float:
    """The value at k SD: M (1 + L S k)^(1/L) (WHO 2006 report, chapter 7)."""
    l_, m, s = row
    return float(m * (1 + l_ * s * k) ** (1 / l_))


def interpolate(a: tuple[float, ...], b: tuple[float, ...], t: float) -> tuple[float, float, float]:
    l_, m, s = (x + t * (y - x) for x, y in zip(a, b, strict=True))
    return l_, m, s


def days(d: float) -> Age:
    age = Age.from_days(d)
    assert age is not None
    return age


def months(m: float) -> Age:
    age = Age.from_months(m)
    assert age is not None
    return age


# --- published WHO Anthro values ---------------------------------------------------------------


def fixture_rows() -> list[dict[str, str]]:
    with (FIXTURES / "who_anthro_expected.csv").open(newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", fixture_rows(), ids=lambda r: f"{r['indicator']}:{r['case']}")
def test_published_who_values(standards: GrowthStandards, row: dict[str, str]) -> None:
    age = days(float(row["age_days"])) if row["age_days"] else months(float(row["age_months"]))
    m = Measurements(
        sex=Sex(int(row["sex"])),
        age=age,
        weight_kg=float(row["weight"]) if row["weight"] else None,
        lenhei_cm=float(row["lenhei"]) if row["lenhei"] else None,
        position=Position(row["measure"]) if row["measure"] else None,
    )
    score = assess(standards, m)[Indicator(row["indicator"])]
    expected = float(row["expected"]) if row["expected"] else None
    assert score.rounded == expected, score


# --- SD lines read from every age-based 2006 table, both sexes --------------------------------

AGE_TABLES = [
    ("who2006_wfa", Indicator.WEIGHT_FOR_AGE, True, 0),
    ("who2006_lhfa", Indicator.LENGTH_HEIGHT_FOR_AGE, False, 0),
    ("who2006_bfa", Indicator.BMI_FOR_AGE, True, 0),
    ("who2006_hcfa", Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, False, 0),
    ("who2006_acfa", Indicator.ARM_CIRCUMFERENCE_FOR_AGE, True, 91),
    ("who2006_tsfa", Indicator.TRICEPS_SKINFOLD_FOR_AGE, True, 91),
    ("who2006_ssfa", Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE, True, 91),
]


def score_by_age(
    standards: GrowthStandards, ind: Indicator, sex: Sex, age: Age, y: float
) -> ZScore:
    """Score one age-based measurement; length is lying below 731 d, standing after."""
    position = LYING if age.days < 731 else STANDING
    match ind:
        case Indicator.WEIGHT_FOR_AGE:
            return weight_for_age(standards, sex, age, y)
        case Indicator.LENGTH_HEIGHT_FOR_AGE:
            return length_height_for_age(standards, sex, age, y, position)
        case Indicator.BMI_FOR_AGE:
            # BMI y from a 100 cm length so that weight = y exactly; the position matches the age.
            return bmi_for_age(standards, sex, age, y, 100.0, position)
        case Indicator.HEAD_CIRCUMFERENCE_FOR_AGE:
            return head_circumference_for_age(standards, sex, age, y)
        case Indicator.ARM_CIRCUMFERENCE_FOR_AGE:
            return arm_circumference_for_age(standards, sex, age, y)
        case Indicator.TRICEPS_SKINFOLD_FOR_AGE:
            return triceps_skinfold_for_age(standards, sex, age, y)
        case Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE:
            return subscapular_skinfold_for_age(standards, sex, age, y)
    raise AssertionError(ind)


SD_KS = [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
SAMPLE_DAYS = [0, 1, 91, 92, 365, 730, 731, 1000, 1825, 1826]


@pytest.mark.parametrize("sex", [M, F])
@pytest.mark.parametrize(("stem", "indicator", "restricted", "first_day"), AGE_TABLES)
def test_sd_lines_of_age_tables(
    standards: GrowthStandards,
    stem: str,
    indicator: Indicator,
    restricted: bool,
    first_day: int,
    sex: Sex,
) -> None:
    for day in (d for d in SAMPLE_DAYS if d >= first_day):
        row = lms(stem, sex, day)
        for k in SD_KS:
            got = score_by_age(standards, indicator, sex, days(day), sd_line(row, k))
            assert got.reference is Reference.WHO_2006
            assert got.z is not None and abs(got.z - k) < TOLERANCE, (day, k, got)
            assert got.rounded == k
        # Beyond +/-3 SD: restricted indicators count in units of the 2-3 SD gap (both sides).
        sd2, sd3 = sd_line(row, 2), sd_line(row, 3)
        sdm2, sdm3 = sd_line(row, -2), sd_line(row, -3)
        above = score_by_age(standards, indicator, sex, days(day), sd3 + 0.5 * (sd3 - sd2))
        below = score_by_age(standards, indicator, sex, days(day), sdm3 - 0.5 * (sdm2 - sdm3))
        plain_above = score_by_age(standards, indicator, sex, days(day), sd_line(row, 4.0))
        assert above.z is not None and below.z is not None and plain_above.z is not None
        if restricted:
            assert above.z == pytest.approx(3.5, abs=TOLERANCE)
            assert below.z == pytest.approx(-3.5, abs=TOLERANCE)
        else:  # plain LMS (length/height, head circumference): L = 1, so SD lines are linear
            assert plain_above.z == pytest.approx(4.0, abs=TOLERANCE)
            assert above.z == pytest.approx(3.5, abs=TOLERANCE)


def test_restriction_changes_weight_beyond_three_sd(standards: GrowthStandards) -> None:
    """At 4 SD by the plain formula, restricted weight-for-age counts the 2-3 SD gap instead."""
    row = lms("who2006_wfa", M, 400)
    sd = {k: sd_line(row, k) for k in (-4, -3, -2, 2, 3, 4)}
    above = weight_for_age(standards, M, days(400), sd[4]).z
    below = weight_for_age(standards, M, days(400), sd[-4]).z
    assert above == pytest.approx(3 + (sd[4] - sd[3]) / (sd[3] - sd[2]), abs=TOLERANCE)
    assert below == pytest.approx(-3 - (sd[-3] - sd[-4]) / (sd[-2] - sd[-3]), abs=TOLERANCE)
    assert above is not None and below is not None
    assert abs(above - 4.0) > 0.05 and abs(below + 4.0) > 0.05  # not the plain LMS value


def test_exactly_three_sd_is_not_restricted(standards: GrowthStandards) -> None:
    row = lms("who2006_wfa", F, 500)
    for k in (3.0, -3.0):
        assert weight_for_age(standards, F, days(500), sd_line(row, k)).rounded == k


# --- length/height: 730/731 days, 0.7 cm, 9 months ---------------------------------------------


@pytest.mark.parametrize(
    ("day", "position", "shift_cm", "stem"),
    [
        (730, LYING, 0.0, "who2006_lhfa"),
        (730, STANDING, -0.7, "who2006_lhfa"),  # standing under 731 d: +0.7 cm to get length
        (730, None, 0.0, "who2006_lhfa"),
        (731, STANDING, 0.0, "who2006_lhfa"),
        (731, LYING, 0.7, "who2006_lhfa"),  # lying from 731 d: -0.7 cm to get height
        (731, None, 0.0, "who2006_lhfa"),
    ],
)
def test_lying_standing_correction(
    standards: GrowthStandards, day: int, position: Position | None, shift_cm: float, stem: str
) -> None:
    for sex in (M, F):
        median = lms(stem, sex, day)[1]
        measured = round(median + shift_cm, 4)
        got = length_height_for_age(standards, sex, days(day), measured, position)
        assert got.z is not None and abs(got.z) < 1e-3, got


def test_standing_under_nine_months_is_ignored_and_flagged(standards: GrowthStandards) -> None:
    young = adjust_length_height(65.0, STANDING, months(8.99))
    assert young.standing_under_9_months and young.cm == 65.0
    nine = adjust_length_height(65.0, STANDING, months(9.0))
    assert not nine.standing_under_9_months and nine.cm == 65.7
    a = assess(standards, Measurements(M, months(8.5), 8.0, 68.0, STANDING))
    assert a.standing_under_9_months and a.lenhei_cm == 68.0


def test_weight_for_length_table_switches_by_age_at_731_days(standards: GrowthStandards) -> None:
    for sex in (M, F):
        wfl = lms("who2006_wfl", sex, 84.2)
        wfh = lms("who2006_wfh", sex, 84.2)
        at_730 = weight_for_length_height(standards, sex, days(730), wfl[1], 84.2, LYING)
        at_731 = weight_for_length_height(standards, sex, days(731), wfh[1], 84.9, LYING)
        assert at_730.rounded == 0.0 and at_731.rounded == 0.0


@pytest.mark.parametrize(
    ("day", "lenhei", "scored"),
    [
        (300, 45.0, True),
        (300, 44.9, False),
        (300, 110.0, True),
        (300, 110.1, False),
        (1000, 65.0, True),
        (1000, 64.9, False),
        (1000, 120.0, True),
        (1000, 120.1, False),
    ],
)
@pytest.mark.parametrize("sex", [M, F])
def test_weight_for_length_height_ranges(
    standards: GrowthStandards, day: int, lenhei: float, scored: bool, sex: Sex
) -> None:
    position = LYING if day < 731 else STANDING
    got = weight_for_length_height(standards, sex, days(day), 10.0, lenhei, position)
    assert (got.z is not None) is scored
    if scored:  # the end rows themselves: the median weight there is z 0
        stem = "who2006_wfl" if day < 731 else "who2006_wfh"
        median = lms(stem, sex, lenhei)[1]
        assert (
            weight_for_length_height(standards, sex, days(day), median, lenhei, position).rounded
            == 0.0
        )
    else:
        assert got.problem is ZProblem.LENGTH_OUT_OF_RANGE


def test_range_is_checked_on_the_corrected_value(standards: GrowthStandards) -> None:
    """65.7 cm lying at 1000 d is 65.0 cm standing (scored); 65.6 is 64.9 (not scored)."""
    assert weight_for_length_height(standards, F, days(1000), 7.0, 65.7, LYING).z is not None
    assert weight_for_length_height(standards, F, days(1000), 7.0, 65.6, LYING).z is None
    # 109.3 standing at 700 d is 110.0 lying: the last row of the length table.
    row = lms("who2006_wfl", F, 110.0)
    got = weight_for_length_height(standards, F, days(700), sd_line(row, -2), 109.3, STANDING)
    assert got.rounded == -2.0


def test_float_trap_after_correction_uses_the_right_row(standards: GrowthStandards) -> None:
    """78.6 - 0.7 is 77.89999999999999 in floats; the 77.9 cm row must still be used."""
    row = lms("who2006_wfh", M, 77.9)
    got = weight_for_length_height(standards, M, days(800), sd_line(row, 1.0), 78.6, LYING)
    assert got.z == pytest.approx(1.0, abs=TOLERANCE)


def test_lengths_between_rows_are_interpolated(standards: GrowthStandards) -> None:
    a, b = lms("who2006_wfl", F, 75.2), lms("who2006_wfl", F, 75.3)
    mid = interpolate(a, b, 0.5)
    got = weight_for_length_height(standards, F, days(400), sd_line(mid, -2.0), 75.25, LYING)
    assert got.z == pytest.approx(-2.0, abs=TOLERANCE)


def test_no_age_chooses_the_table_by_position_then_by_87_cm(standards: GrowthStandards) -> None:
    wfl, wfh = lms("who2006_wfl", M, 86.9), lms("who2006_wfh", M, 87.0)
    assert weight_for_length_height(standards, M, None, wfl[1], 86.9, None).rounded == 0.0
    assert weight_for_length_height(standards, M, None, wfh[1], 87.0, None).rounded == 0.0
    wfh_low = lms("who2006_wfh", M, 80.0)
    assert weight_for_length_height(standards, M, None, wfh_low[1], 80.0, STANDING).rounded == 0.0


# --- the 60-month hand-over and the 2007 reference ---------------------------------------------


HANDOVER = [
    ("who2006_wfa", "who2007_wfa", Indicator.WEIGHT_FOR_AGE),
    ("who2006_lhfa", "who2007_hfa", Indicator.LENGTH_HEIGHT_FOR_AGE),
    ("who2006_bfa", "who2007_bfa", Indicator.BMI_FOR_AGE),
]


@pytest.mark.parametrize("sex", [M, F])
@pytest.mark.parametrize(("stem_2006", "stem_2007", "indicator"), HANDOVER)
def test_handover_at_60_months(
    standards: GrowthStandards, sex: Sex, stem_2006: str, stem_2007: str, indicator: Indicator
) -> None:
    # Day 1826 (59.99 months) is the last row of the 2006 standards.
    last = lms(stem_2006, sex, 1826)
    got = score_by_age(standards, indicator, sex, days(1826), sd_line(last, 2.0))
    assert got.reference is Reference.WHO_2006 and got.z == pytest.approx(2.0, abs=TOLERANCE)
    # Day 1827 is 60.02 months: the 2007 reference, interpolated between months 60 and 61.
    t = 1827 / 30.4375 - 60
    row = interpolate(lms(stem_2007, sex, 60), lms(stem_2007, sex, 61), t)
    got = score_by_age(standards, indicator, sex, days(1827), sd_line(row, -2.0))
    assert got.reference is Reference.WHO_2007 and got.z == pytest.approx(-2.0, abs=TOLERANCE)
    # 60.0 months exactly is the 2007 row 60; 59.99 months is still day 1826 of the 2006 table.
    row60 = lms(stem_2007, sex, 60)
    assert score_by_age(standards, indicator, sex, months(60), row60[1]).rounded == 0.0
    assert (
        score_by_age(standards, indicator, sex, months(59.99), 18.0).reference is Reference.WHO_2006
    )


@pytest.mark.parametrize(
    ("indicator", "stem", "last_month"),
    [
        (Indicator.WEIGHT_FOR_AGE, "who2007_wfa", 120),
        (Indicator.LENGTH_HEIGHT_FOR_AGE, "who2007_hfa", 228),
        (Indicator.BMI_FOR_AGE, "who2007_bfa", 228),
    ],
)
def test_2007_reference_limits_and_interpolation(
    standards: GrowthStandards, indicator: Indicator, stem: str, last_month: int
) -> None:
    for sex in (M, F):
        for month in (60, 61, 100, last_month):
            for k in (-3.0, -2.0, 0.0, 2.0, 3.0):
                got = score_by_age(
                    standards, indicator, sex, months(month), sd_line(lms(stem, sex, month), k)
                )
                assert got.reference is Reference.WHO_2007
                assert got.z == pytest.approx(k, abs=TOLERANCE)
        half = interpolate(lms(stem, sex, 100), lms(stem, sex, 101), 0.5)
        got = score_by_age(standards, indicator, sex, months(100.5), sd_line(half, 1.0))
        assert got.z == pytest.approx(1.0, abs=TOLERANCE)
        beyond = score_by_age(standards, indicator, sex, months(last_month + 0.01), 20.0)
        assert beyond.z is None and beyond.problem is ZProblem.AGE_OUT_OF_RANGE


def test_only_weight_height_bmi_after_60_months(standards: GrowthStandards) -> None:
    a = assess(standards, Measurements(M, days(1827), 18.0, 110.0, STANDING, 50.0, 16.0, 9.0, 6.0))
    assert a[Indicator.WEIGHT_FOR_AGE].z is not None
    assert a[Indicator.LENGTH_HEIGHT_FOR_AGE].z is not None
    assert a[Indicator.BMI_FOR_AGE].z is not None
    for ind in (
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
        Indicator.HEAD_CIRCUMFERENCE_FOR_AGE,
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
        Indicator.TRICEPS_SKINFOLD_FOR_AGE,
        Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE,
    ):
        assert a[ind].problem is ZProblem.AGE_OUT_OF_RANGE


def test_arm_and_skinfolds_start_at_day_91(standards: GrowthStandards) -> None:
    assert (
        arm_circumference_for_age(standards, M, days(90), 13.0).problem is ZProblem.AGE_OUT_OF_RANGE
    )
    assert arm_circumference_for_age(standards, M, days(91), 13.4779).rounded == 0.0


# --- ages, oedema, invalid input, flags --------------------------------------------------------


def test_age_in_days_is_rounded_half_up() -> None:
    assert days(364.5).days == 365 and days(364.49).days == 364
    assert months(12).days == 365  # 365.25
    assert months(24).days == 731  # 730.5 rounds up: a 24-month-old uses the height table
    assert Age.from_days(-1) is None and Age.from_months(float("nan")) is None


def test_oedema_blocks_weight_based_scores_only(standards: GrowthStandards) -> None:
    a = assess(standards, Measurements(F, days(400), 7.0, 72.0, LYING, 44.0, 13.0, oedema=True))
    for ind in (
        Indicator.WEIGHT_FOR_AGE,
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
        Indicator.BMI_FOR_AGE,
    ):
        assert a[ind].z is None and a[ind].problem is ZProblem.OEDEMA
    for ind in (Indicator.LENGTH_HEIGHT_FOR_AGE, Indicator.HEAD_CIRCUMFERENCE_FOR_AGE):
        assert a[ind].z is not None
    assert weight_for_age(standards, F, days(400), 7.0, oedema=True).problem is ZProblem.OEDEMA


@pytest.mark.parametrize(
    ("weight", "problem"),
    [
        (0.0, ZProblem.MEASUREMENT_INVALID),
        (-3.0, ZProblem.MEASUREMENT_INVALID),
        (math.inf, ZProblem.MEASUREMENT_INVALID),
        (math.nan, ZProblem.MEASUREMENT_MISSING),
        (None, ZProblem.MEASUREMENT_MISSING),
    ],
)
def test_invalid_measurements_give_a_reason(
    standards: GrowthStandards, weight: float | None, problem: ZProblem
) -> None:
    assert weight_for_age(standards, M, days(100), weight) == ZScore(
        Indicator.WEIGHT_FOR_AGE, None, problem
    )
    got = weight_for_length_height(standards, M, days(100), weight, 60.0, LYING)
    assert got.z is None and got.problem is problem


def test_unknown_sex_and_missing_age(standards: GrowthStandards) -> None:
    assert weight_for_age(standards, None, days(100), 5.0).problem is ZProblem.SEX_UNKNOWN
    assert weight_for_age(standards, M, None, 5.0).problem is ZProblem.AGE_MISSING
    wfl = weight_for_length_height(standards, None, days(100), 5.0, 60.0, LYING)
    assert wfl.problem is ZProblem.SEX_UNKNOWN
    bad_len = weight_for_length_height(standards, M, days(100), 5.0, 0.0, LYING)
    assert bad_len.problem is ZProblem.LENGTH_INVALID


@pytest.mark.parametrize(
    ("indicator", "z", "flagged"),
    [
        (Indicator.WEIGHT_FOR_AGE, -6.0, False),
        (Indicator.WEIGHT_FOR_AGE, -6.01, True),
        (Indicator.WEIGHT_FOR_AGE, 5.0, False),
        (Indicator.WEIGHT_FOR_AGE, 5.01, True),
        (Indicator.LENGTH_HEIGHT_FOR_AGE, 6.0, False),
        (Indicator.LENGTH_HEIGHT_FOR_AGE, -6.01, True),
        (Indicator.WEIGHT_FOR_LENGTH_HEIGHT, 5.004, False),  # flags read the 2-decimal z
        (Indicator.WEIGHT_FOR_LENGTH_HEIGHT, -5.01, True),
        (Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, 5.01, True),
    ],
)
def test_implausible_flags(indicator: Indicator, z: float, flagged: bool) -> None:
    assert ZScore(indicator, z).flagged is flagged


def test_rounding_is_done_once_and_never_negative_zero() -> None:
    assert ZScore(Indicator.WEIGHT_FOR_AGE, -0.004).rounded == 0.0
    assert str(ZScore(Indicator.WEIGHT_FOR_AGE, -0.004).rounded) == "0.0"
    assert ZScore(Indicator.WEIGHT_FOR_AGE, -1.99999999).rounded == -2.0
    assert ZScore(Indicator.WEIGHT_FOR_AGE, None).rounded is None


# --- properties ---------------------------------------------------------------------------------

age_days = st.integers(min_value=0, max_value=1826)
positive = st.floats(min_value=0.5, max_value=200.0, allow_nan=False)


@given(
    sex=st.sampled_from([M, F]),
    day=age_days,
    a=positive,
    b=positive,
    which=st.sampled_from(AGE_TABLES),
)
def test_z_rises_with_the_measurement(
    standards: GrowthStandards,
    sex: Sex,
    day: int,
    a: float,
    b: float,
    which: tuple[str, Indicator, bool, int],
) -> None:
    _, indicator, _, first_day = which
    low, high = sorted((a, b))
    za = score_by_age(standards, indicator, sex, days(max(day, first_day)), low).z
    zb = score_by_age(standards, indicator, sex, days(max(day, first_day)), high).z
    assert za is not None and zb is not None
    assert za <= zb


@given(
    sex=st.sampled_from([M, F]),
    day=age_days,
    length=st.floats(min_value=45.0, max_value=110.0),
    w1=st.floats(min_value=1.0, max_value=30.0),
    w2=st.floats(min_value=1.0, max_value=30.0),
)
def test_weight_for_length_rises_with_weight(
    standards: GrowthStandards, sex: Sex, day: int, length: float, w1: float, w2: float
) -> None:
    low, high = sorted((w1, w2))
    za = weight_for_length_height(standards, sex, days(min(day, 730)), low, length, LYING).z
    zb = weight_for_length_height(standards, sex, days(min(day, 730)), high, length, LYING).z
    assert za is not None and zb is not None and za <= zb


@given(
    sex=st.sampled_from([M, F, None]),
    age=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    value=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    position=st.sampled_from([LYING, STANDING, None]),
    oedema=st.booleans(),
)
def test_any_input_gives_a_number_or_a_reason(
    standards: GrowthStandards,
    sex: Sex | None,
    age: float | None,
    value: float | None,
    position: Position | None,
    oedema: bool,
) -> None:
    a = assess(
        standards,
        Measurements(
            sex,
            None if age is None else Age.from_days(age),
            value,
            value,
            position,
            value,
            value,
            value,
            value,
            oedema,
        ),
    )
    for score in a.scores.values():
        assert (score.z is None) != (score.problem is None)
        assert score.z is None or math.isfinite(score.z)

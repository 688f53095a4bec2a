"""Permenkes 2/2020 categories (docs/sources/permenkes-2-2020.md#categories), BGM and LILA cut-offs
(docs/sources/lila-muac.md#cut-offs), on both sides of every boundary. Scores are built by hand:
classification sees only the indicator, reference and z."""

import math

import pytest

from posyandu_desktop.domain.growth import (
    GrowthStandards,
    Indicator,
    Reference,
    Table,
    ZProblem,
    ZScore,
    weight_for_age,
)
from posyandu_desktop.domain.growth.classify import (
    RED_LINE_Z,
    BmiForAge5To18Category,
    LengthHeightForAgeCategory,
    LilaGroup,
    LilaStatus,
    Severity,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
    classify,
    is_bgm,
    lila_status,
    severity,
)
from posyandu_desktop.domain.people import Age, Sex

WFA, LHFA, WFLH, BMI = (
    Indicator.WEIGHT_FOR_AGE,
    Indicator.LENGTH_HEIGHT_FOR_AGE,
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
    Indicator.BMI_FOR_AGE,
)
W06, W07 = Reference.WHO_2006, Reference.WHO_2007
U, L, X, B = (
    WeightForAgeCategory,
    LengthHeightForAgeCategory,
    WeightForLengthHeightCategory,
    BmiForAge5To18Category,
)
CATEGORY_ENUMS = (U, L, X, B)

WFA_CASES = [
    (-3.01, U.SEVERELY_UNDERWEIGHT),
    (-3.00, U.UNDERWEIGHT),
    (-2.01, U.UNDERWEIGHT),
    (-2.00, U.NORMAL),
    (0.00, U.NORMAL),
    (1.00, U.NORMAL),
    (1.01, U.RISK_OF_OVERWEIGHT),
    (3.01, U.RISK_OF_OVERWEIGHT),
]
LHFA_CASES = [
    (-3.01, L.SEVERELY_STUNTED),
    (-3.00, L.STUNTED),
    (-2.01, L.STUNTED),
    (-2.00, L.NORMAL),
    (1.01, L.NORMAL),
    (2.01, L.NORMAL),
    (3.00, L.NORMAL),
    (3.01, L.TALL),
]
WFLH_CASES = [
    (-3.01, X.SEVERELY_WASTED),
    (-3.00, X.WASTED),
    (-2.01, X.WASTED),
    (-2.00, X.NORMAL),
    (1.00, X.NORMAL),
    (1.01, X.POSSIBLE_RISK_OF_OVERWEIGHT),
    (2.00, X.POSSIBLE_RISK_OF_OVERWEIGHT),
    (2.01, X.OVERWEIGHT),
    (3.00, X.OVERWEIGHT),
    (3.01, X.OBESE),
]
BMI_5_18_CASES = [
    (-3.01, B.SEVERELY_THIN),
    (-3.00, B.THIN),
    (-2.01, B.THIN),
    (-2.00, B.NORMAL),
    (1.00, B.NORMAL),
    (1.01, B.OVERWEIGHT),
    (2.00, B.OVERWEIGHT),
    (2.01, B.OBESE),
    (3.01, B.OBESE),
]


@pytest.mark.parametrize(
    ("indicator", "reference", "z", "expected"),
    [(WFA, ref, z, c) for ref in (W06, W07) for z, c in WFA_CASES]
    + [(LHFA, ref, z, c) for ref in (W06, W07) for z, c in LHFA_CASES]
    + [(WFLH, W06, z, c) for z, c in WFLH_CASES]
    # IMT/U 0-60 months has the BB/PB categories; 5-18 years (WHO 2007) its own five.
    + [(BMI, W06, z, c) for z, c in WFLH_CASES]
    + [(BMI, W07, z, c) for z, c in BMI_5_18_CASES],
)
def test_boundaries(indicator, reference, z, expected):
    assert classify(ZScore(indicator, z, None, reference)) is expected


@pytest.mark.parametrize(
    ("indicator", "z", "expected"),
    [
        # Classified on the 2-decimal z: what the card shows is what decides.
        (WFA, -2.004, U.NORMAL),
        (WFA, -2.006, U.UNDERWEIGHT),
        (WFA, -3.004, U.UNDERWEIGHT),
        (WFA, -3.006, U.SEVERELY_UNDERWEIGHT),
        (WFA, 1.004, U.NORMAL),
        (WFA, 1.006, U.RISK_OF_OVERWEIGHT),
        (WFLH, 2.004, X.POSSIBLE_RISK_OF_OVERWEIGHT),
        (WFLH, 3.004, X.OVERWEIGHT),
        (LHFA, 3.004, L.NORMAL),
        (LHFA, -0.004, L.NORMAL),
    ],
)
def test_rounded_z_decides(indicator, z, expected):
    assert classify(ZScore(indicator, z, None, W06)) is expected


def test_bmi_scheme_follows_reference():
    assert classify(ZScore(BMI, 1.5, None, W06)) is X.POSSIBLE_RISK_OF_OVERWEIGHT
    assert classify(ZScore(BMI, 1.5, None, W07)) is B.OVERWEIGHT
    assert classify(ZScore(BMI, 2.5, None, W06)) is X.OVERWEIGHT
    assert classify(ZScore(BMI, 2.5, None, W07)) is B.OBESE


@pytest.mark.parametrize(
    "score",
    [
        ZScore(WFA, None, ZProblem.AGE_MISSING),
        ZScore(LHFA, None, ZProblem.LENGTH_MISSING),
        ZScore(WFLH, None, ZProblem.LENGTH_OUT_OF_RANGE),
        ZScore(BMI, None, ZProblem.AGE_OUT_OF_RANGE),
        ZScore(LHFA, None, ZProblem.OEDEMA),  # not weight-based: oedema says nothing
        ZScore(Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, -2.5, None, W06),
        ZScore(Indicator.ARM_CIRCUMFERENCE_FOR_AGE, -3.5, None, W06),
        ZScore(Indicator.TRICEPS_SKINFOLD_FOR_AGE, 2.5, None, W06),
        ZScore(Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE, 3.5, None, W06),
        ZScore(Indicator.ARM_CIRCUMFERENCE_FOR_AGE, None, ZProblem.OEDEMA),
    ],
)
def test_no_category(score):
    assert classify(score) is None


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        # WHO counts oedema as < -3 SD for the weight-based indicators.
        (ZScore(WFA, None, ZProblem.OEDEMA), U.SEVERELY_UNDERWEIGHT),
        (ZScore(WFLH, None, ZProblem.OEDEMA), X.SEVERELY_WASTED),
        (ZScore(BMI, None, ZProblem.OEDEMA), X.SEVERELY_WASTED),
        (ZScore(BMI, None, ZProblem.OEDEMA, W07), B.SEVERELY_THIN),
    ],
)
def test_oedema_is_severe(score, expected):
    assert severity(expected) is Severity.SEVERE
    assert classify(score) is expected


def test_oedema_from_the_engine(standards: GrowthStandards) -> None:
    score = weight_for_age(standards, Sex.FEMALE, Age.from_days(400), 8.0, oedema=True)
    assert classify(score) is U.SEVERELY_UNDERWEIGHT
    assert is_bgm(score)


@pytest.mark.parametrize(
    ("sd_line", "expected"),
    [(-3, U.UNDERWEIGHT), (-2, U.NORMAL), (1, U.NORMAL)],
)
def test_weight_on_an_sd_line_from_the_engine(
    standards: GrowthStandards, sd_line: int, expected: WeightForAgeCategory
) -> None:
    # A weight exactly on a WHO SD line: float noise in z must not tip it into the next category.
    age = Age.from_days(365)
    assert age is not None
    rows = standards.rows(Table.WFA_2006, Sex.MALE)
    l_, m, s = rows.rows[age.days - rows.first]
    weight_kg = m * (1 + l_ * s * sd_line) ** (1 / l_)
    assert classify(weight_for_age(standards, Sex.MALE, age, weight_kg)) is expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (ZScore(WFA, -3.01, None, W06), True),
        (ZScore(WFA, -3.006, None, W06), True),
        (ZScore(WFA, -3.004, None, W06), False),  # shown as -3.00: on the line, not below
        (ZScore(WFA, -3.00, None, W06), False),
        (ZScore(WFA, -2.50, None, W06), False),
        (ZScore(WFA, None, ZProblem.MEASUREMENT_MISSING), False),
        (ZScore(WFA, None, ZProblem.OEDEMA), True),
    ],
)
def test_bgm(score, expected):
    assert RED_LINE_Z == -3.0
    assert is_bgm(score) is expected


def test_bgm_needs_weight_for_age():
    with pytest.raises(ValueError, match="weight-for-age"):
        is_bgm(ZScore(LHFA, -4.0, None, W06))


@pytest.mark.parametrize(
    ("lila_cm", "group", "expected"),
    [
        (23.4, LilaGroup.WOMAN, LilaStatus.KEK),
        (23.49, LilaGroup.WOMAN, LilaStatus.KEK),
        (23.5, LilaGroup.WOMAN, LilaStatus.NORMAL),
        (28.0, LilaGroup.WOMAN, LilaStatus.NORMAL),
        (11.4, LilaGroup.CHILD_6_59_MONTHS, LilaStatus.SAM),
        (11.49, LilaGroup.CHILD_6_59_MONTHS, LilaStatus.SAM),
        (11.5, LilaGroup.CHILD_6_59_MONTHS, LilaStatus.MAM),
        (12.49, LilaGroup.CHILD_6_59_MONTHS, LilaStatus.MAM),
        (12.5, LilaGroup.CHILD_6_59_MONTHS, LilaStatus.NORMAL),
        (12.99, LilaGroup.CHILD_5_9_YEARS, LilaStatus.SAM),
        (13.0, LilaGroup.CHILD_5_9_YEARS, LilaStatus.MAM),
        (14.49, LilaGroup.CHILD_5_9_YEARS, LilaStatus.MAM),
        (14.5, LilaGroup.CHILD_5_9_YEARS, LilaStatus.NORMAL),
    ],
)
def test_lila_boundaries(lila_cm, group, expected):
    assert lila_status(lila_cm, group) is expected


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        # Bilateral pitting oedema is SAM whatever the MUAC (docs/sources/lila-muac.md); not a
        # woman's KEK sign.
        (LilaGroup.CHILD_6_59_MONTHS, LilaStatus.SAM),
        (LilaGroup.CHILD_5_9_YEARS, LilaStatus.SAM),
        (LilaGroup.WOMAN, LilaStatus.NORMAL),
    ],
)
def test_lila_oedema(group, expected):
    assert lila_status(25.0, group, oedema=True) is expected


@pytest.mark.parametrize("lila_cm", [None, 0.0, -12.0, math.nan, math.inf])
def test_lila_invalid(lila_cm):
    assert lila_status(lila_cm, LilaGroup.CHILD_6_59_MONTHS) is None


@pytest.mark.parametrize("enum", CATEGORY_ENUMS)
def test_severity_per_scheme(enum):
    severe, moderate, *rest = enum
    assert severity(severe) is Severity.SEVERE
    assert severity(moderate) is Severity.MODERATE
    assert severity(enum.NORMAL) is Severity.NORMAL
    above_normal = rest[rest.index(enum.NORMAL) + 1 :]
    assert above_normal
    assert all(severity(c) in (Severity.RISK_OVER, Severity.OVER) for c in above_normal)


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (U.RISK_OF_OVERWEIGHT, Severity.RISK_OVER),
        (L.TALL, Severity.RISK_OVER),
        (X.POSSIBLE_RISK_OF_OVERWEIGHT, Severity.RISK_OVER),
        (X.OVERWEIGHT, Severity.OVER),
        (X.OBESE, Severity.OVER),
        (B.OVERWEIGHT, Severity.OVER),
        (B.OBESE, Severity.OVER),
        (LilaStatus.SAM, Severity.SEVERE),
        (LilaStatus.MAM, Severity.MODERATE),
        (LilaStatus.KEK, Severity.MODERATE),
        (LilaStatus.NORMAL, Severity.NORMAL),
    ],
)
def test_severity(category, expected):
    assert severity(category) is expected

"""Indonesian nutrition-status categories (Permenkes No. 2 Tahun 2020), BGM and LILA cut-offs.

Categories are decided on the 2-decimal z (`ZScore.rounded`), the value WHO software reports and
the card shows, so a displayed -2.00 is never 'kurang'. Words for every enum live in
`posyandu_desktop.i18n.growth_words`.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import TypeAlias

from posyandu_desktop.domain.growth.zscore import Indicator, Reference, ZProblem, ZScore
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.people import Sex

# The category enums are plain Enum, not StrEnum: several share the value "normal", and StrEnum
# members that compare equal as strings would collide as dict keys and in `==`.


class WeightForAgeCategory(Enum):
    """BB/U (Permenkes 2/2020, docs/sources/permenkes-2-2020.md#categories)."""

    SEVERELY_UNDERWEIGHT = "severely_underweight"
    UNDERWEIGHT = "underweight"
    NORMAL = "normal"
    RISK_OF_OVERWEIGHT = "risk_of_overweight"


class LengthHeightForAgeCategory(Enum):
    """PB/U or TB/U (Permenkes 2/2020, docs/sources/permenkes-2-2020.md#categories)."""

    SEVERELY_STUNTED = "severely_stunted"
    STUNTED = "stunted"
    NORMAL = "normal"
    TALL = "tall"


class WeightForLengthHeightCategory(Enum):
    """BB/PB or BB/TB, and IMT/U for 0-60 months (same six categories,
    docs/sources/permenkes-2-2020.md#categories)."""

    SEVERELY_WASTED = "severely_wasted"
    WASTED = "wasted"
    NORMAL = "normal"
    POSSIBLE_RISK_OF_OVERWEIGHT = "possible_risk_of_overweight"
    OVERWEIGHT = "overweight"
    OBESE = "obese"


class BmiForAge5To18Category(Enum):
    """IMT/U for 5-18 years (WHO 2007 Reference; Permenkes 2/2020,
    docs/sources/permenkes-2-2020.md#categories)."""

    SEVERELY_THIN = "severely_thin"
    THIN = "thin"
    NORMAL = "normal"
    OVERWEIGHT = "overweight"
    OBESE = "obese"


Category: TypeAlias = (
    WeightForAgeCategory
    | LengthHeightForAgeCategory
    | WeightForLengthHeightCategory
    | BmiForAge5To18Category
)


# Cut-offs in SD, low to high, with the categories between them. Every boundary in
# docs/sources/permenkes-2-2020.md#categories falls to the category nearer the median: "-3 SD to <
# -2 SD" (-3.00 is kurang, not sangat kurang), "-2 SD sd +1 SD" (-2.00 and +1.00 are normal), "> +1
# SD to +2 SD" (+2.00 is berisiko gizi lebih), "> +2 SD to +3 SD" (+3.00 is gizi lebih), "-2 SD to
# +3 SD" (+3.00 is a normal height). `_band` applies that one rule to all four schemes.
# KMS in the Buku KIA: "di Bawah Garis Merah" (BGM) is weight-for-age below the red line. Which SD
# line is red is unconfirmed (docs/sources/kms.md#lines-and-colours [U]); verify before release.
RED_LINE_Z = -3.0
_WFA_SCHEME = (  # BB/U: < -3 | -3 to < -2 | -2 to +1 | > +1
    (RED_LINE_Z, -2.0, 1.0),
    tuple(WeightForAgeCategory),
)
_LHFA_SCHEME = (  # PB/U, TB/U: < -3 | -3 to < -2 | -2 to +3 | > +3
    (-3.0, -2.0, 3.0),
    tuple(LengthHeightForAgeCategory),
)
# BB/PB, BB/TB and IMT/U 0-60 months: < -3 | -3 to < -2 | -2 to +1 | > +1 to +2 | > +2 to +3 | > +3
_WFLH_SCHEME = (
    (-3.0, -2.0, 1.0, 2.0, 3.0),
    tuple(WeightForLengthHeightCategory),
)
# IMT/U 5-18 y: docs/sources/permenkes-2-2020.md#categories writes "+1 SD sd +2 SD" for gizi lebih,
# but +1.00 is already gizi baik ("-2 SD sd +1 SD"), so gizi lebih is > +1 to +2 and obesitas > +2.
_BMI_5_18_SCHEME = (  # < -3 | -3 to < -2 | -2 to +1 | > +1 to +2 | > +2
    (-3.0, -2.0, 1.0, 2.0),
    tuple(BmiForAge5To18Category),
)

# Weight-based indicators whose z WHO does not compute with oedema and counts as < -3 SD
# (WHO Anthro; docs/sources/lila-muac.md: bilateral pitting oedema is severe acute malnutrition).
_OEDEMA_SEVERE = (
    Indicator.WEIGHT_FOR_AGE,
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
    Indicator.BMI_FOR_AGE,
)


def _band(z: float, cuts: tuple[float, ...], categories: tuple[Category, ...]) -> Category:
    for cut, category in zip(cuts, categories, strict=False):
        # A z equal to a cut-off belongs to the category nearer the median
        # (docs/sources/permenkes-2-2020.md#categories, see above).
        if z < cut or (z == cut and cut > 0.0):
            return category
    return categories[-1]


def _scheme(score: ZScore) -> tuple[tuple[float, ...], tuple[Category, ...]] | None:
    match score.indicator:
        case Indicator.WEIGHT_FOR_AGE:  # the BB/U scheme also for WHO 2007 (60-120 months)
            return _WFA_SCHEME
        case Indicator.LENGTH_HEIGHT_FOR_AGE:  # PB/U or TB/U, 2006 and 2007 alike
            return _LHFA_SCHEME
        case Indicator.WEIGHT_FOR_LENGTH_HEIGHT:
            return _WFLH_SCHEME
        case Indicator.BMI_FOR_AGE:
            # The reference tells the age group: WHO 2007 from 60 months, else the 0-60 scheme
            # (oedema scores carry no reference; both severe categories read "Gizi buruk").
            return _BMI_5_18_SCHEME if score.reference is Reference.WHO_2007 else _WFLH_SCHEME
        case _:  # head and arm circumference, skinfolds: no Permenkes category
            return None


def classify(score: ZScore) -> Category | None:
    """The Permenkes 2/2020 category of a z-score; oedema counts as the severe category."""
    scheme = _scheme(score)
    if scheme is None:
        return None
    cuts, categories = scheme
    if score.problem is ZProblem.OEDEMA and score.indicator in _OEDEMA_SEVERE:
        return categories[0]
    z = score.rounded
    return None if z is None else _band(z, cuts, categories)


# BGM as a category: the severely-underweight band is the band below the red line (`_WFA_SCHEME`
# starts at `RED_LINE_Z`), and `classify` puts oedema in it (WHO counts oedema as < -3 SD).
BGM_CATEGORY = WeightForAgeCategory.SEVERELY_UNDERWEIGHT
# Pendek and sangat pendek (docs/sources/permenkes-2-2020.md#categories): stunting.
STUNTED = (LengthHeightForAgeCategory.SEVERELY_STUNTED, LengthHeightForAgeCategory.STUNTED)


def below_red_line(weight_for_age: Category | None) -> bool:
    """The one BGM rule: the weight-for-age category is the band below the KMS red line (on the
    line is not below it; oedema is classified into that band). Every BGM count, alert, visit
    reason and referral goes through here."""
    return weight_for_age is BGM_CATEGORY


def is_bgm(weight_for_age: ZScore) -> bool:
    """True when weight-for-age is below the KMS red line (BGM); oedema counts as below."""
    if weight_for_age.indicator is not Indicator.WEIGHT_FOR_AGE:
        raise ValueError(f"BGM needs weight-for-age, not {weight_for_age.indicator!r}")
    return below_red_line(classify(weight_for_age))


class LilaGroup(Enum):
    """Who was measured: the LILA cut-offs differ by group (docs/sources/lila-muac.md#cut-offs)."""

    WOMAN = "woman"  # pregnant women and WUS (wanita usia subur)
    CHILD_6_59_MONTHS = "child_6_59_months"
    CHILD_5_9_YEARS = "child_5_9_years"


# The two children's groups by completed months (docs/sources/lila-muac.md#cut-offs): 6-59 months,
# and 5-9 years (60 months to the tenth birthday).
LILA_CHILD_FROM_MONTHS = 6
LILA_CHILD_BELOW_MONTHS = 120


def lila_group(age_months: int, sex: Sex, *, woman_group: bool) -> LilaGroup | None:
    """Whose LILA cut-offs apply: children by age; a woman when `woman_group` (pregnant, in nifas
    or of reproductive age, `life_stage.in_lila_woman_group`); None for anyone else."""
    if LILA_CHILD_FROM_MONTHS <= age_months < UNDER_FIVE_BELOW_MONTHS:
        return LilaGroup.CHILD_6_59_MONTHS
    if UNDER_FIVE_BELOW_MONTHS <= age_months < LILA_CHILD_BELOW_MONTHS:
        return LilaGroup.CHILD_5_9_YEARS
    return LilaGroup.WOMAN if sex is Sex.FEMALE and woman_group else None


class LilaStatus(Enum):
    """LILA result: KEK for women; SAM/MAM (severe/moderate acute malnutrition) for children."""

    KEK = "kek"
    SAM = "sam"
    MAM = "mam"
    NORMAL = "normal"


# Pregnant women and WUS: "LiLA < 23.5 cm = KEK" (docs/sources/lila-muac.md [C]), so 23.5 is normal.
# The SIP F3 register header "LILA <= atau > 23,5 cm" would put 23.5 in KEK; we follow
# docs/sources/lila-muac.md.
KEK_BELOW_CM = 23.5
# Children 6-59 months (WHO/UNICEF 2009): < 11.5 cm SAM, 11.5 to < 12.5 cm MAM.
MUAC_SAM_BELOW_CM = 11.5
_CHILD_CUTS_CM: dict[LilaGroup, tuple[float, float]] = {
    LilaGroup.CHILD_6_59_MONTHS: (MUAC_SAM_BELOW_CM, 12.5),
    # 5-9 years: docs/sources/lila-muac.md#cut-offs writes "< 13.0 / 13.0-14.5"; read like the 6-59
    # row, i.e. MAM is 13.0 to < 14.5.
    LilaGroup.CHILD_5_9_YEARS: (13.0, 14.5),
}


def stored_bgm(waz: float | None, *, oedema: bool) -> bool:
    """BGM from a stored weight-for-age z (None when oedema kept it from being computed)."""
    problem = ZProblem.OEDEMA if oedema and waz is None else None
    return is_bgm(ZScore(Indicator.WEIGHT_FOR_AGE, waz, problem))


def lila_status(
    lila_cm: float | None, group: LilaGroup, *, oedema: bool = False
) -> LilaStatus | None:
    """The LILA/MUAC status for a group; None for a missing, zero or negative length."""
    if lila_cm is None or not 0.0 < lila_cm < math.inf:  # also rejects NaN
        return None
    if group is LilaGroup.WOMAN:
        return LilaStatus.KEK if lila_cm < KEK_BELOW_CM else LilaStatus.NORMAL
    # Bilateral pitting oedema is SAM whatever the MUAC (WHO, docs/sources/lila-muac.md).
    severe_below, moderate_below = _CHILD_CUTS_CM[group]
    if oedema or lila_cm < severe_below:
        return LilaStatus.SAM
    return LilaStatus.MAM if lila_cm < moderate_below else LilaStatus.NORMAL


class Severity(Enum):
    """How far from normal a category is, for colours in the UI and on cards."""

    SEVERE = "severe"
    MODERATE = "moderate"
    NORMAL = "normal"
    RISK_OVER = "risk_over"
    OVER = "over"


_SEVERITY: dict[Category, Severity] = {
    WeightForAgeCategory.SEVERELY_UNDERWEIGHT: Severity.SEVERE,
    WeightForAgeCategory.UNDERWEIGHT: Severity.MODERATE,
    WeightForAgeCategory.NORMAL: Severity.NORMAL,
    WeightForAgeCategory.RISK_OF_OVERWEIGHT: Severity.RISK_OVER,
    LengthHeightForAgeCategory.SEVERELY_STUNTED: Severity.SEVERE,
    LengthHeightForAgeCategory.STUNTED: Severity.MODERATE,
    LengthHeightForAgeCategory.NORMAL: Severity.NORMAL,
    # Tall is "usually not a problem unless endocrine" (docs/sources/permenkes-2-2020.md#categories
    # footnote 2): flagged, not alarmed.
    LengthHeightForAgeCategory.TALL: Severity.RISK_OVER,
    WeightForLengthHeightCategory.SEVERELY_WASTED: Severity.SEVERE,
    WeightForLengthHeightCategory.WASTED: Severity.MODERATE,
    WeightForLengthHeightCategory.NORMAL: Severity.NORMAL,
    WeightForLengthHeightCategory.POSSIBLE_RISK_OF_OVERWEIGHT: Severity.RISK_OVER,
    WeightForLengthHeightCategory.OVERWEIGHT: Severity.OVER,
    WeightForLengthHeightCategory.OBESE: Severity.OVER,
    BmiForAge5To18Category.SEVERELY_THIN: Severity.SEVERE,
    BmiForAge5To18Category.THIN: Severity.MODERATE,
    BmiForAge5To18Category.NORMAL: Severity.NORMAL,
    BmiForAge5To18Category.OVERWEIGHT: Severity.OVER,
    BmiForAge5To18Category.OBESE: Severity.OVER,
}

_LILA_SEVERITY: dict[LilaStatus, Severity] = {
    LilaStatus.KEK: Severity.MODERATE,  # a screening risk marker, not acute malnutrition
    LilaStatus.SAM: Severity.SEVERE,
    LilaStatus.MAM: Severity.MODERATE,
    LilaStatus.NORMAL: Severity.NORMAL,
}


def severity(category: Category | LilaStatus) -> Severity:
    """How serious a category or LILA status is, for colouring."""
    if isinstance(category, LilaStatus):
        return _LILA_SEVERITY[category]
    return _SEVERITY[category]

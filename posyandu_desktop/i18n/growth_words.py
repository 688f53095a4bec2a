"""Domain enums and problem codes as words: English source strings here, the Indonesian in
`resources/locale/id/LC_MESSAGES/posyandu.po`.

Category labels are the exact Permenkes 2/2020 wording
(docs/sources/permenkes-2-2020.md#categories); the English ones follow the regulation's
parenthesised terms. Short labels carry a context because one English word may have several
Indonesian ones ("Normal" is "Gizi baik" for BB/PB but "Normal" for PB/U). `lang=None` means the UI
language.
"""

from __future__ import annotations

from posyandu_desktop.domain.growth.anthro_input import HeaderProblem, RowProblem
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    Category,
    LengthHeightForAgeCategory,
    LilaGroup,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.prevalence import Condition
from posyandu_desktop.domain.growth.standards import WhoStandard
from posyandu_desktop.domain.growth.zscore import Indicator, Position, ZProblem
from posyandu_desktop.i18n.catalog import N_, NP_
from posyandu_desktop.i18n.words import register, words

register(
    {
        WeightForAgeCategory.SEVERELY_UNDERWEIGHT: NP_("BB/U category", "Severely underweight"),
        WeightForAgeCategory.UNDERWEIGHT: NP_("BB/U category", "Underweight"),
        # The regulation gives no English for these two BB/U categories.
        WeightForAgeCategory.NORMAL: NP_("BB/U category", "Normal weight"),
        WeightForAgeCategory.RISK_OF_OVERWEIGHT: NP_("BB/U category", "Risk of overweight"),
        LengthHeightForAgeCategory.SEVERELY_STUNTED: NP_("PB/U category", "Severely stunted"),
        LengthHeightForAgeCategory.STUNTED: NP_("PB/U category", "Stunted"),
        LengthHeightForAgeCategory.NORMAL: NP_("PB/U category", "Normal"),
        LengthHeightForAgeCategory.TALL: NP_("PB/U category", "Tall"),
        WeightForLengthHeightCategory.SEVERELY_WASTED: NP_("BB/PB category", "Severely wasted"),
        WeightForLengthHeightCategory.WASTED: NP_("BB/PB category", "Wasted"),
        WeightForLengthHeightCategory.NORMAL: NP_("BB/PB category", "Normal"),
        WeightForLengthHeightCategory.POSSIBLE_RISK_OF_OVERWEIGHT: NP_(
            "BB/PB category", "Possible risk of overweight"
        ),
        WeightForLengthHeightCategory.OVERWEIGHT: NP_("BB/PB category", "Overweight"),
        WeightForLengthHeightCategory.OBESE: NP_("BB/PB category", "Obese"),
        # The regulation prints "severely thinness"; WHO's term is "severe thinness".
        BmiForAge5To18Category.SEVERELY_THIN: NP_("IMT/U category", "Severe thinness"),
        BmiForAge5To18Category.THIN: NP_("IMT/U category", "Thinness"),
        BmiForAge5To18Category.NORMAL: NP_("IMT/U category", "Normal"),
        BmiForAge5To18Category.OVERWEIGHT: NP_("IMT/U category", "Overweight"),
        BmiForAge5To18Category.OBESE: NP_("IMT/U category", "Obese"),
    }
)

# Kemenkes names the LILA-based SAM/MAM of children gizi buruk/gizi kurang
# (docs/sources/lila-muac.md).
register(
    {
        LilaStatus.KEK: NP_("LILA result", "At risk of chronic energy deficiency (KEK)"),
        LilaStatus.SAM: NP_("LILA result", "Severe acute malnutrition (SAM)"),
        LilaStatus.MAM: NP_("LILA result", "Moderate acute malnutrition (MAM)"),
        LilaStatus.NORMAL: NP_("LILA result", "Normal"),
    }
)

register(
    {
        LilaGroup.WOMAN: NP_("LILA group", "Pregnant woman or woman of reproductive age"),
        LilaGroup.CHILD_6_59_MONTHS: NP_("LILA group", "Child 6-59 months"),
        LilaGroup.CHILD_5_9_YEARS: NP_("LILA group", "Child 5-9 years"),
    }
)

# Indonesian: the index abbreviations of Permenkes 2/2020 and the KIA book.
register(
    {
        Indicator.WEIGHT_FOR_AGE: NP_("index", "Weight-for-age"),
        Indicator.LENGTH_HEIGHT_FOR_AGE: NP_("index", "Length/height-for-age"),
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT: NP_("index", "Weight-for-length/height"),
        Indicator.BMI_FOR_AGE: NP_("index", "BMI-for-age"),
        Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: NP_("index", "Head circumference-for-age"),
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE: NP_("index", "Arm circumference-for-age"),
        Indicator.TRICEPS_SKINFOLD_FOR_AGE: NP_("index", "Triceps skinfold-for-age"),
        Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE: NP_("index", "Subscapular skinfold-for-age"),
    }
)

# Why there is no z-score, in words a kader can act on.
register(
    {
        ZProblem.SEX_UNKNOWN: N_("Sex not entered"),
        ZProblem.AGE_MISSING: N_("Age cannot be worked out: check the birth and visit dates"),
        ZProblem.AGE_OUT_OF_RANGE: N_("Age is outside the WHO table range for this indicator"),
        ZProblem.MEASUREMENT_MISSING: N_("Measurement not entered"),
        ZProblem.MEASUREMENT_INVALID: N_("Measurement is not plausible (zero or negative)"),
        ZProblem.LENGTH_MISSING: N_("Length/height not entered"),
        ZProblem.LENGTH_INVALID: N_("Length/height is not plausible (zero or negative)"),
        ZProblem.LENGTH_OUT_OF_RANGE: N_("Length/height is outside the WHO table range"),
        ZProblem.OEDEMA: N_(
            "Oedema (swelling of both feet): weight-based z-score not computed, counted as below"
            " -3 SD"
        ),
    }
)

# The KIA book's charts with their age or length range, and as it abbreviates them for a tab.
register(
    {
        Chart.WEIGHT_FOR_AGE_0_24: N_("Weight-for-age (BB/U), 0-24 months"),
        Chart.WEIGHT_FOR_AGE_24_60: N_("Weight-for-age (BB/U), 24-60 months"),
        Chart.WEIGHT_FOR_AGE_0_60: N_("Weight-for-age (BB/U), 0-60 months"),
        Chart.LENGTH_FOR_AGE_0_24: N_("Length-for-age (PB/U), 0-24 months"),
        Chart.HEIGHT_FOR_AGE_24_60: N_("Height-for-age (TB/U), 24-60 months"),
        Chart.WEIGHT_FOR_LENGTH_45_110: N_("Weight-for-length (BB/PB), 45-110 cm"),
        Chart.WEIGHT_FOR_HEIGHT_65_120: N_("Weight-for-height (BB/TB), 65-120 cm"),
        Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24: N_("Head circumference-for-age (LK/U), 0-24 months"),
        Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60: N_("Head circumference-for-age (LK/U), 0-60 months"),
    }
)
register(
    {
        Chart.WEIGHT_FOR_AGE_0_24: N_("Weight/age"),
        Chart.WEIGHT_FOR_AGE_24_60: N_("Weight/age"),
        Chart.WEIGHT_FOR_AGE_0_60: N_("Weight/age"),
        Chart.LENGTH_FOR_AGE_0_24: N_("Length/age"),
        Chart.HEIGHT_FOR_AGE_24_60: N_("Height/age"),
        Chart.WEIGHT_FOR_LENGTH_45_110: N_("Weight/length"),
        Chart.WEIGHT_FOR_HEIGHT_65_120: N_("Weight/height"),
        Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24: N_("Head/age"),
        Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60: N_("Head/age"),
    },
    "tab",
)

# How the length board or microtoise was used.
register({Position.LYING: NP_("position", "lying"), Position.STANDING: NP_("position", "standing")})
# The letter of a history column: L (length, lying) or H (height, standing).
register(
    {Position.LYING: NP_("position short", "L"), Position.STANDING: NP_("position short", "H")},
    "short",
)

# The WHO publication a growth table belongs to (the About box).
register(
    {
        WhoStandard.CHILD_GROWTH_2006: N_("WHO Child Growth Standards 2006 (0–5 years)"),
        WhoStandard.GROWTH_REFERENCE_2007: N_("WHO Growth Reference 2007 (5–19 years)"),
    }
)

# The anthro command's prevalence rows.
register(
    {
        Condition.STUNTING: N_("Stunting: length/height-for-age below -2 SD (%)"),
        Condition.WASTING: N_("Wasting: weight-for-length/height below -2 SD (%)"),
        Condition.UNDERWEIGHT: N_("Underweight: weight-for-age below -2 SD (%)"),
        Condition.OVERWEIGHT: N_("Overweight: weight-for-length/height above +2 SD (%)"),
    }
)

# A header of a batch input file that cannot be read; {names} is filled in.
register(
    {
        HeaderProblem.DUPLICATE: N_("the column {names} appears twice"),
        HeaderProblem.AMBIGUOUS: N_("the columns {names} mean the same thing: keep one"),
    }
)

# A cell of a batch input row that could not be read; {column} and {value} are filled in.
register(
    {
        RowProblem.SEX_UNKNOWN: N_("Sex '{value}' not recognised (use 1/2, L/P or M/F)"),
        RowProblem.AGE_MISSING: N_("No age (age_days, age_months or birth_date+visit_date)"),
        RowProblem.AGE_NOT_A_NUMBER: N_("{column} '{value}' is not a number"),
        RowProblem.AGE_NEGATIVE: N_("{column} '{value}' cannot be negative"),
        RowProblem.DATE_INVALID: N_(
            "{column} '{value}' is not a date (write dd/mm/yyyy, d-m-yyyy or yyyy-mm-dd)"
        ),
        RowProblem.VISIT_BEFORE_BIRTH: N_("Visit date is before the birth date"),
        RowProblem.NOT_A_NUMBER: N_(
            "{column} '{value}' is not a number (one decimal mark, no thousands separator)"
        ),
        RowProblem.MEASURE_UNKNOWN: N_(
            "Measure '{value}' not recognised (l = lying, h = standing)"
        ),
        RowProblem.OEDEMA_UNKNOWN: N_("Oedema '{value}' not recognised (use y or n)"),
        RowProblem.EXTRA_CELLS: N_("Row has more cells than the header: '{value}'"),
        RowProblem.CELL_COUNT: N_(
            "Row has {value} cells but the header has {column}: not scored (a decimal comma in a"
            " comma-separated file, or a missing separator?)"
        ),
        RowProblem.IMPLAUSIBLE: N_(
            "{column} '{value}' is outside what a child can measure ({low}-{high} {unit}):"
            " z-scores flagged, no category"
        ),
        RowProblem.ABSURD: N_("{column} '{value}' is far too large or small to be a measurement"),
        RowProblem.BEYOND_WHO_LIMITS: N_(
            "{column}: z-score {value} is beyond the WHO limits (biologically implausible): check"
            " the measurement; no category"
        ),
    }
)


def category_label(category: Category, lang: str | None = None) -> str:
    """The Permenkes 2/2020 name of a nutrition-status category."""
    return words(category, lang=lang)


def lila_label(status: LilaStatus, lang: str | None = None) -> str:
    """The name of a LILA/MUAC result."""
    return words(status, lang=lang)


def lila_group_label(group: LilaGroup, lang: str | None = None) -> str:
    """The name of a LILA cut-off group, for choosing who was measured."""
    return words(group, lang=lang)


def indicator_label(indicator: Indicator, lang: str | None = None) -> str:
    """The short name of an index, as on the KIA book and Permenkes tables (BB/U, IMT/U ...)."""
    return words(indicator, lang=lang)


def zproblem_label(problem: ZProblem, lang: str | None = None) -> str:
    """Why a z-score is missing, as one short sentence."""
    return words(problem, lang=lang)


def row_problem_label(problem: RowProblem, lang: str | None = None) -> str:
    """Why a cell of a batch input row was not read; a template with {column} and {value}."""
    return words(problem, lang=lang)


# The registry's codes are named in `vocabulary_words`; re-exported so callers need one module.
from posyandu_desktop.i18n.vocabulary_words import (  # noqa: E402
    capsule_label,
    life_stage_label,
    problem_label,
    startup_problem_label,
    vocabulary_label,
)

__all__ = [
    "capsule_label",
    "category_label",
    "indicator_label",
    "life_stage_label",
    "lila_group_label",
    "lila_label",
    "problem_label",
    "row_problem_label",
    "startup_problem_label",
    "vocabulary_label",
    "zproblem_label",
]

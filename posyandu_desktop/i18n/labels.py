"""Domain enums and problem codes as words, in Indonesian ("id") and English ("en").

One dict per language for each kind of code, so a later switch to gettext catalogs only has to
replace the dict lookups. Category labels are the exact Permenkes 2/2020 wording (domain.md c1);
the English ones follow the regulation's parenthesised terms.
"""

from __future__ import annotations

from posyandu_desktop.domain.growth.anthro_input import RowProblem
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    Category,
    LengthHeightForAgeCategory,
    LilaGroup,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.zscore import Indicator, ZProblem

LANGUAGES = ("id", "en")
# Untranslated languages fall back to English, as gettext falls back to its English source text.
_FALLBACK = "en"

_CATEGORIES: dict[str, dict[Category, str]] = {
    "id": {
        WeightForAgeCategory.SEVERELY_UNDERWEIGHT: "Berat badan sangat kurang",
        WeightForAgeCategory.UNDERWEIGHT: "Berat badan kurang",
        WeightForAgeCategory.NORMAL: "Berat badan normal",
        WeightForAgeCategory.RISK_OF_OVERWEIGHT: "Risiko berat badan lebih",
        LengthHeightForAgeCategory.SEVERELY_STUNTED: "Sangat pendek",
        LengthHeightForAgeCategory.STUNTED: "Pendek",
        LengthHeightForAgeCategory.NORMAL: "Normal",
        LengthHeightForAgeCategory.TALL: "Tinggi",
        WeightForLengthHeightCategory.SEVERELY_WASTED: "Gizi buruk",
        WeightForLengthHeightCategory.WASTED: "Gizi kurang",
        WeightForLengthHeightCategory.NORMAL: "Gizi baik",
        WeightForLengthHeightCategory.POSSIBLE_RISK_OF_OVERWEIGHT: "Berisiko gizi lebih",
        WeightForLengthHeightCategory.OVERWEIGHT: "Gizi lebih",
        WeightForLengthHeightCategory.OBESE: "Obesitas",
        BmiForAge5To18Category.SEVERELY_THIN: "Gizi buruk",
        BmiForAge5To18Category.THIN: "Gizi kurang",
        BmiForAge5To18Category.NORMAL: "Gizi baik",
        BmiForAge5To18Category.OVERWEIGHT: "Gizi lebih",
        BmiForAge5To18Category.OBESE: "Obesitas",
    },
    "en": {
        WeightForAgeCategory.SEVERELY_UNDERWEIGHT: "Severely underweight",
        WeightForAgeCategory.UNDERWEIGHT: "Underweight",
        # The regulation gives no English for these two BB/U categories.
        WeightForAgeCategory.NORMAL: "Normal weight",
        WeightForAgeCategory.RISK_OF_OVERWEIGHT: "Risk of overweight",
        LengthHeightForAgeCategory.SEVERELY_STUNTED: "Severely stunted",
        LengthHeightForAgeCategory.STUNTED: "Stunted",
        LengthHeightForAgeCategory.NORMAL: "Normal",
        LengthHeightForAgeCategory.TALL: "Tall",
        WeightForLengthHeightCategory.SEVERELY_WASTED: "Severely wasted",
        WeightForLengthHeightCategory.WASTED: "Wasted",
        WeightForLengthHeightCategory.NORMAL: "Normal",
        WeightForLengthHeightCategory.POSSIBLE_RISK_OF_OVERWEIGHT: "Possible risk of overweight",
        WeightForLengthHeightCategory.OVERWEIGHT: "Overweight",
        WeightForLengthHeightCategory.OBESE: "Obese",
        # The regulation prints "severely thinness"; WHO's term is "severe thinness".
        BmiForAge5To18Category.SEVERELY_THIN: "Severe thinness",
        BmiForAge5To18Category.THIN: "Thinness",
        BmiForAge5To18Category.NORMAL: "Normal",
        BmiForAge5To18Category.OVERWEIGHT: "Overweight",
        BmiForAge5To18Category.OBESE: "Obese",
    },
}

_LILA_STATUSES: dict[str, dict[LilaStatus, str]] = {
    "id": {
        LilaStatus.KEK: "Risiko KEK (Kurang Energi Kronis)",
        # Kemenkes names the LILA-based SAM/MAM of children gizi buruk/gizi kurang (domain.md b5).
        LilaStatus.SAM: "Gizi buruk",
        LilaStatus.MAM: "Gizi kurang",
        LilaStatus.NORMAL: "Normal",
    },
    "en": {
        LilaStatus.KEK: "At risk of chronic energy deficiency (KEK)",
        LilaStatus.SAM: "Severe acute malnutrition (SAM)",
        LilaStatus.MAM: "Moderate acute malnutrition (MAM)",
        LilaStatus.NORMAL: "Normal",
    },
}

_LILA_GROUPS: dict[str, dict[LilaGroup, str]] = {
    "id": {
        LilaGroup.WOMAN: "Ibu hamil atau WUS",
        LilaGroup.CHILD_6_59_MONTHS: "Anak 6-59 bulan",
        LilaGroup.CHILD_5_9_YEARS: "Anak 5-9 tahun",
    },
    "en": {
        LilaGroup.WOMAN: "Pregnant woman or woman of reproductive age",
        LilaGroup.CHILD_6_59_MONTHS: "Child 6-59 months",
        LilaGroup.CHILD_5_9_YEARS: "Child 5-9 years",
    },
}

# Indonesian: the index abbreviations of Permenkes 2/2020 and the KIA book.
_INDICATORS: dict[str, dict[Indicator, str]] = {
    "id": {
        Indicator.WEIGHT_FOR_AGE: "BB/U",
        Indicator.LENGTH_HEIGHT_FOR_AGE: "PB/U atau TB/U",
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT: "BB/PB atau BB/TB",
        Indicator.BMI_FOR_AGE: "IMT/U",
        Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: "LK/U",
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE: "LiLA/U",
        Indicator.TRICEPS_SKINFOLD_FOR_AGE: "Lipatan kulit trisep/U",
        Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE: "Lipatan kulit subskapula/U",
    },
    "en": {
        Indicator.WEIGHT_FOR_AGE: "Weight-for-age",
        Indicator.LENGTH_HEIGHT_FOR_AGE: "Length/height-for-age",
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT: "Weight-for-length/height",
        Indicator.BMI_FOR_AGE: "BMI-for-age",
        Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: "Head circumference-for-age",
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE: "Arm circumference-for-age",
        Indicator.TRICEPS_SKINFOLD_FOR_AGE: "Triceps skinfold-for-age",
        Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE: "Subscapular skinfold-for-age",
    },
}

# Why there is no z-score, in words a kader can act on.
_PROBLEMS: dict[str, dict[ZProblem, str]] = {
    "id": {
        ZProblem.SEX_UNKNOWN: "Jenis kelamin belum diisi",
        ZProblem.AGE_MISSING: "Umur tidak bisa dihitung: periksa tanggal lahir dan tanggal ukur",
        ZProblem.AGE_OUT_OF_RANGE: "Umur anak di luar rentang tabel WHO untuk indeks ini",
        ZProblem.MEASUREMENT_MISSING: "Hasil ukur belum diisi",
        ZProblem.MEASUREMENT_INVALID: "Hasil ukur tidak masuk akal (nol atau negatif)",
        ZProblem.LENGTH_MISSING: "Panjang/tinggi badan belum diisi",
        ZProblem.LENGTH_INVALID: "Panjang/tinggi badan tidak masuk akal (nol atau negatif)",
        ZProblem.LENGTH_OUT_OF_RANGE: "Panjang/tinggi badan di luar rentang tabel WHO",
        ZProblem.OEDEMA: (
            "Ada edema (bengkak di kedua punggung kaki): z-score berat badan tidak dihitung, "
            "dianggap di bawah -3 SD"
        ),
    },
    "en": {
        ZProblem.SEX_UNKNOWN: "Sex not entered",
        ZProblem.AGE_MISSING: "Age cannot be worked out: check the birth and visit dates",
        ZProblem.AGE_OUT_OF_RANGE: "Age is outside the WHO table range for this indicator",
        ZProblem.MEASUREMENT_MISSING: "Measurement not entered",
        ZProblem.MEASUREMENT_INVALID: "Measurement is not plausible (zero or negative)",
        ZProblem.LENGTH_MISSING: "Length/height not entered",
        ZProblem.LENGTH_INVALID: "Length/height is not plausible (zero or negative)",
        ZProblem.LENGTH_OUT_OF_RANGE: "Length/height is outside the WHO table range",
        ZProblem.OEDEMA: (
            "Oedema (swelling of both feet): weight-based z-score not computed, "
            "counted as below -3 SD"
        ),
    },
}

# A cell of a batch input row that could not be read; {column} and {value} are filled in.
_ROW_PROBLEMS: dict[str, dict[RowProblem, str]] = {
    "id": {
        RowProblem.SEX_UNKNOWN: "Jenis kelamin '{value}' tidak dikenal (isi 1/2, L/P atau M/F)",
        RowProblem.AGE_MISSING: (
            "Umur tidak diisi (age_days, age_months atau birth_date+visit_date)"
        ),
        RowProblem.AGE_NOT_A_NUMBER: "{column} '{value}' bukan angka",
        RowProblem.AGE_NEGATIVE: "{column} '{value}' tidak boleh negatif",
        RowProblem.DATE_INVALID: "{column} '{value}' bukan tanggal (tulis TTTT-BB-HH)",
        RowProblem.VISIT_BEFORE_BIRTH: "Tanggal ukur sebelum tanggal lahir",
        RowProblem.NOT_A_NUMBER: "{column} '{value}' bukan angka",
        RowProblem.MEASURE_UNKNOWN: (
            "Cara ukur '{value}' tidak dikenal (l = berbaring, h = berdiri)"
        ),
        RowProblem.OEDEMA_UNKNOWN: "Edema '{value}' tidak dikenal (isi y atau n)",
        RowProblem.EXTRA_CELLS: "Baris punya kolom lebih banyak dari judul: '{value}'",
    },
    "en": {
        RowProblem.SEX_UNKNOWN: "Sex '{value}' not recognised (use 1/2, L/P or M/F)",
        RowProblem.AGE_MISSING: "No age (age_days, age_months or birth_date+visit_date)",
        RowProblem.AGE_NOT_A_NUMBER: "{column} '{value}' is not a number",
        RowProblem.AGE_NEGATIVE: "{column} '{value}' cannot be negative",
        RowProblem.DATE_INVALID: "{column} '{value}' is not a date (write YYYY-MM-DD)",
        RowProblem.VISIT_BEFORE_BIRTH: "Visit date is before the birth date",
        RowProblem.NOT_A_NUMBER: "{column} '{value}' is not a number",
        RowProblem.MEASURE_UNKNOWN: "Measure '{value}' not recognised (l = lying, h = standing)",
        RowProblem.OEDEMA_UNKNOWN: "Oedema '{value}' not recognised (use y or n)",
        RowProblem.EXTRA_CELLS: "Row has more cells than the header: '{value}'",
    },
}


def _language(lang: str) -> str:
    """'id', 'id_ID' and 'id-ID' all mean Indonesian; anything unknown falls back to English."""
    code = lang.replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else _FALLBACK


def category_label(category: Category, lang: str = "id") -> str:
    """The Permenkes 2/2020 name of a nutrition-status category."""
    return _CATEGORIES[_language(lang)][category]


def lila_label(status: LilaStatus, lang: str = "id") -> str:
    """The name of a LILA/MUAC result."""
    return _LILA_STATUSES[_language(lang)][status]


def lila_group_label(group: LilaGroup, lang: str = "id") -> str:
    """The name of a LILA cut-off group, for choosing who was measured."""
    return _LILA_GROUPS[_language(lang)][group]


def indicator_label(indicator: Indicator, lang: str = "id") -> str:
    """The short name of an index, as on the KIA book and Permenkes tables (BB/U, IMT/U ...)."""
    return _INDICATORS[_language(lang)][indicator]


def zproblem_label(problem: ZProblem, lang: str = "id") -> str:
    """Why a z-score is missing, as one short sentence."""
    return _PROBLEMS[_language(lang)][problem]


def row_problem_label(problem: RowProblem, lang: str = "id") -> str:
    """Why a cell of a batch input row was not read; a template with {column} and {value}."""
    return _ROW_PROBLEMS[_language(lang)][problem]

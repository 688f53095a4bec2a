"""Every domain code has words in every language, the Indonesian ones from the catalog; category
words are the regulation's own."""

import pytest

from posyandu_desktop.domain.growth import Indicator, ZProblem
from posyandu_desktop.domain.growth.anthro_input import RowProblem
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    LengthHeightForAgeCategory,
    LilaGroup,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.i18n import (
    LANGUAGES,
    category_label,
    indicator_label,
    install,
    lila_group_label,
    lila_label,
    row_problem_label,
    zproblem_label,
)
from posyandu_desktop.i18n.build_catalogs import catalog_paths, placeholders, read_catalog

U, L, X, B = (
    WeightForAgeCategory,
    LengthHeightForAgeCategory,
    WeightForLengthHeightCategory,
    BmiForAge5To18Category,
)

# Iterating the enums makes a new member without words fail here.
LABELLED = [
    (label, enum)
    for label, enums in [
        (category_label, (U, L, X, B)),
        (lila_label, (LilaStatus,)),
        (lila_group_label, (LilaGroup,)),
        (indicator_label, (Indicator,)),
        (zproblem_label, (ZProblem,)),
    ]
    for enum in enums
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("label", "enum"), LABELLED)
def test_every_member_has_distinct_words(label, enum, lang):
    words = [label(member, lang) for member in enum]
    assert all(w and w == w.strip() for w in words)
    assert len(set(words)) == len(words)


@pytest.mark.parametrize(("label", "enum"), LABELLED)
def test_indonesian_is_the_default(label, enum):
    assert all(label(member) == label(member, "id") for member in enum)


@pytest.mark.parametrize(("label", "enum"), LABELLED)
def test_no_language_means_the_ui_language(label, enum):
    install("en")
    assert all(label(member) == label(member, "en") for member in enum)


@pytest.fixture(scope="module")
def indonesian_catalog() -> set[tuple[str, str]]:
    """(English, Indonesian) of every translated entry of the Indonesian .po."""
    catalog = read_catalog(catalog_paths("id")[0].read_bytes(), "id")
    return {
        (m.id, m.string) for m in catalog if isinstance(m.id, str) and isinstance(m.string, str)
    }


@pytest.mark.parametrize(("label", "enum"), [*LABELLED, (row_problem_label, RowProblem)])
def test_indonesian_words_come_from_the_catalog(label, enum, indonesian_catalog):
    # Not the English source falling through: the .po translates each member's English label.
    for member in enum:
        assert (label(member, "en"), label(member, "id")) in indonesian_catalog, member


@pytest.mark.parametrize("lang", LANGUAGES)
def test_row_problems_are_templates_of_column_and_value(lang):
    for problem in RowProblem:
        words = row_problem_label(problem, lang)
        assert words and words == words.strip()
        assert set(placeholders(words)) <= {"column", "value", "low", "high", "unit"}
        assert "{value}" in words or problem in {
            RowProblem.AGE_MISSING,
            RowProblem.VISIT_BEFORE_BIRTH,
        }


@pytest.mark.parametrize(
    ("category", "indonesian", "english"),
    [
        # Permenkes 2/2020 wording as in docs/sources/permenkes-2-2020.md#categories.
        (U.SEVERELY_UNDERWEIGHT, "Berat badan sangat kurang", "Severely underweight"),
        (U.UNDERWEIGHT, "Berat badan kurang", "Underweight"),
        (U.NORMAL, "Berat badan normal", "Normal weight"),
        (U.RISK_OF_OVERWEIGHT, "Risiko berat badan lebih", "Risk of overweight"),
        (L.SEVERELY_STUNTED, "Sangat pendek", "Severely stunted"),
        (L.STUNTED, "Pendek", "Stunted"),
        (L.NORMAL, "Normal", "Normal"),
        (L.TALL, "Tinggi", "Tall"),
        (X.SEVERELY_WASTED, "Gizi buruk", "Severely wasted"),
        (X.WASTED, "Gizi kurang", "Wasted"),
        (X.NORMAL, "Gizi baik", "Normal"),
        (X.POSSIBLE_RISK_OF_OVERWEIGHT, "Berisiko gizi lebih", "Possible risk of overweight"),
        (X.OVERWEIGHT, "Gizi lebih", "Overweight"),
        (X.OBESE, "Obesitas", "Obese"),
        (B.SEVERELY_THIN, "Gizi buruk", "Severe thinness"),
        (B.THIN, "Gizi kurang", "Thinness"),
        (B.NORMAL, "Gizi baik", "Normal"),
        (B.OVERWEIGHT, "Gizi lebih", "Overweight"),
        (B.OBESE, "Obesitas", "Obese"),
    ],
)
def test_permenkes_labels(category, indonesian, english):
    assert category_label(category, "id") == indonesian
    assert category_label(category, "en") == english


@pytest.mark.parametrize(
    ("indicator", "indonesian"),
    [
        (Indicator.WEIGHT_FOR_AGE, "BB/U"),
        (Indicator.LENGTH_HEIGHT_FOR_AGE, "PB/U atau TB/U"),
        (Indicator.WEIGHT_FOR_LENGTH_HEIGHT, "BB/PB atau BB/TB"),
        (Indicator.BMI_FOR_AGE, "IMT/U"),
        (Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, "LK/U"),
        (Indicator.ARM_CIRCUMFERENCE_FOR_AGE, "LiLA/U"),
    ],
)
def test_indicator_abbreviations(indicator, indonesian):
    assert indicator_label(indicator) == indonesian


def test_problem_and_lila_words():
    assert (
        zproblem_label(ZProblem.LENGTH_OUT_OF_RANGE)
        == "Panjang/tinggi badan di luar rentang tabel WHO"
    )
    assert zproblem_label(ZProblem.SEX_UNKNOWN, "en") == "Sex not entered"
    assert lila_label(LilaStatus.KEK) == "Risiko KEK (Kurang Energi Kronis)"
    assert lila_label(LilaStatus.SAM, "en") == "Severe acute malnutrition (SAM)"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", "Pendek"),
        ("ID", "Pendek"),
        ("id_ID", "Pendek"),
        ("id-ID", "Pendek"),
        ("en", "Stunted"),
        ("en_GB", "Stunted"),
        ("fr", "Stunted"),  # untranslated: English, as gettext would
        ("", "Stunted"),
    ],
)
def test_language_codes(lang, expected):
    assert category_label(L.STUNTED, lang) == expected

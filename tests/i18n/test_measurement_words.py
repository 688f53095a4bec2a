"""The desks' words: every quantity, doubt, NIK problem and KMS letter in both languages, with
their numbers and dates in the language's format."""

from datetime import date

import pytest

from posyandu_desktop.domain.growth.plausibility import Doubt, PlausibilityIssue, Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.domain.nik import NikIssue, NikMismatch, NikProblem
from posyandu_desktop.i18n.measurement_words import (
    DECIMALS,
    UNITS,
    doubt_text,
    growth_change_text,
    nik_mismatch_text,
    nik_problem_text,
    quantity_label,
    quantity_text,
)
from posyandu_desktop.i18n.words import words

W = Quantity.WEIGHT_KG


@pytest.mark.parametrize("quantity", list(Quantity))
def test_every_quantity_has_words_a_unit_and_decimals(quantity: Quantity) -> None:
    assert quantity_label(quantity, "en") != quantity_label(quantity, "id")
    assert quantity in UNITS and quantity in DECIMALS


def test_values_in_each_languages_format() -> None:
    assert quantity_text(W, 12.5, "id") == "12,5 kg"
    assert quantity_text(W, 12.5, "en") == "12.5 kg"
    assert quantity_text(Quantity.SYSTOLIC_MMHG, 120, "en") == "120 mmHg"


def test_the_doubts_as_sentences() -> None:
    out_of_range = PlausibilityIssue(Doubt.OUTSIDE_USUAL_RANGE, W, 95.0, low=0.5, high=30.0)
    assert doubt_text(out_of_range, age_days=430, lang="id") == (
        "Berat badan 95,0 kg tidak masuk akal untuk umur 1 tahun 2 bulan"
        " (biasanya 0,5 kg sampai 30,0 kg)."
    )
    jump = PlausibilityIssue(
        Doubt.CHANGED_TOO_MUCH, W, 9.8, previous=7.3, previous_on=date(2026, 10, 12)
    )
    assert "12 Oktober 2026" in doubt_text(jump, age_days=426, lang="id")
    assert "12 October 2026" in doubt_text(jump, age_days=426, lang="en")
    flag = PlausibilityIssue(Doubt.WHO_FLAG, W, 25.0, indicator=Indicator.WEIGHT_FOR_AGE, z=5.6)
    assert "BB/U +5,60" in doubt_text(flag, age_days=426, lang="id")
    for doubt in Doubt:
        issue = PlausibilityIssue(doubt, W, 1.0, 0.5, 30.0, 2.0, date(2026, 1, 1))
        assert "{" not in doubt_text(issue, age_days=30, lang="id")


@pytest.mark.parametrize("problem", list(NikProblem))
def test_nik_problems_in_both_languages(problem: NikProblem) -> None:
    english = nik_problem_text(NikIssue(problem, 15), "en")
    indonesian = nik_problem_text(NikIssue(problem, 15), "id")
    assert english != indonesian and "{" not in english + indonesian


def test_nik_mismatches() -> None:
    text = nik_mismatch_text(NikMismatch.BIRTH_DATE, nik_date=date(2026, 9, 3), nik_female=None)
    assert text == "Tanggal lahir di NIK adalah 3 September 2026: periksa keduanya"
    text = nik_mismatch_text(NikMismatch.SEX, nik_date=None, nik_female=True, lang="en")
    assert text == "The NIK is a woman's: check the sex and the NIK"


def test_growth_letters_and_changes() -> None:
    assert all(words(s, lang="id") != words(s, lang="en") for s in GrowthStatus)
    assert growth_change_text(GrowthStatus.N, 450, 300, "id") == "Naik 450 g (KBM 300 g)"
    assert growth_change_text(GrowthStatus.T, 100, 200, "id") == "Naik 100 g, kurang dari KBM 200 g"
    assert growth_change_text(GrowthStatus.T, -200, 200, "id") == "Turun 200 g (KBM 200 g)"
    assert growth_change_text(GrowthStatus.T, 0, 200, "en") == "Weight unchanged (KBM 200 g)"
    assert "KMS" in growth_change_text(GrowthStatus.N, 300, None, "id")
    assert growth_change_text(GrowthStatus.B, None, None, "id") == words(GrowthStatus.B, lang="id")

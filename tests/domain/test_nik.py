"""NIK parsing (docs/sources/nik.md) on Kota Bontang numbers (64.74), kecamatan 01 (Bontang
Selatan)."""

from datetime import date

import pytest

from posyandu_desktop.domain.nik import (
    NikInfo,
    NikIssue,
    NikMismatch,
    NikProblem,
    compare_nik,
    parse_nik,
)
from posyandu_desktop.domain.people import Sex

TODAY = date(2026, 3, 1)
MAN = "6474011201900001"  # born 12 Jan 1990
WOMAN = "6474015201900002"  # born 12 Jan 1990, day 12 + 40


def nik_with_date(ddmmyy: str) -> str:
    return f"647401{ddmmyy}0001"


def problems(text: str, today: date = TODAY) -> tuple[NikIssue, ...]:
    return parse_nik(text, today=today).problems


def test_man():
    result = parse_nik(MAN, today=TODAY)
    assert result.problems == ()
    assert result.ok
    info = result.info
    assert info is not None
    assert (info.province_code, info.regency_code, info.district_code) == ("64", "6474", "647401")
    assert (info.birth_date, info.sex, info.serial) == (date(1990, 1, 12), Sex.MALE, 1)


def test_woman_day_plus_40():
    info = parse_nik(WOMAN, today=TODAY).info
    assert info is not None
    assert (info.birth_date, info.sex, info.serial) == (date(1990, 1, 12), Sex.FEMALE, 2)


@pytest.mark.parametrize(
    "text",
    [
        "6474 0112 0190 0001",
        "64.74.01.120190.0001",
        "6474-01-120190-0001",
        "  6474011201900001\t",
        "64 74 01 12 01 90 0001",
    ],
)
def test_separators_are_accepted(text):
    result = parse_nik(text, today=TODAY)
    assert result.ok
    assert result.info is not None
    assert result.info.nik == MAN


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("6474O11201900001", 4),  # letter O for zero
        ("NIK 6474011201900001", 0),
        ("6474/01/120190/0001", 4),
        ("６４７４011201900001", 0),  # full-width digits
        ("6474011201900001²", 16),
    ],
)
def test_letters_and_other_characters(text, position):
    result = parse_nik(text, today=TODAY)
    assert result.info is None
    assert result.problems == (NikIssue(NikProblem.NOT_DIGITS, position),)
    assert not result.ok


@pytest.mark.parametrize("text", ["", "   ", " - . "])
def test_empty(text):
    assert problems(text) == (NikIssue(NikProblem.EMPTY),)


@pytest.mark.parametrize("text", ["1", "647401120190001", "64740112019000011", "6474 0112 0190"])
def test_wrong_length_reports_digit_count(text):
    digits = sum(c.isdigit() for c in text)
    assert problems(text) == (NikIssue(NikProblem.WRONG_LENGTH, digits),)


@pytest.mark.parametrize("province", ["11", "19", "21", "31", "36", "53", "64", "65", "76", "82"])
def test_known_provinces(province):
    assert problems(province + MAN[2:]) == ()


@pytest.mark.parametrize("province", ["93", "94", "95", "96"])
def test_new_papua_provinces_kemendagri_codes(province):
    assert problems(province + MAN[2:]) == ()


@pytest.mark.parametrize("province", [0, 10, 20, 54, 97, 99])
def test_unknown_province_is_only_a_warning(province):
    result = parse_nik(f"{province:02d}" + MAN[2:], today=TODAY)
    assert result.problems == (NikIssue(NikProblem.BAD_PROVINCE, province),)
    assert result.ok
    assert result.info is not None
    assert result.info.birth_date == date(1990, 1, 12)


def test_only_bad_province_is_a_warning():
    assert [p for p in NikProblem if p.is_warning] == [NikProblem.BAD_PROVINCE]


@pytest.mark.parametrize(("ddmmyy", "month"), [("120090", 0), ("121390", 13), ("529990", 99)])
def test_bad_month_keeps_sex_from_day(ddmmyy, month):
    result = parse_nik(nik_with_date(ddmmyy), today=TODAY)
    assert result.problems == (NikIssue(NikProblem.BAD_MONTH, month),)
    assert result.info is not None
    assert result.info.birth_date is None
    assert result.info.sex == (Sex.FEMALE if ddmmyy[0] == "5" else Sex.MALE)


@pytest.mark.parametrize(
    ("ddmmyy", "day", "sex"),
    [
        ("000190", 0, None),
        ("320190", 32, None),
        ("400190", 40, None),
        ("720190", 72, None),
        ("990190", 99, None),
        ("310490", 31, Sex.MALE),  # 31 April
        ("710490", 71, Sex.FEMALE),  # 31 April, woman
        ("300290", 30, Sex.MALE),
    ],
)
def test_bad_day(ddmmyy, day, sex):
    result = parse_nik(nik_with_date(ddmmyy), today=TODAY)
    assert result.problems == (NikIssue(NikProblem.BAD_DAY, day),)
    assert not result.ok
    assert result.info is not None
    assert (result.info.birth_date, result.info.sex) == (None, sex)


def test_bad_month_and_day_together():
    assert problems(nik_with_date("351390")) == (
        NikIssue(NikProblem.BAD_MONTH, 13),
        NikIssue(NikProblem.BAD_DAY, 35),
    )


@pytest.mark.parametrize(
    ("ddmmyy", "born"),
    [
        ("290200", date(2000, 2, 29)),  # 2000 is a leap year (divisible by 400)
        ("290204", date(2004, 2, 29)),
        ("690296", date(1996, 2, 29)),  # woman
        ("290224", date(2024, 2, 29)),
        ("280201", date(2001, 2, 28)),
    ],
)
def test_29_february_in_leap_years(ddmmyy, born):
    info = parse_nik(nik_with_date(ddmmyy), today=TODAY).info
    assert info is not None
    assert info.birth_date == born


@pytest.mark.parametrize("ddmmyy", ["290201", "290223", "690297", "290225"])
def test_29_february_in_other_years(ddmmyy):
    assert problems(nik_with_date(ddmmyy)) == (NikIssue(NikProblem.BAD_DAY, int(ddmmyy[:2])),)


@pytest.mark.parametrize(
    ("ddmmyy", "born"),
    [
        ("010326", date(2026, 3, 1)),  # today itself
        ("020326", date(1926, 3, 2)),  # tomorrow is not possible: a century earlier
        ("311225", date(2025, 12, 31)),
        ("010127", date(1927, 1, 1)),
        ("010100", date(2000, 1, 1)),
        ("150699", date(1999, 6, 15)),
    ],
)
def test_two_digit_year_is_the_latest_not_after_today(ddmmyy, born):
    info = parse_nik(nik_with_date(ddmmyy), today=TODAY).info
    assert info is not None
    assert info.birth_date == born


def test_29_february_2000_before_it_happened_is_1900_which_is_not_leap():
    assert problems(nik_with_date("290200"), today=date(2000, 1, 1)) == (
        NikIssue(NikProblem.BAD_DAY, 29),
    )


def test_zero_serial():
    result = parse_nik(MAN[:12] + "0000", today=TODAY)
    assert result.problems == (NikIssue(NikProblem.ZERO_SERIAL),)
    assert not result.ok


def test_highest_serial():
    info = parse_nik(MAN[:12] + "9999", today=TODAY).info
    assert info is not None
    assert info.serial == 9999


def info_of(text: str) -> NikInfo:
    info = parse_nik(text, today=TODAY).info
    assert info is not None
    return info


@pytest.mark.parametrize(
    ("nik", "birth", "sex", "expected"),
    [
        (MAN, date(1990, 1, 12), Sex.MALE, ()),
        (WOMAN, date(1990, 1, 12), Sex.FEMALE, ()),
        (MAN, date(1990, 1, 13), Sex.MALE, (NikMismatch.BIRTH_DATE,)),
        (MAN, date(1990, 2, 12), Sex.MALE, (NikMismatch.BIRTH_DATE,)),
        (MAN, date(1991, 1, 12), Sex.MALE, (NikMismatch.BIRTH_DATE,)),
        (MAN, date(1990, 1, 12), Sex.FEMALE, (NikMismatch.SEX,)),
        (WOMAN, date(1990, 1, 12), Sex.MALE, (NikMismatch.SEX,)),
        # An infant registered with the mother's NIK (docs/sources/nik.md) warns on both.
        (WOMAN, date(2025, 11, 3), Sex.MALE, (NikMismatch.BIRTH_DATE, NikMismatch.SEX)),
        # Only YY is in the NIK: a 1926 birth is not contradicted by the 2026 reading.
        (nik_with_date("010326"), date(1926, 3, 1), Sex.MALE, ()),
        (MAN, None, None, ()),
        (MAN, date(2000, 1, 1), None, (NikMismatch.BIRTH_DATE,)),
        (MAN, None, Sex.FEMALE, (NikMismatch.SEX,)),
    ],
)
def test_compare_with_entered_birth_date_and_sex(nik, birth, sex, expected):
    assert compare_nik(info_of(nik), birth_date=birth, sex=sex) == expected


def test_compare_skips_what_the_nik_cannot_tell():
    undecodable = info_of(nik_with_date("991390"))  # no birth date, no sex
    assert compare_nik(undecodable, birth_date=date(1990, 1, 12), sex=Sex.FEMALE) == ()

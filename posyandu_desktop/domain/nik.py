"""NIK (Nomor Induk Kependudukan): parsing, validation and comparison with the registered person.

Layout (docs/sources/nik.md, Dukcapil): 16 digits `PP KK CC DDMMYY SSSS` = province, regency/city
and district where the person was *first* registered (it does not change on moving), birth date with
day + 40 for women, serial from 0001. There is no check digit.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from posyandu_desktop.domain.people import Sex

NIK_LENGTH = 16
_SEPARATORS = frozenset(" .-\t")
_DIGITS = frozenset("0123456789")  # ASCII only: str.isdigit() also accepts "²" and Arabic digits
_FEMALE_DAY_OFFSET = 40  # docs/sources/nik.md: women's birth day is written + 40 (41..71)

# Province codes as Kemendagri/Dukcapil assigns them (Permendagri on kode wilayah; the four 2022
# Papua provinces: 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya).
# BPS numbers Papua differently (91 Papua Barat, 92 Papua Barat Daya, 94 Papua, 95-97 the new
# ones), so 97 is a BPS code only and is not listed. Not verified against a Dukcapil list: an
# unknown province is a warning (NikProblem.BAD_PROVINCE.is_warning), never a blocking error.
PROVINCE_CODES = frozenset(
    [
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 97),
    ]
)


class NikProblem(StrEnum):
    """Why a NIK is malformed; `found` on NikIssue carries the offending value."""

    EMPTY = "empty"
    NOT_DIGITS = "not_digits"  # found: 0-based index of the first bad character, after strip()
    WRONG_LENGTH = "wrong_length"  # found: number of digits
    BAD_PROVINCE = "bad_province"  # found: the code; warning only, see PROVINCE_CODES
    BAD_MONTH = "bad_month"  # found: the month field
    BAD_DAY = "bad_day"  # found: the day field as written (41..71 for women)
    ZERO_SERIAL = "zero_serial"

    @property
    def is_warning(self) -> bool:
        """True when the NIK may still be real (uncertain reference data)."""
        return self is NikProblem.BAD_PROVINCE


@dataclass(frozen=True, slots=True)
class NikIssue:
    """One problem found in a NIK, with the value that caused it."""

    problem: NikProblem
    found: int | None = None


class NikMismatch(StrEnum):
    """The NIK disagrees with what was entered; a warning only (docs/sources/nik.md: typos and old
    NIKs exist)."""

    BIRTH_DATE = "birth_date"
    SEX = "sex"


@dataclass(frozen=True, slots=True)
class NikInfo:
    """What a 16-digit NIK encodes. Area codes are hierarchical, as in Kemendagri tables:
    Kota Bontang is province "64", regency "6474"."""

    nik: str  # the 16 digits, separators removed
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date | None  # None when the month or day is invalid
    sex: Sex | None  # None when the day field is in neither 01..31 nor 41..71
    serial: int


@dataclass(frozen=True, slots=True)
class NikResult:
    """The decoded NIK (if it has 16 digits) and every problem found."""

    info: NikInfo | None  # None when the text is not 16 digits
    problems: tuple[NikIssue, ...]

    @property
    def ok(self) -> bool:
        """No blocking problem (warnings allowed)."""
        return self.info is not None and all(i.problem.is_warning for i in self.problems)


def parse_nik(text: str, *, today: date) -> NikResult:
    """Parse a NIK typed with or without spaces, dots or dashes; `today` resolves the year."""
    digits = []
    for pos, char in enumerate(text.strip()):
        if char in _DIGITS:
            digits.append(char)
        elif char not in _SEPARATORS:
            return NikResult(None, (NikIssue(NikProblem.NOT_DIGITS, pos),))
    nik = "".join(digits)
    if not nik:
        return NikResult(None, (NikIssue(NikProblem.EMPTY),))
    if len(nik) != NIK_LENGTH:
        return NikResult(None, (NikIssue(NikProblem.WRONG_LENGTH, len(nik)),))

    problems: list[NikIssue] = []
    province = int(nik[0:2])
    if province not in PROVINCE_CODES:
        problems.append(NikIssue(NikProblem.BAD_PROVINCE, province))

    day_field, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = _sex_from_day(day_field)
    day = day_field - _FEMALE_DAY_OFFSET if sex is Sex.FEMALE else day_field
    birth: date | None = None
    if not 1 <= month <= 12:
        problems.append(NikIssue(NikProblem.BAD_MONTH, month))
        if sex is None:
            problems.append(NikIssue(NikProblem.BAD_DAY, day_field))
    else:
        year = _resolve_year(yy, month, day, today)
        if sex is not None and day <= calendar.monthrange(year, month)[1]:
            birth = date(year, month, day)
        else:
            problems.append(NikIssue(NikProblem.BAD_DAY, day_field))

    serial = int(nik[12:16])
    if serial == 0:
        problems.append(NikIssue(NikProblem.ZERO_SERIAL))
    info = NikInfo(nik, nik[0:2], nik[0:4], nik[0:6], birth, sex, serial)
    return NikResult(info, tuple(problems))


def compare_nik(
    info: NikInfo, *, birth_date: date | None, sex: Sex | None
) -> tuple[NikMismatch, ...]:
    """Warnings where the NIK disagrees with the entered birth date or sex; unknowns skipped."""
    mismatches: list[NikMismatch] = []
    nik_birth = info.birth_date
    # The NIK holds only YY: compare the year modulo 100 so the century guess never matters.
    if (
        birth_date is not None
        and nik_birth is not None
        and (nik_birth.day, nik_birth.month, nik_birth.year % 100)
        != (birth_date.day, birth_date.month, birth_date.year % 100)
    ):
        mismatches.append(NikMismatch.BIRTH_DATE)
    if sex is not None and info.sex is not None and sex is not info.sex:
        mismatches.append(NikMismatch.SEX)
    return tuple(mismatches)


def _sex_from_day(day_field: int) -> Sex | None:
    if 1 <= day_field <= 31:
        return Sex.MALE
    if 1 + _FEMALE_DAY_OFFSET <= day_field <= 31 + _FEMALE_DAY_OFFSET:
        return Sex.FEMALE
    return None


def _resolve_year(yy: int, month: int, day: int, today: date) -> int:
    """The latest year ending in `yy` whose (month, day) is not after `today`."""
    year = today.year - (today.year - yy) % 100
    if year == today.year and (month, day) > (today.month, today.day):
        year -= 100
    return year

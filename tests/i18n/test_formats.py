"""Dates, numbers and ages in Indonesian and English, and the typed forms read back."""

import math
from datetime import UTC, date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_desktop.i18n import (
    age_text,
    age_text_on,
    decimal_mark,
    format_date,
    format_date_short,
    format_decimal,
    format_month,
    format_quantity,
    install,
    month_name,
    parse_date,
    parse_decimal,
    weekday_name,
)

MONDAY = date(2026, 11, 23)

# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "indonesian", "english"),
    [
        (1, "Januari", "January"),
        (2, "Februari", "February"),
        (3, "Maret", "March"),
        (4, "April", "April"),
        (5, "Mei", "May"),
        (6, "Juni", "June"),
        (7, "Juli", "July"),
        (8, "Agustus", "August"),
        (9, "September", "September"),
        (10, "Oktober", "October"),
        (11, "November", "November"),
        (12, "Desember", "December"),
    ],
)
def test_month_names(month, indonesian, english):
    assert month_name(month) == month_name(month, "id") == indonesian
    assert month_name(month, "en") == english


@pytest.mark.parametrize(
    ("offset", "indonesian", "english"),
    [
        (0, "Senin", "Monday"),
        (1, "Selasa", "Tuesday"),
        (2, "Rabu", "Wednesday"),
        (3, "Kamis", "Thursday"),
        (4, "Jumat", "Friday"),
        (5, "Sabtu", "Saturday"),
        (6, "Minggu", "Sunday"),
    ],
)
def test_day_names(offset, indonesian, english):
    day = MONDAY + timedelta(days=offset)
    assert weekday_name(day.weekday()) == indonesian
    assert weekday_name(day.weekday(), "en") == english
    assert format_date(day, weekday=True).startswith(indonesian + ", ")


@pytest.mark.parametrize(("number", "name"), [(0, month_name), (13, month_name), (7, weekday_name)])
def test_names_refuse_numbers_out_of_range(number, name):
    with pytest.raises(ValueError):
        name(number)


def test_dates_in_words():
    assert format_date(MONDAY) == "23 November 2026"
    assert format_date(date(2026, 8, 17), "id") == "17 Agustus 2026"
    assert format_date(date(2026, 8, 17), "en") == "17 August 2026"
    assert format_date(MONDAY, weekday=True) == "Senin, 23 November 2026"
    assert format_date(MONDAY, "en", weekday=True) == "Monday, 23 November 2026"
    assert format_month(2026, 5) == "Mei 2026"
    assert format_month(2026, 5, "en") == "May 2026"


def test_dates_follow_the_ui_language():
    install("en")
    assert format_date(date(2026, 5, 1)) == "1 May 2026"
    assert format_decimal(12.5) == "12.5"
    assert age_text(400) == "1 year 1 month"


def test_short_dates():
    assert format_date_short(MONDAY) == "23/11/2026"
    assert format_date_short(date(2026, 1, 5)) == "05/01/2026"
    assert format_date_short(date(987, 1, 5)) == "05/01/0987"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23/11/2026", MONDAY),
        ("5/1/2026", date(2026, 1, 5)),
        (" 05-01-2026 ", date(2026, 1, 5)),
        ("05.01.2026", date(2026, 1, 5)),
        ("2026-11-23", MONDAY),
        ("29/02/2024", date(2024, 2, 29)),
        ("29/02/2026", None),  # not a leap year
        ("31/04/2026", None),
        ("23/13/2026", None),
        ("00/01/2026", None),
        ("23/11/26", None),  # which century?
        ("23/11-2026", None),  # mixed separators
        ("2026/11/23", None),
        ("23 November 2026", None),
        ("", None),
        ("23/11/2026x", None),
        ("٢٣/١١/٢٠٢٦", None),  # only ASCII digits
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@given(st.dates(min_value=date(1000, 1, 1)))
def test_short_dates_read_back(day):
    assert parse_date(format_date_short(day)) == day


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "indonesian", "english"),
    [
        (12.5, 1, "12,5", "12.5"),
        (12.25, 2, "12,25", "12.25"),
        (-2.345, 2, "-2,35", "-2.35"),
        (3250, 0, "3250", "3250"),  # no thousands separator
        (1234.5, 1, "1234,5", "1234.5"),
        (-0.04, 1, "0,0", "0.0"),  # no "-0,0"
        (0.0, 2, "0,00", "0.00"),
    ],
)
def test_decimals(value, decimals, indonesian, english):
    assert format_decimal(value, decimals) == format_decimal(value, decimals, "id") == indonesian
    assert format_decimal(value, decimals, "en") == english


def test_quantities_and_decimal_marks():
    assert format_quantity(12.5, "kg") == "12,5 kg"
    assert format_quantity(87.25, "cm", 2, "en") == "87.25 cm"
    assert (decimal_mark(), decimal_mark("id-ID"), decimal_mark("en"), decimal_mark("fr")) == (
        ",",
        ",",
        ".",
        ".",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        (" 12,5 ", 12.5),
        ("12", 12.0),
        ("0,75", 0.75),
        (",5", 0.5),
        (".5", 0.5),
        ("12,", 12.0),
        ("-0,3", -0.3),
        ("+1.5", 1.5),
        ("\u22122,1", -2.1),  # the minus sign of a pasted z-score
        ("1.234", 1.234),  # one mark: a decimal point, whatever the language
        ("1.234,5", None),  # thousands separators: ambiguous
        ("1,234.5", None),
        ("1.234.567", None),
        ("1,2,3", None),
        ("1 234", None),
        ("12,5 kg", None),
        ("", None),
        (",", None),
        ("-", None),
        ("--1", None),
        ("1e3", None),
        ("nan", None),
        ("inf", None),
        ("١٢", None),  # only ASCII digits
    ],
)
def test_parse_decimal(text, expected):
    assert parse_decimal(text) == expected


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["id", "en"]),
)
def test_decimals_read_back(value, decimals, lang):
    parsed = parse_decimal(format_decimal(value, decimals, lang))
    assert parsed is not None
    assert math.isclose(parsed, value, abs_tol=0.5 * 10**-decimals + 1e-9)


# --- ages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "indonesian", "english"),
    [
        (0, "0 hari", "0 days"),
        (1, "1 hari", "1 day"),
        (12, "12 hari", "12 days"),
        (30, "30 hari", "30 days"),
        (31, "1 bulan", "1 month"),  # 30.4375 days: a month is complete on day 31
        (32, "1 bulan 1 hari", "1 month 1 day"),
        (104, "3 bulan 12 hari", "3 months 12 days"),
        (365, "11 bulan 30 hari", "11 months 30 days"),
        (366, "1 tahun", "1 year"),
        (457, "1 tahun 3 bulan", "1 year 3 months"),
        (731, "2 tahun", "2 years"),
        (1856, "5 tahun", "5 years"),
        (1857, "5 tahun 1 bulan", "5 years 1 month"),
    ],
)
def test_age_in_days(days, indonesian, english):
    assert age_text(days) == indonesian
    assert age_text(days, "en") == english


@given(st.integers(min_value=0, max_value=20 * 366))
def test_age_parts_stay_in_range(days):
    words = age_text(days).split()
    numbers = dict(zip(words[1::2], map(int, words[::2]), strict=True))
    assert set(numbers) <= {"tahun", "bulan", "hari"}
    assert 0 < numbers.get("bulan", 1) < 12
    assert 0 <= numbers.get("hari", 0) <= 30
    assert not {"tahun", "hari"} <= set(numbers)


@pytest.mark.parametrize(
    ("birth", "on", "indonesian", "english"),
    [
        (date(2026, 11, 23), date(2026, 11, 23), "0 hari", "0 days"),
        (date(2025, 1, 31), date(2025, 2, 27), "27 hari", "27 days"),
        (date(2025, 1, 31), date(2025, 2, 28), "1 bulan", "1 month"),  # Permenkes: month end
        (date(2025, 1, 31), date(2025, 3, 1), "1 bulan 1 hari", "1 month 1 day"),
        (date(2026, 8, 11), MONDAY, "3 bulan 12 hari", "3 months 12 days"),
        (date(2025, 8, 20), MONDAY, "1 tahun 3 bulan", "1 year 3 months"),
        (date(2024, 2, 29), date(2025, 2, 28), "1 tahun", "1 year"),
    ],
)
def test_age_on_a_date(birth, on, indonesian, english):
    assert age_text_on(birth, on) == indonesian
    assert age_text_on(birth, on, "en") == english


def test_ages_refuse_negative_ages():
    with pytest.raises(ValueError):
        age_text(-1)
    with pytest.raises(ValueError):
        age_text_on(MONDAY, MONDAY - timedelta(days=1))


def test_one_way_each_for_rt_rw_time_and_weight() -> None:
    from datetime import datetime

    from posyandu_desktop.i18n import format_rt_rw, format_time, format_weight

    assert format_rt_rw(3, 5) == "003/005"
    assert format_rt_rw(3, None) == "003/-"
    assert format_rt_rw(None, None) == ""
    moment = datetime(2026, 11, 13, 8, 5).astimezone()
    assert format_time(moment, "id") == "08.05" and format_time(moment, "en") == "08:05"
    assert format_time(moment.astimezone(UTC), "id") == "08.05"  # shown in local time
    assert format_weight(9.1, "id") == "9,1" and format_weight(9.05, "id") == "9,05"
    assert format_weight(12.3, "en") == "12.3"


def test_an_age_in_months_is_written_like_any_age() -> None:
    from posyandu_desktop.i18n import age_text_months

    assert age_text_months(44, "id") == "3 tahun 8 bulan"
    assert age_text_months(6, "id") == "6 bulan" and age_text_months(24, "en") == "2 years"

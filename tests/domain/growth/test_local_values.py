"""Indonesian spreadsheet numbers, dates and column names: read exactly or refused."""

import contextlib
import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_desktop.domain.growth.anthro_input import (
    HeaderProblem,
    RowProblem,
    normalise_name,
    parse_row,
    resolve_header,
)
from posyandu_desktop.domain.growth.local_values import parse_date, parse_decimal


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("12,5", ",", 12.5),
        ("12.5", ",", 12.5),  # the other mark, when it cannot be a thousands group
        ("12.5", ".", 12.5),
        ("12,5", ".", 12.5),
        (" 7 ", ".", 7.0),
        ("", ".", None),
        ("1e308", ".", 1e308),
    ],
)
def test_decimals(text: str, decimal: str, value: float | None) -> None:
    assert parse_decimal(text, decimal) == value


@pytest.mark.parametrize(
    ("text", "decimal"),
    [
        ("9.600", ","),
        ("9,600", "."),
        ("1.234,5", ","),
        ("1,2,3", "."),
        ("nan", "."),
        ("inf", "."),
        ("1_5", "."),
        ("1e999", "."),
        ("12 kg", "."),
        ("--1", "."),
    ],
)
def test_numbers_that_are_refused(text: str, decimal: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text, decimal)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-03-01", date(2025, 3, 1)),
        ("01/03/2025", date(2025, 3, 1)),
        ("1-3-2025", date(2025, 3, 1)),
        ("01.03.2025", date(2025, 3, 1)),
        ("1/3/2025 00:00:00", date(2025, 3, 1)),
        ("45717", date(2025, 3, 1)),  # Excel serial
        ("45717,0", date(2025, 3, 1)),
        ("61", date(1900, 3, 1)),
        ("", None),
    ],
)
def test_dates(text: str, day: date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "01/15/2025",
        "31/02/2024",
        "1/3/25",
        "60",
        "45717.5",
        "2025/03/01",
        "kemarin",
        "01/03/2025x",
        "3000000",
    ],
)
def test_dates_that_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_header_names_and_aliases() -> None:
    assert normalise_name(" Tgl Lahir ") == "tgl_lahir" and normalise_name("BB (kg)") == "bb_kg"
    positions, problems = resolve_header(["No", "JK", "Tgl Lahir", "Tanggal Pengukuran", "Berat"])
    assert problems == []
    assert positions == {"sex": 1, "birth_date": 2, "visit_date": 3, "weight": 4}
    _, problems = resolve_header(["sex", "tb", "pb", "Sex"])
    assert (HeaderProblem.DUPLICATE, ["sex", "Sex"]) in problems
    assert (HeaderProblem.AMBIGUOUS, ["tb", "pb"]) in problems


def test_row_values_beyond_limits() -> None:
    parsed = parse_row({"sex": "1", "age_days": "300", "weight": "9600", "lenhei": "1e7"})
    assert (RowProblem.IMPLAUSIBLE, "weight") in parsed.problems
    assert (RowProblem.ABSURD, "lenhei") in parsed.problems
    assert parsed.measurements.weight_kg == 9600 and parsed.measurements.lenhei_cm is None


@given(st.text(max_size=20), st.sampled_from([".", ","]))
def test_any_text_is_a_number_or_a_value_error(text: str, decimal: str) -> None:
    try:
        value = parse_decimal(text, decimal)
    except ValueError:
        return
    assert value is None or math.isfinite(value)


@given(st.text(max_size=24))
def test_any_text_is_a_date_or_a_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        assert isinstance(parse_date(text), date | None)

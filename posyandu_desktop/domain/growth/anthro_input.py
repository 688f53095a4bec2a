"""Reading one row of a WHO `anthro`-style table (text cells) into `Measurements`.

Column names are those of WHO's `anthro` package. Nothing here raises: whatever cannot be read
is reported as a `RowProblem` with its column, and the rest of the row is still used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from posyandu_desktop.domain.growth.zscore import Measurements, Position
from posyandu_desktop.domain.people import Age, parse_sex


class RowProblem(StrEnum):
    """Why a cell of an input row could not be read as written."""

    SEX_UNKNOWN = "sex_unknown"
    AGE_MISSING = "age_missing"
    AGE_NOT_A_NUMBER = "age_not_a_number"
    AGE_NEGATIVE = "age_negative"
    DATE_INVALID = "date_invalid"
    VISIT_BEFORE_BIRTH = "visit_before_birth"
    NOT_A_NUMBER = "not_a_number"
    MEASURE_UNKNOWN = "measure_unknown"
    OEDEMA_UNKNOWN = "oedema_unknown"
    EXTRA_CELLS = "extra_cells"


class ParsedRow(NamedTuple):
    measurements: Measurements
    problems: tuple[tuple[RowProblem, str], ...]  # (problem, column)


_NUMBER_COLUMNS = ("weight", "lenhei", "headc", "armc", "triskin", "subskin")
_MEASURES = {"l": Position.LYING, "h": Position.STANDING}
_OEDEMA = {"y": True, "1": True, "n": False, "2": False, "": False}


def parse_number(text: str) -> float | None:
    """A decimal with a point or a comma ("12,5"); None when blank; ValueError when not a finite
    number."""
    text = text.strip()
    if not text:
        return None
    if "_" in text:  # float() would read "1_5" as 15
        raise ValueError(text)
    value = float(text.replace(",", "."))
    if not math.isfinite(value):  # "nan", "inf": not a measurement
        raise ValueError(text)
    return value


def _parse_age(row: Mapping[str, str], problems: list[tuple[RowProblem, str]]) -> Age | None:
    for column, make in (("age_days", Age.from_days), ("age_months", Age.from_months)):
        text = row.get(column, "").strip()
        if text:
            try:
                value = parse_number(text)
            except ValueError:
                problems.append((RowProblem.AGE_NOT_A_NUMBER, column))
                return None
            age = make(value) if value is not None else None
            if age is None:
                problems.append((RowProblem.AGE_NEGATIVE, column))
            return age
    birth_text, visit_text = row.get("birth_date", "").strip(), row.get("visit_date", "").strip()
    if not birth_text and not visit_text:
        problems.append((RowProblem.AGE_MISSING, "age_days"))
        return None
    try:
        birth, visit = date.fromisoformat(birth_text), date.fromisoformat(visit_text)
    except ValueError:
        problems.append((RowProblem.DATE_INVALID, "birth_date" if birth_text else "visit_date"))
        return None
    age = Age.between(birth, visit)
    if age is None:
        problems.append((RowProblem.VISIT_BEFORE_BIRTH, "visit_date"))
    return age


def parse_row(row: Mapping[str, str]) -> ParsedRow:
    """Read one input row into measurements, collecting what could not be read."""
    problems: list[tuple[RowProblem, str]] = []
    sex_text = row.get("sex", "")
    sex = parse_sex(sex_text)
    if sex is None:
        problems.append((RowProblem.SEX_UNKNOWN, "sex"))
    age = _parse_age(row, problems)
    values: dict[str, float | None] = {}
    for column in _NUMBER_COLUMNS:
        try:
            values[column] = parse_number(row.get(column, ""))
        except ValueError:
            values[column] = None
            problems.append((RowProblem.NOT_A_NUMBER, column))
    measure_text = row.get("measure", "").strip().lower()
    position = _MEASURES.get(measure_text)
    if measure_text and position is None:
        problems.append((RowProblem.MEASURE_UNKNOWN, "measure"))
    oedema_text = row.get("oedema", "").strip().lower()
    oedema = _OEDEMA.get(oedema_text)
    if oedema is None:
        problems.append((RowProblem.OEDEMA_UNKNOWN, "oedema"))
    measurements = Measurements(
        sex=sex,
        age=age,
        weight_kg=values["weight"],
        lenhei_cm=values["lenhei"],
        position=position,
        headc_cm=values["headc"],
        armc_cm=values["armc"],
        triskin_mm=values["triskin"],
        subskin_mm=values["subskin"],
        oedema=bool(oedema),
    )
    return ParsedRow(measurements, tuple(problems))

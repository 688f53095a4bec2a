"""Reading one row of a WHO `anthro`-style table (text cells) into `Measurements`.

Column names are those of WHO's `anthro` package, or their Indonesian aliases (`COLUMN_ALIASES`).
Nothing here raises: whatever cannot be read is reported as a `RowProblem` with its column, and
the rest of the row is still used. A value no child can have is kept but reported (`IMPLAUSIBLE`,
its z-scores are flagged), a magnitude that is no measurement at all is dropped (`ABSURD`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from posyandu_desktop.domain.growth.local_values import parse_date, parse_decimal
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
    CELL_COUNT = "cell_count"  # more or fewer cells than the header: the row is not scored
    IMPLAUSIBLE = "implausible"  # beyond PHYSICAL_LIMITS: z kept, flagged, no category
    ABSURD = "absurd"  # beyond ABSURD_LIMITS: no z
    BEYOND_WHO_LIMITS = "beyond_who_limits"  # a z beyond WHO's flag limits: no category


class HeaderProblem(StrEnum):
    """Why a header row is refused: a column would be read from the wrong cells."""

    DUPLICATE = "duplicate"  # the same name twice
    AMBIGUOUS = "ambiguous"  # two names meaning the same input (e.g. `tb` and `pb`)


class ParsedRow(NamedTuple):
    measurements: Measurements
    problems: tuple[tuple[RowProblem, str], ...]  # (problem, column)


# Indonesian names (Buku KIA, register columns, the e-PPGBM "data pengukuran" export) for the
# WHO `anthro` columns; matched after `normalise_name` (lower case, words joined by `_`).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "sex": ("jk", "jenis_kelamin", "kelamin", "l_p", "gender"),
    "age_days": ("umur_hari", "usia_hari"),
    "age_months": ("umur_bulan", "usia_bulan", "umur_bln", "usia_bln"),
    "birth_date": ("tgl_lahir", "tanggal_lahir", "tgllahir"),
    "visit_date": (
        "tgl_ukur",
        "tanggal_ukur",
        "tgl_pengukuran",
        "tanggal_pengukuran",
        "tgl_timbang",
        "tanggal_penimbangan",
    ),
    "weight": ("bb", "berat", "berat_badan", "bb_kg"),
    "lenhei": ("tb", "pb", "tb_pb", "pb_tb", "tinggi", "panjang", "tinggi_badan", "panjang_badan"),
    "measure": ("cara_ukur", "posisi", "posisi_ukur"),
    "headc": ("lk", "lingkar_kepala"),
    "armc": ("lila", "lingkar_lengan_atas"),
    "triskin": ("lipatan_kulit_trisep",),
    "subskin": ("lipatan_kulit_subskapula",),
    "oedema": ("edema",),
}
_CANONICAL = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
_CANONICAL.update((name, name) for name in COLUMN_ALIASES)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """`Tgl Lahir`, `tgl-lahir`, ` TGL_LAHIR ` -> `tgl_lahir`; `BB (kg)` -> `bb_kg`."""
    return _NON_WORD.sub("_", name.strip().lower()).strip("_")


def resolve_header(
    header: Sequence[str],
) -> tuple[dict[str, int], list[tuple[HeaderProblem, list[str]]]]:
    """Which cell holds each input column, and the problems that make the header unsafe: the
    same name twice, or two names for one input column."""
    positions: dict[str, int] = {}
    by_column: dict[str, list[str]] = {}
    problems: list[tuple[HeaderProblem, list[str]]] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(header):
        name = normalise_name(raw)
        if not name:
            continue
        if name in seen:
            problems.append((HeaderProblem.DUPLICATE, [seen[name], raw.strip()]))
            continue
        seen[name] = raw.strip()
        column = _CANONICAL.get(name)
        if column is not None:
            positions.setdefault(column, i)
            by_column.setdefault(column, []).append(raw.strip())
    problems += [(HeaderProblem.AMBIGUOUS, names) for names in by_column.values() if len(names) > 1]
    return positions, problems


# Values no child or adolescent can have (the services' hard limits for the same quantities,
# skinfolds from the WHO 2007 tables' range with a wide margin); see docs/DECISIONS.md. A value
# outside is kept and its z-scores flagged: often it is grams typed for kilograms.
PHYSICAL_LIMITS: dict[str, tuple[float, float]] = {
    "weight": (0.3, 250.0),
    "lenhei": (20.0, 230.0),
    "headc": (15.0, 70.0),
    "armc": (5.0, 60.0),
    "triskin": (1.0, 60.0),
    "subskin": (1.0, 60.0),
}
# Beyond these no z-score is computed at all: no unit slip reaches them (grams of a 120 kg
# adolescent are 1.2e5), only typing accidents and overflows.
ABSURD_LIMITS = (1e-3, 1e6)
_NUMBER_COLUMNS = tuple(PHYSICAL_LIMITS)
_MEASURES = {
    "l": Position.LYING,
    "h": Position.STANDING,
    "terlentang": Position.LYING,
    "telentang": Position.LYING,
    "berbaring": Position.LYING,
    "berdiri": Position.STANDING,
}
_OEDEMA = {"y": True, "1": True, "ya": True, "n": False, "2": False, "tidak": False, "": False}


def _parse_age(
    row: Mapping[str, str], decimal: str, problems: list[tuple[RowProblem, str]]
) -> Age | None:
    for column, make in (("age_days", Age.from_days), ("age_months", Age.from_months)):
        text = row.get(column, "").strip()
        if text:
            try:
                value = parse_decimal(text, decimal)
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
    dates = []
    for column, text in (("birth_date", birth_text), ("visit_date", visit_text)):
        try:
            dates.append(parse_date(text))
        except ValueError:
            dates.append(None)
            problems.append((RowProblem.DATE_INVALID, column))
    birth, visit = dates
    if birth is None or visit is None:
        if not birth_text or not visit_text:
            problems.append((RowProblem.DATE_INVALID, "visit_date" if birth else "birth_date"))
        return None
    age = Age.between(birth, visit)
    if age is None:
        problems.append((RowProblem.VISIT_BEFORE_BIRTH, "visit_date"))
    return age


def _measure(
    column: str, text: str, decimal: str, problems: list[tuple[RowProblem, str]]
) -> float | None:
    try:
        value = parse_decimal(text, decimal)
    except ValueError:
        problems.append((RowProblem.NOT_A_NUMBER, column))
        return None
    if value is None or value <= 0.0:
        return value  # zero and negative: the engine says why
    absurd_low, absurd_high = ABSURD_LIMITS
    if not absurd_low <= value <= absurd_high:
        problems.append((RowProblem.ABSURD, column))
        return None
    low, high = PHYSICAL_LIMITS[column]
    if not low <= value <= high:
        problems.append((RowProblem.IMPLAUSIBLE, column))
    return value


def parse_row(row: Mapping[str, str], decimal: str = ".") -> ParsedRow:
    """Read one input row (cells by WHO `anthro` column name) into measurements, collecting what
    could not be read. `decimal` is the file's decimal mark."""
    problems: list[tuple[RowProblem, str]] = []
    sex = parse_sex(row.get("sex", ""))
    if sex is None:
        problems.append((RowProblem.SEX_UNKNOWN, "sex"))
    age = _parse_age(row, decimal, problems)
    values = {c: _measure(c, row.get(c, ""), decimal, problems) for c in _NUMBER_COLUMNS}
    measure_text = row.get("measure", "").strip().lower()
    position = _MEASURES.get(measure_text)
    if measure_text and position is None:
        problems.append((RowProblem.MEASURE_UNKNOWN, "measure"))
    oedema = _OEDEMA.get(row.get("oedema", "").strip().lower())
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

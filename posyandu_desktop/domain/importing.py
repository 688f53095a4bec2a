"""Bringing in the records a Posyandu already has: rows of an e-PPGBM export or of its own
register, grouped into children, matched to the registry, checked against e-PPGBM's z-scores.

Pure rules, no files or SQL (docs/sources/eppgbm-export.md for the columns and their quirks):
- a column is found by its e-PPGBM or register name (`FIELD_ALIASES`, after `normalise_name`),
  or by a mapping {our field: their column} for a register with other names;
- a NIK counts only when it has 16 digits: short or masked ones are kept out of matching;
- `Berat` over 100 is grams (the rule the public e-PPGBM parsers use);
- matching: by NIK; else by mother's NIK + birth date + sex + name (twins share the first three
  and stay apart); else name + birth date + sex is only a candidate to confirm, never merged;
  the same NIK with another name or birth date is a conflict, never merged.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from posyandu_desktop.domain.growth.anthro_input import COLUMN_ALIASES, normalise_name
from posyandu_desktop.domain.growth.local_values import parse_date, parse_decimal
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.people import Sex, parse_sex

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "nik_anak", "no_nik", "ktp"),
    "name": ("nama", "nama_anak", "nama_balita", "name"),
    "sex": ("sex", *COLUMN_ALIASES["sex"]),
    "birth_date": ("birth_date", *COLUMN_ALIASES["birth_date"]),
    "mother_nik": ("nik_ibu", "nik_ortu", "mother_nik"),
    "parent_name": ("nama_ortu", "nama_ibu", "nama_orang_tua"),
    "birth_weight": ("bb_lahir", "berat_lahir"),
    "birth_length": ("tb_lahir", "pb_lahir", "panjang_lahir"),
    "measured_on": ("visit_date", *COLUMN_ALIASES["visit_date"]),
    "weight": ("weight", *COLUMN_ALIASES["weight"]),
    "lenhei": ("lenhei", *COLUMN_ALIASES["lenhei"]),
    "measure": ("measure", *COLUMN_ALIASES["measure"]),
    "armc": ("armc", *COLUMN_ALIASES["armc"]),
    "their_waz": ("zs_bb_u",),
    "their_haz": ("zs_tb_u",),
    "their_whz": ("zs_bb_tb",),
}
_BY_ALIAS = {alias: f for f, aliases in FIELD_ALIASES.items() for alias in aliases}
_POSITIONS = {
    "terlentang": Position.LYING,
    "telentang": Position.LYING,
    "berbaring": Position.LYING,
    "l": Position.LYING,
    "berdiri": Position.STANDING,
    "h": Position.STANDING,
}
_NIK = re.compile(r"\d{16}")
# e-PPGBM's z-score columns, as `FileRow.theirs` names them.
_THEIRS = ("waz", "haz", "whz")
_THEIRS_FROM = ("their_waz", "their_haz", "their_whz")
GRAMS_ABOVE = 100.0  # a child's weight in kilograms never reaches this; grams always do
# WHO measures length lying under 24 months and height standing from 24 months on; a child
# measured the other way gets 0.7 cm added or taken off (docs/sources/who-zscores.md).
LYING_BELOW_MONTHS = 24


class FileProblem(StrEnum):
    """Why a file cannot be imported at all."""

    UNREADABLE = "unreadable"  # not a table we read (the detail says why)
    BAD_MAPPING = "bad_mapping"  # the mapping names a field or a column that does not exist
    MISSING_COLUMNS = "missing_columns"  # name, sex, birth date, date or a measurement missing
    NO_CADRE = "no_cadre"  # nobody to enter the measurements: add the coordinator first
    BACKUP_FAILED = "backup_failed"  # no import without the backup before it
    NOT_SAVED = "not_saved"  # the registry refused the write (disk full, ...): nothing changed


REQUIRED = ("name", "sex", "birth_date", "measured_on")
MEASURED = ("weight", "lenhei", "armc")
# The e-PPGBM column a missing field is named by.
EPPGBM_NAMES = {
    "name": "Nama",
    "sex": "JK",
    "birth_date": "Tgl Lahir",
    "measured_on": "Tanggal Pengukuran",
    "weight": "Berat",
    "lenhei": "Tinggi",
    "armc": "LiLA",
}


class RowProblem(StrEnum):
    """Why a row of the file brings no measurement in."""

    NO_NAME = "no_name"
    SEX_UNKNOWN = "sex_unknown"
    BIRTH_DATE_INVALID = "birth_date_invalid"
    DATE_INVALID = "date_invalid"
    NOT_A_NUMBER = "not_a_number"
    MEASURE_UNKNOWN = "measure_unknown"
    NOTHING_MEASURED = "nothing_measured"
    BEFORE_BIRTH = "before_birth"
    IN_FUTURE = "in_future"
    OUT_OF_RANGE = "out_of_range"
    SAME_DAY_TWICE = "same_day_twice"
    CONFLICT = "conflict"
    TO_CONFIRM = "to_confirm"


class MatchKind(StrEnum):
    NEW = "new"
    NIK = "nik"  # same NIK, name and birth date
    MOTHER = "mother"  # same mother's NIK, birth date, sex and name
    HISTORY = "history"  # same name, birth date and sex, and measured on a day of the file
    TO_CONFIRM = "to_confirm"  # same name, birth date and sex only: a person decides
    CONFLICT = "conflict"  # same NIK, another name or birth date


class Difference(StrEnum):
    """Why our z-score differs from e-PPGBM's, when we can tell."""

    POSITION = "position"  # measured lying/standing against the age rule: 0.7 cm correction
    GRAMS = "grams"  # the file's weight was in grams
    NOT_SCORED = "not_scored"  # we give no z-score (implausible value or outside the tables)
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class FileRow:
    """One line of the file as read; `problems` say why it brings nothing in."""

    line: int
    name: str
    nik: str | None
    nik_given: bool  # a NIK was written, perhaps short or masked
    sex: Sex | None
    birth_date: date | None
    mother_nik: str | None
    birth_weight_kg: float | None
    birth_length_cm: float | None
    measured_on: date | None
    weight_kg: float | None
    lenhei_cm: float | None
    position: Position | None
    lila_cm: float | None
    grams: bool
    theirs: dict[str, float]  # "waz", "haz", "whz": e-PPGBM's own z-scores
    problems: tuple[RowProblem, ...]


def distinct_header(header: Sequence[str]) -> list[str]:
    """The column names with a name that the file repeats numbered, "BB (1)", "BB (2)", so that
    a mapping can name either (a register often has "BB" for the birth weight and again for the
    weighing); a numbered name is no known name, so neither column is taken for a field unasked."""
    keys = [normalise_name(h) for h in header]
    repeated = {k for k in keys if k and keys.count(k) > 1}
    seen: dict[str, int] = {}
    names = []
    for name, key in zip(header, keys, strict=True):
        if key in repeated:
            seen[key] = seen.get(key, 0) + 1
        names.append(f"{name} ({seen[key]})" if key in repeated else name)
    return names


def resolve_columns(
    header: Sequence[str], mapping: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Which cell holds each of our fields: `mapping` ({field: their column name, as
    `distinct_header` names it}) first, then the known names. Unknown fields in `mapping` raise
    KeyError; a missing column ValueError."""
    names = [normalise_name(h) for h in distinct_header(header)]
    positions: dict[str, int] = {}
    for ours, theirs in (mapping or {}).items():
        if ours not in FIELD_ALIASES:
            raise KeyError(ours)
        if normalise_name(theirs) not in names:
            raise ValueError(theirs)
        positions[ours] = names.index(normalise_name(theirs))
    for i, name in enumerate(names):
        known = _BY_ALIAS.get(name)
        if known is not None and i not in positions.values():
            positions.setdefault(known, i)
    return positions


def _nik(text: str) -> tuple[str | None, bool]:
    digits = re.sub(r"[\s'.-]", "", text)  # Excel's leading apostrophe, spaced groups
    return (digits if _NIK.fullmatch(digits) else None), bool(text.strip())


def row_reader(columns: Mapping[str, int], decimal: str) -> Callable[[int, Sequence[str]], FileRow]:
    """`read_row` for every line of one file: each distinct text of its cells is read once."""
    return _RowReader(dict(columns), decimal).read


def read_row(line: int, cells: Sequence[str], columns: Mapping[str, int], decimal: str) -> FileRow:
    """One line of the file; whatever cannot be read is named in `problems`."""
    return row_reader(columns, decimal)(line, cells)


# Where `read_row` reads each field: a child's fields, the same on each of their rows, then the
# fields of one measurement, then e-PPGBM's z-scores.
_CHILD_FIELDS = ("name", "nik", "sex", "birth_date", "mother_nik", "birth_weight", "birth_length")
_FIELDS = (*_CHILD_FIELDS, "measured_on", "weight", "lenhei", "armc", "measure", *_THEIRS_FROM)
_CACHE_LIMIT = 100_000  # distinct texts kept by one reader: a few MB however large the file
_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """A dict that reads a missing key with `read` and keeps what it read."""

    def __init__(self, read: Callable[[_K], _V]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, key: _K) -> _V:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        value = self[key] = self.read(key)
        return value


@dataclass(frozen=True, slots=True)
class _Child:
    """What a child's cells say, with the problems they give a row (`read_row`'s order)."""

    name: str
    nik: str | None
    nik_given: bool
    sex: Sex | None
    birth_date: date | None
    mother_nik: str | None
    birth_weight_kg: float | None
    birth_length_cm: float | None
    problems: tuple[RowProblem, ...]  # name, sex and birth date
    bad_birth_weight: bool
    bad_birth_length: bool


class _RowReader:
    """`read_row` for one file's columns and decimal mark: the cells by position, and each
    distinct text read once (a child's cells are the same on each of their rows; an export
    holds few distinct dates and numbers)."""

    def __init__(self, columns: dict[str, int], decimal: str) -> None:
        self.decimal = decimal
        # A field without a column, or past the end of a short row, reads a blank cell added
        # after the last one read.
        present = [columns[f] for f in _FIELDS if f in columns]
        self.blank = max(present, default=-1) + 1
        self.padded = len(present) < len(_FIELDS)
        at = [columns.get(f, self.blank) for f in _FIELDS]
        self.child_cells = operator.itemgetter(*at[: len(_CHILD_FIELDS)])
        self.visit_cells = operator.itemgetter(*at[len(_CHILD_FIELDS) :])
        self.children: _Memo[tuple[str, ...], _Child] = _Memo(lambda key: self._child(*key))
        self.numbers: _Memo[str, tuple[float | None, bool]] = _Memo(self._number)
        self.dates: _Memo[str, tuple[date | None, bool]] = _Memo(_date)
        self.positions: _Memo[str, tuple[Position | None, bool]] = _Memo(_position)

    def read(self, line: int, cells: Sequence[str]) -> FileRow:
        if self.padded or len(cells) < self.blank:
            cells = [*cells[: self.blank], *[""] * (self.blank + 1 - min(len(cells), self.blank))]
        child = self.children[self.child_cells(cells)]
        on_text, weight_text, lenhei_text, armc_text, measure_text, *theirs_texts = (
            self.visit_cells(cells)
        )
        numbers = self.numbers
        measured_on, bad_date = self.dates[on_text]
        weight, bad_weight = numbers[weight_text]
        lenhei, bad_lenhei = numbers[lenhei_text]
        lila, bad_lila = numbers[armc_text]
        position, unknown = self.positions[measure_text]
        grams = False
        if weight is not None and weight > GRAMS_ABOVE:
            weight, grams = weight / 1000.0, True
        theirs = {}
        if any(theirs_texts):
            for key, text in zip(_THEIRS, theirs_texts, strict=True):
                if (value := numbers[text][0]) is not None:
                    theirs[key] = value
        problems: tuple[RowProblem, ...] = ()
        if (
            child.problems
            or child.bad_birth_weight
            or child.bad_birth_length
            or measured_on is None
            or bad_weight
            or bad_lenhei
            or bad_lila
            or unknown
            or (weight is None and lenhei is None and lila is None)
        ):
            listed = [*child.problems]
            if bad_date:
                listed.append(RowProblem.DATE_INVALID)
            if bad_weight or child.bad_birth_weight or bad_lenhei or bad_lila:
                listed.append(RowProblem.NOT_A_NUMBER)
            if unknown:
                listed.append(RowProblem.MEASURE_UNKNOWN)
            if measured_on is None:
                listed.append(RowProblem.DATE_INVALID)
            if weight is None and lenhei is None and lila is None:
                listed.append(RowProblem.NOTHING_MEASURED)
            if child.bad_birth_length:
                listed.append(RowProblem.NOT_A_NUMBER)
            problems = tuple(dict.fromkeys(listed))
        return FileRow(
            line,
            child.name,
            child.nik,
            child.nik_given,
            child.sex,
            child.birth_date,
            child.mother_nik,
            child.birth_weight_kg,
            child.birth_length_cm,
            measured_on,
            weight,
            lenhei,
            position,
            lila,
            grams,
            theirs,
            problems,
        )

    def _number(self, text: str) -> tuple[float | None, bool]:
        """The number in a cell (None when blank) and whether it is not one."""
        try:
            return parse_decimal(text, self.decimal), False
        except ValueError:
            return None, True

    def _child(self, *texts: str) -> _Child:
        name_text, nik_text, sex_text, birth_text, mother_text, weight_text, length_text = texts
        problems = []
        name = " ".join(name_text.split())
        if not name:
            problems.append(RowProblem.NO_NAME)
        sex = parse_sex(sex_text)
        if sex is None:
            problems.append(RowProblem.SEX_UNKNOWN)
        birth = self.dates[birth_text][0]
        if birth is None:
            problems.append(RowProblem.BIRTH_DATE_INVALID)
        weight, bad_weight = self.numbers[weight_text]
        if weight is not None and weight > GRAMS_ABOVE:
            weight = weight / 1000.0
        length, bad_length = self.numbers[length_text]
        return _Child(
            name,
            *_nik(nik_text),
            sex,
            birth,
            _nik(mother_text)[0],
            weight if weight and weight > 0 else None,
            length or None,
            tuple(problems),
            bad_weight,
            bad_length,
        )


def _date(text: str) -> tuple[date | None, bool]:
    """The date in a cell (None when blank or not a date) and whether it is not one."""
    try:
        return parse_date(text), False
    except ValueError:
        return None, True


def _position(text: str) -> tuple[Position | None, bool]:
    """How the child was measured, and whether the cell says something else."""
    measure = text.strip().lower()
    position = _POSITIONS.get(measure)
    return position, bool(measure) and position is None


# --- children in the file ----------------------------------------------------------------------

ChildKey = tuple[object, ...]


@dataclass(slots=True)
class FileChild:
    """The rows of one child in the file (the first row names them)."""

    key: ChildKey
    name: str
    name_key: str
    nik: str | None
    mother_nik: str | None
    sex: Sex
    birth_date: date
    birth_weight_kg: float | None
    birth_length_cm: float | None
    rows: list[FileRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two children of the file who may be one (same name and birth date, other identity), or
    one NIK written with two names or birth dates."""

    lines: tuple[int, int]
    name: str
    same_nik: bool


def identifiable(row: FileRow) -> bool:
    """The row says who the child is (name, sex, birth date)."""
    return bool(row.name) and row.sex is not None and row.birth_date is not None


def group_children(
    rows: Iterable[FileRow], name_key: Callable[[str], str]
) -> tuple[list[FileChild], list[Duplicate]]:
    """The children of the file, by NIK, else mother's NIK + birth date + sex + name, else name +
    birth date + sex; and the pairs that look like one child entered twice."""
    children: dict[ChildKey, FileChild] = {}
    duplicates: list[Duplicate] = []
    by_name: dict[tuple[str, date], FileChild] = {}
    name_keys = _Memo(name_key)  # a child's name is on each of their rows
    for row in rows:
        if not identifiable(row):
            continue
        assert row.sex is not None and row.birth_date is not None
        key_name = name_keys[row.name]
        if row.nik:
            key: ChildKey = ("nik", row.nik)
        elif row.mother_nik:
            key = ("mother", row.mother_nik, row.birth_date, row.sex, key_name)
        else:
            key = ("name", key_name, row.birth_date, row.sex)
        child = children.get(key)
        if child is None:
            child = children[key] = FileChild(
                key,
                row.name,
                key_name,
                row.nik,
                row.mother_nik,
                row.sex,
                row.birth_date,
                row.birth_weight_kg,
                row.birth_length_cm,
            )
            other = by_name.setdefault((key_name, row.birth_date), child)
            if other is not child:
                duplicates.append(Duplicate((other.rows[0].line, row.line), row.name, False))
        elif (child.name_key, child.birth_date) != (key_name, row.birth_date):
            duplicates.append(Duplicate((child.rows[0].line, row.line), row.name, True))
        child.rows.append(row)
    return list(children.values()), duplicates


# --- matching with the registry ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Known:
    """A person already in the registry, as matching sees them."""

    id: int
    nik: str | None
    mother_nik: str | None
    name_key: str
    sex: Sex
    birth_date: date


@dataclass(frozen=True, slots=True)
class Match:
    kind: MatchKind
    person_id: int | None = None


class KnownPeople:
    """The registry's people indexed for matching."""

    def __init__(self, people: Iterable[Known]) -> None:
        self.by_nik: dict[str, Known] = {}
        self.by_mother: dict[str, list[Known]] = {}
        self.by_name: dict[tuple[str, date], list[Known]] = {}
        for p in people:
            if p.nik:
                self.by_nik[p.nik] = p
            if p.mother_nik:
                self.by_mother.setdefault(p.mother_nik, []).append(p)
            self.by_name.setdefault((p.name_key, p.birth_date), []).append(p)

    def match(self, child: FileChild, measured: Container[tuple[int, date]] = ()) -> Match:
        """Who `child` is in the registry (see the module's rules). `measured` holds (person id,
        date) of the registry's measurements: a name match measured on a day the file also
        gives is the same child brought in before (a second import of the same file)."""
        if child.nik and (same := self.by_nik.get(child.nik)) is not None:
            if (same.name_key, same.birth_date, same.sex) == (
                child.name_key,
                child.birth_date,
                child.sex,
            ):
                return Match(MatchKind.NIK, same.id)
            return Match(MatchKind.CONFLICT, same.id)

        def fits(p: Known) -> bool:  # not a person with another NIK
            return (
                p.sex is child.sex
                and p.birth_date == child.birth_date
                and not (p.nik and child.nik and p.nik != child.nik)
            )

        if child.mother_nik:
            for p in self.by_mother.get(child.mother_nik, ()):
                if fits(p) and p.name_key == child.name_key:
                    return Match(MatchKind.MOTHER, p.id)
        days = {row.measured_on for row in child.rows if row.measured_on is not None}
        for p in self.by_name.get((child.name_key, child.birth_date), ()):
            if fits(p) and any((p.id, on) in measured for on in days):
                return Match(MatchKind.HISTORY, p.id)
        for p in self.by_name.get((child.name_key, child.birth_date), ()):
            if fits(p):
                return Match(MatchKind.TO_CONFIRM, p.id)
        return Match(MatchKind.NEW)


def row_refusal(row: FileRow, birth_date: date, today: date) -> RowProblem | None:
    """Why a readable row of a matched child brings no measurement, or None."""
    if row.problems:
        return row.problems[0]
    assert row.measured_on is not None
    if row.measured_on < birth_date:
        return RowProblem.BEFORE_BIRTH
    if row.measured_on > today:
        return RowProblem.IN_FUTURE
    return None


def difference_reason(row: FileRow, age_months: int, ours: float | None) -> Difference:
    """Why our z-score of `row` may differ from e-PPGBM's."""
    if ours is None:
        return Difference.NOT_SCORED
    if row.grams:
        return Difference.GRAMS
    if row.position is not None and (row.position is Position.LYING) != (
        age_months < LYING_BELOW_MONTHS
    ):
        return Difference.POSITION
    return Difference.UNKNOWN


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A child of the file not brought in: a person must decide."""

    line: int
    name: str
    birth_date: date
    person_id: int | None  # the registry's person it may be, or collides with


@dataclass(frozen=True, slots=True)
class ZDifference:
    """A row where our z-score differs from e-PPGBM's by 0.01 or more."""

    line: int
    name: str
    indicator: str  # "waz", "haz" or "whz"
    ours: float | None
    theirs: float
    reason: Difference


@dataclass(frozen=True, slots=True)
class ImportReport:
    dry_run: bool
    rows: int
    people_new: int
    people_matched: int
    to_confirm: tuple[Unmatched, ...]
    conflicts: tuple[Unmatched, ...]
    measurements_new: int
    already_there: int
    refused: tuple[tuple[int, RowProblem], ...]  # (line, why)
    differences: tuple[ZDifference, ...]
    duplicates: tuple[Duplicate, ...]
    backup: Path | None = None  # taken before the real run

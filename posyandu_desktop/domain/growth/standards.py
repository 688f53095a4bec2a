"""The WHO LMS tables, parsed from their shipped CSV text into integer-keyed rows.

Rows are keyed by integers only: days (2006 age tables), whole months (2007 tables) and tenths of
a centimetre (weight-for-length/height), so no look-up ever depends on float equality.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

from posyandu_desktop.domain.people import Sex

Lms = tuple[float, float, float]


class WhoStandard(Enum):
    """The two WHO publications the tables belong to; the value is the file names' prefix."""

    CHILD_GROWTH_2006 = "who2006"  # WHO Child Growth Standards, 0-60 months
    GROWTH_REFERENCE_2007 = "who2007"  # WHO Growth Reference, 5-19 years


class Table(StrEnum):
    """One WHO table; the value is the shipped file's stem."""

    WFA_2006 = "who2006_wfa"
    LHFA_2006 = "who2006_lhfa"
    WFL_2006 = "who2006_wfl"
    WFH_2006 = "who2006_wfh"
    BFA_2006 = "who2006_bfa"
    HCFA_2006 = "who2006_hcfa"
    ACFA_2006 = "who2006_acfa"
    TSFA_2006 = "who2006_tsfa"
    SSFA_2006 = "who2006_ssfa"
    WFA_2007 = "who2007_wfa"
    HFA_2007 = "who2007_hfa"
    BFA_2007 = "who2007_bfa"

    @property
    def keyed_by_length(self) -> bool:
        return self in (Table.WFL_2006, Table.WFH_2006)


@dataclass(frozen=True, slots=True)
class LmsRows:
    """Contiguous rows for one sex: `rows[k - first]` is the row for integer key k."""

    first: int
    rows: tuple[Lms, ...]

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


def _key(x: str, by_length: bool) -> int:
    if by_length:
        tenths = Decimal(x) * 10
        if tenths != tenths.to_integral_value():
            raise ValueError(f"length {x} is not on a 0.1 cm row")
        return int(tenths)
    return int(x)


def parse_table(text: str, table: Table) -> dict[Sex, LmsRows]:
    """Parse one shipped CSV (`sex,x,L,M,S[,lorh]`); raise ValueError if it is not contiguous."""
    lines = text.splitlines()
    header = lines[0].split(",")
    if header[:5] != ["sex", "x", "L", "M", "S"]:
        raise ValueError(f"{table.value}: unexpected header {header}")
    by_sex: dict[Sex, list[tuple[int, Lms]]] = {Sex.MALE: [], Sex.FEMALE: []}
    for line in lines[1:]:
        if not line:
            continue
        sex_code, x, l_, m, s = line.split(",")[:5]
        by_sex[Sex(int(sex_code))].append(
            (_key(x, table.keyed_by_length), (float(l_), float(m), float(s)))
        )
    parsed: dict[Sex, LmsRows] = {}
    for sex, keyed in by_sex.items():
        keyed.sort()
        keys = [k for k, _ in keyed]
        if not keys or keys != list(range(keys[0], keys[0] + len(keys))):
            raise ValueError(f"{table.value}: rows for sex {sex.value} are not contiguous")
        parsed[sex] = LmsRows(keys[0], tuple(row for _, row in keyed))
    return parsed


_TABLES = tuple(Table)
_SLOT = {table: 2 * i for i, table in enumerate(_TABLES)}


def slot(table: Table) -> int:
    """A table's place in `GrowthStandards.rows_in_slot`: add `sex - 1` for the sex's rows.
    (Enum hashing is slow in Python 3.11; the z-score hot path indexes a list instead.)"""
    return _SLOT[table]


class GrowthStandards:
    """All WHO tables, each parsed on first use from text supplied by `read_text(stem)`."""

    def __init__(self, read_text: Callable[[str], str]) -> None:
        self._read_text = read_text
        self._slots: list[LmsRows | None] = [None] * (2 * len(_TABLES))
        self._lock = threading.Lock()

    def rows(self, table: Table, sex: Sex) -> LmsRows:
        return self.rows_in_slot(_SLOT[table] + sex - 1)

    def rows_in_slot(self, index: int) -> LmsRows:
        """The rows at `slot(table) + sex - 1`."""
        rows = self._slots[index]
        if rows is None:
            with self._lock:
                if self._slots[index] is None:
                    table = _TABLES[index // 2]
                    parsed = parse_table(self._read_text(table.value), table)
                    first = _SLOT[table]
                    self._slots[first], self._slots[first + 1] = (
                        parsed[Sex.MALE],
                        parsed[Sex.FEMALE],
                    )
                rows = self._slots[index]
                assert rows is not None
        return rows

    def preload(self) -> None:
        """Parse every table now (e.g. before a batch)."""
        for table in Table:
            self.rows(table, Sex.MALE)

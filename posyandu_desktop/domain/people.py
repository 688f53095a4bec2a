"""People: sex, exact age. NIK parsing lives in `nik.py`."""

from __future__ import annotations

import math
from datetime import date
from enum import IntEnum
from typing import NamedTuple

# WHO Anthro converts between days and months with this constant (WHO 2006 technical report).
DAYS_PER_MONTH = 30.4375


# Absurd ages are kept as "beyond every table" rather than overflowing an integer conversion.
_BEYOND_ANY_TABLE_DAYS = 1e9


class Sex(IntEnum):
    """Sex as WHO codes it: 1 male, 2 female."""

    MALE = 1
    FEMALE = 2


# Indonesian forms write L (laki-laki) / P (perempuan); WHO software uses 1/2 and M/F.
_SEX_WORDS = {
    "1": Sex.MALE,
    "m": Sex.MALE,
    "l": Sex.MALE,
    "male": Sex.MALE,
    "laki-laki": Sex.MALE,
    "lk": Sex.MALE,
    "2": Sex.FEMALE,
    "f": Sex.FEMALE,
    "p": Sex.FEMALE,
    "female": Sex.FEMALE,
    "perempuan": Sex.FEMALE,
    "pr": Sex.FEMALE,
}


def parse_sex(text: str) -> Sex | None:
    """Read 1/2, L/P, M/F (any case) or the full words; None when unknown."""
    return _SEX_WORDS.get(text.strip().lower())


def round_half_up(x: float) -> int:
    """Round a non-negative number to an integer, halves up (WHO Anthro's `round_up`)."""
    return math.floor(x + 0.5)


class Age(NamedTuple):
    """An exact age: whole days (rounded half up) for the daily 2006 tables, unrounded months
    for the 2006/2007 hand-over and the monthly 2007 tables, as WHO Anthro/AnthroPlus do.
    (Value types on the hot path are NamedTuples: a frozen dataclass costs 5x more to build.)"""

    days: int
    months: float

    @staticmethod
    def from_days(days: float) -> Age | None:
        """None for a negative or non-finite age."""
        if not math.isfinite(days) or days < 0:
            return None
        return Age(round_half_up(min(days, _BEYOND_ANY_TABLE_DAYS)), days / DAYS_PER_MONTH)

    @staticmethod
    def from_months(months: float) -> Age | None:
        """None for a negative or non-finite age."""
        if not math.isfinite(months) or months < 0:
            return None
        days = min(months * DAYS_PER_MONTH, _BEYOND_ANY_TABLE_DAYS)
        return Age(round_half_up(days), months)

    @staticmethod
    def between(birth: date, visit: date) -> Age | None:
        """Age at `visit` of someone born on `birth`; None if the visit is before the birth."""
        return Age.from_days((visit - birth).days)

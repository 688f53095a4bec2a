"""Numbers and dates as Indonesian spreadsheets write them, read exactly or not at all.

Pure text parsing shared by every table importer (the `anthro` batch, registers, e-PPGBM exports):
- decimals with the file's decimal mark, or the other mark unless it looks like a thousands
  group: in a decimal-comma file `9.600` (9600 g? 9.6 kg?) is refused rather than guessed, and so
  is `1.234,5`;
- dates as ISO `yyyy-mm-dd`, or day first as Indonesia writes them: `dd/mm/yyyy`, `d-m-yyyy`,
  `dd.mm.yyyy`; two-digit years are refused (which century?);
- Excel date serials (days since 1899-12-30, Excel's 1900 date system), accepted only as a whole
  number of days between 1900-03-01 and 2099-12-31, where the serial is unambiguous.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from functools import lru_cache

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01; Excel's phantom 1900-02-29 is 60
_FIRST_SERIAL = 61  # 1900-03-01: from here serials count real days
_LAST_SERIAL = (date(2099, 12, 31) - _EXCEL_EPOCH).days
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Optional time of day after a date (Excel and HTML exports add "00:00:00"), ignored.
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIAL = re.compile(r"\d{1,6}(?:[.,]0+)?")
_THOUSANDS = {".": re.compile(r",\d{3}(?!\d)"), ",": re.compile(r"\.\d{3}(?!\d)")}
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


@lru_cache(maxsize=8192)  # an import reads the same few thousand texts again and again
def parse_decimal(text: str, decimal: str = ".") -> float | None:
    """A decimal number, or None when blank. `decimal` is the file's decimal mark; the other mark
    is accepted too unless exactly three digits follow it (a thousands group). ValueError when it
    is not one plain finite number (two marks, "nan", "1_5", words, a thousands group)."""
    text = text.strip()
    if not text:
        return None
    if not _DECIMAL.fullmatch(text) or _THOUSANDS[decimal].search(text):
        raise ValueError(text)
    value = float(text.replace(",", "."))
    if not math.isfinite(value):  # "1e999"
        raise ValueError(text)
    return value


@lru_cache(maxsize=8192)  # a child's birth date is on each of its rows
def parse_date(text: str) -> date | None:
    """A date written as yyyy-mm-dd, dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy or an Excel serial; None
    when blank; ValueError when it is none of these or not a real calendar date."""
    text = text.strip()
    if not text:
        return None
    if _SERIAL.fullmatch(text):
        serial = int(re.split(r"[.,]", text)[0])
        if not _FIRST_SERIAL <= serial <= _LAST_SERIAL:
            raise ValueError(text)
        return _EXCEL_EPOCH + timedelta(days=serial)
    if match := _ISO.match(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.match(text):
        day, _, month, year = match.groups()
    else:
        raise ValueError(text)
    if not _TIME.fullmatch(text, match.end()):
        raise ValueError(text)
    return date(int(year), int(month), int(day))  # ValueError for 31/02/2024

"""Read one serial line with a `LineProtocol`: a reading or a problem code, never an exception."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime
from functools import cache

from posyandu_desktop.devices.protocols import LineProtocol
from posyandu_desktop.devices.readings import ReadingProblem, ScaleReading
from posyandu_desktop.devices.units import parse_unit

# Far above any Posyandu instrument's capacity (devices/limits.py), small enough that rounding
# to a step stays exact; a larger number is not a reading.
_LARGEST = 1e6


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def parse_line(
    line: str, protocol: LineProtocol, *, device_id: str, at: datetime
) -> ScaleReading | ReadingProblem:
    """The reading in one line (without its line ending), as the device wrote it."""
    text = line.strip()
    if not text:
        return ReadingProblem.PARTIAL
    if any(not " " <= c <= "~" and c != "\t" for c in text):
        return ReadingProblem.GARBAGE  # control or high bytes: wrong baud rate or line noise
    if protocol.overload and _compiled(protocol.overload).search(text):
        return ReadingProblem.OVERFLOW
    if protocol.underload and _compiled(protocol.underload).search(text):
        return ReadingProblem.NEGATIVE
    match = _compiled(rf"\s*(?:{protocol.pattern})\s*").fullmatch(text)
    if match is None:
        # Indicator lines have a fixed width: a shorter one was cut off (cable pulled, or the
        # reader started mid-line); a whole-length line that does not fit is something else.
        short = len(text) < len(protocol.example.strip())
        return ReadingProblem.PARTIAL if short else ReadingProblem.GARBAGE
    found = match.groupdict()
    unit = parse_unit(found["unit"]) if found.get("unit") else protocol.default_unit
    if unit is None:
        return ReadingProblem.WRONG_UNIT
    value = float(re.sub(r"\s", "", found["value"]).replace(",", "."))
    if not math.isfinite(value) or abs(value) > _LARGEST:
        return ReadingProblem.GARBAGE  # hundreds of digits: line noise, not a weight
    if value < 0:
        return ReadingProblem.NEGATIVE
    stable = protocol.has_marker and (found.get("stable") or "") in protocol.stable_markers
    return ScaleReading(value, unit, stable, device_id, at)


_UNDERSTOOD = (ReadingProblem.NEGATIVE, ReadingProblem.OVERFLOW)


def understood(lines: Sequence[str], protocol: LineProtocol) -> bool:
    """Whether `protocol` reads every line (negative and overload lines are read, too) and
    finds a weight in at least one."""
    results = [
        parse_line(line, protocol, device_id="", at=datetime.min) for line in lines if line.strip()
    ]
    return any(isinstance(r, ScaleReading) for r in results) and all(
        isinstance(r, ScaleReading) or r in _UNDERSTOOD for r in results
    )

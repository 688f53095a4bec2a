"""Propose a serial protocol from a few lines the cadre pasted from the scale."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import replace

from posyandu_desktop.devices.parse_line import understood
from posyandu_desktop.devices.protocols import BUILT_IN, VALUE_PATTERN, LineProtocol
from posyandu_desktop.devices.units import parse_unit


class LearnProblem(enum.Enum):
    """Why no protocol could be proposed from the pasted lines."""

    TOO_FEW_LINES = "too_few_lines"
    NO_WEIGHT = "no_weight"
    MIXED_FORMATS = "mixed_formats"


def learn_protocol(lines: Iterable[str], *, baud: int = 9600) -> LineProtocol | LearnProblem:
    """Propose a protocol for lines pasted from a scale (a built-in one if it reads them all).

    The lines should end while the weight is steady: a field that changes between lines is taken
    as the stable marker, and its value on the last line as the one meaning stable.
    """
    samples = [line.strip() for line in lines if line.strip()]
    if len(samples) < 2:
        return LearnProblem.TOO_FEW_LINES
    for candidate in BUILT_IN:
        if understood(samples, candidate):
            return replace(candidate, baud=baud)
    shapes = [_shape(line) for line in samples]
    if any(shape is None for shape in shapes):
        return LearnProblem.NO_WEIGHT
    proposed = _generalise([s for s in shapes if s is not None], samples[-1], baud)
    if proposed is None or not understood(samples, proposed):
        return LearnProblem.MIXED_FORMATS
    return proposed


_NUMBER = re.compile(r"[+-]?\s*\d+(?:[.,]\d+)?")
_TOKEN = re.compile(r"[A-Za-z]+|\d+|\s+|[^A-Za-z\d\s]")
_Shape = tuple[list[str], list[str]]  # tokens before and after the weight


def _shape(line: str) -> _Shape | None:
    # The weight is the last number followed by a unit, else the last number: headers with
    # digits ("01,") come before it.
    numbers = list(_NUMBER.finditer(line))
    if not numbers:
        return None
    with_unit = [m for m in numbers if parse_unit(_first_word(line[m.end() :]))]
    weight = (with_unit or numbers)[-1]
    return _TOKEN.findall(line[: weight.start()]), _TOKEN.findall(line[weight.end() :])


def _first_word(text: str) -> str:
    match = re.match(r"\s*([A-Za-z]+)", text)
    return match.group(1) if match else ""


def _generalise(shapes: list[_Shape], last_line: str, baud: int) -> LineProtocol | None:
    before, after = shapes[0]
    if any(len(b) != len(before) or len(a) != len(after) for b, a in shapes):
        return None
    unit_at = next((i for i, t in enumerate(after) if not t.isspace()), None)
    has_unit = unit_at is not None and parse_unit(after[unit_at]) is not None
    parts: list[str] = []
    markers: tuple[str, ...] = ()
    for side, tokens in ((0, before), (1, after)):
        if side == 1:
            parts.append(VALUE_PATTERN)
        for i, token in enumerate(tokens):
            seen = {shape[side][i] for shape in shapes}
            if side == 1 and has_unit and i == unit_at:
                parts.append(r"(?P<unit>[A-Za-z]+)")
            elif token.isspace():
                parts.append(r"\s*")
            elif len(seen) == 1:
                parts.append(re.escape(token))
            elif token.isdigit():
                parts.append(r"\d+")  # a counter or an ID, not a marker
            elif not markers and all(t.isalpha() for t in seen):
                markers = (shapes[-1][side][i],)
                parts.append(r"(?P<stable>[A-Za-z]+)")
            else:
                return None
    return LineProtocol(
        key="learned",
        example=last_line,
        pattern="".join(parts),
        stable_markers=markers,
        baud=baud,
    )

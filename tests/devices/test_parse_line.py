"""Every built-in line format, and malformed lines: a reading or a clear problem, never a crash."""

from datetime import datetime

import pytest

from posyandu_desktop.devices import (
    BUILT_IN,
    LineProtocol,
    ReadingProblem,
    ScaleReading,
    Unit,
    parse_line,
)
from posyandu_desktop.devices.protocols import AD, OHAUS, PLAIN, SICS

AT = datetime(2026, 11, 13, 9, 45)


def parse(line: str, protocol: LineProtocol) -> ScaleReading | ReadingProblem:
    return parse_line(line, protocol, device_id="baby", at=AT)


READINGS = [
    # A&D-style: ST stable, US unstable; GS gross, NT net; sign, padded value, unit.
    (AD, "ST,GS,+  4.876kg", 4.876, Unit.KG, True),
    (AD, "US,GS,+  4.912kg", 4.912, Unit.KG, False),
    (AD, "ST,NT,+ 12.300kg", 12.3, Unit.KG, True),
    (AD, "ST,GS,+  4876  g", 4876.0, Unit.G, True),
    (AD, "ST,GS,+ 10.750lb", 10.75, Unit.LB, True),
    (AD, "ST,GS,+  0.000kg", 0.0, Unit.KG, True),
    # Mettler Toledo SICS: S S stable, S D dynamic.
    (SICS, "S S      4.876 kg", 4.876, Unit.KG, True),
    (SICS, "S D      4.901 kg", 4.901, Unit.KG, False),
    (SICS, "S S     12.30 kg", 12.3, Unit.KG, True),
    # Plain: never stable by itself (stability comes from equal readings).
    (PLAIN, "4.876 kg", 4.876, Unit.KG, False),
    (PLAIN, "  12,30 KG", 12.3, Unit.KG, False),
    (PLAIN, "4876g", 4876.0, Unit.G, False),
    # Ohaus: a trailing ? marks an unstable value.
    (OHAUS, "     4.876 kg", 4.876, Unit.KG, True),
    (OHAUS, "     4.912 kg ?", 4.912, Unit.KG, False),
    (OHAUS, "    10.75 lb", 10.75, Unit.LB, True),
]


@pytest.mark.parametrize(("protocol", "line", "value", "unit", "stable"), READINGS)
def test_readings(protocol, line, value, unit, stable):
    assert parse(line, protocol) == ScaleReading(value, unit, stable, "baby", AT)


def test_line_ends_and_padding_are_ignored() -> None:
    assert parse("ST,GS,+  4.876kg\r\n", AD) == parse("ST,GS,+  4.876kg", AD)


PROBLEMS = [
    # garbage: noise at the wrong baud rate, binary, or text of another kind
    (AD, "\x00\xfe\x9c\x80\xff", ReadingProblem.GARBAGE),
    (PLAIN, "\x1b[2J4.876 kg", ReadingProblem.GARBAGE),
    (AD, "Hello from the printer port", ReadingProblem.GARBAGE),
    (SICS, 'I4 A "0123456789" serial', ReadingProblem.GARBAGE),
    # partial: cut off at either end, or nothing at all
    (AD, "ST,GS,+  4.8", ReadingProblem.PARTIAL),
    (AD, "GS,+  4.876kg", ReadingProblem.PARTIAL),
    (SICS, "S S   4", ReadingProblem.PARTIAL),
    (PLAIN, "4.8", ReadingProblem.PARTIAL),
    (OHAUS, "   ", ReadingProblem.PARTIAL),
    # wrong units
    (AD, "ST,GS,+  4.876oz", ReadingProblem.WRONG_UNIT),
    (SICS, "S S      4.876 pcs", ReadingProblem.WRONG_UNIT),
    (PLAIN, "4.876 N", ReadingProblem.WRONG_UNIT),
    (OHAUS, "     4.876 ct", ReadingProblem.WRONG_UNIT),
    # negative weight: the scale needs zeroing
    (AD, "ST,GS,-  0.120kg", ReadingProblem.NEGATIVE),
    (SICS, "S S     -0.020 kg", ReadingProblem.NEGATIVE),
    (SICS, "S -", ReadingProblem.NEGATIVE),
    (PLAIN, "-1.5 kg", ReadingProblem.NEGATIVE),
    (OHAUS, "    -0.35 kg ?", ReadingProblem.NEGATIVE),
    # overflow
    (AD, "OL,GS,+9999999E+19", ReadingProblem.OVERFLOW),
    (SICS, "S +", ReadingProblem.OVERFLOW),
    (PLAIN, "OL", ReadingProblem.OVERFLOW),
    (OHAUS, "  -OL- kg", ReadingProblem.OVERFLOW),
    (PLAIN, "OVERLOAD", ReadingProblem.OVERFLOW),
]


@pytest.mark.parametrize(("protocol", "line", "problem"), PROBLEMS)
def test_problems(protocol, line, problem):
    assert parse(line, protocol) is problem


@pytest.mark.parametrize("protocol", BUILT_IN, ids=lambda p: p.key)
@pytest.mark.parametrize("line", ["", "\xff" * 40, "ST,GS,", ",,,,", "+-+-", "kgkgkg", "1e999 kg"])
def test_never_raises(protocol, line):
    assert isinstance(parse(line, protocol), ScaleReading | ReadingProblem)


@pytest.mark.parametrize("protocol", BUILT_IN, ids=lambda p: p.key)
def test_each_example_reads_as_a_stable_or_plain_reading(protocol):
    reading = parse(protocol.example, protocol)
    assert isinstance(reading, ScaleReading)
    assert reading.kg == pytest.approx(4.876)
    assert reading.stable is protocol.has_marker


def test_protocols_round_trip_through_json() -> None:
    for protocol in BUILT_IN:
        assert LineProtocol.from_json(protocol.to_json()) == protocol
    assert LineProtocol.from_json({"key": "x"}) is None
    assert LineProtocol.from_json({**AD.to_json(), "pattern": "(unclosed"}) is None

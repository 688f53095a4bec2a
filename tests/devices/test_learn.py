"""Proposing a protocol from lines pasted from a scale."""

import pytest

from posyandu_desktop.devices import LearnProblem, LineProtocol, ScaleReading, learn_protocol
from posyandu_desktop.devices.parse_line import understood
from posyandu_desktop.devices.simulator import FORMATS, Timing, scale_lines


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_simulated_lines_of_each_built_in_format_are_recognised(fmt):
    timing = Timing(rate_hz=4, empty_s=0.5, settle_s=1.0, hold_s=1.0)
    lines = scale_lines([9.6], fmt, timing=timing)
    samples = [next(lines) for _ in range(10)]
    proposed = learn_protocol(samples, baud=4800)
    assert isinstance(proposed, LineProtocol)
    assert (proposed.key, proposed.baud) == (fmt, 4800)


def test_plain_lines_with_a_question_mark_are_ohaus() -> None:
    proposed = learn_protocol(["  4.912 kg ?", "  4.880 kg ?", "  4.876 kg"])
    assert isinstance(proposed, LineProtocol) and proposed.key == "ohaus"


def test_an_unknown_format_with_a_marker_is_learned() -> None:
    samples = ["W:US 01  4.85 kg", "W:US 01  4.90 kg", "W:ST 01  4.88 kg", "W:ST 01  4.88 kg"]
    proposed = learn_protocol(samples)
    assert isinstance(proposed, LineProtocol)
    assert proposed.key == "learned"
    assert proposed.has_marker and proposed.stable_markers == ("ST",)
    assert understood(samples, proposed)
    from datetime import datetime

    from posyandu_desktop.devices import parse_line

    read = parse_line("W:US 01 12.30 kg", proposed, device_id="", at=datetime.min)
    assert isinstance(read, ScaleReading) and (read.value, read.stable) == (12.3, False)


def test_an_unknown_format_without_unit_or_marker_waits_for_equal_readings() -> None:
    samples = ["N +0004.85", "N +0004.90", "N +0004.876"]
    proposed = learn_protocol(samples)
    assert isinstance(proposed, LineProtocol)
    assert proposed.key == "learned" and not proposed.has_marker
    assert proposed.stable_after == 3


def test_a_changing_counter_is_not_taken_for_a_marker() -> None:
    proposed = learn_protocol(["#17 4.85kg", "#18 4.90kg", "#19 4.88kg"])
    assert isinstance(proposed, LineProtocol) and not proposed.has_marker


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ([], LearnProblem.TOO_FEW_LINES),
        (["ST,GS,+  4.876kg", "   "], LearnProblem.TOO_FEW_LINES),
        (["hello", "world"], LearnProblem.NO_WEIGHT),
        (["ST 4.85 kg", "weight is 4.85 kilograms today"], LearnProblem.MIXED_FORMATS),
        (["A B 4.85 kg", "C D 4.85 kg"], LearnProblem.MIXED_FORMATS),  # two changing fields
    ],
)
def test_problems(lines, problem):
    assert learn_protocol(lines) is problem

"""The simulated scale's script, its pty, and the `simulate-scale` command."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
import serial

from posyandu_desktop.devices import ScaleReading, built_in, parse_line
from posyandu_desktop.devices.simulator import FORMATS, PtySimulator, Timing, scale_lines
from tests.devices.conftest import needs_pty

TIMING = Timing(rate_hz=10, empty_s=1.0, settle_s=1.5, hold_s=3.0)


def phases(fmt: str) -> list[ScaleReading]:
    protocol = built_in(fmt)
    assert protocol is not None
    lines = itertools.islice(scale_lines([9.6], fmt, timing=TIMING), 10 + 15 + 30 + 2 + 5)
    read = [parse_line(line, protocol, device_id="", at=datetime.min) for line in lines]
    assert all(isinstance(r, ScaleReading) for r in read)
    return read  # type: ignore[return-value]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_empty_settling_stable_removed(fmt: str) -> None:
    read = phases(fmt)
    empty, settling, held, lifted, empty_again = (
        read[:10],
        read[10:25],
        read[25:55],
        read[55:57],
        read[57:],
    )
    assert {r.value for r in empty + empty_again} == {0.0}
    assert {r.value for r in held} == {9.6}
    if built_in(fmt).has_marker:  # type: ignore[union-attr]
        assert all(r.stable for r in empty + held) and not any(r.stable for r in settling + lifted)
    # Settling converges on the weight, and no two neighbouring values are equal.
    swings = [abs(r.value - 9.6) for r in settling]
    assert swings[0] > 1.0 and swings[-1] < 0.06
    assert all(round(a.value, 2) != round(b.value, 2) for a, b in itertools.pairwise(settling))
    assert all(0 < r.value < 9.6 for r in lifted)


@needs_pty
def test_the_pty_is_a_serial_port(tmp_path: Path) -> None:
    link = tmp_path / "scale"
    with PtySimulator(iter(["ST,GS,+  4.876kg"] * 100), rate_hz=100, link=link) as simulator:
        assert simulator.path == str(link) and os.path.realpath(link).startswith("/dev/")
        with serial.Serial(simulator.path, 9600, timeout=1) as port:
            port.readline()  # maybe cut: opened mid-line
            assert port.readline() == b"ST,GS,+  4.876kg\r\n"
    assert not link.exists()


@needs_pty
def test_the_command_prints_the_port_and_stops_on_ctrl_c() -> None:
    command = [
        sys.executable,
        "-m",
        "posyandu_desktop",
        "simulate-scale",
        "--weights",
        "9.6",
        "--format",
        "plain",
        "--rate",
        "50",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        path = process.stdout.readline().strip()
        with serial.Serial(path, 9600, timeout=30) as port:  # generous: a busy CI machine
            port.readline()
            assert port.readline().endswith(b" kg\r\n")
    finally:
        time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Ctrl+C" in err


def test_the_command_refuses_bad_weights() -> None:
    from posyandu_desktop.__main__ import main

    with pytest.raises(SystemExit):
        main(["simulate-scale", "--weights", "heavy"])

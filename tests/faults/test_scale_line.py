"""A line the scale (or line noise) sends that no number fits never stops the serial reader."""

from __future__ import annotations

import itertools

from posyandu_desktop.devices import (
    DeviceConfig,
    DeviceKind,
    DeviceStatus,
    ReadingProblem,
    SerialScale,
    Transport,
    built_in,
)
from posyandu_desktop.devices.simulator import PtySimulator, scale_lines
from tests.devices.conftest import FAST, needs_pty


@needs_pty
def test_a_400_digit_line_is_reported_and_the_reader_goes_on(running):
    huge = ["1" + "0" * 400 + ".5 kg", "9" * 400 + " kg", "-" + "9" * 400 + " kg"]
    lines = itertools.chain(huge * 2, scale_lines([9.6], "plain", timing=FAST))
    with PtySimulator(lines, rate_hz=FAST.rate_hz) as simulator:
        device = DeviceConfig(
            "baby_scale",
            DeviceKind.BABY_SCALE,
            Transport.SERIAL,
            simulator.path,
            built_in("plain"),
        )
        run = running(SerialScale(device, retry_s=0.05))
        run.wait_for(lambda: len(run.offers) == 1)
        alive = run.thread.is_alive()
        # Read while the port is still open: closing the simulator disconnects, rightly.
        reports = list(run.reports)
    assert alive
    assert run.weights == [9.6]
    assert ReadingProblem.GARBAGE in reports
    # Never a disconnect: the port stayed open through the odd lines.
    assert DeviceStatus.DISCONNECTED not in reports

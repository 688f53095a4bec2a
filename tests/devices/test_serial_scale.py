"""The serial reader on a simulated scale (a real pty opened by pyserial)."""

from __future__ import annotations

import itertools

import pytest

from posyandu_desktop.devices import (
    DeviceConfig,
    DeviceKind,
    DeviceStatus,
    ReadingProblem,
    SerialScale,
    Transport,
    available_ports,
    built_in,
)
from posyandu_desktop.devices.simulator import FORMATS, PtySimulator, scale_lines
from tests.devices.conftest import FAST, needs_pty

pytestmark = needs_pty


def scale(path: str, fmt: str = "ad", kind: DeviceKind = DeviceKind.BABY_SCALE) -> SerialScale:
    device = DeviceConfig(kind.value, kind, Transport.SERIAL, path, built_in(fmt))
    return SerialScale(device, retry_s=0.05)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_only_the_stable_weights_are_offered(fmt, running):
    simulator = PtySimulator(scale_lines([9.6, 12.345], fmt, timing=FAST), rate_hz=FAST.rate_hz)
    simulator.plug()
    try:
        run = running(scale(simulator.path, fmt))
        run.wait_for(lambda: DeviceStatus.CONNECTED in run.reports)
        simulator.start()
        run.wait_for(lambda: len(run.offers) == 2)
        run.end()
    finally:
        simulator.stop()
    # Dozens of settling and lifting values went by; only the held weights were offered,
    # once each, rounded to the baby scale's 10 g.
    assert run.weights == [9.6, 12.35]
    assert all(r.stable and r.device_id == "baby_scale" for r in run.offers)
    assert run.reports == [DeviceStatus.CONNECTED]


def test_reconnects_after_the_cable_is_pulled(tmp_path, running):
    lines = scale_lines(itertools.cycle([9.6, 12.3]), "ad", timing=FAST)
    link = tmp_path / "ttyUSB0"
    with PtySimulator(lines, rate_hz=FAST.rate_hz, link=link) as simulator:
        run = running(scale(str(link)))
        run.wait_for(lambda: len(run.offers) == 1)
        simulator.unplug()
        run.wait_for(lambda: DeviceStatus.PORT_NOT_FOUND in run.reports)
        simulator.plug()
        run.wait_for(lambda: len(run.offers) >= 2)
    assert run.reports[:3] == [
        DeviceStatus.CONNECTED,
        DeviceStatus.DISCONNECTED,
        DeviceStatus.PORT_NOT_FOUND,
    ]
    assert run.reports[3] == DeviceStatus.CONNECTED
    assert set(run.weights) <= {9.6, 12.3}


def test_a_missing_port_is_reported_and_the_reader_stops_promptly(running):
    run = running(scale("/dev/no-such-scale"))
    run.wait_for(lambda: DeviceStatus.PORT_NOT_FOUND in run.reports)
    run.end()
    assert run.offers == []


def test_garbage_is_reported_and_never_offered(running):
    noise = itertools.cycle(["\x8f\xff\x01\x9c", "ST,GS,+  \x80\x81kg"])
    with PtySimulator(noise, rate_hz=100) as simulator:
        run = running(scale(simulator.path))
        run.wait_for(lambda: ReadingProblem.GARBAGE in run.reports)
    assert run.offers == []


def test_a_weight_above_capacity_is_reported_not_offered(running):
    with PtySimulator(scale_lines([25.0], "ad", timing=FAST), rate_hz=100) as simulator:
        run = running(scale(simulator.path))
        run.wait_for(lambda: ReadingProblem.ABOVE_CAPACITY in run.reports)
    assert run.offers == []


def test_the_standing_scale_rounds_to_100_g(running):
    lines = scale_lines([62.37], "plain", timing=FAST)
    with PtySimulator(lines, rate_hz=100) as simulator:
        run = running(scale(simulator.path, "plain", DeviceKind.STANDING_SCALE))
        run.wait_for(lambda: len(run.offers) == 1)
    assert run.weights == [62.4]


def test_port_discovery_returns_plain_values() -> None:
    for port in available_ports():
        assert isinstance(port.device, str) and isinstance(port.description, str)

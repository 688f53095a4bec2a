"""The Bluetooth reader with a stand-in for bleak: readings, problems, and no Bluetooth at all."""

from __future__ import annotations

import struct
import sys
from types import ModuleType
from typing import Any

import pytest

from posyandu_desktop.devices import (
    BleScale,
    DeviceConfig,
    DeviceKind,
    DeviceStatus,
    ReadingProblem,
    Transport,
    discover_scales,
)
from posyandu_desktop.devices.ble import WEIGHT_MEASUREMENT, WEIGHT_SCALE_FEATURE
from posyandu_desktop.domain.vocabulary import MeasurementSource

DEVICE = DeviceConfig("baby_scale", DeviceKind.BABY_SCALE, Transport.BLUETOOTH, "AA:BB")

# Weight Measurement packets per docs/sources/scales.md#weight-measurement: flags, weight uint16
# (0.005 kg or 0.01 lb).
KG_9_6 = bytes([0x00]) + struct.pack("<H", 1920)
UNSUCCESSFUL = bytes([0x00]) + struct.pack("<H", 0xFFFF)
LB_21_16 = bytes([0x01]) + struct.pack("<H", 2116)  # 21.16 lb = 9.598 kg
# docs/sources/scales.md#scale-feature: weight resolution 6 = 0.01 kg
FEATURE_10_G = struct.pack("<I", 6 << 3)


class BleakDeviceNotFoundError(Exception):
    pass


def fake_bleak(packets: list[bytes], error: Exception | None = None) -> ModuleType:
    """A module with bleak's names: a client that sends `packets`, then disconnects."""

    class BleakClient:
        def __init__(self, address: str, timeout: float) -> None:
            self.is_connected = True

        async def __aenter__(self) -> BleakClient:
            if error is not None:
                raise error
            return self

        async def __aexit__(self, *_exc: object) -> None:
            self.is_connected = False

        async def read_gatt_char(self, uuid: str) -> bytearray:
            assert uuid == WEIGHT_SCALE_FEATURE
            return bytearray(FEATURE_10_G)

        async def start_notify(self, uuid: str, handler: Any) -> None:
            assert uuid == WEIGHT_MEASUREMENT
            for packet in packets:
                handler(None, bytearray(packet))
            self.is_connected = False

    class BleakScanner:
        @staticmethod
        async def discover(timeout: float, service_uuids: list[str]) -> list[Any]:
            if error is not None:
                raise error
            device = type("Device", (), {"address": "AA:BB", "name": "Scale"})()
            return [device]

    module = ModuleType("bleak")
    module.BleakClient = BleakClient  # type: ignore[attr-defined]
    module.BleakScanner = BleakScanner  # type: ignore[attr-defined]
    return module


def test_measurements_are_offered_in_kg(monkeypatch, running):
    monkeypatch.setitem(sys.modules, "bleak", fake_bleak([KG_9_6, UNSUCCESSFUL, LB_21_16]))
    run = running(BleScale(DEVICE, retry_s=60))
    run.wait_for(lambda: DeviceStatus.DISCONNECTED in run.reports)
    assert run.weights == [9.6, 9.6]  # 21.16 lb rounded to the scale's 10 g
    assert all(r.stable and r.device_id == "baby_scale" for r in run.offers)
    assert ReadingProblem.UNSUCCESSFUL in run.reports
    assert BleScale.source is MeasurementSource.BLUETOOTH_SCALE


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Exception("No Bluetooth adapters found."), DeviceStatus.BLUETOOTH_UNAVAILABLE),
        (FileNotFoundError(2, "No such file or directory"), DeviceStatus.BLUETOOTH_UNAVAILABLE),
        (BleakDeviceNotFoundError("AA:BB"), DeviceStatus.SCALE_NOT_FOUND),
        (TimeoutError(), DeviceStatus.SCALE_NOT_FOUND),
        (RuntimeError("GATT operation failed"), DeviceStatus.DISCONNECTED),
    ],
)
def test_connection_errors_become_codes(error, status, monkeypatch, running):
    monkeypatch.setitem(sys.modules, "bleak", fake_bleak([], error))
    run = running(BleScale(DEVICE, retry_s=60))
    run.wait_for(lambda: bool(run.reports))
    assert run.reports == [status]
    assert discover_scales(0.1) is status


def test_without_bleak_bluetooth_is_simply_unavailable(monkeypatch, running):
    monkeypatch.setitem(sys.modules, "bleak", None)  # import bleak raises ImportError
    run = running(BleScale(DEVICE))
    run.thread.join(5)
    assert not run.thread.is_alive()
    assert run.reports == [DeviceStatus.BLUETOOTH_UNAVAILABLE]
    assert discover_scales(0.1) is DeviceStatus.BLUETOOTH_UNAVAILABLE


def test_discovery(monkeypatch):
    monkeypatch.setitem(sys.modules, "bleak", fake_bleak([]))
    assert discover_scales(0.1) == [("AA:BB", "Scale")]

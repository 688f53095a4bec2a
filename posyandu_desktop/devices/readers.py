"""The reader for a configured device."""

from __future__ import annotations

from posyandu_desktop.devices.ble_scale import BleScale
from posyandu_desktop.devices.readings import ReadingSource
from posyandu_desktop.devices.registry import DeviceConfig, Transport
from posyandu_desktop.devices.serial_scale import SerialScale


def reader_for(device: DeviceConfig) -> ReadingSource:
    """A serial or Bluetooth reader for `device`; run it through the UI's ScaleBridge."""
    if device.transport is Transport.BLUETOOTH:
        return BleScale(device)
    return SerialScale(device)

"""Bluetooth scales with the standard Weight Scale Service, through `bleak` (optional extra).

bleak is imported only here and only when a Bluetooth scale is used: without it, or without an
adapter, the reader reports BLUETOOTH_UNAVAILABLE and the cadre types weights as before.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from types import ModuleType
from typing import Any

from posyandu_desktop.devices.ble import (
    WEIGHT_MEASUREMENT,
    WEIGHT_SCALE_FEATURE,
    WEIGHT_SCALE_SERVICE,
    ScaleFeature,
    WeightMeasurement,
    decode_weight_measurement,
    decode_weight_scale_feature,
)
from posyandu_desktop.devices.limits import check_value
from posyandu_desktop.devices.readings import (
    DeviceStatus,
    Offer,
    Report,
    ScaleReading,
    StatusReporter,
)
from posyandu_desktop.devices.registry import DeviceConfig
from posyandu_desktop.devices.units import Unit, to_kg
from posyandu_desktop.domain.vocabulary import MeasurementSource

log = logging.getLogger(__name__)


def _bleak() -> ModuleType | None:
    """bleak, or None where it is not installed (the optional "bluetooth" extra)."""
    try:
        return importlib.import_module("bleak")
    except ImportError:
        return None


def _status_of(error: Exception) -> DeviceStatus:
    # Not found while scanning, or no answer to the connection: off or out of range.
    if type(error).__name__ == "BleakDeviceNotFoundError" or isinstance(error, TimeoutError):
        return DeviceStatus.SCALE_NOT_FOUND
    # No adapter, adapter off, no BlueZ/D-Bus (OSError), or a platform bleak cannot drive.
    if "adapter" in str(error).lower() or isinstance(error, OSError | NotImplementedError):
        return DeviceStatus.BLUETOOTH_UNAVAILABLE
    return DeviceStatus.DISCONNECTED


def discover_scales(timeout_s: float = 5.0) -> list[tuple[str, str]] | DeviceStatus:
    """Nearby scales offering the Weight Scale Service, as (address, name); blocks: worker only."""
    bleak = _bleak()
    if bleak is None:
        return DeviceStatus.BLUETOOTH_UNAVAILABLE

    async def scan() -> list[tuple[str, str]]:
        found = await bleak.BleakScanner.discover(
            timeout=timeout_s, service_uuids=[WEIGHT_SCALE_SERVICE]
        )
        return [(d.address, d.name or d.address) for d in found]

    try:
        return asyncio.run(scan())
    except Exception as error:  # bleak raises platform-specific errors
        log.info("Bluetooth scan failed: %r", error)
        return _status_of(error)


class BleScale:
    """Reads a Bluetooth scale until stopped; reconnects when it goes out of range or off."""

    source = MeasurementSource.BLUETOOTH_SCALE

    def __init__(
        self,
        device: DeviceConfig,
        *,
        retry_s: float = 3.0,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.device = device
        self.device_id = device.id
        self._retry_s, self._now = retry_s, now

    def run(self, offer: Offer, report: Report, stop: threading.Event) -> None:
        """Read until `stop` is set (call from a worker thread, never the GUI thread)."""
        bleak = _bleak()
        if bleak is None:
            report(DeviceStatus.BLUETOOTH_UNAVAILABLE)
            return
        # An unsuccessful measurement is worth saying at once: persist=1.
        asyncio.run(self._run(bleak, offer, StatusReporter(report, persist=1), stop))

    async def _run(
        self, bleak: ModuleType, offer: Offer, status: StatusReporter, stop: threading.Event
    ) -> None:
        while not stop.is_set():
            try:
                async with bleak.BleakClient(self.device.address, timeout=10.0) as client:
                    await self._session(client, offer, status, stop)
                status.status(DeviceStatus.DISCONNECTED)
            except Exception as error:  # bleak raises platform-specific errors
                log.info("Bluetooth scale %s: %r", self.device.address, error)
                status.status(_status_of(error))
            await asyncio.to_thread(stop.wait, self._retry_s)

    async def _session(
        self, client: Any, offer: Offer, status: StatusReporter, stop: threading.Event
    ) -> None:
        step = self.device.step
        try:
            feature = decode_weight_scale_feature(await client.read_gatt_char(WEIGHT_SCALE_FEATURE))
        except Exception:  # the feature characteristic is mandatory, but cheap scales omit it
            feature = None
        if isinstance(feature, ScaleFeature) and feature.weight_resolution_kg:
            step = max(step, feature.weight_resolution_kg)

        def measured(_characteristic: object, data: bytearray) -> None:
            decoded = decode_weight_measurement(bytes(data))
            if not isinstance(decoded, WeightMeasurement):
                status.problem(decoded)
                return
            kg = check_value(self.device.kind, to_kg(decoded.weight, decoded.unit), step)
            if not isinstance(kg, float):
                status.problem(kg)
                return
            status.reading_ok()
            # Each indication is one finished measurement (docs/sources/scales.md): offer every one,
            # since the scale sends nothing when the child steps off.
            offer(ScaleReading(kg, Unit.KG, True, self.device_id, self._now()))

        await client.start_notify(WEIGHT_MEASUREMENT, measured)
        status.status(DeviceStatus.CONNECTED)
        while client.is_connected and not stop.is_set():
            await asyncio.sleep(0.2)

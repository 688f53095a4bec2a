"""The devices configured in Settings, kept as `devices.json` in the data folder."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from posyandu_desktop import files
from posyandu_desktop.devices.limits import LIMITS, DeviceKind
from posyandu_desktop.devices.protocols import LineProtocol

log = logging.getLogger(__name__)

DEVICES_FILE = "devices.json"
_VERSION = 1


class Transport(StrEnum):
    """How a device is connected."""

    SERIAL = "serial"  # RS-232 or USB-serial cable
    BLUETOOTH = "bluetooth"  # Weight Scale Service 0x181D


@dataclass(frozen=True, slots=True)
class DeviceConfig:
    """One configured device: a serial port and protocol, or a Bluetooth address."""

    id: str
    kind: DeviceKind
    transport: Transport
    address: str  # serial port ("/dev/ttyUSB0", "COM3") or Bluetooth address
    protocol: LineProtocol | None = None  # serial devices only
    resolution: float | None = None  # None: the kind's resolution (limits.LIMITS)
    name: str = ""

    @property
    def step(self) -> float:
        """The resolution readings are rounded to."""
        return self.resolution or LIMITS[self.kind].resolution

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "transport": self.transport.value,
            "address": self.address,
            "protocol": None if self.protocol is None else self.protocol.to_json(),
            "resolution": self.resolution,
            "name": self.name,
        }


def _device(data: object) -> DeviceConfig | None:
    if not isinstance(data, dict):
        return None
    try:
        protocol = data.get("protocol")
        resolution = data.get("resolution")
        return DeviceConfig(
            id=str(data["id"]),
            kind=DeviceKind(data["kind"]),
            transport=Transport(data["transport"]),
            address=str(data["address"]),
            protocol=LineProtocol.from_json(protocol) if isinstance(protocol, dict) else None,
            resolution=float(resolution) if resolution is not None else None,
            name=str(data.get("name", "")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def load_devices(folder: Path) -> list[DeviceConfig]:
    """The configured devices; a missing or damaged file gives none (the cadre types weights)."""
    try:
        stored = json.loads((folder / DEVICES_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        log.warning("unreadable %s: no devices", folder / DEVICES_FILE, exc_info=True)
        return []
    entries = stored.get("devices") if isinstance(stored, dict) else None
    devices = [_device(entry) for entry in entries] if isinstance(entries, list) else []
    return [device for device in devices if device is not None]


def save_devices(folder: Path, devices: Sequence[DeviceConfig]) -> None:
    """Write the configured devices atomically: temp file, fsync, os.replace (Electrum #5082)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / DEVICES_FILE
    temporary = target.with_name(target.name + ".tmp")
    document = {"version": _VERSION, "devices": [device.to_json() for device in devices]}
    with temporary.open("w", encoding="utf-8") as f:
        f.write(json.dumps(document, indent=2, ensure_ascii=False))
        f.flush()
        os.fsync(f.fileno())
    files.replace(temporary, target)


def save_device(folder: Path, device: DeviceConfig) -> None:
    """Add a device, or replace the one with the same id."""
    others = [d for d in load_devices(folder) if d.id != device.id]
    save_devices(folder, [*others, device])

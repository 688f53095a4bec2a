"""The device registry: JSON round trip, atomic writes, damaged files."""

import json
import os
from pathlib import Path

import pytest

from posyandu_desktop.devices import (
    DeviceConfig,
    DeviceKind,
    Transport,
    built_in,
    learn_protocol,
    load_devices,
    save_device,
    save_devices,
)
from posyandu_desktop.devices.registry import DEVICES_FILE

LEARNED = learn_protocol(["W:US 01  4.85 kg", "W:ST 01  4.88 kg"], baud=4800)
DEVICES = [
    DeviceConfig(
        "baby_scale",
        DeviceKind.BABY_SCALE,
        Transport.SERIAL,
        "/dev/ttyUSB0",
        built_in("ad"),
        name="GEA",
    ),
    DeviceConfig(
        "standing_scale",
        DeviceKind.STANDING_SCALE,
        Transport.BLUETOOTH,
        "AA:BB:CC:DD:EE:FF",
        resolution=0.05,
    ),
    DeviceConfig("spare", DeviceKind.BABY_SCALE, Transport.SERIAL, "COM3", LEARNED),  # type: ignore[arg-type]
]


def test_round_trip(tmp_path: Path) -> None:
    save_devices(tmp_path, DEVICES)
    assert load_devices(tmp_path) == DEVICES
    document = json.loads((tmp_path / DEVICES_FILE).read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert document["devices"][0]["protocol"]["pattern"].startswith("(?P<stable>ST|US)")


def test_step_defaults_to_the_kind(tmp_path: Path) -> None:
    assert DEVICES[0].step == 0.01
    assert DEVICES[1].step == 0.05


def test_save_device_replaces_by_id(tmp_path: Path) -> None:
    save_devices(tmp_path, DEVICES)
    moved = DeviceConfig(
        "baby_scale", DeviceKind.BABY_SCALE, Transport.SERIAL, "/dev/ttyUSB1", built_in("plain")
    )
    save_device(tmp_path, moved)
    stored = load_devices(tmp_path)
    assert len(stored) == 3 and moved in stored and DEVICES[0] not in stored


def test_missing_folder_and_file(tmp_path: Path) -> None:
    assert load_devices(tmp_path / "nowhere") == []
    save_devices(tmp_path / "new" / "data", DEVICES[:1])  # creates the folder
    assert load_devices(tmp_path / "new" / "data") == DEVICES[:1]


@pytest.mark.parametrize(
    "content",
    ["", "{not json", "[]", '{"devices": 3}', '{"devices": [{"id": "x"}, 5]}'],
)
def test_damaged_file_gives_no_devices(tmp_path: Path, content: str) -> None:
    (tmp_path / DEVICES_FILE).write_text(content, encoding="utf-8")
    assert load_devices(tmp_path) == []


def test_bad_entries_are_skipped(tmp_path: Path) -> None:
    save_devices(tmp_path, DEVICES[:1])
    document = json.loads((tmp_path / DEVICES_FILE).read_text(encoding="utf-8"))
    document["devices"].append({**document["devices"][0], "kind": "microwave"})
    (tmp_path / DEVICES_FILE).write_text(json.dumps(document), encoding="utf-8")
    assert load_devices(tmp_path) == DEVICES[:1]


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_devices(tmp_path, DEVICES[:1])
    before = (tmp_path / DEVICES_FILE).read_bytes()
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)

    def crash(*_args: object) -> None:
        raise OSError("power cut before the rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_devices(tmp_path, DEVICES)
    assert synced  # flushed to disk before the rename
    assert (tmp_path / DEVICES_FILE).read_bytes() == before  # the old file is untouched
    assert load_devices(tmp_path) == DEVICES[:1]

"""The scale settings dialog: ports, learning a protocol, a test reading, saving. Never exec()."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posyandu_desktop.devices import (
    DeviceKind,
    PortInfo,
    Transport,
    built_in,
    load_devices,
)
from posyandu_desktop.devices.simulator import PtySimulator, Timing, scale_lines
from posyandu_desktop.ui import background
from posyandu_desktop.ui.devices import ScaleSettingsDialog
from tests.devices.conftest import needs_pty
from tests.ui.conftest import BUSY_MACHINE_MS

PORTS = [PortInfo("/dev/ttyUSB0", "USB-Serial Controller"), PortInfo("/dev/ttyS0", "")]


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> ScaleSettingsDialog:
    widget = ScaleSettingsDialog(tmp_path, ports=lambda: PORTS)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def test_ports_and_defaults(dialog: ScaleSettingsDialog) -> None:
    assert [dialog.port.itemText(i) for i in range(dialog.port.count())] == [
        "/dev/ttyUSB0",
        "/dev/ttyS0",
    ]
    assert dialog.device_kind() is DeviceKind.BABY_SCALE
    assert dialog.kind.currentText() == "Timbangan bayi"
    assert dialog.protocol.currentData() == built_in("ad")
    assert dialog.baud.currentData() == 9600
    assert dialog.port.currentText() == "/dev/ttyUSB0"  # the first port found
    dialog.port.setCurrentText("")
    assert dialog.config() is None


def test_learning_selects_the_protocol(dialog: ScaleSettingsDialog) -> None:
    dialog.samples.setPlainText("S D      4.912 kg\nS D      4.880 kg\nS S      4.876 kg\n")
    dialog.learn.click()
    assert dialog.protocol.currentData().key == "sics"
    dialog.samples.setPlainText("W:US 01  4.85 kg\nW:ST 01  4.88 kg\n")
    dialog.learn.click()
    learned = dialog.protocol.currentData()
    assert learned.key == "learned" and learned.stable_markers == ("ST",)
    dialog.samples.setPlainText("hello\nworld")
    dialog.learn.click()
    assert dialog.learn_result.text() == "Tidak ada berat di baris-baris ini"


@needs_pty
def test_test_reading_then_save(qtbot: QtBot, dialog: ScaleSettingsDialog, tmp_path: Path) -> None:
    timing = Timing(rate_hz=100, empty_s=0.1, settle_s=0.2, hold_s=0.5)
    with PtySimulator(scale_lines([9.6], "ad", timing=timing), rate_hz=100) as simulator:
        dialog.port.setCurrentText(simulator.path)
        dialog.test.click()
        qtbot.waitUntil(
            lambda: dialog.test_reading.text() == "9,60 kg", timeout=BUSY_MACHINE_MS
        )  # returns as soon as true; generous for a busy machine
        assert dialog.test_status.text() == "Timbangan tersambung"
        dialog.test.click()
        assert dialog.test_bridge is None
    dialog.accept()
    [device] = load_devices(tmp_path)
    assert (device.id, device.kind, device.transport) == (
        "baby_scale",
        DeviceKind.BABY_SCALE,
        Transport.SERIAL,
    )
    assert device.address == simulator.path and device.protocol == built_in("ad")


def test_a_saved_device_is_shown_again(
    qtbot: QtBot, dialog: ScaleSettingsDialog, tmp_path: Path
) -> None:
    dialog.samples.setPlainText("W:US 01  4.85 kg\nW:ST 01  4.88 kg\n")
    dialog.learn.click()
    dialog.baud.setCurrentIndex(dialog.baud.findData(2400))
    dialog.port.setCurrentText("/dev/ttyS0")
    dialog.accept()
    again = ScaleSettingsDialog(tmp_path, ports=lambda: PORTS)
    qtbot.addWidget(again)
    assert again.port.currentText() == "/dev/ttyS0"
    assert again.protocol.currentData().key == "learned"
    assert again.baud.currentData() == 2400
    assert again.config() == load_devices(tmp_path)[0]


def test_bluetooth_search_without_bleak(qtbot, dialog, monkeypatch):
    monkeypatch.setitem(sys.modules, "bleak", None)
    dialog.transport.setCurrentIndex(1)
    assert dialog.connection() is Transport.BLUETOOTH
    assert not dialog.protocol.isEnabled() and dialog.search_bluetooth.isEnabled()
    dialog.search_bluetooth.click()
    qtbot.waitUntil(
        lambda: dialog.test_status.text() == "Bluetooth tidak tersedia", timeout=BUSY_MACHINE_MS
    )  # returns as soon as true; generous for a busy machine
    assert background.wait_for_all()
    dialog.port.setCurrentText("AA:BB:CC:DD:EE:FF")
    config = dialog.config()
    assert (
        config is not None and config.transport is Transport.BLUETOOTH and config.protocol is None
    )

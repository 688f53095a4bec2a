"""Settings for one scale: cable port or Bluetooth address, line protocol, a test reading."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.devices import (
    BUILT_IN,
    DeviceConfig,
    DeviceKind,
    DeviceStatus,
    LineProtocol,
    PortInfo,
    ReadingProblem,
    Transport,
    available_ports,
    discover_scales,
    learn_protocol,
    load_devices,
    reader_for,
    save_device,
)
from posyandu_desktop.devices.words import protocol_label
from posyandu_desktop.domain.vocabulary import MeasurementSource
from posyandu_desktop.i18n import _, format_decimal
from posyandu_desktop.i18n.words import words
from posyandu_desktop.ui import background
from posyandu_desktop.ui.devices.scale_bridge import ScaleBridge

_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
# Combo boxes keep these by index: Qt hands a StrEnum stored as item data back as a plain str.
_SCALES = (DeviceKind.BABY_SCALE, DeviceKind.STANDING_SCALE)
_TRANSPORTS = (Transport.SERIAL, Transport.BLUETOOTH)


class ScaleSettingsDialog(QDialog):
    """Choose, learn and test the scale of one kind; Save writes it to the device registry.

    One scale per kind (baby, standing): the device id is the kind.
    """

    def __init__(
        self,
        data_dir: Path,
        kind: DeviceKind = DeviceKind.BABY_SCALE,
        *,
        ports: Callable[[], list[PortInfo]] = available_ports,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir, self._ports = data_dir, ports
        self._learned: LineProtocol | None = None
        self.test_bridge: ScaleBridge | None = None
        self.setWindowTitle(_("Scale settings"))

        self.kind = QComboBox()
        for k in _SCALES:
            self.kind.addItem(words(k))
        self.transport = QComboBox()
        self.transport.addItems([_("Cable (USB or serial)"), _("Bluetooth")])
        self.port = QComboBox()
        self.port.setEditable(True)  # a port the list misses can be typed ("COM7", a simulator)
        self.refresh_ports = QPushButton(_("Refresh"))
        self.search_bluetooth = QPushButton(_("Search"))
        self.protocol = QComboBox()
        self.baud = QComboBox()
        for rate in _BAUD_RATES:
            self.baud.addItem(str(rate), rate)
        self.samples = QPlainTextEdit()
        self.samples.setPlaceholderText(
            _("Paste a few lines the scale sends, ending while the weight is steady")
        )
        self.samples.setMaximumHeight(90)
        self.learn = QPushButton(_("Propose a protocol"))
        self.learn_result = QLabel()
        self.learn_result.setWordWrap(True)
        self.test = QPushButton(_("Test reading"))
        self.test_status = QLabel()
        self.test_status.setWordWrap(True)
        self.test_reading = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

        self._lay_out()

        self.refresh_ports.clicked.connect(self.fill_ports)
        self.search_bluetooth.clicked.connect(self._search_bluetooth)
        self.transport.currentIndexChanged.connect(self._transport_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.learn.clicked.connect(self.propose_protocol)
        self.test.clicked.connect(self.toggle_test)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self.stop_test)

        self.kind.setCurrentIndex(_SCALES.index(kind) if kind in _SCALES else 0)
        self._kind_changed()

    def _lay_out(self) -> None:
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.refresh_ports)
        port_row.addWidget(self.search_bluetooth)
        learn_row = QHBoxLayout()
        learn_row.addWidget(self.learn)
        learn_row.addWidget(self.learn_result, 1)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.test_reading)
        test_row.addWidget(self.test_status, 1)
        form = QFormLayout()
        form.addRow(_("Scale"), self.kind)
        form.addRow(_("Connection"), self.transport)
        form.addRow(_("Port or address"), port_row)
        form.addRow(_("Protocol"), self.protocol)
        form.addRow(_("Speed (baud)"), self.baud)
        form.addRow(_("Sample lines"), self.samples)
        form.addRow("", learn_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)

    # -- the configuration being edited --------------------------------------------------------

    def device_kind(self) -> DeviceKind:
        return _SCALES[self.kind.currentIndex()]

    def connection(self) -> Transport:
        return _TRANSPORTS[self.transport.currentIndex()]

    def config(self) -> DeviceConfig | None:
        """The device as filled in, or None while no port or address is given."""
        address = self.port.currentText().strip()
        if not address:
            return None
        kind, transport = self.device_kind(), self.connection()
        protocol = None
        if transport is Transport.SERIAL:
            chosen: LineProtocol = self.protocol.currentData()
            protocol = replace(chosen, baud=self.baud.currentData())
        return DeviceConfig(kind.value, kind, transport, address, protocol)

    def _kind_changed(self) -> None:
        kind = self.device_kind()
        stored = next((d for d in load_devices(self._data_dir) if d.id == kind.value), None)
        protocol = stored.protocol if stored else None
        self._learned = protocol if protocol and protocol.key == "learned" else None
        self._fill_protocols(protocol)
        self.transport.setCurrentIndex(_TRANSPORTS.index(stored.transport) if stored else 0)
        self.fill_ports()
        if stored:
            self.port.setCurrentText(stored.address)
        self._transport_changed()

    def _fill_protocols(self, selected: LineProtocol | None) -> None:
        self.protocol.clear()
        for protocol in (*BUILT_IN, *([self._learned] if self._learned else [])):
            self.protocol.addItem(
                f"{protocol_label(protocol.key)}: {protocol.example.strip()}", protocol
            )
        keys = [self.protocol.itemData(i).key for i in range(self.protocol.count())]
        chosen = selected.key if selected else BUILT_IN[0].key
        self.protocol.setCurrentIndex(keys.index(chosen) if chosen in keys else 0)
        self.baud.setCurrentIndex(max(0, self.baud.findData(selected.baud if selected else 9600)))

    def fill_ports(self) -> None:
        """List the serial ports present now."""
        typed = self.port.currentText()
        self.port.clear()
        for info in self._ports():
            self.port.addItem(info.device)
            self.port.setItemData(self.port.count() - 1, info.description, _TOOLTIP)
        self.port.setCurrentText(typed or self.port.itemText(0))

    def _transport_changed(self) -> None:
        serial = self.connection() is Transport.SERIAL
        for widget in (self.refresh_ports, self.protocol, self.baud, self.samples, self.learn):
            widget.setEnabled(serial)
        self.search_bluetooth.setEnabled(not serial)

    # -- learning, searching, testing ----------------------------------------------------------

    def propose_protocol(self) -> None:
        """Propose a protocol from the pasted lines and select it."""
        proposed = learn_protocol(
            self.samples.toPlainText().splitlines(), baud=self.baud.currentData()
        )
        if not isinstance(proposed, LineProtocol):
            self.learn_result.setText(words(proposed))
            return
        if proposed.key == "learned":
            self._learned = proposed
        self._fill_protocols(proposed)
        self.learn_result.setText(
            _("Proposed: {protocol}").format(protocol=protocol_label(proposed.key))
        )

    def _search_bluetooth(self) -> None:
        self.search_bluetooth.setEnabled(False)
        self.test_status.setText(_("Searching…"))
        background.run(discover_scales, self._bluetooth_found)

    def _bluetooth_found(self, found: list[tuple[str, str]] | DeviceStatus) -> None:
        self.search_bluetooth.setEnabled(self.connection() is Transport.BLUETOOTH)
        if isinstance(found, DeviceStatus):
            self.test_status.setText(words(found))
            return
        self.test_status.setText(
            _("{count} scales found").format(count=len(found)) if found else _("No scale found")
        )
        self.port.clear()
        for address, name in found:
            self.port.addItem(address)
            self.port.setItemData(self.port.count() - 1, name, _TOOLTIP)

    def toggle_test(self) -> None:
        """Start reading from the device as configured, or stop."""
        if self.test_bridge is not None:
            self.stop_test()
            return
        device = self.config()
        if device is None:
            self.test_status.setText(_("Choose a port first"))
            return
        self.test_reading.clear()
        self.test_bridge = ScaleBridge(reader_for(device), self)
        self.test_bridge.reading_did_arrive.connect(self._show_reading)
        self.test_bridge.status_did_change.connect(self._show_status)
        self.test_bridge.start()
        self.test.setText(_("Stop test"))

    def stop_test(self) -> None:
        """Stop a running test reading."""
        bridge, self.test_bridge = self.test_bridge, None
        if bridge is not None:
            bridge.stop()
            bridge.deleteLater()
        self.test.setText(_("Test reading"))

    def _show_reading(self, kg: float, _source: MeasurementSource, _device_id: str) -> None:
        self.test_reading.setText(_("{weight} kg").format(weight=format_decimal(kg, 2)))

    def _show_status(self, status: DeviceStatus | ReadingProblem) -> None:
        self.test_status.setText(words(status))

    def accept(self) -> None:
        """Save the device (when a port is given) and close."""
        device = self.config()
        if device is not None:
            save_device(self._data_dir, device)
        super().accept()

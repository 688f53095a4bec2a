"""Settings > Puskesmas key: register the key this Posyandu's monthly files are encrypted to.

The puskesmas gives one line of text (a file, or a QR code a scanner types in); the dialog shows
its fingerprint large, and the coordinator registers it only after ticking that the puskesmas
read out the same one (docs/DECISIONS.md, "What leaves the laptop"). She also chooses here
whether contact numbers travel in the monthly file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _
from posyandu_desktop.services.export import (
    PuskesmasKey,
    PuskesmasKeyError,
    choose_send_contact_details,
    read_puskesmas_key,
    register_puskesmas_key,
    registered_puskesmas_key,
    sends_contact_details,
)
from posyandu_desktop.ui.widgets.messages import show_error

_FINGERPRINT_POINT_SIZE = 16  # compared by eye with what the puskesmas reads out


class PuskesmasKeyDialog(QDialog):
    """Show the registered puskesmas key; the coordinator registers a new one."""

    def __init__(self, data: Path, *, coordinator: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.key: PuskesmasKey | None = None
        self.setWindowTitle(_("Puskesmas key"))
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        self.current = QLabel()
        self.current.setWordWrap(True)
        layout.addWidget(self.current)
        explain = QLabel(
            _(
                "The monthly file is encrypted so that only your puskesmas can read it. Paste the"
                " key line the puskesmas gives you (or scan its QR code into the box), or open"
                " the file that holds it."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.line = QLineEdit()
        self.line.setPlaceholderText("posyandu-puskesmas-key …")
        self.line.textChanged.connect(self._read_line)
        self.open_file = QPushButton(_("Open a file…"))
        self.open_file.clicked.connect(self._choose_file)
        row.addWidget(self.line, 1)
        row.addWidget(self.open_file)
        layout.addLayout(row)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.fingerprint = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(_FINGERPRINT_POINT_SIZE)
        font.setWeight(QFont.Weight.Bold)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.found)
        layout.addWidget(self.fingerprint)
        self.same = QCheckBox(_("The puskesmas read out exactly this fingerprint"))
        self.same.toggled.connect(self._update)
        layout.addWidget(self.same)
        self.contacts = QCheckBox(
            _("Also send cadres' NIK, phone and BPJS numbers and households' phone numbers")
        )
        self.contacts.setToolTip(_("Only if the puskesmas asks for them."))
        self.contacts.setChecked(sends_contact_details(data))
        layout.addWidget(self.contacts)
        buttons = QDialogButtonBox()
        self.register = buttons.addButton(_("Register"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.register.clicked.connect(self._register)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for widget in (self.line, self.open_file, self.same, self.contacts):
            widget.setEnabled(coordinator)
        if not coordinator:
            layout.insertWidget(
                1, QLabel(_("Only the coordinator can register the puskesmas key."))
            )
        self._show_current()
        self._update()

    def _show_current(self) -> None:
        current = registered_puskesmas_key(self.data)
        if current is None:
            self.current.setText(
                _("No puskesmas key is registered yet: monthly files cannot be made.")
            )
        else:
            self.current.setText(
                _("Registered: {name}, fingerprint {fingerprint}").format(
                    name=current.name or _("the puskesmas key"), fingerprint=current.fingerprint
                )
            )

    def _read_line(self, text: str) -> None:
        self._show_found(text.strip())

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Open the puskesmas key file"))
        if path:
            self._show_found(path)

    def _show_found(self, text: str) -> None:
        self.key = None
        self.same.setChecked(False)
        if text:
            try:
                self.key = read_puskesmas_key(text)
            except (OSError, PuskesmasKeyError):
                self.found.setText(_("This is not a puskesmas key line."))
        if self.key is None:
            self.fingerprint.clear()
            if not text:
                self.found.clear()
        else:
            self.found.setText(
                _("Puskesmas: {name}. Compare this fingerprint with the one it reads out:").format(
                    name=self.key.name or "-"
                )
            )
            self.fingerprint.setText(self.key.fingerprint)
        self._update()
        self.adjustSize()  # the wrapped lines above need their height

    def _update(self) -> None:
        self.register.setEnabled(
            self.contacts.isEnabled() and (self.key is None or self.same.isChecked())
        )

    def _register(self) -> None:
        try:
            if self.key is not None:
                register_puskesmas_key(self.data, self.key)
            choose_send_contact_details(self.data, self.contacts.isChecked())
        except OSError as error:
            show_error(
                self,
                _("The key could not be saved in the data folder: {reason}").format(
                    reason=error.strerror or type(error).__name__
                ),
            )
            return
        self.accept()


def open_puskesmas_key(data: Path, *, coordinator: bool, parent: QWidget | None = None) -> None:
    """Show the dialog (modal)."""
    PuskesmasKeyDialog(data, coordinator=coordinator, parent=parent).exec()

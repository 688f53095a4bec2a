"""The registered keys: which Posyandu laptop signs with which key. A file is valid only when it
is signed by the key registered for its Posyandu code, so a key is registered once per laptop,
from the fingerprint its Settings screen shows (typed here, or confirmed from one of its files).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.exchange.words import trust_file_error_text
from posyandu_desktop.i18n import _
from posyandu_desktop.services.export import PuskesmasKeyError, ensure_own_puskesmas_key
from posyandu_desktop.services.puskesmas import (
    TrustedKey,
    normalise_fingerprint,
    register_key,
    registered_keys,
    unregister_key,
)
from posyandu_desktop.ui.puskesmas.keys_table_model import (
    Column,
    KeysTableModel,
    fingerprint_font,
)
from posyandu_desktop.ui.widgets.messages import ask, show_error
from posyandu_desktop.ui.widgets.qr_code import QrCode

log = logging.getLogger(__name__)

_ERROR_STYLE = "color: #b71c1c; font-weight: bold;"
_DONE_STYLE = "color: #2e7d32; font-weight: bold;"
_QR_MODULE_PX = 3  # a phone camera reads 3 px modules off a laptop screen from 20 cm
_FINGERPRINT_CHARACTERS = 48  # 32 hex digits and the spaces between groups, with some slack


class KeysPage(QWidget):
    """The table of registered keys, a form to register one, and removal of the selected one."""

    keys_did_change = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.model = KeysTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.FINGERPRINT, QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton(_("Remove the selected key…"))
        self.remove_button.setMinimumHeight(40)

        self.code = QLineEdit()
        self.code.setMaxLength(30)
        self.code.setPlaceholderText(_("e.g. 6474-MEL-01"))
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(_("e.g. Posyandu Melati"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setMaxLength(_FINGERPRINT_CHARACTERS)
        self.fingerprint.setFont(fingerprint_font())
        self.fingerprint.setPlaceholderText("3F2A 9C01 7B44 …")
        for field, width in ((self.code, 260), (self.name, 520), (self.fingerprint, 520)):
            field.setMaximumWidth(width)
        self.add_button = QPushButton(_("Register the key"))
        self.add_button.setProperty("primary", True)
        self.add_button.setMinimumHeight(40)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._lay_out()

        self.add_button.clicked.connect(self.add_typed_key)
        self.fingerprint.returnPressed.connect(self.add_typed_key)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update())
        self.refresh()

    def _lay_out(self) -> None:
        intro = QLabel(
            _(
                "A Posyandu's file is valid only when it is signed by the key registered here for"
                " its code. Each Posyandu laptop shows its key's fingerprint in its Settings"
                " screen: register it once, before the first file, or from a file in the first"
                " tab after comparing the fingerprints."
            )
        )
        intro.setWordWrap(True)
        hint = QLabel(
            _(
                "Type the 32 letters and digits exactly as the Posyandu's Settings screen shows"
                " them; spaces and small or capital letters do not matter."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #546e7a;")
        form_box = QGroupBox(_("Register a Posyandu's key"))
        form = QFormLayout(form_box)
        form.addRow(_("Posyandu code *"), self.code)
        form.addRow(_("Posyandu name"), self.name)
        form.addRow(_("Key fingerprint *"), self.fingerprint)
        form.addRow("", hint)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.message, 1)
        form.addRow("", add_row)

        table_buttons = QHBoxLayout()
        table_buttons.addStretch(1)
        table_buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._own_key_box())
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(table_buttons)
        layout.addWidget(form_box)

    def _own_key_box(self) -> QGroupBox:
        """This puskesmas's own key: the line each Posyandu laptop registers (typed, pasted,
        opened from a file or scanned from the QR code), and its fingerprint to read out."""
        box = QGroupBox(_("This puskesmas's key (for the Posyandu laptops)"))
        self.own_qr = QrCode()
        self.own_fingerprint = QLabel()
        self.own_fingerprint.setFont(fingerprint_font())
        self.own_line = QLineEdit()
        self.own_line.setReadOnly(True)
        explain = QLabel(
            _(
                "Each Posyandu laptop registers this line in its Settings (Puskesmas key), from a"
                " file, by pasting it or by scanning the QR code; then read the fingerprint out"
                " to the coordinator. Files are encrypted to this key: only this laptop opens"
                " them."
            )
        )
        explain.setWordWrap(True)
        try:
            key = ensure_own_puskesmas_key(self.data_dir)
        except (OSError, PuskesmasKeyError) as error:
            log.warning("the puskesmas key could not be read or made: %s", error)
            self.own_fingerprint.setText(_("The key could not be read from the data folder."))
        else:
            self.own_fingerprint.setText(key.fingerprint)
            self.own_line.setText(key.line)
            self.own_qr.set_text(key.line)
        self.own_qr.setFixedSize(self.own_qr.size_for(_QR_MODULE_PX))
        words = QVBoxLayout()
        words.addWidget(self.own_fingerprint)
        words.addWidget(self.own_line)
        words.addWidget(explain)
        words.addStretch(1)
        row = QHBoxLayout(box)
        row.addWidget(self.own_qr)
        row.addLayout(words, 1)
        return box

    def refresh(self) -> None:
        """Read the registered keys again (a small file in the data folder)."""
        try:
            keys = registered_keys(self.data_dir)
        except ValueError as error:  # the file was edited by hand and a line is wrong
            line = getattr(error, "line_number", None)
            self._say(trust_file_error_text(line) if isinstance(line, int) else str(error), False)
            keys = ()
        self.model.set_rows(keys)
        self._update()

    def _update(self) -> None:
        self.remove_button.setEnabled(self.selected_key() is not None)

    def selected_key(self) -> TrustedKey | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _say(self, text: str, done: bool) -> None:
        self.message.setStyleSheet(_DONE_STYLE if done else _ERROR_STYLE)
        self.message.setText(text)

    def add_typed_key(self) -> None:
        """Register the key typed in the form, after checking it (and asking before it
        replaces another)."""
        code = self.code.text().strip()
        fingerprint = normalise_fingerprint(self.fingerprint.text())
        if not code:
            self._say(_("Type the Posyandu's code, as its Settings screen shows it."), False)
            self.code.setFocus()
            return
        if len(code.split()) != 1:
            self._say(_("A Posyandu code has no spaces."), False)
            self.code.setFocus()
            return
        if fingerprint is None:
            self._say(
                _(
                    "A fingerprint is 32 letters and digits (0–9 and A–F). Check what was typed"
                    " against the Posyandu's Settings screen."
                ),
                False,
            )
            self.fingerprint.setFocus()
            return
        key = TrustedKey(fingerprint, code, " ".join(self.name.text().split()))
        if not self._may_replace(key):
            return
        try:
            register_key(self.data_dir, key)
        except (OSError, ValueError):
            log.exception("the key could not be registered")
            self._say(_("The key could not be registered in the data folder."), False)
            return
        self.code.clear()
        self.name.clear()
        self.fingerprint.clear()
        self._say(_("The key of {code} is registered.").format(code=code), True)
        self.refresh()
        self.keys_did_change.emit()

    def _may_replace(self, key: TrustedKey) -> bool:
        """Ask before the new key pushes out a registered one (another laptop for this code,
        or this key moving to another code)."""
        held = self.model.records()
        questions = []
        for old in held:
            same_code = old.posyandu_code.casefold() == key.posyandu_code.casefold()
            if same_code and old.fingerprint != key.fingerprint:
                questions.append(
                    _(
                        "{code} already has a registered key ({fingerprint}). Files signed with"
                        " that key will no longer be accepted."
                    ).format(code=old.posyandu_code, fingerprint=old.fingerprint)
                )
            elif old.fingerprint == key.fingerprint and not same_code:
                questions.append(
                    _("This key is registered to {code}. It will belong to {new} instead.").format(
                        code=old.posyandu_code, new=key.posyandu_code
                    )
                )
        if not questions:
            return True
        text = "\n\n".join([*questions, _("Register the new key anyway?")])
        return ask(self, _("Replace a registered key?"), text, _("Replace"), _("Cancel"))

    def remove_selected(self) -> None:
        """Remove the selected key: that Posyandu's files are rejected until one is registered."""
        key = self.selected_key()
        if key is None:
            return
        question = _(
            "Remove the key of {code}? Its files will be rejected until a key is registered"
            " for it again."
        ).format(code=key.posyandu_code)
        if not ask(self, _("Remove the key?"), question, _("Remove"), _("Cancel")):
            return
        try:
            unregister_key(self.data_dir, key.fingerprint)
        except (OSError, ValueError):
            log.exception("the key could not be removed")
            show_error(self, _("The key could not be removed from the data folder."))
            return
        self._say("", True)
        self.refresh()
        self.keys_did_change.emit()

"""The backup recovery key, shown once: when the coordinator first sends backups outside the
data folder (a USB stick), they are sealed, and only this key opens them again
(services/housekeeping.py). Large, grouped, with a plain instruction to write it down or print
this window; the app never shows it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _
from posyandu_desktop.services.housekeeping import (
    RecoveryKeyError,
    backup_is_sealed,
    has_recovery_key,
    make_recovery_key,
)

_KEY_POINT_SIZE = 20  # copied by hand onto paper: large, fixed-width, in groups of four


class RecoveryKeyDialog(QDialog):
    """Show a new recovery key; closing needs the tick "I wrote it down"."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Backup recovery key"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Backups on the flash drive are now locked with this recovery key. Without it a"
                " lost flash drive cannot be read, and neither can you restore from it. Write it"
                " down or print it now and keep the paper away from the laptop: it is shown only"
                " this once."
            )
        )
        intro.setWordWrap(True)
        self.key = QLabel(key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(_KEY_POINT_SIZE)
        font.setWeight(QFont.Weight.Bold)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.written = QCheckBox(_("I wrote down or printed the recovery key"))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self._print)
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton(_("Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setEnabled(False)
        self.written.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        for widget in (intro, self.key, self.written, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(720)

    def reject(self) -> None:  # Escape must not lose the only showing of the key
        if self.written.isChecked():
            super().reject()

    def _print(self) -> None:
        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            self.render(painter, QPoint(0, 0))
        finally:
            painter.end()


def ensure_recovery_key(data: Path, parent: QWidget | None = None) -> RecoveryKeyDialog | None:
    """Before backups first go outside the data folder: make the recovery key and show it
    (window-modal over `parent`); None when one was made before."""
    if has_recovery_key(data):
        return None
    dialog = RecoveryKeyDialog(make_recovery_key(data), parent)
    dialog.open()
    return dialog


def ask_recovery_key(backup: Path, parent: QWidget | None = None) -> str | None:
    """The recovery key for a sealed backup, typed by the coordinator (None: not sealed, so
    none needed, or cancelled: then "" is returned)."""
    if not backup_is_sealed(backup):
        return None
    text, ok = QInputDialog.getText(
        parent,
        _("Backup recovery key"),
        _(
            "This backup on the flash drive is locked. Type the recovery key written down when"
            " the flash drive was chosen (32 letters and digits):"
        ),
    )
    return text.strip() if ok else ""


def recovery_key_problem(error: BaseException) -> str:
    """Words for a restore refused for its recovery key ("" for any other failure)."""
    if not isinstance(error, RecoveryKeyError):
        return ""
    return _(
        "This recovery key does not open the backup: check each letter and digit. Your data was"
        " not changed."
    )

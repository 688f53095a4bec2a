"""Where the monthly file goes: the flash drives found (name, folder, free space), "Refresh",
and "Choose another folder…" for a stick the list does not recognise.

The widget only shows drives it is given (`set_drives`): the export page looks for them off the
GUI thread, since a card reader without a card can keep the system busy for seconds.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _, format_decimal
from posyandu_desktop.services.export import Drive
from posyandu_desktop.ui.theme import WARNING_COLOURS

_GB, _MB = 1024**3, 1024**2
_BUTTON_HEIGHT = 40
_ROWS = 3  # the list's height in rows: a laptop seldom has more sticks in at once


def space_text(size_bytes: int) -> str:
    """Free space in words: 3,2 GB, or 640 MB below a gigabyte."""
    if size_bytes >= _GB:
        return _("{size} GB").format(size=format_decimal(size_bytes / _GB, 1))
    return _("{size} MB").format(size=format_decimal(size_bytes / _MB, 0))


def drive_text(drive: Drive) -> str:
    """KADER (E:\\), 3,2 GB free."""
    return _("{label} ({path}), {free} free").format(
        label=drive.label, path=drive.path, free=space_text(drive.free_bytes)
    )


class DrivePicker(QWidget):
    """The drives as a list (one chosen), or a hint to plug one in when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.other_folder: Path | None = None
        self.drives = QListWidget()
        self.drives.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        row_px = self.drives.fontMetrics().height() + 10
        self.drives.setFixedHeight(row_px * _ROWS + 6)
        self.no_drive = QLabel()
        self.no_drive.setWordWrap(True)
        background, text = WARNING_COLOURS
        self.no_drive.setStyleSheet(f"background: {background}; color: {text}; padding: 8px;")
        self.refresh = QPushButton(_("Refresh"))
        self.choose_folder = QPushButton(_("Choose another folder…"))
        self.choose_folder.clicked.connect(self.choose_other_folder)
        for button in (self.refresh, self.choose_folder):
            button.setMinimumHeight(_BUTTON_HEIGHT)

        shown = QVBoxLayout()
        shown.setContentsMargins(0, 0, 0, 0)
        shown.addWidget(self.drives)
        shown.addWidget(self.no_drive)
        shown.addStretch(1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.refresh)
        buttons.addWidget(self.choose_folder)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(shown, 1)
        row.addLayout(buttons)
        self._show_hint()

    def set_drives(self, drives: tuple[Drive, ...]) -> None:
        """Show these drives (and the other folder, if one was chosen); keep the choice."""
        before = self.chosen_folder()
        self.drives.clear()
        for drive in drives:
            self._add(drive_text(drive), drive.path)
        if self.other_folder is not None:
            self._add(_("Other folder: {path}").format(path=self.other_folder), self.other_folder)
        paths = [self._path(i) for i in range(self.count())]
        self.drives.setCurrentRow(paths.index(before) if before in paths else 0)
        self._show_hint()

    def count(self) -> int:
        """Drives (and the other folder) offered."""
        return self.drives.count()

    def chosen_folder(self) -> Path | None:
        """Where the file would be copied now; None when there is nowhere."""
        row = self.drives.currentRow()
        return self._path(row) if row >= 0 else None

    def ask_for_folder(self) -> Path | None:
        """Let the cadre pick any folder (tests replace this)."""
        chosen = QFileDialog.getExistingDirectory(self, _("Choose where to copy the file"))
        return Path(chosen) if chosen else None

    def choose_other_folder(self) -> None:
        """Offer a folder of the cadre's choice (a stick the list did not recognise)."""
        folder = self.ask_for_folder()
        if folder is None:
            return
        self.other_folder = folder
        paths = [self._path(i) for i in range(self.count())]
        if folder not in paths:
            self._add(_("Other folder: {path}").format(path=folder), folder)
            paths.append(folder)
        self.drives.setCurrentRow(paths.index(folder))
        self._show_hint()

    def set_buttons_enabled(self, enabled: bool) -> None:
        self.refresh.setEnabled(enabled)
        self.choose_folder.setEnabled(enabled)

    def _add(self, text: str, folder: Path) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, folder)
        item.setToolTip(str(folder))
        self.drives.addItem(item)

    def _path(self, row: int) -> Path:
        found = self.drives.item(row).data(Qt.ItemDataRole.UserRole)
        assert isinstance(found, Path)
        return found

    def _show_hint(self) -> None:
        empty = self.count() == 0
        self.drives.setVisible(not empty)
        self.no_drive.setVisible(empty)
        self.no_drive.setText(
            _(
                "No flash drive found. Plug one in and press \u201c{refresh}\u201d. Without one"
                " the file is still made and kept on the laptop."
            ).format(refresh=self.refresh.text())
        )

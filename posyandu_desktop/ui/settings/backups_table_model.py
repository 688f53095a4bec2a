"""The backups in the backup folder, newest first: when, why, how big."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from posyandu_desktop.i18n import N_, _, format_date, format_decimal, vocabulary_label
from posyandu_desktop.services import Backup

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BackupRow:
    backup: Backup
    size_bytes: int


class Column(IntEnum):
    TAKEN_AT = 0
    KIND = 1
    SIZE = 2
    FILE = 3


_HEADERS = {
    Column.TAKEN_AT: N_("Taken on"),
    Column.KIND: N_("Kind"),
    Column.SIZE: N_("Size"),
    Column.FILE: N_("File"),
}


def size_text(size_bytes: int) -> str:
    """A file size in megabytes, 1,2 MB."""
    return _("{size} MB").format(size=format_decimal(size_bytes / _MB, 1))


def taken_at_text(backup: Backup) -> str:
    """23 November 2026, 08:30 (the laptop's clock, as in the file name)."""
    return _("{date}, {hour}:{minute}").format(
        date=format_date(backup.taken_at.date()),
        hour=f"{backup.taken_at.hour:02d}",
        minute=f"{backup.taken_at.minute:02d}",
    )


class BackupsTableModel(QAbstractTableModel):
    """Read-only rows over `services.list_backups`, with file sizes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[BackupRow, ...] = ()

    def set_rows(self, rows: tuple[BackupRow, ...]) -> None:
        """Show these backups."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def backup(self, row: int) -> Backup:
        return self._rows[row].backup

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[Column(section)])
        return None

    def text(self, row: BackupRow, column: Column) -> str:
        """What a cell shows."""
        match column:
            case Column.TAKEN_AT:
                return taken_at_text(row.backup)
            case Column.KIND:
                return vocabulary_label(row.backup.kind)
            case Column.SIZE:
                return size_text(row.size_bytes)
            case Column.FILE:
                return row.backup.path.name

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.FILE:
            return str(row.backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

"""The backups in the backup folder, newest first: when, why, how big."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from posyandu_desktop.i18n import N_, _, format_date, format_decimal, vocabulary_label
from posyandu_desktop.services import Backup
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel

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


class BackupsTableModel(RecordTableModel[BackupRow]):
    """Read-only rows over `services.list_backups`, with file sizes."""

    columns = Column
    headers = _HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)

    def backup(self, row: int) -> Backup:
        return self.record(row).backup

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

    def tooltip(self, row: BackupRow, column: Column) -> str | None:
        return str(row.backup.path) if column is Column.FILE else None

    def alignment(self, row: BackupRow, column: Column) -> Any:
        if column is Column.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

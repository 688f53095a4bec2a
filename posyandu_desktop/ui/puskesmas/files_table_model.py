"""The files being checked, one row per file: what it is, and whether it may be merged."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QObject

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.i18n import N_
from posyandu_desktop.services.puskesmas import FileReport
from posyandu_desktop.ui.puskesmas import words
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class Column(IntEnum):
    FILE = 0
    POSYANDU = 1
    MONTH = 2
    REVISION = 3
    VERDICT = 4
    KEY = 5


_HEADERS = {
    Column.FILE: N_("File"),
    Column.POSYANDU: N_("Posyandu"),
    Column.MONTH: N_("Month"),
    Column.REVISION: N_("Revision"),
    Column.VERDICT: N_("Verdict"),
    Column.KEY: N_("Key"),
}


class FilesTableModel(RecordTableModel[FileReport]):
    """Read-only rows over the reports of `services.puskesmas.check_files`, in the order added."""

    columns = Column
    headers = _HEADERS
    centred = frozenset({Column.REVISION, Column.VERDICT})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)

    def row_of(self, path: Path) -> int | None:
        """The row of a file, or None when it is not in the list."""
        for row, report in enumerate(self.records()):
            if report.path == path:
                return row
        return None

    def text(self, report: FileReport, column: Column) -> str:
        match column:
            case Column.FILE:
                return report.path.name
            case Column.POSYANDU:
                return words.posyandu_text(report)
            case Column.MONTH:
                return words.month_text(report)
            case Column.REVISION:
                return words.revision_text(report)
            case Column.VERDICT:
                return words.verdict_text(report)
            case Column.KEY:
                return words.key_text(report)

    def severity(self, report: FileReport, column: Column) -> Severity | None:
        return words.verdict_severity(report) if column is Column.VERDICT else None

    def tooltip(self, report: FileReport, column: Column) -> str | None:
        if column is Column.FILE:
            return str(report.path)
        if column is Column.POSYANDU:
            return words.posyandu_text(report)  # the column may be too narrow for a long name
        if column is Column.VERDICT and not report.ok:
            return words.rejection_reason(report)
        return None

"""The ledger of monthly exports, newest first: which month, which revision, when and by whom,
how many rows, the file, and where it was copied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from posyandu_desktop.i18n import N_, _, format_date, format_month
from posyandu_desktop.services.export import ExportEntry, Period
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One export with the words the ledger needs besides the entry itself."""

    entry: ExportEntry
    made_by: str  # the cadre's name ("" when unknown)
    copied_to: str  # the newest copy's folder ("" when none is known)


class Column(IntEnum):
    MONTH = 0
    REVISION = 1
    MADE_AT = 2
    MADE_BY = 3
    ROWS = 4
    FILE = 5
    COPIED_TO = 6


_HEADERS = {
    Column.MONTH: N_("Month"),
    Column.REVISION: N_("Revision"),
    Column.MADE_AT: N_("Made on"),
    Column.MADE_BY: N_("By"),
    Column.ROWS: N_("Records"),
    Column.FILE: N_("File"),
    Column.COPIED_TO: N_("Copied to"),
}


def month_text(period: str) -> str:
    """ "2026-10" in words: Oktober 2026."""
    month = Period.parse(period)
    return format_month(month.year, month.month)


def revision_text(revision: int) -> str:
    """1, or "2 (replaces r1)": a later revision stands in for the one before it."""
    if revision <= 1:
        return str(revision)
    return _("{revision} (replaces r{previous})").format(revision=revision, previous=revision - 1)


def made_at_text(at: datetime) -> str:
    """13 November 2026, 10:05 on the laptop's clock."""
    local = at.astimezone()
    return _("{date}, {hour}:{minute}").format(
        date=format_date(local.date()), hour=f"{local.hour:02d}", minute=f"{local.minute:02d}"
    )


def row_count(entry: ExportEntry) -> int:
    """Rows the file carries, all tables together."""
    return sum(entry.counts.values())


class ExportsTableModel(RecordTableModel[LedgerRow]):
    """Read-only ledger rows, newest month and revision first."""

    columns = Column
    headers = _HEADERS
    centred = frozenset({Column.REVISION})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)

    def set_rows(self, rows: tuple[LedgerRow, ...]) -> None:
        newest_first = sorted(rows, key=lambda r: (r.entry.period, r.entry.revision), reverse=True)
        super().set_rows(tuple(newest_first))

    def entry(self, row: int) -> ExportEntry:
        return self.record(row).entry

    def row_of(self, export_id: int) -> int | None:
        """The row showing this export, if any."""
        return next((i for i, r in enumerate(self.records()) if r.entry.id == export_id), None)

    def text(self, row: LedgerRow, column: Column) -> str:
        """What a cell shows."""
        entry = row.entry
        match column:
            case Column.MONTH:
                return month_text(entry.period)
            case Column.REVISION:
                return revision_text(entry.revision)
            case Column.MADE_AT:
                return made_at_text(entry.created_at)
            case Column.MADE_BY:
                return row.made_by or "\u2014"
            case Column.ROWS:
                return str(row_count(entry))
            case Column.FILE:
                return entry.file_name
            case Column.COPIED_TO:
                return row.copied_to or "\u2014"

    def tooltip(self, row: LedgerRow, column: Column) -> str | None:
        if column is Column.ROWS:
            counts = row.entry.counts
            return "\n".join(f"{table}: {n}" for table, n in counts.items() if n)
        if column is Column.COPIED_TO and row.copied_to:
            return row.copied_to
        if column is Column.FILE:
            return row.entry.file_name
        return None

    def alignment(self, row: LedgerRow, column: Column) -> Any:
        if column is Column.ROWS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return super().alignment(row, column)

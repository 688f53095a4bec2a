"""The measuring desk's queue: today's arrivals not yet measured, in queue order."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import N_, _, age_text, life_stage_label, ngettext, pgettext
from posyandu_desktop.services.desks import QueueEntry

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # Qt's default `parent`: the invisible root


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    AGE = 2


# Under five the months matter (KBM, vitamin A, immunisation); from five, years are enough.
_YEARS_ONLY_FROM_MONTHS = 60
_HEADERS = {Column.NUMBER: N_("No."), Column.NAME: N_("Name"), Column.AGE: N_("Age")}


def sex_letter(sex: Sex) -> str:
    """L or P, as Indonesian forms write sex."""
    return pgettext("sex letter", "M") if sex is Sex.MALE else pgettext("sex letter", "F")


def short_age(age_days: int, age_months: int) -> str:
    """Years alone from five years ("63 tahun"), as the queue is narrow; months below."""
    if age_months < _YEARS_ONLY_FROM_MONTHS:
        return age_text(age_days)
    years = age_months // 12
    return ngettext("{n} year", "{n} years", years).format(n=years)


class QueueTableModel(QAbstractTableModel):
    """Read-only rows over `services.desks.waiting_at_desk`."""

    def __init__(self, entries: tuple[QueueEntry, ...] = ()) -> None:
        super().__init__()
        self._entries = entries

    def set_entries(self, entries: tuple[QueueEntry, ...]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry(self, row: int) -> QueueEntry:
        return self._entries[row]

    def row_of(self, arrival_id: int) -> int | None:
        """The row of this arrival, or None when it left the queue."""
        return next(
            (row for row, e in enumerate(self._entries) if e.arrival.id == arrival_id), None
        )

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[Column(section)])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry, column = self._entries[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            person = entry.person
            mother = person.mother_name or ""
            return _("{stage}; mother: {mother}").format(
                stage=life_stage_label(entry.life_stage), mother=mother or "-"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.NUMBER:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def text(self, entry: QueueEntry, column: Column) -> str:
        """The cell's text (also what tests read)."""
        match column:
            case Column.NUMBER:
                return str(entry.arrival.queue_number)
            case Column.NAME:
                return entry.person.name  # sex is in the header once selected: names need room
            case Column.AGE:
                return short_age(entry.age_days, entry.age_months)

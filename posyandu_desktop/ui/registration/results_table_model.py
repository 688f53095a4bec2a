"""The registration desk's search results: who matches what the cadre typed."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from posyandu_desktop.i18n import N_, _, age_text, format_date_short
from posyandu_desktop.services import PersonListing, PersonMatch
from posyandu_desktop.ui.measuring.queue_table_model import sex_letter

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # Qt's default `parent`: the invisible root


class Column(IntEnum):
    NAME = 0
    AGE = 1
    MOTHER = 2
    RT_RW = 3


_HEADERS = {
    Column.NAME: N_("Name"),
    Column.AGE: N_("Age"),
    Column.MOTHER: N_("Mother"),
    Column.RT_RW: N_("RT/RW"),
}


def rt_rw_text(person: PersonListing) -> str:
    """RT/RW as forms write them, 003/005; "" when unknown."""
    if person.rt is None and person.rw is None:
        return ""
    rt = "-" if person.rt is None else f"{person.rt:03d}"
    rw = "-" if person.rw is None else f"{person.rw:03d}"
    return f"{rt}/{rw}"


class ResultsTableModel(QAbstractTableModel):
    """Read-only rows over `services.find_people`."""

    def __init__(self, today: date, matches: tuple[PersonMatch, ...] = ()) -> None:
        super().__init__()
        self.today = today
        self._matches = matches

    def set_matches(self, matches: tuple[PersonMatch, ...]) -> None:
        self.beginResetModel()
        self._matches = matches
        self.endResetModel()

    def person_match(self, row: int) -> PersonMatch:
        return self._matches[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._matches)

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
        found, column = self._matches[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(found, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            person = found.person
            return _("Born {date}; NIK {nik}").format(
                date=format_date_short(person.birth_date), nik=person.nik or "-"
            )
        return None

    def text(self, found: PersonMatch, column: Column) -> str:
        """The cell's text (also what tests read)."""
        person = found.person
        match column:
            case Column.NAME:
                return f"{person.name} ({sex_letter(person.sex)})"
            case Column.AGE:
                return age_text(max(0, (self.today - person.birth_date).days))
            case Column.MOTHER:
                return person.mother_name or ""
            case Column.RT_RW:
                return rt_rw_text(person)

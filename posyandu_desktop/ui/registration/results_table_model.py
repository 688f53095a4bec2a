"""The registration desk's search results: who matches what the cadre typed."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QObject

from posyandu_desktop.i18n import N_, _, age_text, format_date_short, format_rt_rw
from posyandu_desktop.services import PersonMatch
from posyandu_desktop.ui.measuring.queue_table_model import sex_letter
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


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


class ResultsTableModel(RecordTableModel[PersonMatch]):
    """Read-only rows over `services.find_people`."""

    columns = Column
    headers = _HEADERS

    def __init__(
        self,
        today: date,
        matches: tuple[PersonMatch, ...] = (),
        parent: QObject | None = None,
    ) -> None:
        self.today = today
        super().__init__(matches, parent)

    def set_matches(self, matches: tuple[PersonMatch, ...]) -> None:
        self.set_rows(matches)

    def person_match(self, row: int) -> PersonMatch:
        return self.record(row)

    def tooltip(self, found: PersonMatch, column: Column) -> str | None:
        person = found.person
        return _("Born {date}; NIK {nik}").format(
            date=format_date_short(person.birth_date), nik=person.nik or "-"
        )

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
                return format_rt_rw(person.rt, person.rw)

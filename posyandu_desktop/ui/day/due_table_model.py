"""Children due today: under five and not weighed this month, or still owed vitamin A (in
February and August, a narrow column with the capsule's colour)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.i18n import (
    N_,
    _,
    age_text_on,
    capsule_label,
    format_date_short,
    format_rt_rw,
)
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import DueChild
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole


class Column(IntEnum):
    NAME = 0
    AGE = 1
    MOTHER = 2
    RT_RW = 3
    LAST_WEIGHED = 4
    VITAMIN_A = 5


_HEADERS = {
    Column.NAME: N_("Name"),
    Column.AGE: N_("Age"),
    Column.MOTHER: N_("Mother"),
    Column.RT_RW: N_("RT/RW"),
    Column.LAST_WEIGHED: N_("Last weighed"),
    Column.VITAMIN_A: N_("Vit. A"),
}
_CAPSULE_COLOURS = {VitaminACapsule.BLUE: "#1565c0", VitaminACapsule.RED: "#c62828"}


class DueTableModel(RecordTableModel[DueChild]):
    """Read-only rows over `services.due_today`."""

    columns = Column
    headers = _HEADERS

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        self._today = today
        super().__init__(parent=parent)

    def set_rows(self, rows: tuple[DueChild, ...], today: date | None = None) -> None:
        """Show these children (on `today`, if the day moved on)."""
        self._today = today or self._today
        super().set_rows(rows)

    def due(self, row: int) -> DueChild:
        return self.record(row)

    def text(self, due: DueChild, column: Column) -> str:
        """What a cell shows."""
        person = due.person
        match column:
            case Column.NAME:
                return person.name
            case Column.AGE:
                return age_text_on(person.birth_date, self._today)
            case Column.MOTHER:
                return person.mother_name or ""
            case Column.RT_RW:
                return format_rt_rw(person.rt, person.rw)
            case Column.LAST_WEIGHED:
                if due.last_weighed_on is None:
                    return _("never")
                return format_date_short(due.last_weighed_on)
            case Column.VITAMIN_A:
                return "" if due.vitamin_a is None else words(due.vitamin_a, "colour")

    def colours(self, due: DueChild, column: Column) -> tuple[str, str] | None:
        if column is Column.VITAMIN_A and due.vitamin_a is not None:
            return _CAPSULE_COLOURS[due.vitamin_a], "#ffffff"
        return None

    def alignment(self, due: DueChild, column: Column) -> Any:
        if column is Column.VITAMIN_A and due.vitamin_a is not None:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def role_data(self, due: DueChild, column: Column, role: int) -> Any:
        return due.person.id if role == PERSON_ID_ROLE else None

    def tooltip(self, due: DueChild, column: Column) -> str | None:
        if column is Column.NAME and due.person.mother_name:
            return _("{name}, child of {mother}").format(
                name=due.person.name, mother=due.person.mother_name
            )
        if column is Column.VITAMIN_A and due.vitamin_a is not None:
            return capsule_label(due.vitamin_a)
        return None

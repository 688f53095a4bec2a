"""Sessions attended per cadre in a month: for the cadre's activity record and honorarium list."""

from __future__ import annotations

from enum import IntEnum

from posyandu_desktop.i18n import N_, _, vocabulary_label
from posyandu_desktop.services.cadres import CadreMonth, MonthlyAttendance
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class MonthColumn(IntEnum):
    CADRE = 0
    GRADE = 1
    ATTENDED = 2
    DATES = 3


_HEADERS = {
    MonthColumn.CADRE: N_("Cadre"),
    MonthColumn.GRADE: N_("Training"),
    MonthColumn.ATTENDED: N_("Attended"),
    MonthColumn.DATES: N_("Dates"),
}


class MonthlyTableModel(RecordTableModel[CadreMonth]):
    """Read-only rows over `services.cadres.monthly_attendance`."""

    columns = MonthColumn
    headers = _HEADERS
    centred = frozenset({MonthColumn.ATTENDED})

    def __init__(self) -> None:
        super().__init__()
        self.sessions = 0

    def set_month(self, month: MonthlyAttendance) -> None:
        self.sessions = len(month.sessions)
        self.set_rows(month.cadres)

    def text(self, row: CadreMonth, column: MonthColumn) -> str:
        match column:
            case MonthColumn.CADRE:
                if row.cadre.active:
                    return row.cadre.name
                return _("{name} (no longer active)").format(name=row.cadre.name)
            case MonthColumn.GRADE:
                grade = row.cadre.training_grade
                return "" if grade is None else vocabulary_label(grade)
            case MonthColumn.ATTENDED:
                return _("{attended} of {held}").format(
                    attended=len(row.days_served), held=self.sessions
                )
            case MonthColumn.DATES:
                return ", ".join(str(d.day) for d in row.days_served)

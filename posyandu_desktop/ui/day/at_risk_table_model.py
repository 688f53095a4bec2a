"""The early-warning list as a table: who, how old, and the heaviest reason in one line."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from posyandu_desktop.i18n import N_, age_text_on
from posyandu_desktop.i18n.early_warning_words import risk_headline, risk_line
from posyandu_desktop.services.people import AtRisk
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole


class Column(IntEnum):
    NAME = 0
    AGE = 1
    REASON = 2


_HEADERS = {Column.NAME: N_("Name"), Column.AGE: N_("Age"), Column.REASON: N_("Why")}


class AtRiskTableModel(RecordTableModel[AtRisk]):
    """Read-only rows over `services.people.stunting_risks`, visit-first order."""

    columns = Column
    headers = _HEADERS

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        self._today = today
        super().__init__(parent=parent)

    def set_rows(self, rows: tuple[AtRisk, ...], today: date | None = None) -> None:
        self._today = today or self._today
        super().set_rows(rows)

    def text(self, record: AtRisk, column: Column) -> str:
        match column:
            case Column.NAME:
                return record.name
            case Column.AGE:
                return age_text_on(record.birth_date, self._today)
            case Column.REASON:
                return risk_headline(record.risk)

    def tooltip(self, record: AtRisk, column: Column) -> str | None:
        return risk_line(record.risk) if column is Column.REASON else None

    def role_data(self, record: AtRisk, column: Column, role: int) -> Any:
        return record.person_id if role == PERSON_ID_ROLE else None

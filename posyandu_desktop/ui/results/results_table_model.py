"""Today's results (desks 3-5): one row per visitor, in queue order."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

from posyandu_desktop.domain.counselling import Action
from posyandu_desktop.domain.growth.classify import Category, LilaStatus, Severity, severity
from posyandu_desktop.i18n import (
    N_,
    _,
    age_text_months,
    category_label,
    current_language,
    life_stage_label,
    lila_label,
)
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.day import AFTER_MEASURING, TodayResult
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel

ARRIVAL_ID_ROLE = Qt.ItemDataRole.UserRole


class Column(IntEnum):
    QUEUE = 0
    NAME = 1
    AGE = 2
    STAGE = 3
    KMS = 4
    STATUS = 5
    TO_DO = 6
    DESKS = 7


_HEADERS = {
    Column.QUEUE: N_("No."),
    Column.NAME: N_("Name"),
    Column.AGE: N_("Age"),
    Column.STAGE: N_("Life stage"),
    Column.KMS: N_("N/T"),
    Column.STATUS: N_("Status"),
    Column.TO_DO: N_("What to do"),
    Column.DESKS: N_("Desks 3-5"),
}
# The worst finding colours the status cell.
_RANK = {
    Severity.NORMAL: 0,
    Severity.RISK_OVER: 1,
    Severity.OVER: 2,
    Severity.MODERATE: 3,
    Severity.SEVERE: 4,
}


class ResultsTableModel(RecordTableModel[TodayResult]):
    """Read-only rows over `services.today_results.results_today`."""

    columns = Column
    headers = _HEADERS
    centred = frozenset({Column.QUEUE, Column.KMS})

    def text(self, result: TodayResult, column: Column) -> str:
        m = result.measurement
        match column:
            case Column.QUEUE:
                return str(result.arrival.queue_number)
            case Column.NAME:
                return result.person.name
            case Column.AGE:
                return age_text_months(result.age_months)
            case Column.STAGE:
                return life_stage_label(result.life_stage)
            case Column.KMS:
                status = None if m is None else m.findings.growth_status
                return "" if status is None else status.value
            case Column.STATUS:
                if m is None:
                    return _("not measured yet")
                found = _categories(result)
                if not found:
                    return "\u2013"
                # Only what is not normal: four "normal"s would hide the one that matters.
                shown = [c for c in found if severity(c) is not Severity.NORMAL]
                named = (
                    lila_label(c) if isinstance(c, LilaStatus) else category_label(c) for c in shown
                )
                return ", ".join(dict.fromkeys(named)) or _("normal")
            case Column.TO_DO:
                return ", ".join(words(a) for a in result.actions)
            case Column.DESKS:
                return "  ".join(
                    ("\u2713 " if result.passed(desk) else "\u2013 ") + str(number)
                    for number, desk in enumerate(AFTER_MEASURING, start=3)
                )
        return ""

    def severity(self, result: TodayResult, column: Column) -> Severity | None:
        if column is Column.STATUS:
            found = [severity(c) for c in _categories(result)]
            return max(found, key=_RANK.__getitem__, default=None)
        if column is Column.TO_DO and Action.REFER in result.actions:
            return Severity.SEVERE
        return None

    def tooltip(self, result: TodayResult, column: Column) -> str | None:
        if column is Column.TO_DO and result.messages:
            return "\n\n".join(m.text(current_language()) for m in result.messages)
        return None

    def role_data(self, result: TodayResult, column: Column, role: int) -> object:
        return result.arrival.id if role == ARRIVAL_ID_ROLE else None


def _categories(result: TodayResult) -> list[Category | LilaStatus]:
    m = result.measurement
    if m is None:
        return []
    f = m.findings
    found: list[Category | LilaStatus] = [
        c for c in (f.wfa_category, f.lhfa_category, f.wflh_category, f.bfa_category) if c
    ]
    if f.lila_status is not None:
        found.append(f.lila_status)
    return found

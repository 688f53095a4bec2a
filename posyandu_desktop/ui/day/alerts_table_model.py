"""This month's alerts as a table: the kind in words on its colour, who, and why."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.i18n import (
    N_,
    _,
    age_text_on,
    format_date_short,
    format_decimal,
    format_quantity,
    indicator_label,
)
from posyandu_desktop.services.day import Alert, AlertKind
from posyandu_desktop.ui.theme import SEVERITY_COLOURS, WARNING_COLOURS
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole


class Column(IntEnum):
    KIND = 0
    NAME = 1
    AGE = 2
    DETAIL = 3
    MEASURED_ON = 4


_HEADERS = {
    Column.KIND: N_("Alert"),
    Column.NAME: N_("Name"),
    Column.AGE: N_("Age"),
    Column.DETAIL: N_("Why"),
    Column.MEASURED_ON: N_("Measured on"),
}
# The alert's name as cadres say it; the colour repeats it, never replaces it.
_KIND_WORDS = {
    AlertKind.IMPLAUSIBLE: N_("Measure again"),
    AlertKind.BGM: N_("BGM"),
    AlertKind.TWO_T: N_("2T"),
    AlertKind.NEW_STUNTING: N_("New stunting"),
    AlertKind.KEK_PREGNANT: N_("KEK (pregnant)"),
}
_KIND_COLOURS = {
    AlertKind.IMPLAUSIBLE: WARNING_COLOURS,
    AlertKind.BGM: SEVERITY_COLOURS[Severity.SEVERE],
    AlertKind.TWO_T: SEVERITY_COLOURS[Severity.MODERATE],
    AlertKind.NEW_STUNTING: SEVERITY_COLOURS[Severity.MODERATE],
    AlertKind.KEK_PREGNANT: SEVERITY_COLOURS[Severity.MODERATE],
}


def kind_label(kind: AlertKind) -> str:
    """The alert's name: BGM, 2T, Stunting baru …"""
    return _(_KIND_WORDS[kind])


def detail_text(alert: Alert) -> str:
    """Why the person is on the list, short enough for its column: the number behind it."""
    match alert.kind:
        case AlertKind.IMPLAUSIBLE:
            names = ", ".join(indicator_label(i) for i in alert.indicators)
            return _("Check {indicators}").format(indicators=names)
        case AlertKind.BGM:
            return _("{indicator} z = {z}").format(
                indicator=indicator_label(Indicator.WEIGHT_FOR_AGE), z=_z(alert.value)
            )
        case AlertKind.TWO_T:
            return _("Did not gain twice")
        case AlertKind.NEW_STUNTING:
            return _("{indicator} z = {z}").format(
                indicator=indicator_label(Indicator.LENGTH_HEIGHT_FOR_AGE), z=_z(alert.value)
            )
        case AlertKind.KEK_PREGNANT:
            lila = "" if alert.value is None else format_quantity(alert.value, "cm")
            return _("LILA {lila}").format(lila=lila)


def _z(value: float | None) -> str:
    return "" if value is None else format_decimal(value, 2)


class AlertsTableModel(RecordTableModel[Alert]):
    """Read-only rows over `services.day.alerts_today`."""

    columns = Column
    headers = _HEADERS

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        self._today = today
        super().__init__(parent=parent)

    def set_rows(self, rows: tuple[Alert, ...], today: date | None = None) -> None:
        """Show these alerts (on `today`, if the day moved on)."""
        self._today = today or self._today
        super().set_rows(rows)

    def alert(self, row: int) -> Alert:
        return self.record(row)

    def text(self, alert: Alert, column: Column) -> str:
        """What a cell shows."""
        match column:
            case Column.KIND:
                return kind_label(alert.kind)
            case Column.NAME:
                return alert.name
            case Column.AGE:
                return age_text_on(alert.birth_date, self._today)
            case Column.DETAIL:
                return detail_text(alert)
            case Column.MEASURED_ON:
                return format_date_short(alert.measured_on)

    def tooltip(self, alert: Alert, column: Column) -> str | None:
        return detail_text(alert) if column is Column.DETAIL else None

    def colours(self, alert: Alert, column: Column) -> tuple[str, str] | None:
        return _KIND_COLOURS[alert.kind] if column is Column.KIND else None

    def alignment(self, alert: Alert, column: Column) -> Any:
        return Qt.AlignmentFlag.AlignCenter if column is Column.KIND else None

    def role_data(self, alert: Alert, column: Column, role: int) -> Any:
        if role == PERSON_ID_ROLE:
            return alert.person_id
        if role == Qt.ItemDataRole.FontRole and column is Column.KIND:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

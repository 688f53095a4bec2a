"""A date field as Indonesian forms write dates (dd/mm/yyyy), with a calendar to pick from."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QDateEdit):
    """A `QDateEdit` that speaks `datetime.date`; `latest` (e.g. today) cannot be passed."""

    def __init__(
        self, value: date, *, latest: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.calendarWidget().setVerticalHeaderFormat(  # no week numbers: nobody here uses them
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
        )
        self.setMinimumWidth(150)
        if latest is not None:
            self.setMaximumDate(_qdate(latest))
        self.set_value(value)

    def value(self) -> date:
        """The chosen date."""
        chosen = self.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, value: date) -> None:
        self.setDate(_qdate(value))

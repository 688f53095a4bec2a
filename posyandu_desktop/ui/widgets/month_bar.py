"""Stepping through months: "◀  November 2026: 4 visits  ▶"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from posyandu_desktop.domain.months import Period
from posyandu_desktop.i18n import _


def month_shift(first: date, months: int) -> date:
    """The first day of the month `months` after (or before) the month of `first`."""
    return Period.of(first).plus(months).first_day


class MonthBar(QWidget):
    """Previous/next buttons around a caption; `month_changed` fires with the new first day."""

    month_changed = Signal(object)

    def __init__(self, month: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = month.replace(day=1)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous, self.following = QPushButton("\u25c0"), QPushButton("\u25b6")
        self.previous.setToolTip(_("Previous month"))
        self.following.setToolTip(_("Next month"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.following.clicked.connect(lambda: self.step(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous)
        layout.addWidget(self.caption, 1)
        layout.addWidget(self.following)

    def step(self, months: int) -> None:
        self.month = month_shift(self.month, months)
        self.month_changed.emit(self.month)

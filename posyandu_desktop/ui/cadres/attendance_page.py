"""Cadre attendance: who serves today at which desk, from when to when, and the sessions each
cadre attended in a month."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import (
    _,
    format_date,
    format_month,
    format_time,
    vocabulary_label,
)
from posyandu_desktop.services import (
    AttendanceRecord,
    CadreRecord,
    Desk,
    record_cadre_attendance,
)
from posyandu_desktop.services.cadres import (
    DayAttendance,
    attendance_on,
    list_cadres,
    monthly_attendance,
)
from posyandu_desktop.ui.cadres.monthly_table_model import MonthColumn, MonthlyTableModel
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.widgets import messages
from posyandu_desktop.ui.widgets.enum_combo import EnumCombo
from posyandu_desktop.ui.widgets.month_bar import MonthBar


class CadreRow:
    """One cadre's line on today's list: desk, time, "present" and "leaving" buttons, status."""

    def __init__(self, cadre: CadreRecord, grid: QGridLayout, row: int) -> None:
        self.cadre = cadre
        self.name = QLabel(cadre.name)
        bold = QFont(self.name.font())
        bold.setBold(True)
        self.name.setFont(bold)
        self.desk = EnumCombo(Desk, vocabulary_label)
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.present_button = QPushButton(_("Present"))
        self.leaving_button = QPushButton(_("Leaving"))
        for button in (self.present_button, self.leaving_button):
            button.setMinimumHeight(34)
        self.status = QLabel()
        self.status.setWordWrap(True)
        who = QVBoxLayout()  # the name with its status under it keeps the row narrow
        who.setSpacing(0)
        who.addWidget(self.name)
        who.addWidget(self.status)
        grid.addLayout(who, row, 0)
        for column, widget in enumerate(
            (self.desk, self.at, self.present_button, self.leaving_button), start=1
        ):
            grid.addWidget(widget, row, column)

    def show(self, records: list[AttendanceRecord], now: datetime, day_open: bool) -> None:
        """Show what is recorded for this cadre today, and set the time field to now."""
        self.at.setTime(QTime(now.hour, now.minute))
        present = [r for r in records if r.left_at is None]
        if records:  # the desk they are at, or were at last (a second shift is rare)
            self.desk.set_value((present or records)[-1].desk)
        parts = []
        for r in records:
            desk, start = vocabulary_label(r.desk), format_time(r.arrived_at)
            if r.left_at is None:
                parts.append(_("present since {time} at {desk}").format(time=start, desk=desk))
            else:
                parts.append(
                    _("{desk} {start}\u2013{end}").format(
                        desk=desk, start=start, end=format_time(r.left_at)
                    )
                )
        self.status.setText("; ".join(parts) if parts else _("not signed in yet"))
        self.status.setStyleSheet(
            "QLabel { color: #2e7d32; font-weight: bold; }" if present else ""
        )
        self.present_button.setEnabled(day_open)
        self.leaving_button.setEnabled(day_open and bool(present))


class AttendancePage(Page):
    """Today's cadres on the left (one "present" click each), the month on the right."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Cadre attendance")
        self.today: DayAttendance | None = None
        self.rows: dict[int, CadreRow] = {}
        self.month = session.today().replace(day=1)

        self.day_label = QLabel()
        self.day_label.setWordWrap(True)
        heading = QFont(self.day_label.font())
        heading.setPointSize(heading.pointSize() + 2)
        heading.setBold(True)
        self.day_label.setFont(heading)
        self.today_scroll = QScrollArea()
        self.today_scroll.setWidgetResizable(True)
        today_box = QGroupBox(_("Today"))
        today_layout = QVBoxLayout(today_box)
        today_layout.addWidget(self.day_label)
        today_layout.addWidget(self.today_scroll, 1)

        month_box = self._month_box()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(today_box, 2)
        layout.addWidget(month_box, 1)
        self.refresh()

    def _month_box(self) -> QGroupBox:
        self.month_model = MonthlyTableModel()
        self.month_view = QTableView()
        self.month_view.setModel(self.month_model)
        self.month_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.month_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month_view.verticalHeader().setVisible(False)
        header = self.month_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MonthColumn.DATES, QHeaderView.ResizeMode.Stretch)
        self.month_bar = MonthBar(self.month)
        self.month_bar.month_changed.connect(self.show_month)
        month_box = QGroupBox(_("Sessions attended per month"))
        month_box.setFixedWidth(440)  # every column whole; today's list takes the rest
        month_layout = QVBoxLayout(month_box)
        month_layout.addWidget(self.month_bar)
        month_layout.addWidget(self.month_view, 1)
        return month_box

    def _now(self) -> datetime:
        now = self.session.now()
        return now if now.tzinfo is not None else now.astimezone()

    def refresh(self) -> None:
        """Reload today's session, the active cadres and the month shown."""
        today = self.session.today()
        self.today = attendance_on(self.session.db, self.session.posyandu_id, today)
        day = self.today.day
        if day is None:
            state = _("No Posyandu session today. Open it on the home screen first.")
        elif day.is_open:
            state = _("Session open since {time}.").format(time=format_time(day.opened_at))
        else:
            state = _("The session is closed.")
        self.day_label.setText(f"{format_date(today, weekday=True)} \u2014 {state}")
        self._build_rows()
        self.show_month(self.month)

    def _build_rows(self) -> None:
        # A fresh grid each time. The old one goes later, not now: this may run inside a
        # click on one of its own buttons, and deleting a button in its handler crashes Qt.
        old = self.today_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        host = QWidget()
        self.grid = QGridLayout(host)
        self.grid.setColumnStretch(0, 1)
        self.grid.setVerticalSpacing(10)
        self.today_scroll.setWidget(host)
        self.rows = {}
        cadres = list_cadres(self.session.db, self.session.posyandu_id, active_only=True)
        assert self.today is not None
        day_open = self.today.day is not None and self.today.day.is_open
        now = self._now()
        for index, cadre in enumerate(cadres):
            row = CadreRow(cadre, self.grid, index)
            row.present_button.clicked.connect(lambda _c=False, r=row: self.sign_in(r))
            row.leaving_button.clicked.connect(lambda _c=False, r=row: self.sign_out(r))
            records = [a for a in self.today.attendance if a.cadre_id == cadre.id]
            row.show(records, now, day_open)
            self.rows[cadre.id] = row
        self.grid.setRowStretch(len(cadres), 1)

    def _time(self, row: CadreRow) -> datetime:
        chosen = row.at.time()
        return datetime.combine(
            self.session.today(), time(chosen.hour(), chosen.minute())
        ).astimezone()

    def sign_in(self, row: CadreRow) -> None:
        """Record the cadre as present at the chosen desk from the chosen time."""
        if self.today is None or self.today.day is None:
            return
        desk = row.desk.value() or Desk.REGISTRATION
        earlier = [
            a for a in self.today.attendance if a.cadre_id == row.cadre.id and a.desk is desk
        ]
        arrived = earlier[0].arrived_at if earlier else self._time(row)
        if self._save(row, desk, arrived, None):
            self._saved(_("{name} is present").format(name=row.cadre.name))

    def sign_out(self, row: CadreRow) -> None:
        """Record the leaving time on every desk the cadre is still at."""
        if self.today is None or self.today.day is None:
            return
        left = self._time(row)
        still = [a for a in self.today.attendance if a.cadre_id == row.cadre.id and not a.left_at]
        if all(self._save(row, a.desk, a.arrived_at, left) for a in still):
            self._saved(_("{name} has left").format(name=row.cadre.name))

    def _save(self, row: CadreRow, desk: Desk, arrived: datetime, left: datetime | None) -> bool:
        assert self.today is not None and self.today.day is not None
        outcome = record_cadre_attendance(
            self.session.db,
            recorded_by=self.session.cadre_id,
            day_id=self.today.day.id,
            cadre_id=row.cadre.id,
            desk=desk,
            arrived_at=arrived,
            left_at=left,
        )
        if not outcome.ok:
            messages.show_error(self, "\n".join(issue_text(i) for i in outcome.problems))
            self.refresh()
            return False
        return True

    def _saved(self, message: str) -> None:
        self.status_message.emit(message)
        self.day_did_change.emit()
        self.refresh()

    def show_month(self, first: date) -> None:
        self.month = first
        month = monthly_attendance(
            self.session.db, self.session.posyandu_id, year=first.year, month=first.month
        )
        self.month_model.set_month(month)
        self.month_bar.caption.setText(
            _("{month}: {count} sessions").format(
                month=format_month(first.year, first.month), count=len(month.sessions)
            )
        )

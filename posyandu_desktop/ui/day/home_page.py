"""Home: today's session (open or close it), how the desks are doing, who is due, alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from posyandu_desktop.i18n import _, format_time, ngettext, vocabulary_label
from posyandu_desktop.services import (
    Desk,
    DueChild,
    close_posyandu_day,
    open_posyandu_day,
    reopen_posyandu_day,
)
from posyandu_desktop.services.day import (
    Alert,
    DayOverview,
    alerts_today,
    day_overview,
    due_list,
    waiting_at_desk,
)
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.day.alerts_table_model import AlertsTableModel
from posyandu_desktop.ui.day.alerts_table_model import Column as AlertColumn
from posyandu_desktop.ui.day.due_table_model import PERSON_ID_ROLE, DueTableModel
from posyandu_desktop.ui.day.due_table_model import Column as DueColumn
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.widgets.messages import ask, issues_text, show_error, show_info

_BIG_BUTTON_HEIGHT = 44
_WAITING_NAMED = 5  # names in the close-session question; more are "…"


@dataclass(frozen=True, slots=True)
class HomeData:
    """Everything the home screen shows, loaded together off the GUI thread."""

    today: date
    overview: DayOverview
    due: tuple[DueChild, ...]
    alerts: tuple[Alert, ...]
    under_five: int


def load_home_data(session: UiSession) -> HomeData:
    """Read today's overview, due list and alerts (runs on a worker thread)."""
    today = session.today()
    due = due_list(session.db, today=today)
    return HomeData(
        today,
        day_overview(session.db, posyandu_id=session.posyandu_id, today=today),
        due.due,
        alerts_today(session.db, today=today),
        due.under_five,
    )


def _bold(widget: QWidget, point_size: int) -> None:
    font = QFont(widget.font())
    font.setPointSize(point_size)
    font.setBold(True)
    widget.setFont(font)


class _CountTile(QFrame):
    """A big number with its caption underneath."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("0")
        _bold(self.number, 22)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(caption)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.number)
        layout.addWidget(label)

    def set_count(self, count: int) -> None:
        self.number.setText(str(count))


# Columns sized to their contents look at this many rows, not all of them: a registry of
# 10,000 people can have hundreds of rows here, and sizing over all of them costs ~0.5 s.
_SIZE_FROM_ROWS = 40


def _table(model: DueTableModel | AlertsTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(32)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setResizeContentsPrecision(_SIZE_FROM_ROWS)
    return table


class HomePage(Page):
    """The first screen of the day."""

    # Emitted each time fresh data is on screen (tests and the start-up benchmark wait for it).
    data_did_load = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Home")
        self._generation = 0
        self.data: HomeData | None = None
        # Parented to the page: a view must never outlive its model (a crash in the next paint).
        self.due_model = DueTableModel(session.today(), self)
        self.alerts_model = AlertsTableModel(session.today(), self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self._session_box())
        columns = QHBoxLayout()
        columns.addLayout(self._due_column(), 6)
        columns.addSpacing(12)
        columns.addLayout(self._alerts_column(), 5)
        layout.addLayout(columns, 1)

    def _session_box(self) -> QGroupBox:
        box = QGroupBox(_("Today's session"))
        self.state = QLabel()
        _bold(self.state, 13)
        self.state.setWordWrap(True)
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.place.setPlaceholderText(_("Place, e.g. Balai RW 05"))
        self.place.setMinimumWidth(260)
        self.open_button = QPushButton(_("Open today's session"))
        self.open_button.setProperty("primary", True)
        self.close_button = QPushButton(_("Close today's session"))
        self.reopen_button = QPushButton(_("Open the session again"))
        self.reopen_button.setToolTip(_("Coordinator only; it is recorded in the history"))
        for button in (self.open_button, self.close_button, self.reopen_button):
            button.setMinimumHeight(_BIG_BUTTON_HEIGHT)
        self.reopen_button.clicked.connect(self.reopen_day)
        self.place.returnPressed.connect(self.open_day)
        self.open_button.clicked.connect(self.open_day)
        self.close_button.clicked.connect(self.close_day)

        self.arrived = _CountTile(_("Arrived"))
        self.measured = _CountTile(_("Measured"))
        self.waiting = _CountTile(_("Waiting to be measured"))
        self.cadres = _CountTile(_("Cadres present"))
        self.desks = QLabel()
        self.desks.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.place)
        top.addWidget(self.open_button)
        top.addWidget(self.close_button)
        top.addWidget(self.reopen_button)
        tiles = QGridLayout()
        for column, tile in enumerate((self.arrived, self.measured, self.waiting, self.cadres)):
            tiles.addWidget(tile, 0, column)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(self.desks)
        return box

    def _due_column(self) -> QVBoxLayout:
        self.due_heading = QLabel()
        _bold(self.due_heading, 13)
        self.due_table = _table(self.due_model)
        header = self.due_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DueColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.due_table.setColumnHidden(DueColumn.MOTHER, True)  # room on a 1366 px screen
        self.due_empty = QLabel(_("Every child under five has been weighed this month."))
        self.due_table.activated.connect(self._open_person)
        column = QVBoxLayout()
        column.addWidget(self.due_heading)
        column.addWidget(self.due_table, 1)
        column.addWidget(self.due_empty)
        return column

    def _alerts_column(self) -> QVBoxLayout:
        self.alerts_heading = QLabel()
        _bold(self.alerts_heading, 13)
        self.alerts_table = _table(self.alerts_model)
        header = self.alerts_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AlertColumn.DETAIL, QHeaderView.ResizeMode.Stretch)
        # Room for the reason on a 1366 px screen; the profile shows age and date.
        self.alerts_table.setColumnHidden(AlertColumn.AGE, True)
        self.alerts_table.setColumnHidden(AlertColumn.MEASURED_ON, True)
        self.alerts_empty = QLabel(_("No alerts this month."))
        self.alerts_table.activated.connect(self._open_person)
        column = QVBoxLayout()
        column.addWidget(self.alerts_heading)
        column.addWidget(self.alerts_table, 1)
        column.addWidget(self.alerts_empty)
        return column

    def refresh(self) -> None:
        """Reload today's overview, due list and alerts off the GUI thread."""
        self._generation += 1
        generation = self._generation
        session = self.session
        background.run(
            lambda: load_home_data(session),
            lambda data: self._show(data, generation),
            self._load_failed,
        )

    def _load_failed(self, error: BaseException) -> None:
        if isValid(self):
            show_error(self, _("Today's data could not be read. Please try again."))

    def _show(self, data: HomeData, generation: int) -> None:
        # The window may have been closed (switch cadre, new language) while this loaded.
        if generation != self._generation or not isValid(self):
            return  # a newer refresh is on its way
        self.data = data
        self._show_day(data.overview)
        self.due_model.set_rows(data.due, data.today)
        self.alerts_model.set_rows(data.alerts, data.today)
        self.due_heading.setText(
            ngettext("Due today: {n} child", "Due today: {n} children", len(data.due)).format(
                n=len(data.due)
            )
        )
        self.alerts_heading.setText(_("Needs attention ({n})").format(n=len(data.alerts)))
        # Outside vitamin A months the capsule column would be empty.
        vitamin_a = any(due.vitamin_a is not None for due in data.due)
        self.due_table.setColumnHidden(DueColumn.VITAMIN_A, not vitamin_a)
        self.due_table.setVisible(bool(data.due))
        self.due_empty.setText(
            _("Every child under five has been weighed this month.")
            if data.under_five
            else _(
                "No children under five in the registry yet: add them at registration (F2)"
                " with Ctrl+N."
            )
        )
        self.due_empty.setVisible(not data.due)
        self.alerts_table.setVisible(bool(data.alerts))
        self.alerts_empty.setVisible(not data.alerts)
        self.data_did_load.emit()

    def _show_day(self, overview: DayOverview) -> None:
        day, counts = overview.day, overview.counts
        if day is None:
            self.state.setText(_("Today's session is not open yet."))
        elif day.is_open and day.place:
            self.state.setText(
                _("Open since {time} at {place}").format(
                    time=format_time(day.opened_at), place=day.place
                )
            )
        elif day.is_open:
            self.state.setText(_("Open since {time}").format(time=format_time(day.opened_at)))
        else:
            closed_at = day.closed_at or day.opened_at
            self.state.setText(
                _("Today's session was closed at {time}.").format(time=format_time(closed_at))
            )
        is_open = day is not None and day.is_open
        self.place.setVisible(day is None)
        self.open_button.setVisible(day is None)
        self.close_button.setVisible(is_open)
        self.reopen_button.setVisible(day is not None and not is_open)
        self.reopen_button.setEnabled(self.session.is_coordinator)
        self.arrived.set_count(counts.arrivals)
        self.measured.set_count(counts.measured)
        self.waiting.set_count(max(counts.arrivals - counts.measured, 0))
        self.cadres.set_count(counts.cadres)
        passed = "  ·  ".join(
            f"{vocabulary_label(desk)} {count}" for desk, count in overview.passed
        )
        self.desks.setText(_("Passed each desk: {desks}").format(desks=passed))

    def open_day(self) -> None:
        """Open today's session at the typed place."""
        today = self.session.today()
        outcome = open_posyandu_day(
            self.session.db,
            cadre_id=self.session.cadre_id,
            posyandu_id=self.session.posyandu_id,
            held_on=today,
            place=self.place.text(),
            now=self.session.now().astimezone(),
            today=today,
        )
        if not outcome.ok:
            show_error(self, issues_text(outcome.problems))
            return
        self.place.clear()
        self.status_message.emit(_("Today's session is open."))
        self.day_did_change.emit()
        self.refresh()

    def close_day(self) -> None:
        """Close today's session after asking, then say what the day held."""
        day = None if self.data is None else self.data.overview.day
        if day is None or not day.is_open:
            return
        question = _(
            "Close today's session? Nobody can be registered or measured in it afterwards."
        )
        waiting = waiting_at_desk(
            self.session.db, day.id, Desk.MEASURING, today=self.session.today()
        )
        if waiting:
            names = ", ".join(entry.person.name for entry in waiting[:_WAITING_NAMED])
            if len(waiting) > _WAITING_NAMED:
                names += ", …"
            question = (
                ngettext(
                    "{count} person is still waiting to be measured: {names}.",
                    "{count} people are still waiting to be measured: {names}.",
                    len(waiting),
                ).format(count=len(waiting), names=names)
                + "\n\n"
                + question
            )
        if not ask(
            self,
            _("Close today's session"),
            question,
            yes_text=_("Close the session"),
            no_text=_("Keep it open"),
        ):
            return
        outcome = close_posyandu_day(
            self.session.db,
            cadre_id=self.session.cadre_id,
            day_id=day.id,
            now=self.session.now().astimezone(),
        )
        if outcome.value is None or not outcome.ok:
            show_error(self, issues_text(outcome.problems))
            return
        counts = outcome.value.counts
        show_info(
            self,
            _(
                "The session is closed. Arrived: {arrived}. Measured: {measured}."
                " Cadres present: {cadres}."
            ).format(arrived=counts.arrivals, measured=counts.measured, cadres=counts.cadres),
            _("Session closed"),
        )
        self.status_message.emit(_("Today's session is closed."))
        self.day_did_change.emit()
        self.refresh()

    def reopen_day(self) -> None:
        """Open today's closed session again (coordinator only; audited)."""
        day = None if self.data is None else self.data.overview.day
        if day is None or day.is_open:
            return
        outcome = reopen_posyandu_day(
            self.session.db,
            cadre_id=self.session.cadre_id,
            posyandu_id=self.session.posyandu_id,
            day_id=day.id,
        )
        if not outcome.ok:
            show_error(self, issues_text(outcome.problems))
            return
        self.status_message.emit(_("Today's session is open again."))
        self.day_did_change.emit()
        self.refresh()

    def _open_person(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ID_ROLE)
        if isinstance(person_id, int):
            self.person_requested.emit(person_id)

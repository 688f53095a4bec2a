"""Desks 3-5, "Hasil hari ini": everyone registered today with N/T, status and what to do, the
counselling message for the chosen visitor, and one key per desk passed (Ctrl+3 recorded,
Ctrl+4 served, Ctrl+5 counselled)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.counselling import LOCAL
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.i18n import _, current_language
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.day import (
    AFTER_MEASURING,
    TodayResult,
    day_today,
    pass_desk,
    results_today,
)
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.results.results_table_model import Column, ResultsTableModel
from posyandu_desktop.ui.widgets.messages import issues_text, show_error


def _source(source: str) -> str:
    if source == LOCAL:
        return _("Source: the Posyandu's own advice")
    return _("Source: {source}").format(source=source.removeprefix("docs/sources/"))


class ResultsPage(Page):
    """Today's results; `refresh()` reloads them."""

    def __init__(self, session: UiSession) -> None:
        super().__init__(session)
        self.title = _("Today's results")
        self._day_id: int | None = None

        heading = QLabel(_("Today's results (desks 3-5)"))
        font = QFont(heading.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.model = ResultsTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.table.doubleClicked.connect(lambda _i: self._open_profile())

        side = self._build_side()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(side, 2)
        self._show_selected()

    def _build_side(self) -> QWidget:
        """The chosen visitor's counselling messages and the desk buttons."""
        self.who = QLabel()
        self.who.setWordWrap(True)
        bold = QFont(self.who.font())
        bold.setBold(True)
        self.who.setFont(bold)
        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.RichText)
        self.messages.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.desk_buttons: dict[Desk, QPushButton] = {}
        buttons = QVBoxLayout()
        for number, desk in enumerate(AFTER_MEASURING, start=3):
            label = _("{passed} (desk {number})  Ctrl+{number}")
            button = QPushButton(label.format(passed=words(desk, "passed"), number=number))
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _c=False, d=desk: self.mark(d))
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda d=desk: self.mark(d))
            self.desk_buttons[desk] = button
            buttons.addWidget(button)
        self.profile_button = QPushButton(_("Open profile"))
        self.profile_button.clicked.connect(self._open_profile)
        buttons.addWidget(self.profile_button)
        buttons.addStretch(1)

        advice = QGroupBox(_("Counselling"))
        advice_layout = QVBoxLayout(advice)
        advice_layout.addWidget(self.who)
        # Three messages with their sources can be taller than the box on a 768-pixel screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.messages)
        advice_layout.addWidget(scroll, 1)
        side = QWidget()
        side_layout = QHBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(advice, 1)
        side_layout.addLayout(buttons)
        return side

    def refresh(self) -> None:
        today = self.session.today()
        day = day_today(self.session.db, self.session.posyandu_id, today=today)
        self._day_id = None if day is None else day.id
        chosen = self.selected()
        rows = () if day is None else results_today(self.session.db, day.id, today=today)
        self.model.set_rows(rows)
        if day is None:
            self.summary.setText(_("No Posyandu session today: open it on the home screen."))
        else:
            measured = sum(r.measurement is not None for r in rows)
            self.summary.setText(
                _(
                    "{measured} of {arrived} registered today measured. Choose a visitor to see"
                    " the advice; mark each desk as they pass it."
                ).format(measured=measured, arrived=len(rows))
            )
        again = next(
            (i for i, r in enumerate(rows) if chosen and r.arrival.id == chosen.arrival.id),
            0 if rows else None,
        )
        if again is not None:
            self.table.selectRow(again)
        self._show_selected()

    def selected(self) -> TodayResult | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        result = self.selected()
        for desk, button in self.desk_buttons.items():
            button.setEnabled(result is not None and not result.passed(desk))
        self.profile_button.setEnabled(result is not None)
        if result is None:
            self.who.setText("")
            self.messages.setText(_("Nobody chosen."))
            return
        self.who.setText(
            _("{queue}. {name}").format(queue=result.arrival.queue_number, name=result.person.name)
        )
        if result.measurement is None:
            self.messages.setText(_("Not measured yet: send to the measuring desk first."))
            return
        lang = current_language()
        self.messages.setText(
            "".join(
                f"<p>{_escape(m.text(lang))}<br><small>{_escape(_source(m.source))}</small></p>"
                for m in result.messages
            )
        )

    def mark(self, desk: Desk) -> None:
        """The chosen visitor has been through `desk`."""
        result = self.selected()
        if result is None or result.passed(desk):
            return
        outcome = pass_desk(
            self.session.db,
            cadre_id=self.session.cadre_id,
            arrival_id=result.arrival.id,
            desk=desk,
        )
        if not outcome.ok:
            show_error(self, issues_text(outcome.problems))
            return
        self.day_did_change.emit()
        self.refresh()

    def _open_profile(self) -> None:
        result = self.selected()
        if result is not None:
            self.person_requested.emit(int(result.person.id))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

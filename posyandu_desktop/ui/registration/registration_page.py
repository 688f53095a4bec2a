"""The registration desk: a big search box, results as the cadre types, the person's card with
what they need today, and the queue number given on Enter.

Keyboard: type to search; Down/Up walk the results; Enter registers the arrival; Esc clears the
search; Ctrl+N adds a new person.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.i18n import _, format_date
from posyandu_desktop.services import (
    DayRecord,
    PersonMatch,
    Problem,
    find_people,
    open_posyandu_day,
    register_arrival,
)
from posyandu_desktop.services.day import day_today, latest_arrivals
from posyandu_desktop.services.people import needs_today
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.registration.person_card import PersonCard
from posyandu_desktop.ui.registration.person_dialog import PersonDialog
from posyandu_desktop.ui.registration.results_table_model import Column, ResultsTableModel
from posyandu_desktop.ui.theme import WARNING_COLOURS
from posyandu_desktop.ui.widgets import messages

_SEARCH_LIMIT = 30
_QUEUE_STYLE = (
    "QFrame#queue {{ background: {background}; border-radius: 6px; }} QLabel {{ color: {text}; }}"
)
_QUEUE_COLOURS = {"new": ("#1565c0", "#ffffff"), "again": WARNING_COLOURS}


class RegistrationPage(Page):
    """Find a person, register their arrival, or add someone new."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Registration desk")
        self._day: DayRecord | None = None
        self._dialog: PersonDialog | None = None

        self.day_banner = self._build_day_banner()
        search_row, hint = self._build_search()
        self._build_results()
        self.card = PersonCard()
        self.register_button = QPushButton(_("Register arrival (Enter)"))
        self.register_button.setProperty("primary", True)
        self.register_button.setMinimumHeight(48)
        self.register_button.clicked.connect(self.register_selected)
        self.queue_panel = self._build_queue_panel()
        self.recent = QLabel()
        self.recent.setWordWrap(True)
        self.recent.setStyleSheet("color: #455a64;")

        left = QVBoxLayout()
        left.addWidget(self.results, 1)
        left.addWidget(self.no_results)
        right = QVBoxLayout()
        right.addWidget(self.queue_panel)
        right.addWidget(self.card, 1)
        right.addWidget(self.register_button)
        right.addWidget(self.recent)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.day_banner)
        layout.addLayout(search_row)
        layout.addWidget(hint)
        layout.addLayout(body, 1)

        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add_person)
        self._show_match(None)

    def _build_search(self) -> tuple[QHBoxLayout, QLabel]:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type a name, NIK, mother's name or RT/RW (e.g. 3/5)…"))
        search_font = QFont(self.search.font())
        search_font.setPointSize(search_font.pointSize() + 5)
        self.search.setFont(search_font)
        self.search.setMinimumHeight(48)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.installEventFilter(self)
        self.add_button = QPushButton(_("Add a new person (Ctrl+N)"))
        self.add_button.setMinimumHeight(48)
        self.add_button.clicked.connect(self.add_person)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.add_button)
        hint = QLabel(
            _("↓ / ↑: choose · Enter: register arrival · Esc: clear · Ctrl+N: new person")
        )
        hint.setStyleSheet("color: #455a64;")

        return search_row, hint

    def _build_results(self) -> None:
        self.results_model = ResultsTableModel(self.session.today(), parent=self)
        self.results = QTableView()
        self.results.setModel(self.results_model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cursor stays in the search box
        self.results.verticalHeader().setVisible(False)
        self.results.verticalHeader().setDefaultSectionSize(34)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.AGE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.MOTHER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.RT_RW, QHeaderView.ResizeMode.ResizeToContents)
        self.results.selectionModel().currentRowChanged.connect(self._result_changed)
        self.results.doubleClicked.connect(lambda _index: self.register_selected())
        self.no_results = QLabel()
        self.no_results.setWordWrap(True)
        self.no_results.setVisible(False)

    def _build_day_banner(self) -> QFrame:
        banner = QFrame()
        banner.setStyleSheet(
            "QFrame {{ background: {}; }} QLabel {{ color: {}; }}".format(*WARNING_COLOURS)
        )
        self.day_text = QLabel()
        self.day_text.setWordWrap(True)
        self.open_day_button = QPushButton(_("Open today's Posyandu"))
        self.open_day_button.clicked.connect(self.open_day)
        row = QHBoxLayout(banner)
        row.addWidget(self.day_text, 1)
        row.addWidget(self.open_day_button)
        return banner

    def _build_queue_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("queue")
        self.queue_caption = QLabel()
        self.queue_number = QLabel()
        number_font = QFont(self.font())
        number_font.setPointSize(40)
        number_font.setBold(True)
        self.queue_number.setFont(number_font)
        self.queue_name = QLabel()
        self.queue_name.setWordWrap(True)
        name_font = QFont(self.font())
        name_font.setPointSize(name_font.pointSize() + 3)
        self.queue_name.setFont(name_font)
        words = QVBoxLayout()
        words.addWidget(self.queue_caption)
        words.addWidget(self.queue_name)
        row = QHBoxLayout(panel)
        row.addWidget(self.queue_number)
        row.addLayout(words, 1)
        panel.setVisible(False)
        return panel

    # Loading #####################################################################################

    def refresh(self) -> None:
        """Reload today's day; keep the search and its results."""
        self._day = day_today(self.session.db, self.session.posyandu_id, today=self.session.today())
        is_open = self._day is not None and self._day.is_open
        self.day_banner.setVisible(not is_open)
        if self._day is None:
            self.day_text.setText(
                _("Today's Posyandu is not open yet: open it to register arrivals.")
            )
        else:
            self.day_text.setText(_("Today's Posyandu is closed: no more arrivals."))
        self.open_day_button.setVisible(self._day is None)
        self._show_recent()
        self._search(self.search.text())
        self.search.setFocus()

    def _show_recent(self) -> None:
        if self._day is None:
            self.recent.clear()
            return
        latest = latest_arrivals(self.session.db, self._day.id, today=self.session.today(), limit=4)
        self.recent.setText(
            _("Just registered: {people}").format(
                people=", ".join(f"{e.arrival.queue_number}. {e.person.name}" for e in latest)
            )
            if latest
            else ""
        )

    def _search(self, text: str) -> None:
        found = find_people(self.session.db, text, limit=_SEARCH_LIMIT, today=self.session.today())
        self.results_model.set_matches(found)
        self.no_results.setVisible(bool(text.strip()) and not found)
        self.no_results.setText(
            _('Nobody found for "{text}". New here? Press Ctrl+N to add them.').format(
                text=text.strip()
            )
        )
        self._select_row(0 if found else None)

    def _select_row(self, row: int | None) -> None:
        selection = self.results.selectionModel()
        if row is None:
            selection.clearSelection()
            self._show_match(None)
            return
        target = self.results_model.index(row, 0)
        moves = selection.currentIndex() != target  # then _result_changed shows the match
        selection.setCurrentIndex(
            target,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.results.scrollTo(target)
        if not moves:
            self._show_match(self.results_model.person_match(row))

    def _result_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_match(self.results_model.person_match(current.row()))

    def selected(self) -> PersonMatch | None:
        """The highlighted result."""
        index = self.results.currentIndex()
        if not index.isValid() or index.row() >= self.results_model.rowCount():
            return None
        return self.results_model.person_match(index.row())

    def _show_match(self, match: PersonMatch | None) -> None:
        needs = None
        if match is not None:
            day_id = None if self._day is None else self._day.id
            needs = needs_today(
                self.session.db, match.person.id, today=self.session.today(), day_id=day_id
            ).value
        self.card.show_needs(needs)
        closed = self._day is not None and not self._day.is_open
        # Registering cannot work on a closed day, nor twice on one day.
        here = needs is not None and needs.arrival is not None
        self.register_button.setEnabled(needs is not None and not closed and not here)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Down/Up walk the results, Enter registers, Esc clears: the cursor stays typing."""
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return False
            count = self.results_model.rowCount()
            row = self.results.currentIndex().row()
            match event.key():
                case Qt.Key.Key_Down if count:
                    self._select_row(min(row + 1, count - 1))
                    return True
                case Qt.Key.Key_Up if count:
                    self._select_row(max(row - 1, 0))
                    return True
                case Qt.Key.Key_PageDown if count:
                    self._select_row(min(row + 10, count - 1))
                    return True
                case Qt.Key.Key_PageUp if count:
                    self._select_row(max(row - 10, 0))
                    return True
                case Qt.Key.Key_Return | Qt.Key.Key_Enter:
                    self.register_selected()
                    return True
                case Qt.Key.Key_Escape:
                    self.search.clear()
                    return True
        return super().eventFilter(watched, event)

    # Registering #################################################################################

    def open_day(self) -> bool:
        """Open today's Posyandu day; True when it is open now."""
        outcome = open_posyandu_day(
            self.session.db,
            cadre_id=self.session.cadre_id,
            posyandu_id=self.session.posyandu_id,
            held_on=self.session.today(),
            now=self.session.now(),
            today=self.session.today(),
        )
        if not outcome.ok:
            messages.show_error(self, "\n".join(issue_text(i) for i in outcome.problems))
            return False
        self.status_message.emit(
            _("Posyandu opened for {date}").format(date=format_date(self.session.today()))
        )
        self.day_did_change.emit()
        self.refresh()
        return True

    def _open_day_for_arrival(self) -> DayRecord | None:
        if self._day is not None and self._day.is_open:
            return self._day
        if self._day is not None:  # closed
            messages.show_error(self, _("Today's Posyandu is closed: no more arrivals."))
            return None
        if not messages.ask(
            self,
            _("Posyandu not open yet"),
            _("Today's Posyandu is not open yet. Open it now and register this arrival?"),
            yes_text=_("Open and register"),
            no_text=_("Not now"),
        ):
            self.status_message.emit(_("Open today's Posyandu first (on the home page)."))
            return None
        return self._day if self.open_day() else None

    def register_selected(self) -> None:
        """Register the highlighted person's arrival (Enter)."""
        match = self.selected()
        if match is None:
            self.status_message.emit(_("Find the person first, or add them with Ctrl+N."))
            return
        self.register_person(match.person.id, match.person.name)

    def register_person(self, person_id: PersonId, name: str) -> None:
        """Register one person's arrival today and show their queue number big."""
        day = self._open_day_for_arrival()
        if day is None:
            return
        outcome = register_arrival(
            self.session.db,
            cadre_id=self.session.cadre_id,
            day_id=day.id,
            person_id=person_id,
            now=self.session.now(),
        )
        already = [i for i in outcome.problems if i.problem is Problem.ALREADY_ARRIVED]
        if already:
            self._show_queue_number(int(str(already[0].found)), name, again=True)
            self.status_message.emit(_("{name} is already registered today").format(name=name))
        elif not outcome.ok:
            messages.show_error(self, "\n".join(issue_text(i) for i in outcome.problems))
            return
        else:
            number = outcome.unwrap().queue_number
            self._show_queue_number(number, name, again=False)
            self.status_message.emit(
                _("Queue number {number}: {name}").format(number=number, name=name)
            )
            self.day_did_change.emit()
            self._show_recent()
        # Ready for the next visitor: the search box empty and focused.
        self.search.clear()
        self.search.setFocus()

    def _show_queue_number(self, number: int, name: str, *, again: bool) -> None:
        background, text = _QUEUE_COLOURS["again" if again else "new"]
        self.queue_panel.setStyleSheet(_QUEUE_STYLE.format(background=background, text=text))
        self.queue_caption.setText(
            _("Already registered today, queue number:") if again else _("Queue number:")
        )
        self.queue_number.setText(str(number))
        self.queue_name.setText(name)
        self.queue_panel.setVisible(True)

    # New people ##################################################################################

    def add_person(self) -> None:
        """Open the new-person dialog; after saving, the arrival is registered directly."""
        typed = self.search.text().strip()
        # Names start the form; a NIK or "rt 3" typed in the search box does not.
        name = typed if typed and not any(c.isdigit() for c in typed) else ""
        dialog = PersonDialog(self.session, name=name, parent=self)
        dialog.accepted.connect(lambda: self._person_added(dialog))
        self._dialog = dialog
        dialog.open()

    def _person_added(self, dialog: PersonDialog) -> None:
        self._dialog = None
        if dialog.saved_person_id is None:
            return
        needs = needs_today(
            self.session.db, dialog.saved_person_id, today=self.session.today()
        ).value
        name = "" if needs is None else needs.person.name
        self.register_person(dialog.saved_person_id, name)

"""The people screen: find anyone in the registry as you type, and see their profile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.i18n import _, age_text_on, format_rt_rw
from posyandu_desktop.services import PersonMatch, find_people
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.profile_view import ProfileView

_PERSON_ID = Qt.ItemDataRole.UserRole
SEARCH_LIMIT = 50


def _match_text(match: PersonMatch, today_age: str) -> str:
    person = match.person
    second = [today_age]
    if person.mother_name:
        second.append(_("mother: {name}").format(name=person.mother_name))
    if person.rt is not None or person.rw is not None:
        second.append(_("RT/RW {rt_rw}").format(rt_rw=format_rt_rw(person.rt, person.rw)))
    return person.name + "\n" + ", ".join(second)


class PeoplePage(Page):
    """Search on the left, the chosen person's profile on the right."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("People and growth")

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._open_first)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self.results = QListWidget()
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(True)
        self.results.setSpacing(2)
        self.results.currentItemChanged.connect(self._chosen)
        self.hint = QLabel(_("Type a name, NIK, mother's name or RT/RW."))
        self.hint.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.results, 1)
        left.setMinimumWidth(200)

        self.profile = ProfileView(session)
        self.profile.status_message.connect(self.status_message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.profile)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([215, 1100])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Reload the person shown (a measurement may have been added or corrected)."""
        if self.profile.person_id is not None:
            self.profile.show_person(self.profile.person_id)

    def show_person(self, person_id: PersonId) -> None:
        """Open this person's profile (from another screen's "open profile"); the list on the
        left shows them too, so the cadre sees where they are."""
        self.profile.show_person(person_id)
        if self.profile.profile is None:
            return
        self.search.setText(self.profile.profile.person.name)  # searches again
        for row in range(self.results.count()):
            if self.results.item(row).data(_PERSON_ID) == person_id:
                self.results.blockSignals(True)
                self.results.setCurrentRow(row)
                self.results.blockSignals(False)

    def _search(self, text: str) -> None:
        today = self.session.today()
        found = find_people(self.session.db, text, limit=SEARCH_LIMIT, today=today)
        self.results.blockSignals(True)  # refilling is not choosing
        self.results.clear()
        for match in found:
            age = age_text_on(match.person.birth_date, max(today, match.person.birth_date))
            item = QListWidgetItem(_match_text(match, age))
            item.setData(_PERSON_ID, match.person.id)
            self.results.addItem(item)
        self.results.blockSignals(False)
        if not text.strip():
            self.hint.setText(_("Type a name, NIK, mother's name or RT/RW."))
        elif not found:
            self.hint.setText(_("Nobody found. Check the spelling or try the mother's name."))
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))

    def _open_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.profile.show_person(PersonId(int(item.data(_PERSON_ID))))

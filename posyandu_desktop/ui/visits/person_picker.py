"""Choosing one person by typing: a search box with a short list of matches under it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.i18n import _, ngettext
from posyandu_desktop.services import PersonListing, find_people
from posyandu_desktop.ui.context import UiSession

_LISTING = Qt.ItemDataRole.UserRole


def person_line(person: PersonListing, age_months: int) -> str:
    """ "Aisyah Putri, 17 bulan, ibu Dewi Lestari, RT 3/RW 1"."""
    parts = [person.name]
    if age_months < UNDER_FIVE_BELOW_MONTHS:
        parts.append(ngettext("{n} month", "{n} months", age_months).format(n=age_months))
    else:
        years = age_months // 12
        parts.append(ngettext("{n} year", "{n} years", years).format(n=years))
    if person.mother_name:
        parts.append(_("mother {name}").format(name=person.mother_name))
    if person.rt is not None or person.rw is not None:
        parts.append(_("RT {rt}/RW {rw}").format(rt=person.rt or "-", rw=person.rw or "-"))
    return ", ".join(parts)


class PersonPicker(QWidget):
    """`chosen` fires with the person's id (or None when the choice is cleared)."""

    chosen = Signal(object)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.person: PersonListing | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type a name, NIK, mother's name or RT/RW"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._search)
        self.search.returnPressed.connect(self._take_first)
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.setVisible(False)
        self.results.itemActivated.connect(self._take)
        self.results.itemClicked.connect(self._take)
        self.selected = QLabel()
        self.selected.setWordWrap(True)
        # Room for two lines: a wrapped label in a form row is otherwise squeezed to one.
        self.selected.setMinimumHeight(2 * self.selected.fontMetrics().lineSpacing() + 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.selected)
        self._show_choice()

    def choose(self, person: PersonListing | None, age_months: int = 0) -> None:
        """Set the choice (e.g. from a suggestion) as if it had been picked from the list."""
        self.person = person
        # Hidden, not cleared: this runs inside the list's own click signal (the next search
        # refills it).
        self.results.setVisible(False)
        self.search.setText("" if person is None else person.name)
        self._show_choice(age_months)
        self.chosen.emit(None if person is None else person.id)

    def _show_choice(self, age_months: int | None = None) -> None:
        if self.person is None:
            self.selected.setText(_("Nobody chosen yet."))
            self.selected.setStyleSheet("QLabel { color: #5c5c5c; }")
        else:
            line = self.person.name if age_months is None else person_line(self.person, age_months)
            self.selected.setText(_("Chosen: {person}").format(person=line))
            self.selected.setStyleSheet("QLabel { font-weight: bold; }")

    def _search(self, text: str) -> None:
        found = find_people(self.session.db, text, limit=20, today=self.session.today())
        self.results.clear()
        for match in found:
            item = QListWidgetItem(person_line(match.person, match.age_months))
            item.setData(_LISTING, (match.person, match.age_months))
            self.results.addItem(item)
        self.results.setVisible(bool(found))
        if self.person is not None:  # typing again starts a new choice
            self.person = None
            self._show_choice()
            self.chosen.emit(None)

    def _take_first(self) -> None:
        if self.results.count():
            self._take(self.results.item(0))

    def _take(self, item: QListWidgetItem) -> None:
        person, months = item.data(_LISTING)
        self.choose(person, months)

"""Adding a new person at the registration desk ("Tambah warga baru").

Name, sex and birth date are required; the NIK is checked as it is typed (an infant without one
is identified by the mother's); the mother is picked from the registry or, when she is not in it
yet, registered too; the household is the mother's, another registered one, or a new one.
Mismatches between the NIK and the birth date or sex warn but do not block. A possible
duplicate is shown by name, and the cadre either uses that person or confirms "not the same
person". The dialog never closes itself on Enter: Enter moves to the next field, Ctrl+Enter
saves.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import (
    ADOLESCENT_FROM_YEARS,
    ADULT_FROM_YEARS,
    UNDER_FIVE_BELOW_MONTHS,
)
from posyandu_desktop.domain.months import completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import (
    _,
    age_text,
    format_date_short,
    format_rt_rw,
    parse_date,
    parse_decimal,
    problem_label,
)
from posyandu_desktop.i18n.desk_labels import nik_mismatch_text, nik_problem_text
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import (
    HouseholdRecord,
    Issue,
    NewHousehold,
    NewPerson,
    Outcome,
    PersonRecord,
    Problem,
    find_people,
    register_newcomer,
)
from posyandu_desktop.services.day import NikCheck, check_nik, find_households, household_of
from posyandu_desktop.services.people import needs_today
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.theme import WARNING_COLOURS
from posyandu_desktop.ui.widgets.wrapped_label import WrappedLabel

# Who can be a mother in the picker, and who is asked about pregnancy: women from remaja age;
# birth weight and length of children under five (the Buku KIA's first page); the mother section
# for anyone under 18 (Permenkes 25/2014 anak).
_MOTHER_MIN_MONTHS = _PREGNANT_FROM_MONTHS = ADOLESCENT_FROM_YEARS * 12
_BIRTH_DATA_BELOW_MONTHS = UNDER_FIVE_BELOW_MONTHS
_CHILD_BELOW_MONTHS = ADULT_FROM_YEARS * 12

_ERROR_STYLE = "QLabel { color: #8b0000; }"
_WARNING_STYLE = "QLabel {{ background: {}; color: {}; padding: 2px 6px; }}".format(
    *WARNING_COLOURS
)
_OK_STYLE = "QLabel { color: #1b5e20; }"
# The fields of a new household, as the registration service names them in its problems.
_HOUSEHOLD_FIELDS = ("head_name", "address", "rt", "rw", "kelurahan", "phone")


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _say(label: QLabel, text: str, style: str = _ERROR_STYLE) -> None:
    label.setText(text)
    label.setStyleSheet(style)
    label.setVisible(bool(text))


class BirthDateField(QWidget):
    """A date typed as dd/mm/yyyy (also 23-11-2026, 23.11.2026) or picked from a calendar."""

    dateChanged = Signal(object)  # noqa: N815 - named like Qt's own signals; date or None

    def __init__(self, *, latest: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.latest = latest
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.edit.setMaximumWidth(160)
        self.pick = QToolButton()
        self.pick.setText(_("Calendar…"))
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab skips it: typing is quicker
        self.pick.clicked.connect(self._show_calendar)
        self.calendar = QCalendarWidget()
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(lambda _text: self.dateChanged.emit(self.value()))

    def value(self) -> date | None:
        """The typed date, or None when empty, unreadable or after `latest`."""
        day = parse_date(self.edit.text())
        return None if day is None or day > self.latest else day

    def set_value(self, day: date) -> None:
        self.edit.setText(format_date_short(day))

    def _show_calendar(self) -> None:
        shown = self.value() or self.latest
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.move(self.pick.mapToGlobal(self.pick.rect().bottomLeft()))
        self.calendar.show()

    def _picked(self, day: object) -> None:
        self.calendar.hide()
        self.set_value(self.calendar.selectedDate().toPython())  # type: ignore[arg-type]
        self.edit.setFocus()


_SEX_KEYS = {
    Qt.Key.Key_L: Sex.MALE,
    Qt.Key.Key_M: Sex.MALE,
    Qt.Key.Key_P: Sex.FEMALE,
    Qt.Key.Key_F: Sex.FEMALE,
}


class PersonDialog(QDialog):
    """Register a new person; `saved_person_id` is set when the dialog is accepted."""

    def __init__(self, session: UiSession, *, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.today = session.today()
        self.saved_person_id: PersonId | None = None
        self._not_a_duplicate = False
        self._existing_id: PersonId | None = None  # the person a duplicate or taken NIK points at
        self._mother_id: PersonId | None = None
        # Records made on an earlier attempt, reused while their fields are unchanged.
        self.setWindowTitle(_("Add a new person"))

        columns = QHBoxLayout()
        columns.addWidget(self._build_person(name), 1)
        right = QVBoxLayout()
        right.addWidget(self._build_mother())
        right.addWidget(self._build_household())
        right.addStretch(1)
        columns.addLayout(right, 1)

        self.problems = _note()
        self.duplicate = self._build_duplicate_panel()
        self.save_button = QPushButton(_("Save and register arrival (Ctrl+Enter)"))
        self.save_button.setProperty("primary", True)
        self.save_button.setMinimumHeight(40)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Cancel (Esc)"))
        self.cancel_button.setMinimumHeight(40)
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter moves to the next field, never saves by accident
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        hint = QLabel(_("Enter: next field · Ctrl+Enter: save · Esc: cancel"))
        hint.setStyleSheet("color: #455a64;")
        buttons.insertWidget(0, hint)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.duplicate)
        layout.addLayout(buttons)
        # The dialog grows when the mother's results or a note appear, never squeezing a field.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        self.resize(1000, 540)
        self._update_sections()

    # Building ####################################################################################

    def _build_person(self, name: str) -> QGroupBox:
        box = QGroupBox(_("The person"))
        form = QFormLayout(box)
        self.name_edit = QLineEdit(name)
        self.name_note = _note()
        form.addRow(_("Full name"), self.name_edit)
        form.addRow("", self.name_note)
        self.male = QRadioButton(words(Sex.MALE))
        self.female = QRadioButton(words(Sex.FEMALE))
        self.sex_group = QButtonGroup(self)
        for button in (self.male, self.female):
            self.sex_group.addButton(button)
            button.toggled.connect(self._update_sections)
            button.setToolTip(_("Keys: L = male, P = female"))
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.male)
        sex_row.addWidget(self.female)
        sex_row.addStretch(1)
        self.sex_note = _note()
        form.addRow(_("Sex"), sex_row)
        form.addRow("", self.sex_note)
        self.birth = BirthDateField(latest=self.today)
        self.birth.dateChanged.connect(self._update_sections)
        self.age_label = QLabel()
        form.addRow(_("Birth date"), self.birth)
        form.addRow("", self.age_label)
        self.nik_edit = QLineEdit()
        self.nik_edit.setPlaceholderText(_("16 digits; may stay empty for a baby"))
        self.nik_edit.setMaxLength(24)  # room for the spaces and dots people type in
        self.nik_edit.textChanged.connect(self._check_niks)
        self.nik_note = _note()
        form.addRow(_("NIK"), self.nik_edit)
        form.addRow("", self.nik_note)
        self.pregnant = QCheckBox(_("Pregnant now"))
        form.addRow("", self.pregnant)
        self.birth_weight = QLineEdit()
        self.birth_weight.setPlaceholderText(_("e.g. 3,1"))
        self.birth_length = QLineEdit()
        self.birth_length.setPlaceholderText(_("e.g. 49,5"))
        self.birth_weight_label = QLabel(_("Birth weight (kg)"))
        self.birth_length_label = QLabel(_("Birth length (cm)"))
        self.baby_note = _note()
        form.addRow(self.birth_weight_label, self.birth_weight)
        form.addRow(self.birth_length_label, self.birth_length)
        form.addRow("", self.baby_note)
        self.person_form = form
        return box

    def _build_mother(self) -> QGroupBox:
        box = QGroupBox(_("Mother"))
        layout = QVBoxLayout(box)
        self.mother_search = QLineEdit()
        self.mother_search.setPlaceholderText(_("Type the mother's name to find her"))
        self.mother_search.textEdited.connect(self._search_mothers)
        self.mother_search.installEventFilter(self)
        for button in (self.male, self.female):  # L/P (or M/F) choose with the keyboard
            button.installEventFilter(self)
        self.mother_results = QListWidget()
        self.mother_results.setMaximumHeight(110)
        self.mother_results.setVisible(False)
        self.mother_results.itemActivated.connect(self._pick_mother)
        self.mother_results.itemClicked.connect(self._pick_mother)
        self.mother_chosen = QLabel()
        self.mother_chosen.setStyleSheet(_OK_STYLE)
        self.mother_chosen.setVisible(False)
        self.new_mother_note = WrappedLabel(
            _("Not in the registry yet: type her birth date and she is registered too.")
        )
        self.new_mother_note.setStyleSheet(_WARNING_STYLE)
        self.mother_birth = BirthDateField(latest=self.today)
        self.mother_nik = QLineEdit()
        self.mother_nik.setPlaceholderText(_("Mother's NIK (16 digits)"))
        self.mother_nik.setMaxLength(24)
        self.mother_nik.textChanged.connect(self._check_niks)
        self.mother_nik_note = _note()
        self.mother_form = QFormLayout()
        self.mother_form.addRow(_("Mother's birth date"), self.mother_birth)
        self.mother_form.addRow(_("Mother's NIK"), self.mother_nik)
        self.mother_form.addRow("", self.mother_nik_note)
        self.new_mother = QWidget()
        new_layout = QVBoxLayout(self.new_mother)
        new_layout.setContentsMargins(0, 0, 0, 0)
        new_layout.addWidget(self.new_mother_note)
        new_layout.addLayout(self.mother_form)
        layout.addWidget(self.mother_search)
        layout.addWidget(self.mother_results)
        layout.addWidget(self.mother_chosen)
        layout.addWidget(self.new_mother)
        self.mother_box = box
        return box

    def _build_household(self) -> QGroupBox:
        box = QGroupBox(_("Household"))
        layout = QVBoxLayout(box)
        self.household_search = QLineEdit()
        self.household_search.setPlaceholderText(_("Find: head of household or address"))
        self.household_search.textEdited.connect(self._search_households)
        self.household_combo = QComboBox()
        self.household_combo.currentIndexChanged.connect(self._update_sections)
        self.head_name = QLineEdit()
        self.address = QLineEdit()
        self.rt = QLineEdit()
        self.rw = QLineEdit()
        for number in (self.rt, self.rw):
            number.setValidator(QIntValidator(1, 999, number))
            number.setMaximumWidth(70)
        rt_rw = QHBoxLayout()
        rt_rw.addWidget(QLabel(_("RT")))
        rt_rw.addWidget(self.rt)
        rt_rw.addWidget(QLabel(_("RW")))
        rt_rw.addWidget(self.rw)
        rt_rw.addStretch(1)
        self.new_household = QWidget()
        form = QFormLayout(self.new_household)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Head of household"), self.head_name)
        form.addRow(_("Address"), self.address)
        form.addRow("", rt_rw)
        self.household_note = _note()
        layout.addWidget(self.household_search)
        layout.addWidget(self.household_combo)
        layout.addWidget(self.new_household)
        layout.addWidget(self.household_note)
        self._fill_households(())
        return box

    def _build_duplicate_panel(self) -> QFrame:
        panel = QFrame()
        panel.setStyleSheet(
            "QFrame {{ background: {}; }} QLabel {{ color: {}; }}".format(*WARNING_COLOURS)
        )
        self.duplicate_text = QLabel()
        self.duplicate_text.setWordWrap(True)
        self.not_same_button = QPushButton(_("Not the same person: save"))
        self.not_same_button.clicked.connect(self._not_the_same)
        self.use_existing_button = QPushButton(_("Use the registered person"))
        self.use_existing_button.clicked.connect(self._use_existing)
        for button in (self.not_same_button, self.use_existing_button):
            button.setAutoDefault(False)
        row = QHBoxLayout(panel)
        row.addWidget(self.duplicate_text, 1)
        row.addWidget(self.use_existing_button)
        row.addWidget(self.not_same_button)
        panel.setVisible(False)
        return panel

    # Live checks #################################################################################

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Down in the mother search goes into her results; Enter picks the first one. On the
        sex buttons L (laki-laki) or M chooses male, P (perempuan) or F female."""
        if watched in (self.male, self.female) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            chosen = _SEX_KEYS.get(Qt.Key(event.key()))
            if chosen is not None:
                button = self.male if chosen is Sex.MALE else self.female
                button.setChecked(True)
                button.setFocus()
                return True
        if watched is self.mother_search and isinstance(event, QKeyEvent):
            key = event.key() if event.type() == QEvent.Type.KeyPress else None
            if key == Qt.Key.Key_Down and self.mother_results.count():
                self.mother_results.setFocus()
                self.mother_results.setCurrentRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mother_results.count():
                self._pick_mother(self.mother_results.item(0))
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter moves to the next field (QDialog would press a button)."""
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _sex(self) -> Sex | None:
        if self.male.isChecked():
            return Sex.MALE
        return Sex.FEMALE if self.female.isChecked() else None

    def _age_months(self) -> int | None:
        born = self.birth.value()
        return None if born is None or born > self.today else completed_months(born, self.today)

    def _update_sections(self) -> None:
        born, months = self.birth.value(), self._age_months()
        if born is not None:
            self.age_label.setText(_("Age: {age}").format(age=age_text((self.today - born).days)))
        elif self.birth.edit.text().strip():
            self.age_label.setText(_("Write the date as dd/mm/yyyy, not after today"))
        else:
            self.age_label.clear()
        female = self._sex() is Sex.FEMALE
        self.pregnant.setVisible(female and months is not None and months >= _PREGNANT_FROM_MONTHS)
        baby = months is not None and months < _BIRTH_DATA_BELOW_MONTHS
        for widget in (
            self.birth_weight,
            self.birth_length,
            self.birth_weight_label,
            self.birth_length_label,
        ):
            widget.setVisible(baby)
        self.mother_box.setVisible(months is None or months < _CHILD_BELOW_MONTHS)
        new_mother = self._mother_id is None and bool(self.mother_search.text().strip())
        self.new_mother.setVisible(new_mother)
        self.new_household.setVisible(self.household_combo.currentData() is None)
        self._check_niks()

    def _nik_check(self, text: str) -> NikCheck:
        return check_nik(text, birth_date=self.birth.value(), sex=self._sex(), today=self.today)

    def _check_niks(self) -> None:
        self._show_nik(self.nik_edit.text(), self.nik_note, own=True)
        mother_nik = self.mother_nik.text() if self.new_mother.isVisibleTo(self) else ""
        self._show_nik(mother_nik, self.mother_nik_note, own=False)

    def _show_nik(self, text: str, note: QLabel, *, own: bool) -> None:
        if not text.strip():
            _say(note, "")
            return
        checked = self._nik_check(text)
        problems = [nik_problem_text(i) for i in checked.problems]
        if not checked.ok:
            _say(note, " · ".join(problems))
            return
        warnings = problems
        if own:
            female = None if checked.sex is None else checked.sex is Sex.FEMALE
            warnings += [
                nik_mismatch_text(m, nik_date=checked.birth_date, nik_female=female)
                for m in checked.mismatches
            ]
        if warnings:
            _say(note, " · ".join(warnings), _WARNING_STYLE)
        else:
            _say(note, _("✓ NIK looks right"), _OK_STYLE)

    # Mother and household ########################################################################

    def _search_mothers(self, text: str) -> None:
        self._mother_id = None
        self.mother_chosen.setVisible(False)
        self.mother_results.clear()
        found = find_people(self.session.db, text, limit=10, today=self.today) if text else ()
        for match in found:
            person = match.person
            if person.sex is not Sex.FEMALE or match.age_months < _MOTHER_MIN_MONTHS:
                continue
            label = _("{name} · {age} · RT/RW {rt_rw}").format(
                name=person.name,
                age=age_text((self.today - person.birth_date).days),
                rt_rw=format_rt_rw(person.rt, person.rw) or "-",
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, person.name)
            self.mother_results.addItem(item)
        self.mother_results.setVisible(self.mother_results.count() > 0)
        self._update_sections()

    def _pick_mother(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self._mother_id = PersonId(int(item.data(Qt.ItemDataRole.UserRole)))
        name = str(item.data(Qt.ItemDataRole.UserRole + 1))
        self.mother_search.setText(name)
        self.mother_results.clear()
        self.mother_results.setVisible(False)
        self.mother_chosen.setText(_("✓ Chosen from the registry: {name}").format(name=name))
        self.mother_chosen.setVisible(True)
        home = household_of(self.session.db, self._mother_id)
        self._fill_households(() if home is None else (home,), mothers=home)
        self._update_sections()
        self.household_search.setFocus()

    def _search_households(self, text: str) -> None:
        found = find_households(self.session.db, text, limit=15) if text.strip() else ()
        mothers = None
        if self._mother_id is not None:
            mothers = household_of(self.session.db, self._mother_id)
        self._fill_households(found, mothers=mothers)

    def _fill_households(
        self, found: tuple[HouseholdRecord, ...], *, mothers: HouseholdRecord | None = None
    ) -> None:
        combo = self.household_combo
        combo.blockSignals(True)
        combo.clear()
        if mothers is not None:
            combo.addItem(
                _("Same as the mother: {household}").format(household=_household_text(mothers)),
                mothers.id,
            )
        for household in found:
            if mothers is not None and household.id == mothers.id:
                continue
            combo.addItem(_household_text(household), household.id)
        combo.addItem(_("New household (fill in below)"), None)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)
        self._update_sections()

    # Saving ######################################################################################

    def _clear_notes(self) -> None:
        for note in (self.name_note, self.sex_note, self.baby_note, self.household_note):
            _say(note, "")
        _say(self.problems, "")
        self._check_niks()  # back to the live NIK checks, without an earlier refusal's note
        self.duplicate.setVisible(False)

    def _decimal(self, edit: QLineEdit) -> tuple[float | None, bool]:
        text = edit.text().strip()
        if not text or not edit.isVisibleTo(self):
            return None, True
        value = parse_decimal(text)
        return value, value is not None

    def _checked_input(self) -> bool:
        """Check what can be checked here; say what is missing. True when fine."""
        ok = True
        if not self.name_edit.text().strip():
            _say(self.name_note, problem_label(Problem.REQUIRED))
            ok = False
        if self._sex() is None:
            _say(self.sex_note, _("Choose male or female"))
            ok = False
        if self.birth.value() is None:
            self.age_label.setText(_("Type the birth date as dd/mm/yyyy"))
            self.age_label.setStyleSheet(_ERROR_STYLE)
            ok = False
        else:
            self.age_label.setStyleSheet("")
        if self.nik_edit.text().strip() and not self._nik_check(self.nik_edit.text()).ok:
            ok = False
        if self.new_mother.isVisibleTo(self):
            if self.mother_birth.value() is None:
                _say(self.mother_nik_note, _("Type the mother's birth date to register her"))
                ok = False
            elif self.mother_nik.text().strip() and not self._nik_check(self.mother_nik.text()).ok:
                ok = False
        weight_ok, length_ok = (
            self._decimal(self.birth_weight)[1],
            self._decimal(self.birth_length)[1],
        )
        if not (weight_ok and length_ok):
            _say(self.baby_note, _("Type birth weight and length as numbers, e.g. 3,1"))
            ok = False
        return ok

    def save(self) -> None:
        """Register the person, with a new household or mother when typed; accept on success."""
        self._clear_notes()
        if not self._checked_input():
            return
        sex, born = self._sex(), self.birth.value()
        assert sex is not None and born is not None  # _checked_input
        mother_nik = self.mother_nik.text().strip() if self.new_mother.isVisibleTo(self) else ""
        outcome = register_newcomer(
            self.session.db,
            cadre_id=self.session.cadre_id,
            person=NewPerson(
                name=self.name_edit.text(),
                sex=sex,
                birth_date=born,
                nik=self.nik_edit.text().strip() or None,
                mother_nik=mother_nik or None,
                birth_weight_kg=self._decimal(self.birth_weight)[0],
                birth_length_cm=self._decimal(self.birth_length)[0],
                pregnant=self.pregnant.isChecked() and self.pregnant.isVisibleTo(self),
                not_a_duplicate=self._not_a_duplicate,
            ),
            household=self._household(),
            mother=self._mother(),
            today=self.today,
        )
        if outcome.ok:
            self.saved_person_id = outcome.unwrap().id
            self.accept()
            return
        self._show_refusal(outcome)

    def _household(self) -> NewHousehold | int | None:
        """The chosen household, a new one as typed, or None (no household yet: allowed)."""
        chosen = self.household_combo.currentData()
        if chosen is not None:
            return int(chosen)
        fields = (self.head_name.text(), self.address.text(), self.rt.text(), self.rw.text())
        if not any(f.strip() for f in fields):
            return None
        return NewHousehold(
            head_name=self.head_name.text() or self.name_edit.text(),
            address=self.address.text(),
            rt=int(self.rt.text()) if self.rt.text() else None,
            rw=int(self.rw.text()) if self.rw.text() else None,
        )

    def _mother(self) -> NewPerson | PersonId | None:
        """The picked mother, a new one as typed, or None."""
        if self._mother_id is not None or not self.new_mother.isVisibleTo(self):
            return self._mother_id
        born = self.mother_birth.value()
        assert born is not None  # _checked_input
        return NewPerson(
            name=self.mother_search.text(),
            sex=Sex.FEMALE,
            birth_date=born,
            nik=self.mother_nik.text().strip() or None,
        )

    def _show_refusal(self, outcome: Outcome[PersonRecord]) -> None:
        notes = {
            "name": self.name_note,
            "nik": self.nik_note,
            "birth_weight_kg": self.baby_note,
            "birth_length_cm": self.baby_note,
            "household_id": self.household_note,
        }
        notes |= dict.fromkeys(_HOUSEHOLD_FIELDS, self.household_note)
        general, said = [], dict[QLabel, list[str]]()
        for issue in outcome.problems:
            field = issue.field or ""
            if issue.problem in (Problem.POSSIBLE_DUPLICATE, Problem.NIK_TAKEN) and isinstance(
                issue.found, int
            ):
                self._show_existing(issue)
            elif field.startswith("mother_"):
                said.setdefault(self.mother_nik_note, []).append(_issue(issue))
            elif field in notes:
                said.setdefault(notes[field], []).append(_issue(issue))
            else:
                general.append(_issue(issue))
        for note, texts in said.items():
            _say(note, "\n".join(texts))
        _say(self.problems, "\n".join(general))

    def _show_existing(self, issue: Issue) -> None:
        assert isinstance(issue.found, int)
        self._existing_id = PersonId(issue.found)
        known = needs_today(self.session.db, self._existing_id, today=self.today).value
        who = "" if known is None else known.person.name
        born = "" if known is None else format_date_short(known.person.birth_date)
        mother = "-" if known is None or not known.person.mother_name else known.person.mother_name
        if issue.problem is Problem.NIK_TAKEN:
            text = _("This NIK is already registered for {name}, born {born}.").format(
                name=who, born=born
            )
        else:
            text = _(
                "Possibly registered already: {name}, born {born}, mother {mother}. "
                "Is this the same person?"
            ).format(name=who, born=born, mother=mother)
        self.duplicate_text.setText(text)
        self.not_same_button.setVisible(issue.problem is Problem.POSSIBLE_DUPLICATE)
        self.duplicate.setVisible(True)
        self.use_existing_button.setFocus()

    def _not_the_same(self) -> None:
        self._not_a_duplicate = True
        self.save()

    def _use_existing(self) -> None:
        if self._existing_id is not None:
            self.saved_person_id = self._existing_id
            self.accept()


def _household_text(household: HouseholdRecord) -> str:
    """Head of household and RT/RW first (what a cadre knows), then the address."""
    return _("{head} · RT/RW {rt_rw} · {address}").format(
        head=household.head_name,
        rt_rw=format_rt_rw(household.rt, household.rw) or "-",
        address=household.address,
    )


def _issue(issue: Issue) -> str:
    return problem_label(issue.problem).format(found=issue.found)

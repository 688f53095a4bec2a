"""The first run: what the laptop is for; for a Posyandu, its details (name, code, where it is),
then its first cadres and which of them coordinates. Nothing is saved until the last page, and
then all of it at once. A puskesmas laptop needs none of that: choosing it finishes the wizard.

The choice sits on top of the Posyandu page rather than on a page of its own, so a Posyandu set-up
still takes the same two pages as before."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from posyandu_desktop.i18n import _, vocabulary_label
from posyandu_desktop.services import CadreRole, Database, TrainingGrade, Venue
from posyandu_desktop.services.cadres import pin_is_well_formed
from posyandu_desktop.services.setup import FirstCadre, FirstRun, cadre_issues, set_up_first_run
from posyandu_desktop.ui.widgets.messages import issues_text

DEFAULT_KOTA = "Bontang"
_ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


def _line(max_length: int, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(max_length)  # the column's length: the service never has to refuse
    edit.setMinimumWidth(360)
    return edit


def _explained(button: QRadioButton, text: str) -> QVBoxLayout:
    """A choice with a line under it saying what it means."""
    note = QLabel(text)
    note.setWordWrap(True)
    note.setStyleSheet("color: #455a64;")
    note.setContentsMargins(26, 0, 0, 0)  # under the button's text, not its circle
    note.setBuddy(button)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(button)
    column.addWidget(note)
    return column


class PosyanduPage(QWizardPage):
    """What the laptop is for, then (for a Posyandu) its details. Name and code are required
    (Next stays disabled until both are typed); a puskesmas laptop finishes here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.for_posyandu = QRadioButton(_("Posyandu (record the activities)"))
        self.for_puskesmas = QRadioButton(
            _("Puskesmas (check and merge the Posyandu's monthly files)")
        )
        self.for_posyandu.setChecked(True)  # nearly every laptop is a Posyandu's
        font = QFont(self.for_posyandu.font())
        font.setBold(True)
        question = QLabel(_("What is this laptop for?"))
        question.setFont(font)
        choices = QHBoxLayout()
        choices.setSpacing(24)
        choices.addLayout(
            _explained(
                self.for_posyandu,
                _("For the cadres: registration, weighing, home visits and monthly reports."),
            ),
            1,
        )
        choices.addLayout(
            _explained(
                self.for_puskesmas,
                _(
                    "For puskesmas staff: check the files the Posyandu bring and merge them into"
                    " one recap. No Posyandu, cadres or PINs."
                ),
            ),
            1,
        )
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Start"))  # puskesmas only
        self.name = _line(100)
        self.code = _line(30)
        self.code.setPlaceholderText(_("e.g. 6474-MEL-01"))
        self.kelurahan = _line(60)
        self.kecamatan = _line(60)
        self.kota = _line(60, DEFAULT_KOTA)
        self.puskesmas = _line(100)
        self.venue = QComboBox()
        for venue in Venue:
            self.venue.addItem(vocabulary_label(venue), venue)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Posyandu name *"), self.name)
        form.addRow(_("Posyandu code *"), self.code)
        form.addRow(_("Kelurahan"), self.kelurahan)
        form.addRow(_("Kecamatan"), self.kecamatan)
        form.addRow(_("Kota / kabupaten"), self.kota)
        form.addRow(_("Puskesmas"), self.puskesmas)
        form.addRow(_("Where it meets"), self.venue)
        self.registerField("name*", self.name)
        self.registerField("code*", self.code)
        self.puskesmas_note = QLabel(
            _(
                "This laptop will open the puskesmas screen: add the monthly files from the"
                " Posyandu's USB sticks, see which ones can be trusted, and merge them into a"
                " recap (PDF and spreadsheet). Register each Posyandu's key there first."
            )
        )
        self.puskesmas_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(choices)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addWidget(self.puskesmas_note)
        layout.addStretch(1)
        self.for_puskesmas.toggled.connect(self._purpose_changed)
        self._purpose_changed()

    def puskesmas_chosen(self) -> bool:
        return self.for_puskesmas.isChecked()

    def _purpose_changed(self) -> None:
        puskesmas = self.puskesmas_chosen()
        if puskesmas:
            self.setTitle(_("A puskesmas laptop"))
            self.setSubTitle(_("Nothing else to set up."))
        else:
            self.setTitle(_("Your Posyandu"))
            self.setSubTitle(
                _(
                    "Type the Posyandu's details as they appear on its register."
                    " Fields marked * are needed."
                )
            )
        self.details.setVisible(not puskesmas)
        self.puskesmas_note.setVisible(puskesmas)
        # QWizard recomputes Next/Finish only from an explicit final-page flag, not from nextId.
        self.setFinalPage(puskesmas)
        self.completeChanged.emit()

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        return -1 if self.puskesmas_chosen() else super().nextId()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.puskesmas_chosen() or super().isComplete()


class _EnterAdds(QObject):
    """Enter in a cadre field adds the cadre, instead of pressing the wizard's Finish."""

    def __init__(self, add: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._add = add

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        pressed = event.type() == QEvent.Type.KeyPress
        if pressed and isinstance(event, QKeyEvent) and event.key() in enter:
            self._add()
            return True
        return False


class CadresPage(QWizardPage):
    """Add cadres one by one to a list; one of them is the coordinator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("The first cadres"))
        self.setSubTitle(
            _(
                "Add every cadre who will use this laptop. The coordinator may manage cadres and"
                " settings and sets her PIN on the next page; the others set theirs with a"
                " one-time code from the coordinator."
            )
        )
        self.cadres: list[FirstCadre] = []
        self.name = _line(100)
        self.phone = _line(20)
        self.role = QComboBox()
        for role in CadreRole:
            self.role.addItem(vocabulary_label(role), role)
        self.role.setCurrentIndex(list(CadreRole).index(CadreRole.MEMBER))
        self.grade = QComboBox()
        self.grade.addItem(_("Not trained yet"), None)
        for grade in TrainingGrade:
            self.grade.addItem(vocabulary_label(grade), grade)
        self.coordinator = QCheckBox(_("Coordinator"))
        self.add_button = QPushButton(_("Add cadre"))
        self.remove_button = QPushButton(_("Remove selected"))
        for button in (self.add_button, self.remove_button):
            button.setMinimumHeight(40)
        self.message = QLabel()
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Phone"), _("Role"), _("Training"), _("Coordinator")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        form = QFormLayout()
        form.addRow(_("Name *"), self.name)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Training grade"), self.grade)
        form.addRow("", self.coordinator)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_typed_cadre)
        self._enter_adds = _EnterAdds(self.add_typed_cadre, self)
        for field in (self.name, self.phone):
            field.installEventFilter(self._enter_adds)
        self.remove_button.clicked.connect(self._remove_selected)

    def add_typed_cadre(self) -> None:
        """Add the cadre typed in the form to the list (the first one coordinates)."""
        # Qt hands StrEnum data back as plain str: turn it into the enum again.
        grade = self.grade.currentData()
        cadre = FirstCadre(
            name=self.name.text().strip(),
            role=CadreRole(self.role.currentData()),
            phone=self.phone.text().strip(),
            training_grade=None if grade is None else TrainingGrade(grade),
            is_coordinator=self.coordinator.isChecked() or not self.cadres,
        )
        issues = cadre_issues(cadre)
        if issues:
            self.message.setText(issues_text(issues))
            self.name.setFocus()
            return
        if cadre.is_coordinator:  # only one coordinator
            self.cadres = [_without_coordinator(c) for c in self.cadres]
        self.cadres.append(cadre)
        self.message.clear()
        self.name.clear()
        self.phone.clear()
        self.coordinator.setChecked(False)
        self._show_cadres()
        self.name.setFocus()
        self.completeChanged.emit()

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.cadres[row]
        if self.cadres and not any(c.is_coordinator for c in self.cadres):
            first = self.cadres[0]
            self.cadres[0] = FirstCadre(
                first.name, first.role, first.phone, first.training_grade, True
            )
        self._show_cadres()
        self.completeChanged.emit()

    def _show_cadres(self) -> None:
        self.table.setRowCount(len(self.cadres))
        for row, cadre in enumerate(self.cadres):
            grade = _("Not trained yet")
            if cadre.training_grade is not None:
                grade = vocabulary_label(cadre.training_grade)
            cells = (
                cadre.name,
                cadre.phone,
                vocabulary_label(cadre.role),
                grade,
                _("Yes") if cadre.is_coordinator else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self.cadres)


class PinPage(QWizardPage):
    """The coordinator makes up her PIN (typed twice) before anything is saved."""

    def __init__(self, cadres: CadresPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cadres = cadres
        self.setTitle(_("The coordinator's PIN"))
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self)
        self.pin = QLineEdit()
        self.confirm = QLineEdit()
        for field in (self.pin, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaxLength(6)
            field.setMaximumWidth(260)
            field.textChanged.connect(self.completeChanged)
        self.message = QLabel()
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("PIN (4 to 6 digits)"), self.pin)
        form.addRow(_("Type the same PIN again"), self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        name = next((c.name for c in self._cadres.cadres if c.is_coordinator), "")
        self.setSubTitle(
            _(
                "{name}, make up a PIN of 4 to 6 digits and remember it. You log in with it,"
                " and you give the other cadres a one-time code to set their own."
            ).format(name=name)
        )
        self.pin.setFocus()

    def chosen_pin(self) -> str | None:
        """The PIN when both fields agree and it is well formed; else None (and say why)."""
        pin = self.pin.text()
        if not pin_is_well_formed(pin):
            self.message.setText(_("The PIN must be 4 to 6 digits."))
            return None
        if pin != self.confirm.text():
            self.message.setText(_("The two PINs are not the same. Type it again."))
            self.confirm.clear()
            return None
        self.message.clear()
        return pin

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self.pin.text() and self.confirm.text())


def _without_coordinator(cadre: FirstCadre) -> FirstCadre:
    return FirstCadre(cadre.name, cadre.role, cadre.phone, cadre.training_grade, False)


class SetupWizard(QWizard):
    """Accepted once the Posyandu and its cadres are saved (`result_run` holds them), or once
    the puskesmas was chosen (`puskesmas_chosen()`; nothing saved: the caller remembers it)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.result_run: FirstRun | None = None
        self.setWindowTitle(_("Setting up Posyandu Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(860, 600)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for button, text in (
            (QWizard.WizardButton.NextButton, _("Next")),
            (QWizard.WizardButton.BackButton, _("Back")),
            (QWizard.WizardButton.FinishButton, _("Save and start")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        ):
            self.setButtonText(button, text)
            self.button(button).setMinimumHeight(40)
        self.posyandu_page = PosyanduPage()
        self.cadres_page = CadresPage()
        self.pin_page = PinPage(self.cadres_page)
        self.addPage(self.posyandu_page)
        self.addPage(self.cadres_page)
        self.addPage(self.pin_page)

    def puskesmas_chosen(self) -> bool:
        """The laptop is for the puskesmas (no Posyandu, no cadres)."""
        return self.posyandu_page.puskesmas_chosen()

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt's name)
        if self.currentPage() is not self.pin_page:
            return super().validateCurrentPage()
        return self.save()

    def save(self) -> bool:
        """Save the Posyandu and its cadres in one go; False (and say why) when refused."""
        page = self.posyandu_page
        pin = self.pin_page.chosen_pin()
        if pin is None:
            return False
        outcome = set_up_first_run(
            self._db,
            name=page.name.text(),
            code=page.code.text(),
            venue=Venue(page.venue.currentData()),
            kelurahan=page.kelurahan.text(),
            kecamatan=page.kecamatan.text(),
            kota=page.kota.text(),
            puskesmas=page.puskesmas.text(),
            cadres=self.cadres_page.cadres,
            coordinator_pin=pin,
        )
        if not outcome.ok:
            self.pin_page.message.setText(issues_text(outcome.problems))
            return False
        self.result_run = outcome.value
        return True

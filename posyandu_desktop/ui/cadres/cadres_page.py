"""Cadre profiles: who serves, their role and training grade, BPJS Ketenagakerjaan number and
certificates. Only a coordinator changes them; everyone else reads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _, vocabulary_label
from posyandu_desktop.services import (
    CadreRecord,
    CadreRole,
    Issue,
    TrainingGrade,
    add_cadre_certificate,
    register_cadre,
    set_cadre_active,
)
from posyandu_desktop.services.cadres import give_one_time_code, list_cadres, update_cadre
from posyandu_desktop.ui.cadres.certificates_table_model import (
    CertificateColumn,
    CertificatesTableModel,
)
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.widgets import messages
from posyandu_desktop.ui.widgets.date_field import DateField
from posyandu_desktop.ui.widgets.enum_combo import EnumCombo

_CADRE_ID = Qt.ItemDataRole.UserRole


def _list_text(cadre: CadreRecord) -> str:
    parts = [vocabulary_label(cadre.role)]
    if cadre.training_grade is not None:
        parts.append(vocabulary_label(cadre.training_grade))
    text = "{name}\n{details}".format(name=cadre.name, details=", ".join(parts))
    return text if cadre.active else _("{text} \u2014 no longer active").format(text=text)


class CadresPage(Page):
    """The team on the left; the chosen cadre's profile and certificates on the right."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Cadres")
        self.cadres: dict[int, CadreRecord] = {}
        self.cadre: CadreRecord | None = None  # None with the form open: a new cadre

        self.list = QListWidget()
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(self._chosen)
        self.new_button = QPushButton(_("+ New cadre (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_cadre)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_cadre)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)

        self.read_only_note = QLabel(_("Only a coordinator can change cadre profiles."))
        self.read_only_note.setStyleSheet(
            "QLabel { background: #fff3cd; color: #5c4400; padding: 6px; }"
        )
        right = QVBoxLayout()
        right.addWidget(self.read_only_note)
        right.addWidget(self._profile_box())
        right.addWidget(self._certificates_box(), 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        self._apply_rights()
        self.refresh()

    def _profile_box(self) -> QGroupBox:
        self.name = QLineEdit()
        self.nik = QLineEdit()
        self.nik.setMaxLength(20)
        self.nik.setPlaceholderText(_("16 digits"))
        self.phone = QLineEdit()
        self.role = EnumCombo(CadreRole, vocabulary_label)
        self.grade = EnumCombo(TrainingGrade, vocabulary_label, none_text=_("not trained yet"))
        self.bpjs = QLineEdit()
        self.active_label = QLabel()
        self.active_button = QPushButton()
        self.active_button.clicked.connect(self.toggle_active)
        active_row = QHBoxLayout()
        active_row.addWidget(self.active_label)
        active_row.addWidget(self.active_button)
        self.code_button = QPushButton(_("One-time PIN code"))
        self.code_button.setToolTip(_("For a first PIN, or a forgotten one"))
        self.code_button.clicked.connect(self.give_code)
        active_row.addWidget(self.code_button)
        active_row.addStretch(1)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("QLabel { color: #8b0000; font-weight: bold; }")
        self.save_button = QPushButton(_("Save profile (Ctrl+S)"))
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save_profile)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_profile)
        for edit in (self.name, self.nik, self.phone, self.bpjs):
            edit.returnPressed.connect(self.focusNextChild)

        box = QGroupBox(_("Profile"))
        form = QFormLayout(box)
        form.addRow(_("Name"), self.name)
        form.addRow(_("NIK"), self.nik)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Training grade"), self.grade)
        form.addRow(_("BPJS Ketenagakerjaan no."), self.bpjs)
        form.addRow(_("Status"), active_row)
        form.addRow(self.problems)
        form.addRow(self.save_button)
        return box

    def _certificates_box(self) -> QGroupBox:
        self.certificates = CertificatesTableModel()
        self.certificate_view = QTableView()
        self.certificate_view.setModel(self.certificates)
        self.certificate_view.verticalHeader().setVisible(False)
        self.certificate_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.certificate_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CertificateColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        self.certificate_title = QLineEdit()
        self.certificate_title.setPlaceholderText(_("e.g. Pelatihan kader Posyandu ILP"))
        today = self.session.today()
        self.certificate_date = DateField(today, latest=today)
        self.certificate_issuer = QLineEdit()
        self.certificate_issuer.setPlaceholderText(_("e.g. Puskesmas"))
        self.add_certificate_button = QPushButton(_("Add certificate"))
        self.add_certificate_button.clicked.connect(self.add_certificate)
        self.certificate_title.returnPressed.connect(self.certificate_date.setFocus)
        self.certificate_issuer.returnPressed.connect(self.add_certificate)
        self.adding_row = QWidget()
        adding = QHBoxLayout(self.adding_row)
        adding.setContentsMargins(0, 0, 0, 0)
        adding.addWidget(self.certificate_title, 2)
        adding.addWidget(self.certificate_date)
        adding.addWidget(self.certificate_issuer, 1)
        adding.addWidget(self.add_certificate_button)
        box = QGroupBox(_("Certificates"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.certificate_view, 1)
        layout.addWidget(self.adding_row)
        return box

    def _apply_rights(self) -> None:
        """Coordinators edit; other cadres see the same profiles with no editing controls."""
        can = self.session.is_coordinator
        self.read_only_note.setVisible(not can)
        for edit in (self.name, self.nik, self.phone, self.bpjs):
            edit.setReadOnly(not can)
        for combo in (self.role, self.grade):
            combo.setEnabled(can)
        for widget in (self.new_button, self.save_button, self.adding_row):
            widget.setVisible(can)

    def refresh(self, select: int | None = None) -> None:
        """Reload the team; keep (or move to) the chosen cadre."""
        keep = select if select is not None else (self.cadre.id if self.cadre else None)
        team = list_cadres(self.session.db, self.session.posyandu_id)
        self.cadres = {c.id: c for c in team}
        self.list.blockSignals(True)
        self.list.clear()
        for cadre in team:
            item = QListWidgetItem(_list_text(cadre))
            item.setData(_CADRE_ID, cadre.id)
            if not cadre.active:
                item.setForeground(QColor("#6d6d6d"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, c in enumerate(team) if c.id == keep), 0 if team else -1)
        self.list.setCurrentRow(row)
        if row >= 0:
            self.show_cadre(team[row])

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_cadre(self.cadres[int(item.data(_CADRE_ID))])

    def show_cadre(self, cadre: CadreRecord | None) -> None:
        """Fill the form with a cadre's profile (None: an empty form for a new cadre)."""
        self.cadre = cadre
        self.problems.setText("")
        self.name.setText("" if cadre is None else cadre.name)
        self.nik.setText("" if cadre is None else cadre.nik or "")
        self.phone.setText("" if cadre is None else cadre.phone)
        self.role.set_value(CadreRole.MEMBER if cadre is None else cadre.role)
        self.grade.set_value(None if cadre is None else cadre.training_grade)
        self.bpjs.setText("" if cadre is None else cadre.bpjs_ketenagakerjaan or "")
        self.certificates.set_rows(() if cadre is None else cadre.certificates)
        if cadre is None:
            self.active_label.setText(_("New cadre"))
            self.active_button.setVisible(False)
        else:
            self.active_label.setText(_("Active") if cadre.active else _("No longer active"))
            self.active_button.setText(
                _("Mark as no longer active") if cadre.active else _("Mark as active again")
            )
            self.active_button.setVisible(self.session.is_coordinator)
        self.code_button.setVisible(
            self.session.is_coordinator
            and cadre is not None
            and cadre.active
            and cadre.id != self.session.cadre_id
        )
        self.adding_row.setEnabled(cadre is not None)  # a certificate needs a saved cadre

    def new_cadre(self) -> None:
        if not self.session.is_coordinator:
            return
        self.list.clearSelection()
        self.show_cadre(None)
        self.name.setFocus()

    def _refused(self, issues: tuple[Issue, ...]) -> None:
        self.problems.setText("\n".join(issue_text(i) for i in issues))

    def save_profile(self) -> None:
        """Register the new cadre or save the chosen one's changes."""
        if not self.session.is_coordinator:
            return
        name, nik, phone = self.name.text(), self.nik.text().strip() or None, self.phone.text()
        role, grade = self.role.value() or CadreRole.MEMBER, self.grade.value()
        bpjs, me, today = self.bpjs.text(), self.session.cadre_id, self.session.today()
        if self.cadre is None:
            outcome = register_cadre(
                self.session.db,
                posyandu_id=self.session.posyandu_id,
                name=name,
                role=role,
                nik=nik,
                phone=phone,
                training_grade=grade,
                bpjs_ketenagakerjaan=bpjs,
                by_cadre_id=me,
                today=today,
            )
        else:
            outcome = update_cadre(
                self.session.db,
                cadre_id=self.cadre.id,
                name=name,
                role=role,
                nik=nik,
                phone=phone,
                training_grade=grade,
                bpjs_ketenagakerjaan=bpjs,
                by_cadre_id=me,
                today=today,
            )
        if not outcome.ok or outcome.value is None:
            self._refused(outcome.problems)
            return
        self.status_message.emit(_("Saved"))
        self.refresh(select=outcome.value.id)
        if outcome.warnings:
            self._refused(outcome.warnings)

    def toggle_active(self) -> None:
        """Mark the chosen cadre as no longer serving (or back again); records keep their name."""
        cadre = self.cadre
        if cadre is None or not self.session.is_coordinator:
            return
        if cadre.active:
            if cadre.id == self.session.cadre_id:
                messages.show_error(self, _("You cannot mark yourself as no longer active."))
                return
            question = _("{name} no longer serves at this Posyandu?").format(name=cadre.name)
            if not messages.ask(self, _("No longer active"), question):
                return
        outcome = set_cadre_active(
            self.session.db,
            cadre_id=cadre.id,
            active=not cadre.active,
            by_cadre_id=self.session.cadre_id,
        )
        if not outcome.ok:
            self._refused(outcome.problems)
            return
        self.refresh(select=cadre.id)

    def give_code(self) -> None:
        """A coordinator gives the chosen cadre a one-time code to set a (new) PIN with."""
        cadre = self.cadre
        if cadre is None or not self.session.is_coordinator:
            return
        question = _(
            "Give {name} a one-time code to make up a new PIN? Her present PIN, if any,"
            " stops working."
        ).format(name=cadre.name)
        if not messages.ask(self, _("One-time PIN code"), question):
            return
        outcome = give_one_time_code(
            self.session.db,
            posyandu_id=self.session.posyandu_id,
            cadre_id=cadre.id,
            by_cadre_id=self.session.cadre_id,
        )
        if not outcome.ok:
            self._refused(outcome.problems)
            return
        messages.show_info(
            self,
            _(
                "Give this code to {name} yourself: {code}\n\nAt her next login she types it,"
                " then makes up her PIN. The code works once."
            ).format(name=cadre.name, code=outcome.unwrap()),
            _("One-time PIN code"),
        )

    def add_certificate(self) -> None:
        cadre = self.cadre
        if cadre is None or not self.session.is_coordinator:
            return
        outcome = add_cadre_certificate(
            self.session.db,
            cadre_id=cadre.id,
            title=self.certificate_title.text(),
            issued_on=self.certificate_date.value(),
            issuer=self.certificate_issuer.text(),
            by_cadre_id=self.session.cadre_id,
            today=self.session.today(),
        )
        if not outcome.ok:
            self._refused(outcome.problems)
            return
        self.certificate_title.clear()
        self.certificate_issuer.clear()
        self.status_message.emit(_("Certificate added"))
        self.refresh(select=cadre.id)

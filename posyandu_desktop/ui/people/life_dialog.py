"""The person's life, from the profile: moved away or died, a pregnancy starting, and its end
(with the baby registered to the mother in the same step). Every choice is one save through
`services.life_events`; a refusal says why in plain words and saves nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_events import LeftReason, PregnancyEnd
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.i18n import _, parse_decimal
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import PersonRecord
from posyandu_desktop.services.outcome import Issue, Outcome
from posyandu_desktop.services.people import end_pregnancy, mark_left, start_pregnancy
from posyandu_desktop.services.registration import NewPerson
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.widgets.date_field import DateField
from posyandu_desktop.ui.widgets.enum_combo import EnumCombo
from posyandu_desktop.ui.widgets.messages import issues_text


class LifeDialog(QDialog):
    """One event of a person's life; `saved` holds what the service returned once accepted."""

    def __init__(self, session: UiSession, person: PersonRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.person = session, person
        self.saved: PersonRecord | None = None
        today = session.today()
        self.setWindowTitle(_("Life events: {name}").format(name=person.name))

        self.left = QRadioButton(_("Moved away or died"))
        self.start = QRadioButton(_("Pregnant now"))
        self.end = QRadioButton(_("The pregnancy ended"))
        woman = person.sex is Sex.FEMALE
        self.start.setVisible(woman and not person.pregnant)
        self.end.setVisible(woman and person.pregnant)
        self.left.setChecked(True)

        self.left_on = DateField(today, latest=today)
        self.reason = EnumCombo(list(LeftReason), words)
        leaving = QGroupBox()
        leaving_form = QFormLayout(leaving)
        leaving_form.addRow(_("Date"), self.left_on)
        leaving_form.addRow(_("Reason"), self.reason)
        leaving.setToolTip(_("From this date the person is out of S and the due list."))

        ending = self._build_ending(today)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.left)
        layout.addWidget(leaving)
        layout.addWidget(self.start)
        layout.addWidget(self.end)
        layout.addWidget(ending)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        for choice in (self.left, self.start, self.end):
            choice.toggled.connect(lambda _on: self._enable())
        self.how.currentIndexChanged.connect(lambda _i: self._enable())
        self.leaving = leaving
        self._enable()

    def _build_ending(self, today: date) -> QGroupBox:
        """The end of a pregnancy, with the baby to register."""
        self.ended_on = DateField(today, latest=today)
        self.how = EnumCombo(list(PregnancyEnd), words)
        self.baby_name = QLineEdit()
        self.baby_name.setPlaceholderText(_("Empty: register the baby later"))
        self.baby_sex = EnumCombo(list(Sex), words, none_text="")
        self.baby_weight = QLineEdit()
        self.baby_weight.setPlaceholderText(_("e.g. 3,1"))
        ending = QGroupBox()
        ending_form = QFormLayout(ending)
        ending_form.addRow(_("Date"), self.ended_on)
        ending_form.addRow(_("How"), self.how)
        ending_form.addRow(_("Baby's name"), self.baby_name)
        ending_form.addRow(_("Baby's sex"), self.baby_sex)
        ending_form.addRow(_("Birth weight (kg)"), self.baby_weight)
        self.ending = ending
        return ending

    def _enable(self) -> None:
        self.leaving.setEnabled(self.left.isChecked())
        self.ending.setVisible(self.end.isVisible())
        self.ending.setEnabled(self.end.isChecked())
        birth = self.how.value() is PregnancyEnd.DELIVERED
        for field in (self.baby_name, self.baby_sex, self.baby_weight):
            field.setEnabled(birth)

    def _baby(self) -> NewPerson | Issue | None:
        name = self.baby_name.text().strip()
        if self.how.value() is not PregnancyEnd.DELIVERED or not name:
            return None
        sex = self.baby_sex.value()
        if sex is None:
            return Issue(Problem.REQUIRED, Field.BABY_SEX)
        weight_text = self.baby_weight.text().strip()
        weight = parse_decimal(weight_text) if weight_text else None
        if weight_text and weight is None:
            return Issue(Problem.OUT_OF_RANGE, Field.BABY_BIRTH_WEIGHT_KG, weight_text)
        return NewPerson(name, sex, self.ended_on.value(), birth_weight_kg=weight)

    def save(self) -> None:
        """Save the chosen event; on a refusal say why and stay open."""
        s, person_id, today = self.session, PersonId(self.person.id), self.session.today()
        outcome: Outcome[PersonRecord]
        if self.left.isChecked():
            reason = self.reason.value() or LeftReason.MOVED
            outcome = mark_left(
                s.db,
                cadre_id=s.cadre_id,
                person_id=person_id,
                on=self.left_on.value(),
                reason=reason,
                today=today,
            )
        elif self.start.isChecked():
            outcome = start_pregnancy(s.db, cadre_id=s.cadre_id, person_id=person_id, today=today)
        else:
            baby = self._baby()
            if isinstance(baby, Issue):
                self.problems.setText(issues_text([baby]))
                return
            outcome = end_pregnancy(
                s.db,
                cadre_id=s.cadre_id,
                person_id=person_id,
                on=self.ended_on.value(),
                how=self.how.value() or PregnancyEnd.DELIVERED,
                baby=baby,
                today=today,
            )
        if not outcome.ok:
            self.problems.setText(issues_text(outcome.problems))
            return
        self.saved = outcome.value
        self.accept()

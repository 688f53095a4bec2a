"""Correcting a saved measurement: change the values, say why (required); the old values stay in
the audit trail and the history marks the row as corrected."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.problems import Field
from posyandu_desktop.i18n import N_, _, format_date, format_decimal, parse_decimal
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import (
    BloodPressure,
    MeasuredValues,
    MeasurementRecord,
    Reading,
    correct_measurement,
)
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.widgets.date_field import DateField
from posyandu_desktop.ui.widgets.enum_combo import EnumCombo

# Digits with at most one decimal mark (comma or point), as the measuring desk accepts.
_NUMBER = QRegularExpression(r"[0-9]{0,4}([.,][0-9]{0,3})?")
_WHOLE = QRegularExpression(r"[0-9]{0,3}")
# MeasuredValues fields typed as one number each, with their captions.
_READINGS = (
    ("weight_kg", N_("Weight (kg)")),
    ("lenhei_cm", N_("Length/height (cm)")),
    ("headc_cm", N_("Head circumference (cm)")),
    ("lila_cm", N_("LILA (cm)")),
    ("waist_cm", N_("Waist (cm)")),
    ("glucose_mg_dl", N_("Blood glucose (mg/dL)")),
)
_ADULT_ONLY = ("waist_cm", "glucose_mg_dl")


def _number_edit(pattern: QRegularExpression) -> QLineEdit:
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(pattern, edit))
    edit.setMaximumWidth(140)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


class CorrectMeasurementDialog(QDialog):
    """Edit one measurement; on success `corrected` holds the saved record and the dialog
    accepts. Problems the service finds are shown in words under the fields."""

    def __init__(
        self,
        session: UiSession,
        measurement: MeasurementRecord,
        parent: QWidget | None = None,
        *,
        person_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.original = measurement
        self.corrected: MeasurementRecord | None = None
        on = format_date(measurement.measured_on)
        title = (
            _("Correct the measurement of {name}, {date}").format(name=person_name, date=on)
            if person_name
            else _("Correct the measurement of {date}").format(date=on)
        )
        self.setWindowTitle(title)
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setStyleSheet("QLabel { font-weight: bold; }")
        self.setMinimumWidth(520)
        form = self._form(measurement.values)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("QLabel { color: #8b0000; font-weight: bold; }")
        self.problems.setVisible(False)

        buttons = self._buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

        chain = [*self.edits.values()]
        chain += [e for e in (self.systolic, self.diastolic) if e is not None]
        for edit in chain:
            edit.returnPressed.connect(self.focusNextChild)
        self.reason.returnPressed.connect(self.save)
        first = chain[0] if chain else self.reason
        first.setFocus()
        first.selectAll()

    def _form(self, values: MeasuredValues) -> QFormLayout:
        self.date_edit = DateField(self.original.measured_on, latest=self.session.today())

        form = QFormLayout()
        form.addRow(_("Date measured"), self.date_edit)
        self.edits: dict[str, QLineEdit] = {}
        for field, caption in _READINGS:
            reading: Reading | None = getattr(values, field)
            if field in _ADULT_ONLY and reading is None:
                continue  # only shown where the original has it: children have none
            edit = _number_edit(_NUMBER)
            if reading is not None:
                edit.setText(format_decimal(reading.value, 2 if field == "weight_kg" else 1))
            self.edits[field] = edit
            form.addRow(_(caption), edit)
            if field == "lenhei_cm":
                self.position = EnumCombo(Position, words, none_text=_("not noted"))
                self.position.set_value(values.position)
                form.addRow(_("Measured"), self.position)
        self.systolic = self.diastolic = None
        if values.blood_pressure is not None:
            self.systolic, self.diastolic = _number_edit(_WHOLE), _number_edit(_WHOLE)
            self.systolic.setText(str(values.blood_pressure.systolic_mmhg))
            self.diastolic.setText(str(values.blood_pressure.diastolic_mmhg))
            pressure = QHBoxLayout()
            pressure.addWidget(self.systolic)
            pressure.addWidget(QLabel("/"))
            pressure.addWidget(self.diastolic)
            pressure.addWidget(QLabel("mmHg"))
            pressure.addStretch(1)
            form.addRow(_("Blood pressure"), pressure)
        self.oedema = QCheckBox(_("Oedema (swelling of both feet)"))
        self.oedema.setChecked(values.oedema)
        form.addRow("", self.oedema)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. typing slip: 9,8 not 98"))
        form.addRow(_("Reason for the correction (required)"), self.reason)

        return form

    def _buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton(_("Save correction"))
        self.save_button.setProperty("primary", True)
        self.cancel_button = QPushButton(_("Cancel"))
        # Enter moves between fields (below) and saves from the reason: no default button, or
        # Enter in any field would save half-typed changes.
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        return buttons

    def _reading(self, field: str, problems: list[str]) -> Reading | None:
        """The typed value: the original reading (and its source) when unchanged."""
        edit = self.edits.get(field)
        old: Reading | None = getattr(self.original.values, field)
        if edit is None:
            return old
        text = edit.text().strip()
        if not text:
            return None
        value = parse_decimal(text)
        if value is None:
            problems.append(_("'{text}' is not a number").format(text=text))
            return old
        return old if old is not None and round(old.value, 3) == round(value, 3) else Reading(value)

    def _blood_pressure(self, problems: list[str]) -> BloodPressure | None:
        old = self.original.values.blood_pressure
        if self.systolic is None or self.diastolic is None:
            return old
        texts = self.systolic.text().strip(), self.diastolic.text().strip()
        if not any(texts):
            return None
        if not all(texts):
            problems.append(_("Type both blood pressure numbers"))
            return old
        systolic, diastolic = int(texts[0]), int(texts[1])
        if old is not None and (systolic, diastolic) == old[:2]:
            return old
        return BloodPressure(systolic, diastolic)

    def values(self) -> tuple[MeasuredValues, list[str]]:
        """The values as typed, and what could not be read."""
        problems: list[str] = []
        readings = {field: self._reading(field, problems) for field, _caption in _READINGS}
        lenhei = readings["lenhei_cm"]
        values = replace(
            self.original.values,
            **readings,
            position=self.position.value() if lenhei is not None else None,
            oedema=self.oedema.isChecked(),
            blood_pressure=self._blood_pressure(problems),
        )
        return values, problems

    def save(self) -> None:
        """Ask the service to correct the row; accept when it did, else say why not."""
        values, problems = self.values()
        if problems:
            self._show(problems)
            return
        chosen = self.date_edit.value()
        outcome = correct_measurement(
            self.session.db,
            cadre_id=self.session.cadre_id,
            measurement_id=self.original.id,
            reason=self.reason.text(),
            values=values,
            measured_on=chosen,
            today=self.session.today(),
        )
        if outcome.ok:
            self.corrected = outcome.value
            self.accept()
        else:
            self._show([issue_text(issue) for issue in outcome.problems])
            if any(issue.field is Field.REASON for issue in outcome.problems):
                self.reason.setFocus()

    def _show(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(True)

"""The life-stage questionnaires at the measuring desk, built from the domain's list for the
person's stage (`domain/screenings.screenings_for`), and what the values and answers mean
(the ILP classes and the referrals they suggest). Tab walks the questions, Space ticks them."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal, SignalInstance
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.health_check import HealthFindings
from posyandu_desktop.domain.health_classes import LONGEST_PREGNANCY_WEEKS
from posyandu_desktop.domain.screenings import (
    BARTHEL_MAX,
    AdolescentRisk,
    BarthelItem,
    DangerSign,
    PumaSymptom,
    Screening,
    ScreeningAnswers,
    Smoking,
    TbSymptom,
)
from posyandu_desktop.i18n import _, format_date, format_decimal
from posyandu_desktop.i18n.words import words
from posyandu_desktop.ui.widgets.date_field import DateField
from posyandu_desktop.ui.widgets.measure_field import MeasureField


class _Ticks(QWidget):
    """One checkbox per member of an enum: the ticked ones are the "yes" answers."""

    def __init__(self, members: tuple, changed: SignalInstance) -> None:  # type: ignore[type-arg]
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.boxes = {m: QCheckBox(words(m)) for m in members}
        for check in self.boxes.values():
            check.toggled.connect(changed)
            box.addWidget(check)

    def ticked(self) -> frozenset:  # type: ignore[type-arg]
        return frozenset(m for m, check in self.boxes.items() if check.isChecked())

    def clear(self) -> None:
        for check in self.boxes.values():
            check.setChecked(False)


class ScreeningPanel(QWidget):
    """Questionnaires for one person; `answers()` is what was asked, None when nothing is."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: tuple[Screening, ...] = ()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(
            "QLabel { background: #e3f2fd; color: #0d47a1; padding: 4px 6px; }"
        )
        self.tb = _Ticks(tuple(TbSymptom), self.changed)
        self.danger = _Ticks(tuple(DangerSign), self.changed)
        self.adolescent = _Ticks(tuple(AdolescentRisk), self.changed)
        self.puma = _Ticks(tuple(PumaSymptom), self.changed)
        self.pregnancy_class = QCheckBox(_("Attends the pregnancy class"))
        self.pregnancy_class.toggled.connect(self.changed)
        self.hpht = DateField(date.today())
        self.hpht.setSpecialValueText("–")
        self.hpht.dateChanged.connect(self.changed)
        self.smoking = {s: QRadioButton(words(s)) for s in Smoking}
        self._smoking_group = QButtonGroup(self)
        for radio in self.smoking.values():
            self._smoking_group.addButton(radio)
            radio.toggled.connect(self.changed)
        self.pack_years = MeasureField(_("Pack-years"), "", decimals=1)
        self.pack_years.valueChanged.connect(self.changed)
        self.barthel_asked = QCheckBox(_("Ask the daily activities"))
        self.barthel_asked.toggled.connect(self._barthel_toggled)
        self.barthel = {item: QSpinBox() for item in BarthelItem}
        for item, spin in self.barthel.items():
            spin.setRange(0, BARTHEL_MAX[item])
            spin.valueChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        for group in self._build_groups().values():
            layout.addWidget(group)
        layout.addStretch(1)
        self.show_questions((), today=date.today())

    def _build_groups(self) -> dict[Screening, QGroupBox]:
        pregnancy = QFormLayout()
        pregnancy.addRow(_("First day of last period (HPHT)"), self.hpht)
        pregnancy.addRow(self.pregnancy_class)
        pregnancy.addRow(QLabel(_("Danger signs:")))
        pregnancy.addRow(self.danger)
        smoking = QVBoxLayout()
        row = QHBoxLayout()
        for radio in self.smoking.values():
            row.addWidget(radio)
        smoking.addLayout(row)
        smoking.addWidget(self.pack_years)
        barthel = QFormLayout()
        barthel.addRow(self.barthel_asked)
        for item, spin in self.barthel.items():
            barthel.addRow(
                _("{activity} (0-{most})").format(activity=words(item), most=BARTHEL_MAX[item]),
                spin,
            )
        self.groups: dict[Screening, QGroupBox] = {}
        for screening, content in (
            (Screening.TB, self.tb),
            (Screening.PREGNANCY, pregnancy),
            (Screening.ADOLESCENT, self.adolescent),
            (Screening.SMOKING, smoking),
            (Screening.PUMA, self.puma),
            (Screening.BARTHEL, barthel),
        ):
            group = QGroupBox(words(screening))
            if isinstance(content, QWidget):
                inner = QVBoxLayout(group)
                inner.addWidget(content)
            else:
                group.setLayout(content)
            self.groups[screening] = group
        return self.groups

    def show_questions(self, screenings: tuple[Screening, ...], *, today: date) -> None:
        """Show the questionnaires of a person's life stage, every answer cleared."""
        self._shown = screenings
        for screening, group in self.groups.items():
            group.setVisible(screening in screenings)
        earliest = today - timedelta(weeks=LONGEST_PREGNANCY_WEEKS, days=1)
        self.hpht.setMaximumDate(QDate(today.year, today.month, today.day))
        self.hpht.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.clear()

    def clear(self) -> None:
        self.blockSignals(True)
        for ticks in (self.tb, self.danger, self.adolescent, self.puma):
            ticks.clear()
        self.pregnancy_class.setChecked(False)
        self.hpht.setDate(self.hpht.minimumDate())  # shown as "–": not known
        self._smoking_group.setExclusive(False)
        for radio in self.smoking.values():
            radio.setChecked(False)
        self._smoking_group.setExclusive(True)
        self.pack_years.clear()
        self.barthel_asked.setChecked(False)
        self._barthel_toggled(False)
        self.blockSignals(False)
        self.summary.setVisible(False)

    def _barthel_toggled(self, asked: bool) -> None:
        for item, spin in self.barthel.items():
            spin.setEnabled(asked)
            spin.setValue(BARTHEL_MAX[item])
        self.changed.emit()

    def answers(self) -> ScreeningAnswers | None:
        """What was asked (a shown questionnaire with nothing ticked is "asked: no")."""
        shown = self._shown
        if not shown:
            return None
        hpht = self.hpht.value() if self.hpht.date() != self.hpht.minimumDate() else None
        smoking = next((s for s, radio in self.smoking.items() if radio.isChecked()), None)
        pregnant = Screening.PREGNANCY in shown
        return ScreeningAnswers(
            tb=self.tb.ticked() if Screening.TB in shown else None,
            hpht=hpht if pregnant else None,
            pregnancy_class=self.pregnancy_class.isChecked() if pregnant else None,
            danger_signs=self.danger.ticked() if pregnant else None,
            adolescent=self.adolescent.ticked() if Screening.ADOLESCENT in shown else None,
            smoking=smoking if Screening.SMOKING in shown else None,
            pack_years=self.pack_years.value() if Screening.PUMA in shown else None,
            puma=self.puma.ticked() if Screening.PUMA in shown else None,
            barthel=(
                {item: spin.value() for item, spin in self.barthel.items()}
                if Screening.BARTHEL in shown and self.barthel_asked.isChecked()
                else None
            ),
        )

    def show_health(self, health: HealthFindings | None) -> None:
        """The ILP classes of the values typed and the results of the answers, in words."""
        lines = [] if health is None else health_lines(health)
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(lines))


def health_lines(h: HealthFindings) -> list[str]:
    """One short line per finding, then the referrals suggested."""
    lines = []
    if h.adult_bmi is not None:
        lines.append(_("Adult BMI: {value}").format(value=words(h.adult_bmi)))
    if h.waist_risk:
        lines.append(_("Waist: above the healthy limit"))
    if h.blood_pressure is not None:
        lines.append(_("Blood pressure: {value}").format(value=words(h.blood_pressure)))
    for name, found in (
        (_("Blood sugar"), h.glucose),
        (_("Cholesterol"), h.cholesterol),
        (_("Uric acid"), h.uric_acid),
    ):
        if found is not None:
            lines.append(_("{test}: {value}").format(test=name, value=words(found)))
    if h.haemoglobin is not None:
        lines.append(words(h.haemoglobin))
    if h.kek:
        lines.append(_("KEK: LILA under 23.5 cm"))
    if h.pregnancy is not None:
        lines.append(
            _("Pregnancy: {weeks} weeks {days} days, due {date}").format(
                weeks=h.pregnancy.weeks, days=h.pregnancy.days, date=format_date(h.pregnancy.due_on)
            )
        )
    if h.puma_score is not None:
        lines.append(_("PUMA score: {score}").format(score=h.puma_score))
    if h.dependency is not None and h.barthel_score is not None:
        lines.append(
            _("Barthel {score}: {level}").format(
                score=format_decimal(h.barthel_score, 0), level=words(h.dependency)
            )
        )
    if h.referrals:
        lines.append(_("Refer: {reasons}").format(reasons=", ".join(words(r) for r in h.referrals)))
    return lines

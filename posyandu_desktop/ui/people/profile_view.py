"""A person's profile: who they are, their latest status, growth charts and measurement history
(with corrections and their audit trail)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.early_warning import RiskReason, StuntingRisk
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.i18n import (
    N_,
    _,
    age_text_on,
    current_language,
    format_date_short,
    format_decimal,
    format_rt_rw,
    format_time,
    life_stage_label,
    vocabulary_label,
)
from posyandu_desktop.i18n.early_warning_words import risk_line
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import (
    AuditRecord,
    MeasurementRecord,
    measurement_history,
    measurements_of,
)
from posyandu_desktop.services.cadres import list_cadres
from posyandu_desktop.services.people import (
    Chart,
    PersonProfile,
    advice,
    growth_charts,
    person_profile,
    risk_of_person,
)
from posyandu_desktop.services.reports import print_growth_card
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.people.correct_measurement_dialog import CorrectMeasurementDialog
from posyandu_desktop.ui.people.history_table_model import (
    CATEGORY_COLUMNS,
    Column,
    HistoryTableModel,
)
from posyandu_desktop.ui.people.life_dialog import LifeDialog
from posyandu_desktop.ui.widgets.growth_chart import (
    FALL_COLOUR,
    GrowthChart,
    sex_label,
)
from posyandu_desktop.ui.widgets.messages import show_error
from posyandu_desktop.ui.widgets.open_file import open_document
from posyandu_desktop.ui.widgets.status_badge import StatusBadge

# Which fall the early-warning list found is drawn on which chart.
_FALL_ON_CHART = {
    Chart.LENGTH_FOR_AGE_0_24: RiskReason.LENGTH_FALLING,
    Chart.WEIGHT_FOR_AGE_0_24: RiskReason.WEIGHT_FALLING,
    Chart.WEIGHT_FOR_AGE_0_60: RiskReason.WEIGHT_FALLING,
}
CATEGORY_WIDTH = 112  # px: "Berat badan sangat kurang (-3,12)" wraps onto two lines

# Audited measurement columns a cadre can change, in the order the trail lists them.
_CHANGED_FIELDS = {
    "measured_on": N_("Date"),
    "weight_kg": N_("Weight (kg)"),
    "lenhei_cm": N_("Length/height (cm)"),
    "position": N_("Position"),
    "headc_cm": N_("Head (cm)"),
    "lila_cm": N_("LILA (cm)"),
    "oedema": N_("Oedema"),
    "systolic_mmhg": N_("Systolic"),
    "diastolic_mmhg": N_("Diastolic"),
    "waist_cm": N_("Waist (cm)"),
    "glucose_mg_dl": N_("Blood glucose"),
}


def _audit_value(field: str, value: object) -> str:
    if value is None:
        return "\u2014"
    if field == "measured_on" and isinstance(value, str):
        return format_date_short(date.fromisoformat(value))
    if field == "position" and isinstance(value, str):
        return words(Position(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return format_decimal(value, 2 if round(value, 1) != value else 1)
    return str(value)


def _place(profile: PersonProfile) -> str:
    house = profile.household
    if house is None:
        return ""
    parts = [house.head_name and _("Household of {name}").format(name=house.head_name)]
    parts.append(house.address)
    if house.rt is not None or house.rw is not None:
        parts.append(_("RT/RW {rt_rw}").format(rt_rw=format_rt_rw(house.rt, house.rw)))
    return ", ".join(p for p in parts if p)


class ProfileView(QWidget):
    """Shows one person; `show_person(id)` loads them, `clear()` shows nothing."""

    status_message = Signal(str)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.person_id: PersonId | None = None
        self.profile: PersonProfile | None = None
        self.dialog: CorrectMeasurementDialog | None = None

        self.name = QLabel()
        name_font = QFont(self.name.font())
        name_font.setPointSize(name_font.pointSize() + 5)
        name_font.setBold(True)
        self.name.setFont(name_font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badges = [StatusBadge() for _i in range(4)]
        self.latest = QLabel()
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.latest)
        for badge in self.badges:
            badge_row.addWidget(badge)
        badge_row.addStretch(1)
        # The buttons beside the name: the badges' row needs all its width ("2T (dua kali tidak
        # naik)" and three categories fill it at 1366 px).
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        self.print_card_button = QPushButton(_("Print KMS card"))
        self.print_card_button.setToolTip(
            _("Opens the growth card as PDF; print it from the PDF viewer.")
        )
        self.print_card_button.clicked.connect(self.print_card)
        name_row.addWidget(self.print_card_button)
        self.life_button = QPushButton(_("Life events\u2026"))
        self.life_button.setToolTip(
            _("Moved away or died, pregnant now, the pregnancy ended (and the baby registered)")
        )
        self.life_button.clicked.connect(self.open_life_dialog)
        name_row.addWidget(self.life_button)
        self.life_dialog: LifeDialog | None = None
        self.printing: background.Task | None = None
        self.last_printout: Path | None = None

        # The early-warning list's reasons and what to tell the mother (services/early_warning).
        self.risk = QLabel()
        self.risk.setWordWrap(True)
        self.risk.setTextFormat(Qt.TextFormat.PlainText)
        self.risk.setStyleSheet(
            f"background: {FALL_COLOUR.lighter(190).name()}; color: #3e2723; padding: 4px;"
            f" border-left: 4px solid {FALL_COLOUR.name()};"
        )

        self.tabs = QTabWidget()
        self.charts = [GrowthChart() for _i in range(4)]
        self.history_page = self._build_history()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(name_row)
        layout.addWidget(self.details)
        layout.addLayout(badge_row)
        layout.addWidget(self.risk)
        layout.addWidget(self.tabs, 1)
        self.clear()

    def _build_history(self) -> QWidget:
        self.model = HistoryTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Categories wrap in narrow columns, so the whole table fits beside the search list.
        for column in CATEGORY_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, CATEGORY_WIDTH)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.doubleClicked.connect(lambda _index: self.correct_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_trail())
        self.correct_button = QPushButton(_("Correct this measurement\u2026 (Ctrl+E)"))
        self.correct_button.clicked.connect(self.correct_selected)
        self.correct_button.setEnabled(False)
        QShortcut(QKeySequence("Ctrl+E"), self, self.correct_selected)
        self.trail = QLabel()
        self.trail.setWordWrap(True)
        self.trail.setTextFormat(Qt.TextFormat.PlainText)
        self.trail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        history = QWidget()
        below = QHBoxLayout()
        below.addWidget(self.trail, 1)
        below.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignTop)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.table, 1)
        history_layout.addLayout(below)
        return history

    def clear(self) -> None:
        """Show nobody."""
        self.person_id, self.profile = None, None
        self.name.setText(_("Choose a person on the left"))
        self.details.setText("")
        self.risk.setVisible(False)
        self.latest.setText("")
        for badge in self.badges:
            badge.clear_status()
        self.tabs.clear()
        self.model.set_rows(())
        self.trail.setText("")
        self.correct_button.setEnabled(False)
        self.print_card_button.setVisible(False)
        self.life_button.setVisible(False)

    def show_person(self, person_id: PersonId) -> None:
        """Load a person's header, charts and history."""
        today = self.session.today()
        profile = person_profile(self.session.db, person_id, today=today)
        if profile is None:
            self.clear()
            self.name.setText(_("This person is no longer in the registry"))
            return
        self.person_id, self.profile = person_id, profile
        self.print_card_button.setVisible(profile.life_stage is LifeStage.UNDER_FIVE)
        self.print_card_button.setEnabled(self.printing is None)
        self.life_button.setVisible(profile.person.left_on is None)
        history = measurements_of(self.session.db, person_id)
        self._show_header(profile, history)
        self.model.set_rows(history)
        for column in Column:
            self.table.setColumnHidden(column, column in self.model.empty_columns())
        self.trail.setText("")
        self.correct_button.setEnabled(False)
        current = self.tabs.currentIndex()
        self.tabs.clear()
        risk = risk_of_person(self.session.db, person_id, today=today)
        self._show_risk(risk)
        falls = {
            f.reason: f.since
            for f in (risk.findings if risk is not None else ())
            if f.since is not None
        }
        charts = growth_charts(self.session.db, person_id, today=today)
        for view, data in zip(self.charts, charts, strict=False):
            fell = _FALL_ON_CHART.get(data.chart) if data is not None else None
            view.set_data(data, profile.person.name, falls.get(fell) if fell else None)
            index = self.tabs.addTab(view, words(data.chart, "tab"))
            self.tabs.setTabToolTip(index, words(data.chart))
        # From five years there is no WHO 2006 chart: the history is the whole profile.
        self.tabs.addTab(self.history_page, _("History"))
        self.tabs.setCurrentIndex(max(current, 0) if current < self.tabs.count() else 0)

    def _show_risk(self, risk: StuntingRisk | None) -> None:
        self.risk.setVisible(risk is not None)
        if risk is None:
            return
        said = advice(risk)[0].text(current_language())  # the heaviest reason's message
        self.risk.setText(
            _("At risk of stunting: {reasons}").format(reasons=risk_line(risk))
            + "\n"
            + _("Tell the mother: {advice}").format(advice=said)
        )

    def _show_header(self, profile: PersonProfile, history: tuple[MeasurementRecord, ...]) -> None:
        person = profile.person
        self.name.setText(person.name)
        first = [
            sex_label(person.sex),
            _("{age} (born {date})").format(
                age=age_text_on(person.birth_date, max(self.session.today(), person.birth_date)),
                date=format_date_short(person.birth_date),
            ),
            life_stage_label(profile.life_stage),
        ]
        if person.nik:
            first.append(_("NIK {nik}").format(nik=person.nik))
        elif profile.mother_nik:
            first.append(_("Mother's NIK {nik}").format(nik=profile.mother_nik))
        second = []
        if person.left_on is not None:
            second.append(
                _("{reason} on {date}").format(
                    reason=words(person.left_reason) if person.left_reason else _("Left"),
                    date=format_date_short(person.left_on),
                )
            )
        if profile.mother_name:
            second.append(_("Mother: {name}").format(name=profile.mother_name))
        second.append(_place(profile))
        self.details.setText(
            "  \u00b7  ".join(first) + "\n" + "  \u00b7  ".join(p for p in second if p)
        )
        measured = (m for m in reversed(history) if m.values.weight_kg or m.values.lenhei_cm)
        latest = next(measured, None)
        for badge in self.badges:
            badge.clear_status()
        if latest is None:
            self.latest.setText(_("Not measured yet"))
            return
        self.latest.setText(
            _("Latest ({date}):").format(date=format_date_short(latest.measured_on))
        )
        f = latest.findings
        for badge, category in zip(
            self.badges, (f.wfa_category, f.lhfa_category, f.wflh_category), strict=False
        ):
            badge.set_category(category)
        growth = self.model.growth_text(latest)
        self.badges[3].set_status(growth, self.model.severity(latest, Column.GROWTH))
        self.badges[3].setToolTip(self.model.tooltip(latest, Column.GROWTH) or "")

    def open_life_dialog(self) -> None:
        """Record moved away or died, or a pregnancy's start or end (window-modal)."""
        if self.profile is None:
            return
        self.life_dialog = LifeDialog(self.session, self.profile.person, self)
        self.life_dialog.accepted.connect(self._after_life_event)
        self.life_dialog.open()

    def _after_life_event(self) -> None:
        dialog, self.life_dialog = self.life_dialog, None
        if self.person_id is not None:
            self.show_person(self.person_id)
        self.status_message.emit(_("Saved"))
        if dialog is not None:
            dialog.deleteLater()

    def selected_measurement(self) -> MeasurementRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.measurement(rows[0].row()) if rows else None

    def _show_trail(self) -> None:
        chosen = self.selected_measurement()
        self.correct_button.setEnabled(chosen is not None)
        if chosen is None or not chosen.corrections:
            self.trail.setText("" if chosen is None else _("Never corrected."))
            return
        events = measurement_history(self.session.db, chosen.id)
        names = {c.id: c.name for c in list_cadres(self.session.db, self.session.posyandu_id)}
        self.trail.setText("\n".join(self._trail_line(e, names) for e in events))

    @staticmethod
    def _trail_line(event: AuditRecord, names: dict[CadreId, str]) -> str:
        when = event.at.astimezone()
        words = {
            "date": format_date_short(when.date()),
            "time": format_time(event.at),
            "action": vocabulary_label(event.action),
        }
        # None for imported or demo rows.
        who = None if event.cadre_id is None else names.get(event.cadre_id)
        if who is None:
            head = _("{date} {time}, {action}").format(**words)
        else:
            head = _("{date} {time}, {action} by {who}").format(who=who, **words)
        if event.reason:
            head += " \u2014 " + _("reason: {reason}").format(reason=event.reason)
        changes = []
        for field, label in _CHANGED_FIELDS.items():
            change = event.changes.get(field)
            if isinstance(change, list) and len(change) == 2:
                changes.append(
                    _("{field}: {old} \u2192 {new}").format(
                        field=_(label),
                        old=_audit_value(field, change[0]),
                        new=_audit_value(field, change[1]),
                    )
                )
        return head + ("; " + "; ".join(changes) if changes else "")

    def correct_selected(self) -> None:
        """Open the correction dialog for the selected measurement (modeless in tests)."""
        chosen = self.selected_measurement()
        if chosen is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()  # the previous one, long closed
        name = "" if self.profile is None else self.profile.person.name
        self.dialog = CorrectMeasurementDialog(self.session, chosen, self, person_name=name)
        self.dialog.accepted.connect(self._after_correction)
        self.dialog.open()

    def _after_correction(self) -> None:
        dialog = self.dialog
        if dialog is None or dialog.corrected is None or self.person_id is None:
            return
        corrected = dialog.corrected
        self.show_person(self.person_id)
        row = self.model.row_of(corrected.id)
        if row is not None:
            self.table.selectRow(row)
        self.status_message.emit(_("Measurement corrected"))

    def print_card(self) -> None:
        """Write this child's KMS card into the data folder's printouts and open it."""
        if self.person_id is None or self.printing is not None:
            return
        db, person_id = self.session.db, self.person_id
        folder = self.session.data_dir / "printouts"
        today, lang = self.session.today(), current_language()
        self.print_card_button.setEnabled(False)
        self.status_message.emit(_("Making the KMS card\u2026"))
        self.printing = background.run(
            lambda: print_growth_card(
                db, person_id=person_id, folder=folder, lang=lang, today=today
            ),
            self._card_printed,
            self._card_failed,
        )

    def _card_finished(self) -> None:
        self.printing = None
        self.print_card_button.setEnabled(True)

    def _card_printed(self, pdf: object) -> None:
        self._card_finished()
        if not isinstance(pdf, Path):
            show_error(self, _("This person is no longer in the registry"))
            return
        self.last_printout = pdf
        self.status_message.emit(_("KMS card saved: {path}").format(path=pdf))
        open_document(self, pdf)

    def _card_failed(self, error: BaseException) -> None:
        self._card_finished()
        show_error(
            self,
            _("The KMS card could not be made ({reason}).").format(reason=type(error).__name__),
        )

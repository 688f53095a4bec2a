"""Home visits: who needs a visit, the visits of a month, and recording a visit (who went, why,
what they found, what they measured there)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.domain.measurement import measured_lying
from posyandu_desktop.domain.months import Period
from posyandu_desktop.i18n import _, format_month, parse_decimal, vocabulary_label
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import MeasuredValues, Reading, VisitReason, record_home_visit
from posyandu_desktop.services.cadres import list_cadres
from posyandu_desktop.services.people import person_profile
from posyandu_desktop.services.visits import home_visits_between, visit_suggestions
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.visits.person_picker import PersonPicker
from posyandu_desktop.ui.visits.suggestions_table_model import (
    SuggestionColumn,
    SuggestionsTableModel,
)
from posyandu_desktop.ui.visits.visits_table_model import VisitColumn, VisitsTableModel
from posyandu_desktop.ui.widgets.date_field import DateField
from posyandu_desktop.ui.widgets.enum_combo import EnumCombo
from posyandu_desktop.ui.widgets.month_bar import MonthBar

_NUMBER = QRegularExpression(r"[0-9]{0,3}([.,][0-9]{0,2})?")
_CADRE_ID = Qt.ItemDataRole.UserRole


def _table(model: SuggestionsTableModel | VisitsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMaximumHeight(64)
    return box


def _number_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(_NUMBER, edit))
    edit.setMaximumWidth(90)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


class VisitForm(QGroupBox):
    """The "record a home visit" form; `saved` holds the last visit recorded."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(_("Record a home visit"), parent)
        self.session = session
        self.household_id: int | None = None

        self.picker = PersonPicker(session)
        self.picker.chosen.connect(self._person_chosen)
        self.whole_household = QCheckBox(_("The whole household"))
        self.whole_household.setEnabled(False)
        self.whole_household.toggled.connect(self._household_toggled)
        self.visited_on = DateField(session.today(), latest=session.today())
        self.cadres = QListWidget()
        self.cadres.setMaximumHeight(96)
        self.reason = EnumCombo(VisitReason, vocabulary_label)
        self.findings = _text_box(_("What you saw and heard"))
        self.follow_up = _text_box(_("e.g. come next month, refer to the puskesmas"))
        measured = self._measured_row()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("QLabel { color: #8b0000; font-weight: bold; }")
        self.problems.setVisible(False)
        self.save_button = QPushButton(_("Save the visit (Ctrl+S)"))
        self.save_button.setProperty("primary", True)

        form = QFormLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addStretch(1)  # spare height goes below the form, not into its rows
        form.addRow(QLabel(_("Who was visited")))
        form.addRow(self.picker)  # the full width: names and the chosen line are long
        form.addRow("", self.whole_household)
        # Short labels: the form must fit beside the lists on a 1366 px screen.
        form.addRow(_("Date"), self.visited_on)
        form.addRow(_("Cadres"), self.cadres)
        form.addRow(_("Reason"), self.reason)
        form.addRow(_("Findings"), self.findings)
        form.addRow(_("Follow-up"), self.follow_up)
        form.addRow(_("Measured"), measured)
        form.addRow(self.problems)
        form.addRow(self.save_button)
        self.load_cadres()

    def _measured_row(self) -> QHBoxLayout:
        self.weight, self.length = _number_edit(), _number_edit()
        self.weight.returnPressed.connect(self.length.setFocus)
        self.position = EnumCombo(Position, words)
        row = QHBoxLayout()
        row.addWidget(self.weight)
        row.addWidget(QLabel("kg"))
        row.addSpacing(12)
        row.addWidget(self.length)
        row.addWidget(QLabel("cm"))
        row.addWidget(self.position)
        row.addStretch(1)
        return row

    def load_cadres(self) -> None:
        """The active cadres to tick; the one logged in is ticked (they usually went)."""
        ticked = set(self.cadre_ids()) or {self.session.cadre_id}
        self.cadres.clear()
        for cadre in list_cadres(self.session.db, self.session.posyandu_id, active_only=True):
            item = QListWidgetItem(cadre.name)
            item.setData(_CADRE_ID, cadre.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = cadre.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.cadres.addItem(item)

    def cadre_ids(self) -> list[CadreId]:
        items = (self.cadres.item(i) for i in range(self.cadres.count()))
        return [
            CadreId(int(item.data(_CADRE_ID)))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_cadres(self, cadre_ids: list[int]) -> None:
        for i in range(self.cadres.count()):
            item = self.cadres.item(i)
            on = int(item.data(_CADRE_ID)) in cadre_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_reason(self, reason: VisitReason) -> None:
        self.reason.set_value(reason)

    def _person_chosen(self, person_id: int | None) -> None:
        self.household_id = None
        self.whole_household.setChecked(False)
        if person_id is not None:
            profile = person_profile(self.session.db, person_id, today=self.session.today())
            if profile is not None:
                self.household_id = profile.person.household_id
                age_days = (self.session.today() - profile.person.birth_date).days
                lying = measured_lying(profile.life_stage, age_days)
                self.position.set_value(Position.LYING if lying else Position.STANDING)
        self.whole_household.setEnabled(self.household_id is not None)

    def _household_toggled(self, whole: bool) -> None:
        # Measurements belong to a person, not to a household.
        for widget in (self.weight, self.length, self.position):
            widget.setEnabled(not whole)

    def values(self, problems: list[str]) -> MeasuredValues | None:
        """What was measured on the visit, or None when nothing was typed."""
        readings: dict[str, Reading | None] = {}
        for field, edit in (("weight_kg", self.weight), ("lenhei_cm", self.length)):
            text = edit.text().strip()
            value = parse_decimal(text) if text else None
            if text and value is None:
                problems.append(_("'{text}' is not a number").format(text=text))
            readings[field] = None if value is None else Reading(value)
        if not self.weight.isEnabled() or not any(readings.values()):
            return None
        lenhei = readings["lenhei_cm"]
        position = self.position.value() if lenhei is not None else None
        return MeasuredValues(weight_kg=readings["weight_kg"], lenhei_cm=lenhei, position=position)

    def save(self) -> bool:
        """Record the visit; True when it was saved (the form is then emptied)."""
        problems: list[str] = []
        values = self.values(problems)
        if problems:
            self._show(problems)
            return False
        person = self.picker.person
        whole = self.whole_household.isChecked()
        outcome = record_home_visit(
            self.session.db,
            entered_by=self.session.cadre_id,
            cadre_ids=self.cadre_ids(),
            visited_on=self.visited_on.value(),
            reason=self.reason.value() or VisitReason.OTHER,
            person_id=None if person is None or whole else person.id,
            household_id=self.household_id if whole else None,
            findings=self.findings.toPlainText(),
            follow_up=self.follow_up.toPlainText(),
            values=values,
            today=self.session.today(),
        )
        if not outcome.ok:
            self._show([issue_text(issue) for issue in outcome.problems])
            return False
        self.clear()
        return True

    def clear(self) -> None:
        self.picker.choose(None)
        self.visited_on.set_value(self.session.today())
        self.set_cadres([self.session.cadre_id])
        self.reason.setCurrentIndex(0)
        for edit in (self.findings, self.follow_up):
            edit.clear()
        for line in (self.weight, self.length):
            line.clear()
        self.problems.setVisible(False)

    def _show(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(True)


class HomeVisitsPage(Page):
    """Suggestions and the month's visits on the left, the visit form on the right."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Home visits")
        self.month = session.today().replace(day=1)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self._suggested_box())
        left.addWidget(self._made_box())
        left.setChildrenCollapsible(False)

        self.form = VisitForm(session)
        self.form.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setMinimumWidth(440)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([680, 440])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.refresh()

    def _suggested_box(self) -> QGroupBox:
        self.suggestions = SuggestionsTableModel()
        self.suggestion_view = _table(self.suggestions)
        self.suggestion_view.horizontalHeader().setSectionResizeMode(
            SuggestionColumn.REASONS, QHeaderView.ResizeMode.Stretch
        )
        self.suggestion_view.activated.connect(lambda index: self.visit_suggested(index.row()))
        self.suggestion_view.doubleClicked.connect(lambda index: self.visit_suggested(index.row()))
        box = QGroupBox(_("Who needs a visit (double-click or Enter to record)"))
        QVBoxLayout(box).addWidget(self.suggestion_view)
        return box

    def _made_box(self) -> QGroupBox:
        self.visits = VisitsTableModel()
        self.visit_view = _table(self.visits)
        # Wrapped columns with rows as tall as their notes: nothing is cut off at 1366 px.
        self.visit_view.setWordWrap(True)
        self.visit_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        header = self.visit_view.horizontalHeader()
        for column, width in ((VisitColumn.VISITED, 150), (VisitColumn.REASON, 125)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.month_bar = MonthBar(self.month)
        self.month_bar.month_changed.connect(self.show_month)
        box = QGroupBox(_("Visits made"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.month_bar)
        layout.addWidget(self.visit_view)
        return box

    def refresh(self) -> None:
        """Reload suggestions, the month's visits and the cadres to tick."""
        today = self.session.today()
        self.suggestions.set_rows(
            visit_suggestions(self.session.db, self.session.posyandu_id, today=today)
        )
        self.form.load_cadres()
        self.show_month(self.month)

    def show_month(self, first: date) -> None:
        self.month = first
        last = Period.of(first).last_day
        self.visits.set_rows(home_visits_between(self.session.db, first, last))
        self.month_bar.caption.setText(
            _("{month}: {count} visits").format(
                month=format_month(first.year, first.month), count=self.visits.rowCount()
            )
        )

    def visit_suggested(self, row: int) -> None:
        """Fill the form for a suggested child: who, and the most urgent reason."""
        suggestion = self.suggestions.record(row)
        self.form.picker.choose(suggestion.person, suggestion.age_months)
        self.form.set_reason(suggestion.reasons[0])
        self.form.findings.setFocus()

    def save(self) -> None:
        if self.form.save():
            self.status_message.emit(_("Home visit saved"))
            self.refresh()

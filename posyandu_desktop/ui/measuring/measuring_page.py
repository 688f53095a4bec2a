"""The measuring desk: the queue, large entry fields for the selected person, and what the values
mean as soon as they are typed. Works from the keyboard alone: Enter moves to the next field and
saves on the last one, Ctrl+S saves, Esc clears, Alt+Down/Alt+Up walk the queue."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.growth.plausibility import PlausibilityIssue, Quantity
from posyandu_desktop.domain.growth.weight_gain import last_month_on_the_card
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.measurement import CHILD_STAGES, measured_lying
from posyandu_desktop.domain.measurement import fields_for as measured_fields
from posyandu_desktop.domain.problems import QUANTITY_FIELDS, Field
from posyandu_desktop.domain.screenings import screenings_for
from posyandu_desktop.i18n import (
    _,
    age_text,
    current_language,
    format_date,
    format_decimal,
    format_month,
    format_weight,
)
from posyandu_desktop.i18n.early_warning_words import risk_headline
from posyandu_desktop.i18n.measurement_words import DECIMALS, UNITS, doubt_text, quantity_label
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import (
    BloodPressure,
    DayRecord,
    Desk,
    Issue,
    MeasuredValues,
    MeasurementSource,
    Reading,
    measure_at_desk,
    pass_desk,
)
from posyandu_desktop.services.day import QueueEntry, day_today, waiting_at_desk
from posyandu_desktop.services.measuring import MeasurementPreview, preview_measurement
from posyandu_desktop.services.people import advice, needs_today, risk_of_person
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.day.closed import closed_day_text
from posyandu_desktop.ui.measuring.queue_table_model import Column, QueueTableModel
from posyandu_desktop.ui.measuring.results_panel import ResultsPanel
from posyandu_desktop.ui.measuring.screening_panel import ScreeningPanel
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.widgets import messages
from posyandu_desktop.ui.widgets.measure_field import FieldState, MeasureField
from posyandu_desktop.ui.widgets.scrolled import scrolled

# The preview (z-scores, N/T) is worked out once typing pauses this long, not at every key:
# reading the history and scoring takes a few tens of ms on a low-end laptop with a big registry.
PREVIEW_DELAY_MS = 150
_QUEUE_WIDTHS = (280, 340)  # px, the queue on the smallest window and where there is room
_ROOMY_PAGE_WIDTH = 1100  # the desk's width in a 1366 px window
# The scale line above the weight: connected, not (yet) connected, no scale set up.
_SCALE_STYLES = {
    True: "background: #e8f5e9; color: #1b5e20;",
    False: "background: #fff3cd; color: #5c4400;",
    None: "color: #455a64;",
}
# Entry order: Enter walks the visible fields in this order.
_ORDER = (
    Quantity.WEIGHT_KG,
    Quantity.LENHEI_CM,
    Quantity.HEADC_CM,
    Quantity.LILA_CM,
    Quantity.WAIST_CM,
    Quantity.SYSTOLIC_MMHG,
    Quantity.DIASTOLIC_MMHG,
    Quantity.GLUCOSE_MG_DL,
    Quantity.HAEMOGLOBIN_G_DL,
    Quantity.CHOLESTEROL_MG_DL,
    Quantity.URIC_ACID_MG_DL,
)


def fields_for(entry: QueueEntry) -> tuple[Quantity, ...]:
    """The fields shown for this person, by life stage, age and sex (ILP forms), in entry
    order."""
    shown = measured_fields(entry.life_stage, entry.age_months, entry.person.sex)
    return tuple(q for q in _ORDER if q in shown)


class MeasuringPage(Page):
    """The measuring desk for today's open Posyandu day."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Measuring desk")
        self._day: DayRecord | None = None
        self._entry: QueueEntry | None = None
        self._shown: tuple[Quantity, ...] = ()
        self._preview: MeasurementPreview | None = None
        self._sources: dict[Quantity, MeasurementSource] = {}
        self._confirmed: tuple[PlausibilityIssue, ...] = ()
        self._never_weighed = False  # this child: the KMS field may be shown
        self._kms_hint = ""
        self.preview_delay_ms = PREVIEW_DELAY_MS  # 0: at once (tests)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.timeout.connect(self._values_changed)

        self.stack = QStackedWidget()
        self.no_day = QLabel()
        self.no_day.setWordWrap(True)
        self.no_day.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 3)
        self.no_day.setFont(big)
        self.stack.addWidget(self.no_day)
        self.stack.addWidget(self._build_desk())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        shortcuts = (
            ("Ctrl+S", self.save),
            ("Esc", self.clear_values),
            ("Alt+Down", lambda: self._step_queue(1)),
            ("Alt+Up", lambda: self._step_queue(-1)),
            # Not F5: the main window's F-keys switch screens from anywhere, this desk included.
            ("Ctrl+R", self.refresh),
        )
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # Building ####################################################################################

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        # The queue as wide as the window allows (whole names), narrower on the smallest
        # window, where the person's panel needs the room (docs/DECISIONS.md, "Window sizes").
        roomy = event.size().width() >= _ROOMY_PAGE_WIDTH
        self.queue_panel.setFixedWidth(_QUEUE_WIDTHS[roomy])
        super().resizeEvent(event)

    def _build_desk(self) -> QWidget:
        desk = QWidget()
        row = QHBoxLayout(desk)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._build_queue_panel())
        row.addWidget(self._build_person_panel(), 1)
        return desk

    def _build_queue_panel(self) -> QWidget:
        self.queue_model = QueueTableModel(parent=self)
        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue_view.verticalHeader().setVisible(False)
        self.queue_view.verticalHeader().setDefaultSectionSize(34)
        self.queue_view.verticalHeader().setMinimumSectionSize(34)
        # A long name wraps onto a second line instead of being cut ("Muhammad …").
        self.queue_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.queue_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.queue_view.horizontalHeader()
        header.setSectionResizeMode(Column.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.AGE, QHeaderView.ResizeMode.ResizeToContents)
        self.queue_view.selectionModel().currentRowChanged.connect(self._queue_row_changed)
        self.queue_title = QLabel()
        self.queue_title.setStyleSheet("font-weight: bold;")
        self.skip_button = QPushButton(_("Not measured today"))
        self.skip_button.setToolTip(_("Take this person out of the queue without measuring"))
        self.skip_button.clicked.connect(self.skip)
        queue_box = QVBoxLayout()
        queue_box.addWidget(self.queue_title)
        queue_box.addWidget(self.queue_view, 1)
        queue_box.addWidget(self.skip_button)
        self.queue_panel = queue_panel = QWidget()
        queue_panel.setLayout(queue_box)
        queue_panel.setFixedWidth(_QUEUE_WIDTHS[1])
        return queue_panel

    def _build_fields(self) -> QVBoxLayout:
        self.fields: dict[Quantity, MeasureField] = {}
        fields_box = QVBoxLayout()
        fields_box.setSpacing(6)
        for quantity in _ORDER:
            field = MeasureField(
                quantity_label(quantity), UNITS[quantity], decimals=DECIMALS[quantity]
            )
            field.valueChanged.connect(self._value_typed)
            field.submitted.connect(lambda q=quantity: self._next_field(q))
            field.edit.textEdited.connect(lambda _text, q=quantity: self._sources.pop(q, None))
            self.fields[quantity] = field
        # Last month's weight from the KMS page of the Buku KIA, for a child never weighed here:
        # with it the first weighing gets N or T instead of B (docs/sources/kms.md).
        self.kms_field = MeasureField(
            _("Weight last month (from the KMS)"),
            UNITS[Quantity.WEIGHT_KG],
            decimals=DECIMALS[Quantity.WEIGHT_KG],
        )
        self.kms_field.setToolTip(
            _("Copy last month's weight from the child's Buku KIA (KMS page), if it is written")
        )
        self.kms_field.valueChanged.connect(self._value_typed)
        self.kms_field.submitted.connect(lambda: self._next_field(Quantity.WEIGHT_KG, kms=True))
        self.lying = QRadioButton(_("&Lying (length board)"))
        self.standing = QRadioButton(_("S&tanding (microtoise)"))
        self.position_group = QButtonGroup(self)
        self.position_group.addButton(self.lying)
        self.position_group.addButton(self.standing)
        self.lying.toggled.connect(self._values_changed)
        position_row = QVBoxLayout()  # one above the other: side by side they do not fit
        position_row.addWidget(self.lying)
        position_row.addWidget(self.standing)
        self.position_row = QWidget()
        self.position_row.setLayout(position_row)
        position_row.setContentsMargins(0, 0, 0, 0)
        self.correction_note = QLabel()
        self.correction_note.setWordWrap(True)
        self.correction_note.setStyleSheet(
            "QLabel { background: #e3f2fd; color: #0d47a1; padding: 2px 6px; }"
        )
        self.oedema = QCheckBox(_("&Oedema: swelling of both feet"))
        self.oedema.toggled.connect(self._values_changed)

        self.scale_state = QLabel(_("No digital scale set up: type the weight."))
        self.scale_state.setWordWrap(True)
        self.scale_state.setAccessibleName(_("Scale"))
        self.show_scale_state(self.scale_state.text(), None)
        fields_box.addWidget(self.fields[Quantity.WEIGHT_KG])
        fields_box.addWidget(self.kms_field)
        fields_box.addWidget(self.fields[Quantity.LENHEI_CM])
        fields_box.addWidget(self.position_row)
        fields_box.addWidget(self.correction_note)
        for quantity in (Quantity.HEADC_CM, Quantity.LILA_CM, Quantity.WAIST_CM):
            fields_box.addWidget(self.fields[quantity])
        pressure = QHBoxLayout()
        pressure.addWidget(self.fields[Quantity.SYSTOLIC_MMHG])
        pressure.addWidget(self.fields[Quantity.DIASTOLIC_MMHG])
        fields_box.addLayout(pressure)
        for quantity in _ORDER[_ORDER.index(Quantity.GLUCOSE_MG_DL) :]:
            fields_box.addWidget(self.fields[quantity])
        fields_box.addWidget(self.oedema)
        fields_box.addStretch(1)
        return fields_box

    def _build_save_row(self) -> QVBoxLayout:
        self.confirm = QCheckBox(_("Re-measured: the values marked yellow are right"))
        self.confirm.setStyleSheet("QCheckBox { font-weight: bold; }")
        self.confirm.setVisible(False)
        self.confirm.toggled.connect(self._confirm_toggled)
        self.save_button = QPushButton(_("Save (Ctrl+S)"))
        self.save_button.setProperty("primary", True)
        self.save_button.setMinimumHeight(44)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(_("Clear (Esc)"))
        self.clear_button.setMinimumHeight(44)
        self.clear_button.clicked.connect(self.clear_values)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 2)
        buttons.addWidget(self.clear_button, 1)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.confirm)
        box.addLayout(buttons)
        return box

    def _build_person_panel(self) -> QWidget:
        self.saved_banner = QLabel()
        self.saved_banner.setStyleSheet(
            "QLabel { background: #e8f5e9; color: #1b5e20; padding: 4px 8px; border-radius: 4px; }"
        )
        self.saved_banner.setVisible(False)
        # After a save: the child is at risk of stunting, and what to tell the mother now.
        self.risk_banner = QLabel()
        self.risk_banner.setWordWrap(True)
        self.risk_banner.setStyleSheet(
            "QLabel { background: #fff3e0; color: #3e2723; padding: 4px 8px;"
            " border-left: 4px solid #e65100; }"
        )
        self.risk_banner.setVisible(False)
        self.person_name = QLabel()
        name_font = QFont(self.font())
        name_font.setPointSize(name_font.pointSize() + 6)
        name_font.setBold(True)
        self.person_name.setFont(name_font)
        self.person_details = QLabel()
        self.person_details.setWordWrap(True)

        fields_box = self._build_fields()
        self.results = ResultsPanel()
        self.screening = ScreeningPanel()
        self.screening.changed.connect(self._value_typed)
        judged = QVBoxLayout()  # what the values mean, then the life stage's questions
        judged.setContentsMargins(0, 0, 0, 0)
        judged.addWidget(self.results)
        judged.addWidget(self.screening, 1)
        work = QHBoxLayout()
        fields = scrolled(fields_box)  # long warnings on a small window scroll
        fields.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        work.addWidget(fields)
        work.addSpacing(12)
        work.addWidget(scrolled(judged), 1)
        hint = QLabel(
            _("Enter: next field · Ctrl+S: save · Esc: clear · Alt+↓ / Alt+↑: next / previous")
        )
        hint.setStyleSheet("color: #455a64;")
        hint.setWordWrap(True)
        person_box = QVBoxLayout()
        person_box.addWidget(self.saved_banner)
        person_box.addWidget(self.risk_banner)
        person_box.addWidget(self.person_name)
        person_box.addWidget(self.person_details)
        person_box.addWidget(self.scale_state)  # full width: one line
        person_box.addLayout(work, 1)
        person_box.addLayout(self._build_save_row())  # full width: the confirm line is long
        person_box.addWidget(hint)
        self.person_panel = QWidget()
        self.person_panel.setLayout(person_box)
        self.nobody = QLabel(_("Nobody is waiting. New arrivals appear here after registration."))
        self.nobody.setWordWrap(True)
        self.nobody.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.person_stack = QStackedWidget()
        self.person_stack.addWidget(self.nobody)
        self.person_stack.addWidget(self.person_panel)

        return self.person_stack

    # Loading #####################################################################################

    def refresh(self) -> None:
        """Reload today's day and queue; keep the selected person when still waiting."""
        today = self.session.today()
        self._day = day_today(self.session.db, self.session.posyandu_id, today=today)
        closed = closed_day_text(self._day)
        if closed is not None:
            self.no_day.setText(closed)
            self.stack.setCurrentIndex(0)
            self._select(None)
            return
        self.stack.setCurrentIndex(1)
        keep = None if self._entry is None else self._entry.arrival.id
        self._load_queue(keep)

    def _load_queue(self, keep_arrival: int | None, after_number: int | None = None) -> None:
        assert self._day is not None
        entries = waiting_at_desk(
            self.session.db, self._day.id, Desk.MEASURING, today=self.session.today()
        )
        self.queue_title.setText(_("Waiting to be measured: {count}").format(count=len(entries)))
        self.queue_model.set_entries(entries)
        row = None if keep_arrival is None else self.queue_model.row_of(keep_arrival)
        if row is None and after_number is not None:
            # After saving: the next person in queue order, else the first still waiting.
            row = next(
                (i for i, e in enumerate(entries) if e.arrival.queue_number > after_number), None
            )
        if row is None and entries:
            row = 0
        self._select_row(row)

    def _select_row(self, row: int | None) -> None:
        selection = self.queue_view.selectionModel()
        selection.blockSignals(True)
        if row is None:
            selection.clear()
        else:
            selection.setCurrentIndex(
                self.queue_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        selection.blockSignals(False)
        entry = None if row is None else self.queue_model.entry(row)
        if entry is None or self._entry is None or entry.arrival.id != self._entry.arrival.id:
            self._select(entry)

    def _queue_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if self._has_values() and not messages.ask(
            self,
            _("Values not saved"),
            _("The values typed for {name} are not saved. Discard them?").format(
                name=self._entry.person.name if self._entry else ""
            ),
            yes_text=_("Discard"),
            no_text=_("Keep typing"),
        ):
            self._select_row(previous.row() if previous.isValid() else None)
            return
        self._select(self.queue_model.entry(current.row()))

    def _step_queue(self, step: int) -> None:
        count = self.queue_model.rowCount()
        if not count:
            return
        current = self.queue_view.currentIndex()
        row = 0 if not current.isValid() else min(max(current.row() + step, 0), count - 1)
        self.queue_view.setCurrentIndex(self.queue_model.index(row, 0))

    def _select(self, entry: QueueEntry | None) -> None:
        """Show `entry`'s header and fields, empty; focus the first field."""
        self._entry = entry
        self.person_stack.setCurrentIndex(0 if entry is None else 1)
        self.skip_button.setEnabled(entry is not None)
        self._shown = () if entry is None else fields_for(entry)
        for quantity, field in self.fields.items():
            field.setVisible(quantity in self._shown)
        child = entry is not None and entry.life_stage in CHILD_STAGES
        has_length = Quantity.LENHEI_CM in self._shown
        self.position_row.setVisible(child and has_length)
        self.oedema.setVisible(entry is not None and entry.life_stage is LifeStage.UNDER_FIVE)
        self.screening.show_questions(
            () if entry is None else screenings_for(entry.life_stage, entry.age_months),
            today=self.session.today(),
        )
        if entry is not None:
            self._show_header(entry)
            lying = measured_lying(entry.life_stage, entry.age_days)
            (self.lying if lying else self.standing).setChecked(True)
        self._show_kms_field(entry)
        self.clear_values()

    def _show_kms_field(self, entry: QueueEntry | None) -> None:
        """The KMS field, for a balita never weighed here who was born before this month."""
        on = None
        if entry is not None and entry.life_stage is LifeStage.UNDER_FIVE and self._never_weighed:
            on = last_month_on_the_card(self.session.today(), entry.person.birth_date)
        self.kms_field.setVisible(on is not None and Quantity.WEIGHT_KG in self._shown)
        self._kms_hint = (
            ""
            if on is None
            else _("From the Buku KIA, {month}; leave empty if not written").format(
                month=format_month(on.year, on.month)
            )
        )

    def _show_header(self, entry: QueueEntry) -> None:
        person = entry.person
        self.person_name.setText(
            _("No. {number} · {name}").format(number=entry.arrival.queue_number, name=person.name)
        )
        details = [words(person.sex), age_text(entry.age_days)]
        if person.mother_name:
            details.append(_("mother: {name}").format(name=person.mother_name))
        needs = needs_today(self.session.db, person.id, today=self.session.today()).value
        last = None if needs is None else needs.last_weighing
        self._never_weighed = last is None
        if last is None:
            details.append(_("never weighed here"))
        else:
            details.append(
                _("last weighed {date}: {weight} kg").format(
                    date=format_date(last.on), weight=format_weight(last.weight_kg)
                )
            )
        self.person_details.setText(" · ".join(details))

    # Values and preview ##########################################################################

    def _has_values(self) -> bool:
        return (
            any(not self.fields[q].is_empty() for q in self._shown)
            or self.oedema.isChecked()
            or (self.kms_field.isVisibleTo(self) and not self.kms_field.is_empty())
        )

    def clear_values(self) -> None:
        """Empty every field (Esc) and go back to the first one."""
        for field in (*self.fields.values(), self.kms_field):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self._sources.clear()
        self.screening.clear()
        self.oedema.blockSignals(True)
        self.oedema.setChecked(False)
        self.oedema.blockSignals(False)
        self._confirmed = ()
        self._values_changed()
        if self._shown:
            self.fields[self._shown[0]].setFocus()

    def _reading(self, quantity: Quantity) -> Reading | None:
        value = self.fields[quantity].value() if quantity in self._shown else None
        if value is None:
            return None
        return Reading(value, self._sources.get(quantity, MeasurementSource.TYPED))

    def values(self) -> MeasuredValues:
        """What is typed now (unreadable fields and a half-typed blood pressure left out)."""
        q = Quantity
        length = self._reading(q.LENHEI_CM)
        position = None
        if length is not None and self.position_row.isVisibleTo(self):
            position = Position.LYING if self.lying.isChecked() else Position.STANDING
        elif length is not None:
            position = Position.STANDING  # adults and pregnant women stand
        systolic, diastolic = self._reading(q.SYSTOLIC_MMHG), self._reading(q.DIASTOLIC_MMHG)
        pressure = None
        if systolic is not None and diastolic is not None:
            pressure = BloodPressure(round(systolic.value), round(diastolic.value))
        return MeasuredValues(
            weight_kg=self._reading(q.WEIGHT_KG),
            lenhei_cm=length,
            position=position,
            headc_cm=self._reading(q.HEADC_CM),
            lila_cm=self._reading(q.LILA_CM),
            oedema=self.oedema.isChecked() and self.oedema.isVisibleTo(self),
            blood_pressure=pressure,
            waist_cm=self._reading(q.WAIST_CM),
            glucose_mg_dl=self._reading(q.GLUCOSE_MG_DL),
            haemoglobin_g_dl=self._reading(q.HAEMOGLOBIN_G_DL),
            cholesterol_mg_dl=self._reading(q.CHOLESTEROL_MG_DL),
            uric_acid_mg_dl=self._reading(q.URIC_ACID_MG_DL),
        )

    def _last_month_kg(self) -> float | None:
        return self.kms_field.value() if self.kms_field.isVisibleTo(self) else None

    def _value_typed(self) -> None:
        if self.preview_delay_ms <= 0:
            self._values_changed()
        else:
            self._preview_timer.start(self.preview_delay_ms)  # restarted by each key

    def preview_now(self) -> None:
        """Show the preview of what is typed without waiting for typing to pause."""
        self._values_changed()

    def _values_changed(self) -> None:
        self._preview_timer.stop()
        entry = self._entry
        values = self.values()
        preview = None
        if entry is not None and values.anything:
            outcome = preview_measurement(
                self.session.db,
                person_id=entry.person.id,
                on=self.session.today(),
                values=values,
                answers=self.screening.answers(),
                last_month_kg=self._last_month_kg(),
            )
            preview = outcome.value
        self._preview = preview
        child = entry is not None and entry.life_stage in CHILD_STAGES
        self.results.show_preview(preview, child=child)
        self.screening.show_health(None if preview is None else preview.health)
        self._show_field_notes(preview)
        self._show_correction(preview)
        doubts = () if preview is None else preview.doubts
        if doubts != self._confirmed:
            self.confirm.setChecked(False)
        self.confirm.setVisible(bool(doubts))

    def _confirm_toggled(self, checked: bool) -> None:
        doubts = () if self._preview is None else self._preview.doubts
        self._confirmed = doubts if checked else ()

    def _show_field_notes(self, preview: MeasurementPreview | None) -> None:
        problems: dict[Field | None, Issue] = {}
        doubts: dict[Quantity, PlausibilityIssue] = {}
        if preview is not None:
            problems = {i.field: i for i in preview.problems}
            doubts = {d.quantity: d for d in preview.doubts}
        for quantity, field in self.fields.items():
            if field.is_unreadable():
                continue  # the field says "not a number" itself
            if QUANTITY_FIELDS[quantity] in problems:
                field.set_note(issue_text(problems[QUANTITY_FIELDS[quantity]]), FieldState.ERROR)
            elif quantity in doubts and preview is not None:
                text = doubt_text(doubts[quantity], age_days=preview.age_days)
                field.set_note(
                    _("{doubt} Re-measure or confirm.").format(doubt=text), FieldState.WARNING
                )
            elif quantity in self._sources:
                field.set_note(_("from the scale"))
            else:
                field.set_note("")
        if not self.kms_field.is_unreadable():
            self.kms_field.set_note(self._kms_hint)

    def _show_correction(self, preview: MeasurementPreview | None) -> None:
        text = ""
        if preview is not None and preview.standing_under_9_months:
            text = _("Under 9 months a baby is measured lying: 'standing' is ignored.")
        elif preview is not None and preview.length_correction_cm > 0:
            text = _("Measured standing under 2 years: +{cm} cm").format(
                cm=format_decimal(preview.length_correction_cm)
            )
        elif preview is not None and preview.length_correction_cm < 0:
            text = _("Measured lying at 2 years or older: -{cm} cm").format(
                cm=format_decimal(-preview.length_correction_cm)
            )
        self.correction_note.setText(text)
        self.correction_note.setVisible(bool(text))

    def _next_field(self, quantity: Quantity, kms: bool = False) -> None:
        """Enter: the next visible field (last month's KMS weight right after the weight, `kms`
        when Enter came from it), or save after the last one."""
        if quantity is Quantity.WEIGHT_KG and not kms and self.kms_field.isVisibleTo(self):
            self.kms_field.setFocus()
            self.kms_field.edit.selectAll()
            return
        later = self._shown[self._shown.index(quantity) + 1 :] if quantity in self._shown else ()
        if later:
            self.fields[later[0]].setFocus()
            self.fields[later[0]].edit.selectAll()
        else:
            self.save()

    # Saving ######################################################################################

    def _focus(self, quantity: Quantity) -> None:
        field = self.fields[quantity]
        field.setFocus()
        field.edit.selectAll()

    def save(self) -> bool:
        """Save the typed values for the selected person and move on to the next in the queue.

        Refuses (and focuses the field) when something cannot be saved; asks before saving a
        doubtful value that was not confirmed. True when saved."""
        entry, day = self._entry, self._day
        if entry is None or day is None:
            return False
        unreadable = [q for q in self._shown if self.fields[q].is_unreadable()]
        if unreadable:
            self._focus(unreadable[0])
            return False
        if self.kms_field.isVisibleTo(self) and self.kms_field.is_unreadable():
            self.kms_field.setFocus()
            return False
        systolic, diastolic = (
            self.fields[Quantity.SYSTOLIC_MMHG],
            self.fields[Quantity.DIASTOLIC_MMHG],
        )
        if (systolic.value() is None) != (diastolic.value() is None):
            missing = (
                Quantity.SYSTOLIC_MMHG if systolic.value() is None else Quantity.DIASTOLIC_MMHG
            )
            self.fields[missing].set_note(_("Type both numbers"), FieldState.ERROR)
            self._focus(missing)
            return False
        values = self.values()
        if not values.anything:
            self.status_message.emit(_("Nothing typed yet"))
            if self._shown:
                self._focus(self._shown[0])
            return False
        self._values_changed()
        preview = self._preview
        if preview is not None and preview.problems:
            field = preview.problems[0].field
            quantity = next((q for q in self._shown if QUANTITY_FIELDS[q] == field), self._shown[0])
            self._focus(quantity)
            return False
        unconfirmed = preview is not None and preview.doubts and not self.confirm.isChecked()
        if unconfirmed and preview is not None and not self._ask_to_confirm(preview):
            self._focus(preview.doubts[0].quantity)
            return False
        outcome = measure_at_desk(
            self.session.db,
            cadre_id=self.session.cadre_id,
            arrival_id=entry.arrival.id,
            values=values,
            today=self.session.today(),
            answers=self.screening.answers(),
            last_month_kg=self._last_month_kg(),
        )
        if not outcome.ok:
            kms = [i for i in outcome.problems if i.field is Field.LAST_MONTH_KG]
            if kms:  # said beside the field, like the other fields' problems
                self.kms_field.set_note(issue_text(kms[0]), FieldState.ERROR)
                self.kms_field.setFocus()
            else:
                messages.show_error(self, "\n".join(issue_text(i) for i in outcome.problems))
            return False
        self._after_leaving_queue(entry, _("Saved: {name}").format(name=entry.person.name))
        self._show_risk(entry.person.id, entry.person.name)
        return True

    def _show_risk(self, person_id: int, name: str) -> None:
        """The early-warning step of the counselling: why, and what to tell the mother."""
        risk = risk_of_person(self.session.db, person_id, today=self.session.today())
        self.risk_banner.setVisible(risk is not None)
        if risk is not None:
            self.risk_banner.setText(
                _("{name} is at risk of stunting: {reason}. Tell the mother: {advice}").format(
                    name=name,
                    reason=risk_headline(risk),
                    advice=advice(risk)[0].text(current_language()),
                )
            )

    def _ask_to_confirm(self, preview: MeasurementPreview) -> bool:
        sentences = [doubt_text(d, age_days=preview.age_days) for d in preview.doubts]
        sentences.append(_("Re-measure, or confirm that the value is right."))
        confirmed = messages.ask(
            self,
            _("Check the measurement"),
            "\n\n".join(sentences),
            yes_text=_("The value is right: save"),
            no_text=_("Re-measure"),
        )
        if confirmed:
            self.confirm.setChecked(True)
        return confirmed

    def skip(self) -> None:
        """Take the selected person out of the queue without a measurement."""
        entry = self._entry
        if entry is None or not messages.ask(
            self,
            _("Not measured today"),
            _("Take {name} out of the measuring queue without measuring?").format(
                name=entry.person.name
            ),
        ):
            return
        passed = pass_desk(
            self.session.db,
            cadre_id=self.session.cadre_id,
            arrival_id=entry.arrival.id,
            desk=Desk.MEASURING,
        )
        if not passed.ok:
            messages.show_error(self, "\n".join(issue_text(i) for i in passed.problems))
            return
        self._after_leaving_queue(entry, _("Not measured: {name}").format(name=entry.person.name))
        self.risk_banner.setVisible(False)

    def _after_leaving_queue(self, entry: QueueEntry, message: str) -> None:
        self.saved_banner.setText("✓ " + message)
        self.saved_banner.setVisible(True)
        self.status_message.emit(message)
        self.day_did_change.emit()
        self._entry = None  # nothing to keep: move on in queue order
        self._load_queue(None, after_number=entry.arrival.queue_number)

    # Scales ######################################################################################

    def show_scale_state(self, text: str, connected: bool | None) -> None:
        """Whether the digital scales are connected (None: no scale set up), in words."""
        self.scale_state.setText(text)
        style = _SCALE_STYLES[connected]
        self.scale_state.setStyleSheet(f"QLabel {{ {style} padding: 2px 6px; }}")

    def offer_reading(self, weight_kg: float, source: MeasurementSource, device_id: str) -> bool:
        """A scale's reading: fills the weight field when it is empty or being typed in.

        True when the reading was taken."""
        field = self.fields[Quantity.WEIGHT_KG]
        if self._entry is None or Quantity.WEIGHT_KG not in self._shown:
            return False
        if not (field.is_empty() or field.edit.hasFocus()):
            return False
        self._sources[Quantity.WEIGHT_KG] = source
        field.set_value(weight_kg)
        field.setToolTip(_("Reading from scale {device}").format(device=device_id))
        self._values_changed()
        return True

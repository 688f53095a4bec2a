"""The health-service desk (Pelayanan): the queue of today's arrivals, and for the selected
person what is due today, each given with one key (1-9) or one click; referrals the morning's
measurement suggests; a form for any other service or a dose copied from the Buku KIA.
Ctrl+Enter: done, next person."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.immunisation import ImmunisationSchedule
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.screenings import ReferralReason
from posyandu_desktop.domain.services_due import (
    NOT_EXCLUSIVE,
    DueService,
    FamilyPlanning,
    PmtKind,
)
from posyandu_desktop.i18n import _, age_text, life_stage_label
from posyandu_desktop.i18n.ilp_words import dose_label
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import (
    DayRecord,
    Desk,
    ServiceKind,
    pass_desk,
    record_service,
)
from posyandu_desktop.services.day import QueueEntry, day_today, waiting_at_desk
from posyandu_desktop.services.health_service import ServiceDesk, service_desk
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.day.closed import closed_day_text
from posyandu_desktop.ui.measuring.queue_table_model import Column, QueueTableModel
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.widgets import messages
from posyandu_desktop.ui.widgets.enum_combo import EnumCombo
from posyandu_desktop.ui.widgets.scrolled import scrolled

_QUEUE_WIDTH = 340  # px, whole names (as the measuring desk's queue where there is room)
_KEYS = 9  # due services given with the keys 1-9


def service_text(kind: ServiceKind, code: str | None, schedule: ImmunisationSchedule) -> str:
    """A service and what exactly it is, in words: "Imunisasi: PCV 2"."""
    detail = ""
    dose = schedule.dose(code) if kind is ServiceKind.IMMUNISATION and code else None
    if dose is not None:
        detail = dose_label(dose)
    elif kind is ServiceKind.VITAMIN_A and code in set(VitaminACapsule):
        detail = _("blue capsule") if code == VitaminACapsule.BLUE else _("red capsule")
    elif kind is ServiceKind.PMT and code in set(PmtKind):
        detail = words(PmtKind(code))
    elif kind is ServiceKind.FAMILY_PLANNING and code in set(FamilyPlanning):
        detail = words(FamilyPlanning(code))
    elif kind is ServiceKind.REFERRAL and code in set(ReferralReason):
        detail = words(ReferralReason(code))
    elif kind is ServiceKind.BREASTFEEDING and code:
        detail = (
            _("not exclusive")
            if code == NOT_EXCLUSIVE
            else _("only breast milk ({month})").format(month=code)
        )
    return (
        words(kind)
        if not detail
        else _("{service}: {detail}").format(service=words(kind), detail=detail)
    )


def due_text(due: DueService, schedule: ImmunisationSchedule) -> str:
    text = service_text(due.kind, due.code or None, schedule)
    if due.quantity:
        text = _("{service} ({count} tablets)").format(service=text, count=due.quantity)
    if due.late:
        text = _("{service} (late)").format(service=text)
    return text


class HealthServicePage(Page):
    """The Pelayanan desk for today's open Posyandu day."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Health services")
        self._day: DayRecord | None = None
        self._entry: QueueEntry | None = None
        self.desk: ServiceDesk | None = None
        self.give_buttons: list[QPushButton] = []
        self.late_note = QLabel()  # doses past their month, rebuilt with the person
        self.stack = QStackedWidget()
        self.no_day = QLabel()
        self.no_day.setWordWrap(True)
        self.no_day.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.no_day)
        desk = QWidget()
        row = QHBoxLayout(desk)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._build_queue())
        row.addWidget(self._build_person(), 1)
        self.stack.addWidget(desk)
        QVBoxLayout(self).addWidget(self.stack)
        # The digits reach the page from its buttons and from the queue (which would otherwise
        # search its names with them); a text field keeps them.
        self.queue_view.installEventFilter(self)
        done = QShortcut(QKeySequence("Ctrl+Return"), self)
        done.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        done.activated.connect(self.done)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._digit(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and self._digit(event):  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def _digit(self, event: QKeyEvent) -> bool:
        """Keys 1-9 give the due service of that line."""
        key, plain = event.key(), Qt.KeyboardModifier.NoModifier
        keypad = Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and event.modifiers() in (plain, keypad):
            return self.give(key - Qt.Key.Key_1)
        return False

    # Building ####################################################################################

    def _build_queue(self) -> QWidget:
        self.queue_model = QueueTableModel(parent=self)
        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue_view.verticalHeader().setVisible(False)
        self.queue_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.queue_view.setTextElideMode(Qt.TextElideMode.ElideNone)  # long names wrap
        header = self.queue_view.horizontalHeader()
        header.setSectionResizeMode(Column.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.AGE, QHeaderView.ResizeMode.ResizeToContents)
        self.queue_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.queue_title = QLabel()
        self.queue_title.setStyleSheet("font-weight: bold;")
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.addWidget(self.queue_title)
        box.addWidget(self.queue_view, 1)
        panel.setFixedWidth(_QUEUE_WIDTH)
        return panel

    def _build_person(self) -> QWidget:
        self.banner = QLabel()
        self.banner.setStyleSheet(
            "QLabel { background: #e8f5e9; color: #1b5e20; padding: 4px 8px; border-radius: 4px; }"
        )
        self.banner.setVisible(False)
        self.person_name = QLabel()
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.person_name.setFont(font)
        self.person_details = QLabel()
        self.person_details.setWordWrap(True)
        self.due_box = QVBoxLayout()
        due = QGroupBox(_("Due today: press its number or click"))
        due.setLayout(self.due_box)
        self.given = QLabel()
        self.given.setWordWrap(True)
        self.given.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        given = QGroupBox(_("Given today"))
        QVBoxLayout(given).addWidget(self.given)
        self.done_button = QPushButton(_("Done: next person (Ctrl+Enter)"))
        self.done_button.setProperty("primary", True)
        self.done_button.setMinimumHeight(44)
        self.done_button.clicked.connect(self.done)
        # The due list across the whole width (its buttons do not wrap); below it what was
        # given and the form side by side, so nothing is wider than the desk at 1280 px.
        below = QHBoxLayout()
        below.addWidget(given, 1)
        below.addWidget(self._build_other(), 1)
        work = QVBoxLayout()
        work.addWidget(due)
        work.addLayout(below)
        work.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.banner)
        box.addWidget(self.person_name)
        box.addWidget(self.person_details)
        box.addWidget(scrolled(work), 1)
        box.addWidget(self.done_button)
        panel = QWidget()
        panel.setLayout(box)
        self.nobody = QLabel(_("Nobody is waiting. New arrivals appear here after registration."))
        self.nobody.setWordWrap(True)
        self.nobody.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.person_stack = QStackedWidget()
        self.person_stack.addWidget(self.nobody)
        self.person_stack.addWidget(panel)
        return self.person_stack

    def _build_other(self) -> QGroupBox:
        """Any service: a dose copied from the Buku KIA, PMT, family planning, a referral."""
        self.other_kind = EnumCombo(tuple(ServiceKind), words)
        # What the form is mostly for: a dose written in the Buku KIA (the late-doses note).
        self.other_kind.set_value(ServiceKind.IMMUNISATION)
        self.other_kind.currentIndexChanged.connect(self._other_kind_changed)
        self.other_code = QComboBox()
        self.other_detail = QLineEdit()
        self.other_detail.setMaxLength(200)
        self.other_detail.setPlaceholderText(_("e.g. referred to the puskesmas"))
        self.other_book = QCheckBox(_("Copied from the Buku KIA"))
        record = QPushButton(_("Record"))
        record.clicked.connect(self.record_other)
        form = QFormLayout()
        form.addRow(_("Service"), self.other_kind)
        form.addRow(_("What"), self.other_code)
        form.addRow(_("Note"), self.other_detail)
        form.addRow(self.other_book)
        form.addRow(record)
        group = QGroupBox(_("Record another service"))
        group.setLayout(form)
        return group

    # Loading #####################################################################################

    def refresh(self) -> None:
        today = self.session.today()
        self._day = day_today(self.session.db, self.session.posyandu_id, today=today)
        closed = closed_day_text(self._day)
        if closed is not None:
            self.no_day.setText(closed)
            self.stack.setCurrentIndex(0)
            self._select(None)
            return
        self.stack.setCurrentIndex(1)
        self._load_queue(None if self._entry is None else self._entry.arrival.id)

    def _load_queue(self, keep: int | None) -> None:
        assert self._day is not None
        entries = waiting_at_desk(
            self.session.db, self._day.id, Desk.HEALTH_SERVICE, today=self.session.today()
        )
        self.queue_title.setText(_("Waiting for services: {count}").format(count=len(entries)))
        self.queue_model.set_entries(entries)
        row = None if keep is None else self.queue_model.row_of(keep)
        if row is None and entries:
            row = 0
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
        self._select(None if row is None else self.queue_model.entry(row))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._select(self.queue_model.entry(current.row()))

    def _select(self, entry: QueueEntry | None) -> None:
        self._entry = entry
        self.person_stack.setCurrentIndex(0 if entry is None else 1)
        self.desk = None
        if entry is not None:
            self.desk = service_desk(
                self.session.db, entry.person.id, today=self.session.today()
            ).value
        self._show_desk()

    def _show_desk(self) -> None:
        while self.due_box.count():
            item = self.due_box.takeAt(0)
            widget = None if item is None else item.widget()
            if widget is not None:
                widget.deleteLater()
        self.give_buttons = []
        entry, desk = self._entry, self.desk
        if entry is None or desk is None:
            return
        self.person_name.setText(
            _("No. {number} · {name}").format(
                number=entry.arrival.queue_number, name=desk.person.name
            )
        )
        self.person_details.setText(
            " · ".join(
                [
                    words(desk.person.sex),
                    age_text(entry.age_days),
                    life_stage_label(desk.life_stage),
                ]
            )
        )
        # Late doses are one line, not a button each: the cadre checks the Buku KIA first and
        # copies what it holds with the form (docs/DECISIONS.md).
        late = [d for d in desk.due if d.kind is ServiceKind.IMMUNISATION and d.late]
        items: list[tuple[str, ServiceKind, str | None]] = [
            (due_text(d, desk.schedule), d.kind, d.code or None) for d in desk.due if d not in late
        ]
        items += [
            (_("Refer: {reason}").format(reason=words(r)), ServiceKind.REFERRAL, r.value)
            for r in desk.referrals_suggested
        ]
        for number, (text, kind, code) in enumerate(items, 1):
            key = str(number) if number <= _KEYS else ""
            button = QPushButton(f"{key}  {text}" if key else text)
            button.setStyleSheet("QPushButton { text-align: left; padding: 6px 10px; }")
            button.setMinimumHeight(36)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, k=kind, c=code: self._give(k, c))
            self.due_box.addWidget(button)
            self.give_buttons.append(button)
        self.late_note = QLabel()
        self.late_note.setWordWrap(True)
        self.late_note.setStyleSheet(
            "QLabel { background: #fff3cd; color: #5c4400; padding: 4px 6px; }"
        )
        self.late_note.setVisible(bool(late))
        self.due_box.addWidget(self.late_note)
        if late:
            doses = ", ".join(
                dose_label(d) for d in (desk.schedule.dose(x.code) for x in late) if d
            )
            self.late_note.setText(
                _(
                    "Not recorded, past their month ({count}): {doses}. Look in the Buku KIA and "
                    "copy what it holds with the form; the health worker gives the rest."
                ).format(count=len(late), doses=doses)
            )
        if not items and not late:
            self.due_box.addWidget(QLabel(_("Nothing is due today.")))
        given = [service_text(g.kind, g.code, desk.schedule) for g in desk.given_today]
        self.given.setText("\n".join("✓ " + g for g in given) if given else _("Nothing yet."))
        self._other_kind_changed()

    def _other_kind_changed(self) -> None:
        kind = self.other_kind.value()
        self.other_code.clear()
        schedule = None if self.desk is None else self.desk.schedule
        choices: list[tuple[str, str]] = []
        if kind is ServiceKind.IMMUNISATION and schedule is not None:
            choices = [(dose_label(d), d.code) for d in schedule.doses]
        elif kind is ServiceKind.PMT:
            choices = [(words(p), p.value) for p in PmtKind]
        elif kind is ServiceKind.FAMILY_PLANNING:
            choices = [(words(f), f.value) for f in FamilyPlanning]
        elif kind is ServiceKind.REFERRAL:
            choices = [(words(r), r.value) for r in ReferralReason]
        elif kind is ServiceKind.BREASTFEEDING:
            choices = [(f"E{m}", f"E{m}") for m in range(7)] + [(_("not exclusive"), NOT_EXCLUSIVE)]
        elif kind is ServiceKind.VITAMIN_A:
            choices = [(_("blue capsule"), "blue"), (_("red capsule"), "red")]
        for text, code in choices:
            self.other_code.addItem(text, code)
        if not choices:
            self.other_code.addItem("–", None)

    # Giving ######################################################################################

    def give(self, index: int) -> bool:
        """Give the due service on line `index` (keys 1-9)."""
        if 0 <= index < len(self.give_buttons):
            self.give_buttons[index].click()
            return True
        return False

    def _give(
        self, kind: ServiceKind, code: str | None, *, book: bool = False, detail: str = ""
    ) -> bool:
        entry, day, desk = self._entry, self._day, self.desk
        if entry is None or day is None or desk is None:
            return False
        if kind is ServiceKind.FAMILY_PLANNING and code is None:  # the method is asked first
            self.other_kind.set_value(kind)
            self.other_code.setFocus()
            self.status_message.emit(_("Choose the method, then Record"))
            return False
        quantity = next((d.quantity for d in desk.due if d.kind is kind and d.code == code), None)
        outcome = record_service(
            self.session.db,
            cadre_id=self.session.cadre_id,
            person_id=entry.person.id,
            kind=kind,
            given_on=self.session.today(),
            capsule=VitaminACapsule(code) if kind is ServiceKind.VITAMIN_A and code else None,
            code=None if kind is ServiceKind.VITAMIN_A else code,
            quantity=quantity,
            detail=detail,
            from_kia_book=book,
            day_id=None if book else day.id,
            today=self.session.today(),
        )
        if not outcome.ok:
            messages.show_error(self, "\n".join(issue_text(i) for i in outcome.problems))
            return False
        service = service_text(kind, outcome.unwrap().code, desk.schedule)
        message = _("Recorded for {name}: {service}").format(
            name=entry.person.name, service=service
        )
        self.banner.setText("✓ " + message)
        self.banner.setVisible(True)
        self.status_message.emit(message)
        self._select(entry)
        return True

    def record_other(self) -> bool:
        """Record the service chosen in the form (a dose from the Buku KIA, PMT, a referral ...)."""
        kind = self.other_kind.value()
        if kind is None:
            return False
        saved = self._give(
            kind,
            self.other_code.currentData(),
            book=self.other_book.isChecked(),
            detail=self.other_detail.text(),
        )
        if saved:
            self.other_detail.clear()
            self.other_book.setChecked(False)
        return saved

    def done(self) -> None:
        """This person is through the health-service desk: on to the next in the queue."""
        entry = self._entry
        if entry is None:
            return
        passed = pass_desk(
            self.session.db,
            cadre_id=self.session.cadre_id,
            arrival_id=entry.arrival.id,
            desk=Desk.HEALTH_SERVICE,
        )
        if not passed.ok:
            messages.show_error(self, "\n".join(issue_text(i) for i in passed.problems))
            return
        self.day_did_change.emit()
        self._entry = None
        self._load_queue(None)

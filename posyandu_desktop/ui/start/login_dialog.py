"""Login: choose your name from a big list, type your PIN. A first PIN is typed twice, after
the one-time code the coordinator gave (services/cadres.py says who needs one).

Wrong PINs are counted per cadre in the registry; after five, each next try waits longer
(services/cadres.py): a 4-digit PIN is only a lock against a curious visitor, and the wait keeps
it one. Choosing a name, by mouse or keyboard, puts the typing where the PIN (or code) goes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _, problem_label
from posyandu_desktop.services import Database, PosyanduRecord, Problem
from posyandu_desktop.services.cadres import (
    CODE_DIGITS,
    MAX_TRIES,
    FirstPin,
    LoginCadre,
    attempt_login,
    first_pin,
    list_cadres_for_login,
    pin_is_well_formed,
    set_first_pin,
)
from posyandu_desktop.ui.theme import LARGE_POINT_SIZE

__all__ = ["MAX_TRIES", "LoginDialog"]

_ERROR_STYLE = "color: #b71c1c; font-weight: bold;"
_NAME_POINT_SIZE = 14


class LoginDialog(QDialog):
    """Accepted once a cadre typed their PIN (or set it); `cadre` is who logged in."""

    def __init__(
        self,
        db: Database,
        posyandu: PosyanduRecord,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._posyandu_id = posyandu.id
        self._now = now
        self._how = FirstPin.HAS_PIN
        self._seconds_left = 0
        self.cadre: LoginCadre | None = None
        self.setWindowTitle(_("Log in"))
        self.setMinimumSize(820, 520)

        self.names = self._name_list(db, posyandu)
        self._build_pin_fields()
        self._lay_out(posyandu)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.names.currentItemChanged.connect(self._cadre_did_change)
        self.names.itemActivated.connect(lambda _item: self._first_field().setFocus())
        self.names.itemClicked.connect(lambda _item: self._first_field().setFocus())
        self._digits_to_pin = _DigitsToField(self._first_field, self)
        self.names.installEventFilter(self._digits_to_pin)
        self.code.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._pin_entered)
        self.confirm.returnPressed.connect(self.try_log_in)
        self.log_in.clicked.connect(self.try_log_in)
        self.quit_button.clicked.connect(self.reject)
        self.setTabOrder(self.names, self.code)
        self.setTabOrder(self.code, self.pin)
        self.setTabOrder(self.pin, self.confirm)
        self.setTabOrder(self.confirm, self.log_in)

        if self.names.count() == 0:
            self.message.setText(_("There is no active cadre. Ask the coordinator for help."))
            self.log_in.setEnabled(False)
        self.names.setCurrentRow(0)
        self.names.setFocus()

    def _name_list(self, db: Database, posyandu: PosyanduRecord) -> QListWidget:
        names = QListWidget()
        names_font = QFont(self.font())
        names_font.setPointSize(_NAME_POINT_SIZE)
        names.setFont(names_font)
        names.setStyleSheet("QListWidget::item { padding: 10px 8px; }")
        names.setMinimumWidth(340)
        names.setAccessibleName(_("Cadre names"))
        for cadre in list_cadres_for_login(db, posyandu_id=posyandu.id):
            item = QListWidgetItem(cadre.name)
            item.setData(Qt.ItemDataRole.UserRole, cadre)
            names.addItem(item)
        return names

    def _build_pin_fields(self) -> None:
        large = QFont(self.font())
        large.setPointSize(LARGE_POINT_SIZE)
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self)
        self.pin = QLineEdit()
        self.confirm = QLineEdit()
        self.code = QLineEdit()
        for field in (self.pin, self.confirm, self.code):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaxLength(6)
            field.setFont(large)
            field.setMaximumWidth(260)
        self.code.setEchoMode(QLineEdit.EchoMode.Normal)  # used once, read from a paper
        self.code.setMaxLength(CODE_DIGITS)
        self.code.setAccessibleName(_("One-time code"))
        self.code_label = QLabel(_("One-time code from the coordinator"))
        self.pin.setAccessibleName(_("PIN"))
        self.confirm.setAccessibleName(_("PIN again"))
        self.pin_label = QLabel(_("PIN (4 to 6 digits)"))
        self.confirm_label = QLabel(_("Type the same PIN again"))
        self.first_time = QLabel(
            _("This is your first login: make up a PIN of 4 to 6 digits and remember it.")
        )
        self.first_time.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.log_in = QPushButton(_("Log in"))
        self.log_in.setProperty("primary", True)
        self.quit_button = QPushButton(_("Quit"))
        for button in (self.log_in, self.quit_button):
            button.setMinimumHeight(44)
            button.setAutoDefault(False)  # Enter belongs to the list and the PIN fields

    def _lay_out(self, posyandu: PosyanduRecord) -> None:
        heading = QLabel(_("Welcome to {posyandu}").format(posyandu=posyandu.name))
        heading_font = QFont(self.font())
        heading_font.setPointSize(18)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        hint = QLabel(_("Choose your name, then type your PIN."))
        right = QVBoxLayout()
        for widget in (
            self.first_time,
            self.code_label,
            self.code,
            self.pin_label,
            self.pin,
            self.confirm_label,
            self.confirm,
            self.message,
        ):
            right.addWidget(widget)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.log_in)
        right.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addWidget(self.names, 1)
        columns.addSpacing(20)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(8)
        layout.addLayout(columns, 1)

    def _chosen(self) -> LoginCadre | None:
        item = self.names.currentItem()
        chosen: LoginCadre | None = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return chosen

    def needs_confirmation(self) -> bool:
        """True while the chosen cadre sets their first PIN (typed twice)."""
        return not self.confirm.isHidden()

    def needs_code(self) -> bool:
        """True while the chosen cadre needs the coordinator's one-time code."""
        return not self.code.isHidden()

    def _first_field(self) -> QLineEdit:
        return self.code if self.needs_code() and not self.code.text() else self.pin

    def _cadre_did_change(self) -> None:
        chosen = self._chosen()
        self._how = (
            FirstPin.HAS_PIN
            if chosen is None
            else first_pin(self._db, posyandu_id=self._posyandu_id, cadre_id=chosen.id)
        )
        first = self._how is not FirstPin.HAS_PIN
        for widget in (self.first_time, self.confirm_label, self.confirm):
            widget.setVisible(first)
        for widget in (self.code_label, self.code):
            widget.setVisible(self._how is FirstPin.NEEDS_CODE)
        self.first_time.setText(
            _(
                "To set your first PIN, type the one-time code the coordinator gave you, then"
                " make up a PIN of 4 to 6 digits and remember it."
            )
            if self._how is FirstPin.NEEDS_CODE
            else _("This is your first login: make up a PIN of 4 to 6 digits and remember it.")
        )
        self.pin_label.setText(_("New PIN (4 to 6 digits)") if first else _("PIN"))
        for field in (self.code, self.pin, self.confirm):
            field.clear()
        # A wait belongs to one cadre (the registry keeps it): another name may try at once.
        self._end_wait()
        self.message.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        # Enter is handled where it was pressed (list: to the PIN; PIN: log in); passed on, it
        # would press a button a second time and count one wrong PIN twice.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _pin_entered(self) -> None:
        if self.needs_confirmation() and not self.confirm.text():
            self.confirm.setFocus()
        else:
            self.try_log_in()

    def try_log_in(self) -> None:
        """Check (or set) the PIN of the chosen cadre; accept the dialog when it is right."""
        chosen = self._chosen()
        if chosen is None or self._timer.isActive():
            return
        pin = self.pin.text()
        if self._how is not FirstPin.HAS_PIN:
            self._set_first_pin(chosen, pin)
            return
        tried = attempt_login(self._db, chosen.id, pin, now=self._now())
        if tried.ok:
            self._accept(chosen)
        else:
            self._wrong_pin(tried.tries_left, tried.wait_s)

    def _set_first_pin(self, chosen: LoginCadre, pin: str) -> None:
        if self.needs_code() and not self.code.text():
            self._say(_("Type the one-time code from the coordinator."), self.code)
        elif not pin_is_well_formed(pin):
            self._say(_("The PIN must be 4 to 6 digits."), self.pin)
        elif pin != self.confirm.text():
            self.confirm.clear()
            self._say(_("The two PINs are not the same. Type it again."), self.confirm)
        else:
            outcome = set_first_pin(
                self._db,
                posyandu_id=self._posyandu_id,
                cadre_id=chosen.id,
                pin=pin,
                code=self.code.text(),
                now=self._now(),
            )
            wrong_code = next(
                (i for i in outcome.problems if i.problem is Problem.WRONG_CODE), None
            )
            if outcome.ok:
                self._accept(chosen)
            elif wrong_code is not None:
                self.code.clear()
                self._say(problem_label(Problem.WRONG_CODE), self.code)
                if isinstance(wrong_code.found, int) and wrong_code.found > 0:
                    self._start_wait(wrong_code.found)
            else:
                self._say(_("The PIN could not be saved. Try again."), self.pin)

    def _wrong_pin(self, tries_left: int, wait_s: int) -> None:
        self.pin.clear()
        if wait_s:
            self._start_wait(wait_s)
            return
        self._say(_("Wrong PIN. Try again ({left} tries left).").format(left=tries_left), self.pin)

    def _start_wait(self, seconds: int) -> None:
        self._seconds_left = seconds
        for widget in (self.code, self.pin, self.confirm, self.log_in):
            widget.setEnabled(False)
        self._show_wait()
        self._timer.start()

    def _end_wait(self) -> None:
        self._timer.stop()
        for widget in (self.code, self.pin, self.confirm, self.log_in):
            widget.setEnabled(True)

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left > 0:
            self._show_wait()
            return
        self._end_wait()
        self._say(_("You can try again now."), self._first_field())

    def _show_wait(self) -> None:
        self.message.setText(
            _("Too many wrong PINs. Wait {seconds} seconds.").format(seconds=self._seconds_left)
        )

    def _say(self, text: str, focus: QLineEdit) -> None:
        self.message.setText(text)
        focus.setFocus()

    def _accept(self, chosen: LoginCadre) -> None:
        self.cadre = chosen
        self.accept()


class _DigitsToField(QObject):
    """Digits typed while the name list has the focus go to the PIN (or code) field: a cadre
    who clicked her name and typed her PIN finds it where it belongs, not in the list's search."""

    def __init__(self, field: Callable[[], QLineEdit], parent: QObject) -> None:
        super().__init__(parent)
        self._field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text.isdigit() and text.isascii():
                field = self._field()
                if field.isEnabled():
                    field.setFocus()
                    field.insert(text)
                return True
        return super().eventFilter(watched, event)

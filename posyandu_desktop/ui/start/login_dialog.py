"""Login: choose your name from a big list, type your PIN (set on first use, typed twice).

After five wrong PINs the dialog waits a little before it takes another: a 4-digit PIN is only
a lock against a curious visitor, and the wait keeps it one.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer
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

from posyandu_desktop.i18n import _
from posyandu_desktop.services import Database, PosyanduRecord
from posyandu_desktop.services.auth import (
    LoginCadre,
    check_pin,
    list_cadres_for_login,
    needs_pin,
    pin_is_well_formed,
    set_pin,
)
from posyandu_desktop.ui.theme import LARGE_POINT_SIZE

MAX_TRIES = 5
WAIT_SECONDS = 30
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
        wait_seconds: int = WAIT_SECONDS,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._wait_seconds = wait_seconds
        self._wrong = 0
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
        self.names.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.pin.returnPressed.connect(self._pin_entered)
        self.confirm.returnPressed.connect(self.try_log_in)
        self.log_in.clicked.connect(self.try_log_in)
        self.quit_button.clicked.connect(self.reject)
        self.setTabOrder(self.names, self.pin)
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
        for field in (self.pin, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaxLength(6)
            field.setFont(large)
            field.setMaximumWidth(260)
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

    def _setting_pin(self) -> bool:
        chosen = self._chosen()
        return chosen is not None and needs_pin(self._db, chosen.id)

    def _cadre_did_change(self) -> None:
        first = self._setting_pin()
        for widget in (self.first_time, self.confirm_label, self.confirm):
            widget.setVisible(first)
        self.pin_label.setText(_("New PIN (4 to 6 digits)") if first else _("PIN"))
        self.pin.clear()
        self.confirm.clear()
        if not self._timer.isActive():
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
        if self._setting_pin():
            self._set_first_pin(chosen, pin)
        elif check_pin(self._db, chosen.id, pin):
            self._accept(chosen)
        else:
            self._wrong_pin()

    def _set_first_pin(self, chosen: LoginCadre, pin: str) -> None:
        if not pin_is_well_formed(pin):
            self._say(_("The PIN must be 4 to 6 digits."), self.pin)
        elif pin != self.confirm.text():
            self.confirm.clear()
            self._say(_("The two PINs are not the same. Type it again."), self.confirm)
        elif set_pin(self._db, chosen.id, pin).ok:
            self._accept(chosen)
        else:
            self._say(_("The PIN could not be saved. Try again."), self.pin)

    def _wrong_pin(self) -> None:
        self._wrong += 1
        self.pin.clear()
        if self._wrong < MAX_TRIES:
            left = MAX_TRIES - self._wrong
            self._say(_("Wrong PIN. Try again ({left} tries left).").format(left=left), self.pin)
            return
        self._seconds_left = self._wait_seconds
        self.pin.setEnabled(False)
        self.log_in.setEnabled(False)
        self._show_wait()
        self._timer.start()

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left > 0:
            self._show_wait()
            return
        self._timer.stop()
        self._wrong = 0
        self.pin.setEnabled(True)
        self.log_in.setEnabled(True)
        self._say(_("You can try again now."), self.pin)

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

"""A large entry field for one measurement: "12,5" [kg], read at arm's length, comma or point.

Shared by the measuring desk and any screen where a cadre types a number with a unit. The note
line under the field carries the validation state in words, and the colour only repeats it.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from posyandu_desktop.i18n import _, format_decimal, parse_decimal
from posyandu_desktop.ui.theme import LARGE_POINT_SIZE, WARNING_COLOURS

_MAX_DECIMALS = 3
# Digits with at most one decimal mark: blocks letters, keeps half-typed values such as "12,".
_TYPABLE = QRegularExpression(r"[0-9]{0,4}([.,][0-9]{0,3})?")


class FieldState(enum.Enum):
    """How the field looks: plain, a warning to check, or a value that cannot be saved."""

    NORMAL = "normal"
    WARNING = "warning"
    ERROR = "error"


_ERROR_COLOURS = ("#fde0e0", "#8b0000")  # pale red, dark red text
_EDIT_BORDERS = {
    FieldState.NORMAL: "#9e9e9e",
    FieldState.WARNING: "#b8860b",
    FieldState.ERROR: "#c62828",
}


class MeasureField(QWidget):
    """A caption, a big line edit with its unit, and a note line for warnings or the source."""

    # The parsed value (float) or None when empty or not a number; only emitted on a change.
    valueChanged = Signal(object)  # noqa: N815 - named like Qt's own signals
    # Enter pressed in the field (the desk moves to the next field).
    submitted = Signal()

    def __init__(
        self, caption: str, unit: str, *, decimals: int = 1, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.decimals = decimals
        self._value: float | None = None
        self._state = FieldState.NORMAL

        self.caption = QLabel(caption)
        self.edit = QLineEdit()
        # A decimal mark is accepted even where whole numbers are expected (mmHg): "120,5"
        # becoming "1205" because the comma was swallowed would be worse than rounding it.
        self.edit.setValidator(QRegularExpressionValidator(_TYPABLE, self.edit))
        big = QFont(self.edit.font())
        big.setPointSize(LARGE_POINT_SIZE)
        self.edit.setFont(big)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMinimumWidth(130)
        self.edit.setMaximumWidth(180)
        self.caption.setBuddy(self.edit)
        self.unit = QLabel(unit)
        unit_font = QFont(self.unit.font())
        unit_font.setPointSize(LARGE_POINT_SIZE - 4)
        self.unit.setFont(unit_font)
        self.unit.setMinimumWidth(50)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)

        self.edit.textChanged.connect(self._text_changed)
        self.edit.returnPressed.connect(self.submitted)
        self._restyle()

    def value(self) -> float | None:
        """The typed number (decimal comma or point), or None when empty or unreadable."""
        return self._value

    def text(self) -> str:
        return self.edit.text()

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    def is_unreadable(self) -> bool:
        """Something is typed but it is not a number ("12,5," or a lone ",")."""
        return not self.is_empty() and self._value is None

    def set_value(self, value: float | None) -> None:
        """Show a value in the UI language's format (None empties the field), with more
        decimals than the field's when the value has them (a scale reading 7,85 kg)."""
        if value is None:
            self.edit.setText("")
            return
        decimals = self.decimals
        while decimals < _MAX_DECIMALS and round(value, decimals) != round(value, _MAX_DECIMALS):
            decimals += 1
        self.edit.setText(format_decimal(value, decimals))

    def clear(self) -> None:
        """Empty the field and forget its note and state."""
        self.edit.clear()
        self.set_note("")

    def set_note(self, text: str, state: FieldState = FieldState.NORMAL) -> None:
        """Words under the field ("dari timbangan", a warning); the colour follows `state`."""
        self._state = state
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self._restyle()
        self._fit_note()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_note()

    def _fit_note(self) -> None:
        # A wrapped label inside stacked widgets is not given its wrapped height by the
        # layouts (QStackedLayout ignores height-for-width), so ask for it explicitly.
        if self.note.isVisibleTo(self) and self.width() > 0:
            self.note.setMinimumHeight(self.note.heightForWidth(self.width()))

    def state(self) -> FieldState:
        return self._state

    def _text_changed(self, text: str) -> None:
        value = parse_decimal(text) if text.strip() else None
        if text.strip() and value is None:
            self.set_note(_("Not a number"), FieldState.ERROR)
        elif self._state is FieldState.ERROR and self.note.text() == _("Not a number"):
            self.set_note("")
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def _restyle(self) -> None:
        border = _EDIT_BORDERS[self._state]
        self.edit.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {border}; border-radius: 4px; padding: 4px 8px; }}"
        )
        if self._state is FieldState.NORMAL:
            self.note.setStyleSheet("QLabel { color: #455a64; }")
        else:
            background, colour = (
                WARNING_COLOURS if self._state is FieldState.WARNING else _ERROR_COLOURS
            )
            self.note.setStyleSheet(
                f"QLabel {{ background: {background}; color: {colour}; padding: 2px 6px;"
                " border-radius: 3px; }"
            )

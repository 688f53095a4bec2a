"""A combo box of enum members that gives the members back (Qt would hand a StrEnum back as a
plain str), optionally with a "none" entry first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

E = TypeVar("E", bound=Enum)


class EnumCombo(QComboBox, Generic[E]):
    """Items are `label(member)`; `value()` is the chosen member, or None for the none entry."""

    def __init__(
        self,
        members: Iterable[E],
        label: Callable[[E], str],
        *,
        none_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices: list[E | None] = [] if none_text is None else [None]
        if none_text is not None:
            self.addItem(none_text)
        for member in members:
            self._choices.append(member)
            self.addItem(label(member))

    def value(self) -> E | None:
        index = self.currentIndex()
        return self._choices[index] if index >= 0 else None

    def set_value(self, member: E | None) -> None:
        if member in self._choices:
            self.setCurrentIndex(self._choices.index(member))

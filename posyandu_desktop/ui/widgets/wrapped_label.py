"""A word-wrapped label that claims the height of its wrapped lines.

Qt's box and form layouts give a wrapped label the height of its unwrapped text when space is
short, so the fields below it get squeezed or its last line is cut; asking for the wrapped
height as the minimum after each resize keeps both whole.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

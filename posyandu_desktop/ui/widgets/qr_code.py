"""A QR code drawn module by module with QPainter: sharp at any size, no image files.

Phones read a QR code best when every module is the same whole number of pixels and a white
quiet zone surrounds it, so the module size is rounded down, never scaled smoothly.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

# ISO/IEC 18004 asks for four modules of light margin around the symbol.
QUIET_MODULES = 4
_MIN_MODULE_PX = 2  # below this a laptop screen photographed by a phone blurs modules together
_DARK, _LIGHT = QColor("#000000"), QColor("#ffffff")


@dataclass(frozen=True, slots=True)
class QrGeometry:
    """Where the symbol sits in a widget: module size and the top-left of the first module."""

    module_px: int
    left: int
    top: int


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of `text`'s QR code, without the quiet zone."""
    # micro=False: Micro QR is smaller but many phone camera apps do not read it.
    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


class QrCode(QWidget):
    """Shows `text` as a QR code, centred, on white."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.matrix: tuple[tuple[bool, ...], ...] = ()
        self.set_text(text)

    def set_text(self, text: str) -> None:
        """Encode `text` (an empty text draws nothing)."""
        self.text = text
        self.matrix = qr_matrix(text) if text else ()
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self.update()

    def modules(self) -> int:
        """Modules per side of the symbol (0 when empty)."""
        return len(self.matrix)

    def geometry_for(self, size: QSize) -> QrGeometry:
        """The module size and origin used to draw in a widget of `size`."""
        side = self.modules() + 2 * QUIET_MODULES
        module_px = max(1, min(size.width(), size.height()) // side)
        drawn = self.modules() * module_px
        return QrGeometry(module_px, (size.width() - drawn) // 2, (size.height() - drawn) // 2)

    def size_for(self, module_px: int) -> QSize:
        """The widget size that draws each module `module_px` wide, quiet zone included."""
        # An empty code is sized as the smallest QR code (version 1: 21 modules).
        side = (max(self.modules(), 21) + 2 * QUIET_MODULES) * module_px
        return QSize(side, side)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.size_for(4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.size_for(_MIN_MODULE_PX)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), _LIGHT)  # the quiet zone, whatever the style's background
        if not self.matrix:
            painter.end()
            return
        at = self.geometry_for(self.size())
        for y, row in enumerate(self.matrix):
            x = 0
            while x < len(row):
                if not row[x]:
                    x += 1
                    continue
                run = 1  # one rectangle per run of dark modules: fewer calls, no seams
                while x + run < len(row) and row[x + run]:
                    run += 1
                painter.fillRect(
                    QRect(
                        at.left + x * at.module_px,
                        at.top + y * at.module_px,
                        run * at.module_px,
                        at.module_px,
                    ),
                    _DARK,
                )
                x += run
        painter.end()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

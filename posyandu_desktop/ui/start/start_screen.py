"""The first window a cadre sees, painted before the database code is even imported.

Kept light on purpose (PySide6 and i18n only): start-up time is measured to its first paint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPaintEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from posyandu_desktop import __version__
from posyandu_desktop.i18n import _


class StartScreen(QWidget):
    """App name, what is happening ("Membuka data…") and a progress bar."""

    first_paint_did_happen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setWindowTitle(_("Posyandu Desktop"))
        self.setMinimumSize(560, 300)
        title = QLabel(_("Posyandu Desktop"))
        title_font = QFont(self.font())
        title_font.setPointSize(22)
        title_font.setBold(True)
        title.setFont(title_font)
        self.message = QLabel(_("Starting…"))
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until a step reports its progress
        self.progress.setTextVisible(False)
        version = QLabel(_("Version {version}").format(version=__version__))
        version.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 30)
        layout.addStretch(1)
        for widget in (title, self.message, self.progress):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(version, alignment=Qt.AlignmentFlag.AlignRight)

    def show_step(self, text: str, done: int | None = None, total: int | None = None) -> None:
        """Say what is happening; with `done` and `total` the bar shows how far it got."""
        self.message.setText(text)
        if done is None or not total:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_paint_did_happen.emit()

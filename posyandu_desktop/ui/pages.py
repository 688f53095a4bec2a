"""The base of every main-window screen: built with the session, refreshed when shown."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from posyandu_desktop.ui.context import UiSession


class Page(QWidget):
    """A screen in the main window's navigation.

    Subclasses set `title` (already translated, in their constructor) and implement `refresh()`,
    which reloads what they show from services. They talk to the rest of the window only through
    the signals below; the main window wires them.
    """

    # Open this person's profile (growth chart, history).
    person_requested = Signal(int)
    # Something about today's session changed (opened, closed, an arrival, a measurement):
    # the main window refreshes the other screens when they are next shown.
    day_did_change = Signal()
    # A short message for the status bar ("Tersimpan", "Antrian 12 didaftarkan").
    status_message = Signal(str)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = ""

    def refresh(self) -> None:
        """Reload from services; called each time the page is shown."""

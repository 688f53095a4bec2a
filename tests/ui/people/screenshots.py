"""Shared by engineer C's screenshot tests: the app's look, the main window around a page, and
saving a PNG under docs/screenshots/. The tests run only with POSYANDU_SCREENSHOTS=1."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.layout_check import settle
from posyandu_desktop.ui.main_window import MainWindow

only_when_asked = pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def app_look(qapp: Any) -> None:
    """The fonts and style sheet the app applies at start-up."""
    theme.apply(qapp, resource_path("fonts"))


def window(qtbot: Any, session: UiSession) -> MainWindow:
    """The main window at 1366x728 (a maximized window on a 1366x768 laptop with the Windows
    taskbar), as a cadre sees the pages (navigation and top bar)."""
    shown = MainWindow(session)
    qtbot.addWidget(shown)
    shown.resize(1366, 728)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def save(qtbot: Any, widget: QWidget, name: str) -> Path:
    background.wait_for_all()
    qtbot.wait(50)  # deliver background results and repaint
    settle()  # and lay out what they changed (a QR code drawn once the key is read)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path

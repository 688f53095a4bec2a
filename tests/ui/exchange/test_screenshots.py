"""Screenshots in the real main window at 1366x728 on the demo Posyandu, in Indonesian: the
monthly export screen after October's file went to a (fake) flash drive, and Settings with
the signing key.

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.exchange.export_page import ExportPage
from posyandu_desktop.ui.layout_check import settle
from posyandu_desktop.ui.main_window import SETTINGS, MainWindow
from posyandu_desktop.ui.settings.settings_page import SettingsPage

pytestmark = pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def _window(qtbot: Any, qapp: Any, session: Any) -> MainWindow:
    theme.apply(qapp, resource_path("fonts"))
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    return window


def _save(qtbot: Any, window: MainWindow, name: str) -> None:
    background.wait_for_all()
    qtbot.wait(50)  # deliver background results and repaint
    settle()  # and lay out what they changed (a QR code drawn once the key is read)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / f"{name}.png"))


def test_export_page(qtbot, qapp, demo_session, sticks, tmp_path):
    sticks.plug(tmp_path / "media" / "KADER")
    window = _window(qtbot, qapp, demo_session)
    page = window.show_page("monthly_export")
    assert isinstance(page, ExportPage)
    background.wait_for_all()
    qtbot.waitUntil(lambda: page.export_button.isEnabled() and page.picker.count() == 1)
    page.month.setCurrentIndex(page.month.findData("2026-10"))
    page.export_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=60_000)
    assert page.result_message()[0] == "Aman dicabut"
    _save(qtbot, window, "export_page")


def test_settings_key(qtbot, qapp, demo_session):
    window = _window(qtbot, qapp, demo_session)
    page = window.show_page(SETTINGS)
    assert isinstance(page, SettingsPage)
    background.wait_for_all()
    qtbot.waitUntil(lambda: page.key_qr.modules() > 0)
    _save(qtbot, window, "settings_key")

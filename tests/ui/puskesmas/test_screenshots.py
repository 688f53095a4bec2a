"""Screenshots of the Puskesmas mode at 1366x728, in Indonesian: three files (one tampered with,
so rejected) after a merge, the registered keys, and the setup wizard's first page.

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.start.setup_wizard import SetupWizard
from tests.ui.puskesmas.conftest import register, tamper

pytestmark = pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def _app_look(qapp: Any) -> None:
    """The fonts and style sheet the app itself applies at start-up."""
    theme.apply(qapp, resource_path("fonts"))


def _save(qtbot: Any, widget: QWidget, name: str, size: tuple[int, int] = (1366, 728)) -> None:
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    background.wait_for_all()
    qtbot.wait(50)  # deliver background results and repaint
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def test_files_after_a_merge(qtbot, stick, desktop, make_window, puskesmas_data, tmp_path):
    register(puskesmas_data, *stick.laptops)
    paths = stick.newest()
    tamper(paths[1])
    window = make_window()
    page = window.files_page
    with qtbot.waitSignal(page.check_did_finish, timeout=20_000):
        page.add_files(paths)
    desktop.folder = puskesmas_data / "rekap" / "2026-10"
    with qtbot.waitSignal(page.merge_did_finish, timeout=60_000):
        page.merge()
    page.select(paths[1])
    _save(qtbot, window, "puskesmas_files")


def test_a_file_from_an_unregistered_laptop(qtbot, stick, desktop, make_window, puskesmas_data):
    melati, mawar, anggrek = stick.laptops
    register(puskesmas_data, melati, mawar)
    window = make_window()
    page = window.files_page
    with qtbot.waitSignal(page.check_did_finish, timeout=20_000):
        page.add_files(stick.newest())
    page.select(stick.folder / anggrek.newest.name)
    _save(qtbot, window, "puskesmas_unknown_key")


def test_registered_keys(qtbot, stick, desktop, make_window, puskesmas_data):
    register(puskesmas_data, *stick.laptops[:2])
    window = make_window()
    window.tabs.setCurrentWidget(window.keys_page)
    keys = window.keys_page
    anggrek = stick.laptops[2]
    qtbot.keyClicks(keys.code, anggrek.code)
    qtbot.keyClicks(keys.name, anggrek.name)
    qtbot.keyClicks(keys.fingerprint, anggrek.fingerprint[:30])
    keys.add_button.click()  # cut short: the form says what is wrong
    _save(qtbot, window, "puskesmas_keys")


def test_setup_first_page(qtbot, tmp_path):
    opened = open_data_folder(tmp_path / "data")
    assert isinstance(opened, Opened)
    wizard = SetupWizard(opened.database)
    qtbot.addWidget(wizard)
    wizard.posyandu_page.for_puskesmas.setChecked(True)
    _save(qtbot, wizard, "puskesmas_setup", (900, 620))
    wizard.posyandu_page.for_posyandu.setChecked(True)
    page = wizard.posyandu_page
    qtbot.keyClicks(page.name, "Posyandu Melati")
    qtbot.keyClicks(page.code, "6474-MEL-01")
    _save(qtbot, wizard, "puskesmas_setup_posyandu", (900, 620))
    opened.database.close()

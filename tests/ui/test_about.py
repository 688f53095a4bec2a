"""The About box: version, data folder, the signing key's fingerprint (or none on a puskesmas
laptop), the WHO tables' sources and their checksum verdict; opened from Settings and from the
Puskesmas window. With POSYANDU_SCREENSHOTS=1 it also saves docs/screenshots/about.png."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel, QWidget

from posyandu_desktop import __version__
from posyandu_desktop.exchange import signing
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.export import signing_fingerprint
from posyandu_desktop.services.housekeeping import about
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import HEAD
from posyandu_desktop.ui import about_dialog, background, theme
from posyandu_desktop.ui.about_dialog import AboutDialog
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.puskesmas.puskesmas_window import PuskesmasWindow
from posyandu_desktop.ui.settings.settings_page import SettingsPage
from tests.ui.conftest import BUSY_MACHINE_MS, TODAY, Registry

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# What fits on the cadre's 1366x768 screen, less the Windows taskbar and the title bar.
_SCREEN_FREE_PX = (1366, 768 - 40 - 32)


def _texts(dialog: QWidget) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def _dialog(qtbot: Any, info: Any) -> AboutDialog:
    dialog = AboutDialog(info)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _opened_about(qtbot: Any, parent: QWidget) -> AboutDialog:
    def found() -> None:
        dialog = parent.findChild(AboutDialog)
        assert dialog is not None and dialog.isVisible()

    qtbot.waitUntil(found, timeout=BUSY_MACHINE_MS)
    dialog = parent.findChild(AboutDialog)
    assert isinstance(dialog, AboutDialog)
    return dialog


def test_shows_the_version_the_folder_and_the_fingerprint(qtbot: Any, registry: Registry) -> None:
    fingerprint = signing_fingerprint(registry.data_dir)
    dialog = _dialog(qtbot, about(registry.data_dir, with_key=True))
    assert dialog.version.text() == f"Versi {__version__}"
    assert dialog.data_folder.text() == str(registry.data_dir)
    assert dialog.fingerprint.text() == fingerprint
    assert QFontInfo(dialog.fingerprint.font()).fixedPitch()
    texts = _texts(dialog)
    assert f"posyandu.sqlite (revisi skema {HEAD})" in texts
    assert [v.text() for v in dialog.who_verdicts] == ["cocok", "cocok"]
    assert any("github.com/WorldHealthOrganization/anthroplus" in t for t in texts)
    assert any("DejaVu" in t for t in texts)


def test_a_puskesmas_laptop_has_no_key_to_show(qtbot: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, about(tmp_path / "puskesmas", with_key=False))
    assert dialog.fingerprint.text() == "— (laptop puskesmas)"
    assert not any("posyandu.sqlite" in t for t in _texts(dialog))


def test_a_key_not_made_yet_is_said_in_the_registry_words(qtbot: Any, tmp_path: Path) -> None:
    info = about(tmp_path / "new", with_key=True)
    dialog = _dialog(qtbot, info)
    assert dialog.fingerprint.text() == words(info.key_state, lang="id")
    assert dialog.fingerprint.text() == "Belum dibuat: kunci dibuat saat aplikasi dibuka."


def test_a_changed_table_shows_as_not_matching(qtbot: Any, tmp_path: Path) -> None:
    who = tmp_path / "who"
    shutil.copytree(resource_path("who"), who)
    table = who / "who2007_hfa.csv"
    table.write_bytes(table.read_bytes() + b"\n")
    dialog = _dialog(qtbot, about(tmp_path / "data", with_key=False, who_folder=who))
    assert [v.text() for v in dialog.who_verdicts] == ["cocok", "TIDAK cocok"]
    assert "pasang ulang" in dialog.who_status.text()


def test_the_folder_button_opens_the_data_folder(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(about_dialog, "open_folder", opened.append)
    dialog = _dialog(qtbot, about(tmp_path, with_key=False))
    assert dialog.open_data_folder.text() == "Buka folder data"
    qtbot.mouseClick(dialog.open_data_folder, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_settings_opens_it_with_this_laptops_key(qtbot: Any, ui_session: UiSession) -> None:
    fingerprint = signing_fingerprint(ui_session.data_dir)  # start-up makes the key
    page = SettingsPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.about_button.text() == "Tentang aplikasi…"
    qtbot.mouseClick(page.about_button, Qt.MouseButton.LeftButton)
    dialog = _opened_about(qtbot, page)
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    assert dialog.fingerprint.text() == fingerprint
    dialog.reject()
    background.wait_for_all()


def test_the_puskesmas_window_opens_it_without_making_a_key(qtbot: Any, tmp_path: Path) -> None:
    data = tmp_path / "puskesmas"
    window = PuskesmasWindow(data, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.about_button, Qt.MouseButton.LeftButton)
    dialog = _opened_about(qtbot, window)
    assert dialog.fingerprint.text() == "— (laptop puskesmas)"
    # Its own key is the puskesmas's X25519 key (Registered keys tab), never a signing key.
    assert not (signing.keys_dir(data) / signing.KEY_FILE).exists()
    dialog.reject()
    background.wait_for_all()


@pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
def test_screenshot(qtbot: Any, qapp: Any, registry: Registry) -> None:
    theme.apply(qapp, resource_path("fonts"))
    signing_fingerprint(registry.data_dir)
    # A data folder where a cadre's laptop keeps it, not the test's temporary one.
    info = about(registry.data_dir, with_key=True)
    shown = replace(
        info,
        data_dir=Path(r"C:\Users\Kader\AppData\Local\posyandu-desktop"),
        log_folder=Path(r"C:\Users\Kader\AppData\Local\posyandu-desktop\logs"),
    )
    dialog = _dialog(qtbot, shown)
    dialog.adjustSize()
    qtbot.wait(50)
    width, height = dialog.width(), dialog.height()
    assert width <= _SCREEN_FREE_PX[0] and height <= _SCREEN_FREE_PX[1], (width, height)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "about.png"))

"""The backup recovery key through the real Settings screen: choosing a folder on a flash drive
shows the key once, the window stays until the coordinator ticks that she wrote it down, and the
backups on the drive are sealed with it."""

from __future__ import annotations

from posyandu_desktop.services.housekeeping import backup_is_sealed, has_recovery_key, list_backups
from posyandu_desktop.ui import background
from posyandu_desktop.ui.settings.recovery_key_dialog import RecoveryKeyDialog
from posyandu_desktop.ui.settings.settings_page import SettingsPage


def test_a_folder_on_a_stick_shows_the_recovery_key_once(qtbot, ui_session, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    page = SettingsPage(ui_session)
    qtbot.addWidget(page)
    monkeypatch.setattr(page, "ask_for_folder", lambda: stick)
    page.choose_backup_folder()
    (dialog,) = page.findChildren(RecoveryKeyDialog)
    assert has_recovery_key(ui_session.data_dir)
    assert len(dialog.key.text().replace(" ", "")) == 32
    assert not dialog.done_button.isEnabled()
    dialog.reject()  # Escape does not close it before the tick
    assert dialog.isVisible()
    dialog.written.setChecked(True)
    dialog.done_button.click()
    assert not dialog.isVisible()
    page.back_up.click()
    background.wait_for_all()
    qtbot.wait(20)  # deliver the result on the GUI thread
    on_stick = [b.path for b in list_backups(ui_session.data_dir)]
    assert on_stick and all(backup_is_sealed(p) for p in on_stick)
    page.choose_backup_folder()  # the key is never shown again
    assert len(page.findChildren(RecoveryKeyDialog)) == 1

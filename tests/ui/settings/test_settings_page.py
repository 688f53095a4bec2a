"""Settings: back up now (off the GUI thread), choose the backup folder, restore a backup
(after asking), switch the language; only the coordinator changes folders or restores."""

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from posyandu_desktop.services import BackupKind, find_people, list_backups
from posyandu_desktop.services.housekeeping import backup_folder
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.preferences import ui_language
from posyandu_desktop.ui.settings.settings_page import SettingsPage
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import BUSY_MACHINE_MS, TODAY


def _page(qtbot: Any, session: UiSession) -> SettingsPage:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    _settle(qtbot)
    return page


def _settle(qtbot: Any) -> None:
    background.wait_for_all()
    qtbot.wait(20)  # deliver the results on the GUI thread


def _answers(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[tuple[Any, ...]]:
    shown: list[tuple[Any, ...]] = []

    def present(kind: Any, parent: Any, title: str, text: str, *_words: str) -> bool:
        shown.append((kind, text))
        return answer

    monkeypatch.setattr(messages, "present", present)
    return shown


def _back_up(qtbot: Any, page: SettingsPage) -> None:
    with qtbot.waitSignal(page.status_message, timeout=BUSY_MACHINE_MS):
        qtbot.mouseClick(page.back_up, Qt.MouseButton.LeftButton)
        assert page.progress.isVisible() and not page.back_up.isEnabled()
    _settle(qtbot)


def test_backing_up_now_adds_a_checked_backup_to_the_list(qtbot, ui_session):
    page = _page(qtbot, ui_session)
    before = page.backups_model.rowCount()
    _back_up(qtbot, page)
    assert page.backups_model.rowCount() == before + 1
    kinds = [b.kind for b in list_backups(ui_session.data_dir)]
    assert BackupKind.MANUAL in kinds
    assert not page.progress.isVisible() and page.back_up.isEnabled()


def test_backups_go_to_the_chosen_folder(qtbot, ui_session, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    page = _page(qtbot, ui_session)
    monkeypatch.setattr(page, "ask_for_folder", lambda: stick)
    page.choose_backup_folder()
    assert backup_folder(ui_session.data_dir) == stick
    assert page.folder.text() == str(stick)
    _back_up(qtbot, page)
    assert [b.path.parent for b in list_backups(ui_session.data_dir)] == [stick]

    page.use_default_folder()
    assert backup_folder(ui_session.data_dir) == ui_session.data_dir / "backups"


def test_restoring_asks_first_and_then_reopens(qtbot, ui_session, registry, monkeypatch):
    page = _page(qtbot, ui_session)
    _back_up(qtbot, page)
    shown = _answers(monkeypatch, False)
    page.table.selectRow(0)
    page.restore_chosen()
    assert [kind for kind, _text in shown] == [messages.MessageKind.QUESTION]

    shown = _answers(monkeypatch, True)
    with qtbot.waitSignal(page.registry_did_restore, timeout=BUSY_MACHINE_MS):
        page.restore_chosen()
    assert [kind for kind, _text in shown] == [
        messages.MessageKind.QUESTION,
        messages.MessageKind.INFO,
    ]
    kinds = {b.kind for b in list_backups(ui_session.data_dir)}
    assert BackupKind.PRE_RESTORE in kinds  # the data as it was is kept
    # The restored file holds the registry (the closed database reconnects on use).
    assert find_people(registry.db, "aisyah", today=TODAY)


def test_only_the_coordinator_changes_folders_or_restores(qtbot, ui_session):
    page = _page(qtbot, replace(ui_session, is_coordinator=False))
    assert not page.choose_folder.isEnabled()
    assert not page.default_folder.isEnabled()
    assert not page.restore.isEnabled()
    assert page.back_up.isEnabled()  # anyone may take a backup


def test_choosing_english_is_remembered_and_announced(qtbot, ui_session):
    page = _page(qtbot, ui_session)
    page.language.setCurrentIndex(page.language.findData("en"))
    with qtbot.waitSignal(page.language_did_change) as changed:
        qtbot.mouseClick(page.apply_language, Qt.MouseButton.LeftButton)
    assert changed.args == ["en"]
    assert ui_language(ui_session.data_dir) == "en"


def test_a_failed_backup_is_explained(qtbot, ui_session, monkeypatch, tmp_path):
    page = _page(qtbot, ui_session)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setattr(page, "ask_for_folder", lambda: not_a_folder)
    page.choose_backup_folder()
    shown = _answers(monkeypatch, True)
    qtbot.mouseClick(page.back_up, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert [kind for kind, _text in shown] == [messages.MessageKind.ERROR]
    assert page.back_up.isEnabled()

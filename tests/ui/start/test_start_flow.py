"""The start of the app on real data folders: first run (wizard, then login), a known folder
(login), a refused file (explained, or restored from a backup), demo data, and the way back
from the main window to the login, to a new language, or to a reopened registry."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from posyandu_desktop.services import (
    BackupKind,
    CadreRole,
    Opened,
    back_up_now,
    open_data_folder,
)
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.ui import background
from posyandu_desktop.ui.main_window import MainWindow
from posyandu_desktop.ui.start.login_dialog import LoginDialog
from posyandu_desktop.ui.start.setup_wizard import SetupWizard
from posyandu_desktop.ui.start.start_flow import StartFlow
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import MORNING


@pytest.fixture
def flows(qtbot: Any) -> Iterator[Any]:
    made: list[StartFlow] = []

    def make(data_dir: Path, **kwargs: Any) -> StartFlow:
        # The registries here were written by today's real clock, MORNING is a fixed date:
        # the clock check has its own tests (test_start_faults.py).
        kwargs.setdefault("check_clock", False)
        kwargs.setdefault("now", lambda: MORNING)
        flow = StartFlow(data_dir=data_dir, **kwargs)
        qtbot.addWidget(flow.screen)
        made.append(flow)
        return flow

    yield make
    background.wait_for_all()
    for flow in made:
        if flow.window is not None:
            flow.window.close()
            flow.window.deleteLater()
        if flow.db is not None:
            flow.db.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, str]]:
    """Message boxes answered "yes" and recorded instead of shown."""
    record: list[tuple[Any, str]] = []

    def present(kind: Any, parent: Any, title: str, text: str, *_words: str) -> bool:
        record.append((kind, text))
        return True

    monkeypatch.setattr(messages, "present", present)
    return record


def _wait_for_dialog(qtbot: Any, flow: StartFlow, kind: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(flow.dialog, kind), timeout=20_000)
    return flow.dialog


def _log_in(qtbot: Any, flow: StartFlow, pin: str = "2468") -> MainWindow:
    """Log in as the coordinator (who may set her own first PIN where nobody has one)."""
    dialog = _wait_for_dialog(qtbot, flow, LoginDialog)
    names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    dialog.names.setCurrentRow(names.index("Siti Aminah"))
    qtbot.keyClicks(dialog.pin, pin)
    if dialog.needs_confirmation():
        qtbot.keyClicks(dialog.confirm, pin)
    with qtbot.waitSignal(flow.window_did_show, timeout=20_000):
        dialog.try_log_in()
    assert flow.window is not None
    return flow.window


def test_a_first_run_sets_up_then_logs_in(qtbot, tmp_path, flows):
    flow = flows(tmp_path / "data")
    flow.start()
    assert flow.screen.isVisible()  # painted before the data folder is opened

    wizard = _wait_for_dialog(qtbot, flow, SetupWizard)
    wizard.posyandu_page.name.setText("Posyandu Melati")
    wizard.posyandu_page.code.setText("6474-MEL-01")
    wizard.next()
    wizard.cadres_page.name.setText("Siti Aminah")
    wizard.cadres_page.role.setCurrentIndex(wizard.cadres_page.role.findData(CadreRole.CHAIR))
    wizard.cadres_page.add_typed_cadre()
    wizard.next()
    wizard.pin_page.pin.setText("2468")
    wizard.pin_page.confirm.setText("2468")
    wizard.button(QWizard.WizardButton.FinishButton).click()

    dialog = _wait_for_dialog(qtbot, flow, LoginDialog)
    assert not dialog.needs_confirmation()  # her PIN was set in the wizard
    window = _log_in(qtbot, flow)
    assert window.session.cadre_name == "Siti Aminah"
    assert window.session.is_coordinator
    assert window.top_bar.posyandu.text() == "Posyandu Melati"
    assert not flow.screen.isVisible()


def test_quitting_at_the_login_ends_the_app(qtbot, registry, flows):
    flow = flows(registry.data_dir)
    flow.start()
    dialog = _wait_for_dialog(qtbot, flow, LoginDialog)
    with qtbot.waitSignal(flow.did_finish) as finished:
        dialog.reject()
    assert finished.args == [0]


def test_a_file_from_a_newer_app_is_explained_and_left_alone(qtbot, tmp_path, flows, shown):
    opened = open_data_folder(tmp_path / "data")
    assert isinstance(opened, Opened)
    opened.database.close()
    path = tmp_path / "data" / "posyandu.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()

    flow = flows(tmp_path / "data")
    with qtbot.waitSignal(flow.did_finish, timeout=20_000) as finished:
        flow.start()
    assert finished.args == [1]
    assert [kind for kind, _text in shown] == [messages.MessageKind.ERROR]
    assert "versi" in shown[0][1]


def test_a_damaged_file_is_replaced_by_the_newest_good_backup(qtbot, registry, flows, shown):
    back_up_now(registry.db, registry.data_dir, BackupKind.MANUAL)
    registry.db.close()
    path = registry.data_dir / "posyandu.sqlite"
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)

    flow = flows(registry.data_dir)
    flow.start()
    _wait_for_dialog(qtbot, flow, LoginDialog)

    assert [kind for kind, _text in shown] == [messages.MessageKind.QUESTION]
    assert flow.db is not None
    posyandu = this_posyandu(flow.db)
    assert posyandu is not None and posyandu.name == "Posyandu Melati"


def test_switching_cadre_goes_back_to_the_login(qtbot, registry, flows):
    flow = flows(registry.data_dir)
    flow.start()
    window = _log_in(qtbot, flow)
    window.switch_cadre_requested.emit()
    assert flow.window is None
    dialog = _wait_for_dialog(qtbot, flow, LoginDialog)
    assert dialog.isVisible()


def test_a_new_language_rebuilds_the_window_for_the_same_cadre(qtbot, registry, flows):
    chosen: list[str] = []
    flow = flows(registry.data_dir, set_language=chosen.append)
    flow.start()
    window = _log_in(qtbot, flow)
    with qtbot.waitSignal(flow.window_did_show, timeout=20_000):
        window.language_did_change.emit("en")
    assert chosen == ["en"]
    assert flow.window is not None and flow.window is not window
    assert flow.window.session == window.session


def test_after_a_restore_the_registry_is_opened_again(qtbot, registry, flows):
    flow = flows(registry.data_dir)
    flow.start()
    window = _log_in(qtbot, flow)
    window.reopen_requested.emit()
    _wait_for_dialog(qtbot, flow, LoginDialog)
    assert flow.window is None


def test_demo_data_fills_an_empty_folder_and_every_screen_opens(qtbot, tmp_path, flows):
    flow = flows(tmp_path / "demo", demo=True, smoke=True)
    with qtbot.waitSignal(flow.did_finish, timeout=120_000) as finished:
        flow.start()
    assert finished.args == [0]
    assert flow.window is not None
    assert flow.window.session.is_coordinator
    assert all(flow.window.page(key) for key in flow.window.page_keys())

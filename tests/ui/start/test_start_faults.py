"""The start of the app when the laptop or its folder is not as expected: a wrong clock, a lost
registry beside its backups, a backup stick that is not plugged in."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from posyandu_desktop.services import BackupKind, back_up_now
from posyandu_desktop.settings import choose_backups_dir
from posyandu_desktop.store.lock import release
from posyandu_desktop.ui.start.login_dialog import LoginDialog
from posyandu_desktop.ui.start.setup_wizard import SetupWizard
from posyandu_desktop.ui.widgets import messages
from tests.ui.start.test_start_flow import _log_in, _wait_for_dialog, flows, shown

__all__ = ["flows", "shown"]

DEAD_BATTERY = datetime(2000, 1, 1, 0, 5).astimezone()


def _clock_answers(data_dir: Path) -> list[dict[str, Any]]:
    connection = sqlite3.connect(data_dir / "posyandu.sqlite")
    try:
        rows = connection.execute("SELECT changes FROM audit_event WHERE table_name = 'clock'")
        return [json.loads(changes) for (changes,) in rows]
    finally:
        connection.close()


def test_a_clock_behind_the_data_is_confirmed_before_anything_opens(
    qtbot, registry, flows, monkeypatch
):
    asked: list[str] = []

    def present(kind: Any, parent: Any, title: str, text: str, *_words: str) -> bool:
        asked.append(text)
        return False  # "No": the date is wrong

    monkeypatch.setattr(messages, "present", present)
    flow = flows(registry.data_dir, now=lambda: DEAD_BATTERY, check_clock=True)
    flow.start()
    dialog = _wait_for_dialog(qtbot, flow, LoginDialog)
    names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    dialog.names.setCurrentRow(names.index("Siti Aminah"))
    qtbot.keyClicks(dialog.pin, "2468")
    if dialog.needs_confirmation():
        qtbot.keyClicks(dialog.confirm, "2468")
    with qtbot.waitSignal(flow.did_finish, timeout=20_000) as finished:
        dialog.try_log_in()
    assert finished.args == [1]
    assert flow.window is None
    assert asked[0].startswith("Tanggal di laptop: Sabtu, 1 Januari 2000, benar?")
    assert [a["confirmed"] for a in _clock_answers(registry.data_dir)] == [False]


def test_a_confirmed_clock_opens_the_app_and_the_answer_is_audited(qtbot, registry, flows, shown):
    flow = flows(registry.data_dir, now=lambda: DEAD_BATTERY, check_clock=True)
    flow.start()
    _log_in(qtbot, flow)
    assert [kind for kind, _text in shown] == [messages.MessageKind.QUESTION]
    answers = _clock_answers(registry.data_dir)
    assert [a["confirmed"] for a in answers] == [True]
    assert answers[0]["laptop_time"].startswith("2000-01-01")


def test_a_clock_far_ahead_is_asked_about_too(qtbot, registry, flows, shown):
    ahead = datetime.now().astimezone() + timedelta(days=400)
    flow = flows(registry.data_dir, now=lambda: ahead, check_clock=True)
    flow.start()
    _log_in(qtbot, flow)
    assert len(shown) == 1 and "Tanggal di laptop" in shown[0][1]


def test_a_lost_registry_offers_the_backup_and_never_the_wizard(qtbot, registry, flows, shown):
    back_up_now(registry.db, registry.data_dir, BackupKind.MANUAL)
    registry.db.close()
    path = registry.data_dir / "posyandu.sqlite"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)

    flow = flows(registry.data_dir)
    flow.start()
    _wait_for_dialog(qtbot, flow, LoginDialog)  # restored: the cadres are back
    assert [kind for kind, _text in shown] == [messages.MessageKind.QUESTION]
    assert "hilang atau kosong" in shown[0][1]


def test_a_new_posyandu_in_such_a_folder_needs_two_confirmations(
    qtbot, tmp_path, flows, monkeypatch
):
    data = tmp_path / "data"
    (data / "exports").mkdir(parents=True)
    (data / "exports" / "posyandu-6474-2026-11-r1.zip").write_bytes(b"PK")
    answers = iter([True, True])
    asked: list[str] = []

    def present(kind: Any, parent: Any, title: str, text: str, *_words: str) -> bool:
        asked.append(title)
        return next(answers)

    monkeypatch.setattr(messages, "present", present)
    flow = flows(data)
    flow.start()
    _wait_for_dialog(qtbot, flow, SetupWizard)
    assert len(asked) == 2


def test_declining_a_new_posyandu_quits_without_making_one(qtbot, tmp_path, flows, monkeypatch):
    data = tmp_path / "data"
    (data / "keys").mkdir(parents=True)
    (data / "keys" / "signing-key.pem").write_bytes(b"key")
    monkeypatch.setattr(messages, "present", lambda *a, **k: False)
    flow = flows(data)
    with qtbot.waitSignal(flow.did_finish, timeout=20_000) as finished:
        flow.start()
    assert finished.args == [1]
    assert not (data / "posyandu.sqlite").exists()


def test_an_unplugged_backup_stick_warns_and_the_app_starts(qtbot, registry, flows, shown):
    choose_backups_dir(registry.data_dir, registry.data_dir.parent / "FLASHDISK" / "backups")
    flow = flows(registry.data_dir)
    flow.start()
    _wait_for_dialog(qtbot, flow, LoginDialog)
    assert [kind for kind, _text in shown] == [messages.MessageKind.INFO]
    assert "FLASHDISK" in shown[0][1]


def test_the_app_with_a_mistyped_data_folder_makes_nothing_there(tmp_path):
    typo = tmp_path / "Posyandu Melatii"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "posyandu_desktop", "--data-dir", str(typo), "--smoke"],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert not typo.exists()


def test_a_second_window_on_the_same_folder_says_which_one_holds_it(qtbot, registry, flows, shown):
    from tests.faults.helpers import hold_in_another_process

    registry.db.close()
    release(registry.data_dir)
    holder = hold_in_another_process(registry.data_dir)
    try:
        flow = flows(registry.data_dir)
        with qtbot.waitSignal(flow.did_finish, timeout=20_000) as finished:
            flow.start()
    finally:
        holder.kill()
        holder.wait()
    assert finished.args == [1]
    assert [kind for kind, _text in shown] == [messages.MessageKind.ERROR]
    assert "sudah terbuka" in shown[0][1] and f"program {holder.pid}" in shown[0][1]


def test_raising_the_holders_window_is_harmless_where_the_os_has_no_such_call():
    from posyandu_desktop.ui.start.raise_window import raise_windows_of

    assert raise_windows_of(os.getpid()) is False  # offscreen: this process shows no window

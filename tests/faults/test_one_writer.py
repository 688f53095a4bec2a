"""One writer per data folder: a second process is told the folder is in use."""

from __future__ import annotations

import pytest

from posyandu_desktop.services import Opened, Refused, StartupProblem, open_data_folder
from posyandu_desktop.services.housekeeping import restore_backup
from posyandu_desktop.store import BackupError, backup, database, lock
from posyandu_desktop.store.queries import audit
from tests.faults.helpers import NOW, hold_in_another_process, posyandu_folder


def test_a_second_process_is_refused_and_told_who_holds_the_folder(tmp_path):
    data = tmp_path / "data"
    posyandu_folder(data)
    holder = hold_in_another_process(data)
    try:
        refused = open_data_folder(data, now=NOW)
        with pytest.raises(lock.FolderLockedError):
            restore_backup(data, backup.list_backups(data / "backups")[0].path, now=NOW)
    finally:
        holder.kill()
        holder.wait()
    assert isinstance(refused, Refused) and refused.problem is StartupProblem.IN_USE
    assert refused.holder is not None
    assert refused.holder.pid == holder.pid
    assert refused.holder.program == "posyandu-desktop (window)"

    # The OS let go of the lock with the killed process: the folder opens again.
    opened = open_data_folder(data, now=NOW)
    assert isinstance(opened, Opened)
    opened.database.close()


def test_restore_never_swaps_the_file_under_an_open_read(tmp_path, monkeypatch):
    data = tmp_path / "data"
    posyandu_folder(data)
    opened = open_data_folder(data, now=NOW)
    assert isinstance(opened, Opened)
    db = opened.database
    before = (data / "posyandu.sqlite").stat().st_ino
    monkeypatch.setattr(database, "CLOSE_WAIT_S", 0.2)
    newest = backup.list_backups(data / "backups")[0]
    with db.reading() as tx:  # a screen still loading in another thread
        audit.newest_time(tx)
        with pytest.raises(BackupError):
            restore_backup(data, newest.path, open_db=db, now=NOW)
    assert (data / "posyandu.sqlite").stat().st_ino == before
    restore_backup(data, newest.path, open_db=db, now=NOW)  # the read ended: it goes ahead
    assert (data / "posyandu.sqlite").stat().st_ino != before

"""One writer per data folder: a second process is told the folder is in use."""

from __future__ import annotations

import pytest

from posyandu_desktop.services import Opened, Refused, StartupProblem, open_data_folder
from posyandu_desktop.services.data_folder import restore_backup
from posyandu_desktop.store import backup, lock
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

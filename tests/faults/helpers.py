"""A data folder holding a small Posyandu, made through the services like the app makes one."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.store import lock
from tests.store.helpers import Post, set_up_post

NOW = datetime(2026, 12, 7, 9, 0).astimezone()


def posyandu_folder(data: Path, now: datetime = NOW) -> Post:
    """A data folder with a registry, a Posyandu and the day's backup; the lock let go."""
    opened = open_data_folder(data, now=now)
    assert isinstance(opened, Opened)
    post = set_up_post(opened.database)
    opened.database.close()
    again = open_data_folder(data, now=now)  # the day's backup, as the next start takes it
    assert isinstance(again, Opened) and again.backup is not None
    again.database.close()
    lock.release(data)
    return post


HOLD = """
import sys, time
from pathlib import Path
from posyandu_desktop.store import lock
lock.acquire(Path(sys.argv[1]), "posyandu-desktop (window)")
print("held", flush=True)
time.sleep(60)
"""


def hold_in_another_process(data: Path) -> subprocess.Popen[str]:
    """A second process holding the folder's lock (as an open app window would)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while process.stdout.readline().strip() != "held":
        assert time.monotonic() < deadline and process.poll() is None
    return process

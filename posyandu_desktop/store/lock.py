"""One writer per data folder: an OS file lock that the OS releases when the process dies.

`fcntl.flock` on POSIX, `msvcrt.locking` on Windows, on `posyandu.lock` in the data folder. The
holder's pid, program and start time go into `posyandu.lock-holder` beside it (Windows forbids
reading a locked byte range), so a second start can say who holds the folder. A lock left by a
crashed process is no lock: the OS dropped it with the process. Within one process the lock is
taken once per folder and kept until `release` (a restore or a reopen never lets go of it).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from posyandu_desktop import files

LOCK_FILE = "posyandu.lock"
HOLDER_FILE = "posyandu.lock-holder"

_held: dict[Path, int] = {}  # folder -> open descriptor holding the lock


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a data folder (as far as it wrote down; fields may be empty)."""

    pid: int | None
    program: str
    started_at: str  # ISO local time, as written by the holder


class FolderLockedError(Exception):
    """Another process writes in this data folder."""

    def __init__(self, folder: Path, holder: LockHolder) -> None:
        super().__init__(f"{folder} is in use by {holder.program or 'another program'}")
        self.folder, self.holder = folder, holder


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    else:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def holder(folder: Path) -> LockHolder:
    """What the holder of `folder` wrote about itself."""
    try:
        found = json.loads((folder / HOLDER_FILE).read_text(encoding="utf-8"))
        return LockHolder(int(found["pid"]), str(found["program"]), str(found["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return LockHolder(None, "", "")


def acquire(folder: Path, program: str) -> None:
    """Hold the lock of `folder` for this process (again: nothing happens); raises
    FolderLockedError when another process holds it, OSError when it cannot be made."""
    key = folder.resolve()
    if key in _held:
        return
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        os.close(fd)
        raise FolderLockedError(folder, holder(folder))
    _held[key] = fd
    note = {
        "pid": os.getpid(),
        "program": program,
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "argv0": Path(sys.argv[0]).name if sys.argv else "",
    }
    files.write_atomically(folder / HOLDER_FILE, json.dumps(note).encode())


def release(folder: Path) -> None:
    """Let go of the lock of `folder` (at exit the OS does it anyway)."""
    fd = _held.pop(folder.resolve(), None)
    if fd is not None:
        (folder / HOLDER_FILE).unlink(missing_ok=True)
        os.close(fd)


def release_all() -> None:
    """Let go of every folder this process holds (tests, between cases)."""
    for folder in list(_held):
        release(folder)

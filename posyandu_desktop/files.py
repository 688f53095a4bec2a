"""Writing a file atomically without ever replacing something that is not a plain file.

Every save goes through a temporary file in the target's folder, fsync, then `os.replace`, so a
crash or a full disk leaves the old file or the whole new one. `os.replace` would also put a
regular file in place of a device, a FIFO or the link to one (run as root, `-o /dev/null` would
remove the system's `/dev/null`): such a target is refused before anything is written.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class NotARegularFileError(OSError):
    """The target exists and is a folder, a device, a FIFO or a link to one: never replaced."""


def check_target(target: Path) -> None:
    """Raise NotARegularFileError unless `target` is missing or a regular file (links followed)."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise NotARegularFileError(errno.EEXIST, f"{target} is {kind}", str(target))


def replace(temporary: Path | str, target: Path) -> None:
    """`os.replace(temporary, target)` after `check_target(target)`."""
    check_target(target)
    os.replace(temporary, target)


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target` through a temp file in the same folder, fsync, then replace."""
    target = Path(target)
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target

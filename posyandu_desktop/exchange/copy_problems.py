"""Why a file could not be copied to a flash drive: codes that `exchange/words.py` turns into
words, so the cadre is told what happened and what to do."""

from __future__ import annotations

from enum import StrEnum


class CopyProblem(StrEnum):
    """What went wrong while writing a file to removable media."""

    NO_SPACE = "no_space"  # the drive (or a file-size limit) is full
    DEVICE_GONE = "device_gone"  # pulled out, or the drive stopped answering
    READ_ONLY = "read_only"  # write-protect switch, read-only mount or no permission
    VERIFY_FAILED = "verify_failed"  # the bytes read back differ from the bytes written
    OTHER = "other"

"""Removable drives, and a copy onto one that is read back before anyone says "safe to remove".

A pulled stick or a full disk must never leave a half-written export under its final name
(Electrum lost wallets that way on USB drives, #5082): the bytes go to a temporary name in the
same folder, are fsynced, renamed over the final name, the folder is fsynced, and the file is
read back and compared. Failures are `CopyProblem` codes; `exchange.words` has the words.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from ctypes import wintypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posyandu_desktop import files
from posyandu_desktop.exchange.copy_problems import CopyProblem

__all__ = [
    "CopyError",
    "CopyProblem",
    "Drive",
    "problem_of",
    "removable_drives",
    "write_verified",
]


@dataclass(frozen=True)
class Drive:
    """A mounted removable drive: where to write, a name to show (never empty), its space."""

    path: Path
    label: str
    free_bytes: int
    total_bytes: int


class CopyError(Exception):
    """A copy that did not finish; nothing new is left under the final name. `detail` is
    technical text (the system's message, the path) for a "details" line or a log."""

    def __init__(self, problem: CopyProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


# --- which failure is which --------------------------------------------------------------------


def _errnos(*names: str) -> frozenset[int]:
    # Not every system has every code (Windows has no EDQUOT or ESHUTDOWN).
    return frozenset(getattr(errno, name) for name in names if hasattr(errno, name))


# EFBIG is a file-size limit (FAT32 stops at 4 GiB, or RLIMIT_FSIZE): the cure is the same as
# for a full stick. ENOENT in the middle of a copy means the folder vanished with the drive.
_ERRNO_PROBLEMS = (
    (_errnos("ENOSPC", "EDQUOT", "EFBIG"), CopyProblem.NO_SPACE),
    (
        _errnos("EIO", "ENODEV", "ENXIO", "ENOENT", "ESHUTDOWN", "ENOTCONN"),
        CopyProblem.DEVICE_GONE,
    ),
    (_errnos("EROFS", "EACCES", "EPERM"), CopyProblem.READ_ONLY),
)

# Windows system error codes (winerror.h); Python gives most of them no errno of their own.
_WINERROR_PROBLEMS: dict[int, CopyProblem] = {
    112: CopyProblem.NO_SPACE,  # ERROR_DISK_FULL
    39: CopyProblem.NO_SPACE,  # ERROR_HANDLE_DISK_FULL
    21: CopyProblem.DEVICE_GONE,  # ERROR_NOT_READY
    1167: CopyProblem.DEVICE_GONE,  # ERROR_DEVICE_NOT_CONNECTED
    55: CopyProblem.DEVICE_GONE,  # ERROR_DEV_NOT_EXIST
    433: CopyProblem.DEVICE_GONE,  # ERROR_NO_SUCH_DEVICE
    1006: CopyProblem.DEVICE_GONE,  # ERROR_FILE_INVALID: the volume was removed under the file
    19: CopyProblem.READ_ONLY,  # ERROR_WRITE_PROTECT
    5: CopyProblem.READ_ONLY,  # ERROR_ACCESS_DENIED
}

# A folder fsync that the filesystem does not offer (some FUSE exFAT drivers, network shares)
# is not a failed copy: the read-back still checks the file.
_FOLDER_FSYNC_UNSUPPORTED = _errnos("EINVAL", "ENOTSUP", "EOPNOTSUPP")


def problem_of(error: OSError) -> CopyProblem:
    """The copy problem an operating-system error stands for."""
    winerror = getattr(error, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINERROR_PROBLEMS:
        return _WINERROR_PROBLEMS[winerror]
    for codes, problem in _ERRNO_PROBLEMS:
        if error.errno in codes:
            return problem
    return CopyProblem.OTHER


# --- the copy ------------------------------------------------------------------------------------


def write_verified(
    folder: Path,
    name: str,
    data: bytes,
    *,
    progress: Callable[[int, int], None] | None = None,
    chunk_bytes: int = 1 << 20,
    overwrite: bool = True,
) -> Path:
    """Write `data` to `folder / name` through an fsynced temporary file, read it back and
    compare; on any failure raise `CopyError`, leaving no temporary and no new final file.
    With `overwrite=False` an existing file of that name is kept and FileExistsError raised."""
    if chunk_bytes < 1:
        raise ValueError("chunk_bytes must be positive")
    final = folder / name
    total = len(data)
    try:
        free_bytes = shutil.disk_usage(folder).free
    except OSError as exc:
        raise CopyError(problem_of(exc), str(exc)) from exc
    # An existing file of the same name still holds its space until the rename, so the whole
    # size must be free; saying so now beats failing at 90 %.
    if free_bytes < total:
        raise CopyError(CopyProblem.NO_SPACE, f"{final}: {total} bytes needed, {free_bytes} free")
    temporary = folder / f".{name}.part-{secrets.token_hex(8)}"
    renamed = False
    try:
        _write_synced(temporary, data, progress, chunk_bytes)
        # Atomic: whoever opens the final name sees the old file or the whole new one.
        if overwrite:
            files.replace(temporary, final)
        else:
            _rename_new(temporary, final)
        renamed = True
        _fsync_folder(folder)
        same = hashlib.sha256(_read_back(final)).digest() == hashlib.sha256(data).digest()
    except FileExistsError:
        _remove_quietly(temporary)
        raise
    except OSError as exc:
        # After the rename the file is complete but its name may not be durable on a drive
        # that failed: "failed" must not leave a file that looks like a finished export.
        _remove_quietly(final if renamed else temporary)
        raise CopyError(problem_of(exc), str(exc)) from exc
    except BaseException:
        _remove_quietly(final if renamed else temporary)
        raise
    if not same:
        _remove_quietly(final)
        raise CopyError(CopyProblem.VERIFY_FAILED, str(final))
    return final


def _rename_new(temporary: Path, final: Path) -> None:
    """Give `temporary` the name `final` unless a file has it (FileExistsError), atomically:
    a hard link never replaces, and Windows' rename refuses an existing target by itself."""
    if os.name == "posix":
        os.link(temporary, final)
        temporary.unlink()
    else:
        temporary.rename(final)


def _write_synced(
    path: Path,
    data: bytes,
    progress: Callable[[int, int], None] | None,
    chunk_bytes: int,
) -> None:
    total = len(data)
    view = memoryview(data)
    # "x": a fresh file, never someone else's; buffered, so a short write is retried or raised.
    with path.open("xb") as f:
        if progress is not None:
            progress(0, total)
        for start in range(0, total, chunk_bytes):
            end = min(start + chunk_bytes, total)
            f.write(view[start:end])
            if progress is not None:
                progress(end, total)
        f.flush()
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    # Makes the rename durable on POSIX; Windows cannot open a folder and needs nothing here.
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _FOLDER_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _read_back(path: Path) -> bytes:
    """The file's bytes as the drive returns them, as far as the system lets us bypass caches."""
    with path.open("rb") as f:
        if sys.platform == "linux":
            # After the fsync the cached pages are clean, so Linux drops them on this advice and
            # the read below comes from the stick itself, not from memory.
            with contextlib.suppress(OSError):
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        return f.read()


def _remove_quietly(path: Path) -> None:
    # The drive may be gone: there is nothing left to clean up then.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


# --- finding the drives ---------------------------------------------------------------------------


def removable_drives(
    *,
    mountinfo: Path = Path("/proc/self/mountinfo"),
    sys_block: Path = Path("/sys/block"),
) -> tuple[Drive, ...]:
    """The mounted removable drives (Linux mount points, Windows drive letters); () elsewhere."""
    if sys.platform == "win32":
        return _windows_drives()
    if sys.platform.startswith("linux"):
        return _linux_drives(mountinfo, sys_block)
    return ()


def _drive(path: Path, label: str) -> Drive | None:
    # A stale mount, an empty card reader or a folder we may not enter is no place to write.
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None
    return Drive(path=path, label=label, free_bytes=usage.free, total_bytes=usage.total)


# Desktop auto-mounters (udisks) put sticks here, whatever the device's own flags say.
_MEDIA_ROOTS = ("/media/", "/run/media/")
# mountinfo writes space, tab, newline and backslash as octal escapes ("\040").
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")
# The disk a partition belongs to, when sysfs does not show it: sdb1 -> sdb, nvme0n1p2 -> nvme0n1.
_PARTITION_NUMBER = re.compile(r"(?<=\d)p\d+$|(?<=\D)\d+$")


def _unescape(field: str) -> str:
    return _OCTAL_ESCAPE.sub(lambda m: chr(int(m[1], 8)), field)


def _mounts(text: str) -> Iterator[tuple[str, str]]:
    """(mount point, source) per line of /proc/self/mountinfo (proc(5))."""
    for line in text.splitlines():
        fields = line.split(" ")
        # Six fixed fields, optional tags, "-", then filesystem type and source.
        try:
            separator = fields.index("-", 6)
            point, source = fields[4], fields[separator + 2]
        except (ValueError, IndexError):
            continue
        yield _unescape(point), _unescape(source)


def _disk_of(device: str, sys_block: Path) -> str | None:
    if (sys_block / device).exists():
        return device
    # A partition is a folder inside its disk's folder: /sys/block/sdb/sdb1.
    with contextlib.suppress(OSError):
        for disk in sys_block.iterdir():
            if (disk / device).is_dir():
                return disk.name
    stem = _PARTITION_NUMBER.sub("", device)
    return stem if stem != device and (sys_block / stem).exists() else None


def _is_removable_source(source: str, sys_block: Path) -> bool:
    if not source.startswith("/dev/"):
        return False
    device = Path(source)
    if device.is_symlink():  # /dev/disk/by-label/KADER -> ../../sdb1
        device = device.resolve()
    disk = _disk_of(device.name, sys_block)
    if disk is None:
        return False
    folder = sys_block / disk
    with contextlib.suppress(OSError):
        if (folder / "removable").read_text(encoding="ascii").strip() == "1":
            return True
    # Many sticks and every USB hard disk say removable=0; their sysfs path runs through usb.
    try:
        return "/usb" in os.readlink(folder)
    except OSError:
        return False


def _linux_drives(mountinfo: Path, sys_block: Path) -> tuple[Drive, ...]:
    try:
        # The kernel writes names as raw bytes; keep any that are not UTF-8 as the OS does.
        text = mountinfo.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return ()
    drives: dict[str, Drive] = {}
    for point, source in _mounts(text):
        # "/" on a stick is a live system, not a place for exports.
        if point == "/" or point in drives:
            continue
        if point.startswith(_MEDIA_ROOTS) or _is_removable_source(source, sys_block):
            path = Path(point)
            drive = _drive(path, path.name or point)
            if drive is not None:
                drives[point] = drive
    return tuple(sorted(drives.values(), key=lambda d: str(d.path)))


_DRIVE_REMOVABLE = 2  # GetDriveTypeW
# No "There is no disk in the drive" box for an empty card reader while we look.
_SEM_FAILCRITICALERRORS = 0x0001
_SEM_NOOPENFILEERRORBOX = 0x8000
_MAX_LABEL = 261  # MAX_PATH + 1, as GetVolumeInformationW asks


def _kernel32() -> Any:
    if sys.platform == "win32":
        return ctypes.WinDLL("kernel32", use_last_error=True)
    raise OSError("kernel32 is a Windows library")


def _windows_drives() -> tuple[Drive, ...]:
    """The drive letters Windows calls removable (tests on Linux replace `_kernel32` with
    stand-ins for the four functions used here)."""
    try:
        kernel32 = _kernel32()
        kernel32.GetLogicalDrives.restype = wintypes.DWORD
        kernel32.GetDriveTypeW.argtypes = [wintypes.LPCWSTR]
        kernel32.GetDriveTypeW.restype = wintypes.UINT
        kernel32.SetErrorMode.argtypes = [wintypes.UINT]
        kernel32.SetErrorMode.restype = wintypes.UINT
    except (OSError, AttributeError):
        return ()
    old_mode = kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS | _SEM_NOOPENFILEERRORBOX)
    try:
        mask = kernel32.GetLogicalDrives()
        drives = []
        for index in range(26):
            if not mask >> index & 1:
                continue
            root = f"{chr(ord('A') + index)}:\\"
            if kernel32.GetDriveTypeW(root) != _DRIVE_REMOVABLE:
                continue
            # Without a medium disk_usage fails and the letter is skipped.
            drive = _drive(Path(root), _volume_label(kernel32, root) or root[:2])
            if drive is not None:
                drives.append(drive)
        return tuple(drives)
    finally:
        kernel32.SetErrorMode(old_mode)


def _volume_label(kernel32: Any, root: str) -> str:
    label = ctypes.create_unicode_buffer(_MAX_LABEL)
    ok = kernel32.GetVolumeInformationW(
        ctypes.c_wchar_p(root), label, _MAX_LABEL, None, None, None, None, 0
    )
    return label.value if ok else ""

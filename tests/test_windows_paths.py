"""The Windows-only code paths, exercised on Linux through their seams.

What runs only on a real laptop (file locking, the windowed exe's missing console, a real USB
stick) is on the checklist in docs/INSTALL_AND_UPDATE.md; these tests cover what the seams allow:
the data folder's location, the removable-drive scan through kernel32 stand-ins, Windows serial
port names, path lengths under MAX_PATH, and the entry points without stdout and stderr.
"""

from __future__ import annotations

import ctypes
import ntpath
import shutil
import sqlite3
import sys
from collections import namedtuple
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import platformdirs
import platformdirs.windows
import pytest
import serial
from serial.tools import list_ports
from serial.tools.list_ports_common import ListPortInfo

from posyandu_desktop import __main__ as entry
from posyandu_desktop import app, settings
from posyandu_desktop.devices import serial_scale
from posyandu_desktop.devices.readings import DeviceStatus
from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.exchange import usb
from posyandu_desktop.exchange.package import export_file_name
from posyandu_desktop.exchange.signing import KEY_FILE
from posyandu_desktop.store.backup import back_up

LOCAL = r"C:\Users\kader\AppData\Local"
ROAMING = r"C:\Users\kader\AppData\Roaming"
MAX_PATH = 260  # without the long-path opt-in, Windows paths stay below this
LONGEST_ACCOUNT = "x" * 20  # a local Windows account name has at most 20 characters


def test_the_data_folder_is_the_local_not_roaming_app_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # platformdirs picks its Windows class when it runs on Windows; hand it in here.
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    folders = {"CSIDL_LOCAL_APPDATA": LOCAL, "CSIDL_APPDATA": ROAMING}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)

    folder = settings.data_dir(None, environ={})

    # %LOCALAPPDATA%\posyandu-desktop: no publisher folder, not roaming (what the installer
    # and docs/INSTALL_AND_UPDATE.md promise, and where the Wine test puts the data folder).
    assert folder == Path(LOCAL) / "posyandu-desktop"


# --- removable drives: GetDriveTypeW and friends ---------------------------------------------

_FIXED, _REMOVABLE, _CDROM = 3, 2, 5
_Usage = namedtuple("_Usage", "total used free")


def _kernel32(drives: dict[str, tuple[int, str]], modes: list[int]) -> SimpleNamespace:
    """Stand-ins for the kernel32 functions usb.py calls, over `letter: (type, label)`."""

    def GetLogicalDrives() -> int:
        return sum(1 << ord(letter) - ord("A") for letter in drives)

    def GetDriveTypeW(root: str) -> int:
        return drives[root[0]][0]

    def SetErrorMode(mode: int) -> int:
        modes.append(mode)
        return 0x0004 if len(modes) == 1 else mode

    def GetVolumeInformationW(
        root: ctypes.c_wchar_p, buffer: ctypes.Array[ctypes.c_wchar], size: int, *rest: object
    ) -> int:
        label = drives[str(root.value)[0]][1]
        buffer.value = label
        return 1 if label else 0

    return SimpleNamespace(
        GetLogicalDrives=GetLogicalDrives,
        GetDriveTypeW=GetDriveTypeW,
        SetErrorMode=SetErrorMode,
        GetVolumeInformationW=GetVolumeInformationW,
    )


def test_removable_drive_letters_with_a_medium_are_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    modes: list[int] = []
    drives = {
        "C": (_FIXED, "Windows"),
        "D": (_CDROM, "DVD"),
        "E": (_REMOVABLE, "KADER"),
        "F": (_REMOVABLE, ""),  # an empty card reader
        "G": (_REMOVABLE, ""),  # a stick without a volume label
    }
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(usb, "_kernel32", lambda: _kernel32(drives, modes))

    def disk_usage(path: Path) -> _Usage:
        if str(path) == "F:\\":
            raise OSError(21, "The device is not ready")
        return _Usage(8_000_000_000, 1_000_000_000, 7_000_000_000)

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)

    found = usb.removable_drives()

    assert [(str(d.path), d.label, d.free_bytes) for d in found] == [
        ("E:\\", "KADER", 7_000_000_000),
        ("G:\\", "G:", 7_000_000_000),
    ]
    # No "insert a disk" box while looking, and the error mode is put back afterwards.
    assert modes == [0x8001, 0x0004]


@pytest.mark.skipif(sys.platform == "win32", reason="the real kernel32 is there")
def test_without_kernel32_no_drive_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")

    assert usb.removable_drives() == ()  # the real loader: this is not Windows


# --- serial ports: COM names ------------------------------------------------------------------


def test_com_ports_are_listed_in_number_order(monkeypatch: pytest.MonkeyPatch) -> None:
    ports = []
    for device, description in (
        ("COM10", "USB-SERIAL CH340 (COM10)"),
        ("COM3", "Prolific USB-to-Serial Comm Port (COM3)"),
        ("COM1", "Communications Port (COM1)"),
    ):
        port = ListPortInfo(device, skip_link_detection=True)
        port.description = description
        ports.append(port)
    monkeypatch.setattr(list_ports, "comports", lambda: ports)

    listed = serial_scale.available_ports()

    assert [(p.device, p.description) for p in listed] == [
        ("COM1", "Communications Port (COM1)"),
        ("COM3", "Prolific USB-to-Serial Comm Port (COM3)"),
        ("COM10", "USB-SERIAL CH340 (COM10)"),
    ]


@pytest.mark.parametrize(
    ("os_error", "status"),
    [
        ("FileNotFoundError(2, 'The system cannot find the file specified.', None, 2)", "missing"),
        ("PermissionError(13, 'Access is denied.', None, 5)", "busy"),
        ("OSError(22, 'The semaphore timeout period has expired.', None, 121)", "gone"),
    ],
)
def test_windows_port_errors_are_told_apart(os_error: str, status: str) -> None:
    # pyserial on Windows puts the OS error into the message only ("could not open port ...").
    error = serial.SerialException(f"could not open port 'COM3': {os_error}")

    assert (
        serial_scale._status_of(error)
        == {
            "missing": DeviceStatus.PORT_NOT_FOUND,
            "busy": DeviceStatus.PORT_UNAVAILABLE,
            "gone": DeviceStatus.DISCONNECTED,
        }[status]
    )


# --- path lengths -----------------------------------------------------------------------------


def test_every_data_file_path_stays_under_max_path(tmp_path: Path) -> None:
    registry = tmp_path / "posyandu.sqlite"
    sqlite3.connect(registry).close()
    now = datetime(2026, 12, 31, 23, 59, 59)
    backups = [back_up(registry, tmp_path / "backups", kind, now=now).path for kind in BackupKind]
    names = [
        *(f"backups\\{b.name}-wal" for b in backups),
        f"exports\\{export_file_name('K' * 30, '2026-12', 999)}",  # type: ignore[arg-type]
        f"keys\\{KEY_FILE}",
        f"logs\\{app.LOG_FILE}.5",
        f"{settings.DATABASE_FILE}.restoring",
    ]
    # The demo folder sits one level deeper than the real data folder.
    data = ntpath.join("C:\\Users", LONGEST_ACCOUNT, "AppData\\Local", settings.APP_NAME, "demo")

    longest = max((ntpath.join(data, name) for name in names), key=len)

    assert len(longest) < MAX_PATH - 100, longest  # room for a deeper profile folder too


# --- the windowed program: no stdout, no stderr ------------------------------------------------


def test_commands_run_without_a_console(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # posyandu-desktop.exe is windowed (console=False in installer/posyandu.spec): Python then
    # has no sys.stdout and no sys.stderr, and nothing may try to write to them.
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)

    assert entry.main(["--version"]) == 0
    assert entry.main(["--help"]) == 0
    assert entry.main(["no-such-command"]) == 2
    with pytest.raises(SystemExit) as exited:
        entry.main(["verify"])  # argparse: a file is required
    assert exited.value.code == 2
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"")
    assert app.set_up_logging(blocked) is None  # no log file, and no console to fall back on

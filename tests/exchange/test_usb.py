"""Copying to a flash drive: real files, real failures where the system can make them (a file-size
limit for a full disk, a folder removed mid-copy, a folder we may not write), and the drive list
from a mountinfo and a /sys/block tree built in tmp_path."""

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.exchange import usb
from posyandu_desktop.exchange.usb import (
    CopyError,
    CopyProblem,
    Drive,
    problem_of,
    removable_drives,
    write_verified,
)
from posyandu_desktop.exchange.words import copy_problem_text

NAME = "posyandu_MAWAR-1_2026-10_r1.zip"
DATA = bytes(range(256)) * 256  # 64 KiB: several chunks of 4 KiB
CHUNK = 4096
EARLIER = b"the export written last week"
ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _copy_problem(folder: Path, **kwargs: Any) -> CopyProblem:
    with pytest.raises(CopyError) as caught:
        write_verified(folder, NAME, DATA, chunk_bytes=CHUNK, **kwargs)
    return caught.value.problem


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


# --- a copy that works ----------------------------------------------------------------------------


def test_copy_writes_reads_back_and_reports_progress(stick: Path) -> None:
    seen: list[tuple[int, int]] = []
    final = write_verified(
        stick, NAME, DATA, progress=lambda d, t: seen.append((d, t)), chunk_bytes=CHUNK
    )
    assert final == stick / NAME
    assert final.read_bytes() == DATA
    assert _names(stick) == [NAME]  # no temporary left
    assert seen[0] == (0, len(DATA)) and seen[-1] == (len(DATA), len(DATA))
    assert len(seen) == 1 + len(DATA) // CHUNK
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_copy_replaces_an_earlier_file_and_writes_empty_files(stick: Path) -> None:
    (stick / NAME).write_bytes(EARLIER)
    assert write_verified(stick, NAME, DATA).read_bytes() == DATA
    seen: list[tuple[int, int]] = []
    assert write_verified(stick, "empty.zip", b"", progress=lambda d, t: seen.append((d, t)))
    assert (stick / "empty.zip").read_bytes() == b"" and seen == [(0, 0)]
    assert _names(stick) == sorted([NAME, "empty.zip"])


def test_folder_fsync_the_filesystem_does_not_offer_is_no_failure(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the folder's
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert write_verified(stick, NAME, DATA).read_bytes() == DATA
    assert len(calls) == 2


# --- a full disk ----------------------------------------------------------------------------------

# Runs write_verified in a fresh interpreter so a file-size limit or a lost root right cannot
# touch the test process; prints the problem's code, or "ok".
_CHILD = textwrap.dedent(
    """
    import os, resource, signal, sys
    from pathlib import Path
    from posyandu_desktop.exchange.usb import CopyError, write_verified

    folder, name, size, fsize_limit, uid = sys.argv[1:3] + [int(a) for a in sys.argv[3:]]
    if fsize_limit >= 0:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_limit, fsize_limit))
    if uid >= 0:  # everything is imported: now become a user the folder does not let write
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    try:
        write_verified(Path(folder), name, bytes(range(256)) * (size // 256), chunk_bytes=4096)
    except CopyError as error:
        print(error.problem.value)
    else:
        print("ok")
    """
)


def _write_in_child(folder: Path, size: int, *, fsize_limit: int = -1, uid: int = -1) -> str:
    args = [str(folder), NAME, str(size), str(fsize_limit), str(uid)]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_midway_leaves_the_earlier_file_and_no_temporary(stick: Path) -> None:
    (stick / NAME).write_bytes(EARLIER)
    assert _write_in_child(stick, 64 * 1024, fsize_limit=10_000) == CopyProblem.NO_SPACE.value
    assert _names(stick) == [NAME]
    assert (stick / NAME).read_bytes() == EARLIER
    # The same copy without the limit goes through: the limit was the only cause.
    assert _write_in_child(stick, 64 * 1024) == "ok"
    assert (stick / NAME).stat().st_size == 64 * 1024


def test_too_little_free_space_is_refused_before_writing(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_usage = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real_usage(p)._replace(free=len(DATA) - 1))
    (stick / NAME).write_bytes(EARLIER)
    with pytest.raises(CopyError) as caught:
        write_verified(stick, NAME, DATA, progress=lambda d, t: pytest.fail("wrote something"))
    assert caught.value.problem is CopyProblem.NO_SPACE
    assert str(len(DATA)) in caught.value.detail
    assert _names(stick) == [NAME] and (stick / NAME).read_bytes() == EARLIER


# --- a stick pulled out ---------------------------------------------------------------------------


def test_stick_pulled_out_midway(stick: Path) -> None:
    def pull_out(done: int, total: int) -> None:
        if done > 0 and stick.exists():
            shutil.rmtree(stick)

    assert _copy_problem(stick, progress=pull_out) is CopyProblem.DEVICE_GONE
    assert not stick.exists()


def test_stick_back_under_another_name_has_no_final_file(stick: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "stick (2)"

    def remount(done: int, total: int) -> None:
        if done > 0 and stick.exists():
            stick.rename(elsewhere)

    assert _copy_problem(stick, progress=remount) is CopyProblem.DEVICE_GONE
    assert not (stick / NAME).exists() and not (elsewhere / NAME).exists()


def test_fsync_io_error_keeps_the_earlier_file(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (stick / NAME).write_bytes(EARLIER)

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    assert _copy_problem(stick) is CopyProblem.DEVICE_GONE
    assert _names(stick) == [NAME] and (stick / NAME).read_bytes() == EARLIER


def test_folder_fsync_io_error_leaves_no_final_file(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert _copy_problem(stick) is CopyProblem.DEVICE_GONE
    assert _names(stick) == []


def test_missing_folder_is_a_gone_device(tmp_path: Path) -> None:
    assert _copy_problem(tmp_path / "unplugged") is CopyProblem.DEVICE_GONE


def test_a_failing_progress_callback_cleans_up_and_propagates(stick: Path) -> None:
    class CancelledError(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise CancelledError

    with pytest.raises(CancelledError):
        write_verified(stick, NAME, DATA, progress=cancel, chunk_bytes=CHUNK)
    assert _names(stick) == []


# --- a locked stick -------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_folder(stick: Path) -> None:
    if os.geteuid() != 0:
        stick.chmod(0o500)
        try:
            assert _copy_problem(stick) is CopyProblem.READ_ONLY
        finally:
            stick.chmod(0o700)
        assert _names(stick) == []
        return
    # Root writes anywhere: the copy runs as "nobody" in a folder under a world-readable parent.
    parent = Path(tempfile.mkdtemp(prefix="posyandu-usb-"))
    try:
        parent.chmod(0o755)
        locked = parent / "stick"
        locked.mkdir(mode=0o555)
        locked.chmod(0o555)
        assert _write_in_child(locked, 8192, uid=NOBODY) == CopyProblem.READ_ONLY.value
        assert _names(locked) == []
    finally:
        shutil.rmtree(parent)


# --- a copy that reads back wrong -----------------------------------------------------------------


def test_read_back_that_differs_removes_the_final_file(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(usb, "_read_back", lambda path: DATA[:-1] + b"\x00")
    assert _copy_problem(stick) is CopyProblem.VERIFY_FAILED
    assert _names(stick) == []


# --- error codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        (errno.ENOSPC, CopyProblem.NO_SPACE),
        (errno.EDQUOT, CopyProblem.NO_SPACE),
        (errno.EFBIG, CopyProblem.NO_SPACE),
        (errno.EIO, CopyProblem.DEVICE_GONE),
        (errno.ENODEV, CopyProblem.DEVICE_GONE),
        (errno.ENXIO, CopyProblem.DEVICE_GONE),
        (errno.ENOENT, CopyProblem.DEVICE_GONE),
        (errno.ESHUTDOWN, CopyProblem.DEVICE_GONE),
        (errno.ENOTCONN, CopyProblem.DEVICE_GONE),
        (errno.EROFS, CopyProblem.READ_ONLY),
        (errno.EACCES, CopyProblem.READ_ONLY),
        (errno.EPERM, CopyProblem.READ_ONLY),
        (errno.EINVAL, CopyProblem.OTHER),
    ],
)
def test_errno_problems(code: int, problem: CopyProblem) -> None:
    assert problem_of(OSError(code, os.strerror(code))) is problem


@pytest.mark.parametrize(
    ("winerror", "problem"),
    [
        (112, CopyProblem.NO_SPACE),
        (39, CopyProblem.NO_SPACE),
        (21, CopyProblem.DEVICE_GONE),
        (1167, CopyProblem.DEVICE_GONE),
        (55, CopyProblem.DEVICE_GONE),
        (433, CopyProblem.DEVICE_GONE),
        (1006, CopyProblem.DEVICE_GONE),
        (19, CopyProblem.READ_ONLY),
        (5, CopyProblem.READ_ONLY),
        (87, CopyProblem.OTHER),
    ],
)
def test_windows_error_problems(winerror: int, problem: CopyProblem) -> None:
    error = OSError(errno.EINVAL, "windows error")
    setattr(error, "winerror", winerror)  # what Windows' OSError carries  # noqa: B010
    assert problem_of(error) is problem


# --- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("problem", list(CopyProblem))
def test_every_problem_has_words_in_both_languages(problem: CopyProblem) -> None:
    english, indonesian = copy_problem_text(problem, "", "en"), copy_problem_text(problem, "", "id")
    assert english and indonesian and english != indonesian
    assert "\n" not in indonesian
    detailed = copy_problem_text(problem, "[Errno 5] Input/output error", "id")
    assert detailed.startswith(indonesian + "\n") and detailed.endswith("Input/output error")


def test_known_indonesian_words() -> None:
    assert copy_problem_text(CopyProblem.DEVICE_GONE, "", "id") == (
        "Flashdisk tercabut saat menyalin. Colokkan lagi lalu ulangi; data di laptop aman."
    )
    assert copy_problem_text(CopyProblem.NO_SPACE, "E:\\", "id") == (
        "Flashdisk penuh. Hapus file lain di flashdisk itu atau pakai flashdisk lain.\n"
        "Keterangan: E:\\"
    )


# --- the drive list -------------------------------------------------------------------------------


def _disk(sys_block: Path, devices: Path, name: str, bus_path: str, *, removable: str) -> None:
    """A /sys/block entry: a symlink into /sys/devices, as the kernel makes it."""
    folder = devices / bus_path / "block" / name
    (folder / f"{name}1").mkdir(parents=True)
    (folder / "removable").write_text(removable + "\n")
    (sys_block / name).symlink_to(os.path.relpath(folder, sys_block))


def test_drives_from_mountinfo_and_sys_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys_block, devices = tmp_path / "sys" / "block", tmp_path / "sys" / "devices"
    sys_block.mkdir(parents=True)
    _disk(
        sys_block,
        devices,
        "sda",
        "pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0",
        removable="0",
    )
    _disk(
        sys_block,
        devices,
        "sdb",
        "pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0",
        removable="1",
    )
    _disk(
        sys_block,
        devices,
        "sdc",
        "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host7/target7:0:0/7:0:0:0",
        removable="0",
    )
    _disk(sys_block, devices, "mmcblk0", "platform/sdhci/mmc_host/mmc0/mmc0:0001", removable="1")
    # sysfs shows a NVMe partition as nvme0n1p1; here it has none, so the name tells the disk.
    (devices / "nvme").mkdir()
    (devices / "nvme" / "removable").write_text("0\n")
    (sys_block / "nvme0n1").symlink_to(os.path.relpath(devices / "nvme", sys_block))
    mounts = tmp_path / "mnt"
    stick, usb_disk, card, home = (mounts / n for n in ("KADER 1", "usbdisk", "card", "home"))
    for folder in (stick, usb_disk, card, home):
        folder.mkdir(parents=True)
    escaped = str(stick).replace(" ", "\\040")
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        textwrap.dedent(
            f"""\
            22 27 0:21 / /proc rw,relatime - proc proc rw
            27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            28 27 8:2 / {home} rw,relatime shared:2 - ext4 /dev/sda2 rw
            29 27 259:2 / /boot rw,relatime shared:3 - vfat /dev/nvme0n1p2 rw
            30 27 0:25 / /run/user/1000 rw,nosuid shared:4 - tmpfs tmpfs rw
            41 27 8:17 / {escaped} rw,nosuid,nodev shared:40 - vfat /dev/sdb1 rw,fmask=0022
            42 27 8:33 / {usb_disk} rw,nosuid,nodev shared:41 master:7 - exfat /dev/sdc1 rw
            43 27 179:1 / {card} rw,nosuid - vfat /dev/mmcblk0p1 rw
            44 27 8:18 / {mounts / "gone"} rw - vfat /dev/sdb2 rw
            45 27 0:50 / /media/kader/DATA\\040KU rw,nosuid shared:42 - fuseblk /dev/fuse rw
            46 27 0:51 / {tmp_path / "ignored"} rw - ext4 /dev/sda3 rw
            broken line
            """
        )
    )
    real_usage = shutil.disk_usage

    def usage(path: str | Path) -> Any:  # the /media mount exists only in the fake mountinfo
        if str(path) == "/media/kader/DATA KU":
            return real_usage(tmp_path)._replace(total=8_000_000_000, free=7_000_000_000)
        return real_usage(path)

    monkeypatch.setattr(shutil, "disk_usage", usage)
    drives = removable_drives(mountinfo=mountinfo, sys_block=sys_block)
    assert [(d.path, d.label) for d in drives] == sorted(
        [
            (Path("/media/kader/DATA KU"), "DATA KU"),
            (stick, "KADER 1"),  # removable=1
            (usb_disk, "usbdisk"),  # removable=0 but on the USB bus
            (card, "card"),  # SD card: mmcblk0p1 -> mmcblk0, removable=1
        ],
        key=lambda pair: str(pair[0]),
    )
    media = drives[0]
    assert (media.free_bytes, media.total_bytes) == (7_000_000_000, 8_000_000_000)
    assert all(0 < d.free_bytes <= d.total_bytes for d in drives)


def test_drives_without_mountinfo_or_on_another_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert removable_drives(mountinfo=tmp_path / "none", sys_block=tmp_path) == ()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert removable_drives() == ()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads this machine's mounts")
def test_drives_of_this_machine() -> None:
    drives = removable_drives()
    assert all(isinstance(d, Drive) and d.label for d in drives)
    assert Path("/") not in {d.path for d in drives}

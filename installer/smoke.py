"""Smoke-test a built bundle: start it offscreen with temporary data folders and check the result.

    .venv/bin/python installer/smoke.py [--bundle dist/posyandu-desktop] [--keep DIR]

1. the folder holds the resources and the migrations, and its Python archive holds no test,
   benchmark or build-tool code;
2. `posyandu-desktop-cli --version` answers with the source's version;
3. `posyandu-desktop-cli selfcheck --data-dir A`: a chart window, the WHO tables, a new registry
   migrated to head, a known z-score and a PDF; the registry and the PDF must exist afterwards;
4. `posyandu-desktop-cli report --data-dir C` on a copy of an old registry (schema revision 0001,
   tests/fixtures): the upgrade path of an installed laptop, a checked backup then the migrations
   to head, then the month's report from the upgraded file;
5. `posyandu-desktop --demo --smoke --data-dir B`: the real app opens every screen on demo data
   and quits with exit code 0.
Exit code 0 when every step passes. Uses only the standard library (PyInstaller, when importable,
lists the archive for step 1).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "posyandu-desktop"
TIMEOUT_S = 300  # a cold start on a slow laptop is seconds; this only stops a hang
# Top-level modules that must not be in the bundle (the bundle ships no test or benchmark code).
FORBIDDEN_MODULES = ("tests", "benchmarks", "pytest", "_pytest", "pytestqt", "hypothesis", "babel")
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


class SmokeFailedError(Exception):
    """A step found something wrong; the message says what."""


def _version() -> str:
    sys.path.insert(0, str(ROOT))
    from posyandu_desktop import __version__

    return __version__


def _run(command: Sequence[str | Path], env: dict[str, str]) -> tuple[int, str, float]:
    """Run a bundle program; exit code, its output (stdout then stderr) and the wall time."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(part) for part in command],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeFailedError(f"{Path(command[0]).name} hung for {TIMEOUT_S} s") from error
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def check_contents(bundle: Path) -> str:
    """Resources and migrations on disk; no forbidden module in the Python archive."""
    inner = bundle / "_internal"
    needed = [
        inner / "resources" / "who" / "SHA256SUMS",
        inner / "resources" / "kms" / "SHA256SUMS",
        inner / "resources" / "locale" / "id" / "LC_MESSAGES" / "posyandu.mo",
        inner / "resources" / "fonts" / "DejaVuSans.ttf",
        inner / "resources" / "icons" / "posyandu.ico",
        inner / "posyandu_desktop" / "store" / "migrations" / "env.py",
    ]
    missing = [str(path.relative_to(bundle)) for path in needed if not path.is_file()]
    if missing:
        raise SmokeFailedError(f"missing from the bundle: {', '.join(missing)}")
    source = ROOT / "posyandu_desktop" / "store" / "migrations" / "versions"
    shipped = inner / "posyandu_desktop" / "store" / "migrations" / "versions"
    want = sorted(path.name for path in source.glob("*.py"))
    have = sorted(path.name for path in shipped.glob("*.py"))
    if want != have:
        raise SmokeFailedError(f"migrations shipped {have}, source has {want}")
    listed = _archived_modules(bundle / f"posyandu-desktop{EXE_SUFFIX}")
    if listed is None:
        return f"resources and {len(have)} migrations present (archive not listed: no PyInstaller)"
    found = sorted({name.split(".")[0] for name in listed} & set(FORBIDDEN_MODULES))
    if found:
        raise SmokeFailedError(f"the archive holds {', '.join(found)}")
    return f"resources, {len(have)} migrations; {len(listed)} modules, none from tests or tools"


def _archived_modules(exe: Path) -> list[str] | None:
    """The module names in the program's PYZ archive (None without PyInstaller)."""
    try:
        from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped]
    except ImportError:
        return None
    package = CArchiveReader(str(exe))
    names: list[str] = []
    for entry in package.toc:
        if entry.endswith(".pyz"):
            names += list(package.open_embedded_archive(entry).toc)
    return names


def check_version(cli: Path, env: dict[str, str]) -> str:
    code, output, seconds = _run([cli, "--version"], env)
    if code != 0 or output.strip() != _version():
        raise SmokeFailedError(f"--version said {output.strip()!r} (exit code {code})")
    return f"{output.strip()} in {seconds:.2f} s"


def check_selfcheck(cli: Path, data: Path, env: dict[str, str]) -> str:
    code, output, seconds = _run([cli, "selfcheck", "--data-dir", data], env)
    print(_indented(output), flush=True)
    if code != 0 or "selfcheck passed" not in output:
        raise SmokeFailedError(f"selfcheck exit code {code}")
    pdfs = list((data / "selfcheck").glob("*.pdf"))
    if not (data / "posyandu.sqlite").is_file() or not pdfs:
        raise SmokeFailedError(f"no registry or no PDF in {data}")
    return f"exit 0 in {seconds:.2f} s; {pdfs[0].name} ({pdfs[0].stat().st_size // 1024} KiB)"


OLD_REGISTRY = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "registry_0001.sqlite"


def check_upgrade(cli: Path, data: Path, env: dict[str, str]) -> str:
    data.mkdir(parents=True)
    shutil.copyfile(OLD_REGISTRY, data / "posyandu.sqlite")
    pdf = data / "report.pdf"
    command: list[str | Path] = [cli, "report", "--data-dir", data, "--month", "2026-10", "-o", pdf]
    code, output, seconds = _run(command, env)
    backups = list((data / "backups").glob("*pre-migration*"))
    if code != 0 or not pdf.is_file() or not backups:
        print(_indented(output), flush=True)
        raise SmokeFailedError(f"upgrade + report exit code {code}, backups {backups}")
    return f"0001 registry backed up ({backups[0].name}), migrated, reported in {seconds:.2f} s"


def check_app(app: Path, data: Path, env: dict[str, str]) -> str:
    code, output, seconds = _run([app, "--demo", "--smoke", "--data-dir", data], env)
    if code != 0:
        log = data / "logs" / "posyandu.log"
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
        print(_indented(output + tail), flush=True)
        raise SmokeFailedError(f"--demo --smoke exit code {code}")
    if not (data / "posyandu.sqlite").is_file():
        raise SmokeFailedError(f"no registry in {data}")
    return f"every screen opened on demo data, exit 0 in {seconds:.2f} s"


def _indented(text: str) -> str:
    return "\n".join(f"    | {line}" for line in text.rstrip().splitlines())


def smoke(bundle: Path, scratch: Path) -> bool:
    """Every step in order; prints one line each; True when all pass."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("POSYANDU_DATA_DIR", None)  # only the folders given here are touched
    cli = bundle / f"posyandu-desktop-cli{EXE_SUFFIX}"
    app = bundle / f"posyandu-desktop{EXE_SUFFIX}"
    steps: list[tuple[str, Callable[[], str]]] = [
        ("contents", lambda: check_contents(bundle)),
        ("version", lambda: check_version(cli, env)),
        ("selfcheck", lambda: check_selfcheck(cli, scratch / "selfcheck", env)),
        ("upgrade", lambda: check_upgrade(cli, scratch / "upgrade", env)),
        ("app smoke", lambda: check_app(app, scratch / "app", env)),
    ]
    passed = True
    for name, step in steps:
        started = time.perf_counter()
        try:
            detail, verdict = step(), "ok"
        except (SmokeFailedError, OSError) as error:
            detail, verdict, passed = str(error), "FAIL", False
        print(f"{verdict:<5} {name:<10} {time.perf_counter() - started:6.2f} s  {detail}")
    return passed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test a built Posyandu Desktop bundle.")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the bundle folder")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / f"posyandu-desktop{EXE_SUFFIX}").is_file():
        print(f"smoke.py: no bundle at {bundle}; run installer/build.py first", file=sys.stderr)
        return 2
    print(f"Smoke test of {bundle}", flush=True)
    started = time.perf_counter()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        passed = smoke(bundle, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="posyandu-smoke-") as scratch:
            passed = smoke(bundle, Path(scratch))
    print(f"smoke test {'passed' if passed else 'FAILED'} in {time.perf_counter() - started:.1f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

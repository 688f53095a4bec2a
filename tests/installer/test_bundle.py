"""The PyInstaller bundle, built on this machine and smoke-tested offscreen.

Slow (a build takes one to two minutes), so it never runs in the default `pytest` run:

    POSYANDU_BUNDLE_TEST=1 .venv/bin/python -m pytest tests/installer -m slow

A bundle in dist/ newer than every source, resource and spec file is reused;
POSYANDU_BUNDLE_REBUILD=1 forces a new build. Needs the `bundle` extra (PyInstaller).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "posyandu-desktop"
REPORT = ROOT / "dist" / "build-report.json"
EXE = BUNDLE / ("posyandu-desktop.exe" if sys.platform == "win32" else "posyandu-desktop")
BUNDLE_LIMIT_MB = 200  # the installer's size goal: a bundle under 200 MB

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("POSYANDU_BUNDLE_TEST") != "1",
        reason="builds the bundle: set POSYANDU_BUNDLE_TEST=1 to run",
    ),
    pytest.mark.timeout(1800),
]


def _inputs() -> list[Path]:
    """What the bundle is built from."""
    found = [ROOT / "installer" / "posyandu.spec", ROOT / "pyproject.toml"]
    for folder in ("posyandu_desktop", "resources"):
        found += [p for p in (ROOT / folder).rglob("*") if "__pycache__" not in p.parts]
    return [p for p in found if p.is_file()]


def _fresh() -> bool:
    if os.environ.get("POSYANDU_BUNDLE_REBUILD") == "1" or not EXE.is_file():
        return False
    built = EXE.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in _inputs())


def _size_mb(folder: Path) -> float:
    return sum(
        p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
    ) / (1024 * 1024)


def test_the_bundle_builds_and_passes_the_smoke_test() -> None:
    if not _fresh():
        subprocess.run([sys.executable, str(ROOT / "installer" / "build.py")], cwd=ROOT, check=True)
        print(json.dumps(json.loads(REPORT.read_text(encoding="utf-8")), indent=2))

    smoke = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "smoke.py"), "--bundle", str(BUNDLE)],
        cwd=ROOT,
        check=False,
    )

    assert smoke.returncode == 0
    assert _size_mb(BUNDLE) < BUNDLE_LIMIT_MB

"""The README's first commands work on a fresh Debian/Ubuntu desktop: they install every
system library Qt needs that CI installs (.ci/run), and explain the first login."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The desktop libraries Qt's xcb and offscreen plugins load (CI also installs test tools).
_QT_LIBRARY = re.compile(r"^lib(xcb|xkbcommon|egl|gl1|fontconfig|dbus)")


def _ci_packages() -> set[str]:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = run[run.index("APT_PKGS=(") : run.index(")\n", run.index("APT_PKGS=("))]
    words = {w for line in block.splitlines() for w in line.split("#")[0].split()}
    return {w for w in words if _QT_LIBRARY.match(w)}


def test_the_first_command_installs_what_qt_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = next(line for line in readme.splitlines() if line.startswith("sudo apt-get install"))
    needed = _ci_packages()
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= needed
    assert needed <= set(install.split()), needed - set(install.split())
    assert "python3-venv" in install.split()


def test_the_readme_explains_the_first_login() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**First login**" in readme and "PIN" in readme

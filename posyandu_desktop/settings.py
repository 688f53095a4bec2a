"""Where things live: shipped resources (from source or a PyInstaller bundle) and shared loaders."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from posyandu_desktop.domain.growth.standards import GrowthStandards


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, from a source checkout or from a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return base.joinpath("resources", *parts)


@cache
def who_standards() -> GrowthStandards:
    """The WHO tables shipped in resources/who; each table is parsed on first use."""
    folder = resource_path("who")
    return GrowthStandards(lambda stem: (folder / f"{stem}.csv").read_text(encoding="utf-8"))

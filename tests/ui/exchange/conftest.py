"""A folder in tmp_path stands in for a flash drive: `removable_drives` is replaced in the export
page's module, so the page lists it and copies to it for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from posyandu_desktop.services.export import Drive
from posyandu_desktop.ui.exchange import export_page


class Sticks:
    """The drives the page will find the next time it looks; `plug`/`pull` change them."""

    def __init__(self) -> None:
        self.drives: list[Drive] = []

    def plug(self, folder: Path, label: str = "KADER") -> Drive:
        folder.mkdir(parents=True, exist_ok=True)
        usage = shutil.disk_usage(folder)
        drive = Drive(path=folder, label=label, free_bytes=usage.free, total_bytes=usage.total)
        self.drives.append(drive)
        return drive

    def pull_all(self) -> None:
        self.drives.clear()

    def __call__(self) -> tuple[Drive, ...]:
        return tuple(self.drives)


@pytest.fixture
def sticks(monkeypatch: pytest.MonkeyPatch) -> Sticks:
    found = Sticks()
    monkeypatch.setattr(export_page, "removable_drives", found)
    return found


@pytest.fixture
def stick(sticks: Sticks, tmp_path: Path) -> Path:
    """One plugged-in flash drive."""
    folder = tmp_path / "media" / "KADER"
    sticks.plug(folder)
    return folder

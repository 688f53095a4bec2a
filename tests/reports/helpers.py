"""One small demo registry per test session, copied into each module's folder."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.settings import database_path, resource_path

TODAY = date(2026, 10, 20)  # the demo's last Posyandu day is in October 2026
FONTS = resource_path("fonts")
_template: list[Path] = []


def demo_folder(folder: Path) -> Path:
    """A data folder holding the demo Posyandu: 40 children, 13 months (the 12-month trend)."""
    folder.mkdir(parents=True, exist_ok=True)
    if _template:
        shutil.copyfile(_template[0], database_path(folder))
        return folder
    opened = open_data_folder(folder)
    assert isinstance(opened, Opened)
    try:
        load_demo(opened.database, today=TODAY, children=40, months=13, seed=2)
    finally:
        opened.database.close()
    _template.append(folder.parent / "demo-template.sqlite")
    shutil.copyfile(database_path(folder), _template[0])
    return folder

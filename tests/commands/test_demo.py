"""`posyandu-desktop demo`: a data folder with a synthetic Posyandu, never over real data."""

from pathlib import Path

from posyandu_desktop.commands.demo import main
from posyandu_desktop.services import Opened, find_people, open_data_folder


def test_demo_command_fills_an_empty_folder_once(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    args = ["--data-dir", str(folder), "--children", "6", "--months", "3", "--today", "2026-11-13"]
    assert main(args) == 0
    opened = open_data_folder(folder)
    assert isinstance(opened, Opened)
    assert find_people(opened.database, "a", today=None)  # names were registered
    opened.database.close()
    assert main(args) == 1  # a second run refuses to mix demo data into a registry

"""`posyandu-desktop card` and `report`: PDFs from a data folder, headless."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from posyandu_desktop.commands.card import main as card
from posyandu_desktop.commands.report import main as report
from posyandu_desktop.settings import database_path
from tests.reports.expected import pdf_lines
from tests.reports.helpers import demo_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("commands") / "data")


def test_card_command(folder: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(database_path(folder))
    person_id, name = con.execute(
        "SELECT id, name FROM person ORDER BY birth_date DESC LIMIT 1"
    ).fetchone()
    con.close()
    out = tmp_path / "card.pdf"
    assert card(["--data-dir", str(folder), "--person", str(person_id), "-o", str(out)]) == 0
    lines = pdf_lines(out)
    assert name in lines and "Halaman 1 dari 2" in lines  # Indonesian by default
    assert card(["--data-dir", str(folder), "--person", "999999", "-o", str(out)]) == 1


def test_report_command(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    args = ["--data-dir", str(folder), "--month", "2026-10", "-o", str(out), "--lang", "en"]
    assert report(args) == 0
    lines = pdf_lines(out)
    assert "Monthly weighing summary (F2)" in lines and "Cadre performance sheet" in lines
    with pytest.raises(SystemExit):
        report(["--data-dir", str(folder), "--month", "2026-13", "-o", str(out)])


def test_report_command_on_an_empty_folder(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    assert (
        report(["--data-dir", str(tmp_path / "empty"), "--month", "2026-10", "-o", str(out)]) == 1
    )
    assert not out.exists()

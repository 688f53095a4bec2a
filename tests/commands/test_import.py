"""`posyandu-desktop import`: a dry run that leaves the registry's bytes as they were, a real
run with its backup, a second run that changes nothing, and clear words for a refused file."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop.__main__ import main
from posyandu_desktop.domain.vocabulary import CadreRole
from posyandu_desktop.services import open_data_folder
from posyandu_desktop.services.reports import this_posyandu_id
from posyandu_desktop.services.setup import register_cadre
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Opened
from tests.importing_files import Kid, Visit, eppgbm_rows, write_html_xls


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    assert (
        main(["init", "--data-dir", str(folder), "--posyandu-name", "Melati", "--code", "M1"]) == 0
    )
    opened = open_data_folder(folder)
    assert isinstance(opened, Opened)
    posyandu_id = this_posyandu_id(opened.database)
    assert posyandu_id is not None
    register_cadre(opened.database, posyandu_id=posyandu_id, name="Sri", role=CadreRole.CHAIR)
    opened.database.close()
    return folder


def _file(tmp_path: Path) -> Path:
    visits = [Visit(date(2026, m, 10), 7.0 + 0.4 * m) for m in range(1, 7)]
    kids = [Kid("6474011203250001", "Ani Lestari", "P", date(2025, 3, 12), visits)]
    return write_html_xls(tmp_path / "data_pengukuran.xls", eppgbm_rows(kids))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_dry_run_then_real_run_then_nothing_more(tmp_path, data, capsys):
    path, registry = _file(tmp_path), database_path(data)
    before = _sha(registry)
    assert main(["import", str(path), "--data-dir", str(data), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Uji coba" in out and "1 baru" in out and "6 baru" in out
    assert _sha(registry) == before

    assert main(["import", str(path), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Cadangan" in out and "6 baru" in out
    assert list((data / "backups").glob("*pre-import*"))

    assert main(["import", str(path), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "0 baru, 1 cocok" in out and "0 baru, 6 sudah ada" in out


def test_a_file_that_cannot_be_used_gets_a_sentence_not_a_traceback(tmp_path, data, capsys):
    bad = tmp_path / "x.csv"
    bad.write_text("Nama;Alamat\nAni;Jl. Contoh\n", "utf-8")
    assert main(["import", str(bad), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "tidak punya kolom" in err and "Traceback" not in err

"""What the import's mapping step is shown of a file: its columns, their first different values,
and the columns the import itself would use (known names, or the mapping remembered)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posyandu_desktop.domain.importing import FileProblem
from posyandu_desktop.services.importing import (
    MAPPING_FILE,
    ImportRefusedError,
    preview_file,
    read_rows,
)
from tests.importing_files import write_csv

HEADER = ["No", "Nama Lengkap Anak", "L/P", "Tgl Lahir", "Tanggal Timbang", "BB", "Nama", "Ket"]


def _register(tmp_path: Path) -> Path:
    rows = [HEADER]
    for n, (name, sex, born) in enumerate(
        [("Bima", "L", "02/01/2025"), ("Bima", "L", "02/01/2025"), ("Citra", "P", "20/03/2025")]
        * 3,
        1,
    ):
        rows.append([str(n), name, sex, born, "15/10/2026", "9,1", "", "Posyandu \u202eMelati"])
    return write_csv(tmp_path / "register.csv", rows)


def test_the_preview_gives_columns_examples_and_what_the_import_finds(tmp_path):
    path = _register(tmp_path)
    preview = preview_file(path, tmp_path)
    assert preview.header == tuple(HEADER) and preview.rows == 9
    assert preview.samples[1] == ("Bima", "Citra")  # different values only
    assert preview.samples[0] == ("1", "2", "3")
    assert preview.samples[6] == ()
    assert preview.samples[7] == ("Posyandu Melati",)  # no direction controls from a file
    # "Nama" is a known name (if empty), "Nama Lengkap Anak" is not.
    assert preview.columns == {"name": 6, "sex": 2, "birth_date": 3, "weight": 5}
    assert preview.choices() == list(range(len(HEADER)))
    chosen = preview.columns | {"name": 1, "measured_on": 4}
    mapping = preview.mapping_for(chosen)
    assert mapping == {"name": "Nama Lengkap Anak", "measured_on": "Tanggal Timbang"}
    assert preview.columns_with(mapping) == chosen
    assert [row.name for row in read_rows(path, mapping)][:3] == ["Bima", "Bima", "Citra"]

    # Remembered from the last import, it fills the same file's columns next time.
    (tmp_path / MAPPING_FILE).write_text(json.dumps(mapping), "utf-8")
    assert preview_file(path, tmp_path).columns == chosen


def test_a_file_that_is_no_table_is_refused(tmp_path):
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(64))
    with pytest.raises(ImportRefusedError) as refused:
        preview_file(old, tmp_path)
    assert refused.value.problem is FileProblem.UNREADABLE

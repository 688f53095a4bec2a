"""The rows of an e-PPGBM export read from every shape it comes in are the same `FileRow`s, and
the fast paths (`read_row`'s reader per file, the HTML row reader, the control byte check) keep
every rule: problems in their order, grams, masked NIKs, a mapping that changes between files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.importing import (
    FileRow,
    RowProblem,
    distinct_header,
    read_row,
    resolve_columns,
)
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.exchange.tabular import TableError, TableProblem, read_table
from posyandu_desktop.services.importing import read_rows
from tests.importing_files import (
    EPPGBM_HEADER,
    Kid,
    Visit,
    eppgbm_rows,
    write_csv,
    write_html_xls,
    write_xlsx,
)


def _kids() -> list[Kid]:
    months = [date(2026, m, 10) for m in range(1, 7)]
    return [
        Kid("6474011203250001", "Ani  Lestari", "P", date(2025, 3, 12),
            [Visit(d, 8.0 + 0.3 * i, 70.0 + i, "Terlentang") for i, d in enumerate(months)]),
        Kid("64740101012400**", "Budi Hartono", "L", date(2024, 1, 1),
            [Visit(months[0], 10.2, 80.5, "Berdiri", {"waz": -1.25, "haz": 0.5}),
             Visit(months[1], None, 81.0, "duduk"), Visit(months[2], None)]),
        Kid("", "Citra", "X", date(2024, 5, 6), [Visit(months[3], 9.5)]),
        Kid("123", "", "L", date(2023, 2, 3), [Visit(months[4], 12.0, 90.0, "", {"whz": 1.5})]),
    ]  # fmt: skip


SHAPES: dict[str, Callable[[Path, list[list[str]]], Path]] = {
    "html": lambda p, rows: write_html_xls(p / "data_pengukuran.xls", rows),
    "xlsx": lambda p, rows: write_xlsx(p / "data.xlsx", rows),
    "csv": lambda p, rows: write_csv(p / "a.csv", rows),
    "tab": lambda p, rows: write_csv(p / "t.csv", rows, sep="\t"),
    "csv_commas_cp1252": lambda p, _: write_csv(
        p / "b.csv", eppgbm_rows(_kids(), comma=True), encoding="cp1252"
    ),
    "csv_slashes_bom": lambda p, _: write_csv(
        p / "c.csv", eppgbm_rows(_kids(), dates="dd/mm/yyyy"), sep=",", encoding="utf-8-sig"
    ),
}


def test_every_shape_of_the_export_gives_the_same_rows(tmp_path: Path) -> None:
    rows = eppgbm_rows(_kids())
    read = {shape: read_rows(write(tmp_path, rows)) for shape, write in SHAPES.items()}
    html = read.pop("html")
    for shape, file_rows in read.items():
        assert file_rows == html, shape
    assert len(html) == 11
    ani, budi, citra, nameless = html[0], html[6], html[9], html[10]
    assert (ani.name, ani.nik, ani.sex, ani.position, ani.problems) == (
        "Ani Lestari", "6474011203250001", Sex.FEMALE, Position.LYING, ()
    )  # fmt: skip
    assert (budi.nik, budi.nik_given, budi.theirs) == (None, True, {"waz": -1.25, "haz": 0.5})
    assert html[7].problems == (RowProblem.MEASURE_UNKNOWN,)
    assert html[8].problems == (RowProblem.NOTHING_MEASURED,)
    assert (citra.nik_given, citra.problems) == (False, (RowProblem.SEX_UNKNOWN,))
    assert (nameless.nik, nameless.nik_given, nameless.theirs) == (None, True, {"whz": 1.5})
    assert nameless.problems == (RowProblem.NO_NAME,)
    assert all(r.birth_weight_kg == 3.2 for r in html)


def test_weights_in_grams_read_the_same_from_html_and_csv(tmp_path: Path) -> None:
    rows = eppgbm_rows(_kids(), grams=True)
    html = read_rows(write_html_xls(tmp_path / "g.xls", rows))
    assert html == read_rows(write_csv(tmp_path / "g.csv", rows))
    assert [(r.weight_kg, r.grams) for r in html[:2]] == [(8.0, True), (8.3, True)]


def _row(line: int, cells: dict[str, str], decimal: str = ".") -> FileRow:
    header = list(cells)
    return read_row(line, list(cells.values()), resolve_columns(header), decimal)


BASE = {"Nama": "Ani", "JK": "P", "Tgl Lahir": "12-3-2025", "Tanggal Pengukuran": "10-1-2026"}


@pytest.mark.parametrize(
    ("cells", "problems"),
    [
        ({**BASE, "Berat": "8,1"}, ()),
        ({**BASE, "Berat": "8,1", "LiLA": "1.300"}, (RowProblem.NOT_A_NUMBER,)),  # thousands
        ({**BASE, "Berat": "8", "TB Lahir": "x"}, (RowProblem.NOT_A_NUMBER,)),
        # a bad birth length alone is named last, as it always was
        ({**BASE, "TB Lahir": "x"}, (RowProblem.NOTHING_MEASURED, RowProblem.NOT_A_NUMBER)),
        ({**BASE, "BB Lahir": "x"}, (RowProblem.NOT_A_NUMBER, RowProblem.NOTHING_MEASURED)),
        (
            {**BASE, "Tanggal Pengukuran": "31/02/2026", "Berat": "a", "Cara Ukur": "duduk"},
            (
                RowProblem.DATE_INVALID,
                RowProblem.NOT_A_NUMBER,
                RowProblem.MEASURE_UNKNOWN,
                RowProblem.NOTHING_MEASURED,
            ),
        ),
        (
            {**BASE, "Tanggal Pengukuran": "", "Cara Ukur": "duduk", "Tinggi": "70"},
            (RowProblem.MEASURE_UNKNOWN, RowProblem.DATE_INVALID),
        ),
        (
            {"Nama": " ", "JK": "?", "Tgl Lahir": "45000,5", "Tanggal Pengukuran": "x"},
            (
                RowProblem.NO_NAME,
                RowProblem.SEX_UNKNOWN,
                RowProblem.BIRTH_DATE_INVALID,
                RowProblem.DATE_INVALID,
                RowProblem.NOTHING_MEASURED,
            ),
        ),
    ],
)
def test_problems_are_named_in_their_order(
    cells: dict[str, str], problems: tuple[RowProblem, ...]
) -> None:
    assert _row(2, cells, ",").problems == problems


def test_a_row_reads_every_field() -> None:
    row = _row(
        7,
        {
            "NIK": "'6474 0112 0325 0001",
            "Nama": " Ani  Lestari ",
            "JK": "p",
            "Tgl Lahir": "45000",  # an Excel serial
            "NIK Ibu": "6474011203900002",
            "BB Lahir": "3200",  # grams
            "TB Lahir": "0",  # not measured
            "Tanggal Pengukuran": "2026-01-10 00:00:00",
            "Berat": "8500",
            "Tinggi": "70.5",
            "Cara Ukur": " TERLENTANG ",
            "LiLA": "13.1",
            "ZS BB/U": "-0.5",
            "ZS TB/U": "x",
            "ZS BB/TB": "",
        },
    )
    assert row == FileRow(
        7, "Ani Lestari", "6474011203250001", True, Sex.FEMALE, date(2023, 3, 15),
        "6474011203900002", 3.2, None, date(2026, 1, 10), 8.5, 70.5, Position.LYING, 13.1,
        True, {"waz": -0.5}, (),
    )  # fmt: skip


def test_short_rows_and_changed_columns_are_read_again() -> None:
    columns = resolve_columns(["Nama", "JK", "Tgl Lahir", "Tanggal Pengukuran", "Berat"])
    cells = ["Ani", "P", "1-1-2025", "1-2-2026", "8"]
    assert read_row(2, cells, columns, ".").weight_kg == 8.0
    assert read_row(3, cells[:4], columns, ".").problems == (RowProblem.NOTHING_MEASURED,)
    columns["weight"] = 3  # the same mapping changed: the date column read as a weight
    assert read_row(4, cells, columns, ".").problems == (
        RowProblem.NOT_A_NUMBER,
        RowProblem.NOTHING_MEASURED,
    )
    other = resolve_columns(["Berat", "Nama", "JK", "Tgl Lahir", "Tanggal Pengukuran"])
    row = read_row(5, ["9,5", "Budi", "L", "2-2-2024", "1-2-2026"], other, ",")
    assert (row.name, row.weight_kg, row.problems) == ("Budi", 9.5, ())


def test_the_header_of_the_synthetic_export_finds_every_field() -> None:
    columns = resolve_columns(EPPGBM_HEADER)
    assert set(columns) >= {"nik", "name", "sex", "birth_date", "measured_on", "weight"}


@pytest.mark.parametrize(
    ("raw", "refused"),
    [
        ("Nama;Berat\r\nAní;8\x01\r\n".encode(), True),
        ("Nama;Berat\r\nAni;8\r\n".encode("utf-16"), False),
        ("Nama;Berat\r\nAni;8\x1f\r\n".encode("utf-16"), True),
        (b"Nama;Berat\r\nAn\x81i \x9d\xe9;8\r\n", False),  # Windows-1252, undefined bytes too
        (b"Nama;Berat\r\nAni;8\x7f\r\n", True),
    ],
)
def test_control_characters_refuse_a_file_in_any_encoding(
    tmp_path: Path, raw: bytes, refused: bool
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    if refused:
        with pytest.raises(TableError) as error:
            read_table(path)
        assert error.value.problem is TableProblem.NOT_TEXT
    else:
        assert read_table(path).rows[0][0].startswith("An")


def test_a_repeated_column_name_is_numbered_and_taken_for_no_field_unasked():
    header = ["Nama", "BB", "Tanggal Pengukuran", "bb", "Berat Lahir"]
    assert distinct_header(header) == [
        "Nama",
        "BB (1)",
        "Tanggal Pengukuran",
        "bb (2)",
        "Berat Lahir",
    ]
    found = resolve_columns(header)
    assert "weight" not in found and found["name"] == 0
    assert resolve_columns(header, {"weight": "bb (2)"})["weight"] == 3
    assert distinct_header(distinct_header(header)) == distinct_header(header)

"""The e-PPGBM entry pack and the SIP register, made from the demo registry by the commands and
read back (openpyxl, pypdf), cell by cell against a plain-SQL recount."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from posyandu_desktop.commands.registers import eppgbm_pack_main, sip_register_main
from posyandu_desktop.reports.eppgbm_pack import HEAD_ROW, MONTH_SHEET, NEW_SHEET
from posyandu_desktop.settings import database_path
from tests.reports.expected import pdf_lines
from tests.reports.helpers import demo_folder

OCTOBER = ("2026-10-01", "2026-10-31")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = demo_folder(tmp_path_factory.mktemp("registers") / "data")
    con = sqlite3.connect(database_path(found))
    with con:
        # A name that a spreadsheet would run as a formula, and a NIK with a leading zero.
        con.execute(
            "UPDATE person SET name = '=HYPERLINK(\"http://x\",\"Budi\")', nik = '0474016807250009'"
            " WHERE id = (SELECT person_id FROM measurement WHERE measured_on BETWEEN ? AND ?"
            " ORDER BY id LIMIT 1)",
            OCTOBER,
        )
        # A baby registered in October and not measured yet: new to e-PPGBM all the same.
        con.execute(
            "INSERT INTO person (uid, name, name_key, sex, birth_date, pregnant, created_at)"
            " VALUES ('newbaby', 'Bayi Oktober', 'bayi oktober', 2, '2026-10-05', 0,"
            " '2026-10-16 02:00:00')"
        )
        # Two immunisations copied from the Buku KIA of the youngest child.
        for uid, on, vaccine in (("imm1", "2026-09-14", "BCG"), ("imm2", "2026-10-16", "Polio 1")):
            con.execute(
                "INSERT INTO service_given (uid, person_id, given_on, kind, detail, from_kia_book,"
                " entered_by, created_at) SELECT ?, p.id, ?, 'immunisation', ?, 1, c.id,"
                " '2026-10-16 01:00:00' FROM person p, cadre c"
                " WHERE p.uid != 'newbaby' ORDER BY p.birth_date DESC, c.id LIMIT 1",
                (uid, on, vaccine),
            )
    con.close()
    return found


def _sql(folder: Path, query: str, *args: object) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(database_path(folder))
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def _rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=HEAD_ROW + 1, values_only=True))


def test_eppgbm_pack_matches_the_registry(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.xlsx"
    assert eppgbm_pack_main(["--data-dir", str(folder), "--month", "2026-10", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [NEW_SHEET, MONTH_SHEET]
    month = book[MONTH_SHEET]
    assert "bukan templat impor resmi" in month["A2"].value
    assert [c.value for c in month[HEAD_ROW]][:4] == ["NIK", "Nama", "JK", "Tgl Lahir"]
    expected = _sql(
        folder,
        "SELECT p.name, coalesce(p.nik, ''), m.measured_on, m.weight_kg, m.lenhei_cm, m.position"
        " FROM measurement m JOIN person p ON p.id = m.person_id"
        " WHERE m.measured_on BETWEEN ? AND ? AND coalesce(m.origin, '') != 'kia_book'"
        " AND p.birth_date > '2021-10-01'",
        *OCTOBER,
    )
    rows = _rows(month)
    assert len(rows) == len(expected) > 20
    position = {"l": "Terlentang", "h": "Berdiri", None: None}
    got = sorted((r[1].removeprefix("'"), r[0] or "", r[8], r[9], r[10], r[11]) for r in rows)
    want = sorted(
        (n, nik, f"{int(d[8:])}-{int(d[5:7])}-{d[:4]}", w, h, position[p])
        for n, nik, d, w, h, p in expected
    )
    assert got == want
    for cells in month.iter_rows(min_row=HEAD_ROW + 1):
        nik, name = cells[0], cells[1]
        assert name.data_type == "s" and not name.value.startswith("=")
        assert nik.value is None or (nik.data_type == "s" and len(nik.value) == 16)
    assert any(r[0] == "0474016807250009" and r[1].startswith("'=HYPERLINK") for r in rows)
    # New to e-PPGBM: measured or registered this month, never measured before it.
    new = _sql(
        folder,
        "SELECT p.name FROM person p WHERE p.birth_date > '2021-10-01'"
        " AND NOT EXISTS (SELECT 1 FROM measurement b WHERE b.person_id = p.id"
        "   AND b.measured_on < ? AND coalesce(b.origin, '') != 'kia_book')"
        " AND (EXISTS (SELECT 1 FROM measurement m WHERE m.person_id = p.id"
        "   AND m.measured_on BETWEEN ? AND ? AND coalesce(m.origin, '') != 'kia_book')"
        "  OR date(p.created_at, 'localtime') BETWEEN ? AND ?)",
        OCTOBER[0],
        *OCTOBER,
        *OCTOBER,
    )
    assert sorted(r[1] for r in _rows(book[NEW_SHEET])) == sorted(n for (n,) in new)
    assert "Bayi Oktober" in {n for (n,) in new} and len(new) > 1


def test_eppgbm_pack_pdf(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    assert eppgbm_pack_main(["--data-dir", str(folder), "--month", "2026-10", "-o", str(out)]) == 0
    text = "\n".join(pdf_lines(out))
    assert "Bahan ketik e-PPGBM" in text and "bukan templat impor resmi" in text
    assert "2. Pengukuran bulan ini" in text and "Terlentang" in text


def test_sip_register_matches_the_registry(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    assert sip_register_main(["--data-dir", str(folder), "--year", "2026", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[HEAD_ROW]]
    first_month = header.index("BB Jan (kg)")
    rows = _rows(sheet)
    weights: dict[tuple[str, str], list[float | None]] = defaultdict(lambda: [None] * 12)
    for name, born, on, kg in _sql(
        folder,
        "SELECT p.name, p.birth_date, m.measured_on, m.weight_kg FROM measurement m"
        " JOIN person p ON p.id = m.person_id WHERE m.measured_on BETWEEN ? AND ?"
        " AND p.birth_date > '2021-01-01'"
        " AND coalesce(m.origin, '') != 'kia_book' AND m.weight_kg IS NOT NULL"
        " ORDER BY m.measured_on, m.id",
        "2026-01-01",
        "2026-12-31",
    ):
        b = date.fromisoformat(born)
        weights[(name, f"{b.day}-{b.month}-{b.year}")][date.fromisoformat(on).month - 1] = kg
    measured = {
        (r[1].removeprefix("'"), r[4]): list(r[first_month : first_month + 12]) for r in rows
    }
    assert len(measured) == len(rows)
    for key, months in weights.items():
        assert measured[key] == months
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    # Vitamin A: the February round from the services of January-June.
    given = _sql(
        folder,
        "SELECT p.name, p.birth_date, s.capsule FROM service_given s"
        " JOIN person p ON p.id = s.person_id WHERE s.kind = 'vitamin_a'"
        " AND s.given_on BETWEEN '2026-01-01' AND '2026-06-30' AND p.birth_date > '2021-01-01'",
    )
    colour = {"blue": "Biru", "red": "Merah"}
    feb = header.index("Vit A Feb")
    by_key = {(r[1].removeprefix("'"), r[4]): r for r in rows}
    for name, born, capsule in given:
        b = date.fromisoformat(born)
        assert by_key[(name, f"{b.day}-{b.month}-{b.year}")][feb] == colour[capsule]
    assert given
    name, born = _sql(
        folder,
        "SELECT name, birth_date FROM person WHERE uid != 'newbaby' ORDER BY birth_date DESC",
    )[0]
    b = date.fromisoformat(born)
    shots = header.index("Imunisasi")
    assert [(r[1], r[4]) for r in rows if r[shots]] == [(name, f"{b.day}-{b.month}-{b.year}")]
    assert by_key[(name, f"{b.day}-{b.month}-{b.year}")][shots] == "BCG 14-9, Polio 1 16-10"


def test_sip_register_pdf_and_refusals(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    assert sip_register_main(["--data-dir", str(folder), "--year", "2026", "-o", str(out)]) == 0
    text = "\n".join(pdf_lines(out))
    assert "Register Bayi dan Balita" in text and "Januari s/d Desember 2026" in text
    args = ["--data-dir", str(folder), "--year", "2026", "-o", str(tmp_path / "r.txt")]
    assert sip_register_main(args) == 1
    empty = ["--data-dir", str(tmp_path / "none"), "--year", "2026", "-o", str(out)]
    assert sip_register_main(empty) == 1
    with pytest.raises(SystemExit):
        sip_register_main(["--data-dir", str(folder), "--year", "20x6", "-o", str(out)])

"""The month's data quality and the cadre sheet on the demo registry: every figure recounted with
plain SQL, the PDF read back as text and the XLSX read back with openpyxl."""

from __future__ import annotations

import math
import sqlite3
import subprocess
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from posyandu_desktop.commands.cadre_sheet import main as cadre_sheet_command
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.reports.cadre_sheet import cadre_sheet_xlsx_bytes, render_cadre_sheet
from posyandu_desktop.reports.data import CadreSheet
from posyandu_desktop.services.reports import cadre_sheet, month_quality, this_posyandu_id
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Database
from tests.reports.helpers import FONTS, TODAY, demo_folder

YEAR, MONTH = 2026, 10
FIRST, LAST = "2026-10-01", "2026-10-31"
# Children's measurements taken here this month (not imported, not copied from the Buku KIA).
IN_MONTH = (
    "FROM measurement WHERE measured_on BETWEEN ? AND ? AND origin IS NULL AND age_days < 1826"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("cadre_sheet") / "data")


@pytest.fixture(scope="module")
def sql(folder: Path):  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(database_path(folder))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def sheet(folder: Path) -> CadreSheet:
    db = Database(database_path(folder))
    try:
        posyandu_id = this_posyandu_id(db)
        assert posyandu_id is not None
        return cadre_sheet(db, posyandu_id, YEAR, MONTH, data_dir=folder, today=TODAY)
    finally:
        db.close()


def _flag(z: float | None, low: float, high: float) -> bool:
    return z is not None and not low <= round(z, 2) <= high


def _recount(sql: sqlite3.Connection, where: str = "", args: tuple[object, ...] = ()) -> dict:  # type: ignore[type-arg]
    rows = sql.execute(
        "SELECT person_id, measured_on, age_days, weight_kg, lenhei_cm, position, lila_cm, "
        f"waz, haz, whz, corrections {IN_MONTH} {where}",
        (FIRST, LAST, *args),
    ).fetchall()
    values = doubtful = lying = under_two = missing_length = lila_due = lila_missing = 0
    waz, haz, whz = [], [], []
    per_day: dict[tuple[int, str], int] = defaultdict(int)
    for person, on, age, kg, cm, position, lila, wz, hz, wh in (r[:10] for r in rows):
        per_day[person, on] += 1
        wfl = _flag(wh, -5, 5)
        weight_doubt = _flag(wz, -6, 5) or wfl
        length_doubt = _flag(hz, -6, 6) or wfl
        values += (kg is not None) + (cm is not None)
        doubtful += (kg is not None and weight_doubt) + (cm is not None and length_doubt)
        missing_length += cm is None
        if cm is not None and age < 731:
            under_two += 1
            lying += position == "l"
        if age >= 183:  # 6 months = 182.6 days
            lila_due += 1
            lila_missing += lila is None
        if wz is not None and not weight_doubt:
            waz.append(wz)
        if hz is not None and not length_doubt:
            haz.append(hz)
        if wh is not None and not (weight_doubt or length_doubt):
            whz.append(wh)
    return {
        "measurements": len(rows),
        "values": values,
        "doubtful": doubtful,
        "under_two": (under_two, lying),
        "length_missing": missing_length,
        "lila": (lila_due, lila_missing),
        "sd": tuple(_sd(v) for v in (waz, haz, whz)),
        "twice": sum(1 for n in per_day.values() if n > 1),
        "corrected": (sum(r[10] > 0 for r in rows), sum(r[10] for r in rows)),
    }


def _sd(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _as_recount(q: QualityFigures) -> dict:  # type: ignore[type-arg]
    return {
        "measurements": q.measurements,
        "values": q.values,
        "doubtful": q.doubtful,
        "under_two": (q.under_two_measured, q.under_two_lying),
        "length_missing": q.length_missing,
        "lila": (q.lila_due, q.lila_missing),
        "sd": (q.sd_waz, q.sd_haz, q.sd_whz),
        "twice": q.twice_same_day,
        "corrected": (q.corrected_records, q.corrections),
    }


def test_the_posyandu_and_each_cadres_quality_match_a_plain_sql_recount(folder, sql):
    db = Database(database_path(folder))
    try:
        found = month_quality(db, YEAR, MONTH)
    finally:
        db.close()
    expected = _recount(sql)
    assert expected["measurements"] > 10  # a real month, not an empty one
    got = _as_recount(found.posyandu)
    assert got.pop("sd") == pytest.approx(expected.pop("sd"))
    assert got == expected
    cadres = [c for (c,) in sql.execute(f"SELECT DISTINCT entered_by {IN_MONTH}", (FIRST, LAST))]
    assert set(found.per_cadre) == set(cadres)
    for cadre in cadres:
        mine = _recount(sql, "AND entered_by = ?", (cadre,))
        got = _as_recount(found.per_cadre[cadre])
        assert got.pop("sd") == pytest.approx(mine.pop("sd"))
        assert got == mine


def _days_served(sql: sqlite3.Connection) -> dict[int, int]:
    rows = sql.execute(
        "SELECT a.cadre_id, COUNT(DISTINCT d.held_on) FROM cadre_attendance a "
        "JOIN posyandu_day d ON d.id = a.day_id WHERE d.held_on BETWEEN ? AND ? "
        "GROUP BY a.cadre_id",
        (FIRST, LAST),
    )
    return dict(rows.fetchall())


def test_the_xlsx_has_a_row_per_cadre_with_the_recounted_figures(sheet, sql):
    import io

    book = openpyxl.load_workbook(io.BytesIO(cadre_sheet_xlsx_bytes(sheet, lang="en")))
    ws = book.active
    heads = [c.value for c in ws[3]]
    assert heads[:4] == ["No.", "Cadre", "Stratum", "Certificates"]
    rows = {
        r[1]: dict(zip(heads, r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True)
    }
    names = dict(sql.execute("SELECT id, name FROM cadre").fetchall())
    assert set(rows) == {r.name for r in sheet.rows}
    days = _days_served(sql)
    for cadre_id, served in days.items():
        assert rows[names[cadre_id]]["Days served"] == served
    measured = dict(
        sql.execute(f"SELECT entered_by, COUNT(*) {IN_MONTH} GROUP BY entered_by", (FIRST, LAST))
    )
    for cadre_id, name in names.items():
        if name in rows:
            assert rows[name]["Children measured"] == measured.get(cadre_id, 0)
    # The demo's certificates carry numbers, and every cadre has a stratum from her skills.
    assert all(r["Certificates"].startswith("KDR/") for r in rows.values())
    assert {r["Stratum"] for r in rows.values()} <= {
        "Purwa (basic)",
        "Madya (intermediate)",
        "Utama (advanced)",
    }


def test_the_pdf_reads_back_with_each_cadre_and_the_posyandu_quality(sheet, sql, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_cadre_sheet(sheet, FONTS, lang="en", printed_on=TODAY))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Monthly cadre sheet" in text and "Data quality of the Posyandu" in text
    names = dict(sql.execute("SELECT id, name FROM cadre").fetchall())
    for number, row in enumerate(sheet.rows, start=1):
        assert f"{number}. {row.name}" in text
    lines = text.splitlines()
    for cadre_id, served in _days_served(sql).items():
        i = next(i for i, line in enumerate(lines) if line.strip().endswith(names[cadre_id]))
        block = " ".join(lines[i : i + 14])
        assert f"Days served {served}" in " ".join(block.split())
    measured = sql.execute(f"SELECT COUNT(*) {IN_MONTH}", (FIRST, LAST)).fetchone()[0]
    assert f"Children's measurements this month {measured}" in " ".join(text.split())


def test_a_citys_own_column_choice_is_used(folder: Path, sheet: CadreSheet) -> None:
    own = folder / "cadre-sheet.json"
    own.write_text('{"columns": ["days_served", "referrals"]}', encoding="utf-8")
    try:
        db = Database(database_path(folder))
        try:
            posyandu_id = this_posyandu_id(db)
            assert posyandu_id is not None
            mine = cadre_sheet(db, posyandu_id, YEAR, MONTH, data_dir=folder, today=TODAY)
        finally:
            db.close()
    finally:
        own.unlink()
    assert [c.value for c in mine.columns] == ["days_served", "referrals"]
    assert mine.rows == sheet.rows


def test_the_command_writes_pdf_and_xlsx_and_refuses_another_suffix(
    folder: Path, tmp_path: Path
) -> None:
    for name in ("sheet.pdf", "sheet.xlsx"):
        out = tmp_path / name
        assert (
            cadre_sheet_command(
                ["--data-dir", str(folder), "--month", "2026-10", "--out", str(out)]
            )
            == 0
        )
        assert out.stat().st_size > 1000
    bad = ["--data-dir", str(folder), "--month", "2026-10", "--out", str(tmp_path / "x.csv")]
    assert cadre_sheet_command(bad) == 1


def test_the_monthly_report_has_the_data_quality_section(folder: Path, sql) -> None:  # type: ignore[no-untyped-def]
    from posyandu_desktop.reports.monthly_report import render_monthly_report
    from posyandu_desktop.services.reports import monthly_report_data
    from tests.reports.expected import pdf_lines

    db = Database(database_path(folder))
    try:
        posyandu_id = this_posyandu_id(db)
        assert posyandu_id is not None
        data = monthly_report_data(db, posyandu_id, YEAR, MONTH, today=TODAY)
    finally:
        db.close()
    text = " ".join(pdf_lines(render_monthly_report(data, FONTS, lang="en", printed_on=TODAY)))
    measured = sql.execute(f"SELECT COUNT(*) {IN_MONTH}", (FIRST, LAST)).fetchone()[0]
    assert "9. Data quality (children's measurements)" in text
    assert f"Children's measurements this month {measured}" in text


def test_report_json_has_the_quality_section(folder: Path, sql, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from posyandu_desktop.commands.report import main as report_command

    assert (
        report_command(["--data-dir", str(folder), "--month", "2026-10", "--format", "json"]) == 0
    )
    found = json.loads(capsys.readouterr().out)["quality"]
    expected = _recount(sql)
    assert found["measurements"] == expected["measurements"]
    assert (found["values"], found["doubtful"]) == (expected["values"], expected["doubtful"])
    assert found["sd"]["waz"] == pytest.approx(expected["sd"][0])

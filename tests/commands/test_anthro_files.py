"""`posyandu-desktop anthro` on the files a nutrition officer really has: bad input is refused or
explained, never scored into a wrong number; Excel's CSV, .xlsx and HTML .xls come in."""

import csv
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from posyandu_desktop.commands.anthro import OUTPUT_COLUMNS, main
from posyandu_desktop.exchange.tabular import csv_rows, read_table


def scored(
    tmp_path: Path, content: str | bytes, name: str = "in.csv", *extra: str
) -> tuple[int, list[dict[str, str]], str]:
    """Exit status, output rows as dicts, and the output text (the CSV read back)."""
    src, out = tmp_path / name, tmp_path / "out.csv"
    src.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    code = main([str(src), "-o", str(out), *extra])
    if not out.exists():
        return code, [], ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8 names right
    text = raw.decode("utf-8-sig")
    delimiter = max(",;\t", key=text.splitlines()[0].count)
    return code, list(csv.DictReader(text.splitlines(), delimiter=delimiter)), text


def refused(tmp_path: Path, content: str | bytes, capsys: pytest.CaptureFixture[str]) -> str:
    code, rows, _ = scored(tmp_path, content)
    assert code == 1 and rows == []
    assert not (tmp_path / "out.csv").exists()
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    return err


# --- 1. never a wrong number -------------------------------------------------------------------


def test_duplicate_header_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(tmp_path, "sex,age_days,weight,age_days\n1,100,5,400\n", capsys)
    assert "'age_days'" in err and "dua kali" in err


def test_two_names_for_one_column_refuse_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(tmp_path, "jk;umur_hari;bb;weight\n1;100;5;6\n", capsys)
    assert "'bb', 'weight'" in err
    err = refused(tmp_path, "jk;umur_hari;bb;tb;pb\n1;100;5;60;61\n", capsys)
    assert "'tb', 'pb'" in err


def test_rerunning_an_output_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "'zwei'" in refused(tmp_path, "sex,age_days,weight,zwei\n1,100,5,0.1\n", capsys)


def test_unquoted_decimal_commas_in_a_comma_file_are_not_scored(tmp_path: Path) -> None:
    code, rows, _ = scored(tmp_path, "sex,age_days,weight,lenhei,measure\n1,365,9,6,75,0\n")
    (row,) = rows
    assert code == 0
    assert all(row[c] == "" for c in OUTPUT_COLUMNS if c != "error")
    assert "6 sel" in row["error"] and "5" in row["error"] and "'0'" in row["error"]


def test_grams_typed_for_kilograms_are_flagged_without_category(tmp_path: Path) -> None:
    code, rows, _ = scored(tmp_path, "sex;age_days;weight;lenhei;measure\n1;365;9600;75,0;l\n")
    (row,) = rows
    assert code == 0
    for i in ("wei", "wfl", "bmi"):
        assert row[f"f{i}"] == "1"
    assert row["category_wei"] == row["category_wfl"] == row["category_bmi"] == ""
    assert "weight '9600'" in row["error"] and "0,3-250 kg" in row["error"]
    assert row["category_len"] and row["flen"] == "0"  # the length is fine


def test_absurd_magnitudes_give_no_z_and_say_so(tmp_path: Path) -> None:
    code, rows, _ = scored(tmp_path, "sex,age_days,weight,lenhei\n1,365,1e308,75\n1,365,9,1e-30\n")
    assert code == 0
    assert rows[0]["zwei"] == rows[0]["zwfl"] == "" and rows[0]["zlen"]
    assert "terlalu besar atau terlalu kecil" in rows[0]["error"]
    assert "nol atau negatif" not in rows[0]["error"]
    assert rows[1]["zlen"] == rows[1]["zwfl"] == "" and rows[1]["zwei"]
    numbers = [c for c in OUTPUT_COLUMNS if c[0] in "zcf" and not c.startswith("category")]
    assert all(len(r[c]) < 10 for r in rows for c in numbers)


def test_thousands_separators_are_not_guessed(tmp_path: Path) -> None:
    code, rows, _ = scored(tmp_path, "sex;age_days;weight\n1;365;9.600\n1;365;1.234,5\n")
    assert code == 0 and rows[0]["zwei"] == rows[1]["zwei"] == ""
    assert "pemisah ribuan" in rows[0]["error"]


def test_binary_files_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = bytes(range(256)) * 40
    assert "bukan file teks" in refused(tmp_path, junk, capsys)
    assert "Excel lama" in refused(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + junk, capsys)
    assert "rusak" in refused(tmp_path, b"PK\x03\x04" + junk, capsys)


def test_formula_like_text_is_neutralised(tmp_path: Path) -> None:
    text = (
        'nama,sex,age_days,weight\n"=HYPERLINK(""http://x"",""Budi"")",1,100,5\n@SUM(A1),2,100,5\n'
    )
    code, rows, raw = scored(tmp_path, text)
    assert code == 0
    assert rows[0]["nama"].startswith("'=HYPERLINK") and rows[1]["nama"] == "'@SUM(A1)"
    assert "\n=" not in raw and ",=" not in raw


# --- 3. Excel-native ---------------------------------------------------------------------------


def test_indonesian_column_names_and_dates(tmp_path: Path) -> None:
    text = (
        "Nama;JK;Tgl Lahir;Tgl Ukur;BB;TB;Cara Ukur;LiLA\n"
        "Ani;P;15/01/2025;01/03/2025;4,5;55,0;Terlentang;11,5\n"
        "Budi;L;15-1-2025;1-3-2025;4,5;55,0;terlentang;\n"
        "Citra;L;45672;45717;4,5;55,0;l;\n"
        "Dedi;L;2025-01-15;2025-03-01;4,5;55,0;Berdiri;\n"
        "Eka;L;01/15/2025;03/01/2025;4,5;;;\n"
    )
    code, rows, _ = scored(tmp_path, text)
    assert code == 0
    assert rows[1]["zwei"] == rows[2]["zwei"] == rows[3]["zwei"] == "-0,87"  # 45 days, 4.5 kg
    assert rows[0]["zwei"] == "-0,28" and rows[0]["zac"] == ""  # LiLA/U from 3 months
    assert rows[1]["zlen"] == rows[2]["zlen"]
    # "Berdiri" is read (and, under 9 months, ignored as WHO Anthro does).
    assert rows[3]["clenhei"] == "55,00" and rows[3]["error"] == ""
    assert rows[4]["zwei"] == "" and "tgl lahir" not in rows[4]["error"].lower()
    assert "birth_date '01/15/2025' bukan tanggal" in rows[4]["error"]


def test_sep_line_tabs_and_windows_1252(tmp_path: Path) -> None:
    text = "sep=;\nnama;sex;age_days;weight\nJosé;1;45;4,5\n"
    code, rows, out = scored(tmp_path, text.encode("cp1252"))
    assert code == 0 and rows[0]["nama"] == "José" and rows[0]["zwei"] == "-0,87"
    assert out.splitlines()[0].startswith("nama;sex")  # same separator back, no sep= line
    code, rows, out = scored(tmp_path, "sex\tage_days\tweight\n1\t45\t4,5\n")
    assert code == 0 and rows[0]["zwei"] == "-0,87" and "\t" in out.splitlines()[0]
    code, rows, out = scored(tmp_path, "\ufeffsex,age_days,weight\n1,45,4.5\n")
    assert code == 0 and rows[0]["zwei"] == "-0.87"


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_xlsx_in_and_out(tmp_path: Path) -> None:
    src, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    person = ["3201010101250001", "=1+1 (text)", "L", datetime(2025, 1, 15), date(2025, 3, 1)]
    _xlsx(
        src,
        [
            ["NIK", "Nama", "JK", "Tgl Lahir", "Tgl Ukur", "BB", "TB", "Cara Ukur"],
            [*person, 4.5, 55, "l"],
            ["3201010101250002", "Ani", "P", "15/01/2025", 45717, 4.5, None, None],
        ],
    )
    book = load_workbook(src)
    book.worksheets[0]["B2"].data_type = "s"  # text that looks like a formula
    book.save(src)
    assert main([str(src), "-o", str(out)]) == 0
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["NIK", "Nama", "JK", "Tgl Lahir", "Tgl Ukur", "BB", "TB", "Cara Ukur"]
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert first["NIK"] == "3201010101250001"  # text: 16 digits would lose precision
    assert first["Nama"] == "'=1+1 (text)" and sheet["B2"].data_type == "s"
    assert first["zwei"] == -0.87 and isinstance(first["zwei"], float)
    assert first["fwei"] == 0 and first["BB"] == 4.5
    second = {h: c.value for h, c in zip(header, sheet[3], strict=True)}
    assert second["zwei"] == -0.28 and second["zlen"] is None  # girl, 45 days, 4.5 kg


def test_xlsx_in_csv_out_uses_indonesian_excel_marks(tmp_path: Path) -> None:
    src = tmp_path / "in.xlsx"
    _xlsx(src, [["sex", "age_days", "weight"], [1, 45, 4.5]])
    out = tmp_path / "out.csv"
    assert main([str(src), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("sex;age_days;weight;") and ";-0,87;" in lines[1]


EPPGBM = (
    "<html><head><meta charset='utf-8'></head><body><table border=1>"
    "<tr><th>No</th><th>NIK</th><th>Nama</th><th>JK</th><th>Tgl Lahir</th><th>BB Lahir</th>"
    "<th>Pukesmas</th><th>Usia Saat Ukur</th><th>Tanggal Pengukuran</th><th>Berat</th>"
    "<th>Tinggi</th><th>Cara Ukur</th><th>LiLA</th><th>BB/U</th><th>ZS BB/U</th></tr>"
    "<tr><td>1</td><td>3201010101250001</td><td>S&amp;ri</td><td>P</td><td>15-01-2025</td>"
    "<td>3,1</td><td>Sukamaju</td><td>0 Tahun - 1 Bulan - 14 Hari</td><td>01-03-2025</td>"
    "<td>4,5</td><td>55</td><td>Terlentang</td><td></td><td>Normal</td><td>-0,28</td></tr>"
    "</table></body></html>"
)


def test_eppgbm_html_xls_export(tmp_path: Path) -> None:
    code, rows, _ = scored(tmp_path, EPPGBM, "data_pengukuran.xls")
    (row,) = rows
    assert code == 0 and row["Nama"] == "S&ri" and row["ZS BB/U"] == "-0,28"
    assert row["zwei"] == "-0,28" and row["zlen"] and row["error"] == ""


def test_output_is_written_atomically(tmp_path: Path) -> None:
    code, _, _ = scored(tmp_path, "sex,age_days,weight\n1,45,4.5\n")
    assert code == 0
    assert sorted(os.listdir(tmp_path)) == ["in.csv", "out.csv"]


# --- 4. the prevalence summary -----------------------------------------------------------------


def test_summary_file_beside_the_scores(tmp_path: Path) -> None:
    text = (
        "jk;umur_hari;bb;tb;cara_ukur\n"
        "L;100;6,0;55,0;l\n"  # stunted (length-for-age about -3.4)
        "P;400;8,5;75,0;l\n"
        "P;400;9600;75,0;l\n"  # grams: flagged, left out of weight-based prevalences
        "L;2000;18,0;110,0;h\n"  # beyond 59 months: not in the summary
    )
    src, out, summary = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "sum.csv"
    src.write_text(text, encoding="utf-8")
    assert main([str(src), "-o", str(out), "--summary", str(summary)]) == 0
    lines = summary.read_text(encoding="utf-8-sig").splitlines()
    table = list(csv.reader(lines, delimiter=";"))
    assert table[0][:4] == ["kelompok", "ukuran", "n", "nilai"]
    rows = {(r[0], r[1].split(":")[0]): r for r in table[1:]}
    stunting = rows["Semua anak 0-59 bulan", "Stunting (pendek + sangat pendek)"]
    # Three children in the analysis, all with a length z; one below -2 SD.
    assert stunting[2:4] == ["3", "33,3"]
    underweight = rows["Semua anak 0-59 bulan", "Underweight (berat badan kurang + sangat kurang)"]
    assert underweight[2] == "2"  # the flagged 9600 g child is left out
    assert ("laki-laki", "Stunting (pendek + sangat pendek)") in rows
    assert ("0-5 bulan, laki-laki", "Stunting (pendek + sangat pendek)") in rows
    assert any(r[0] == "Mutu data" and "preferensi angka" in r[1].lower() for r in table)


# --- 2. like WHO anthro where it is right -------------------------------------------------------


def test_without_an_age_weight_for_length_is_still_scored(tmp_path: Path) -> None:
    code, rows, _ = scored(
        tmp_path, "sex,age_days,weight,lenhei,measure\n1,,9.6,75.7,l\n1,abc,9.6,75.7,l\n"
    )
    assert code == 0
    for row in rows:
        assert row["zwfl"] and row["zwei"] == row["zlen"] == "" and row["error"]
    assert "age_days 'abc'" in rows[1]["error"]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.text(alphabet=st.sampled_from("ab1,;\t \r\u2028\x85"), max_size=12), max_size=30
    ),
    per_chunk=st.integers(1, 7),
)
def test_text_chunks_hold_the_same_rows(tmp_path: Path, lines: list[str], per_chunk: int) -> None:
    path = tmp_path / "t.csv"
    path.write_text("sex;age_days\n" + "\n".join(lines), encoding="utf-8", newline="")
    whole = read_table(path)
    chunked = read_table(path, lines_per_chunk=per_chunk)
    assert chunked.header == whole.header
    assert (chunked.delimiter, chunked.decimal) == (whole.delimiter, whole.decimal)
    rows = [r for c in chunked.chunks for r in csv_rows(c, chunked.delimiter)]
    assert (rows if chunked.chunks else chunked.rows) == whole.rows


def test_a_binary_tail_after_much_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "sex,age_days,weight\n" + "1,45,4.5\n" * 200_000
    assert "bukan file teks" in refused(tmp_path, text.encode() + b"\x00\x01\x02", capsys)


def test_a_zip_that_is_not_a_workbook_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert "rusak" in refused(tmp_path, archive.read_bytes(), capsys)

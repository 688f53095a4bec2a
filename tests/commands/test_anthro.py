"""`posyandu-desktop anthro`: real CSV files in, real CSV files out."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posyandu_desktop.commands.anthro import OUTPUT_COLUMNS, main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(tmp_path: Path, text: str | bytes, *extra: str) -> tuple[int, list[dict[str, str]]]:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    if isinstance(text, str):
        src.write_text(text, encoding="utf-8")
    else:
        src.write_bytes(text)
    code = main([str(src), "-o", str(out), *extra])
    if not out.exists():
        return code, []
    with out.open(encoding="utf-8", newline="") as written:
        raw = written.read()
    assert raw.startswith("\ufeff")  # a BOM: Excel then reads UTF-8
    raw = raw[1:]
    # Only CR LF ends a row: a form feed or U+2028 inside a cell is text (str.splitlines
    # would cut the row there).
    first = raw.split("\r\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return code, list(csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter))


def test_published_cases_through_the_command(tmp_path: Path) -> None:
    with (FIXTURES / "who_anthro_expected.csv").open(newline="") as f:
        cases = list(csv.DictReader(f))
    lines = ["id,sex,age_days,age_months,weight,lenhei,measure"]
    lines += [
        f"{i},{c['sex']},{c['age_days']},{c['age_months']},{c['weight']},{c['lenhei']},{c['measure']}"
        for i, c in enumerate(cases)
    ]
    code, rows = run(tmp_path, "\n".join(lines) + "\n")
    assert code == 0 and len(rows) == len(cases)
    for case, row in zip(cases, rows, strict=True):
        column = "z" + case["indicator"]
        expected = f"{float(case['expected']):.2f}" if case["expected"] else ""
        assert row[column] == expected, (case["case"], row)
        assert row["id"] == row["id"]  # extra columns pass through unchanged


def test_columns_categories_and_flags(tmp_path: Path) -> None:
    text = (
        "sex,age_days,weight,lenhei,measure,headc,armc,triskin,subskin,oedema,note\n"
        "2,400,5.0,72.0,l,44.0,12.0,7.0,6.0,n,very light\n"
    )
    code, rows = run(tmp_path, text)
    (row,) = rows
    assert code == 0
    assert list(row)[:11] == text.splitlines()[0].split(",")
    assert list(row)[11:] == OUTPUT_COLUMNS
    assert row["note"] == "very light"
    assert row["category_wei"] == "Berat badan sangat kurang"
    assert row["category_len"] in {"Normal", "Pendek", "Sangat pendek"}
    # Beyond WHO's -5 SD limit: the z is kept and flagged, but no category and a reason.
    assert float(row["zwfl"]) < -5 and row["fwfl"] == "1" and row["category_wfl"] == ""
    assert "BB/PB" in row["error"] and "WHO" in row["error"]
    assert row["fwei"] == "0"
    assert all(row[f"z{s}"] for s in ("len", "wei", "wfl", "bmi", "hc", "ac", "ts", "ss"))


def test_semicolons_and_decimal_commas_from_indonesian_excel(tmp_path: Path) -> None:
    text = "\ufeffsex;age_months;weight;lenhei;measure\nL;12;9,6;75,7;l\nP;12;8,9;74,0;l\n"
    code, rows = run(tmp_path, text.encode("utf-8"))
    assert code == 0 and len(rows) == 2
    assert rows[0]["zwei"].count(",") == 1  # written back with decimal commas
    assert rows[0]["error"] == "" and rows[1]["error"] == ""


def test_birth_and_visit_dates(tmp_path: Path) -> None:
    code, rows = run(tmp_path, "sex,birth_date,visit_date,weight\nm,2025-01-15,2025-03-01,4.5\n")
    assert code == 0 and rows[0]["zwei"] == "-0.87"  # 45 days, 4.5 kg (WHO: -0.87)


def test_older_children_use_the_2007_reference(tmp_path: Path) -> None:
    text = "sex,age_months,weight,lenhei,measure,headc\n1,100,25,130,h,50\n1,150,40,150,h,\n"
    code, rows = run(tmp_path, text)
    assert code == 0
    assert rows[0]["zlen"] and rows[0]["zwei"] and rows[0]["zbmi"] and not rows[0]["zwfl"]
    assert rows[1]["zlen"] and rows[1]["zbmi"] and not rows[1]["zwei"]  # weight only to 120 mo
    assert "LK/U" in rows[0]["error"]  # head circumference given but no 2007 table
    assert rows[1]["category_bmi"] in {"Gizi baik", "Gizi kurang", "Gizi lebih", "Obesitas"}


def test_bad_rows_say_why_and_never_stop_the_batch(tmp_path: Path) -> None:
    text = (
        "sex,age_days,weight,lenhei,measure,oedema\n"
        "x,100,5,60,l,n\n"
        "1,-3,5,60,l,n\n"
        "1,abc,5,60,l,n\n"
        "1,100,0,60,l,n\n"
        "1,100,5,200,l,n\n"
        "1,100,5,60,z,n\n"
        "1,100,5,60,l,y\n"
        "1,100,5,60,l,n,surplus\n"
        "1,100,5\n"
        "2,300,7.5,68,l,n\n"
    )
    code, rows = run(tmp_path, text)
    assert code == 0 and len(rows) == 10
    errors = [r["error"] for r in rows]
    assert "Jenis kelamin 'x' tidak dikenal" in errors[0]
    assert "tidak boleh negatif" in errors[1]
    assert "age_days 'abc' bukan angka" in errors[2]
    assert "weight: Hasil ukur tidak masuk akal" in errors[3] and rows[3]["zlen"]
    assert "di luar rentang" in errors[4]
    assert "Cara ukur 'z'" in errors[5]
    assert "edema" in errors[6].lower() and rows[6]["zwei"] == "" and rows[6]["zlen"]
    # More or fewer cells than the header: the row is not scored, and says why.
    assert "surplus" in errors[7] and "7" in errors[7] and rows[7]["zwei"] == ""
    assert "3" in errors[8] and rows[8]["zwei"] == "" and rows[8]["zlen"] == ""
    assert errors[9] == "" and rows[9]["zwfl"]


def test_english_texts(tmp_path: Path) -> None:
    code, rows = run(tmp_path, "sex,age_days,weight\n1,100,0\n", "--lang", "en")
    assert (
        code == 0 and rows[0]["error"] == "weight: Measurement is not plausible (zero or negative)"
    )


@pytest.mark.parametrize("content", [None, b"", b"\n\n"])
def test_unreadable_files_exit_non_zero(tmp_path: Path, content: bytes | None) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    if content is not None:
        src.write_bytes(content)
    assert main([str(src), "-o", str(out)]) == 1
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ([] if content is None else ["in.csv"])


def test_runs_as_a_console_command(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("sex,age_days,weight\n1,45,4.5\n")
    done = subprocess.run(
        [sys.executable, "-m", "posyandu_desktop", "anthro", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "-0.87" in out.read_text()


cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(
        st.sampled_from(
            [
                "sex",
                "age_days",
                "age_months",
                "birth_date",
                "visit_date",
                "weight",
                "lenhei",
                "measure",
                "headc",
                "armc",
                "triskin",
                "subskin",
                "oedema",
                "other",
                "bb",
                "tb",
                "tgl_lahir",
                "tgl_ukur",
                "jk",
                "cara_ukur",
            ]
        ),
        min_size=1,
        max_size=8,
    ),
    body=st.lists(st.lists(st.one_of(cells, st.floats().map(str)), max_size=10), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    junk=st.binary(max_size=40),
)
def test_never_crashes_on_any_input(
    tmp_path: Path, header: list[str], body: list[list[str]], delimiter: str, junk: bytes
) -> None:
    text = delimiter.join(header) + "\n" + "\n".join(delimiter.join(r) for r in body)
    code, rows = run(tmp_path, text.encode("utf-8", "surrogatepass") + junk)
    assert code in (0, 1)
    if code == 0:
        assert all(set(OUTPUT_COLUMNS) <= set(r) for r in rows)
        for row in rows:  # a number or a reason: a value that gives no z-score says why
            measured = any(row.get(c, "").strip() for c in ("weight", "lenhei", "bb", "tb"))
            scored = any(row[f"z{i}"] for i in ("len", "wei", "wfl", "bmi"))
            assert scored or row["error"] or not measured, row


def test_large_files_are_scored_in_worker_processes_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posyandu_desktop.commands import anthro

    lines = ["id,sex,age_days,weight"] + [
        f"{i},{1 + i % 2},{i * 17},{3 + i * 0.4:.1f}" for i in range(60)
    ]
    _, serial = run(tmp_path, "\n".join(lines))
    monkeypatch.setattr(anthro, "_PARALLEL_FROM_ROWS", 10)
    monkeypatch.setattr(anthro, "_CHUNK_ROWS", 7)
    code, parallel = run(tmp_path, "\n".join(lines))
    assert (
        code == 0
        and parallel == serial
        and [r["id"] for r in parallel] == [str(i) for i in range(60)]
    )


def test_a_form_feed_in_a_cell_stays_in_its_row_and_gets_a_reason(tmp_path):
    # Found by hypothesis: "\x0c" ends a line for str.splitlines but not for CSV.
    code, rows = run(tmp_path, b"weight\n!\x0c")
    assert code == 0 and len(rows) == 1
    assert (
        rows[0]["weight"] == "!\x0c" and rows[0]["zwei"] == "" and "bukan angka" in rows[0]["error"]
    )

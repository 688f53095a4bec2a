"""The command's fast row path writes exactly what the full `score_row` writes, for any cells."""

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posyandu_desktop.commands import anthro
from posyandu_desktop.commands.anthro import _standards, fast_row_scorer, main, score_row
from posyandu_desktop.domain.growth.anthro_input import resolve_header

COLUMNS = ["sex", "age_days", "age_months", "weight", "lenhei", "measure", "headc", "armc"]
COLUMNS += ["triskin", "subskin", "oedema"]


JUNK = ["", "x", " 5", "1e3", "9.600", "-1", "0", "=1+1", "5,5.5", "٣"]


@st.composite
def rows(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Mostly ordinary visits (values near the WHO median, written like a spreadsheet), with a
    cell of junk now and then, so both paths and their border are exercised."""
    decimal = draw(st.sampled_from([".", ","]))
    days = draw(st.integers(0, 1900))
    late = days >= 91 or draw(st.booleans())  # arm and skinfolds only from 3 months
    months = days / 30.4375

    def value(median: float, spread: float, digits: int) -> str:
        if draw(st.integers(0, 29)) == 0:
            return draw(st.sampled_from(JUNK))
        x = draw(st.floats(median * (1 - spread), median * (1 + spread)))
        return f"{x:.{digits}f}".replace(".", decimal)

    cells = [
        draw(st.sampled_from(["1", "2", "L", "P", "m", "f"] * 3 + ["", "3", " l"])),
        str(days) if draw(st.integers(0, 29)) else draw(st.sampled_from(JUNK)),
        value(months, 0.01, 2),
        value(3.3 + 0.21 * months, 0.35, draw(st.integers(0, 2))),
        value(
            50 + min(months, 24) * 1.5 + max(months - 24, 0) * 0.6, 0.12, draw(st.integers(0, 2))
        ),
        draw(st.sampled_from(["", "l", "h", "L", "H"] * 3 + ["berdiri", "x"])),
        value(35 + min(months, 24) * 0.45 + max(months - 24, 0) * 0.1, 0.1, 1),
        value(14.5, 0.2, 1) if late else "",
        value(8.0, 0.4, 1) if late else "",
        value(6.5, 0.4, 1) if late else "",
        draw(st.sampled_from(["", "n", "N", "2"] * 4 + ["y", "1", "x"])),
    ]
    return decimal, cells


@settings(max_examples=2000, deadline=None)
@given(row=rows(), lang=st.sampled_from(["id", "en"]))
def test_fast_rows_equal_score_row(row: tuple[str, list[str]], lang: str) -> None:
    decimal, cells = row
    positions = {c: i for i, c in enumerate(COLUMNS)}
    quick = fast_row_scorer(positions, lang, decimal)(cells)
    full = score_row(
        dict(zip(COLUMNS, cells, strict=True)), _standards()[0], lang=lang, decimal=decimal
    )
    if quick is not None:
        assert quick == full
    else:
        assert full  # the full path always answers


def test_the_fast_path_takes_ordinary_rows() -> None:
    positions = {c: i for i, c in enumerate(COLUMNS)}
    fast = fast_row_scorer(positions, "id", ",")
    assert fast(["1", "400", "", "9,6", "75,7", "l", "46,0", "15,0", "8,0", "7,0", "n"])
    assert fast(["1", "400", "", "96", "75,7", "l", "", "", "", "", ""]) is None  # flagged


def test_the_summary_is_the_same_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ["jk;umur_hari;bb;tb;cara_ukur;lila;oedema"]
    for i in range(400):
        days = (i * 37) % 1900
        months = days / 30.4375
        weight = 3.3 + 0.21 * months + (i % 7 - 3) * 0.6
        length = 50 + min(months, 24) * 1.5 + max(months - 24, 0) * 0.6 + (i % 5 - 2) * 2
        cells = [
            "LP"[i % 2],
            str(days),
            f"{weight:.1f}",
            f"{length:.1f}",
            "lh"[days >= 731],
            f"14.{i % 10}",
            "y" if i % 53 == 0 else "n",
        ]
        lines.append(";".join(cells).replace(".", ","))
    src = tmp_path / "in.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def summary(name: str) -> str:
        target = tmp_path / name
        assert main([str(src), "-o", str(tmp_path / "out.csv"), "--summary", str(target)]) == 0
        return target.read_text(encoding="utf-8-sig")

    fast = summary("fast.csv")
    monkeypatch.setattr(anthro, "fast_row_scorer", lambda *a: lambda cells: None)
    assert summary("full.csv") == fast


def _every_kind_of_row(seed: int, decimal: str) -> list[list[str]]:
    """Ordinary visits and every way a row can leave the fast path: junk and signs, flagged and
    implausible values, too young for arm circumference, months only, oedema, over five, formula
    and non-ASCII names, blank and separator-only lines, too few and too many cells."""
    rng = random.Random(seed)
    rows = []
    for _ in range(3000):
        days = rng.randint(0, 2000)
        months = days / 30.4375
        weight = (3.3 + 0.21 * min(months, 60)) * rng.gauss(1, 0.15)
        length = (50 + min(months, 24) * 1.5 + max(months - 24, 0) * 0.6) * rng.gauss(1, 0.05)
        cells = [
            rng.choice(["Budi", "=HYPERLINK(1)", "+62", "Siti Ña", "\u202eX", "-", ""]),
            rng.choice(["1", "2", "L", "P", "l", " p", "\tL", "3", ""]),
            str(days) if rng.random() < 0.9 else "",
            f"{months:.2f}" if rng.random() < 0.3 else "",
            f"{weight:.{rng.randint(0, 2)}f}" if rng.random() < 0.95 else "",
            f"{length:.1f}" if rng.random() < 0.9 else "",
            rng.choice(["l", "h", "L", "H", "", "x"]),
            f"{35 + min(months, 24) * 0.45:.1f}" if rng.random() < 0.5 else "",
            f"{rng.gauss(15, 1.5):.1f}" if rng.random() < 0.5 else "",
            rng.choice(["", "n", "N", "2", "y"]),
        ]
        cells = [c.replace(".", decimal) for c in cells]
        if rng.random() < 0.05:
            i = rng.randrange(2, 9)
            cells[i] = rng.choice(["9600", "-1", "1e3", "0", "x", "9.600", "٣", "1,5,5"])
        kind = rng.random()
        if kind < 0.01:
            cells = ["", "  "] + [""] * 8
        elif kind < 0.02:
            cells = cells[:5]
        elif kind < 0.03:
            cells += ["", rng.choice(["", "extra"])]
        rows.append(cells)
    return rows


@pytest.mark.parametrize(
    ("separator", "decimal", "newline"), [(";", ",", "\r\n"), (",", ".", "\n"), ("\t", ",", "\n")]
)
def test_the_fast_path_writes_the_same_bytes_as_the_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, separator: str, decimal: str, newline: str
) -> None:
    header = [
        "nama",
        "jk",
        "umur_hari",
        "umur_bulan",
        "bb",
        "tb",
        "cara_ukur",
        "lk",
        "lila",
        "oedema",
    ]
    rows = _every_kind_of_row(len(separator) + ord(decimal), decimal)
    lines = [header, *rows]
    source = tmp_path / "in.csv"
    source.write_text(
        newline.join(separator.join(cells) for cells in lines) + newline, encoding="utf-8"
    )
    monkeypatch.setattr(anthro, "_PARALLEL_FROM_ROWS", 1000)  # in worker processes, in chunks
    monkeypatch.setattr(anthro, "_CHUNK_ROWS", 700)
    quick = fast_row_scorer(resolve_header(header)[0], "id", decimal)
    taken = sum(len(r) == len(header) and quick(r) is not None for r in rows)
    assert taken > len(rows) / 5  # both paths are well exercised

    def output(name: str) -> bytes:
        target = tmp_path / name
        assert main([str(source), "-o", str(target)]) == 0
        return target.read_bytes()

    fast = output("fast.csv")
    monkeypatch.setattr(anthro, "fast_row_scorer", lambda *a: lambda cells: None)
    monkeypatch.setattr(anthro, "_plain_lines", lambda text: None)
    full = output("full.csv")
    assert fast == full
    assert fast.count(b"\r\n") == 1 + sum(1 for r in rows if any(c.strip() for c in r))

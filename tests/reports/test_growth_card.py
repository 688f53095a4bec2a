"""The growth card PDF, read back: header fields and the KMS rows against the registry."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.weight_gain import KBM_BUKU_KIA_2023, GrowthStatus
from posyandu_desktop.domain.ids import PersonId, PosyanduId
from posyandu_desktop.reports.data import CardMonth
from posyandu_desktop.reports.growth_card import columns, render_growth_card, write_growth_card
from posyandu_desktop.services.cadres import list_cadres_for_login
from posyandu_desktop.services.reports import growth_card_data
from posyandu_desktop.services.setup import choose_kms_version
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Database
from tests.reports.expected import months_old, pdf_lines
from tests.reports.helpers import FONTS, TODAY, demo_folder

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("card") / "data")


@pytest.fixture(scope="module")
def con(folder: Path) -> sqlite3.Connection:
    con = sqlite3.connect(database_path(folder))
    con.row_factory = sqlite3.Row
    return con


def _children(con: sqlite3.Connection) -> list[PersonId]:
    """A child under one with no NIK, a toddler, and the oldest balita: both KMS pages used."""
    rows = con.execute(
        "SELECT p.id, p.nik, p.birth_date FROM person p WHERE p.birth_date > '2021-11-01' "
        "AND EXISTS (SELECT 1 FROM measurement m WHERE m.person_id = p.id) ORDER BY p.birth_date"
    ).fetchall()
    no_nik = next(r["id"] for r in reversed(rows) if r["nik"] is None)
    return [no_nik, rows[len(rows) // 2]["id"], rows[0]["id"]]


def _expected_months(con: sqlite3.Connection, person_id: int, birth: date) -> list[dict[str, Any]]:
    """Per calendar month: the last valid weighing's kg and status (else the last doubtful one,
    printed with "?"), the gain in grams from last month's valid weighing, and vitamin A."""
    months: dict[tuple[int, int], dict[str, Any]] = {}
    for r in con.execute(
        "SELECT measured_on, weight_kg, growth_status, doubtful LIKE '%weight_kg%' AS doubtful "
        "FROM measurement WHERE person_id = ? AND weight_kg IS NOT NULL "
        "ORDER BY doubtful LIKE '%weight_kg%' DESC, measured_on, id",
        (person_id,),
    ):
        on = date.fromisoformat(r["measured_on"])
        months[(on.year, on.month)] = {
            "on": on,
            "kg": r["weight_kg"],
            "status": r["growth_status"],
            "doubtful": bool(r["doubtful"]),
        }
    for (year, month), found in months.items():
        before = months.get((year, month - 1) if month > 1 else (year - 1, 12))
        if found["status"] in ("N", "T") and before is not None:
            found["gain"] = round((found["kg"] - before["kg"]) * 1000)
    for r in con.execute(
        "SELECT given_on, capsule FROM service_given WHERE person_id = ? AND kind = 'vitamin_a'",
        (person_id,),
    ):
        on = date.fromisoformat(r["given_on"])
        months.setdefault(
            (on.year, on.month), {"on": on, "kg": None, "status": None, "doubtful": False}
        )
        months[(on.year, on.month)]["capsule"] = r["capsule"]
    # The birth weight fills the birth month's column when nobody weighed the baby then.
    weight = con.execute("SELECT birth_weight_kg FROM person WHERE id = ?", (person_id,)).fetchone()
    if weight[0] is not None and (birth.year, birth.month) not in months:
        months[(birth.year, birth.month)] = {
            "on": birth,
            "kg": weight[0],
            "status": None,
            "doubtful": False,
        }
    out, last = [], -1
    for key in sorted(months):
        m = months[key]
        column = max(months_old(birth, m["on"]), last + 1)
        last = column
        if column < 60:
            out.append({**m, "key": key, "column": column})
    return out


def _printed(kg: float, doubtful: bool) -> str:
    """A weight as the card prints it: as many decimals as weighed (1 to 3), "?" if doubtful."""
    text = f"{kg:.3f}".rstrip("0")
    return (text + "0" if text.endswith(".") else text) + ("?" if doubtful else "")


def _row(lines: list[str], start: int, name: str, stop: str) -> list[str]:
    i = lines.index(name, start) + 1
    j = lines.index(stop, i)
    return lines[i:j]


def test_card_header_and_monthly_rows_match_the_registry(
    folder: Path, con: sqlite3.Connection
) -> None:
    db = Database(database_path(folder))
    try:
        for person_id in _children(con):
            card = growth_card_data(db, person_id)
            assert card is not None
            lines = pdf_lines(render_growth_card(card, FONTS, lang="en", printed_on=TODAY))
            p = con.execute("SELECT * FROM person WHERE id = ?", (person_id,)).fetchone()
            mother = con.execute("SELECT * FROM person WHERE id = ?", (p["mother_id"],)).fetchone()
            birth = date.fromisoformat(p["birth_date"])
            assert lines[lines.index("Name") + 1] == p["name"]
            assert (
                lines[lines.index("Date of birth") + 1]
                == f"{birth.day} {_month(birth)} {birth.year}"
            )
            assert lines[lines.index("Sex") + 1] == ("Boy" if p["sex"] == 1 else "Girl")
            if p["nik"]:
                assert lines[lines.index("NIK") + 1] == p["nik"]
            else:
                want = mother["nik"] if mother is not None and mother["nik"] else p["mother_nik"]
                assert lines[lines.index("Mother's NIK") + 1] == want
            assert lines[lines.index("Mother's name") + 1] == (mother["name"] if mother else "-")
            posyandu = con.execute("SELECT name FROM posyandu").fetchone()[0]
            assert lines[lines.index("Posyandu") + 1] == posyandu
            assert (
                "Method: WHO 2006 growth standards, Permenkes 2/2020. Printed 20 October 2026."
                in lines
            )
            assert "Page 1 of 2" in lines and "Page 2 of 2" in lines

            expected = _expected_months(con, person_id, birth)
            for first, title in (
                (0, "Weight-for-age (BB/U), 0-24 months"),
                (24, "Weight-for-age (BB/U), 24-60 months"),
            ):
                part = [
                    m for m in expected if first <= m["column"] < first + (24 if first == 0 else 36)
                ]
                start = lines.index(title)
                month_cells = _row(lines, start, "Month", "Weight (kg)")
                assert month_cells == [
                    x
                    for m in part
                    for x in (MONTHS_EN[m["key"][1] - 1], f"{m['key'][0] % 100:02d}")
                ]
                weights = _row(lines, lines.index("Month", start), "Weight (kg)", "KBM (g)")
                assert weights == [_printed(m["kg"], m["doubtful"]) for m in part if m["kg"]]
                gains = _row(lines, lines.index("KBM (g)", start), "Gain (g)", "N/T")
                assert gains == [str(m["gain"]) for m in part if "gain" in m]
                stop = "Excl. breastfeeding" if first == 0 else "Vitamin A"
                statuses = _row(lines, lines.index("Gain (g)", start), "N/T", stop)
                assert statuses == [m["status"] for m in part if m["status"]]
                # The printed numbers imply the letter: the gain is the difference of the two
                # printed weights, and N exactly when it reaches the month's KBM.
                for m in part:
                    if "gain" in m:
                        kbm = KBM_BUKU_KIA_2023.kbm_g(months_old(birth, m["on"])) or 1
                        assert (m["gain"] >= kbm) == (m["status"] == "N"), m
                after_vitamin = lines[lines.index("Vitamin A", start) + 1 :]
                capsules = [
                    {"blue": "B", "red": "R"}[m["capsule"]] for m in part if m.get("capsule")
                ]
                assert after_vitamin[: len(capsules)] == capsules
    finally:
        db.close()


def _month(on: date) -> str:
    return [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][on.month - 1]


def test_both_pages_carry_the_who_charts_with_the_childs_points(
    folder: Path, con: sqlite3.Connection
) -> None:
    db = Database(database_path(folder))
    try:
        card = growth_card_data(db, _children(con)[1])
    finally:
        db.close()
    assert card is not None
    wfa = card.chart(Chart.WEIGHT_FOR_AGE_0_24)
    assert wfa is not None and [z for z, _ in wfa.curves] == [-3, -2, -1, 0, 1, 2, 3]
    weighed = [m for m in card.months if m.weight_kg is not None]
    points = wfa.points + card.chart(Chart.WEIGHT_FOR_AGE_24_60).points  # type: ignore[union-attr]
    assert len(points) >= len(weighed)  # a 24-month weighing sits on both pages
    lines = pdf_lines(render_growth_card(card, FONTS, lang="en", printed_on=TODAY))
    for title in (
        "Length-for-age (PB/U), 0-24 months",
        "Height-for-age (TB/U), 24-60 months",
        "Head circumference-for-age (LK/U), 0-24 months",
        "Severely underweight",
        "Stunted",
    ):
        assert title in lines
    assert any(t.startswith("Weight-for-") and "cm" in t for t in lines)
    assert {"−3", "+3", "0"} <= set(lines)  # every SD line is named


def test_columns_follow_completed_months_and_never_collide() -> None:
    def m(year: int, month: int, age: int) -> CardMonth:
        return CardMonth(year, month, age, 8.0, None, GrowthStatus.N, None)

    months = (m(2025, 1, 3), m(2025, 2, 3), m(2025, 3, 5), m(2029, 12, 59), m(2030, 1, 60))
    placed = columns(months)
    assert sorted(placed) == [3, 4, 5, 59]  # Feb moved right of Jan; past 59 left off
    assert placed[4].month == 2


def test_unknown_person_and_atomic_write(
    folder: Path, tmp_path: Path, con: sqlite3.Connection
) -> None:
    db = Database(database_path(folder))
    try:
        assert growth_card_data(db, PersonId(10**6)) is None
        card = growth_card_data(db, _children(con)[0])
    finally:
        db.close()
    assert card is not None
    target = write_growth_card(card, tmp_path / "card.pdf", FONTS, printed_on=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == ["card.pdf"]
    assert "Kartu" in "\n".join(pdf_lines(target)) or "KMS" in "\n".join(pdf_lines(target))


def _first_kbm_row(pdf: bytes) -> list[tuple[float, str]]:
    """(x, text) of the KBM cells under the 0-24 month chart, left to right."""
    import io

    import pypdf

    placed: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            placed.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    label_y = next(y for _, y, t in placed if t == "KBM (g)")
    return sorted((x, t) for x, y, t in placed if abs(y - label_y) < 3 and t.isdigit())


def test_the_card_prints_the_kbm_row_of_the_chosen_kms_version(
    folder: Path, tmp_path: Path, con: sqlite3.Connection
) -> None:
    """With the 400 g reading chosen, the 400 g cell spans months 6-7 (centred on month 7);
    a letter judged earlier keeps the KBM it was judged with beside it."""
    _, toddler, oldest = _children(con)  # the oldest has no weighing under two years
    own = demo_folder(tmp_path / "data")
    db = Database(database_path(own))
    try:
        default = growth_card_data(db, oldest)
        posyandu_id = PosyanduId(con.execute("SELECT id FROM posyandu").fetchone()[0])
        coordinator = next(
            c.id for c in list_cadres_for_login(db, posyandu_id=posyandu_id) if c.is_coordinator
        )
        choose_kms_version(
            db, posyandu_id=posyandu_id, version="buku-kia-2023-m7-400", by_cadre_id=coordinator
        ).unwrap()
        other, judged = growth_card_data(db, oldest), growth_card_data(db, toddler)
    finally:
        db.close()
    assert default is not None and other is not None and judged is not None
    assert other.kms.kbm.kbm_g(7) == 400 and default.kms.kbm.kbm_g(7) == 300
    for card, width_of_400 in ((default, 1.0), (other, 2.0)):
        row = _first_kbm_row(render_growth_card(card, FONTS, lang="en", printed_on=TODAY))
        assert [t for _, t in row] == ["800", "900", "800", "600", "500", "400", "300", "200"]
        x = {t: x for x, t in row[1:]}
        column = x["900"] - row[0][0]
        # A merged cell's number sits in its middle: 500 at 5.5, 400 at 6.5 or 7.
        assert x["400"] - x["500"] == pytest.approx(column * (0.5 + width_of_400 / 2), abs=0.5)
    # The demo's letters were judged with the default reading before the choice.
    letters = [m for m in judged.months if m.status in (GrowthStatus.N, GrowthStatus.T)]
    assert letters
    for m in letters:
        assert m.judged_kbm_g == KBM_BUKU_KIA_2023.kbm_g(m.age_months), m

"""The monthly report PDF, read back with pypdf: every number against an independent count."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.i18n import vocabulary_label
from posyandu_desktop.reports.monthly_report import render_monthly_report, write_monthly_report
from posyandu_desktop.services.reports import monthly_report_data, this_posyandu_id
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Database
from tests.reports.expected import GROUPS, LETTERS, Registry, after, pdf_lines
from tests.reports.helpers import FONTS, TODAY, demo_folder

YEAR, MONTH = 2026, 10
LABELS = {  # row names of the F2 table in the English PDF
    "s": "S children under five in the area",
    "k": "K have a KMS / Buku KIA",
    "d": "D weighed this month",
    "n": "N weight went up",
    "t": "T weight did not go up",
    "two_t": "2T not up twice in a row",
    "o": "O not weighed last month",
    "b": "B weighed here for the first time",
    "bgm": "BGM below the red line",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("monthly") / "data")


@pytest.fixture(scope="module")
def registry(folder: Path) -> Registry:
    return Registry(database_path(folder))


@pytest.fixture(scope="module")
def lines(folder: Path) -> list[str]:
    db = Database(database_path(folder))
    try:
        posyandu_id = this_posyandu_id(db)
        assert posyandu_id is not None
        data = monthly_report_data(db, posyandu_id, YEAR, MONTH, today=TODAY)
    finally:
        db.close()
    pdf = render_monthly_report(data, FONTS, lang="en", printed_on=TODAY)
    return pdf_lines(pdf)


def _ints(values: list[str]) -> list[int]:
    return [int(v) for v in values]


def test_skdn_table_matches_the_registry_cell_by_cell(lines: list[str], registry: Registry) -> None:
    cells = registry.skdn(YEAR, MONTH)
    for letter in LETTERS:
        printed = _ints(after(lines, LABELS[letter], 13))
        expected = [cells[(sex, g)][letter] for g in range(len(GROUPS)) for sex in (1, 2)]
        expected += [sum(cells[(sex, g)][letter] for g in range(len(GROUPS))) for sex in (1, 2)]
        expected.append(expected[-1] + expected[-2])
        assert printed == expected, letter
    totals = {x: sum(c[x] for c in cells.values()) for x in LETTERS}
    assert totals["s"] > 0 and totals["d"] > 0 and totals["t"] > 0  # a real month, not zeros
    assert totals["d"] == totals["n"] + totals["t"] + totals["o"] + totals["b"]
    check = next(line for line in lines if line.startswith("Check D = N + T + O + B"))
    assert check.startswith("Check D = N + T + O + B: {d} = {n} + {t} + {o} + {b}".format(**totals))
    assert check.endswith("correct in every column")


def test_ratios_bars_and_trend(lines: list[str], registry: Registry) -> None:
    cells = registry.skdn(YEAR, MONTH)
    t = {x: sum(c[x] for c in cells.values()) for x in LETTERS}
    for name, part, whole in (
        ("D/S", t["d"], t["s"]),
        ("K/S", t["k"], t["s"]),
        ("D/K", t["d"], t["k"]),
        ("N/D", t["n"], t["d"]),
        ("N/S", t["n"], t["s"]),
    ):
        _, counts, pct = after(lines, name, 3)
        assert counts == f"{part}/{whole}"
        assert pct == f"{100 * part / whole:.1f} %"
    bars = after(lines, "N/S", 11)[3:]  # the bar chart is drawn right after the ratio table
    assert _ints(bars[:4]) == [t["s"], t["k"], t["d"], t["n"]]
    assert bars[4:] == ["S", "K", "D", "N"]
    months = [(YEAR - (MONTH - i <= 0), (MONTH - i - 1) % 12 + 1) for i in range(11, -1, -1)]
    start = lines.index("Trend over 12 months (%)")
    ds = after(lines, "D/S", 12, start)
    nd = after(lines, "N/D", 12, start)
    for (y, m), d_s, n_d in zip(months, ds, nd, strict=True):
        c = registry.skdn(y, m)
        s, d, n = (sum(x[k] for x in c.values()) for k in ("s", "d", "n"))
        assert d_s == f"{100 * d / s:.1f} %"
        assert n_d == (f"{100 * n / d:.1f} %" if d else "-")


def test_status_counts(lines: list[str], registry: Registry) -> None:
    counts = registry.status_counts(YEAR, MONTH)
    tables = (
        (
            "Weight-for-age (BB/U)",
            "wfa_category",
            "wfa",
            ("severely_underweight", "underweight", "normal", "risk_of_overweight"),
        ),
        (
            "Length/height-for-age (PB/U, TB/U)",
            "lhfa_category",
            "lhfa",
            ("severely_stunted", "stunted", "normal", "tall"),
        ),
        (
            "Weight-for-length/height (BB/PB, BB/TB)",
            "wflh_category",
            "wflh",
            (
                "severely_wasted",
                "wasted",
                "normal",
                "possible_risk_of_overweight",
                "overweight",
                "obese",
            ),
        ),
        (
            "BMI-for-age (IMT/U)",
            "bfa_category",
            "wflh",
            (
                "severely_wasted",
                "wasted",
                "normal",
                "possible_risk_of_overweight",
                "overweight",
                "obese",
            ),
        ),
    )
    for title, column, scheme, categories in tables:
        block = after(lines, title, 2 * len(categories) + 2)
        printed = _ints(block[1::2])
        assert printed[:-1] == [counts[column][f"{scheme}.{c}"] for c in categories], title
        assert printed[-1] == sum(counts[column].values())


def test_new_stunting_and_referrals(lines: list[str], registry: Registry) -> None:
    names = registry.new_stunting(YEAR, MONTH)
    assert f"4. New stunting cases: {len(names)}" in lines
    refer, tally, again = registry.referrals(YEAR, MONTH)
    assert f"5. Children to refer: {len(refer)}" in lines
    line = next(x for x in lines if x.startswith("T (weight did not go up): "))
    expected = (
        f"T (weight did not go up): {tally['t']}   2T: {tally['two_t']}   BGM: {tally['bgm']}   "
        f"above the orange line: {tally['above_orange']}   "
        f"oedema: {tally['oedema']}   MUAC < 11.5 cm: {tally['muac']}"
    )
    assert line.replace("\xa0", " ") == expected
    start = lines.index("Reasons")
    printed = []
    i = start + 1
    for number in range(1, len(refer) + 1):
        while lines[i] != str(number):  # a page break repeats the header
            i += 1
        printed.append(lines[i + 1])
        i += 2
    assert printed == refer
    assert f"Doubtful values to measure again (not counted anywhere): {len(again)}" in lines


def test_adults_visits_services_and_cadres(lines: list[str], registry: Registry) -> None:
    kek, measured = registry.kek(YEAR, MONTH, TODAY)
    assert f"6. Pregnant women with KEK (LILA < 23.5 cm): {kek} of {measured} measured" in lines
    bp = registry.blood_pressure(YEAR, MONTH)
    assert _ints(after(lines, "Adults 18-59 years", 2)) == [bp["adults"], bp["high_adults"]]
    assert _ints(after(lines, "Elderly 60 years and over", 2)) == [
        bp.get("elders", 0),
        bp.get("high_elders", 0),
    ]
    visits = registry.between(
        "SELECT reason FROM home_visit WHERE visited_on BETWEEN ? AND ?", YEAR, MONTH
    )
    assert _ints(
        after(lines, "Home visits", 1, lines.index("8. Home visits, services and cadres"))
    ) == [len(visits)]
    for reason in VisitReason:
        want = sum(v[0] == reason.value for v in visits)
        assert _ints(after(lines, vocabulary_label(reason, "en"), 1)) == [want]
    given = registry.between(
        "SELECT DISTINCT kind, capsule, person_id FROM service_given "
        "WHERE given_on BETWEEN ? AND ?",
        YEAR,
        MONTH,
    )
    for label, kind, capsule in (
        ("Vitamin A: Blue capsule (100,000 IU)", "vitamin_a", "blue"),
        ("Vitamin A: Red capsule (200,000 IU)", "vitamin_a", "red"),
        ("Deworming", "deworming", None),
        ("Supplementary food (PMT)", "pmt", None),
        ("Iron tablets (TTD)", "iron_tablets", None),
    ):
        want = sum(g[0] == kind and g[1] == capsule for g in given)
        assert _ints(after(lines, label, 1)) == [want], label
    cadres = registry.con.execute("SELECT COUNT(*) FROM cadre WHERE active").fetchone()[0]
    assert _ints(after(lines, "Registered (active in the registry)", 1)) == [cadres]
    days = registry.between(
        "SELECT d.held_on, COUNT(DISTINCT a.cadre_id) FROM posyandu_day d LEFT JOIN "
        "cadre_attendance a ON a.day_id = d.id WHERE d.held_on BETWEEN ? AND ? GROUP BY d.id",
        YEAR,
        MONTH,
    )
    active = registry.between(
        "SELECT COUNT(DISTINCT a.cadre_id) FROM cadre_attendance a JOIN posyandu_day d "
        "ON d.id = a.day_id WHERE d.held_on BETWEEN ? AND ?",
        YEAR,
        MONTH,
    )[0][0]
    assert _ints(after(lines, "Active this month (served at a session)", 1)) == [active]
    assert _ints(after(lines, "Posyandu sessions held", 1)) == [len(days)]
    for held_on, present in days:
        label = f"Cadres present on {date.fromisoformat(held_on).day} October 2026"
        assert _ints(after(lines, label, 1)) == [present]


def test_cadre_sheet(lines: list[str], registry: Registry) -> None:
    expected = registry.cadre_sheet(YEAR, MONTH)
    start = lines.index("Cadre performance sheet")
    assert after(lines, "Records", 1, start) == ["corrected"]
    i = lines.index("corrected", start) + 1
    printed = {}
    for number in range(1, len(expected) + 1):
        assert lines[i] == str(number)
        printed[lines[i + 1]] = tuple(_ints(lines[i + 2 : i + 6]))
        i += 6
    assert printed == expected


def test_corrections_count_on_the_sheet_of_the_month_they_were_made(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    db = Database(database_path(folder))
    try:
        posyandu_id = this_posyandu_id(db)
        assert posyandu_id is not None
        first = Registry(database_path(folder)).measurements[-1]
        outcome = services.correct_measurement(
            db,
            cadre_id=first["entered_by"],
            measurement_id=first["id"],
            reason="typed 0.1 kg too much",
            values=services.MeasuredValues(
                weight_kg=services.Reading((first["weight_kg"] or 10.0) - 0.1)
            ),
        )
        assert outcome.value is not None
        now = date.today()
        data = monthly_report_data(db, posyandu_id, now.year, now.month, today=TODAY)
    finally:
        db.close()
    expected = Registry(database_path(folder)).cadre_sheet(now.year, now.month)
    corrected = {p.name: p.records_corrected for p in data.cadre_performance}
    assert corrected == {name: row[3] for name, row in expected.items()}
    assert sum(corrected.values()) == 1


def test_written_atomically_in_indonesian_by_default(folder: Path, tmp_path: Path) -> None:
    db = Database(database_path(folder))
    try:
        data = monthly_report_data(db, this_posyandu_id(db) or 0, YEAR, MONTH, today=TODAY)
    finally:
        db.close()
    target = write_monthly_report(data, tmp_path / "out" / "report.pdf", FONTS, printed_on=TODAY)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]  # no temp file left
    text = "\n".join(pdf_lines(target))
    assert "Oktober 2026" in text
    assert re.search(r"\d+,\d %", text)  # Indonesian decimal comma


def test_the_ilp_page_beside_the_unchanged_f2(folder: Path, lines: list[str]) -> None:
    from dataclasses import replace

    from posyandu_desktop.domain.ilp_report import Finding, IlpService, IlpVisit, ilp_month
    from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
    from posyandu_desktop.domain.people import Sex
    from posyandu_desktop.domain.vocabulary import ServiceKind

    db = Database(database_path(folder))
    try:
        data = monthly_report_data(db, this_posyandu_id(db) or 0, YEAR, MONTH, today=TODAY)
    finally:
        db.close()
    # The registry's own ILP page: the demo's adults and pregnant women were seen.
    assert data.ilp is not None
    seen = {row.stage: row.seen for row in data.ilp.stages}
    assert seen[LifeStage.UNDER_FIVE] > 0 and seen[LifeStage.ADULT] + seen[LifeStage.ELDERLY] > 0
    pregnant = LifeStage.PREGNANT_OR_POSTPARTUM
    kek = frozenset({Finding.KEK})
    ilp = ilp_month(
        YEAR,
        MONTH,
        [
            IlpVisit(1, pregnant, Sex.FEMALE, kek, kek),
            IlpVisit(2, pregnant, Sex.FEMALE, kek),
            IlpVisit(3, LifeStage.ELDERLY, Sex.MALE, frozenset({Finding.DEPENDENT})),
        ],
        [
            IlpService(1, date(YEAR, MONTH, 5), ServiceKind.IRON_TABLETS, pregnant, Sex.FEMALE),
            IlpService(
                4,
                date(YEAR, MONTH, 5),
                ServiceKind.IMMUNISATION,
                LifeStage.UNDER_FIVE,
                Sex.MALE,
                antigen="PCV 2",
            ),
        ],
        vitamin_a_due={VitaminACapsule.RED: 7},
    )
    with_ilp = pdf_lines(
        render_monthly_report(replace(data, ilp=ilp), FONTS, lang="en", printed_on=TODAY)
    )
    text = " ".join(with_ilp)
    assert "ILP: life stages and services" in text
    assert "Pregnant or postpartum 2 1 / 2 0 / 0 0 / 0 0 / 0" in text
    assert "Elderly 1 0 / 0 0 / 0 0 / 0 0 / 1" in text
    assert "TTD, pregnant women seen 1 / 2" in text
    assert "PCV 2 1" in text
    assert "October is not a vitamin A month" in text
    # The F2 pages are the same with or without the ILP page (but for "Page 1 of 5").
    f2 = with_ilp.index("ILP: life stages and services")
    assert [line for line in with_ilp[:f2] if not line.startswith("Page ")] == [
        line for line in lines[:f2] if not line.startswith("Page ")
    ]

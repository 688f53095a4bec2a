"""The puskesmas recap PDF read back with pypdf and its workbook read back with openpyxl: every
number against the recap of three demo Posyandu (two children shared between them)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.classify import WeightForAgeCategory as W
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus as G
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.domain.recap import Recap, recap
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.i18n import category_label
from posyandu_desktop.reports.monthly_report import percent
from posyandu_desktop.reports.recap import render_recap_pdf, write_recap_pdf
from posyandu_desktop.reports.recap_xlsx import HEAD_ROW, recap_xlsx_bytes, write_recap_xlsx
from tests.domain.test_recap import Demo, month, three_posyandu, weighing
from tests.reports.expected import after, pdf_lines
from tests.reports.helpers import FONTS

PRINTED = date(2026, 11, 2)
LETTERS = ("s", "k", "d", "n", "t", "two_t", "o", "b", "bgm")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return three_posyandu(tmp_path_factory.mktemp("recap-report"))


@pytest.fixture(scope="module")
def result(demo: Demo) -> Recap:
    return recap(demo.months)


@pytest.fixture(scope="module")
def lines(result: Recap) -> list[str]:
    return pdf_lines(render_recap_pdf(result, FONTS, lang="en", printed_on=PRINTED))


def _skdn_printed(counts: ind.SkdnCounts) -> list[str]:
    ratios = (counts.k_s, counts.d_s, counts.d_k, counts.n_d, counts.n_s)
    return [str(getattr(counts, f)) for f in LETTERS] + [percent(r, "en") for r in ratios]


def test_pdf_skdn_rows_and_totals(lines: list[str], result: Recap) -> None:
    start = lines.index("1. SKDN and ratios by Posyandu")
    for row in result.rows:
        printed = after(lines, row.name, 16, start)
        assert printed == [row.kelurahan, *_skdn_printed(row.counts.skdn), "✓"]
    assert after(lines, "Sum of the rows", 14, start) == _skdn_printed(result.rows_sum.skdn)
    total = after(lines, "Puskesmas total (each person once)", 14, start)
    assert total == _skdn_printed(result.total.skdn)
    assert result.total.skdn.s == result.rows_sum.skdn.s - 2  # the two shared children
    t = result.total.skdn
    assert f"Check D = N + T + O + B: {t.d} = {t.n} + {t.t} + {t.o} + {t.b}" in lines


def test_pdf_skdn_by_age_group(lines: list[str], result: Recap) -> None:
    start = lines.index("2. SKDN of the Puskesmas by sex and age group (each child once)")
    s_row = after(lines, "S", 13, start)
    assert [int(v) for v in s_row][-1] == result.total.skdn.s
    d_row = after(lines, "D", 13, start)
    assert int(d_row[-1]) == result.total.skdn.d


def test_pdf_status_cases_and_cadres(lines: list[str], result: Recap) -> None:
    start = lines.index("3. Nutritional status by Posyandu")
    wfa, lhfa = ind.StatusIndex.WEIGHT_FOR_AGE, ind.StatusIndex.LENGTH_HEIGHT_FOR_AGE
    for row in result.rows:
        c = row.counts
        expected = [c.status[wfa][x] for x in wfa.categories] + [c.status_measured(wfa)]
        expected += [c.status[lhfa][x] for x in lhfa.categories] + [c.status_measured(lhfa)]
        assert [int(v) for v in after(lines, row.name, 10, start)] == expected
    start = lines.index("4. New stunting, referrals, KEK and home visits by Posyandu")
    for row in result.rows:
        c = row.counts
        expected = [c.new_stunting, c.referrals, *c.referral_reasons.values()]
        expected += [c.kek, c.pregnant_lila_measured, c.home_visits]
        assert [int(v) for v in after(lines, row.name, len(expected), start)] == expected
    start = lines.index("5. Cadres and Posyandu sessions")
    for row in result.rows:
        c = row.counts
        printed = after(lines, row.name, 5, start)
        assert [int(v) for v in printed[:3]] == [c.cadres_registered, c.cadres_active, c.sessions]
        assert int(printed[-1]) == c.cadre_attendances
    stunting = result.total.status[lhfa]
    short = sum(stunting[x] for x in lhfa.categories[:2])
    key = next(line for line in lines if line.startswith("Puskesmas total: stunting"))
    assert key.startswith(
        f"Puskesmas total: stunting {short} of {result.total.status_measured(lhfa)}"
    )


def test_pdf_lists_name_every_child_and_the_shared_people(
    lines: list[str], result: Recap, demo: Demo
) -> None:
    assert f"7. Children to refer: {len(result.referrals)}" in lines
    assert f"6. New stunting cases: {len(result.new_stunting)}" in lines
    assert len(result.referrals) > 10
    start = lines.index(f"7. Children to refer: {len(result.referrals)}")
    text = "\n".join(lines[start:])
    for child in result.referrals:
        assert child.person.name in text and (child.person.nik or "-") in text
    start = lines.index("9. People registered in two or more Posyandu: 2")
    for nik, _, _ in demo.shared:
        assert nik in lines[start:]
    assert lines.count("Child under five") == 2
    assert "Page 1 of" in " ".join(lines)


def test_pdf_in_indonesian_and_written_atomically(result: Recap, tmp_path: Path) -> None:
    target = write_recap_pdf(result, tmp_path / "rekap.pdf", FONTS, printed_on=PRINTED)
    lines = pdf_lines(target.read_bytes())
    assert "Halaman 1 dari" in " ".join(lines)
    assert "Oktober 2026" in lines
    assert [p.name for p in tmp_path.iterdir()] == ["rekap.pdf"]


def test_pdf_flags_a_posyandu_whose_lines_do_not_match_its_report() -> None:
    a = month("A", [(1, None, True)], [weighing(1, 9, G.N)], [(5, "6474014101980001", 22.4)])
    edited = replace(a, reported=replace(a.reported, new_stunting=3))
    lines = pdf_lines(render_recap_pdf(recap([edited]), FONTS, lang="id", printed_on=PRINTED))
    assert "≠" in lines
    assert any("tidak sama dengan laporannya sendiri" in line for line in lines)
    # The KEK list, LILA with the Indonesian decimal comma.
    assert "22,4" in lines and "6474014101980001" in lines


def _sheet_rows(book: openpyxl.Workbook, name: str) -> list[tuple[object, ...]]:
    sheet = book[name]
    return list(sheet.iter_rows(min_row=HEAD_ROW, values_only=True))


@pytest.fixture(scope="module")
def book(result: Recap) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(recap_xlsx_bytes(result, lang="en")))


def test_xlsx_sheets(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [
        "SKDN",
        "SKDN by age",
        "Nutritional status",
        "Cases by Posyandu",
        "Cadres",
        "Sessions",
        "New stunting",
        "Referrals",
        "KEK",
        "In two Posyandu",
    ]


def test_xlsx_skdn_numbers_are_numbers(book: openpyxl.Workbook, result: Recap) -> None:
    head, *rows = _sheet_rows(book, "SKDN")
    assert head[:5] == ("No.", "Code", "Posyandu", "Kelurahan", "S")
    assert head[13:18] == ("K/S", "D/S", "D/K", "N/D", "N/S")

    def numbers(counts: ind.SkdnCounts) -> list[object]:
        ratios = [counts.k_s, counts.d_s, counts.d_k, counts.n_d, counts.n_s]
        return [getattr(counts, f) for f in LETTERS] + [pytest.approx(r) for r in ratios]

    for values, row in zip(rows, result.rows, strict=False):
        assert values[1:4] == (row.code, row.name, row.kelurahan)
        assert list(values[4:18]) == numbers(row.counts.skdn)
        assert values[18] == "yes"
    assert rows[-2][2] == "Sum of the rows" and list(rows[-2][4:18]) == numbers(
        result.rows_sum.skdn
    )
    assert list(rows[-1][4:18]) == numbers(result.total.skdn)
    assert len(rows) == len(result.rows) + 2
    sheet = book["SKDN"]
    assert sheet.cell(HEAD_ROW + 1, 15).number_format == "0.0%"
    assert isinstance(sheet.cell(HEAD_ROW + 1, 5).value, int)


def test_xlsx_status_cases_cadres_and_sessions(book: openpyxl.Workbook, result: Recap) -> None:
    head, *rows = _sheet_rows(book, "Nutritional status")
    assert head[3] == "BB/U: " + category_label(W.SEVERELY_UNDERWEIGHT, "en")
    for values, row in zip(rows, result.rows, strict=False):
        expected: list[object] = []
        for index in ind.StatusIndex:
            expected += [row.counts.status[index][c] for c in index.categories]
            expected.append(row.counts.status_measured(index))
        assert list(values[3:]) == expected
    _, *rows = _sheet_rows(book, "Cases by Posyandu")
    t = result.total
    assert list(rows[-1][3:]) == [
        t.new_stunting,
        t.referrals,
        *t.referral_reasons.values(),
        t.kek,
        t.pregnant_lila_measured,
        t.home_visits,
    ]
    _, *rows = _sheet_rows(book, "Cadres")
    assert rows[-1][3:] == (t.cadres_registered, t.cadres_active, t.sessions, t.cadre_attendances)
    _, *rows = _sheet_rows(book, "Sessions")
    expected_sessions = [(r.code, on, n) for r in result.rows for on, n in r.attendance]
    # openpyxl reads a date cell back as a datetime at midnight.
    assert [(code, when, n) for code, _, when, n in rows] == [
        (code, datetime.combine(on, time()), n) for code, on, n in expected_sessions
    ]


def test_xlsx_lists(book: openpyxl.Workbook, result: Recap, demo: Demo) -> None:
    _, *rows = _sheet_rows(book, "Referrals")
    assert len(rows) == len(result.referrals)
    for values, child in zip(rows, result.referrals, strict=True):
        assert values[1:3] == (child.person.name, child.person.nik)
        assert values[6] == child.age_months
        flags = values[8:]
        assert [bool(f) for f in flags] == [r in child.reasons for r in ReferralReason]
    _, *rows = _sheet_rows(book, "New stunting")
    assert [r[1] for r in rows] == [c.person.name for c in result.new_stunting]
    _, *rows = _sheet_rows(book, "In two Posyandu")
    assert sorted((r[1], *str(r[4]).split(", ")) for r in rows) == sorted(demo.shared)


def test_xlsx_kek_and_atomic_write(tmp_path: Path) -> None:
    a = month("A", [], [], [(5, "6474014101980001", 22.4)])
    c = month("C", [], [], [(6, "6474014101980001", 21.9)])
    target = write_recap_xlsx(recap([a, c]), tmp_path / "rekap.xlsx")
    book = openpyxl.load_workbook(target)
    _, *rows = _sheet_rows(book, "KEK")
    assert rows == [
        (1, "C mother 6", "6474014101980001", "Posyandu A, Posyandu C", "A, C", 28, 21.9)
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["rekap.xlsx"]
    assert book["Di dua Posyandu"].cell(HEAD_ROW + 1, 2).value == "6474014101980001"


def _quality(measurements: int, doubtful: int) -> QualityFigures:
    return QualityFigures(
        measurements=measurements,
        values=2 * measurements,
        doubtful=doubtful,
        weight_digit_score=12.5,
        lenhei_digit_score=None,
        under_two_measured=10,
        under_two_lying=9,
        length_due=measurements,
        length_missing=0,
        lila_due=measurements,
        lila_missing=measurements // 2,
        sd_waz=1.05,
        sd_haz=1.41,
        sd_whz=None,
        twice_same_day=1,
        corrected_records=2,
        corrections=3,
    )


def test_the_data_quality_each_posyandu_sent_is_in_the_pdf_and_xlsx(demo: Demo) -> None:
    from posyandu_desktop.exchange.summary import month_bytes, read_summary

    sent = [_quality(40, 2), _quality(25, 0)]
    months = [replace(m, quality=q) for m, q in zip(demo.months, sent, strict=False)]
    months += demo.months[2:]  # the third sent a file without the figures
    back = [read_summary(month_bytes(m)) for m in months]
    assert [m.quality for m in back] == [*sent, None]
    result = recap(back)
    text = " ".join(pdf_lines(render_recap_pdf(result, FONTS, lang="en", printed_on=PRINTED)))
    assert "10. Data quality per Posyandu" in text
    # Posyandu 1: 40 measurements, 2 of 80 values doubtful = 2.5 %, score 12.5, 9 of 10 lying.
    assert f"{result.rows[0].name} 40 2.5 12.5 - 90.0 0.0 50.0 1.05 1.41 - 1 2" in text
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx_bytes(result, lang="en")))
    sheet = book["Data quality"]
    rows = list(sheet.iter_rows(min_row=HEAD_ROW + 1, values_only=True))
    assert [r[0] for r in rows] == ["P-01", "P-02"]
    assert rows[0][2:6] == (40, 0.025, 12.5, None)


def test_pdf_ilp_table_per_posyandu_with_the_sum(demo: Demo, result: Recap) -> None:
    from posyandu_desktop.domain.ilp_report import Finding, IlpService, IlpVisit, ilp_month
    from posyandu_desktop.domain.life_stage import LifeStage
    from posyandu_desktop.domain.people import Sex
    from posyandu_desktop.domain.vocabulary import ServiceKind

    pregnant = LifeStage.PREGNANT_OR_POSTPARTUM
    high = frozenset({Finding.HYPERTENSION})
    first = result.rows[0]
    ilp = ilp_month(
        result.year,
        result.month,
        [
            IlpVisit(1, pregnant, Sex.FEMALE, high | {Finding.KEK}, high),
            IlpVisit(2, LifeStage.ELDERLY, Sex.MALE, high, high),
        ],
        [
            IlpService(
                1,
                date(result.year, result.month, 3),
                ServiceKind.IRON_TABLETS,
                pregnant,
                Sex.FEMALE,
            )
        ],
        vitamin_a_due={},
    )
    months = [replace(m, ilp=ilp) if m.code == first.code else m for m in demo.months]
    lines = pdf_lines(render_recap_pdf(recap(months), FONTS, lang="en", printed_on=PRINTED))
    text = " ".join(lines)
    assert "ILP: life stages and services" in text
    # Seen 2, pregnant 1, KEK 0/1, anaemia 0/0, high BP 2/2, obesity 0/0, TB 0/0,
    # dependent 0/0, TTD 1/1, doses 0: on the Posyandu's row and on the sum.
    numbers = "2 1 0 / 1 0 / 0 2 / 2 0 / 0 0 / 0 0 / 0 1 / 1 0"
    assert f"{first.name} {numbers}" in text
    assert f"Sum of the rows {numbers}" in text
    assert text.count(" - - - - - - - - - - ") == len(result.rows) - 1
    # The XLSX carries the same numbers as numbers.
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx_bytes(recap(months), lang="en")))
    sheet = book["ILP"]
    values = [list(r) for r in sheet.iter_rows(min_row=HEAD_ROW, values_only=True)]
    assert values[0][3:5] == ["Seen", "Pregnant seen"]
    first_row = next(r for r in values if r[1] == first.code)
    assert first_row[3:6] == [2, 1, 0] and first_row[-2:] == [1, 0]

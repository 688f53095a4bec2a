"""The early warning travels in each Posyandu's summary and the recap sets each Posyandu's list
beside its new cases."""

from __future__ import annotations

from dataclasses import replace

from posyandu_desktop.domain.early_warning import RiskReason
from posyandu_desktop.domain.indicators import MonthInputs, monthly_indicators
from posyandu_desktop.domain.recap import EarlyWarningFigures, PersonKey, posyandu_month, recap
from posyandu_desktop.exchange.summary import month_bytes, read_summary
from posyandu_desktop.reports.recap import render_recap_pdf
from tests.reports.expected import pdf_lines
from tests.reports.helpers import FONTS, TODAY


def _month(code: str, name: str, figures: EarlyWarningFigures | None):  # type: ignore[no-untyped-def]
    empty = monthly_indicators(MonthInputs(2026, 10, (), ()))
    month = posyandu_month(code=code, name=name, indicators=empty, roster=(), people={})
    return replace(month, early_warning=figures)


FIGURES = EarlyWarningFigures(
    at_risk=(
        (PersonKey("u1", "6474014210250001", "Aisyah Putri"), (RiskReason.LENGTH_FALLING,)),
        (PersonKey("u2", None, "Bima Saputra"), (RiskReason.TWO_T, RiskReason.MISSED_WEIGHINGS)),
    ),
    months=12,
    cases=4,
    warned=3,
    recovered=5,
    mean_list_size=6.4,
)


def test_the_figures_survive_the_summary_and_old_summaries_have_none() -> None:
    month = _month("P-01", "Posyandu Melati", FIGURES)
    assert read_summary(month_bytes(month)).early_warning == FIGURES
    plain = _month("P-01", "Posyandu Melati", None)
    assert b"early_warning" not in month_bytes(plain)
    assert read_summary(month_bytes(plain)).early_warning is None


def test_the_recap_lists_each_posyandus_children_beside_its_cases() -> None:
    other = replace(FIGURES, at_risk=(), cases=2, warned=0, recovered=1, mean_list_size=3.0)
    result = recap([_month("P-01", "Posyandu Melati", FIGURES), _month("P-02", "Mawar", other)])
    assert [r.early_warning for r in result.rows] == [FIGURES, other]
    lines = pdf_lines(render_recap_pdf(result, FONTS, lang="en", printed_on=TODAY))
    text = " ".join(" ".join(lines).split())
    assert "11. Early warning: children at risk and new cases by Posyandu" in text
    assert "1 Posyandu Melati 2 4 3 75.0 % 5 6.4" in text
    assert "2 Mawar 0 2 0 0.0 % 1 3.0" in text
    assert "Bima Saputra Posyandu Melati 2T (no weight gain twice); Missed weighings" in text
    without = recap([_month("P-01", "Posyandu Melati", None)])
    assert "Early warning" not in " ".join(pdf_lines(render_recap_pdf(without, FONTS, lang="en")))


def test_the_workbook_has_the_figures_and_the_children() -> None:
    import io

    import openpyxl

    from posyandu_desktop.reports.recap_xlsx import recap_xlsx_bytes

    result = recap([_month("P-01", "Posyandu Melati", FIGURES)])
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx_bytes(result, lang="id")))
    figures = list(book["Peringatan dini"].iter_rows(min_row=4, values_only=True))
    assert figures == [(1, "P-01", "Posyandu Melati", 2, 4, 3, 0.75, 5, 6.4)]
    children = list(book["Berisiko stunting"].iter_rows(min_row=4, values_only=True))
    assert children[1] == (
        "P-01",
        "Bima Saputra",
        None,
        "2T (dua kali tidak naik); Tidak ditimbang",
    )

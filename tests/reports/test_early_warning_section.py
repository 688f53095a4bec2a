"""The monthly report's early-warning section, read back from the PDF."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.early_warning import Backtest, Finding, RiskReason, StuntingRisk
from posyandu_desktop.domain.indicators import MonthInputs, monthly_indicators
from posyandu_desktop.domain.months import Period
from posyandu_desktop.reports.data import (
    AtRiskChild,
    EarlyWarningSection,
    MonthlyReportData,
    PosyanduHeader,
)
from posyandu_desktop.reports.monthly_report import render_monthly_report
from tests.reports.expected import pdf_lines
from tests.reports.helpers import FONTS, TODAY


def _risk(pid: int, *findings: Finding) -> StuntingRisk:
    return StuntingRisk(pid, date(2026, 10, 31), 9, findings, 4, -1.4)


def test_the_list_and_the_backtest_figures_are_printed() -> None:
    months = tuple(Period(2026, m) for m in range(1, 11))
    section = EarlyWarningSection(
        children=(
            AtRiskChild("Aisyah Putri", _risk(1, Finding(RiskReason.LENGTH_FALLING, 0.6, 3, -1.4))),
            AtRiskChild("Bima Saputra", _risk(2, Finding(RiskReason.TWO_T))),
        ),
        backtest=Backtest(
            months=months,
            list_sizes=(2,) * 9 + (3,),
            cases=((1, Period(2026, 5)), (4, Period(2026, 8)), (5, Period(2026, 9))),
            warned=(1, 4),
            recovered=(6, 7),
        ),
    )
    data = MonthlyReportData(
        PosyanduHeader("Posyandu Uji"),
        2026,
        10,
        monthly_indicators(MonthInputs(2026, 10, (), ())),
        early_warning=section,
    )
    text = "\n".join(pdf_lines(render_monthly_report(data, FONTS, lang="en", printed_on=TODAY)))
    assert "10. At risk of stunting (early warning): 2 children" in text
    assert "Length-for-age falling: 0.60 SD less in 3 months, now -1.40" in text
    flat = " ".join(text.split())
    assert "2 of 3 confirmed new stunting cases were on it one to three months before (66.7 %)" in (
        flat
    )
    assert "2.1 children on the list a month on average; 2 left it without becoming a case" in flat
    without = render_monthly_report(
        MonthlyReportData(data.posyandu, 2026, 10, data.indicators), FONTS, lang="en"
    )
    assert "early warning" not in " ".join(pdf_lines(without))

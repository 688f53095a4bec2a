"""A child's reasons read as one line, with the numbers, in both languages."""

from datetime import date

from posyandu_desktop.domain.early_warning import Finding, RiskReason, StuntingRisk
from posyandu_desktop.i18n.early_warning_words import risk_headline, risk_line


def test_one_line_with_the_numbers() -> None:
    risk = StuntingRisk(
        7,
        date(2026, 11, 30),
        9,
        (
            Finding(RiskReason.LENGTH_FALLING, 0.55, 3, -1.35),
            Finding(RiskReason.MISSED_WEIGHINGS, 2.0, 3),
            Finding(RiskReason.TWO_T),
        ),
        6,
        -1.35,
    )
    assert risk_line(risk, "id") == (
        "Panjang badan menurut umur menurun: berkurang 0,55 SD dalam 3 bulan, kini -1,35; "
        "Tidak ditimbang: 2 dari 3 bulan terakhir; 2T (dua kali tidak naik)"
    )
    assert risk_line(risk, "en").startswith("Length-for-age falling: 0.55 SD less in 3 months")
    assert risk_headline(risk, "id") == "PB/U turun 0,55 SD (+2 lainnya)"

"""Words for the data-quality figures and the cadre sheet's indicators (domain/quality.py,
domain/cadre_sheet.py): one short column head each, for the PDF, the XLSX and the screens."""

from __future__ import annotations

from posyandu_desktop.domain.cadre_sheet import SheetColumn
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.i18n.catalog import N_, NP_
from posyandu_desktop.i18n.formats import format_decimal
from posyandu_desktop.i18n.words import register

register(
    {
        SheetColumn.STRATUM: NP_("cadre sheet", "Stratum"),
        SheetColumn.CERTIFICATES: NP_("cadre sheet", "Certificates"),
        SheetColumn.DAYS_SERVED: NP_("cadre sheet", "Days served"),
        SheetColumn.DESKS: NP_("cadre sheet", "Desks"),
        SheetColumn.SERVED_PREGNANT: NP_("cadre sheet", "Served: pregnant or postpartum"),
        SheetColumn.SERVED_UNDER_FIVE: NP_("cadre sheet", "Served: under five"),
        SheetColumn.SERVED_PRESCHOOL: NP_("cadre sheet", "Served: preschool"),
        SheetColumn.SERVED_SCHOOL_AGE: NP_("cadre sheet", "Served: school age and adolescent"),
        SheetColumn.SERVED_ADULT: NP_("cadre sheet", "Served: adult"),
        SheetColumn.SERVED_ELDERLY: NP_("cadre sheet", "Served: elderly"),
        SheetColumn.HOME_VISITS: NP_("cadre sheet", "Home visits"),
        SheetColumn.REFERRALS: NP_("cadre sheet", "Referrals"),
        SheetColumn.RECORDS_CORRECTED: NP_("cadre sheet", "Records corrected"),
        SheetColumn.CHILD_MEASUREMENTS: NP_("cadre sheet", "Children measured"),
        SheetColumn.DOUBTFUL_PERCENT: NP_("cadre sheet", "Doubtful values (%)"),
        SheetColumn.WEIGHT_DIGIT_SCORE: NP_("cadre sheet", "Weight last-digit score"),
        SheetColumn.LENGTH_DIGIT_SCORE: NP_("cadre sheet", "Length last-digit score"),
        SheetColumn.UNDER_TWO_LYING_PERCENT: NP_("cadre sheet", "Under two measured lying (%)"),
        SheetColumn.LENGTH_MISSING_PERCENT: NP_("cadre sheet", "Length missing (%)"),
        SheetColumn.LILA_MISSING_PERCENT: NP_("cadre sheet", "LILA missing (%)"),
        SheetColumn.SD_WAZ: NP_("cadre sheet", "SD of WAZ"),
        SheetColumn.SD_HAZ: NP_("cadre sheet", "SD of HAZ"),
        SheetColumn.SD_WHZ: NP_("cadre sheet", "SD of WHZ"),
        SheetColumn.TWICE_SAME_DAY: NP_("cadre sheet", "Measured twice a day"),
    }
)

# The quality figures that are percentages or scores, and what a reader should know of them.
QUALITY_NOTE = N_(
    "Doubtful: weights and lengths beyond the WHO flag limits. Last-digit score: 0 = the tenths "
    "are spread evenly, 100 = every value ends in the same digit (above 20 suggests rounding). "
    "Under-twos should be measured lying. LILA is due from 6 months. WHO expects the SD of "
    "WAZ, HAZ and WHZ to be roughly 0.8 to 1.2; with few children it varies more."
)

# One Posyandu's quality figures in a row of the puskesmas recap (PDF and XLSX), in this order.
QUALITY_HEADS = (
    N_("Children's measurements"),
    N_("Doubtful values (%)"),
    N_("Weight last-digit score"),
    N_("Length last-digit score"),
    N_("Under-twos lying (%)"),
    N_("Length missing (%)"),
    N_("LILA missing (%)"),
    N_("SD WAZ"),
    N_("SD HAZ"),
    N_("SD WHZ"),
    N_("Twice a day"),
    N_("Records corrected"),
)


def quality_values(q: QualityFigures) -> list[int | float | None]:
    """The figures under `QUALITY_HEADS`: counts, percents, scores and SDs as numbers."""
    return [
        q.measurements,
        q.doubtful_percent,
        q.weight_digit_score,
        q.lenhei_digit_score,
        q.under_two_lying_percent,
        q.length_missing_percent,
        q.lila_missing_percent,
        q.sd_waz,
        q.sd_haz,
        q.sd_whz,
        q.twice_same_day,
        q.corrected_records,
    ]


def quality_cells(q: QualityFigures, lang: str | None = None) -> list[str]:
    """The same figures as printed: one decimal for shares and scores, two for SDs."""
    decimals = (0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 0, 0)
    return [
        "-" if v is None else (str(v) if d == 0 else format_decimal(float(v), d, lang))
        for v, d in zip(quality_values(q), decimals, strict=True)
    ]

"""Words for the data-quality figures and the cadre sheet's indicators (domain/quality.py,
domain/cadre_sheet.py): one short column head each, for the PDF, the XLSX and the screens."""

from __future__ import annotations

from posyandu_desktop.domain.cadre_sheet import SheetColumn
from posyandu_desktop.i18n.catalog import N_, NP_
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

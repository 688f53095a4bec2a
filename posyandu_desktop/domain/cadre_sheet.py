"""The monthly cadre sheet for the city: per cadre, what she did, how well it was recorded and
her competence. Which indicators the sheet shows is data (resources/cadre/sheet.json, or the
data folder's own cadre-sheet.json); no incentive rule is computed here: the city applies its
own to the figures (docs/DECISIONS.md#the-cadre-sheet)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.domain.vocabulary import Desk, TrainingGrade

__all__ = [
    "CadreSheetRow",
    "SheetColumn",
    "parse_sheet_columns",
    "served_per_stage",
    "sheet_value",
]


class SheetColumn(StrEnum):
    """An indicator the sheet can show, one column (XLSX) or line (PDF) per cadre."""

    STRATUM = "stratum"
    CERTIFICATES = "certificates"
    DAYS_SERVED = "days_served"
    DESKS = "desks"
    SERVED_PREGNANT = "served_pregnant"
    SERVED_UNDER_FIVE = "served_under_five"
    SERVED_PRESCHOOL = "served_preschool"
    SERVED_SCHOOL_AGE = "served_school_age"
    SERVED_ADULT = "served_adult"
    SERVED_ELDERLY = "served_elderly"
    HOME_VISITS = "home_visits"
    REFERRALS = "referrals"
    RECORDS_CORRECTED = "records_corrected"
    CHILD_MEASUREMENTS = "child_measurements"
    DOUBTFUL_PERCENT = "doubtful_percent"
    WEIGHT_DIGIT_SCORE = "weight_digit_score"
    LENGTH_DIGIT_SCORE = "length_digit_score"
    UNDER_TWO_LYING_PERCENT = "under_two_lying_percent"
    LENGTH_MISSING_PERCENT = "length_missing_percent"
    LILA_MISSING_PERCENT = "lila_missing_percent"
    SD_WAZ = "sd_waz"
    SD_HAZ = "sd_haz"
    SD_WHZ = "sd_whz"
    TWICE_SAME_DAY = "twice_same_day"


SERVED_COLUMN = {
    LifeStage.PREGNANT_OR_POSTPARTUM: SheetColumn.SERVED_PREGNANT,
    LifeStage.UNDER_FIVE: SheetColumn.SERVED_UNDER_FIVE,
    LifeStage.PRESCHOOL: SheetColumn.SERVED_PRESCHOOL,
    LifeStage.SCHOOL_AGE_ADOLESCENT: SheetColumn.SERVED_SCHOOL_AGE,
    LifeStage.ADULT: SheetColumn.SERVED_ADULT,
    LifeStage.ELDERLY: SheetColumn.SERVED_ELDERLY,
}


@dataclass(frozen=True, slots=True)
class CadreSheetRow:
    cadre_id: int
    name: str
    stratum: TrainingGrade | None  # derived from the assessed skills
    certificates: tuple[str, ...]  # numbers as printed (the title where no number was noted)
    days_served: int
    desks: tuple[Desk, ...]  # every desk served at this month, in the order of the day
    served: Mapping[LifeStage, int]  # people measured or given a service, per life stage
    home_visits: int
    referrals: int
    records_corrected: int
    quality: QualityFigures


Value = int | float | str | None


def sheet_value(row: CadreSheetRow, column: SheetColumn) -> Value:
    """The plain value of one indicator (a share in percent, a score, a count or codes)."""
    q = row.quality
    stage = next((s for s, c in SERVED_COLUMN.items() if c is column), None)
    if stage is not None:
        return row.served.get(stage, 0)
    values: dict[SheetColumn, Value] = {
        SheetColumn.STRATUM: None if row.stratum is None else row.stratum.value,
        SheetColumn.CERTIFICATES: ", ".join(row.certificates),
        SheetColumn.DAYS_SERVED: row.days_served,
        SheetColumn.DESKS: ", ".join(d.value for d in row.desks),
        SheetColumn.HOME_VISITS: row.home_visits,
        SheetColumn.REFERRALS: row.referrals,
        SheetColumn.RECORDS_CORRECTED: row.records_corrected,
        SheetColumn.CHILD_MEASUREMENTS: q.measurements,
        SheetColumn.DOUBTFUL_PERCENT: q.doubtful_percent,
        SheetColumn.WEIGHT_DIGIT_SCORE: q.weight_digit_score,
        SheetColumn.LENGTH_DIGIT_SCORE: q.lenhei_digit_score,
        SheetColumn.UNDER_TWO_LYING_PERCENT: q.under_two_lying_percent,
        SheetColumn.LENGTH_MISSING_PERCENT: q.length_missing_percent,
        SheetColumn.LILA_MISSING_PERCENT: q.lila_missing_percent,
        SheetColumn.SD_WAZ: q.sd_waz,
        SheetColumn.SD_HAZ: q.sd_haz,
        SheetColumn.SD_WHZ: q.sd_whz,
        SheetColumn.TWICE_SAME_DAY: q.twice_same_day,
    }
    return values[column]


def parse_sheet_columns(text: str) -> tuple[SheetColumn, ...]:
    """The columns a sheet file names, in its order; ValueError for an unknown or repeated one."""
    try:
        names = json.loads(text)["columns"]
        columns = tuple(SheetColumn(name) for name in names)
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a cadre sheet file: {error}") from error
    if not columns or len(set(columns)) != len(columns):
        raise ValueError("cadre sheet file: no columns, or one named twice")
    return columns


def served_per_stage(
    served: Iterable[tuple[int, int, date, date, bool]],
) -> dict[int, dict[LifeStage, int]]:
    """People served per cadre and life stage from (cadre, person, on, birth date, pregnant on
    that date); a person counts once per cadre, in the stage of the first time served."""
    first: dict[tuple[int, int], LifeStage] = {}
    for cadre_id, person_id, on, birth, pregnant in sorted(served, key=lambda s: s[2]):
        if on >= birth and (cadre_id, person_id) not in first:
            first[cadre_id, person_id] = life_stage(birth, on, pregnant=pregnant)
    counts: dict[int, dict[LifeStage, int]] = defaultdict(dict)
    for (cadre_id, _), stage in first.items():
        counts[cadre_id][stage] = counts[cadre_id].get(stage, 0) + 1
    return dict(counts)

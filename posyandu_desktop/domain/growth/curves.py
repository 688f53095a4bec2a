"""WHO SD curves: the measurement at a given z, the inverse of `zscore`.

For drawing the SD lines of KMS cards and growth charts, and for generating realistic data. Rows
are chosen exactly as the z-score engine chooses them (whole days for the 2006 age tables, L, M
and S interpolated between months for 2007 and between 0.1 cm rows for weight-for-length/height),
so `zscore(value_at_z(z)) == z` up to float round-off, beyond +/-3 SD included. Where the engine
has no z (outside a table, or an age it does not score) `value_for_age` and
`weight_for_lenhei_at_z` answer None; `value_at_z`, for charts, raises ValueError.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from posyandu_desktop.domain.growth.standards import GrowthStandards, Lms, Table
from posyandu_desktop.domain.growth.zscore import (
    _SPECS,
    _UNITS_PER_ROW,
    HANDOVER_MONTHS,
    LYING_BEFORE_DAYS,
    Indicator,
    _interpolated,
    adjust_length_height,
)
from posyandu_desktop.domain.people import DAYS_PER_MONTH, Age, Sex, round_half_up

# WHO's restricted formula (WHO 2006 report, chapter 7) applies to the weight-based tables; the
# engine always restricts weight-for-length/height (`_weight_for_lenhei`).
_RESTRICTED_TABLES = frozenset(
    {Table.WFL_2006, Table.WFH_2006}
    | {
        table
        for spec in _SPECS.values()
        if spec.restricted
        for table in (spec.table_2006, spec.table_2007)
        if table is not None
    }
)


class _Key(Enum):
    DAY = "day"  # 2006 age tables: one row per day, no interpolation
    MONTH = "month"  # 2007 Reference: whole months, interpolated between (AnthroPlus)
    TENTH_CM = "tenth_cm"  # weight-for-length/height: every 0.1 cm, interpolated between


_KEY_KIND = dict.fromkeys(Table, _Key.DAY) | {
    Table.WFA_2007: _Key.MONTH,
    Table.HFA_2007: _Key.MONTH,
    Table.BFA_2007: _Key.MONTH,
    Table.WFL_2006: _Key.TENTH_CM,
    Table.WFH_2006: _Key.TENTH_CM,
}


def lms_value(z: float, l_: float, m: float, s: float) -> float | None:
    """The SD line M (1 + L S z)^(1/L); None where no positive value has this z."""
    base = 1.0 + l_ * s * z
    if base <= 0.0:
        return None
    return float(m * base ** (1.0 / l_))


def restricted_lms_value(z: float, l_: float, m: float, s: float) -> float | None:
    """The inverse of WHO's restricted z: beyond +/-3 SD, linear in the 2-3 SD gap."""
    if -3.0 <= z <= 3.0:
        return lms_value(z, l_, m, s)
    side = 1.0 if z > 0.0 else -1.0
    sd3, sd2 = lms_value(3.0 * side, l_, m, s), lms_value(2.0 * side, l_, m, s)
    if sd3 is None or sd2 is None:
        return None
    value = sd3 + (z - 3.0 * side) * abs(sd3 - sd2)
    return value if value > 0.0 else None


def table_lms(standards: GrowthStandards, table: Table, sex: Sex, x: float) -> Lms | None:
    """The L, M, S the engine uses at x: days (rounded half up), months (2007) or cm."""
    if not math.isfinite(x):
        return None
    rows = standards.rows(table, sex)
    first, last = rows.first, rows.first + len(rows.rows) - 1
    kind = _KEY_KIND[table]
    if kind is _Key.DAY:
        day = round_half_up(x) if x >= 0.0 else -1
        return rows.rows[day - first] if first <= day <= last else None
    if kind is _Key.MONTH:
        month = math.floor(x)
        return _interpolated(rows, month, x - month) if first <= month <= last else None
    # The engine finds the row from integer 1e-6 cm units and interpolates by the float.
    units = adjust_length_height(x, None, None).units
    if not first * _UNITS_PER_ROW <= units <= last * _UNITS_PER_ROW:
        return None
    row = units // _UNITS_PER_ROW
    return _interpolated(rows, row, min(max(x * 10.0 - row, 0.0), 1.0))


def value_at_z(standards: GrowthStandards, table: Table, sex: Sex, x: float, z: float) -> float:
    """The measurement at z on one table, x in its unit (days, months or cm); ValueError if
    x is outside the table or no positive measurement has this z."""
    value = _value(standards, table, sex, x, z)
    if value is None:
        raise ValueError(f"{table.value}: no value at x={x}, z={z}")
    return value


def _value(standards: GrowthStandards, table: Table, sex: Sex, x: float, z: float) -> float | None:
    lms = table_lms(standards, table, sex, x)
    if lms is None or not math.isfinite(z):
        return None
    inverse = restricted_lms_value if table in _RESTRICTED_TABLES else lms_value
    return inverse(z, *lms)


def value_for_age(
    standards: GrowthStandards, indicator: Indicator, sex: Sex, age: Age, z: float
) -> float | None:
    """The measurement an age-based indicator scores as z, from the table the engine would use
    (2006 below 60 months, then 2007); None where the engine has no z. Length/height is the
    position-corrected value: lying below 731 days, standing from 731 days."""
    if indicator is Indicator.WEIGHT_FOR_LENGTH_HEIGHT:
        raise ValueError("weight-for-length/height is not by age: use weight_for_lenhei_at_z")
    spec = _SPECS[indicator]
    if age.months < HANDOVER_MONTHS:
        if age.days < spec.first_day:
            return None
        return _value(standards, spec.table_2006, sex, age.days, z)
    if spec.table_2007 is not None and age.months <= spec.max_months_2007:
        return _value(standards, spec.table_2007, sex, age.months, z)
    return None


def weight_for_lenhei_at_z(
    standards: GrowthStandards, sex: Sex, age: Age, lenhei_cm: float, z: float
) -> float | None:
    """The weight at weight-for-length (age < 731 days) or -height z, for a position-corrected
    length/height; None outside 45-110 / 65-120 cm or from 60 months, as in the engine."""
    if age.months >= HANDOVER_MONTHS:
        return None
    table = Table.WFL_2006 if age.days < LYING_BEFORE_DAYS else Table.WFH_2006
    return _value(standards, table, sex, lenhei_cm, z)


@dataclass(frozen=True, slots=True)
class _ChartSpec:
    table: Table
    first: float  # months, or cm for the weight-for-length/height charts
    last: float
    # Length (lying) rows end at day 730, height rows start at 731 (WHO 2006 report, 7.1); 24
    # months is day 730.5, which rounds to the first height row, so length charts stop at 730.
    first_day: int = 0
    last_day: int = 1856


class Chart(Enum):
    """The WHO charts a KMS or growth card draws (x in months, or cm for weight-for-length)."""

    WEIGHT_FOR_AGE_0_24 = "wfa_0_24"
    WEIGHT_FOR_AGE_24_60 = "wfa_24_60"
    WEIGHT_FOR_AGE_0_60 = "wfa_0_60"  # the whole KMS card
    LENGTH_FOR_AGE_0_24 = "lfa_0_24"
    HEIGHT_FOR_AGE_24_60 = "hfa_24_60"
    WEIGHT_FOR_LENGTH_45_110 = "wfl_45_110"
    WEIGHT_FOR_HEIGHT_65_120 = "wfh_65_120"
    HEAD_CIRCUMFERENCE_FOR_AGE_0_24 = "hcfa_0_24"
    HEAD_CIRCUMFERENCE_FOR_AGE_0_60 = "hcfa_0_60"

    @property
    def table(self) -> Table:
        """The WHO table the chart's lines come from."""
        return _CHARTS[self].table

    @property
    def x_range(self) -> tuple[float, float]:
        """First and last x: months, or cm when `x_in_cm`."""
        spec = _CHARTS[self]
        return spec.first, spec.last

    @property
    def x_in_cm(self) -> bool:
        """True for weight-for-length/height (x in cm); age charts have x in months."""
        return self.table.keyed_by_length


_CHARTS: dict[Chart, _ChartSpec] = {
    Chart.WEIGHT_FOR_AGE_0_24: _ChartSpec(Table.WFA_2006, 0.0, 24.0),
    Chart.WEIGHT_FOR_AGE_24_60: _ChartSpec(Table.WFA_2006, 24.0, 60.0),
    Chart.WEIGHT_FOR_AGE_0_60: _ChartSpec(Table.WFA_2006, 0.0, 60.0),
    Chart.LENGTH_FOR_AGE_0_24: _ChartSpec(
        Table.LHFA_2006, 0.0, 24.0, last_day=LYING_BEFORE_DAYS - 1
    ),
    Chart.HEIGHT_FOR_AGE_24_60: _ChartSpec(
        Table.LHFA_2006, 24.0, 60.0, first_day=LYING_BEFORE_DAYS
    ),
    Chart.WEIGHT_FOR_LENGTH_45_110: _ChartSpec(Table.WFL_2006, 45.0, 110.0),
    Chart.WEIGHT_FOR_HEIGHT_65_120: _ChartSpec(Table.WFH_2006, 65.0, 120.0),
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24: _ChartSpec(Table.HCFA_2006, 0.0, 24.0),
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60: _ChartSpec(Table.HCFA_2006, 0.0, 60.0),
}

# A point a week apart on age charts and every 0.5 cm on length charts: smooth at card size.
DEFAULT_STEP_MONTHS = 0.25
DEFAULT_STEP_CM = 0.5
WHO_SD_LINES = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)


def chart_xs(chart: Chart, step: float | None = None) -> tuple[float, ...]:
    """The x values of a chart's points: every `step` from the first x, and the last x."""
    first, last = chart.x_range
    step = step or (DEFAULT_STEP_CM if chart.x_in_cm else DEFAULT_STEP_MONTHS)
    if not step > 0.0:
        raise ValueError(f"step must be positive, not {step}")
    count = math.ceil((last - first) / step - 1e-9)
    # Rounded so that e.g. 0.1 + 0.2 plots at 0.3 (the cm tables have a row every 0.1 cm).
    return (*(round(first + i * step, 9) for i in range(count)), last)


def sd_curves(
    standards: GrowthStandards,
    chart: Chart,
    sex: Sex,
    *,
    zs: tuple[float, ...] = WHO_SD_LINES,
    step: float | None = None,
) -> dict[float, tuple[tuple[float, float], ...]]:
    """The SD lines of a WHO chart: for each z, its (x, value) points, x in months or cm."""
    spec = _CHARTS[chart]
    if chart.x_in_cm:
        keys = [(x, x) for x in chart_xs(chart, step)]
    else:  # age charts read the daily rows at the day the engine would use for that age
        keys = [
            (x, min(max(round_half_up(x * DAYS_PER_MONTH), spec.first_day), spec.last_day))
            for x in chart_xs(chart, step)
        ]
    return {
        z: tuple((x, value_at_z(standards, spec.table, sex, key, z)) for x, key in keys) for z in zs
    }

"""Growth charts of a child: the WHO SD curves for the child's sex with the child's own points.

The UI draws what this returns and computes nothing: x is the age in months (or the length/height
in cm for weight-for-length/height) and y the measurement, both exactly as the z-score engine
reads them (length/height after the 0.7 cm lying/standing correction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from posyandu_desktop.domain.growth.curves import WHO_SD_LINES, Chart, sd_curves
from posyandu_desktop.domain.growth.zscore import (
    HANDOVER_MONTHS,
    LYING_BEFORE_DAYS,
    adjust_length_height,
)
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.people import DAYS_PER_MONTH, Age, Sex
from posyandu_desktop.settings import who_standards
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import measurements, people
from posyandu_desktop.store.records import MeasurementRecord, PersonRecord

__all__ = [
    "Chart",
    "ChartPoint",
    "GrowthChartData",
    "SdCurve",
    "charts_for_age",
    "growth_chart",
    "growth_charts",
]


@dataclass(frozen=True, slots=True)
class SdCurve:
    """One WHO SD line: z (-3 ... +3) and its (x, value) points."""

    z: float
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One of the child's measurements on a chart."""

    x: float  # age in months, or length/height in cm
    value: float  # kg or cm
    measured_on: date
    measurement_id: int


@dataclass(frozen=True, slots=True)
class GrowthChartData:
    """A chart ready to draw: its kind, the child's sex, the SD curves and the child's points."""

    chart: Chart
    sex: Sex
    curves: tuple[SdCurve, ...]  # from -3 to +3 SD
    points: tuple[ChartPoint, ...]  # oldest first

    @property
    def x_range(self) -> tuple[float, float]:
        return self.chart.x_range

    @property
    def x_in_cm(self) -> bool:
        return self.chart.x_in_cm


# Like the KMS in the Buku KIA: a 0-24 month page and a 24-60 month page; length (lying) up to
# 24 months and height (standing) after (WHO 2006 report, 7.1). Head circumference is measured
# in the first two years; older children get the 0-60 month chart so later values still show.
_UNDER_TWO = (
    Chart.WEIGHT_FOR_AGE_0_24,
    Chart.LENGTH_FOR_AGE_0_24,
    Chart.WEIGHT_FOR_LENGTH_45_110,
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24,
)
_TWO_TO_FIVE = (
    Chart.WEIGHT_FOR_AGE_24_60,
    Chart.HEIGHT_FOR_AGE_24_60,
    Chart.WEIGHT_FOR_HEIGHT_65_120,
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60,
)


def charts_for_age(age_days: int) -> tuple[Chart, ...]:
    """The four charts for a child of this age; none from 60 months (the WHO 2006 standards)."""
    if age_days < 0 or age_days / DAYS_PER_MONTH >= HANDOVER_MONTHS:
        return ()
    return _UNDER_TWO if age_days < LYING_BEFORE_DAYS else _TWO_TO_FIVE


@cache
def _curves(chart: Chart, sex: Sex) -> tuple[SdCurve, ...]:
    lines = sd_curves(who_standards(), chart, sex)
    return tuple(SdCurve(z, lines[z]) for z in WHO_SD_LINES)


def _on_chart(chart: Chart, age: Age) -> bool:
    """Whether a measurement at this age belongs on this chart (its table's age band)."""
    if age.months >= HANDOVER_MONTHS:
        return False
    lying_age = age.days < LYING_BEFORE_DAYS
    match chart:
        case Chart.LENGTH_FOR_AGE_0_24 | Chart.WEIGHT_FOR_LENGTH_45_110:
            return lying_age
        case Chart.HEIGHT_FOR_AGE_24_60 | Chart.WEIGHT_FOR_HEIGHT_65_120:
            return not lying_age
        case _:
            first, last = chart.x_range
            return first <= age.months <= last


def _point(chart: Chart, person: PersonRecord, m: MeasurementRecord) -> ChartPoint | None:
    age = Age.between(person.birth_date, m.measured_on)
    if age is None or not _on_chart(chart, age):
        return None
    v = m.values
    weight = None if v.weight_kg is None else v.weight_kg.value
    length = None
    if v.lenhei_cm is not None:
        length = adjust_length_height(v.lenhei_cm.value, v.position, age).cm
    match chart:
        case Chart.WEIGHT_FOR_AGE_0_24 | Chart.WEIGHT_FOR_AGE_24_60 | Chart.WEIGHT_FOR_AGE_0_60:
            x, y = age.months, weight
        case Chart.LENGTH_FOR_AGE_0_24 | Chart.HEIGHT_FOR_AGE_24_60:
            x, y = age.months, length
        case Chart.WEIGHT_FOR_LENGTH_45_110 | Chart.WEIGHT_FOR_HEIGHT_65_120:
            x, y = (length or 0.0), weight
            first, last = chart.x_range
            if not first <= x <= last:
                return None
        case Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24 | Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60:
            x, y = age.months, None if v.headc_cm is None else v.headc_cm.value
    return None if y is None else ChartPoint(x, y, m.measured_on, m.id)


def _chart(
    chart: Chart, person: PersonRecord, history: tuple[MeasurementRecord, ...]
) -> GrowthChartData:
    points = (_point(chart, person, m) for m in history)
    return GrowthChartData(
        chart, person.sex, _curves(chart, person.sex), tuple(p for p in points if p is not None)
    )


def growth_chart(db: Database, person_id: PersonId, chart: Chart) -> GrowthChartData | None:
    """One chart of a person (None when there is no such person)."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        history = measurements.history(tx, person_id)
    return None if person is None else _chart(chart, person, history)


def growth_charts(db: Database, person_id: PersonId, *, today: date) -> tuple[GrowthChartData, ...]:
    """The four charts for the person's age today (weight-for-age, length/height-for-age,
    weight-for-length/height, head circumference); none from 60 months or for no such person."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        history = measurements.history(tx, person_id) if person is not None else ()
    if person is None:
        return ()
    charts = charts_for_age((max(today, person.birth_date) - person.birth_date).days)
    return tuple(_chart(chart, person, history) for chart in charts)

"""Data quality of the children's measurements, per cadre or per Posyandu, in the style of WHO
Anthro's survey quality checks (docs/sources/data-quality.md).

Pure: plain measurement facts in, figures out. A value is *doubtful* when the caller says so
(the stored flag) or, for facts without one, when its z is beyond the WHO flag limits
(`flagged_by_z`). Doubtful values are counted as such and left out of the SDs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from posyandu_desktop.domain.growth.classify import LILA_CHILD_FROM_MONTHS
from posyandu_desktop.domain.growth.prevalence import digit_preference_score, sample_sd
from posyandu_desktop.domain.growth.zscore import LYING_BEFORE_DAYS, Indicator, Position, ZScore
from posyandu_desktop.domain.people import DAYS_PER_MONTH, round_half_up

__all__ = [
    "SD_EXPECTED",
    "ChildMeasurement",
    "QualityFigures",
    "data_quality",
    "flagged_by_z",
    "quality_per",
]

# docs/sources/data-quality.md (SD of WAZ, HAZ and WHZ): in a population the SD is expected to be
# roughly 0.8-1.2; far outside it points to measurement or age errors (or a very mixed group).
SD_EXPECTED = (0.8, 1.2)
# Children under five (Permenkes 25/2014 balita, docs/sources/ilp-life-stages.md#life-stages).
UNDER_FIVE_DAYS = 1826


@dataclass(frozen=True, slots=True)
class ChildMeasurement:
    """One measurement of a child, as plain facts (any store row maps onto it)."""

    person_id: int
    measured_on: date
    age_days: int
    weight_kg: float | None
    lenhei_cm: float | None
    position: Position | None
    lila_cm: float | None
    waz: float | None
    haz: float | None
    whz: float | None
    weight_doubtful: bool = False
    lenhei_doubtful: bool = False
    corrections: int = 0  # how often the record was corrected after saving


def flagged_by_z(waz: float | None, haz: float | None, whz: float | None) -> tuple[bool, bool]:
    """(weight doubtful, length doubtful) from the WHO flag limits of the 2-decimal z: a
    weight-for-length flag doubts both values, as WHO Anthro sets both z missing."""

    def flagged(indicator: Indicator, z: float | None) -> bool:
        return ZScore(indicator, z).flagged

    wfl = flagged(Indicator.WEIGHT_FOR_LENGTH_HEIGHT, whz)
    return (
        flagged(Indicator.WEIGHT_FOR_AGE, waz) or wfl,
        flagged(Indicator.LENGTH_HEIGHT_FOR_AGE, haz) or wfl,
    )


@dataclass(frozen=True, slots=True)
class QualityFigures:
    """The quality figures of a group of measurements. Shares are percent, None without a
    denominator; digit scores 0 (no preference) to 100 (every value ends in the same digit)."""

    measurements: int
    values: int  # weights and lengths measured
    doubtful: int  # of those, doubtful
    weight_digit_score: float | None  # tenths of a kilogram
    lenhei_digit_score: float | None  # tenths of a centimetre
    under_two_measured: int  # length measurements under 731 days
    under_two_lying: int
    length_due: int  # measurements of under-fives (length is due at each)
    length_missing: int
    lila_due: int  # measurements at 6-59 months (LILA is due at each)
    lila_missing: int
    sd_waz: float | None
    sd_haz: float | None
    sd_whz: float | None
    twice_same_day: int  # a child measured more than once on one day (count of child-days)
    corrected_records: int
    corrections: int

    @property
    def doubtful_percent(self) -> float | None:
        return _percent(self.doubtful, self.values)

    @property
    def under_two_lying_percent(self) -> float | None:
        return _percent(self.under_two_lying, self.under_two_measured)

    @property
    def length_missing_percent(self) -> float | None:
        return _percent(self.length_missing, self.length_due)

    @property
    def lila_missing_percent(self) -> float | None:
        return _percent(self.lila_missing, self.lila_due)

    @property
    def sds_outside_expected(self) -> tuple[str, ...]:
        """Which of WAZ, HAZ, WHZ have an SD outside `SD_EXPECTED`."""
        low, high = SD_EXPECTED
        named = (("WAZ", self.sd_waz), ("HAZ", self.sd_haz), ("WHZ", self.sd_whz))
        return tuple(n for n, sd in named if sd is not None and not low <= sd <= high)


_Doubt = Callable[[ChildMeasurement], bool]


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _tenths_digit(value: float) -> int:
    """The tenths digit of a value rounded once to 0.1 (12.34 -> 3, 9.96 -> 0)."""
    return round_half_up(value * 10) % 10


def data_quality(measurements: Iterable[ChildMeasurement]) -> QualityFigures:
    """The quality figures of children's measurements under five years (older ones are left
    out: the checks and the expected SDs are for under-fives)."""
    found = [m for m in measurements if 0 <= m.age_days < UNDER_FIVE_DAYS]
    weights = [m for m in found if m.weight_kg is not None]
    lengths = [m for m in found if m.lenhei_cm is not None]
    under_two = [m for m in lengths if m.age_days < LYING_BEFORE_DAYS]
    lila_due = [m for m in found if m.age_days >= LILA_CHILD_FROM_MONTHS * DAYS_PER_MONTH]
    per_day = Counter((m.person_id, m.measured_on) for m in found)

    def sd(z_of: Callable[[ChildMeasurement], float | None], doubtful_of: _Doubt) -> float | None:
        return sample_sd([z for m in found if (z := z_of(m)) is not None and not doubtful_of(m)])

    return QualityFigures(
        measurements=len(found),
        values=len(weights) + len(lengths),
        doubtful=sum(m.weight_doubtful for m in weights) + sum(m.lenhei_doubtful for m in lengths),
        weight_digit_score=digit_preference_score(
            [_tenths_digit(m.weight_kg) for m in weights if m.weight_kg is not None]
        ),
        lenhei_digit_score=digit_preference_score(
            [_tenths_digit(m.lenhei_cm) for m in lengths if m.lenhei_cm is not None]
        ),
        under_two_measured=len(under_two),
        under_two_lying=sum(m.position is Position.LYING for m in under_two),
        length_due=len(found),
        length_missing=len(found) - len(lengths),
        lila_due=len(lila_due),
        lila_missing=sum(m.lila_cm is None for m in lila_due),
        sd_waz=sd(lambda m: m.waz, lambda m: m.weight_doubtful),
        sd_haz=sd(lambda m: m.haz, lambda m: m.lenhei_doubtful),
        sd_whz=sd(lambda m: m.whz, lambda m: m.weight_doubtful or m.lenhei_doubtful),
        twice_same_day=sum(1 for n in per_day.values() if n > 1),
        corrected_records=sum(m.corrections > 0 for m in found),
        corrections=sum(m.corrections for m in found),
    )


K = TypeVar("K", bound=Hashable)


def quality_per(
    measurements: Iterable[tuple[K, ChildMeasurement]],
) -> dict[K, QualityFigures]:
    """`data_quality` for each key (a cadre, a Posyandu), keys in first-seen order."""
    groups: dict[K, list[ChildMeasurement]] = defaultdict(list)
    for key, m in measurements:
        groups[key].append(m)
    return {key: data_quality(group) for key, group in groups.items()}

"""KMS growth status per weighing (Buku KIA 2023): N, T, O, B and 2T, judged by KBM.

The KMS (docs/sources/kms.md) calls a weighing N when the curve follows the growth line *or* the
gain reaches the KBM, and says the KBM is for when the curve is in doubt. Only the KBM branch can be
computed, so every result carries the gain and the KBM used: the cadre confirms against the curve.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.people import round_half_up

__all__ = [
    "KBM_BUKU_KIA_2023",
    "GrowthHistory",
    "GrowthStatus",
    "KbmTable",
    "KmsVersion",
    "RejectedWeighing",
    "WeighingProblem",
    "WeighingResult",
    "completed_months",
    "growth_statuses",
    "last_month_on_the_card",
    "parse_kms_version",
]


class GrowthStatus(StrEnum):
    """The KMS letter for one month's weighing (docs/sources/kms.md,
    docs/sources/skdn-f2.md#skdn)."""

    N = "N"  # naik: gain >= KBM since last month
    T = "T"  # tidak naik: gain < KBM since last month
    O = "O"  # noqa: E741  weighed this month but not last month
    B = "B"  # baru: first weighing at this Posyandu


class WeighingProblem(StrEnum):
    """Why a weighing was left out of the KMS statuses."""

    WEIGHT_INVALID = "weight_invalid"  # zero, negative, not finite, or under 1 g once rounded
    BEFORE_BIRTH = "before_birth"
    SAME_MONTH = "same_month"  # a later weighing in the same calendar month is that month's


@dataclass(frozen=True, slots=True)
class KbmTable:
    """Kenaikan Berat Badan Minimal by completed months of age, as replaceable versioned data."""

    version: str
    source: str
    rows: tuple[tuple[int, int, int], ...]  # (first month, last month inclusive, minimum gain g)

    def __post_init__(self) -> None:
        previous_last = -1
        for first, last, grams in self.rows:
            if not previous_last < first <= last or grams <= 0:
                raise ValueError(f"KBM table {self.version}: bad row {(first, last, grams)}")
            previous_last = last

    def kbm_g(self, age_months: int) -> int | None:
        """Minimum gain in grams for a weighing at this age; None outside the table."""
        for first, last, grams in self.rows:
            if first <= age_months <= last:
                return grams
        return None


# docs/sources/kms.md#kbm. The sequence 800 900 800 600 500 400 300 200 is read from the Buku KIA
# 2023 KMS row [C]; where the merged 300 and 200 cells start (months 7-10, 11-60) comes from a
# Posyandu spreadsheet copy of the card [S]. Other copies have 600 g at month 3, 400 g at month 7 or
# 300 g up to month 11 [S/U]: check against the printed Buku KIA / Juknis KMS 2021 before release.
# Month 0 has no KBM (no interval before it on the card). This is the default version; the same
# rows ship as resources/kms/buku-kia-2023.json beside the other readings (a test keeps them equal).
KBM_BUKU_KIA_2023 = KbmTable(
    version="buku-kia-2023",
    source="Buku KIA 2023, KMS row 'KBM (g)'; column boundaries 7-10/11-60 from a Posyandu copy",
    rows=(
        (1, 1, 800),
        (2, 2, 900),
        (3, 3, 800),
        (4, 4, 600),
        (5, 5, 500),
        (6, 6, 400),
        (7, 10, 300),
        (11, 60, 200),
    ),
)


@dataclass(frozen=True, slots=True)
class KmsVersion:
    """One shipped reading of the KMS: its KBM row and the SD lines the card draws
    (resources/kms/, docs/sources/kms.md#versions). The version name is what a measurement
    stores as `kbm_version`."""

    kbm: KbmTable
    red_line_z: float  # below it is BGM
    orange_line_z: float  # above it the card says refer

    @property
    def version(self) -> str:
        return self.kbm.version


def parse_kms_version(text: str) -> KmsVersion:
    """A KMS version from the text of one `resources/kms/*.json` file; ValueError when the file
    is not one (so a damaged or hand-edited file is refused, never half-used)."""
    try:
        data = json.loads(text)
        rows = tuple(
            (int(r["from_month"]), int(r["to_month"]), int(r["grams"])) for r in data["kbm_g"]
        )
        kbm = KbmTable(version=str(data["version"]), source=str(data["source"]), rows=rows)
        red, orange = float(data["red_line_z"]), float(data["orange_line_z"])
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a KMS version file: {error}") from error
    if not (kbm.version and red < orange):
        raise ValueError(f"KMS version {kbm.version!r}: no name, or the red line is not below")
    return KmsVersion(kbm, red, orange)


@dataclass(frozen=True, slots=True)
class WeighingResult:
    """One calendar month's weighing with its KMS status.

    `gain_g` and `kbm_g` are set only for N/T. N/T with `kbm_g` None (month 0, or past the table)
    was decided by the sign of the gain alone and needs the cadre to check the curve.
    """

    on: date
    weight_g: int
    age_months: int
    status: GrowthStatus
    gain_g: int | None
    kbm_g: int | None
    two_t: bool  # T this month and T last month

    @property
    def refer_kia_2023(self) -> bool:
        """Buku KIA 2023 refers at a single T (it also refers below the red / above the orange
        line, which needs z-scores and is not judged here)."""
        return self.status is GrowthStatus.T

    @property
    def refer_2t(self) -> bool:
        """Older guidance (Orientasi Surveilans Gizi 2019) refers at 2T."""
        return self.two_t


@dataclass(frozen=True, slots=True)
class RejectedWeighing:
    """An input weighing that got no status, and why."""

    on: date
    weight_kg: float
    problem: WeighingProblem


@dataclass(frozen=True, slots=True)
class GrowthHistory:
    """Every input weighing lands in exactly one of the two tuples."""

    results: tuple[WeighingResult, ...]  # one per calendar month weighed, oldest first
    rejected: tuple[RejectedWeighing, ...]


def growth_statuses(
    birth: date,
    weighings: Iterable[tuple[date, float]],
    kbm: KbmTable = KBM_BUKU_KIA_2023,
) -> GrowthHistory:
    """KMS status (N/T/O/B, 2T) for each calendar month in which a child was weighed.

    Weighings may come in any order. Two in the same month: the later one (by date, then by input
    order) is that month's weighing and the other is rejected as SAME_MONTH. Pass only weighings
    made at this Posyandu: the first one is B.
    """
    rejected: list[RejectedWeighing] = []
    by_month: dict[int, tuple[date, float, int]] = {}
    for on, weight_kg in sorted(weighings, key=lambda w: w[0]):  # stable: ties keep input order
        grams = _grams(weight_kg)
        if grams is None:
            rejected.append(RejectedWeighing(on, weight_kg, WeighingProblem.WEIGHT_INVALID))
        elif on < birth:
            rejected.append(RejectedWeighing(on, weight_kg, WeighingProblem.BEFORE_BIRTH))
        else:
            month = Period.of(on).index
            if month in by_month:
                earlier_on, earlier_kg, _ = by_month[month]
                rejected.append(
                    RejectedWeighing(earlier_on, earlier_kg, WeighingProblem.SAME_MONTH)
                )
            by_month[month] = (on, weight_kg, grams)

    results: list[WeighingResult] = []
    previous: WeighingResult | None = None
    for month, (on, _, grams) in by_month.items():  # dates were sorted, so months are too
        age = completed_months(birth, on)
        gain_g = kbm_g = None
        if previous is None:
            status = GrowthStatus.B
        elif Period.of(previous.on).index != month - 1:
            status = GrowthStatus.O
        else:
            gain_g = grams - previous.weight_g
            kbm_g = kbm.kbm_g(age)
            # docs/sources/kms.md: "kenaikan BB sama dengan KBM atau lebih" is N. Without a KBM only
            # a flat or falling weight is certainly T ("mendatar atau menurun").
            minimum = kbm_g if kbm_g is not None else 1
            status = GrowthStatus.N if gain_g >= minimum else GrowthStatus.T
        two_t = status is GrowthStatus.T and previous is not None and previous.status is status
        previous = WeighingResult(on, grams, age, status, gain_g, kbm_g, two_t)
        results.append(previous)
    return GrowthHistory(tuple(results), tuple(sorted(rejected, key=lambda r: r.on)))


def _grams(weight_kg: float) -> int | None:
    # Round once to whole grams so gains and the KBM comparison are exact integers.
    # Implausible but finite weights are plausibility.py's business, not a reason to fail here.
    if not math.isfinite(weight_kg * 1000) or weight_kg <= 0:
        return None
    grams = round_half_up(weight_kg * 1000)
    return grams if grams > 0 else None


def last_month_on_the_card(on: date, birth_date: date) -> date | None:
    """The date under which last month's weight copied from the KMS page of the Buku KIA is
    kept, for a first weighing here on `on`: the same day of the previous month (its last day
    when that month is shorter), never before the birth. None for a child born this month: the
    card has no earlier month."""
    if (birth_date.year, birth_date.month) >= (on.year, on.month):
        return None
    year, month = (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)
    last_day = (date(on.year, on.month, 1) - date(year, month, 1)).days
    return max(date(year, month, min(on.day, last_day)), birth_date)

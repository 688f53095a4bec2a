"""Prevalence of stunting, wasting, underweight and overweight with 95 % confidence intervals,
and the survey data-quality checks, for a simple random sample (docs/sources/anthro-prevalence.md).

The method is the one WHO's `anthro_prevalence` uses when there are no clusters, strata or
weights: children up to 1826 days (or without an age); flagged z-scores left out; a child with
oedema counted below -3 SD for the weight-based prevalences but left out of their z means;
for each group, with n children who have the z-score and N in the whole sample:
- prevalence r = share below (above) the cut-off; se = sqrt(N/(N-1)) / n * sqrt(sum((x - r)^2));
- 95 % CI on the logit scale: logit(r) -/+ t(0.975, N-1) * sqrt(N/(N-1) / (n r (1-r))),
  back-transformed (0 and 100 % give the interval 0-0 and 100-100);
- mean z with the same se and mean -/+ t * se; SD with n - 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from posyandu_desktop.domain.people import DAYS_PER_MONTH, Sex

# WHO anthro_prevalence keeps children up to 1826 days (below 60 months).
LAST_DAY = 1826
# The F2 Gizi age groups (months, lower bound inclusive): the Indonesian recap's bands; WHO
# splits 36-59 into 36-47 and 48-59 (docs/DECISIONS.md).
AGE_GROUPS: tuple[tuple[int, int], ...] = ((0, 6), (6, 12), (12, 24), (24, 36), (36, 60))
OEDEMA_Z = -3.1  # WHO: oedema counts in the numerator of every weight-based "below" cut-off
CONFIDENCE = 0.95


class Condition(StrEnum):
    """The four prevalences, with the z column and cut-off that define them (WHO)."""

    STUNTING = "stunting"  # length/height-for-age < -2
    WASTING = "wasting"  # weight-for-length/height < -2
    UNDERWEIGHT = "underweight"  # weight-for-age < -2
    OVERWEIGHT = "overweight"  # weight-for-length/height > +2


_DEFINITION: dict[Condition, tuple[str, Callable[[float], bool]]] = {
    Condition.STUNTING: ("len", lambda z: z < -2.0),
    Condition.WASTING: ("wfl", lambda z: z < -2.0),
    Condition.UNDERWEIGHT: ("wei", lambda z: z < -2.0),
    Condition.OVERWEIGHT: ("wfl", lambda z: z > 2.0),
}
INDICATORS = ("len", "wei", "wfl", "bmi")
_WEIGHT_BASED = frozenset({"wei", "wfl", "bmi"})


class Child(NamedTuple):
    """One scored row: 2-decimal z by indicator suffix (None when missing or flagged)."""

    sex: Sex | None
    age_days: int | None
    z: dict[str, float | None]
    flagged: dict[str, bool]
    oedema: bool = False
    weight_text: str = ""  # as written, for digit preference
    lenhei_text: str = ""


class Estimate(NamedTuple):
    """A prevalence (%) or a mean z, with its standard error and 95 % confidence interval."""

    n: int
    value: float | None
    se: float | None
    low: float | None
    high: float | None
    sd: float | None = None  # mean z only


class GroupResult(NamedTuple):
    group: str  # "all", "sex:1", "age:0-5", ...
    prevalence: dict[Condition, Estimate]
    mean_z: dict[str, Estimate]


class Quality(NamedTuple):
    """Survey data-quality checks over the children in the analysis."""

    children: int
    flagged_percent: dict[str, float | None]  # per indicator, among those with a z
    sd: dict[str, float | None]  # SD of the non-flagged z
    weight_digit_score: float | None  # digit preference score of the tenths digit (0-100)
    lenhei_digit_score: float | None
    age_whole_year_percent: float | None  # ages at 12, 24, 36, 48 completed months (~8.3 %)
    age_month_score: float | None  # digit preference score of the month of age (mod 12)


# --- Student's t quantile (no scipy): regularised incomplete beta and bisection ---------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t with P(T <= t) = p (0.5 < p < 1), to 1e-12."""
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


# --- estimates --------------------------------------------------------------------------------


def _se(values: Sequence[float], mean: float, total: int) -> float:
    n = len(values)
    return math.sqrt(total / (total - 1)) / n * math.sqrt(sum((v - mean) ** 2 for v in values))


def prevalence(cases: Sequence[bool], total: int, t: float) -> Estimate:
    """Share of True among `cases` (in %) for a group within a sample of `total` children."""
    n = len(cases)
    if n == 0 or total < 2:
        return Estimate(n, None, None, None, None)
    r = sum(cases) / n
    se = _se([float(c) for c in cases], r, total)
    if r in (0.0, 1.0):
        low = high = r
    else:
        half = t * math.sqrt(total / (total - 1) / (n * r * (1.0 - r)))
        logit = math.log(r / (1.0 - r))
        low, high = (1.0 / (1.0 + math.exp(-(logit + k * half))) for k in (-1.0, 1.0))
    return Estimate(n, 100 * r, 100 * se, 100 * low, 100 * high)


def mean_z(values: Sequence[float], total: int, t: float) -> Estimate:
    """Mean z with its 95 % CI and the SD (None where n is too small)."""
    n = len(values)
    if n == 0 or total < 2:
        return Estimate(n, None, None, None, None)
    mean = sum(values) / n
    se = _se(values, mean, total)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None
    return Estimate(n, mean, se, mean - t * se, mean + t * se, sd)


def age_group(age_days: int) -> str:
    months = age_days / DAYS_PER_MONTH
    for low, high in AGE_GROUPS:
        if months < high:
            return f"age:{low}-{high - 1}"
    return "age:beyond"


def _prevalence_z(child: Child, suffix: str) -> float | None:
    """The z counted for prevalences: oedema as -3.1 for weight-based indicators (WHO)."""
    if child.oedema and suffix in _WEIGHT_BASED:
        return OEDEMA_Z
    return child.z.get(suffix)


def summarise(children: Iterable[Child]) -> tuple[list[GroupResult], Quality]:
    """Prevalences and mean z for all, by sex, by age group and by age group and sex; and the
    quality checks. Children beyond 1826 days are left out, as WHO does."""
    kept = [c for c in children if c.age_days is None or c.age_days <= LAST_DAY]
    total = len(kept)
    t = t_quantile(1 - (1 - CONFIDENCE) / 2, total - 1) if total > 1 else math.nan
    groups: dict[str, list[Child]] = {"all": kept}
    for child in kept:
        keys = []
        if child.sex is not None:
            keys.append(f"sex:{int(child.sex)}")
        if child.age_days is not None:
            keys.append(age_group(child.age_days))
            if child.sex is not None:
                keys.append(f"{keys[-1]}|sex:{int(child.sex)}")
        for key in keys:
            groups.setdefault(key, []).append(child)
    order = ["all", "sex:1", "sex:2"] + [
        f"age:{low}-{high - 1}{sex}" for sex in ("", "|sex:1", "|sex:2") for low, high in AGE_GROUPS
    ]
    results = []
    for key in order:
        members = groups.get(key, [])
        prevalences = {}
        for condition, (suffix, test) in _DEFINITION.items():
            zs = [z for c in members if (z := _prevalence_z(c, suffix)) is not None]
            prevalences[condition] = prevalence([test(z) for z in zs], total, t)
        means = {
            suffix: mean_z(
                [
                    z
                    for c in members
                    if (z := c.z.get(suffix)) is not None
                    and not (c.oedema and suffix in _WEIGHT_BASED)
                ],
                total,
                t,
            )
            for suffix in INDICATORS
        }
        results.append(GroupResult(key, prevalences, means))
    return results, _quality(kept)


def digit_preference_score(digits: Sequence[int], categories: int = 10) -> float | None:
    """100 * sqrt(chi-square / (n * (k - 1))) against equal shares of k digits: 0 for no
    preference, 100 when every value ends in the same digit."""
    n = len(digits)
    if n == 0:
        return None
    expected = n / categories
    counts = [0] * categories
    for d in digits:
        counts[d] += 1
    chi2 = sum((c - expected) ** 2 / expected for c in counts)
    return 100 * math.sqrt(chi2 / (n * (categories - 1)))


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1); None for fewer than two values."""
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _tenths(text: str) -> int | None:
    """The tenths digit as written ("9,6" -> 6, "10" -> 0), None when it is not a number."""
    text = text.strip().replace(",", ".")
    whole, _, fraction = text.partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return int(fraction[0]) if fraction else 0


def _quality(kept: Sequence[Child]) -> Quality:
    flagged: dict[str, float | None] = {}
    sds: dict[str, float | None] = {}
    for suffix in INDICATORS:
        scored = [c for c in kept if c.z.get(suffix) is not None or c.flagged.get(suffix)]
        flags = sum(bool(c.flagged.get(suffix)) for c in scored)
        flagged[suffix] = 100 * flags / len(scored) if scored else None
        sds[suffix] = sample_sd([z for c in kept if (z := c.z.get(suffix)) is not None])
    weight_digits = [d for c in kept if (d := _tenths(c.weight_text)) is not None]
    length_digits = [d for c in kept if (d := _tenths(c.lenhei_text)) is not None]
    months = [int(c.age_days / DAYS_PER_MONTH) for c in kept if c.age_days is not None]
    whole_years = [m for m in months if m % 12 == 0 and m > 0]
    in_range = [m for m in months if m >= 6]  # heaping at 12-48 months, among 6-59 months
    return Quality(
        children=len(kept),
        flagged_percent=flagged,
        sd=sds,
        weight_digit_score=digit_preference_score(weight_digits),
        lenhei_digit_score=digit_preference_score(length_digits),
        age_whole_year_percent=100 * len(whole_years) / len(in_range) if in_range else None,
        age_month_score=digit_preference_score([m % 12 for m in months], 12),
    )

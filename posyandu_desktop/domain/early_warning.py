"""Berisiko stunting: children to follow up before their length crosses -2 SD, with the reasons.

Every rule and its threshold is in `EarlyWarningRules` (data a Dinkes can replace) and cites
docs/sources/early-warning.md; the rules without an outside source are local choices listed in
docs/DECISIONS.md ("Early warning"). Only valid measurements count: the caller marks a doubtful
value `doubtful` and it is skipped, as it is left out of every other figure.

`backtest` measures the list against the registry's own history: for each confirmed new
stunting case, was the child on the list in the months before it?
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from posyandu_desktop.domain.growth.classify import KEK_BELOW_CM
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.stunting_incidence import (
    INCIDENCE_2026,
    ChildLengths,
    IncidenceRule,
    LengthRecord,
    new_stunting_lists,
)

__all__ = [
    "DEFAULT_RULES",
    "Backtest",
    "ChildHistory",
    "EarlyWarningRules",
    "Finding",
    "GrowthPoint",
    "RiskReason",
    "StuntingRisk",
    "at_risk",
    "backtest",
    "confirmed_cases",
    "monthly_lists",
    "registry_backtest",
    "risk_of",
]


class RiskReason(StrEnum):
    """Why a child is on the list (the words are in i18n/labels.py)."""

    LENGTH_FALLING = "length_falling"  # HAZ between -2 and -1 and falling
    WEIGHT_FALLING = "weight_falling"  # WAZ down across a major centile line
    TWO_T = "two_t"  # T at two weighings in a row
    T_TWICE = "t_twice"  # T (gain below the KBM) twice within three months
    LOW_BIRTH_WEIGHT = "low_birth_weight"  # BBLR, in the first months
    SHORT_BIRTH_LENGTH = "short_birth_length"  # born short, in the first months
    MOTHER_KEK = "mother_kek"  # mother's LILA below the KEK cut-off while pregnant with the child
    MISSED_WEIGHINGS = "missed_weighings"  # under two and not weighed for months


@dataclass(frozen=True, slots=True)
class EarlyWarningRules:
    """The thresholds of every rule (docs/sources/early-warning.md; local choices in
    docs/DECISIONS.md). Replace the whole object to apply another definition."""

    version: str = "posyandu-desktop-2026-12"
    # docs/sources/early-warning.md#length: the 1000-day window, where stunting starts.
    length_under_months: int = 24
    haz_band: tuple[float, float] = (-2.0, -1.0)  # at or above the first, below the second
    haz_fall_sd: float = 0.5  # local choice: twice the usual month-to-month noise of HAZ
    fall_window_days: int = 183  # six months, the window of both falls
    # docs/sources/early-warning.md#weight: 0.67 SD is one major centile space. The weight
    # rules (with the KMS letters below) apply before 24 months, as the length rule does.
    weight_under_months: int = 24
    waz_fall_sd: float = 0.67
    # docs/sources/early-warning.md#kms: T twice in three months, 2T (False: neither counts).
    kms_letters: bool = True
    t_count: int = 2
    t_window_months: int = 3
    # docs/sources/early-warning.md#birth: BBLR < 2500 g, born short < 48 cm; "first months" is
    # a local choice (six months, the exclusive-breastfeeding period).
    low_birth_weight_below_kg: float = 2.5
    short_birth_length_below_cm: float = 48.0
    birth_rules_under_months: int = 6
    # docs/sources/lila-muac.md: KEK is LILA < 23.5 cm; child followed for its first six months.
    kek_below_cm: float = KEK_BELOW_CM
    mother_kek_under_months: int = 6
    # docs/sources/early-warning.md#weighings: monthly weighing; local choice: two of the last
    # three Posyandu months missed.
    missed_under_months: int = 24
    missed_of_last: tuple[int, int] = (2, 3)
    # Ranking for home visits: the more reasons and the heavier ones, the sooner (local choice).
    weights: Mapping[RiskReason, int] = field(
        default_factory=lambda: {
            RiskReason.LENGTH_FALLING: 4,
            RiskReason.WEIGHT_FALLING: 3,
            RiskReason.TWO_T: 3,
            RiskReason.T_TWICE: 2,
            RiskReason.SHORT_BIRTH_LENGTH: 2,
            RiskReason.LOW_BIRTH_WEIGHT: 2,
            RiskReason.MOTHER_KEK: 1,
            RiskReason.MISSED_WEIGHINGS: 1,
        }
    )


DEFAULT_RULES = EarlyWarningRules()


@dataclass(frozen=True, slots=True)
class GrowthPoint:
    """One stored measurement of a child: its date, z-scores and KMS letter."""

    measured_on: date
    waz: float | None = None
    haz: float | None = None
    growth_status: GrowthStatus | None = None
    two_t: bool = False
    doubtful: bool = False  # a doubtful value counts for nothing here
    order: int = 0  # entry order among measurements of one date (the row id)


@dataclass(frozen=True, slots=True)
class ChildHistory:
    """What the rules need to know about one child."""

    person_id: int
    birth_date: date
    points: Sequence[GrowthPoint]
    birth_weight_kg: float | None = None
    birth_length_cm: float | None = None
    mother_lila_in_pregnancy_cm: float | None = None  # lowest LILA while pregnant with the child
    left_on: date | None = None  # moved away or died: off the list from this day


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason with its numbers: the fall in SD and over how many months, the last z."""

    reason: RiskReason
    amount: float | None = None  # SD fallen, kg, cm or months missed
    months: int | None = None  # over how many months
    z: float | None = None  # the latest z of the index concerned
    since: date | None = None  # a fall: the measurement it fell from (the chart marks it)


@dataclass(frozen=True, slots=True)
class StuntingRisk:
    """A child on the list on `as_of`, with the reasons (heaviest first) and a rank score."""

    person_id: int
    as_of: date
    age_months: int
    findings: tuple[Finding, ...]
    score: int
    haz: float | None  # the latest valid HAZ, for the ranking and the profile

    @property
    def reasons(self) -> tuple[RiskReason, ...]:
        return tuple(f.reason for f in self.findings)


def risk_of(
    child: ChildHistory,
    as_of: date,
    rules: EarlyWarningRules = DEFAULT_RULES,
    *,
    held_months: frozenset[Period] | None = None,
) -> StuntingRisk | None:
    """The child's risk on `as_of` from the measurements up to that day; None when no rule
    applies, the child is not born yet, has left, or is five or older. `held_months` are the
    months with a Posyandu day (every month when None), for the missed-weighings rule."""
    if as_of < child.birth_date or (child.left_on is not None and child.left_on <= as_of):
        return None
    age = completed_months(child.birth_date, as_of)
    if age >= 60:
        return None
    points = sorted(
        (p for p in child.points if not p.doubtful and child.birth_date <= p.measured_on <= as_of),
        key=lambda p: p.measured_on,
    )
    findings = [
        *_length_falling(points, as_of, age, rules),
        *_weight_falling(points, as_of, age, rules),
        *(_kms_letters(points, as_of, rules) if age < rules.weight_under_months else ()),
        *_birth(child, age, rules),
        *_missed(child, points, as_of, age, rules, held_months),
    ]
    if not findings:
        return None
    findings.sort(key=lambda f: -rules.weights.get(f.reason, 0))
    haz = next((p.haz for p in reversed(points) if p.haz is not None), None)
    score = sum(rules.weights.get(f.reason, 0) for f in findings)
    return StuntingRisk(child.person_id, as_of, age, tuple(findings), score, haz)


def at_risk(
    children: Iterable[ChildHistory],
    as_of: date,
    rules: EarlyWarningRules = DEFAULT_RULES,
    *,
    held_months: frozenset[Period] | None = None,
) -> tuple[StuntingRisk, ...]:
    """The list on `as_of`, ranked for home visits: highest score first, then the lowest HAZ."""
    found = [r for c in children if (r := risk_of(c, as_of, rules, held_months=held_months))]
    return tuple(
        sorted(found, key=lambda r: (-r.score, r.haz if r.haz is not None else 0.0, r.person_id))
    )


def _fall(
    points: Sequence[GrowthPoint], as_of: date, window_days: int, z_of: str
) -> tuple[float, int, float, date] | None:
    """The largest fall from an earlier value in the window to the latest: (SD, months, last z,
    the date fallen from)."""
    values = [(p.measured_on, getattr(p, z_of)) for p in points if getattr(p, z_of) is not None]
    if len(values) < 2:
        return None
    last_on, last_z = values[-1]
    start = as_of - timedelta(days=window_days)
    earlier = [(on, z) for on, z in values[:-1] if on >= start]
    if not earlier:
        return None
    top_on, top_z = max(earlier, key=lambda v: v[1])
    months = Period.of(last_on).index - Period.of(top_on).index
    # z-scores are kept to two decimals on screen: compare the fall the cadre can read.
    return round(top_z - last_z, 2), max(months, 1), last_z, top_on


def _length_falling(
    points: Sequence[GrowthPoint], as_of: date, age: int, rules: EarlyWarningRules
) -> list[Finding]:
    if age >= rules.length_under_months:
        return []
    fall = _fall(points, as_of, rules.fall_window_days, "haz")
    if fall is None:
        return []
    sd, months, last, since = fall
    low, high = rules.haz_band
    if low <= last < high and sd >= rules.haz_fall_sd:
        return [Finding(RiskReason.LENGTH_FALLING, sd, months, last, since)]
    return []


def _weight_falling(
    points: Sequence[GrowthPoint], as_of: date, age: int, rules: EarlyWarningRules
) -> list[Finding]:
    if age >= rules.weight_under_months:
        return []
    fall = _fall(points, as_of, rules.fall_window_days, "waz")
    if fall is None or fall[0] < rules.waz_fall_sd:
        return []
    sd, months, last, since = fall
    return [Finding(RiskReason.WEIGHT_FALLING, sd, months, last, since)]


def _kms_letters(
    points: Sequence[GrowthPoint], as_of: date, rules: EarlyWarningRules
) -> list[Finding]:
    if not rules.kms_letters:
        return []
    first = Period.of(as_of).plus(1 - rules.t_window_months)
    recent = [p for p in points if p.growth_status and Period.of(p.measured_on) >= first]
    if not recent:
        return []
    if recent[-1].two_t:
        return [Finding(RiskReason.TWO_T)]
    t_count = sum(p.growth_status is GrowthStatus.T for p in recent)
    if t_count >= rules.t_count:
        return [Finding(RiskReason.T_TWICE, float(t_count), rules.t_window_months)]
    return []


def _birth(child: ChildHistory, age: int, rules: EarlyWarningRules) -> list[Finding]:
    found = []
    if age < rules.birth_rules_under_months:
        kg, cm = child.birth_weight_kg, child.birth_length_cm
        if kg is not None and kg < rules.low_birth_weight_below_kg:
            found.append(Finding(RiskReason.LOW_BIRTH_WEIGHT, kg))
        if cm is not None and cm < rules.short_birth_length_below_cm:
            found.append(Finding(RiskReason.SHORT_BIRTH_LENGTH, cm))
    lila = child.mother_lila_in_pregnancy_cm
    if age < rules.mother_kek_under_months and lila is not None and lila < rules.kek_below_cm:
        found.append(Finding(RiskReason.MOTHER_KEK, lila))
    return found


def _missed(
    child: ChildHistory,
    points: Sequence[GrowthPoint],
    as_of: date,
    age: int,
    rules: EarlyWarningRules,
    held_months: frozenset[Period] | None,
) -> list[Finding]:
    if age >= rules.missed_under_months or not points:
        return []  # never weighed here: the due list, not this one, finds the child
    missed_at_least, of_last = rules.missed_of_last
    came = {Period.of(p.measured_on) for p in points}
    since = max(Period.of(points[0].measured_on), Period.of(child.birth_date).plus(1))
    months = [Period.of(as_of).plus(-k) for k in range(of_last)]
    due = [m for m in months if m >= since and (held_months is None or m in held_months)]
    missed = sum(m not in came for m in due)
    if missed >= missed_at_least:
        return [Finding(RiskReason.MISSED_WEIGHINGS, float(missed), len(months))]
    return []


# --- does it work? ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Backtest:
    """The list against the confirmed new cases of the months judged."""

    months: tuple[Period, ...]
    list_sizes: tuple[int, ...]  # children on the list at the end of each month
    cases: tuple[tuple[int, Period], ...]  # (person id, month confirmed)
    warned: tuple[int, ...]  # person ids of the cases on the list 1 to 3 months before
    recovered: tuple[int, ...]  # left the list, measured since, not a case

    @property
    def sensitivity(self) -> float | None:
        return len(self.warned) / len(self.cases) if self.cases else None

    @property
    def mean_list_size(self) -> float:
        return sum(self.list_sizes) / len(self.list_sizes) if self.list_sizes else 0.0


def monthly_lists(
    children: Sequence[ChildHistory],
    months: Sequence[Period],
    rules: EarlyWarningRules = DEFAULT_RULES,
    *,
    held_months: frozenset[Period] | None = None,
) -> dict[Period, frozenset[int]]:
    """Who was on the list at the end of each month, from what was known then."""
    lists = {}
    for month in months:
        found = at_risk(children, month.last_day, rules, held_months=held_months)
        lists[month] = frozenset(r.person_id for r in found)
    return lists


def backtest(
    lists: Mapping[Period, frozenset[int]],
    cases: Iterable[tuple[int, Period]],
    measured: Mapping[int, Iterable[date]],
    *,
    lead_months: tuple[int, int] = (1, 3),
) -> Backtest:
    """Score the monthly lists. `lists` must cover the months judged and the `lead_months`
    before the first; `cases` are the confirmed new cases (person id, month) in those months;
    `measured` gives each child's valid measurement dates (a child who left the list is
    recovered only if measured since and never a case)."""
    judged = sorted(lists)[lead_months[1] :] or sorted(lists)
    judged_set = set(judged)
    in_window = {(pid, m) for pid, m in cases if m in judged_set}
    case_list = sorted(in_window, key=lambda c: (c[1], c[0]))
    warned = []
    for pid, month in case_list:
        before = (month.plus(-k) for k in range(lead_months[0], lead_months[1] + 1))
        if any(pid in lists.get(m, frozenset()) for m in before):
            warned.append(pid)
    case_ids = {pid for pid, _ in cases}
    recovered = set()
    for previous, month in pairwise(judged):
        for pid in lists[previous] - lists[month] - case_ids:
            if any(Period.of(on) >= month for on in measured.get(pid, ())):
                recovered.add(pid)
    return Backtest(
        months=tuple(judged),
        list_sizes=tuple(len(lists[m]) for m in judged),
        cases=tuple(case_list),
        warned=tuple(warned),
        recovered=tuple(sorted(recovered)),
    )


# HAZ below -2 SD is stunted (pendek or sangat pendek, docs/sources/permenkes-2-2020.md), read on
# the two-decimal z as the categories are.
_STUNTED_BELOW = -2.0


def confirmed_cases(
    children: Iterable[ChildHistory],
    months: Sequence[Period],
    rule: IncidenceRule = INCIDENCE_2026,
) -> list[tuple[int, Period]]:
    """The confirmed new stunting cases of each month, by the incidence rule."""
    lengths = [
        ChildLengths(
            c.person_id,
            c.birth_date,
            c.birth_length_cm,
            [
                LengthRecord(
                    p.measured_on, p.order, round(p.haz, 2) < _STUNTED_BELOW, not p.doubtful
                )
                for p in c.points
                if p.haz is not None
            ],
        )
        for c in children
    ]
    return [
        (pid, m) for m in months for pid in new_stunting_lists(lengths, m.year, m.month).confirmed
    ]


def registry_backtest(
    children: Sequence[ChildHistory],
    last: Period,
    *,
    months: int = 12,
    rules: EarlyWarningRules = DEFAULT_RULES,
    rule: IncidenceRule = INCIDENCE_2026,
    held_months: frozenset[Period] | None = None,
) -> Backtest:
    """The backtest of the `months` up to `last` on a registry's own history."""
    lead = 3
    span = [last.plus(-k) for k in range(months + lead - 1, -1, -1)]
    lists = monthly_lists(children, span, rules, held_months=held_months)
    cases = confirmed_cases(children, span[lead:], rule)
    measured = {c.person_id: [p.measured_on for p in c.points if not p.doubtful] for c in children}
    return backtest(lists, cases, measured, lead_months=(1, lead))

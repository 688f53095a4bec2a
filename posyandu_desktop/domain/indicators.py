"""SKDN and the monthly indicators of the F2 "rekapitulasi hasil penimbangan", from plain records.

Counts are of people, not of weighings: a child's last weighing in a calendar month is that
month's weighing and carries the KMS status stored with it (N/T/O/B, 2T: weight_gain.py; only the
month's last weighing gets one, services/measuring.py). Ages are completed months, as Permenkes
2/2020 counts them ("2 bulan 29 hari = 2 bulan", docs/sources/permenkes-2-2020.md#age-and-length):
at the month's weighing, else on the month's last day. Sources: docs/sources/kms.md (N/T/O/B, 2T,
BGM), docs/sources/skdn-f2.md#skdn (SKDN, ratios), docs/sources/lila-muac.md (LILA),
docs/sources/permenkes-2-2020.md#categories (categories); docs/sources/skdn-f2.md#f2 (the five 2023
age groups, kader aktif).

The child tables are sums over one line per child (`RosterChild`, `month_roster`): the monthly
export carries those lines, and the puskesmas recap (recap.py) recounts them across Posyandu.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import Enum
from types import MappingProxyType
from typing import TypeVar

from posyandu_desktop.domain.growth.classify import (
    BGM_CATEGORY,
    KEK_BELOW_CM,
    STUNTED,
    Category,
    LengthHeightForAgeCategory,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
    lila_group,
    lila_status,
)
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.life_stage import (
    ADULT_FROM_YEARS,
    ELDERLY_FROM_YEARS,
    UNDER_FIVE_BELOW_MONTHS,
    VitaminACapsule,
)
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import ServiceKind, VisitReason

# Hypertension screening in ILP adults and elders: >= 140 systolic or >= 90 diastolic (JNC 7 /
# Kemenkes P2PTM, the cut-off the ILP recap uses).
HIGH_SYSTOLIC_MMHG = 140
HIGH_DIASTOLIC_MMHG = 90
TREND_MONTHS = 12


class AgeGroup(Enum):
    """The F2 (2023) age groups in completed months, first and last inclusive
    (docs/sources/skdn-f2.md#f2)."""

    M0_5 = (0, 5)
    M6_11 = (6, 11)
    M12_23 = (12, 23)
    M24_35 = (24, 35)
    M36_59 = (36, 59)

    @property
    def first(self) -> int:
        return self.value[0]

    @property
    def last(self) -> int:
        return self.value[1]


def age_group(months: int) -> AgeGroup | None:
    """The F2 age group of a child of this many completed months; None outside 0-59."""
    for group in AgeGroup:
        if group.first <= months <= group.last:
            return group
    return None


class StatusIndex(Enum):
    """The Permenkes 2/2020 indices whose categories the report counts
    (docs/sources/permenkes-2-2020.md#categories)."""

    WEIGHT_FOR_AGE = "wfa"  # BB/U
    LENGTH_HEIGHT_FOR_AGE = "lhfa"  # PB/U or TB/U
    WEIGHT_FOR_LENGTH_HEIGHT = "wflh"  # BB/PB or BB/TB
    BMI_FOR_AGE = "bfa"  # IMT/U, 0-60 months: the same six categories as BB/PB

    @property
    def categories(self) -> tuple[Category, ...]:
        """The index's categories, most severe first."""
        return _INDEX_CATEGORIES[self]


_INDEX_CATEGORIES: dict[StatusIndex, tuple[Category, ...]] = {
    StatusIndex.WEIGHT_FOR_AGE: tuple(WeightForAgeCategory),
    StatusIndex.LENGTH_HEIGHT_FOR_AGE: tuple(LengthHeightForAgeCategory),
    StatusIndex.WEIGHT_FOR_LENGTH_HEIGHT: tuple(WeightForLengthHeightCategory),
    StatusIndex.BMI_FOR_AGE: tuple(WeightForLengthHeightCategory),
}


class ReferralReason(Enum):
    """Why a child goes to the puskesmas (docs/sources/kms.md: T, BGM; 2T per 2019 guidance;
    docs/sources/lila-muac.md: oedema, MUAC)."""

    T = "t"
    TWO_T = "two_t"
    BGM = "bgm"
    OEDEMA = "oedema"
    MUAC = "muac"


# Inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Child:
    """A registered person who may be a balita in the month."""

    person_id: int
    name: str
    sex: Sex
    birth_date: date
    left_on: date | None = None  # moved away or died: out of S from this date
    has_kms: bool = True  # owns a KMS / Buku KIA: the K of SKDN (docs/sources/skdn-f2.md#skdn)


@dataclass(frozen=True, slots=True)
class ChildMeasurement:
    """What the report needs of one stored measurement of a child."""

    person_id: int
    measured_on: date
    order: int  # entry order (the row id) among measurements of one date
    weight_kg: float | None
    growth_status: GrowthStatus | None
    two_t: bool
    wfa: Category | None = None
    lhfa: Category | None = None
    wflh: Category | None = None
    bfa: Category | None = None
    oedema: bool = False
    lila_cm: float | None = None


@dataclass(frozen=True, slots=True)
class AdultMeasurement:
    """Blood pressure and LILA of a person of any age; `pregnant` on the day measured."""

    person_id: int
    name: str
    birth_date: date
    measured_on: date
    order: int
    systolic_mmhg: int | None = None
    diastolic_mmhg: int | None = None
    lila_cm: float | None = None
    pregnant: bool = False


@dataclass(frozen=True, slots=True)
class ServiceGiven:
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None = None


@dataclass(frozen=True, slots=True)
class HomeVisit:
    visited_on: date
    reason: VisitReason
    cadre_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Cadre:
    cadre_id: int
    name: str
    active: bool  # registered as active (kader "ada")


@dataclass(frozen=True, slots=True)
class Session:
    """A Posyandu day and the cadres who signed in for it."""

    held_on: date
    cadre_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class CadreWork:
    """One measurement a cadre entered (for the performance sheet)."""

    cadre_id: int
    person_id: int
    measured_on: date


@dataclass(frozen=True, slots=True)
class MonthInputs:
    """Everything one month's report is computed from. Child measurements reach back to the
    start of the trend (and further for new stunting); the rest may cover any period."""

    year: int
    month: int
    children: Sequence[Child]
    child_measurements: Sequence[ChildMeasurement]
    adult_measurements: Sequence[AdultMeasurement] = ()
    services: Sequence[ServiceGiven] = ()
    home_visits: Sequence[HomeVisit] = ()
    cadres: Sequence[Cadre] = ()
    sessions: Sequence[Session] = ()
    work: Sequence[CadreWork] = ()
    corrections: Mapping[int, int] | None = None  # cadre id -> records corrected this month


# Results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkdnCounts:
    """S, K, D, N, T, 2T, O, B and BGM of one cell of the F2 table
    (docs/sources/skdn-f2.md#skdn)."""

    s: int = 0
    k: int = 0
    d: int = 0
    n: int = 0
    t: int = 0
    two_t: int = 0
    o: int = 0
    b: int = 0
    bgm: int = 0

    def __add__(self, other: SkdnCounts) -> SkdnCounts:
        return SkdnCounts(*(getattr(self, f) + getattr(other, f) for f in _COUNT_FIELDS))

    @property
    def identity_holds(self) -> bool:
        """D = N + T + O + B (docs/sources/kms.md): every child weighed got exactly one KMS
        letter."""
        return self.d == self.n + self.t + self.o + self.b

    @property
    def d_s(self) -> float | None:
        """Community participation (partisipasi masyarakat)."""
        return ratio(self.d, self.s)

    @property
    def k_s(self) -> float | None:
        """Programme coverage (liputan program)."""
        return ratio(self.k, self.s)

    @property
    def d_k(self) -> float | None:
        """Continuity of weighing (kelangsungan penimbangan)."""
        return ratio(self.d, self.k)

    @property
    def n_d(self) -> float | None:
        """Weighing success (keberhasilan penimbangan)."""
        return ratio(self.n, self.d)

    @property
    def n_s(self) -> float | None:
        """Programme effectiveness (hasil program)."""
        return ratio(self.n, self.s)


_COUNT_FIELDS = tuple(f.name for f in fields(SkdnCounts))


def ratio(part: int, whole: int) -> float | None:
    """part / whole, None when the denominator is 0 (no 0 % where nobody was counted)."""
    return None if whole == 0 else part / whole


@dataclass(frozen=True, slots=True)
class Skdn:
    """The F2 table: counts by sex and age group."""

    year: int
    month: int
    cells: Mapping[tuple[Sex, AgeGroup], SkdnCounts]

    def total(self, sex: Sex | None = None, group: AgeGroup | None = None) -> SkdnCounts:
        """The sum over one sex, one age group, both, or everything."""
        found = SkdnCounts()
        for (s, g), counts in self.cells.items():
            if (sex is None or s is sex) and (group is None or g is group):
                found += counts
        return found

    @property
    def identity_holds(self) -> bool:
        return all(c.identity_holds for c in self.cells.values())


@dataclass(frozen=True, slots=True)
class RosterChild:
    """One child's line in the month's report: what the SKDN table, the status counts, the new
    stunting list and the referrals counted of them. The report's tables are sums over these lines,
    so a merge across Posyandu can recount them person by person."""

    person_id: int
    sex: Sex
    age_months: int  # completed months at the month's weighing, else on the month's last day
    age_group: AgeGroup | None  # the F2 group of `age_months`; None from 60 months
    in_s: bool  # a balita of the area this month (S)
    k: bool  # has a KMS / Buku KIA (counted in K only while in S)
    weighed_on: date | None  # the month's weighing (D); None: not weighed
    status: GrowthStatus | None  # the KMS letter stored with that weighing
    two_t: bool  # T for the second month running
    bgm: bool  # weight-for-age below -3 SD at that weighing
    categories: Mapping[StatusIndex, Category]  # latest category per index this month, if any
    new_stunting: bool
    referral: tuple[ReferralReason, ...]  # empty: not referred

    @property
    def skdn(self) -> SkdnCounts:
        """This child's part in the F2 cell of its sex and age group (zero outside S)."""
        if not self.in_s:
            return SkdnCounts()
        weighed = self.weighed_on is not None
        return SkdnCounts(
            s=1,
            k=int(self.k),
            d=int(weighed),
            n=int(weighed and self.status is GrowthStatus.N),
            t=int(weighed and self.status is GrowthStatus.T),
            two_t=int(weighed and self.status is GrowthStatus.T and self.two_t),
            o=int(weighed and self.status is GrowthStatus.O),
            b=int(weighed and self.status is GrowthStatus.B),
            bgm=int(weighed and self.bgm),
        )


@dataclass(frozen=True, slots=True)
class Referral:
    person_id: int
    name: str
    sex: Sex
    age_months: int
    reasons: tuple[ReferralReason, ...]


@dataclass(frozen=True, slots=True)
class NewStunting:
    person_id: int
    name: str
    age_months: int
    previous: Category | None  # the category at the previous length measurement; None: first
    now: Category


@dataclass(frozen=True, slots=True)
class PersonFinding:
    """A woman with KEK or a person with high blood pressure."""

    person_id: int
    name: str
    age_years: int
    value: str  # "21.9" cm or "150/95" mmHg, unlocalised


@dataclass(frozen=True, slots=True)
class BloodPressureCounts:
    measured_adults: int
    high_adults: int
    measured_elders: int
    high_elders: int
    people: tuple[PersonFinding, ...]


@dataclass(frozen=True, slots=True)
class CadrePerformance:
    cadre_id: int
    name: str
    registered_active: bool
    sessions_attended: int
    people_measured: int
    home_visits: int
    records_corrected: int


@dataclass(frozen=True, slots=True)
class TrendPoint:
    year: int
    month: int
    d_s: float | None
    n_d: float | None


@dataclass(frozen=True, slots=True)
class MonthlyIndicators:
    """Every number of the monthly report."""

    skdn: Skdn
    status_counts: Mapping[StatusIndex, Mapping[Category, int]]
    status_measured: Mapping[StatusIndex, int]  # children with a category on each index
    new_stunting: tuple[NewStunting, ...]
    referrals: tuple[Referral, ...]
    kek_pregnant: tuple[PersonFinding, ...]
    pregnant_lila_measured: int
    blood_pressure: BloodPressureCounts
    home_visits: int
    home_visits_by_reason: Mapping[VisitReason, int]
    sessions: int
    cadres_registered: int  # cadres marked active in the registry (kader "ada")
    cadres_active: int  # cadres who served at least one session this month (kader aktif)
    attendance_by_session: tuple[tuple[date, int], ...]
    services: Mapping[tuple[ServiceKind, VitaminACapsule | None], int]  # people given
    cadre_performance: tuple[CadrePerformance, ...]
    trend: tuple[TrendPoint, ...]


# Computation --------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a calendar month."""
    period = Period(year, month)
    return period.first_day, period.last_day


def previous_months(year: int, month: int, count: int) -> tuple[tuple[int, int], ...]:
    """`count` months ending with this one, oldest first."""
    months = (Period(year, month).plus(back - count + 1) for back in range(count))
    return tuple((m.year, m.month) for m in months)


def _in_month(on: date, year: int, month: int) -> bool:
    return on.year == year and on.month == month


_R = TypeVar("_R", ChildMeasurement, AdultMeasurement)


def _latest(records: Iterable[_R]) -> dict[int, _R]:
    """Each person's last record by (date, entry order)."""
    found: dict[int, _R] = {}
    for r in sorted(records, key=lambda r: (r.measured_on, r.order)):
        found[r.person_id] = r
    return found


class _Months:
    """Each month's weighing per child, indexed once for the SKDN of many months."""

    def __init__(self, measurements: Iterable[ChildMeasurement]) -> None:
        self.weighing: defaultdict[tuple[int, int], dict[int, ChildMeasurement]] = defaultdict(dict)
        weighed = (m for m in measurements if m.weight_kg is not None)
        for m in sorted(weighed, key=lambda m: (m.measured_on, m.order)):
            self.weighing[(m.measured_on.year, m.measured_on.month)][m.person_id] = m


_NO_CATEGORIES: Mapping[StatusIndex, Category] = MappingProxyType({})


def _f2_line(
    child: Child, weighed: Mapping[int, ChildMeasurement], last: date
) -> RosterChild | None:
    """The child's F2 line from the month's weighing alone; None if born after the month (or
    after the weighing). `in_s` needs an age of 0-59 months and, unless weighed in the month,
    a child who had not left by its last day."""
    w = weighed.get(child.person_id)
    on = last if w is None else w.measured_on
    if on < child.birth_date:
        return None
    months = completed_months(child.birth_date, on)
    group = age_group(months)
    left = w is None and child.left_on is not None and child.left_on <= last
    status = None if w is None else w.growth_status
    return RosterChild(
        person_id=child.person_id,
        sex=child.sex,
        age_months=months,
        age_group=group,
        in_s=group is not None and not left,
        k=child.has_kms,
        weighed_on=None if w is None else w.measured_on,
        status=status,
        two_t=w is not None and status is GrowthStatus.T and w.two_t,
        bgm=w is not None and w.wfa is BGM_CATEGORY,
        categories=_NO_CATEGORIES,
        new_stunting=False,
        referral=(),
    )


def skdn_of(year: int, month: int, roster: Iterable[RosterChild]) -> Skdn:
    """The F2 table as the sum of the children's lines."""
    cells: dict[tuple[Sex, AgeGroup], SkdnCounts] = {
        (sex, group): SkdnCounts() for sex in Sex for group in AgeGroup
    }
    for child in roster:
        if child.in_s and child.age_group is not None:
            cells[(child.sex, child.age_group)] += child.skdn
    return Skdn(year, month, cells)


def status_of(roster: Iterable[RosterChild]) -> dict[StatusIndex, dict[Category, int]]:
    """Children per Permenkes category of each index, from the children's lines."""
    return _tally(child.categories for child in roster)


def _tally(
    per_child: Iterable[Mapping[StatusIndex, Category]],
) -> dict[StatusIndex, dict[Category, int]]:
    found = Counter((index, c) for categories in per_child for index, c in categories.items())
    return {
        index: {category: found[(index, category)] for category in index.categories}
        for index in StatusIndex
    }


def _skdn(children: Sequence[Child], months: _Months, year: int, month: int) -> Skdn:
    _, last = month_bounds(year, month)
    weighed = months.weighing.get((year, month), {})
    lines = (_f2_line(child, weighed, last) for child in children)
    return skdn_of(year, month, (line for line in lines if line is not None))


def skdn(
    children: Sequence[Child], measurements: Iterable[ChildMeasurement], year: int, month: int
) -> Skdn:
    """The F2 SKDN table of one month."""
    return _skdn(children, _Months(measurements), year, month)


def trend(
    children: Sequence[Child],
    measurements: Iterable[ChildMeasurement],
    year: int,
    month: int,
    count: int = TREND_MONTHS,
) -> tuple[TrendPoint, ...]:
    """D/S and N/D for the `count` months ending with this one, oldest first."""
    return _trend(children, _Months(measurements), year, month, count)


def _trend(
    children: Sequence[Child], months: _Months, year: int, month: int, count: int
) -> tuple[TrendPoint, ...]:
    points = []
    for y, m in previous_months(year, month, count):
        total = _skdn(children, months, y, m).total()
        points.append(TrendPoint(y, m, total.d_s, total.n_d))
    return tuple(points)


def _balita_of_month(
    children: Sequence[Child], measurements: Iterable[ChildMeasurement], year: int, month: int
) -> tuple[dict[int, Child], list[ChildMeasurement]]:
    """Children measured in the month while under five, and those measurements."""
    by_id = {c.person_id: c for c in children}
    found = [
        m
        for m in measurements
        if _in_month(m.measured_on, year, month)
        and m.person_id in by_id
        and m.measured_on >= by_id[m.person_id].birth_date
        and completed_months(by_id[m.person_id].birth_date, m.measured_on) < UNDER_FIVE_BELOW_MONTHS
    ]
    return by_id, found


def _categories(
    children: Sequence[Child], measurements: Iterable[ChildMeasurement], year: int, month: int
) -> dict[int, dict[StatusIndex, Category]]:
    """Per balita measured in the month: the category of each index at the latest measurement
    in the month that has one."""
    _, found = _balita_of_month(children, measurements, year, month)
    per_child: defaultdict[int, dict[StatusIndex, Category]] = defaultdict(dict)
    for index in StatusIndex:
        name = index.value  # the ChildMeasurement field
        for person_id, m in _latest(m for m in found if getattr(m, name) is not None).items():
            per_child[person_id][index] = getattr(m, name)
    return dict(per_child)


def status_counts(
    children: Sequence[Child], measurements: Iterable[ChildMeasurement], year: int, month: int
) -> dict[StatusIndex, dict[Category, int]]:
    """Balita per Permenkes category of each index, from each child's latest measurement in the
    month that has a category on that index."""
    return _tally(_categories(children, measurements, year, month).values())


def new_stunting(
    children: Sequence[Child], measurements: Iterable[ChildMeasurement], year: int, month: int
) -> tuple[NewStunting, ...]:
    """Balita stunted (pendek or sangat pendek) at their latest length/height this month who
    were not stunted at the measurement before it (or had none: a case found here first)."""
    _, last = month_bounds(year, month)
    by_id = {c.person_id: c for c in children}
    measured = sorted(
        (m for m in measurements if m.lhfa is not None and m.measured_on <= last),
        key=lambda m: (m.measured_on, m.order),
    )
    history: defaultdict[int, list[ChildMeasurement]] = defaultdict(list)
    for m in measured:
        history[m.person_id].append(m)
    found = []
    for person_id, rows in history.items():
        now, child = rows[-1], by_id.get(person_id)
        if child is None or not _in_month(now.measured_on, year, month) or now.lhfa is None:
            continue
        months = completed_months(child.birth_date, now.measured_on)
        before = rows[-2].lhfa if len(rows) > 1 else None
        if months < UNDER_FIVE_BELOW_MONTHS and now.lhfa in STUNTED and before not in STUNTED:
            found.append(NewStunting(person_id, child.name, months, before, now.lhfa))
    return tuple(sorted(found, key=lambda f: (f.name.casefold(), f.person_id)))


def referrals(
    children: Sequence[Child], measurements: Iterable[ChildMeasurement], year: int, month: int
) -> tuple[Referral, ...]:
    """Balita to refer this month: T at the month's weighing (Buku KIA 2023), 2T (2019
    surveillance guidance), BGM, oedema at any measurement, MUAC < 11.5 cm (docs/sources/kms.md,
    docs/sources/lila-muac.md)."""
    by_id, found = _balita_of_month(children, measurements, year, month)
    weighing = _latest(m for m in found if m.weight_kg is not None)
    lila = _latest(m for m in found if m.lila_cm is not None)
    oedema = {m.person_id for m in found if m.oedema}
    result = []
    for person_id in {m.person_id for m in found}:
        child = by_id[person_id]
        reasons = []
        w = weighing.get(person_id)
        if w is not None and w.growth_status is GrowthStatus.T:
            reasons.append(ReferralReason.T)
            if w.two_t:
                reasons.append(ReferralReason.TWO_T)
        if w is not None and w.wfa is BGM_CATEGORY:
            reasons.append(ReferralReason.BGM)
        if person_id in oedema:
            reasons.append(ReferralReason.OEDEMA)
        arm = lila.get(person_id)
        if arm is not None and arm.lila_cm is not None:
            at = completed_months(child.birth_date, arm.measured_on)
            group = lila_group(at, child.sex, woman_group=False)
            if group is not None and lila_status(arm.lila_cm, group) is LilaStatus.SAM:
                reasons.append(ReferralReason.MUAC)
        if reasons:
            last_seen = max(m.measured_on for m in found if m.person_id == person_id)
            months = completed_months(child.birth_date, last_seen)
            result.append(Referral(person_id, child.name, child.sex, months, tuple(reasons)))
    return tuple(sorted(result, key=lambda r: (r.name.casefold(), r.person_id)))


def _years(birth: date, on: date) -> int:
    return completed_months(birth, on) // 12


def kek_pregnant(
    measurements: Iterable[AdultMeasurement], year: int, month: int
) -> tuple[tuple[PersonFinding, ...], int]:
    """Pregnant women with LiLA < 23.5 cm at their latest LILA this month, and how many
    pregnant women had their LILA measured."""
    latest = _latest(
        m
        for m in measurements
        if m.pregnant and m.lila_cm is not None and _in_month(m.measured_on, year, month)
    )
    found = [
        PersonFinding(m.person_id, m.name, _years(m.birth_date, m.measured_on), f"{m.lila_cm:.1f}")
        for m in latest.values()
        if m.lila_cm is not None and m.lila_cm < KEK_BELOW_CM
    ]
    return tuple(sorted(found, key=lambda f: (f.name.casefold(), f.person_id))), len(latest)


def is_high_blood_pressure(systolic_mmhg: int, diastolic_mmhg: int) -> bool:
    """>= 140 systolic or >= 90 diastolic."""
    return systolic_mmhg >= HIGH_SYSTOLIC_MMHG or diastolic_mmhg >= HIGH_DIASTOLIC_MMHG


def blood_pressure(
    measurements: Iterable[AdultMeasurement], year: int, month: int
) -> BloodPressureCounts:
    """Adults (18-59 years) and elders (60+) measured this month and those whose latest
    reading was high."""
    latest = _latest(
        m
        for m in measurements
        if m.systolic_mmhg is not None
        and m.diastolic_mmhg is not None
        and _in_month(m.measured_on, year, month)
        and _years(m.birth_date, m.measured_on) >= ADULT_FROM_YEARS
    )
    counts = Counter[tuple[bool, bool]]()
    people = []
    for m in latest.values():
        assert m.systolic_mmhg is not None and m.diastolic_mmhg is not None
        years = _years(m.birth_date, m.measured_on)
        high = is_high_blood_pressure(m.systolic_mmhg, m.diastolic_mmhg)
        counts[(years >= ELDERLY_FROM_YEARS, high)] += 1
        if high:
            value = f"{m.systolic_mmhg}/{m.diastolic_mmhg}"
            people.append(PersonFinding(m.person_id, m.name, years, value))
    return BloodPressureCounts(
        measured_adults=counts[(False, False)] + counts[(False, True)],
        high_adults=counts[(False, True)],
        measured_elders=counts[(True, False)] + counts[(True, True)],
        high_elders=counts[(True, True)],
        people=tuple(sorted(people, key=lambda f: (f.name.casefold(), f.person_id))),
    )


def services_given(
    services: Iterable[ServiceGiven], year: int, month: int
) -> dict[tuple[ServiceKind, VitaminACapsule | None], int]:
    """People given each service (vitamin A by capsule colour) this month."""
    people: defaultdict[tuple[ServiceKind, VitaminACapsule | None], set[int]] = defaultdict(set)
    for s in services:
        if _in_month(s.given_on, year, month):
            people[(s.kind, s.capsule)].add(s.person_id)
    return {key: len(ids) for key, ids in people.items()}


def cadre_performance(
    cadres: Sequence[Cadre],
    sessions: Iterable[Session],
    work: Iterable[CadreWork],
    home_visits: Iterable[HomeVisit],
    corrections: Mapping[int, int],
    year: int,
    month: int,
) -> tuple[CadrePerformance, ...]:
    """Per cadre: sessions attended, people measured, home visits made and records corrected
    this month (the basis of the city's cadre incentive); cadres registered as active and those
    who did anything, by name."""
    attended = Counter(
        c for s in sessions if _in_month(s.held_on, year, month) for c in s.cadre_ids
    )
    measured: defaultdict[int, set[int]] = defaultdict(set)
    for w in work:
        if _in_month(w.measured_on, year, month):
            measured[w.cadre_id].add(w.person_id)
    visits = Counter(
        c for v in home_visits if _in_month(v.visited_on, year, month) for c in set(v.cadre_ids)
    )
    rows = [
        CadrePerformance(
            c.cadre_id,
            c.name,
            c.active,
            attended[c.cadre_id],
            len(measured[c.cadre_id]),
            visits[c.cadre_id],
            corrections.get(c.cadre_id, 0),
        )
        for c in cadres
    ]
    shown = [
        r
        for r in rows
        if r.registered_active
        or r.sessions_attended
        or r.people_measured
        or r.home_visits
        or r.records_corrected
    ]
    return tuple(sorted(shown, key=lambda r: (r.name.casefold(), r.cadre_id)))


@dataclass(frozen=True, slots=True)
class _ChildrenOfMonth:
    roster: tuple[RosterChild, ...]
    new_stunting: tuple[NewStunting, ...]
    referrals: tuple[Referral, ...]


def _children_of_month(inputs: MonthInputs, months: _Months) -> _ChildrenOfMonth:
    y, m = inputs.year, inputs.month
    children, measured = inputs.children, inputs.child_measurements
    _, last = month_bounds(y, m)
    weighed = months.weighing.get((y, m), {})
    categories = _categories(children, measured, y, m)
    stunting = new_stunting(children, measured, y, m)
    referred = referrals(children, measured, y, m)
    stunted = {s.person_id for s in stunting}
    reasons = {r.person_id: r.reasons for r in referred}
    roster = []
    for child in children:
        pid = child.person_id
        counted = pid in categories or pid in stunted or pid in reasons
        # A weighing dated before the birth is left out of SKDN (as unborn); the child's other
        # measurements of the month may still count, so it keeps a line without the weighing.
        line = _f2_line(child, weighed, last) or (_f2_line(child, {}, last) if counted else None)
        if line is None or not (line.in_s or counted):
            continue
        if counted:
            line = replace(
                line,
                categories=MappingProxyType(categories.get(pid, {})),
                new_stunting=pid in stunted,
                referral=reasons.get(pid, ()),
            )
        roster.append(line)
    roster.sort(key=lambda c: c.person_id)
    return _ChildrenOfMonth(tuple(roster), stunting, referred)


def month_roster(inputs: MonthInputs) -> tuple[RosterChild, ...]:
    """Each child's line in the month's report, by person id: every balita of S and every child
    counted in the status tables, new stunting or referrals. `monthly_indicators` sums these
    same lines, so a roster and its report always agree."""
    return _children_of_month(inputs, _Months(inputs.child_measurements)).roster


def monthly_indicators(inputs: MonthInputs) -> MonthlyIndicators:
    """Every number of the monthly report for `inputs.year`-`inputs.month`."""
    y, m = inputs.year, inputs.month
    months = _Months(inputs.child_measurements)
    found = _children_of_month(inputs, months)
    counts = status_of(found.roster)
    kek, lila_measured = kek_pregnant(inputs.adult_measurements, y, m)
    visits = [v for v in inputs.home_visits if _in_month(v.visited_on, y, m)]
    sessions = sorted(
        (s for s in inputs.sessions if _in_month(s.held_on, y, m)), key=lambda s: s.held_on
    )
    performance = cadre_performance(
        inputs.cadres, sessions, inputs.work, visits, inputs.corrections or {}, y, m
    )
    return MonthlyIndicators(
        skdn=skdn_of(y, m, found.roster),
        status_counts=counts,
        status_measured={index: sum(c.values()) for index, c in counts.items()},
        new_stunting=found.new_stunting,
        referrals=found.referrals,
        kek_pregnant=kek,
        pregnant_lila_measured=lila_measured,
        blood_pressure=blood_pressure(inputs.adult_measurements, y, m),
        home_visits=len(visits),
        home_visits_by_reason=dict(Counter(v.reason for v in visits)),
        sessions=len(sessions),
        cadres_registered=sum(1 for c in inputs.cadres if c.active),
        cadres_active=len({c for s in sessions for c in s.cadre_ids}),
        attendance_by_session=tuple((s.held_on, len(s.cadre_ids)) for s in sessions),
        services=services_given(inputs.services, y, m),
        cadre_performance=performance,
        trend=_trend(inputs.children, months, y, m, TREND_MONTHS),
    )


def pregnant_on(on: date, *, pregnant_now: bool, delivered_on: date | None, today: date) -> bool:
    """Whether a woman was pregnant on `on`, from what the registry keeps (the current flag and
    the last delivery): a pregnancy lasts about 280 days (Naegele)."""
    term = timedelta(days=280)
    if delivered_on is not None and delivered_on - term <= on < delivered_on:
        return True
    after_delivery = delivered_on is None or on >= delivered_on
    return pregnant_now and after_delivery and on >= today - term

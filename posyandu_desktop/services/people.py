"""People as the registry knows them: finding them, their profile, the services and needs of each,
and their growth chart.

Finding people as the cadre types: by name fragment, NIK, mother's name or RT/RW.

Growth charts of a child: the WHO SD curves for the child's sex with the child's own points.

The UI draws what this returns and computes nothing: x is the age in months (or the length/height
in cm for weight-for-length/height) and y the measurement, both exactly as the z-score engine
reads them (length/height after the 0.7 cm lying/standing correction).

What a person needs today, for the registration desk's card: weighing this month, vitamin A
in February and August, and the immunisations noted from the Buku KIA.

Services given at the post: vitamin A, deworming, iron tablets, PMT, immunisation, referral.

One person as the profile screen shows them: who, whose child, where, which ILP group.

The person's life, from their profile: moved away or died, a pregnancy starting and ending,
and the baby registered to its mother in the same step as the birth. Each is one transaction,
audited with the event as its reason.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from posyandu_desktop.domain.counselling import CounsellingBook, Message, parse_book
from posyandu_desktop.domain.early_warning import (
    DEFAULT_RULES,
    Backtest,
    ChildHistory,
    GrowthPoint,
    StuntingRisk,
    at_risk,
    registry_backtest,
)
from posyandu_desktop.domain.growth.curves import WHO_SD_LINES, Chart, sd_curves
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus, completed_months
from posyandu_desktop.domain.growth.zscore import (
    HANDOVER_MONTHS,
    LYING_BEFORE_DAYS,
    Indicator,
    adjust_length_height,
    implausible,
)
from posyandu_desktop.domain.ids import CadreId, DayId, HomeVisitId, PersonId
from posyandu_desktop.domain.life_events import (
    LeftReason,
    LifeFacts,
    PregnancyEnd,
    leaving_problems,
    pregnancy_end_problems,
    pregnancy_start_problems,
)
from posyandu_desktop.domain.life_stage import (
    UNDER_FIVE_BELOW_MONTHS,
    LifeStage,
    VitaminACapsule,
    life_stage,
    vitamin_a_capsule,
    vitamin_a_due,
)
from posyandu_desktop.domain.months import Period
from posyandu_desktop.domain.people import DAYS_PER_MONTH, Age, Sex
from posyandu_desktop.domain.problems import BABY_FIELDS, Field, Problem
from posyandu_desktop.domain.services_due import code_problem
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.services.registration import NewPerson, _add_person, _person_issues
from posyandu_desktop.settings import immunisation_schedule, resource_path, who_standards
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import days, measurements, people, visits
from posyandu_desktop.store.records import (
    ArrivalRecord,
    HouseholdRecord,
    MeasurementRecord,
    PersonListing,
    PersonRecord,
    ServiceRecord,
)

NIK_DIGITS = 16
# "rt 3", "RT.03", "rw:5"; and "3/5" or "003/005" as forms write RT/RW.
_RT_RW = re.compile(r"\b(rt|rw)\s*[.:]?\s*(\d{1,3})\b", re.IGNORECASE)
_SLASHED = re.compile(r"\b(\d{1,3})\s*/\s*(\d{1,3})\b")
_NIK_PART = re.compile(r"^[\d.\-]+$")


@dataclass(frozen=True, slots=True)
class PersonQuery:
    """What a search box's text asks for."""

    words: tuple[str, ...] = ()  # normalised name fragments
    nik_prefix: str = ""
    rt: int | None = None
    rw: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.nik_prefix or self.rt or self.rw)


@dataclass(frozen=True, slots=True)
class PersonMatch:
    person: PersonListing
    age_months: int
    life_stage: LifeStage


def parse_person_query(text: str) -> PersonQuery:
    """Split search text into name words, a NIK prefix (digits, spaces and dots allowed) and
    RT/RW ("rt 3 rw 5" or "3/5")."""
    rt = rw = None
    for kind, number in _RT_RW.findall(text):
        if kind.lower() == "rt":
            rt = int(number)
        else:
            rw = int(number)
    text = _RT_RW.sub(" ", text)
    slashed = _SLASHED.search(text)
    if slashed:
        rt, rw = int(slashed.group(1)), int(slashed.group(2))
        text = _SLASHED.sub(" ", text)
    nik = ""
    words: list[str] = []
    for token in text.split():
        if _NIK_PART.match(token):
            nik += re.sub(r"\D", "", token)
        else:
            words += people.name_key(token).split()
    return PersonQuery(tuple(words), nik[:NIK_DIGITS], rt, rw)


def find_people(
    db: Database,
    text: str,
    *,
    rt: int | None = None,
    rw: int | None = None,
    limit: int = 30,
    today: date | None = None,
) -> tuple[PersonMatch, ...]:
    """People matching the search text (see `parse_person_query`), own-name matches first; the
    `rt`/`rw` arguments narrow it further. Empty text finds nobody."""
    query = parse_person_query(text)
    if query.empty and rt is None and rw is None:
        return ()
    today = today or date.today()
    with db.reading() as tx:
        found = people.search(
            tx,
            words=query.words,
            nik_prefix=query.nik_prefix,
            rt=rt if rt is not None else query.rt,
            rw=rw if rw is not None else query.rw,
            limit=limit,
        )
    return tuple(_match(p, today) for p in found)


def _match(person: PersonListing, today: date) -> PersonMatch:
    on = max(today, person.birth_date)  # a birth date typed in the future counts as today
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    return PersonMatch(person, completed_months(person.birth_date, on), stage)


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
    # A value the chart plots was saved as doubtful: marked apart, never joined to the line nor
    # widening the axis (docs/DECISIONS.md#doubtful-values).
    doubtful: bool = False


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
    if y is None:
        return None
    return ChartPoint(x, y, m.measured_on, m.id, bool(m.findings.doubtful & _PLOTS[chart]))


# The measured quantities each chart plots.
_PLOTS = {
    Chart.WEIGHT_FOR_AGE_0_24: frozenset({Quantity.WEIGHT_KG}),
    Chart.WEIGHT_FOR_AGE_24_60: frozenset({Quantity.WEIGHT_KG}),
    Chart.WEIGHT_FOR_AGE_0_60: frozenset({Quantity.WEIGHT_KG}),
    Chart.LENGTH_FOR_AGE_0_24: frozenset({Quantity.LENHEI_CM}),
    Chart.HEIGHT_FOR_AGE_24_60: frozenset({Quantity.LENHEI_CM}),
    Chart.WEIGHT_FOR_LENGTH_45_110: frozenset({Quantity.WEIGHT_KG, Quantity.LENHEI_CM}),
    Chart.WEIGHT_FOR_HEIGHT_65_120: frozenset({Quantity.WEIGHT_KG, Quantity.LENHEI_CM}),
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24: frozenset({Quantity.HEADC_CM}),
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60: frozenset({Quantity.HEADC_CM}),
}


def growth_chart_points(
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
    return None if person is None else growth_chart_points(chart, person, history)


def growth_charts(db: Database, person_id: PersonId, *, today: date) -> tuple[GrowthChartData, ...]:
    """The four charts for the person's age today (weight-for-age, length/height-for-age,
    weight-for-length/height, head circumference); none from 60 months or for no such person."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        history = measurements.history(tx, person_id) if person is not None else ()
    if person is None:
        return ()
    charts = charts_for_age((max(today, person.birth_date) - person.birth_date).days)
    return tuple(growth_chart_points(chart, person, history) for chart in charts)


# The basic immunisation schedule of the Buku KIA runs to 18 months (booster DPT-HB-Hib and MR at
# 18 months); the card reminds the cadre to look at the book until the second birthday.
IMMUNISATION_REMINDER_BELOW_MONTHS = 24


@dataclass(frozen=True, slots=True)
class LastWeighing:
    on: date
    weight_kg: float
    growth_status: GrowthStatus | None


@dataclass(frozen=True, slots=True)
class NotedImmunisation:
    """An immunisation given by the health worker and copied from the Buku KIA."""

    given_on: date
    detail: str  # what the book says ("DPT-HB-Hib 2", "Campak-Rubela")


@dataclass(frozen=True, slots=True)
class PersonNeeds:
    """A person's card at the registration desk."""

    person: PersonListing
    age_days: int
    age_months: int
    life_stage: LifeStage
    last_weighing: LastWeighing | None
    weighed_this_month: bool
    vitamin_a_due: VitaminACapsule | None  # February/August, 6-59 months, not yet given
    vitamin_a_given_this_month: bool
    immunisations: tuple[NotedImmunisation, ...]  # newest first
    check_immunisation: bool  # under two: look at the Buku KIA's schedule
    arrival: ArrivalRecord | None  # registered today already (with the queue number)


def needs_today(
    db: Database, person_id: PersonId, *, today: date, day_id: DayId | None = None
) -> Outcome[PersonNeeds]:
    """What `person_id` needs today; with `day_id`, also their arrival if already registered."""
    with db.reading() as tx:
        person = days.person_listing(tx, person_id)
        if person is None:
            return refused([Issue(Problem.PERSON_NOT_FOUND, Field.PERSON_ID, person_id)])
        weighings = measurements.weighings(tx, person_id)
        given = people.services_of(tx, person_id)
        arrival = None if day_id is None else days.arrival_of(tx, day_id, person_id)
    on = max(today, person.birth_date)
    months = completed_months(person.birth_date, on)
    last = [w for w in weighings if w.measured_on <= on]
    month_start = on.replace(day=1)
    vitamin_a_given = any(
        s.kind is ServiceKind.VITAMIN_A and month_start <= s.given_on <= on for s in given
    )
    immunisations = sorted(
        (s for s in given if s.kind is ServiceKind.IMMUNISATION),
        key=lambda s: (s.given_on, s.id),
        reverse=True,
    )
    return Outcome(
        PersonNeeds(
            person=person,
            age_days=(on - person.birth_date).days,
            age_months=months,
            life_stage=life_stage(
                person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
            ),
            last_weighing=(
                LastWeighing(last[-1].measured_on, last[-1].weight_kg, last[-1].growth_status)
                if last
                else None
            ),
            weighed_this_month=bool(last) and last[-1].measured_on >= month_start,
            vitamin_a_due=None if vitamin_a_given else vitamin_a_due(person.birth_date, on),
            vitamin_a_given_this_month=vitamin_a_given,
            immunisations=tuple(NotedImmunisation(s.given_on, s.detail) for s in immunisations),
            check_immunisation=months < IMMUNISATION_REMINDER_BELOW_MONTHS,
            arrival=arrival,
        )
    )


def record_service(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    kind: ServiceKind,
    given_on: date,
    capsule: VitaminACapsule | None = None,
    detail: str = "",
    quantity: int | None = None,
    from_kia_book: bool = False,
    day_id: DayId | None = None,
    home_visit_id: HomeVisitId | None = None,
    today: date | None = None,
    code: str | None = None,
) -> Outcome[ServiceRecord]:
    """Record a service given (or, `from_kia_book`, one copied from the Buku KIA). Vitamin A
    without a capsule colour gets the one for the child's age (blue 6-11, red 12-59 months).
    `code` says exactly what was given (`domain/services_due.code_problem`: a dose of the
    schedule, E0-E6, a contraception method ...); an immunisation needs a dose code or the
    vaccine's name in `detail`."""
    problems = _checks.text_issues(detail, Field.DETAIL, 200, required=False)
    problems += _checks.not_future(given_on, Field.GIVEN_ON, today or date.today())
    problems += _checks.in_range(quantity, Field.QUANTITY, 1, 1000)
    if capsule is not None and kind is not ServiceKind.VITAMIN_A:
        problems.append(Issue(Problem.CAPSULE_ONLY_FOR_VITAMIN_A, Field.CAPSULE))
    unnamed_vaccine = kind is ServiceKind.IMMUNISATION and code is None and not detail.strip()
    if unnamed_vaccine or code_problem(kind, code, immunisation_schedule()):
        problems.append(Issue(Problem.SERVICE_CODE_UNKNOWN, Field.CODE, code or ""))
    if day_id is not None and home_visit_id is not None:
        problems.append(Issue(Problem.DAY_AND_VISIT, Field.HOME_VISIT_ID))
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[ServiceRecord]:
        _checks.cadre(tx, cadre_id)
        receiver = _checks.person(tx, person_id)
        if given_on < receiver.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, Field.GIVEN_ON, given_on.isoformat()))
        if day_id is not None:
            _checks.open_day(tx, day_id)
        if home_visit_id is not None and visits.get_home_visit(tx, home_visit_id) is None:
            raise InputError(
                Issue(Problem.HOME_VISIT_NOT_FOUND, Field.HOME_VISIT_ID, home_visit_id)
            )
        chosen = capsule
        if kind is ServiceKind.VITAMIN_A and chosen is None:
            chosen = vitamin_a_capsule(receiver.birth_date, given_on)
            if chosen is None:  # a mother in nifas also gets red capsules: the cadre chooses
                raise InputError(Issue(Problem.CAPSULE_NEEDED, Field.CAPSULE))
        given = people.add_service(
            tx,
            person_id=person_id,
            given_on=given_on,
            kind=kind,
            entered_by=cadre_id,
            capsule=chosen,
            detail=detail.strip(),
            quantity=quantity,
            from_kia_book=from_kia_book,
            day_id=day_id,
            home_visit_id=home_visit_id,
            code=chosen.value if kind is ServiceKind.VITAMIN_A and chosen is not None else code,
        )
        return Outcome(given)

    return attempt(db, work, cadre_id=cadre_id)


@dataclass(frozen=True, slots=True)
class PersonProfile:
    person: PersonRecord
    household: HouseholdRecord | None
    mother_name: str | None
    mother_nik: str | None  # the mother's own NIK, else the one written on the child's record
    age_months: int
    life_stage: LifeStage


def person_profile(db: Database, person_id: int, *, today: date) -> PersonProfile | None:
    """The person with their household and mother; None when there is no such person."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return None
        household = (
            None if person.household_id is None else people.get_household(tx, person.household_id)
        )
        mother = None if person.mother_id is None else people.get_person(tx, person.mother_id)
    on = max(today, person.birth_date)  # a birth date typed in the future counts as today
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    return PersonProfile(
        person=person,
        household=household,
        mother_name=None if mother is None else mother.name,
        mother_nik=(mother.nik if mother is not None and mother.nik else person.mother_nik),
        age_months=completed_months(person.birth_date, on),
        life_stage=stage,
    )


# A pregnancy lasts about 280 days: an older LILA says nothing about this pregnancy.
PREGNANCY_DAYS = 280


# Early warning ------------------------------------------------------------------------------------

# The mother's LILA "while pregnant with the child" is one measured in the PREGNANCY_DAYS
# before the birth; the backtest judges twelve months.
_BACKTEST_MONTHS = 12


@dataclass(frozen=True, slots=True)
class AtRisk:
    """A child on the list, with the name and birth date the screens show."""

    person_id: int
    name: str
    birth_date: date
    risk: StuntingRisk


@dataclass(frozen=True, slots=True)
class EarlyWarning:
    """A month's list (at its last day, or today for the current month) and the backtest of
    the twelve months up to it."""

    period: Period
    children: tuple[AtRisk, ...]
    backtest: Backtest


@dataclass(frozen=True, slots=True)
class _Registry:
    children: tuple[ChildHistory, ...]
    names: Mapping[int, tuple[str, date]]  # name, birth date
    held: frozenset[Period] | None


def _valid(indicator: Indicator, z: float | None) -> float | None:
    return None if z is None or implausible(indicator, round(z, 2)) else z


def _registry(tx: Tx, upto: date, only: int | None = None) -> _Registry:
    born_after = Period.of(upto).plus(-UNDER_FIVE_BELOW_MONTHS - _BACKTEST_MONTHS - 3).first_day
    records = measurements.children_born_after(tx, born_after, only)
    points: defaultdict[int, list[GrowthPoint]] = defaultdict(list)
    for g in measurements.growth_of_children_born_after(tx, born_after, only):
        # A value stored as doubtful, or one the WHO flags, counts for nothing.
        waz = None if Quantity.WEIGHT_KG in g.doubtful else _valid(Indicator.WEIGHT_FOR_AGE, g.waz)
        haz = (
            None
            if Quantity.LENHEI_CM in g.doubtful
            else _valid(Indicator.LENGTH_HEIGHT_FOR_AGE, g.haz)
        )
        points[g.person_id].append(
            GrowthPoint(
                g.measured_on,
                waz,
                haz,
                g.growth_status if waz is not None else None,
                g.two_t and waz is not None,
                order=g.measurement_id,
            )
        )
    mothers = sorted({r.mother_id for r in records if r.mother_id is not None})
    lila: defaultdict[int, list[tuple[date, float]]] = defaultdict(list)
    for m in measurements.lila_of(tx, mothers):
        lila[m.person_id].append((m.measured_on, m.lila_cm))

    def in_pregnancy(mother: int | None, birth: date) -> float | None:
        found = [
            cm
            for on, cm in lila.get(mother or -1, [])
            if birth - timedelta(days=PREGNANCY_DAYS) <= on < birth
        ]
        return min(found) if found else None

    children = tuple(
        ChildHistory(
            r.person_id,
            r.birth_date,
            tuple(points.get(r.person_id, ())),
            r.birth_weight_kg,
            r.birth_length_cm,
            in_pregnancy(r.mother_id, r.birth_date),
            r.left_on,
        )
        for r in records
    )
    names = {r.person_id: (r.name, r.birth_date) for r in records}
    held = frozenset(Period.of(on) for on in measurements.posyandu_day_dates(tx))
    # A registry without Posyandu days (measurements typed in from the KMS) counts every month.
    return _Registry(children, names, held or None)


def _listed(registry: _Registry, on: date) -> tuple[AtRisk, ...]:
    ranked = at_risk(registry.children, on, DEFAULT_RULES, held_months=registry.held)
    return tuple(
        AtRisk(r.person_id, registry.names[r.person_id][0], registry.names[r.person_id][1], r)
        for r in ranked
    )


def stunting_risks(db: Database, *, today: date) -> tuple[AtRisk, ...]:
    """The children at risk of stunting today, ranked for home visits (first = visit first)."""
    with db.reading() as tx:
        registry = _registry(tx, today)
    return _listed(registry, today)


def risk_of_person(db: Database, person_id: int, *, today: date) -> StuntingRisk | None:
    """The child's risk today, or None when the child is not on the list (the profile, the
    measuring desk after a save)."""
    with db.reading() as tx:
        registry = _registry(tx, today, only=person_id)
    found = _listed(registry, today)
    return found[0].risk if found else None


def early_warning_of_month(
    db: Database, year: int, month: int, *, today: date | None = None
) -> EarlyWarning:
    """The month's list (at its last day, or `today` within the month) and the backtest of the
    twelve months up to it."""
    with db.reading() as tx:
        return early_warning_in(tx, year, month, today=today)


def early_warning_in(tx: Tx, year: int, month: int, *, today: date | None = None) -> EarlyWarning:
    """`early_warning_of_month` inside a reading the caller holds (the monthly report's)."""
    period = Period(year, month)
    on = min(period.last_day, today) if today is not None else period.last_day
    registry = _registry(tx, on)
    backtest = registry_backtest(
        registry.children, period, months=_BACKTEST_MONTHS, held_months=registry.held
    )
    return EarlyWarning(period, _listed(registry, on), backtest)


def risks_in(tx: Tx, today: date) -> dict[int, StuntingRisk]:
    """Today's list by person id, inside a reading the caller holds (Hasil hari ini)."""
    return {child.person_id: child.risk for child in _listed(_registry(tx, today), today)}


@cache
def counselling_book() -> CounsellingBook:
    """The shipped counselling book (resources/counselling/messages.json): the messages of
    today's situations and what to tell the mother of a child on the early-warning list."""
    return parse_book(resource_path("counselling", "messages.json").read_text(encoding="utf-8"))


def advice(risk: StuntingRisk) -> tuple[Message, ...]:
    """What to tell the mother of a child on the list, heaviest reason first."""
    return counselling_book().at_risk_advice(risk.reasons)


def _facts(person: PersonRecord) -> LifeFacts:
    return LifeFacts(person.sex, person.birth_date, person.pregnant, person.left_on)


def _refuse(problems: tuple[Problem, ...], field: Field, found: str) -> None:
    if problems:
        raise InputError(*(Issue(p, field, found) for p in problems))


def mark_left(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    on: date,
    reason: LeftReason,
    today: date,
) -> Outcome[PersonRecord]:
    """The person moved away or died on `on`: kept in the registry, out of S and the due list
    from that date."""

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        person = _checks.person(tx, person_id)
        _refuse(leaving_problems(_facts(person), on, today=today), Field.EVENT_ON, on.isoformat())
        people.set_left(tx, person_id, on, reason)
        return Outcome(people.get_person(tx, person_id))

    return attempt(db, work, cadre_id=cadre_id, reason=f"left: {reason.value}")


def start_pregnancy(
    db: Database, *, cadre_id: CadreId, person_id: PersonId, today: date
) -> Outcome[PersonRecord]:
    """A woman is pregnant (known today): from now on she is served as a pregnant woman."""

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        woman = _checks.person(tx, person_id)
        problems = pregnancy_start_problems(_facts(woman), today, today=today)
        _refuse(problems, Field.PERSON_ID, str(person_id))
        people.set_pregnancy(tx, person_id, pregnant=True, delivered_on=woman.delivered_on)
        return Outcome(people.get_person(tx, person_id))

    return attempt(db, work, cadre_id=cadre_id, reason="pregnancy started")


def end_pregnancy(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    on: date,
    how: PregnancyEnd,
    baby: NewPerson | None = None,
    today: date,
) -> Outcome[PersonRecord]:
    """The pregnancy ended on `on`. A birth starts the 42 days of nifas and may register the
    baby (born on `on`, in the mother's household, her child) in the same transaction: both
    are saved, or neither. Returns the baby when one was registered, else the mother. Problems
    with the baby name its fields with a `baby_` prefix."""
    warnings: list[Issue] = []
    if baby is not None:
        if how is not PregnancyEnd.DELIVERED:
            return refused([Issue(Problem.NOT_PREGNANT, Field.BABY_NAME)])
        problems, warnings, baby = _person_issues(replace(baby, birth_date=on), today)
        if problems:
            return refused(
                [replace(i, field=i.field and BABY_FIELDS.get(i.field, i.field)) for i in problems]
            )

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        woman = _checks.person(tx, person_id)
        _refuse(
            pregnancy_end_problems(_facts(woman), on, today=today), Field.EVENT_ON, on.isoformat()
        )
        delivered = on if how is PregnancyEnd.DELIVERED else woman.delivered_on
        people.set_pregnancy(tx, person_id, pregnant=False, delivered_on=delivered)
        if baby is None:
            return Outcome(people.get_person(tx, person_id))
        added = _add_person(
            tx, baby, household_id=woman.household_id, mother_id=PersonId(person_id)
        )
        return Outcome(added, warnings=tuple(warnings))

    return attempt(db, work, cadre_id=cadre_id, reason=f"pregnancy ended: {how.value}")

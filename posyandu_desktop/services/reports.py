"""The printed outputs' data: one month's F2 report and one child's KMS card, each read in one
transaction and handed to `reports` as frozen plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.weight_gain import growth_statuses
from posyandu_desktop.domain.growth.zscore import LYING_BEFORE_DAYS
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.ilp_report import IlpMonth
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.reports.data import (
    CardChart,
    CardMonth,
    GrowthCardData,
    MonthlyReportData,
    PosyanduHeader,
)
from posyandu_desktop.services import growth_chart
from posyandu_desktop.services.ilp_report import ilp_of_month
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import (
    cadre_activity,
    measurements,
    people,
    posyandu,
    services_given,
)
from posyandu_desktop.store.queries import reports as q
from posyandu_desktop.store.records import PosyanduRecord

__all__ = [
    "GrowthCardData",
    "MonthlyReportData",
    "cadre_performance",
    "growth_card_data",
    "monthly_report_data",
    "this_posyandu_id",
]

# Page 1 of the card: the KMS (weight-for-age); page 2: length/height, weight-for-length/height
# and head circumference of the first two years.
_CARD_CHARTS = (
    Chart.WEIGHT_FOR_AGE_0_24,
    Chart.WEIGHT_FOR_AGE_24_60,
    Chart.LENGTH_FOR_AGE_0_24,
    Chart.HEIGHT_FOR_AGE_24_60,
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24,
)


def _header(found: PosyanduRecord | None) -> PosyanduHeader:
    if found is None:
        return PosyanduHeader("")
    return PosyanduHeader(found.name, found.kelurahan, found.kecamatan, found.kota, found.puskesmas)


def _local_midnight(on: date) -> datetime:
    return datetime.combine(on, time()).astimezone()


@dataclass(frozen=True, slots=True)
class _Read:
    posyandu: PosyanduHeader
    inputs: ind.MonthInputs
    ilp: IlpMonth


def _read_month(tx: Tx, posyandu_id: int, year: int, month: int, today: date) -> _Read:
    first, last = ind.month_bounds(year, month)
    persons = q.people(tx)
    rows = q.measurements_until(tx, last)
    next_month = Period(year, month).plus(1).first_day
    by_id = {p.id: p for p in persons}
    children = tuple(
        ind.Child(p.id, p.name, p.sex, p.birth_date, p.left_on, p.kia_book_seen)
        # Anyone under five at some point of the trend window (S is decided per month).
        for p in persons
        if completed_months(p.birth_date, max(p.birth_date, last)) < UNDER_FIVE_BELOW_MONTHS + 12
    )
    child_ids = {c.person_id for c in children}
    child_rows = tuple(
        ind.ChildMeasurement(
            r.person_id,
            r.measured_on,
            r.id,
            r.weight_kg,
            r.growth_status,
            r.two_t,
            r.wfa_category,
            r.lhfa_category,
            r.wflh_category,
            r.bfa_category,
            r.oedema,
            r.lila_cm,
        )
        for r in rows
        if r.person_id in child_ids
    )
    in_month = [r for r in rows if r.measured_on >= first]
    adult_rows = tuple(
        ind.AdultMeasurement(
            r.person_id,
            p.name,
            p.birth_date,
            r.measured_on,
            r.id,
            r.systolic_mmhg,
            r.diastolic_mmhg,
            r.lila_cm,
            ind.pregnant_on(
                r.measured_on, pregnant_now=p.pregnant, delivered_on=p.delivered_on, today=today
            ),
        )
        for r in in_month
        if (p := by_id[r.person_id]) and (r.systolic_mmhg is not None or r.lila_cm is not None)
    )
    team = cadre_activity.cadres(tx, posyandu_id)
    inputs = ind.MonthInputs(
        year=year,
        month=month,
        children=children,
        child_measurements=child_rows,
        adult_measurements=adult_rows,
        services=tuple(ind.ServiceGiven(*s) for s in q.services_between(tx, first, last)),
        home_visits=tuple(ind.HomeVisit(*v) for v in q.home_visits_between(tx, first, last)),
        cadres=tuple(ind.Cadre(c.id, c.name, c.active) for c in team),
        sessions=tuple(ind.Session(*s) for s in q.sessions_between(tx, posyandu_id, first, last)),
        work=tuple(ind.CadreWork(r.entered_by, r.person_id, r.measured_on) for r in in_month),
        corrections=q.corrections_by_cadre(tx, _local_midnight(first), _local_midnight(next_month)),
    )
    ilp = ilp_of_month(tx, persons, year, month, today=today)
    return _Read(_header(posyandu.get_posyandu(tx, posyandu_id)), inputs, ilp)


def this_posyandu_id(db: Database) -> int | None:
    """This laptop's Posyandu (the first set up), or None before set-up."""
    with db.reading() as tx:
        found = posyandu.first_posyandu(tx)
    return None if found is None else found.id


def monthly_report_data(
    db: Database, posyandu_id: int, year: int, month: int, *, today: date | None = None
) -> MonthlyReportData:
    """Every number of the month's F2 report, the 12-month trend and the cadre sheet.
    `today` dates the current pregnancies (default: the real today)."""
    with db.reading() as tx:
        read = _read_month(tx, posyandu_id, year, month, today or date.today())
    return MonthlyReportData(
        read.posyandu, year, month, ind.monthly_indicators(read.inputs), read.ilp
    )


@dataclass(frozen=True, slots=True)
class MonthReport:
    """The month's report and, for the puskesmas recap, the children it counted one by one."""

    data: MonthlyReportData
    roster: tuple[ind.RosterChild, ...]
    kek_person_ids: frozenset[int]


def month_report(
    db: Database, posyandu_id: int, year: int, month: int, *, today: date
) -> MonthReport:
    """`monthly_report_data` with the per-child roster the SKDN was counted from."""
    with db.reading() as tx:
        read = _read_month(tx, posyandu_id, year, month, today)
    indicators = ind.monthly_indicators(read.inputs)
    return MonthReport(
        MonthlyReportData(read.posyandu, year, month, indicators, read.ilp),
        ind.month_roster(read.inputs),
        frozenset(p.person_id for p in indicators.kek_pregnant),
    )


def cadre_performance(
    db: Database, posyandu_id: int, year: int, month: int
) -> tuple[ind.CadrePerformance, ...]:
    """The month's cadre performance sheet: sessions attended, people measured, home visits
    and records corrected per cadre."""
    return monthly_report_data(db, posyandu_id, year, month).cadre_performance


def growth_card_data(db: Database, person_id: PersonId) -> GrowthCardData | None:
    """One child's KMS card: header, WHO charts with the child's points, the monthly rows;
    None when there is no such person."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return None
        mother = None if person.mother_id is None else people.get_person(tx, person.mother_id)
        history = measurements.history(tx, person_id)
        capsules = [
            s
            for s in services_given.services_of(tx, person_id)
            if s.kind is ServiceKind.VITAMIN_A and s.capsule is not None
        ]
        found = posyandu.first_posyandu(tx)
    last_age = (history[-1].measured_on - person.birth_date).days if history else 0
    wfl = (
        Chart.WEIGHT_FOR_LENGTH_45_110
        if last_age < LYING_BEFORE_DAYS
        else Chart.WEIGHT_FOR_HEIGHT_65_120
    )
    charts = []
    for chart in (*_CARD_CHARTS[:4], wfl, _CARD_CHARTS[4]):
        drawn = growth_chart._chart(chart, person, history)  # the profile screen's own points
        charts.append(
            CardChart(
                chart,
                tuple((c.z, c.points) for c in drawn.curves),
                tuple((p.x, p.value) for p in drawn.points),
            )
        )
    # The month's weighing is its last one, which carries the stored KMS status (_growth.py).
    weighed = {}
    for w in history:
        if w.values.weight_kg is not None and w.measured_on >= person.birth_date:
            weighed[(w.measured_on.year, w.measured_on.month)] = w
    kg = [(m.measured_on, m.values.weight_kg.value) for m in weighed.values() if m.values.weight_kg]
    gains = {
        (r.on.year, r.on.month): r.gain_g for r in growth_statuses(person.birth_date, kg).results
    }
    doses = {(s.given_on.year, s.given_on.month): s for s in capsules}
    months = []
    for key in sorted(set(weighed) | set(doses)):
        m, dose = weighed.get(key), doses.get(key)
        on = m.measured_on if m is not None else dose.given_on if dose is not None else None
        assert on is not None
        months.append(
            CardMonth(
                key[0],
                key[1],
                completed_months(person.birth_date, max(on, person.birth_date)),
                None if m is None or m.values.weight_kg is None else m.values.weight_kg.value,
                gains.get(key),
                None if m is None else m.findings.growth_status,
                None if dose is None else dose.capsule,
            )
        )
    mother_nik = mother.nik if mother is not None and mother.nik else person.mother_nik
    return GrowthCardData(
        name=person.name,
        sex=person.sex,
        birth_date=person.birth_date,
        nik=person.nik,
        mother_nik=mother_nik,
        mother_name=None if mother is None else mother.name,
        posyandu=_header(found),
        charts=tuple(charts),
        months=tuple(months),
    )

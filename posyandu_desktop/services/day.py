"""The Posyandu day: opening and closing it, arrivals and the desks they pass, today's home screen,
its alerts and the children due.

A Posyandu day: opening it, people arriving and passing the desks, cadres serving, closing.

What the registration and measuring desks read: today's day, the queue, households to pick,
and the NIK check while it is typed.

What the window's top bar and the home screen show about today: the Posyandu, today's
session and how far its visitors got.

The home screen's alerts: who needs a cadre's attention this month.

Who is due today: children under five not yet weighed this month, and vitamin A in
February and August.

Desks 3-5 ("Hasil hari ini"): everyone registered today with what the measuring desk found,
the situations and what to do about them, the counselling messages, and which desks each has
passed (recording, health services, counselling).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.counselling import (
    Action,
    Message,
    Situation,
    facts_of,
    situations,
)
from posyandu_desktop.domain.early_warning import StuntingRisk
from posyandu_desktop.domain.growth.classify import LilaStatus
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.zscore import Indicator, ZScore
from posyandu_desktop.domain.health_classes import waist_at_risk
from posyandu_desktop.domain.ids import ArrivalId, CadreId, DayId, PersonId, PosyanduId
from posyandu_desktop.domain.life_stage import (
    ADULT_FROM_YEARS,
    UNDER_FIVE_BELOW_MONTHS,
    VITAMIN_A_MONTHS,
    LifeStage,
    VitaminACapsule,
    capsule_for_age,
    life_stage,
)
from posyandu_desktop.domain.measurement import GrowthFindings
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.nik import NikIssue, NikMismatch, compare_nik, parse_nik
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.domain.vocabulary import AlertKind, Desk
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.services.people import PREGNANCY_DAYS, counselling_book, risks_in
from posyandu_desktop.services.reports import month_children
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadres, days, measurements, people, posyandu
from posyandu_desktop.store.records import (
    ArrivalRecord,
    AttendanceRecord,
    DayCounts,
    DayRecord,
    HouseholdRecord,
    MeasurementRecord,
    PersonListing,
    PosyanduRecord,
)


@dataclass(frozen=True, slots=True)
class DaySummary:
    """A closed day and what happened on it."""

    day: DayRecord
    counts: DayCounts


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def open_posyandu_day(
    db: Database,
    *,
    cadre_id: CadreId,
    posyandu_id: PosyanduId,
    held_on: date,
    place: str = "",
    now: datetime | None = None,
    today: date | None = None,
) -> Outcome[DayRecord]:
    """Open the Posyandu for a day (a day that already has a session is refused)."""
    problems = _checks.text_issues(place, Field.PLACE, 200, required=False)
    problems += _checks.not_future(held_on, Field.HELD_ON, today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[DayRecord]:
        _checks.cadre(tx, cadre_id)
        if posyandu.get_posyandu(tx, posyandu_id) is None:
            raise InputError(Issue(Problem.POSYANDU_NOT_FOUND, Field.POSYANDU_ID, posyandu_id))
        existing = days.day_on(tx, posyandu_id, held_on)
        if existing is not None:
            raise InputError(Issue(Problem.DAY_ALREADY_OPENED, Field.HELD_ON, existing.id))
        opened = days.add_day(
            tx,
            posyandu_id=posyandu_id,
            held_on=held_on,
            place=place.strip(),
            opened_by=cadre_id,
            opened_at=_now(now),
        )
        return Outcome(opened)

    return attempt(db, work, cadre_id=cadre_id)


def register_arrival(
    db: Database,
    *,
    cadre_id: CadreId,
    day_id: DayId,
    person_id: PersonId,
    now: datetime | None = None,
) -> Outcome[ArrivalRecord]:
    """Register someone who came to the Posyandu today; they get the next queue number and have
    passed the registration desk."""

    def work(tx: Tx) -> Outcome[ArrivalRecord]:
        _checks.cadre(tx, cadre_id)
        day = _checks.open_day(tx, day_id)
        visitor = _checks.person(tx, person_id)
        if visitor.birth_date > day.held_on:
            raise InputError(Issue(Problem.BEFORE_BIRTH, Field.PERSON_ID, person_id))
        earlier = days.arrival_of(tx, day_id, person_id)
        if earlier is not None:
            raise InputError(Issue(Problem.ALREADY_ARRIVED, Field.PERSON_ID, earlier.queue_number))
        arrival = days.add_arrival(tx, day_id=day_id, person_id=person_id, arrived_at=_now(now))
        # Registering is passing the first desk: the home screen counts it like the others.
        return Outcome(through_desk(tx, arrival, Desk.REGISTRATION))

    return attempt(db, work, cadre_id=cadre_id)


def pass_desk(
    db: Database, *, cadre_id: CadreId, arrival_id: ArrivalId, desk: Desk
) -> Outcome[ArrivalRecord]:
    """Mark that a visitor has been through a desk (the ILP steps)."""

    def work(tx: Tx) -> Outcome[ArrivalRecord]:
        _checks.cadre(tx, cadre_id)
        return Outcome(through_desk(tx, open_arrival(tx, arrival_id), desk))

    return attempt(db, work, cadre_id=cadre_id)


def open_arrival(tx: Tx, arrival_id: int) -> ArrivalRecord:
    """An arrival on a day still open; raises InputError otherwise."""
    arrival = days.get_arrival(tx, arrival_id)
    if arrival is None:
        raise InputError(Issue(Problem.ARRIVAL_NOT_FOUND, Field.ARRIVAL_ID, arrival_id))
    _checks.open_day(tx, arrival.day_id)
    return arrival


def through_desk(tx: Tx, arrival: ArrivalRecord, desk: Desk) -> ArrivalRecord:
    """Mark `arrival` as through `desk`, inside a caller's transaction (twice changes nothing)."""
    if desk in arrival.desks_passed:
        return arrival
    return days.pass_desk(tx, arrival.id, desk)


def record_cadre_attendance(
    db: Database,
    *,
    recorded_by: CadreId,
    day_id: DayId,
    cadre_id: CadreId,
    desk: Desk,
    arrived_at: datetime,
    left_at: datetime | None = None,
) -> Outcome[AttendanceRecord]:
    """Record which cadre served at which desk, from when to when (again to set leave time)."""
    if left_at is not None and left_at < arrived_at:
        return refused([Issue(Problem.LEFT_BEFORE_ARRIVING, Field.LEFT_AT)])

    def work(tx: Tx) -> Outcome[AttendanceRecord]:
        _checks.cadre(tx, recorded_by, Field.RECORDED_BY)
        _checks.cadre(tx, cadre_id)
        _checks.open_day(tx, day_id)
        saved = days.put_attendance(
            tx, day_id=day_id, cadre_id=cadre_id, desk=desk, arrived_at=arrived_at, left_at=left_at
        )
        return Outcome(saved)

    return attempt(db, work, cadre_id=recorded_by)


def mark_present_on_login(
    db: Database, *, posyandu_id: PosyanduId, cadre_id: CadreId, now: datetime
) -> AttendanceRecord | None:
    """The cadre working on the laptop is present at today's open session: signed in at the
    desk they served at last time (registration the first time), unless already signed in.
    Returns the new record (None: no open session today, or already present)."""
    with db.transaction(cadre_id=cadre_id) as tx:
        day = days.day_on(tx, posyandu_id, now.date())
        if day is None or not day.is_open:
            return None
        if any(a.cadre_id == cadre_id for a in days.attendance(tx, day.id)):
            return None
        if not cadres.cadre_active(tx, cadre_id):
            return None
        desk = days.last_desk_of(tx, cadre_id) or Desk.REGISTRATION
        return days.put_attendance(
            tx, day_id=day.id, cadre_id=cadre_id, desk=desk, arrived_at=now, left_at=None
        )


def close_posyandu_day(
    db: Database, *, cadre_id: CadreId, day_id: DayId, now: datetime | None = None
) -> Outcome[DaySummary]:
    """Close the day: nothing more is registered or measured in it."""

    def work(tx: Tx) -> Outcome[DaySummary]:
        _checks.cadre(tx, cadre_id)
        _checks.open_day(tx, day_id)
        closed = days.close_day(tx, day_id, closed_by=cadre_id, closed_at=_now(now))
        return Outcome(DaySummary(closed, days.counts(tx, day_id)))

    outcome = attempt(db, work, cadre_id=cadre_id)
    db.checkpoint()  # the day's records in the .sqlite file itself, not only in its -wal
    return outcome


def reopen_posyandu_day(
    db: Database, *, cadre_id: CadreId, posyandu_id: PosyanduId, day_id: DayId
) -> Outcome[DayRecord]:
    """Open a closed day again (someone came late, or it was closed by mistake); only the
    coordinator may, and the audit trail records it."""
    from posyandu_desktop.services.cadres import is_coordinator

    if not is_coordinator(db, posyandu_id=posyandu_id, cadre_id=cadre_id):
        return refused([Issue(Problem.COORDINATOR_ONLY, Field.CADRE_ID, cadre_id)])

    def work(tx: Tx) -> Outcome[DayRecord]:
        _checks.cadre(tx, cadre_id)
        day = days.get_day(tx, day_id)
        if day is None or day.posyandu_id != posyandu_id:
            raise InputError(Issue(Problem.DAY_NOT_FOUND, Field.DAY_ID, day_id))
        return Outcome(day if day.is_open else days.reopen_day(tx, day_id))

    return attempt(db, work, cadre_id=cadre_id, reason="session reopened")


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """Someone who arrived today, as a desk's queue shows them."""

    arrival: ArrivalRecord
    person: PersonListing
    age_days: int
    age_months: int
    life_stage: LifeStage


@dataclass(frozen=True, slots=True)
class NikCheck:
    """A typed NIK: its 16 digits when readable, what is wrong with it, and where it disagrees
    with the birth date and sex typed beside it (warnings: old NIKs and typos exist)."""

    digits: str | None
    problems: tuple[NikIssue, ...]  # blocking ones and the BAD_PROVINCE warning
    mismatches: tuple[NikMismatch, ...]
    birth_date: date | None = None  # what the NIK says, for the mismatch warning
    sex: Sex | None = None

    @property
    def ok(self) -> bool:
        """Readable and with no blocking problem."""
        return self.digits is not None and all(i.problem.is_warning for i in self.problems)


def day_today(db: Database, posyandu_id: int, *, today: date) -> DayRecord | None:
    """The Posyandu's session held today (open or closed), or None if it was not opened."""
    with db.reading() as tx:
        return days.day_on(tx, posyandu_id, today)


def _entry(arrival: ArrivalRecord, person: PersonListing, on: date) -> QueueEntry:
    on = max(on, person.birth_date)
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    days_old = (on - person.birth_date).days
    return QueueEntry(arrival, person, days_old, completed_months(person.birth_date, on), stage)


def waiting_at_desk(
    db: Database, day_id: int, desk: Desk, *, today: date
) -> tuple[QueueEntry, ...]:
    """Today's arrivals not yet through `desk`, in queue order."""
    with db.reading() as tx:
        rows = days.waiting_at(tx, day_id, desk)
    return tuple(_entry(arrival, person, today) for arrival, person in rows)


def latest_arrivals(
    db: Database, day_id: int, *, today: date, limit: int = 5
) -> tuple[QueueEntry, ...]:
    """The day's latest arrivals, newest first (the registration desk's "just registered")."""
    with db.reading() as tx:
        rows = days.last_arrivals(tx, day_id, limit)
    return tuple(_entry(arrival, person, today) for arrival, person in rows)


def find_households(db: Database, text: str, *, limit: int = 20) -> tuple[HouseholdRecord, ...]:
    """Households whose head's name or address contains every typed word."""
    with db.reading() as tx:
        return days.find_households(tx, text, limit)


def household_of(db: Database, person_id: int) -> HouseholdRecord | None:
    """The household a person lives in, or None."""
    with db.reading() as tx:
        return days.household_of(tx, person_id)


def check_nik(text: str, *, birth_date: date | None, sex: Sex | None, today: date) -> NikCheck:
    """Check a NIK as it is typed (nothing is read from the registry)."""
    result = parse_nik(text, today=today)
    if result.info is None:
        return NikCheck(None, result.problems, ())
    info = result.info
    mismatches = compare_nik(info, birth_date=birth_date, sex=sex)
    return NikCheck(info.nik, result.problems, mismatches, info.birth_date, info.sex)


@dataclass(frozen=True, slots=True)
class DayOverview:
    """Today's session (None before it is opened) and its counts."""

    day: DayRecord | None
    counts: DayCounts
    passed: tuple[tuple[Desk, int], ...]  # arrivals that passed each desk, in desk order


def this_posyandu(db: Database) -> PosyanduRecord | None:
    """This laptop's Posyandu, or None before the setup wizard ran."""
    with db.reading() as tx:
        return posyandu.first_posyandu(tx)


def month_to_report(db: Database, *, posyandu_id: int, today: date) -> tuple[int, int]:
    """(year, month) of the latest session held up to today: the month a cadre reports on
    (this month before the first session ever)."""
    with db.reading() as tx:
        held = days.last_held_on(tx, posyandu_id, today)
    latest = held or today
    return latest.year, latest.month


def day_overview(db: Database, *, posyandu_id: int, today: date) -> DayOverview:
    """Today's session with arrivals, measured, cadres, and arrivals per desk passed."""
    with db.reading() as tx:
        day = days.day_on(tx, posyandu_id, today)
        if day is None:
            return DayOverview(None, DayCounts(0, 0, 0), tuple((desk, 0) for desk in Desk))
        counts = days.counts(tx, day.id)
        arrivals = days.arrivals(tx, day.id)
    passed = Counter(desk for arrival in arrivals for desk in arrival.desks_passed)
    return DayOverview(day, counts, tuple((desk, passed[desk]) for desk in Desk))


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    person_id: int
    name: str
    birth_date: date
    measured_on: date  # the person's last measurement this month
    value: float | None = None  # LILA in cm (KEK)
    reasons: tuple[ReferralReason, ...] = ()  # REFER: why, in the rule's order
    quantities: tuple[Quantity, ...] = ()  # REMEASURE: the doubtful values


def alerts_today(db: Database, *, today: date) -> tuple[Alert, ...]:
    """This month's alerts, most urgent kind first, then by name: the monthly report's own
    referral, re-measure and new-stunting lists for the month so far (the same domain rules),
    and pregnant women with KEK."""
    month = Period.of(today)
    with db.reading() as tx:
        children, rows = month_children(tx, month)
        pregnant = measurements.pregnant_lila(
            tx, since=today - timedelta(days=PREGNANCY_DAYS), on=today
        )
    by_id = {c.person_id: c for c in children}
    in_month = [r for r in rows if Period.of(r.measured_on) == month]
    seen = {r.person_id: r.measured_on for r in sorted(in_month, key=lambda r: r.measured_on)}
    doubtful = ind.pending_doubts(in_month)

    def alert(kind: AlertKind, person_id: int, **more: Any) -> Alert:
        child = by_id[person_id]
        return Alert(kind, person_id, child.name, child.birth_date, seen[person_id], **more)

    found = []
    for referral in ind.referrals(children, rows, month.year, month.month):
        pid = referral.person_id
        if ReferralReason.REMEASURE in referral.reasons:
            quantities = tuple(q for q in Quantity if q in doubtful.get(pid, ()))
            found.append(alert(AlertKind.REMEASURE, pid, quantities=quantities))
        if referral.referred:
            reasons = tuple(x for x in referral.reasons if x is not ReferralReason.REMEASURE)
            found.append(alert(AlertKind.REFER, pid, reasons=reasons))
    lists = ind.stunting_lists(children, rows, month.year, month.month)
    found += [alert(AlertKind.NEW_STUNTING, pid) for pid in lists.confirmed]
    found += [alert(AlertKind.SUSPECTED_STUNTING, pid) for pid in lists.suspected]
    found += [
        Alert(AlertKind.KEK_PREGNANT, p.person_id, p.name, p.birth_date, p.measured_on, p.lila_cm)
        for p in pregnant
        if p.lila_status is LilaStatus.KEK
    ]
    order = {kind: i for i, kind in enumerate(AlertKind)}
    return tuple(sorted(found, key=lambda a: (order[a.kind], a.name.casefold(), a.person_id)))


@dataclass(frozen=True, slots=True)
class DueChild:
    person: PersonListing
    age_months: int
    last_weighed_on: date | None
    weighed_this_month: bool
    vitamin_a: VitaminACapsule | None  # the capsule still to give this month, if any


@dataclass(frozen=True, slots=True)
class DueList:
    """The children due today, and how many children under five the registry has (an empty
    due list means "all weighed" only when there are children)."""

    under_five: int
    due: tuple[DueChild, ...]


def due_today(db: Database, *, today: date | None = None) -> tuple[DueChild, ...]:
    """Children under five who were not weighed this calendar month or still need their
    vitamin A capsule, by RW, RT and name, with the date they were last weighed."""
    return due_list(db, today=today).due


def due_list(db: Database, *, today: date | None = None) -> DueList:
    """`due_today` with the number of children under five."""
    today = today or date.today()
    month_start = today.replace(day=1)
    # A birth date up to 61 months back is certainly inside; the exact cut is completed months.
    born_after = Period.of(month_start).plus(-(UNDER_FIVE_BELOW_MONTHS + 1)).first_day
    vitamin_a_month = today.month in VITAMIN_A_MONTHS
    with db.reading() as tx:
        rows = people.balita(tx, born_after=born_after, on=today, month_start=month_start)
    due, under_five = [], 0
    for row in rows:
        age = completed_months(row.person.birth_date, today)
        if age >= UNDER_FIVE_BELOW_MONTHS:
            continue
        under_five += 1
        weighed = row.last_weighed_on is not None and row.last_weighed_on >= month_start
        capsule = None
        if vitamin_a_month and not row.vitamin_a_given_this_month:
            capsule = capsule_for_age(age)
        if not weighed or capsule is not None:
            due.append(DueChild(row.person, age, row.last_weighed_on, weighed, capsule))
    return DueList(under_five, tuple(due))


# The desks after measuring, in the order a visitor passes them (docs/sources/ilp-life-stages.md).
AFTER_MEASURING = (Desk.RECORDING, Desk.HEALTH_SERVICE, Desk.COUNSELLING)


@dataclass(frozen=True, slots=True)
class TodayResult:
    """One visitor of today: who, what was measured, and what to do."""

    arrival: ArrivalRecord
    person: PersonListing
    age_months: int
    life_stage: LifeStage
    measurement: MeasurementRecord | None  # None: not measured yet
    situations: tuple[Situation, ...]
    actions: tuple[Action, ...]
    messages: tuple[Message, ...]  # today's situations, then the early warning's reasons

    def passed(self, desk: Desk) -> bool:
        return desk in self.arrival.desks_passed


def _scores(m: GrowthFindings) -> tuple[ZScore, ...]:
    return (
        ZScore(Indicator.WEIGHT_FOR_AGE, m.waz),
        ZScore(Indicator.LENGTH_HEIGHT_FOR_AGE, m.haz),
        ZScore(Indicator.WEIGHT_FOR_LENGTH_HEIGHT, m.whz),
        ZScore(Indicator.BMI_FOR_AGE, m.baz),
        ZScore(Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, m.hcz),
        ZScore(Indicator.ARM_CIRCUMFERENCE_FOR_AGE, m.acz),
    )


def _result(
    arrival: ArrivalRecord,
    person: PersonListing,
    m: MeasurementRecord | None,
    today: date,
    risk: StuntingRisk | None,
) -> TodayResult:
    on = max(today, person.birth_date)
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    months = completed_months(person.birth_date, on)
    book = counselling_book()
    if m is None:
        return TodayResult(arrival, person, months, stage, None, (), (), ())
    f, v = m.findings, m.values
    bp = v.blood_pressure
    found = situations(
        facts_of(
            scores=_scores(m.findings),
            growth_status=f.growth_status,
            two_t=f.two_t,
            oedema=v.oedema,
            categories={
                "wfa": f.wfa_category,
                "lhfa": f.lhfa_category,
                "wflh": f.wflh_category,
                "bfa": f.bfa_category,
            },
            lila_status=f.lila_status,
            systolic_mmhg=None if bp is None else bp.systolic_mmhg,
            diastolic_mmhg=None if bp is None else bp.diastolic_mmhg,
            waist_at_risk=None
            if v.waist_cm is None or months < ADULT_FROM_YEARS * 12
            else waist_at_risk(person.sex, v.waist_cm.value),
        )
    )
    said = book.said_today(found, risk.reasons if risk else ())
    return TodayResult(arrival, person, months, stage, m, found, book.actions(said), said)


def results_today(db: Database, day_id: int, *, today: date) -> tuple[TodayResult, ...]:
    """Everyone registered on the day, in queue order, with their result."""
    with db.reading() as tx:
        rows = days.day_results(tx, day_id)
        risks = risks_in(tx, today)
    return tuple(
        _result(arrival, person, m, today, risks.get(int(person.id))) for arrival, person, m in rows
    )

"""What the registration and measuring desks read: today's day, the queue, households to pick,
and the NIK check while it is typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.weight_gain import completed_months
from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.domain.nik import NikIssue, NikMismatch, compare_nik, parse_nik
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import days, desks
from posyandu_desktop.store.records import ArrivalRecord, DayRecord, HouseholdRecord, PersonListing


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
        rows = desks.waiting_at(tx, day_id, desk)
    return tuple(_entry(arrival, person, today) for arrival, person in rows)


def latest_arrivals(
    db: Database, day_id: int, *, today: date, limit: int = 5
) -> tuple[QueueEntry, ...]:
    """The day's latest arrivals, newest first (the registration desk's "just registered")."""
    with db.reading() as tx:
        rows = desks.last_arrivals(tx, day_id, limit)
    return tuple(_entry(arrival, person, today) for arrival, person in rows)


def find_households(db: Database, text: str, *, limit: int = 20) -> tuple[HouseholdRecord, ...]:
    """Households whose head's name or address contains every typed word."""
    with db.reading() as tx:
        return desks.find_households(tx, text, limit)


def household_of(db: Database, person_id: int) -> HouseholdRecord | None:
    """The household a person lives in, or None."""
    with db.reading() as tx:
        return desks.household_of(tx, person_id)


def check_nik(text: str, *, birth_date: date | None, sex: Sex | None, today: date) -> NikCheck:
    """Check a NIK as it is typed (nothing is read from the registry)."""
    result = parse_nik(text, today=today)
    if result.info is None:
        return NikCheck(None, result.problems, ())
    info = result.info
    mismatches = compare_nik(info, birth_date=birth_date, sex=sex)
    return NikCheck(info.nik, result.problems, mismatches, info.birth_date, info.sex)

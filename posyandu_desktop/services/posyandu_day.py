"""A Posyandu day: opening it, people arriving and passing the desks, cadres serving, closing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from posyandu_desktop.domain.ids import CadreId, DayId, PersonId
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import days, posyandu
from posyandu_desktop.store.records import (
    ArrivalRecord,
    AttendanceRecord,
    DayCounts,
    DayRecord,
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
    posyandu_id: int,
    held_on: date,
    place: str = "",
    now: datetime | None = None,
    today: date | None = None,
) -> Outcome[DayRecord]:
    """Open the Posyandu for a day (a day that already has a session is refused)."""
    problems = _checks.text_issues(place, "place", 200, required=False)
    problems += _checks.not_future(held_on, "held_on", today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[DayRecord]:
        _checks.cadre(tx, cadre_id)
        if posyandu.get_posyandu(tx, posyandu_id) is None:
            raise InputError(Issue(Problem.POSYANDU_NOT_FOUND, "posyandu_id", posyandu_id))
        existing = days.day_on(tx, posyandu_id, held_on)
        if existing is not None:
            raise InputError(Issue(Problem.DAY_ALREADY_OPENED, "held_on", existing.id))
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
            raise InputError(Issue(Problem.BEFORE_BIRTH, "person_id", person_id))
        earlier = days.arrival_of(tx, day_id, person_id)
        if earlier is not None:
            raise InputError(Issue(Problem.ALREADY_ARRIVED, "person_id", earlier.queue_number))
        arrival = days.add_arrival(tx, day_id=day_id, person_id=person_id, arrived_at=_now(now))
        # Registering is passing the first desk: the home screen counts it like the others.
        return Outcome(through_desk(tx, arrival, Desk.REGISTRATION))

    return attempt(db, work, cadre_id=cadre_id)


def pass_desk(
    db: Database, *, cadre_id: CadreId, arrival_id: int, desk: Desk
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
        raise InputError(Issue(Problem.ARRIVAL_NOT_FOUND, "arrival_id", arrival_id))
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
    recorded_by: int,
    day_id: DayId,
    cadre_id: CadreId,
    desk: Desk,
    arrived_at: datetime,
    left_at: datetime | None = None,
) -> Outcome[AttendanceRecord]:
    """Record which cadre served at which desk, from when to when (again to set leave time)."""
    if left_at is not None and left_at < arrived_at:
        return refused([Issue(Problem.LEFT_BEFORE_ARRIVING, "left_at")])

    def work(tx: Tx) -> Outcome[AttendanceRecord]:
        _checks.cadre(tx, recorded_by, "recorded_by")
        _checks.cadre(tx, cadre_id)
        _checks.open_day(tx, day_id)
        saved = days.put_attendance(
            tx, day_id=day_id, cadre_id=cadre_id, desk=desk, arrived_at=arrived_at, left_at=left_at
        )
        return Outcome(saved)

    return attempt(db, work, cadre_id=recorded_by)


def mark_present_on_login(
    db: Database, *, posyandu_id: int, cadre_id: int, now: datetime
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
        if not posyandu.cadre_active(tx, cadre_id):
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
    db: Database, *, cadre_id: int, posyandu_id: int, day_id: int
) -> Outcome[DayRecord]:
    """Open a closed day again (someone came late, or it was closed by mistake); only the
    coordinator may, and the audit trail records it."""
    from posyandu_desktop.services.auth import is_coordinator

    if not is_coordinator(db, posyandu_id=posyandu_id, cadre_id=cadre_id):
        return refused([Issue(Problem.COORDINATOR_ONLY, "cadre_id", cadre_id)])

    def work(tx: Tx) -> Outcome[DayRecord]:
        _checks.cadre(tx, cadre_id)
        day = days.get_day(tx, day_id)
        if day is None or day.posyandu_id != posyandu_id:
            raise InputError(Issue(Problem.DAY_NOT_FOUND, "day_id", day_id))
        return Outcome(day if day.is_open else days.reopen_day(tx, day_id))

    return attempt(db, work, cadre_id=cadre_id, reason="session reopened")

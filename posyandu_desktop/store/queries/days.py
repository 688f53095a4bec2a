"""Posyandu days and what their desks read.

Posyandu days (sessions), the people who arrived and the cadres who served.

What the registration and measuring desks read: one person as lists show them, the day's
queue with who is in it, and households to choose from.

Desks 3-5 read the day's arrivals with their latest measurement of the day.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import distinct, func, or_, select

from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.queries.measurements import _record as measurement_record
from posyandu_desktop.store.queries.people import _listing, _listing_select, name_key
from posyandu_desktop.store.records import (
    ArrivalRecord,
    AttendanceRecord,
    DayCounts,
    DayRecord,
    HouseholdRecord,
    MeasurementRecord,
    PersonListing,
)
from posyandu_desktop.store.tables import (
    Arrival,
    CadreAttendance,
    Household,
    Measurement,
    Person,
    PosyanduDay,
)


def add_day(
    tx: Tx, *, posyandu_id: int, held_on: date, place: str, opened_by: int, opened_at: datetime
) -> DayRecord:
    """Insert an open Posyandu day."""
    row = PosyanduDay(
        posyandu_id=posyandu_id,
        held_on=held_on,
        place=place,
        opened_by=opened_by,
        opened_at=opened_at,
    )
    tx.add(row)
    tx.flush()
    return record(DayRecord, row)


def get_day(tx: Tx, day_id: int) -> DayRecord | None:
    """The Posyandu day with this id, or None."""
    row = tx.get(PosyanduDay, day_id)
    return None if row is None else record(DayRecord, row)


def day_on(tx: Tx, posyandu_id: int, held_on: date) -> DayRecord | None:
    """The Posyandu's day on this date, or None."""
    row = tx.scalar(
        select(PosyanduDay).where(
            PosyanduDay.posyandu_id == posyandu_id, PosyanduDay.held_on == held_on
        )
    )
    return None if row is None else record(DayRecord, row)


def last_held_on(tx: Tx, posyandu_id: int, on_or_before: date) -> date | None:
    """The date of the Posyandu's latest session up to a date, or None."""
    return tx.scalar(
        select(func.max(PosyanduDay.held_on)).where(
            PosyanduDay.posyandu_id == posyandu_id, PosyanduDay.held_on <= on_or_before
        )
    )


def close_day(tx: Tx, day_id: int, *, closed_by: int, closed_at: datetime) -> DayRecord:
    """Mark a day closed."""
    row = tx.get_one(PosyanduDay, day_id)
    row.closed_by, row.closed_at = closed_by, closed_at
    tx.flush()
    return record(DayRecord, row)


def reopen_day(tx: Tx, day_id: int) -> DayRecord:
    """Mark a closed day open again (the audit trail keeps who closed it and when)."""
    row = tx.get_one(PosyanduDay, day_id)
    row.closed_by, row.closed_at = None, None
    tx.flush()
    return record(DayRecord, row)


def counts(tx: Tx, day_id: int) -> DayCounts:
    """How many arrived, were measured and served on a day."""
    arrived = select(func.count()).where(Arrival.day_id == day_id)
    measured = select(func.count(distinct(Measurement.person_id))).where(
        Measurement.day_id == day_id
    )
    served = select(func.count(distinct(CadreAttendance.cadre_id))).where(
        CadreAttendance.day_id == day_id
    )
    return DayCounts(
        arrivals=tx.scalar(arrived) or 0,
        measured=tx.scalar(measured) or 0,
        cadres=tx.scalar(served) or 0,
    )


def add_arrival(tx: Tx, *, day_id: int, person_id: int, arrived_at: datetime) -> ArrivalRecord:
    """Insert an arrival with the next queue number of the day."""
    last = tx.scalar(select(func.max(Arrival.queue_number)).where(Arrival.day_id == day_id))
    row = Arrival(
        day_id=day_id,
        person_id=person_id,
        queue_number=(last or 0) + 1,
        arrived_at=arrived_at,
        desks_passed=frozenset(),
    )
    tx.add(row)
    tx.flush()
    return record(ArrivalRecord, row)


def get_arrival(tx: Tx, arrival_id: int) -> ArrivalRecord | None:
    """The arrival with this id, or None."""
    row = tx.get(Arrival, arrival_id)
    return None if row is None else record(ArrivalRecord, row)


def arrival_of(tx: Tx, day_id: int, person_id: int) -> ArrivalRecord | None:
    """This person's arrival on this day, or None."""
    row = tx.scalar(select(Arrival).where(Arrival.day_id == day_id, Arrival.person_id == person_id))
    return None if row is None else record(ArrivalRecord, row)


def arrivals(tx: Tx, day_id: int) -> tuple[ArrivalRecord, ...]:
    """A day's arrivals in queue order."""
    rows = tx.scalars(
        select(Arrival).where(Arrival.day_id == day_id).order_by(Arrival.queue_number)
    )
    return tuple(record(ArrivalRecord, row) for row in rows)


def pass_desk(tx: Tx, arrival_id: int, desk: Desk) -> ArrivalRecord:
    """Mark a desk as passed for an arrival."""
    row = tx.get_one(Arrival, arrival_id)
    row.desks_passed = row.desks_passed | {desk}
    tx.flush()
    return record(ArrivalRecord, row)


def put_attendance(
    tx: Tx,
    *,
    day_id: int,
    cadre_id: int,
    desk: Desk,
    arrived_at: datetime,
    left_at: datetime | None,
) -> AttendanceRecord:
    """Insert a cadre's attendance at a desk, or update its times if it is already there."""
    row = tx.scalar(
        select(CadreAttendance).where(
            CadreAttendance.day_id == day_id,
            CadreAttendance.cadre_id == cadre_id,
            CadreAttendance.desk == desk,
        )
    )
    if row is None:
        row = CadreAttendance(day_id=day_id, cadre_id=cadre_id, desk=desk)
        tx.add(row)
    row.arrived_at, row.left_at = arrived_at, left_at
    tx.flush()
    return record(AttendanceRecord, row)


def last_desk_of(tx: Tx, cadre_id: int) -> Desk | None:
    """The desk a cadre served at most recently (None: never served)."""
    return tx.scalar(
        select(CadreAttendance.desk)
        .where(CadreAttendance.cadre_id == cadre_id)
        .order_by(CadreAttendance.arrived_at.desc(), CadreAttendance.id.desc())
        .limit(1)
    )


def attendance(tx: Tx, day_id: int) -> tuple[AttendanceRecord, ...]:
    """Who served on a day, at which desk, by arrival time."""
    rows = tx.scalars(
        select(CadreAttendance)
        .where(CadreAttendance.day_id == day_id)
        .order_by(CadreAttendance.arrived_at, CadreAttendance.id)
    )
    return tuple(record(AttendanceRecord, row) for row in rows)


# The listing's columns and joins are defined once, in people.py (a test pins their order).


def person_listing(tx: Tx, person_id: int) -> PersonListing | None:
    """One person with their mother's name and address, or None."""
    row = tx.execute(_listing_select().where(Person.id == person_id)).first()
    return None if row is None else _listing(row)


def waiting_at(tx: Tx, day_id: int, desk: Desk) -> tuple[tuple[ArrivalRecord, PersonListing], ...]:
    """The day's arrivals who have not passed `desk`, in queue order, with who they are."""
    rows = tx.execute(
        _listing_select()
        .add_columns(Arrival)
        .join(Arrival, Arrival.person_id == Person.id)
        .where(Arrival.day_id == day_id)
        .order_by(Arrival.queue_number)
    )
    # Desks are a bit set: filtering here is simpler than bit arithmetic in SQL, and a day has
    # at most a few hundred arrivals.
    waiting = []
    for row in rows:
        arrival = record(ArrivalRecord, row[-1])
        if desk not in arrival.desks_passed:
            waiting.append((arrival, _listing(row)))
    return tuple(waiting)


def last_arrivals(
    tx: Tx, day_id: int, limit: int
) -> tuple[tuple[ArrivalRecord, PersonListing], ...]:
    """The day's latest arrivals, newest first, with who they are."""
    rows = tx.execute(
        _listing_select()
        .add_columns(Arrival)
        .join(Arrival, Arrival.person_id == Person.id)
        .where(Arrival.day_id == day_id)
        .order_by(Arrival.queue_number.desc())
        .limit(limit)
    )
    return tuple((record(ArrivalRecord, row[-1]), _listing(row)) for row in rows)


def find_households(tx: Tx, text: str, limit: int) -> tuple[HouseholdRecord, ...]:
    """Households whose head's name or address contains every typed word, by RW, RT, name."""
    stmt = select(Household)
    for word in name_key(text).split():
        pattern = f"%{word}%"
        stmt = stmt.where(
            or_(
                func.lower(Household.head_name).like(pattern),
                func.lower(Household.address).like(pattern),
            )
        )
    stmt = stmt.order_by(
        Household.rw.asc().nulls_last(), Household.rt.asc().nulls_last(), Household.head_name
    ).limit(limit)
    return tuple(record(HouseholdRecord, row) for row in tx.scalars(stmt))


def household_of(tx: Tx, person_id: int) -> HouseholdRecord | None:
    """The household a person belongs to, or None."""
    row = tx.scalar(
        select(Household)
        .join(Person, Person.household_id == Household.id)
        .where(Person.id == person_id)
    )
    return None if row is None else record(HouseholdRecord, row)


def day_results(
    tx: Tx, day_id: int
) -> tuple[tuple[ArrivalRecord, PersonListing, MeasurementRecord | None], ...]:
    """The day's arrivals in queue order, who they are, and their latest measurement of the
    day (None: not measured yet)."""
    measured = {
        row.person_id: row
        for row in tx.scalars(
            select(Measurement).where(Measurement.day_id == day_id).order_by(Measurement.id)
        )
    }
    rows = tx.execute(
        _listing_select()
        .add_columns(Arrival)
        .join(Arrival, Arrival.person_id == Person.id)
        .where(Arrival.day_id == day_id)
        .order_by(Arrival.queue_number)
    )
    found = []
    for row in rows:
        listing = _listing(row)
        latest = measured.get(listing.id)
        found.append(
            (
                record(ArrivalRecord, row[-1]),
                listing,
                None if latest is None else measurement_record(latest),
            )
        )
    return tuple(found)

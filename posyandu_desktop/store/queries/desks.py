"""What the registration and measuring desks read: one person as lists show them, the day's
queue with who is in it, and households to choose from."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record

# The listing's columns and joins are defined once, in people.py (a test pins their order).
from posyandu_desktop.store.queries.people import _listing, _listing_select, name_key
from posyandu_desktop.store.records import ArrivalRecord, HouseholdRecord, PersonListing
from posyandu_desktop.store.tables import Arrival, Household, Person


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

"""What the home-visit suggestions need: each child under five with their latest weighing and
their latest home visit."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from posyandu_desktop.store.database import Tx

# The listing columns are shared with people.search, so a suggestion shows a person the same way.
from posyandu_desktop.store.queries.people import _LISTING, _listing, _listing_select
from posyandu_desktop.store.records import PersonListing
from posyandu_desktop.store.tables import HomeVisit, Household, Measurement, Person, PosyanduDay


class ChildWeighing(NamedTuple):
    person: PersonListing
    weighed_on: date | None  # the latest weighing by `on`, or None if never weighed
    waz: float | None
    oedema: bool
    two_t: bool
    visited_on: date | None  # the latest home visit to the child by `on`


def latest_weighings(tx: Tx, *, born_after: date, on: date) -> tuple[ChildWeighing, ...]:
    """Everyone born after `born_after` (and by `on`) still living here, with their latest
    weighing and home visit by `on`, by RW, RT and name."""
    # An alias, so this subquery does not correlate with the joined latest weighing itself.
    weighing = aliased(Measurement)
    latest = (
        select(weighing.id)
        .where(
            weighing.person_id == Person.id,
            weighing.weight_kg.is_not(None),
            weighing.measured_on <= on,
        )
        .order_by(weighing.measured_on.desc(), weighing.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    visited = (
        select(func.max(HomeVisit.visited_on))
        .where(HomeVisit.person_id == Person.id, HomeVisit.visited_on <= on)
        .scalar_subquery()
    )
    stmt = (
        _listing_select()
        .outerjoin(Measurement, Measurement.id == latest)
        .add_columns(
            Measurement.measured_on,
            Measurement.waz,
            Measurement.oedema,
            Measurement.two_t,
            visited.label("visited_on"),
        )
        .where(Person.birth_date > born_after, Person.birth_date <= on, Person.left_on.is_(None))
        .order_by(
            Household.rw.asc().nulls_last(),
            Household.rt.asc().nulls_last(),
            Person.name_key,
            Person.id,
        )
    )
    n = len(_LISTING)
    return tuple(
        ChildWeighing(
            _listing(row), row[n], row[n + 1], bool(row[n + 2]), bool(row[n + 3]), row[n + 4]
        )
        for row in tx.execute(stmt)
    )


def latest_closed_day(tx: Tx, posyandu_id: int, on: date) -> date | None:
    """The date of the Posyandu's latest closed session by `on` (an open one is still running:
    whoever has not come yet is not absent)."""
    return tx.scalar(
        select(func.max(PosyanduDay.held_on)).where(
            PosyanduDay.posyandu_id == posyandu_id,
            PosyanduDay.held_on <= on,
            PosyanduDay.closed_at.is_not(None),
        )
    )

"""Home visits: writing one, the log of visits and who should be visited next.

What the home-visit suggestions need: each child under five with their latest weighing and
their latest home visit.

Home visits as a list shows them: who was visited, by whom, and what was measured there.

Home visits and the cadres who made them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.queries.people import _LISTING, _listing, _listing_select
from posyandu_desktop.store.records import HomeVisitRecord, PersonListing
from posyandu_desktop.store.tables import (
    Cadre,
    HomeVisit,
    HomeVisitCadre,
    Household,
    Measurement,
    Person,
    PosyanduDay,
)

# The listing columns are shared with people.search, so a suggestion shows a person the same way.


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


class VisitRow(NamedTuple):
    visit: HomeVisitRecord
    person_name: str | None
    household_head: str | None  # the visited household's, else the visited person's
    rt: int | None
    rw: int | None
    cadre_names: tuple[str, ...]
    weight_kg: float | None  # measured on the visit
    lenhei_cm: float | None


def visits_between(tx: Tx, first: date, last: date) -> tuple[VisitRow, ...]:
    """Home visits from `first` to `last` inclusive, newest first."""
    rows = tx.execute(
        select(HomeVisit, Person.name, Household.head_name, Household.rt, Household.rw)
        .outerjoin(Person, Person.id == HomeVisit.person_id)
        # The household visited, or else the visited person's household.
        .outerjoin(
            Household,
            Household.id == func.coalesce(HomeVisit.household_id, Person.household_id),
        )
        .where(HomeVisit.visited_on >= first, HomeVisit.visited_on <= last)
        .order_by(HomeVisit.visited_on.desc(), HomeVisit.id.desc())
    ).all()
    ids = [row[0].id for row in rows]
    cadres: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    for visit_id, cadre_id, name in tx.execute(
        select(HomeVisitCadre.home_visit_id, Cadre.id, Cadre.name)
        .join(Cadre, Cadre.id == HomeVisitCadre.cadre_id)
        .where(HomeVisitCadre.home_visit_id.in_(ids))
        .order_by(HomeVisitCadre.id)
    ):
        cadres[visit_id].append((cadre_id, name))
    measured = {
        visit_id: (kg, cm)
        for visit_id, kg, cm in tx.execute(
            select(Measurement.home_visit_id, Measurement.weight_kg, Measurement.lenhei_cm)
            .where(Measurement.home_visit_id.in_(ids))
            .order_by(Measurement.id)
        )
    }
    return tuple(
        VisitRow(
            record(HomeVisitRecord, visit, cadre_ids=tuple(c for c, _ in cadres[visit.id])),
            person_name,
            head,
            rt,
            rw,
            tuple(n for _, n in cadres[visit.id]),
            *measured.get(visit.id, (None, None)),
        )
        for visit, person_name, head, rt, rw in rows
    )


def add_home_visit(
    tx: Tx,
    *,
    person_id: int | None,
    household_id: int | None,
    visited_on: date,
    reason: VisitReason,
    findings: str,
    follow_up: str,
    entered_by: int,
    cadre_ids: Sequence[int],
) -> HomeVisitRecord:
    """Insert a home visit and the cadres who went."""
    row = HomeVisit(
        person_id=person_id,
        household_id=household_id,
        visited_on=visited_on,
        reason=reason,
        findings=findings,
        follow_up=follow_up,
        entered_by=entered_by,
    )
    tx.add(row)
    tx.flush()
    unique_ids = tuple(dict.fromkeys(cadre_ids))
    tx.add_all(HomeVisitCadre(home_visit_id=row.id, cadre_id=c) for c in unique_ids)
    tx.flush()
    return record(HomeVisitRecord, row, cadre_ids=unique_ids)


def get_home_visit(tx: Tx, visit_id: int) -> HomeVisitRecord | None:
    """The home visit with this id and its cadres, or None."""
    row = tx.get(HomeVisit, visit_id)
    if row is None:
        return None
    cadre_ids = tx.scalars(
        select(HomeVisitCadre.cadre_id)
        .where(HomeVisitCadre.home_visit_id == visit_id)
        .order_by(HomeVisitCadre.id)
    )
    return record(HomeVisitRecord, row, cadre_ids=tuple(cadre_ids))

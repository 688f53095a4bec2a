"""Home visits as a list shows them: who was visited, by whom, and what was measured there."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select

from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import HomeVisitRecord
from posyandu_desktop.store.tables import (
    Cadre,
    HomeVisit,
    HomeVisitCadre,
    Household,
    Measurement,
    Person,
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

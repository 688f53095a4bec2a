"""The home visits of a period as a list: who was visited, why, by whom, what was measured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import visit_log
from posyandu_desktop.store.records import HomeVisitRecord


@dataclass(frozen=True, slots=True)
class HomeVisitListing:
    visit: HomeVisitRecord
    person_name: str | None
    household_head: str | None
    rt: int | None
    rw: int | None
    cadre_names: tuple[str, ...]
    weight_kg: float | None  # measured on the visit
    lenhei_cm: float | None


def home_visits_between(db: Database, first: date, last: date) -> tuple[HomeVisitListing, ...]:
    """Home visits from `first` to `last` inclusive, newest first."""
    with db.reading() as tx:
        rows = visit_log.visits_between(tx, first, last)
    return tuple(HomeVisitListing(*row) for row in rows)

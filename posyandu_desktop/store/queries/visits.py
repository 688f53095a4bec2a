"""Home visits and the cadres who made them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import HomeVisitRecord
from posyandu_desktop.store.tables import HomeVisit, HomeVisitCadre


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

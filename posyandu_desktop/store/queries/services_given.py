"""Services given at the post or on a home visit (vitamin A, deworming, iron tablets ...)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import ServiceRecord
from posyandu_desktop.store.tables import ServiceGiven


def add_service(
    tx: Tx,
    *,
    person_id: int,
    given_on: date,
    kind: ServiceKind,
    entered_by: int,
    capsule: VitaminACapsule | None = None,
    detail: str = "",
    quantity: int | None = None,
    from_kia_book: bool = False,
    day_id: int | None = None,
    home_visit_id: int | None = None,
    code: str | None = None,
) -> ServiceRecord:
    """Insert a service given."""
    row = ServiceGiven(
        person_id=person_id,
        given_on=given_on,
        kind=kind,
        capsule=capsule,
        detail=detail,
        quantity=quantity,
        from_kia_book=from_kia_book,
        entered_by=entered_by,
        day_id=day_id,
        home_visit_id=home_visit_id,
        code=code,
    )
    tx.add(row)
    tx.flush()
    return record(ServiceRecord, row)


def services_of(tx: Tx, person_id: int) -> tuple[ServiceRecord, ...]:
    """Every service a person was given, oldest first."""
    rows = tx.scalars(
        select(ServiceGiven)
        .where(ServiceGiven.person_id == person_id)
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(record(ServiceRecord, row) for row in rows)

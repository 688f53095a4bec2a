"""What an import needs from the registry in a few statements, and its rows written in bulk.

A bulk Core insert bypasses the flush that writes audit events (store/audit.py): the imported
measurements get their CREATE events here, in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from posyandu_desktop.domain.importing import Known
from posyandu_desktop.domain.vocabulary import AuditAction
from posyandu_desktop.store.audit import CADRE, REASON, plain
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries.measurements import Weighing
from posyandu_desktop.store.tables import AuditEvent, Cadre, Measurement, Person, new_uid


def known_people(tx: Tx) -> list[Known]:
    """Every person, as matching sees them."""
    rows = tx.execute(
        select(
            Person.id,
            Person.nik,
            Person.mother_nik,
            Person.name_key,
            Person.sex,
            Person.birth_date,
        )
    )
    return [Known(*row) for row in rows]


def measured_days(tx: Tx) -> set[tuple[int, date]]:
    """(person id, date) of every measurement."""
    return {
        (r.person_id, r.measured_on)
        for r in tx.execute(select(Measurement.person_id, Measurement.measured_on))
    }


def all_weighings(tx: Tx) -> dict[int, list[Weighing]]:
    """Every weighing by person, by date then id (entry order)."""
    rows = tx.execute(
        select(
            Measurement.person_id,
            Measurement.id,
            Measurement.measured_on,
            Measurement.weight_kg,
            Measurement.growth_status,
            Measurement.two_t,
        )
        .where(Measurement.weight_kg.is_not(None))
        .order_by(Measurement.person_id, Measurement.measured_on, Measurement.id)
    )
    found: dict[int, list[Weighing]] = {}
    for r in rows:
        found.setdefault(r.person_id, []).append(
            Weighing(r.id, r.measured_on, r.weight_kg or 0.0, r.growth_status, r.two_t)
        )
    return found


def first_coordinator_id(tx: Tx) -> int | None:
    """The first active coordinator, else the first active cadre: who an import is entered by
    when it runs without a login (the command line)."""
    return tx.scalar(
        select(Cadre.id)
        .where(Cadre.active.is_(True))
        .order_by(Cadre.is_coordinator.desc(), Cadre.id)
        .limit(1)
    )


def add_measurements(tx: Tx, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert measurements given as column values (see `columns_of`) with their audit events,
    in one statement each; their ids in order."""
    if not rows:
        return []
    rows = [{"uid": new_uid(), "corrections": 0, **row} for row in rows]
    ids = list(
        tx.scalars(
            insert(Measurement).returning(Measurement.id, sort_by_parameter_order=True), rows
        )
    )
    cadre_id, reason = tx.info.get(CADRE), tx.info.get(REASON)
    events = [
        {
            "cadre_id": cadre_id,
            "action": AuditAction.CREATE,
            "table_name": Measurement.__tablename__,
            "row_id": row_id,
            "changes": json.dumps(
                {k: plain(v) for k, v in row.items()} | {"id": row_id},
                ensure_ascii=False,
                sort_keys=True,
            ),
            "reason": reason,
        }
        for row_id, row in zip(ids, rows, strict=True)
    ]
    tx.execute(insert(AuditEvent), events)
    return ids

"""What an import needs from the registry in a few statements, and its rows written in bulk.

A bulk Core insert bypasses the flush that writes audit events (store/audit.py): the imported
measurements get their CREATE events here, in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, func, select

from posyandu_desktop.domain.vocabulary import AuditAction, MeasurementOrigin
from posyandu_desktop.store.audit import CADRE, REASON, plain
from posyandu_desktop.store.columns import utc_now
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.queries.measurements import Weighing
from posyandu_desktop.store.queries.people import name_key
from posyandu_desktop.store.records import PersonRecord
from posyandu_desktop.store.tables import AuditEvent, Cadre, Measurement, Person, new_uid

_AS_IS = frozenset((int, float, str, bool))  # JSON as they are (`plain` leaves them)


def all_people(tx: Tx) -> list[tuple[PersonRecord, str]]:
    """Every person with their name as search compares it (`people.name_key`)."""
    return [(record(PersonRecord, row), row.name_key) for row in tx.scalars(select(Person))]


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


def _insert_many(tx: Tx, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany of rows that all have the same keys, each value converted once by its
    column type's own bind processor (what SQLAlchemy does, without its per-row overhead)."""
    dialect = tx.get_bind().dialect
    names = list(rows[0])
    processors = [table.c[name].type.bind_processor(dialect) for name in names]
    statement = "INSERT INTO {} ({}) VALUES ({})".format(
        table.name, ", ".join(names), ", ".join("?" * len(names))
    )
    tx.connection().exec_driver_sql(
        statement,
        [
            tuple(
                row[name] if convert is None or row[name] is None else convert(row[name])
                for name, convert in zip(names, processors, strict=True)
            )
            for row in rows
        ],
    )


def _add_audited(
    tx: Tx, table: type[Person | Measurement], rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert rows with ids counted on from the largest (the write transaction holds the file),
    one executemany each for the rows and their CREATE audit events; the new ids in order."""
    if not rows:
        return []
    first = (tx.scalar(select(func.max(table.id))) or 0) + 1
    now = utc_now()
    created = "entered_at" if table is Measurement else "created_at"
    rows = [{"id": first + i, "uid": new_uid(), created: now, **row} for i, row in enumerate(rows)]
    _insert_many(tx, cast(Table, table.__table__), rows)
    cadre_id, reason = tx.info.get(CADRE), tx.info.get(REASON)
    _insert_many(
        tx,
        cast(Table, AuditEvent.__table__),
        [
            {
                "at": now,
                "cadre_id": cadre_id,
                "action": AuditAction.CREATE,
                "table_name": table.__tablename__,
                "row_id": row["id"],
                "changes": json.dumps(
                    {
                        k: v if type(v) in _AS_IS else plain(v)
                        for k, v in row.items()
                        if v is not None
                    },
                    ensure_ascii=False,
                    sort_keys=True,
                ),
                "reason": reason,
            }
            for row in rows
        ],
    )
    return [row["id"] for row in rows]


def add_people(tx: Tx, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert people given as column values (name, sex, birth_date, nik, ...), with their
    audit events; their ids in order."""
    return _add_audited(
        tx, Person, [{"name_key": name_key(r["name"]), "pregnant": False, **r} for r in rows]
    )


def add_measurements(tx: Tx, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert measurements given as column values (see `measurements.columns_of`), with their
    audit events; their ids in order."""
    return _add_audited(tx, Measurement, [{"corrections": 0, **r} for r in rows])


def set_origin(tx: Tx, measurement_id: int, origin: MeasurementOrigin) -> None:
    """Mark a measurement as taken elsewhere (audited as an update)."""
    tx.get_one(Measurement, measurement_id).origin = origin
    tx.flush()

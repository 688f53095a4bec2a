"""What a monthly export carries, read from the audit trail, and the ledger of exports written.

An export covers the audit events (after, upto]: every row of `EXPORTED_TABLES` that one of
those events touched, in its state now, plus the ids deleted in the window (and, for tables
with a uid, the uids of the deleted rows). Call `audit_head` and `changes_since` in the same
transaction, so "now" is the state at `upto`. Replaying the windows in order (delete the ids,
then put the rows by id) rebuilds `all_rows`. Rows are the frozen records of
domain/export_contract.py, one per table, whose fields are the file's columns.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, Table, func, select

from posyandu_desktop.domain.export_contract import (
    EXPORTED_TABLES,
    RECORDS,
    ExportRow,
    Value,
    column_names,
)
from posyandu_desktop.domain.vocabulary import AuditAction
from posyandu_desktop.store.audit import plain
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import Changes, ExportCopyEntry, ExportEntry
from posyandu_desktop.store.tables import AuditEvent, Base, ExportCopy, ExportLedger

# Re-exported: the tables are the file's contract (domain/export_contract.py).
__all__ = ["EXPORTED_TABLES"]

# SQLite allows 32,766 bound parameters per statement; stay far below it.
_IDS_PER_QUERY = 500

R = TypeVar("R", bound=ExportRow)


def _table(name: str) -> Table:
    if name not in EXPORTED_TABLES:
        raise ValueError(f"{name!r} is not an exported table")
    return Base.metadata.tables[name]


def _value(value: Any) -> Value:
    """A stored value as the contract types it: codes for enums, a sorted tuple of codes for a
    set of desks; dates and times stay dates and times."""
    if isinstance(value, frozenset):
        return tuple(sorted(plain(v) for v in value))
    return value if isinstance(value, date) else plain(value)


def _rows(tx: Tx, record: type[R], where: ColumnElement[bool] | None = None) -> list[R]:
    source = _table(record.table)
    # Every column of the record, contact numbers included: the writer leaves them out.
    query: Select[Any] = select(*(source.c[n] for n in column_names(record.table)))
    query = query.order_by(source.c.id)
    if where is not None:
        query = query.where(where)
    # Core rows, not ORM objects: the column types still turn stored codes into enums and
    # aware datetimes, without an identity map (half the time of ORM objects for a demo
    # year's measurements).
    return [record(*map(_value, row)) for row in tx.execute(query)]


def _window(table: str, after: int, upto: int) -> ColumnElement[bool]:
    return (AuditEvent.table_name == table) & (AuditEvent.id > after) & (AuditEvent.id <= upto)


def audit_head(tx: Tx) -> int:
    """The newest audit event id (0 when there is none); the trail is append-only, so ids
    only grow and one number marks how far an export reached."""
    return tx.scalar(select(func.max(AuditEvent.id))) or 0


def _deleted_uids(tx: Tx, table: str, after: int, upto: int) -> list[str]:
    """The uids of rows of `table` deleted in (after, upto] that no longer exist, in the
    order of their ids. A DELETE event holds every column of the row it removed."""
    source = _table(table)
    events = tx.scalars(
        select(AuditEvent.changes)
        .where(_window(table, after, upto), AuditEvent.action == AuditAction.DELETE)
        .order_by(AuditEvent.row_id, AuditEvent.id)
    )
    # Parsed here rather than with SQLite's json_extract: not every SQLite a laptop runs has it.
    named = (json.loads(changes).get("uid") for changes in events)
    uids = list(dict.fromkeys(uid for uid in named if uid is not None))
    # Existence by uid, not id: a reused id is a new row, and the old uid is still gone.
    alive: set[str] = set()
    for start in range(0, len(uids), _IDS_PER_QUERY):
        chunk = uids[start : start + _IDS_PER_QUERY]
        alive.update(tx.scalars(select(source.c.uid).where(source.c.uid.in_(chunk))))
    return [uid for uid in uids if uid not in alive]


def changes_since(tx: Tx, after: int, upto: int) -> Changes:
    """The rows touched by audit events (after, upto] in their current state, and the ids
    deleted in that window that no longer exist (one query per table and kind), with their
    uids for the tables that have a uid column."""
    rows: dict[str, list[ExportRow]] = {}
    deleted: dict[str, list[int]] = {}
    deleted_uids: dict[str, list[str]] = {}
    for kind in RECORDS:
        table = kind.table
        source = _table(table)
        touched = select(AuditEvent.row_id).where(_window(table, after, upto))
        rows[table] = list(_rows(tx, kind, source.c.id.in_(touched)))
        gone = (
            select(AuditEvent.row_id)
            .distinct()
            .where(
                _window(table, after, upto),
                AuditEvent.action == AuditAction.DELETE,
                AuditEvent.row_id.not_in(select(source.c.id)),
            )
            .order_by(AuditEvent.row_id)
        )
        deleted[table] = list(tx.scalars(gone))
        if "uid" in source.c:
            deleted_uids[table] = _deleted_uids(tx, table, after, upto)
    return Changes(rows, deleted, deleted_uids)


def all_rows(tx: Tx) -> dict[str, list[ExportRow]]:
    """Every current row of every exported table, in the shape `changes_since` gives."""
    return {kind.table: list(_rows(tx, kind)) for kind in RECORDS}


def rows_by_id(tx: Tx, record: type[R], ids: Collection[int]) -> list[R]:
    """The rows of `record`'s table with these ids (those that exist), ordered by id."""
    wanted = sorted(set(ids))
    id_column = _table(record.table).c.id
    found: list[R] = []
    for start in range(0, len(wanted), _IDS_PER_QUERY):
        found += _rows(tx, record, id_column.in_(wanted[start : start + _IDS_PER_QUERY]))
    return found


def _entry(row: ExportLedger) -> ExportEntry:
    return record(ExportEntry, row, counts=json.loads(row.counts))


def exports(tx: Tx, posyandu_id: int) -> tuple[ExportEntry, ...]:
    """Every export of a Posyandu, by period then revision."""
    rows = tx.scalars(
        select(ExportLedger)
        .where(ExportLedger.posyandu_id == posyandu_id)
        .order_by(ExportLedger.period, ExportLedger.revision)
    )
    return tuple(_entry(row) for row in rows)


def withdraw_exports(tx: Tx, posyandu_id: int, period: str, when: datetime) -> int:
    """Mark every export of `period` withdrawn; returns how many were still in force."""
    rows = tx.scalars(
        select(ExportLedger).where(
            ExportLedger.posyandu_id == posyandu_id,
            ExportLedger.period == period,
            ExportLedger.withdrawn_at.is_(None),
        )
    ).all()
    for row in rows:
        row.withdrawn_at = when
    return len(rows)


def add_export(
    tx: Tx,
    *,
    posyandu_id: int,
    period: str,
    revision: int,
    file_name: str,
    file_sha256: str,
    manifest_sha256: str,
    previous_manifest_sha256: str | None,
    audit_after: int,
    audit_upto: int,
    counts: Mapping[str, int],
    created_at: datetime,
    created_by: int | None,
) -> ExportEntry:
    """Record an export written; a second entry for the same period and revision is refused
    by the database (StorageError from the transaction)."""
    row = ExportLedger(
        posyandu_id=posyandu_id,
        period=period,
        revision=revision,
        file_name=file_name,
        file_sha256=file_sha256,
        manifest_sha256=manifest_sha256,
        previous_manifest_sha256=previous_manifest_sha256,
        audit_after=audit_after,
        audit_upto=audit_upto,
        counts=json.dumps(dict(counts), sort_keys=True),
        created_at=created_at,
        created_by=created_by,
    )
    tx.add(row)
    tx.flush()
    return _entry(row)


def add_copy(
    tx: Tx, export_id: int, destination: str, copied_at: datetime, verified: bool
) -> ExportCopyEntry:
    """Record a copy of an export written to `destination` (a drive, a folder)."""
    row = ExportCopy(
        export_id=export_id, destination=destination, copied_at=copied_at, verified=verified
    )
    tx.add(row)
    tx.flush()
    return record(ExportCopyEntry, row)


def copies(tx: Tx, export_id: int) -> tuple[ExportCopyEntry, ...]:
    """The copies of one export, oldest first."""
    rows = tx.scalars(
        select(ExportCopy)
        .where(ExportCopy.export_id == export_id)
        .order_by(ExportCopy.copied_at, ExportCopy.id)
    )
    return tuple(record(ExportCopyEntry, row) for row in rows)


def all_copies(tx: Tx) -> tuple[ExportCopyEntry, ...]:
    """Every copy of every export, oldest first."""
    rows = tx.scalars(select(ExportCopy).order_by(ExportCopy.copied_at, ExportCopy.id))
    return tuple(record(ExportCopyEntry, row) for row in rows)

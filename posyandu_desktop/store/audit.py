"""Every row created, changed or deleted through a `Database.transaction()` gets an AuditEvent,
written by the flush itself in the same transaction: the change and its trail commit together or
not at all, and no store function can forget to write one.

Who and why come from the transaction (`transaction(cadre_id=..., reason=...)`). Only ORM flushes
are seen: a bulk Core insert bypasses this and must write its own event.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    LengthHeightForAgeCategory,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.vocabulary import AuditAction
from posyandu_desktop.store.columns import category_code
from posyandu_desktop.store.tables import AuditEvent, Base

# Keys of Session.info set by Database.transaction().
CADRE = "audit_cadre_id"
REASON = "audit_reason"

_CATEGORIES = (
    WeightForAgeCategory,
    LengthHeightForAgeCategory,
    WeightForLengthHeightCategory,
    BmiForAge5To18Category,
)


def record_changes_of(sessions: sessionmaker[Session]) -> None:
    """Write audit events for every flush of sessions made by `sessions`."""
    event.listen(sessions, "after_flush", _after_flush)


def plain(value: Any) -> Any:
    """A column value as JSON: dates as ISO text, enums as their stored value."""
    if isinstance(value, _CATEGORIES):
        return category_code(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(plain(v) for v in value)
    return value


def _columns(obj: Base) -> dict[str, Any]:
    state = inspect(obj)
    loaded = state.dict  # never triggers a load (a deleted row can no longer be read)
    return {a.key: plain(loaded.get(a.key)) for a in state.mapper.column_attrs}


def _changed(obj: Base) -> dict[str, Any]:
    # The old values are known: store functions load a row before they change it.
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.added:
            old = history.deleted[0] if history.deleted else None
            new = history.added[0]
            if old != new:
                changes[attr.key] = [plain(old), plain(new)]
    return changes


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    # In after_flush the new/dirty/deleted sets and attribute histories still describe what this
    # flush wrote, and new rows already have their ids.
    cadre_id, reason = session.info.get(CADRE), session.info.get(REASON)
    rows: list[dict[str, Any]] = []

    def add(obj: object, action: AuditAction, changes: dict[str, Any]) -> None:
        if isinstance(obj, Base) and not isinstance(obj, AuditEvent) and changes:
            rows.append(
                {
                    "cadre_id": cadre_id,
                    "action": action,
                    "table_name": obj.__tablename__,
                    "row_id": inspect(obj).dict["id"],
                    "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
                    "reason": reason,
                }
            )

    for obj in session.new:
        add(obj, AuditAction.CREATE, _columns(obj))
    for obj in session.dirty:
        add(obj, AuditAction.UPDATE, _changed(obj))
    for obj in session.deleted:
        add(obj, AuditAction.DELETE, _columns(obj))
    if rows:
        session.connection().execute(insert(AuditEvent), rows)

"""Reading the audit trail (written by store/audit.py, never by hand)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select

from posyandu_desktop.domain.vocabulary import AuditAction
from posyandu_desktop.store import audit
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import AuditRecord
from posyandu_desktop.store.tables import AuditEvent, ExportLedger

# The audit trail's "table" for answers about the laptop's clock (no row of any table).
CLOCK = "clock"


def trail(tx: Tx, table_name: str, row_id: int) -> tuple[AuditRecord, ...]:
    """Every event of one row, oldest first."""
    rows = tx.scalars(
        select(AuditEvent)
        .where(AuditEvent.table_name == table_name, AuditEvent.row_id == row_id)
        .order_by(AuditEvent.id)
    )
    return tuple(record(AuditRecord, row, changes=json.loads(row.changes)) for row in rows)


def newest_time(tx: Tx) -> datetime | None:
    """When the newest record change or export was written (by the laptop's clock then)."""
    audit = tx.scalar(select(func.max(AuditEvent.at)))
    export = tx.scalar(select(func.max(ExportLedger.created_at)))
    return max((t for t in (audit, export) if t is not None), default=None)


def record_clock_answer(tx: Tx, *, laptop_time: datetime, newest: datetime, right: bool) -> None:
    """Note in the trail that the cadre was asked whether the laptop's date was right (the
    laptop's date was before the newest record, or far after it) and what she answered."""
    changes = {"laptop_time": laptop_time.isoformat(), "newest": newest.isoformat()}
    tx.add(
        AuditEvent(
            cadre_id=tx.info.get(audit.CADRE),
            action=AuditAction.UPDATE,
            table_name=CLOCK,
            row_id=0,
            changes=json.dumps({**changes, "confirmed": right}),
            reason=tx.info.get(audit.REASON),
        )
    )
    tx.flush()

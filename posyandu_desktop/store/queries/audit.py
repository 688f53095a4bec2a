"""Reading the audit trail (written by store/audit.py, never by hand)."""

from __future__ import annotations

import json

from sqlalchemy import select

from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.records import AuditRecord
from posyandu_desktop.store.tables import AuditEvent


def trail(tx: Tx, table_name: str, row_id: int) -> tuple[AuditRecord, ...]:
    """Every event of one row, oldest first."""
    rows = tx.scalars(
        select(AuditEvent)
        .where(AuditEvent.table_name == table_name, AuditEvent.row_id == row_id)
        .order_by(AuditEvent.id)
    )
    return tuple(record(AuditRecord, row, changes=json.loads(row.changes)) for row in rows)

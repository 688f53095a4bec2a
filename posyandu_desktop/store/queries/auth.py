"""Who may log in: active cadres, their PIN hashes and the coordinator flag."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select, update

from posyandu_desktop.domain.vocabulary import AuditAction, CadreRole
from posyandu_desktop.store import audit
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import AuditEvent, Cadre


@dataclass(frozen=True, slots=True)
class LoginCadre:
    """A cadre as the login list shows them; never carries the hash itself."""

    id: int
    name: str
    role: CadreRole
    is_coordinator: bool
    has_pin: bool


def login_cadres(tx: Tx, posyandu_id: int) -> tuple[LoginCadre, ...]:
    """The Posyandu's active cadres by name."""
    rows = tx.execute(
        select(Cadre.id, Cadre.name, Cadre.role, Cadre.is_coordinator, Cadre.pin_hash)
        .where(Cadre.posyandu_id == posyandu_id, Cadre.active.is_(True))
        .order_by(Cadre.name, Cadre.id)
    )
    return tuple(
        LoginCadre(id_, name, role, is_coordinator, pin_hash is not None)
        for id_, name, role, is_coordinator, pin_hash in rows
    )


def pin_hash(tx: Tx, cadre_id: int) -> str | None:
    """The stored PIN hash of a cadre (None: no PIN yet, or no such cadre)."""
    return tx.scalar(select(Cadre.pin_hash).where(Cadre.id == cadre_id))


def set_pin_hash(tx: Tx, cadre_id: int, hashed: str | None) -> None:
    """Store a new PIN hash (None: the next login sets a new PIN). The audit event says that
    the PIN changed, never the hash: the append-only trail would otherwise keep every old hash
    for an offline guesser."""
    # A Core UPDATE is not seen by audit.record_changes_of, so this writes its own event.
    tx.execute(update(Cadre).where(Cadre.id == cadre_id).values(pin_hash=hashed))
    tx.add(
        AuditEvent(
            cadre_id=tx.info.get(audit.CADRE),
            action=AuditAction.UPDATE,
            table_name=Cadre.__tablename__,
            row_id=cadre_id,
            changes=json.dumps({"pin_hash": "changed" if hashed else "cleared"}),
            reason=tx.info.get(audit.REASON),
        )
    )
    tx.flush()


def set_coordinator(tx: Tx, cadre_id: int, is_coordinator: bool) -> None:
    """Mark a cadre as coordinator or not (audited like any ORM change)."""
    row = tx.get_one(Cadre, cadre_id)
    row.is_coordinator = is_coordinator
    tx.flush()

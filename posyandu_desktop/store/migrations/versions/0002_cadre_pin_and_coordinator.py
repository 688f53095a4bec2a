"""Cadres log in with a PIN, and one of them coordinates (manages cadres and settings).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Forward-only, batch mode. Registries from 0001 had no coordinator: their chair (ketua) becomes
the coordinator, so an upgraded laptop is never left with nobody allowed to change settings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cadre") as batch:
        batch.add_column(sa.Column("pin_hash", sa.String(length=200), nullable=True))
        batch.add_column(
            sa.Column("is_coordinator", sa.Boolean(), server_default=sa.text("0"), nullable=False)
        )
    op.execute("UPDATE cadre SET is_coordinator = 1 WHERE role = 'chair' AND active = 1")


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

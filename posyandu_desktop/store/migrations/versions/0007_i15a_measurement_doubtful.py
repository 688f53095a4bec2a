"""Doubtful values: the quantities of a measurement saved as "diragukan".

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Forward-only and additive: one text column with a server default of "" (plain ADD COLUMN, no
batch mode). Measurements saved before keep "" (valid) until corrected; the app judges a value
again whenever it is corrected.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "measurement",
        sa.Column("doubtful", sa.String(length=120), nullable=False, server_default=""),
    )


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

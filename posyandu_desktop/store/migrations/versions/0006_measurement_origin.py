"""Measurements brought in from an e-PPGBM export or a register, or copied from the KMS page.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Forward-only. One nullable column added to measurement (plain ADD COLUMN, no batch mode):
every measurement saved before was taken at the Posyandu and keeps origin NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("measurement", sa.Column("origin", sa.String(length=12), nullable=True))


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

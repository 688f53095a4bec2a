"""Why a person left the Posyandu's area: moved away or died.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Forward-only, after 0007 (the ILP forms and services). One
nullable column added to person (plain ADD COLUMN, no batch mode): people
who left before keep left_on with no reason.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("person", sa.Column("left_reason", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

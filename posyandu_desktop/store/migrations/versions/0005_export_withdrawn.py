"""A month exported under a wrong clock can be withdrawn: the ledger row keeps when.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-07

Forward-only. One nullable column added to export_ledger (plain ADD COLUMN, no batch mode):
every existing export stays in force. A withdrawn export no longer counts as the base of the
next one, and the next file tells the puskesmas (docs/DECISIONS.md, "Withdrawing a month").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("export_ledger", sa.Column("withdrawn_at", sa.DateTime(), nullable=True))

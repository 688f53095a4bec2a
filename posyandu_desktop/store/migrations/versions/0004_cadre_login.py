"""Failed PIN tries, the wait after them, and one-time codes for a first PIN, per cadre.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Forward-only. One new table, so no batch mode is needed and no existing row changes. It sits
apart from `cadre` because `cadre` travels in the monthly export and none of this may.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cadre_login",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("failed_tries", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("wait_until", sa.DateTime(), nullable=True),
        sa.Column("code_hash", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_login_cadre_id_cadre")
        ),
        sa.PrimaryKeyConstraint("cadre_id", name=op.f("pk_cadre_login")),
    )


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

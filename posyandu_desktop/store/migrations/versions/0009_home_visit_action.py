"""What a home visit did: counselling, PMT, referral (one row each).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Forward-only and additive: one new table; nothing existing changes. (Chained after 0007 of
the doubtful values, which this branch already holds; re-chain freely.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "home_visit_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("home_visit_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=11), nullable=False),
        sa.CheckConstraint(
            "action IN ('counselling', 'pmt', 'referral')",
            name=op.f("ck_home_visit_action_action"),
        ),
        sa.ForeignKeyConstraint(
            ["home_visit_id"],
            ["home_visit.id"],
            name=op.f("fk_home_visit_action_home_visit_id_home_visit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_visit_action")),
        sa.UniqueConstraint(
            "home_visit_id", "action", name=op.f("uq_home_visit_action_home_visit_id_action")
        ),
    )
    op.create_index(
        op.f("ix_home_visit_action_home_visit_id"),
        "home_visit_action",
        ["home_visit_id"],
        unique=False,
    )


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

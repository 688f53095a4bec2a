"""Cadre competence (skill assessments, certificate numbers) and the chosen KMS version.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Forward-only and additive: one new table, two nullable columns (plain ADD COLUMN, no batch
mode). Existing certificates keep no number; every Posyandu keeps the default KMS version.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("posyandu", sa.Column("kbm_version", sa.String(length=40), nullable=True))
    op.add_column("cadre_certificate", sa.Column("number", sa.String(length=60), nullable=True))
    op.create_table(
        "cadre_skill_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=10), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor", sa.String(length=100), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_skill_assessment_cadre_id_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["cadre.id"], name=op.f("fk_cadre_skill_assessment_entered_by_cadre")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_skill_assessment")),
    )
    op.create_index(
        op.f("ix_cadre_skill_assessment_cadre_id"),
        "cadre_skill_assessment",
        ["cadre_id"],
        unique=False,
    )


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

"""The export ledger: every monthly export file written on this laptop, and its copies.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Forward-only. Two new tables, so no batch mode is needed (nothing existing is altered), and no
existing row changes: a registry upgraded from 0002 has exported nothing yet, so its first
export covers the whole audit trail. Types written out as plain SQLAlchemy types, as in 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("previous_manifest_sha256", sa.String(length=64), nullable=True),
        sa.Column("audit_after", sa.Integer(), nullable=False),
        sa.Column("audit_upto", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("revision > 0", name=op.f("ck_export_ledger_revision")),
        sa.CheckConstraint(
            "period GLOB '[0-9][0-9][0-9][0-9]-0[1-9]'"
            " OR period GLOB '[0-9][0-9][0-9][0-9]-1[0-2]'",
            name=op.f("ck_export_ledger_period"),
        ),
        sa.CheckConstraint(
            "audit_after >= 0 AND audit_upto >= audit_after",
            name=op.f("ck_export_ledger_audit_window"),
        ),
        sa.ForeignKeyConstraint(
            ["posyandu_id"], ["posyandu.id"], name=op.f("fk_export_ledger_posyandu_id_posyandu")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["cadre.id"], name=op.f("fk_export_ledger_created_by_cadre")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_ledger")),
        sa.UniqueConstraint(
            "posyandu_id",
            "period",
            "revision",
            name=op.f("uq_export_ledger_posyandu_id_period_revision"),
        ),
    )

    op.create_table(
        "export_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("export_id", sa.Integer(), nullable=False),
        sa.Column("destination", sa.Text(), nullable=False),
        sa.Column("copied_at", sa.DateTime(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"], ["export_ledger.id"], name=op.f("fk_export_copy_export_id_export_ledger")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_copy")),
    )
    op.create_index("ix_export_copy_export_id", "export_copy", ["export_id"], unique=False)


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

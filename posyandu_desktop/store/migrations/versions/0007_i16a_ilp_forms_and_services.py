"""The ILP life-stage forms and the Pelayanan desk: laboratory strips, questionnaires, the code
of a service and two new service kinds.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Forward-only and additive. measurement gets three nullable values with their sources (plain ADD
COLUMN); the new table health_check holds the questionnaires; service_given gets a nullable
`code`, and its `kind` CHECK is widened to breastfeeding and family_planning (SQLite cannot
alter a CHECK: the table is rebuilt in batch mode, rows kept; it has no triggers).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SOURCE = sa.String(length=15)  # MeasurementSource values
_KINDS = (
    "'vitamin_a', 'deworming', 'iron_tablets', 'pmt', 'immunisation', 'referral', "
    "'breastfeeding', 'family_planning'"
)


def upgrade() -> None:
    for value, source in (
        ("haemoglobin_g_dl", "haemoglobin_source"),
        ("cholesterol_mg_dl", "cholesterol_source"),
        ("uric_acid_mg_dl", "uric_acid_source"),
    ):
        op.add_column("measurement", sa.Column(value, sa.Float(), nullable=True))
        op.add_column("measurement", sa.Column(source, _SOURCE, nullable=True))

    with op.batch_alter_table("service_given", recreate="always") as batch:
        batch.add_column(sa.Column("code", sa.String(length=24), nullable=True))
        batch.alter_column("kind", type_=sa.String(length=15), existing_nullable=False)
        batch.drop_constraint(op.f("ck_service_given_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_service_given_kind"), f"kind IN ({_KINDS})")

    op.create_table(
        "health_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("measurement_id", sa.Integer(), nullable=True),
        sa.Column("day_id", sa.Integer(), nullable=True),
        sa.Column("home_visit_id", sa.Integer(), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("tb_symptoms", sa.String(length=120), nullable=True),
        sa.Column("tb_presumptive", sa.Boolean(), nullable=True),
        sa.Column("hpht", sa.Date(), nullable=True),
        sa.Column("gestational_weeks", sa.Integer(), nullable=True),
        sa.Column("pregnancy_class", sa.Boolean(), nullable=True),
        sa.Column("danger_signs", sa.String(length=200), nullable=True),
        sa.Column("adolescent_risks", sa.String(length=200), nullable=True),
        sa.Column("smoking", sa.String(length=7), nullable=True),
        sa.Column("pack_years", sa.Float(), nullable=True),
        sa.Column("puma_symptoms", sa.String(length=120), nullable=True),
        sa.Column("puma_score", sa.Integer(), nullable=True),
        sa.Column("barthel_items", sa.String(length=200), nullable=True),
        sa.Column("barthel_score", sa.Integer(), nullable=True),
        sa.Column("dependency", sa.String(length=11), nullable=True),
        sa.CheckConstraint(
            "day_id IS NULL OR home_visit_id IS NULL",
            name=op.f("ck_health_check_posyandu_day_or_visit"),
        ),
        sa.CheckConstraint(
            "puma_score IS NULL OR puma_score BETWEEN 0 AND 9",
            name=op.f("ck_health_check_puma_score"),
        ),
        sa.CheckConstraint(
            "barthel_score IS NULL OR barthel_score BETWEEN 0 AND 20",
            name=op.f("ck_health_check_barthel_score"),
        ),
        sa.CheckConstraint(
            "smoking IN ('never', 'former', 'current')", name=op.f("ck_health_check_smoking")
        ),
        sa.CheckConstraint(
            "dependency IN ('independent', 'mild', 'moderate', 'severe', 'total')",
            name=op.f("ck_health_check_dependency"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_health_check_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["measurement_id"],
            ["measurement.id"],
            name=op.f("fk_health_check_measurement_id_measurement"),
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["posyandu_day.id"], name=op.f("fk_health_check_day_id_posyandu_day")
        ),
        sa.ForeignKeyConstraint(
            ["home_visit_id"],
            ["home_visit.id"],
            name=op.f("fk_health_check_home_visit_id_home_visit"),
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["cadre.id"], name=op.f("fk_health_check_entered_by_cadre")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_check")),
        sa.UniqueConstraint("uid", name=op.f("uq_health_check_uid")),
    )
    op.create_index(op.f("ix_health_check_day_id"), "health_check", ["day_id"], unique=False)
    op.create_index(
        op.f("ix_health_check_measurement_id"), "health_check", ["measurement_id"], unique=False
    )
    op.create_index(
        "ix_health_check_person_id_checked_on",
        "health_check",
        ["person_id", "checked_on"],
        unique=False,
    )


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

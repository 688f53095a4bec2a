"""The first schema: Posyandu, cadres, households, people, days, arrivals, attendance,
measurements, services given, home visits and the append-only audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Reviewed autogenerate output, frozen: plain SQLAlchemy types instead of the app's column types,
and each enum's allowed values written out in its CHECK, so later changes to the Python enums
need a new migration instead of silently changing this one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# store/tables.py AUDIT_TRIGGERS as of this revision.
_AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
)


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=6), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "action IN ('create', 'update', 'delete')", name=op.f("ck_audit_event_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(
        "ix_audit_event_table_name_row_id", "audit_event", ["table_name", "row_id"], unique=False
    )

    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("head_name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("rt", sa.Integer(), nullable=True),
        sa.Column("rw", sa.Integer(), nullable=True),
        sa.Column("kelurahan", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("rt IS NULL OR rt BETWEEN 1 AND 999", name=op.f("ck_household_rt")),
        sa.CheckConstraint("rw IS NULL OR rw BETWEEN 1 AND 999", name=op.f("ck_household_rw")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("uid", name=op.f("uq_household_uid")),
    )
    op.create_index("ix_household_rw_rt", "household", ["rw", "rt"], unique=False)

    op.create_table(
        "posyandu",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("kelurahan", sa.String(length=60), nullable=False),
        sa.Column("kecamatan", sa.String(length=60), nullable=False),
        sa.Column("kota", sa.String(length=60), nullable=False),
        sa.Column("puskesmas", sa.String(length=100), nullable=False),
        sa.Column("venue", sa.String(length=14), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "venue IN ('own_building', 'resident_house', 'other')", name=op.f("ck_posyandu_venue")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posyandu")),
        sa.UniqueConstraint("code", name=op.f("uq_posyandu_code")),
    )
    op.create_table(
        "cadre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=9), nullable=False),
        sa.Column("training_grade", sa.String(length=5), nullable=True),
        sa.Column("bpjs_ketenagakerjaan", sa.String(length=20), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["posyandu_id"], ["posyandu.id"], name=op.f("fk_cadre_posyandu_id_posyandu")
        ),
        sa.CheckConstraint(
            "role IN ('chair', 'secretary', 'treasurer', 'member')", name=op.f("ck_cadre_role")
        ),
        sa.CheckConstraint(
            "training_grade IN ('purwa', 'madya', 'utama')", name=op.f("ck_cadre_training_grade")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre")),
    )
    op.create_index(
        "ix_cadre_nik", "cadre", ["nik"], unique=True, sqlite_where=sa.text("nik IS NOT NULL")
    )
    op.create_index(op.f("ix_cadre_posyandu_id"), "cadre", ["posyandu_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("mother_nik", sa.String(length=16), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("sex", sa.Integer(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("birth_weight_kg", sa.Float(), nullable=True),
        sa.Column("birth_length_cm", sa.Float(), nullable=True),
        sa.Column("mother_id", sa.Integer(), nullable=True),
        sa.Column("father_id", sa.Integer(), nullable=True),
        sa.Column("caregiver_id", sa.Integer(), nullable=True),
        sa.Column("pregnant", sa.Boolean(), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "birth_length_cm IS NULL OR birth_length_cm > 0", name=op.f("ck_person_birth_length")
        ),
        sa.CheckConstraint(
            "birth_weight_kg IS NULL OR birth_weight_kg > 0", name=op.f("ck_person_birth_weight")
        ),
        sa.CheckConstraint(
            "mother_id IS NULL OR mother_id <> id", name=op.f("ck_person_not_own_mother")
        ),
        sa.CheckConstraint("sex IN (1, 2)", name=op.f("ck_person_sex")),
        sa.ForeignKeyConstraint(
            ["caregiver_id"], ["person.id"], name=op.f("fk_person_caregiver_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["father_id"], ["person.id"], name=op.f("fk_person_father_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_person_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["mother_id"], ["person.id"], name=op.f("fk_person_mother_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("uid", name=op.f("uq_person_uid")),
    )
    op.create_index(op.f("ix_person_birth_date"), "person", ["birth_date"], unique=False)
    op.create_index(op.f("ix_person_household_id"), "person", ["household_id"], unique=False)
    op.create_index(op.f("ix_person_mother_id"), "person", ["mother_id"], unique=False)
    op.create_index(op.f("ix_person_mother_nik"), "person", ["mother_nik"], unique=False)
    op.create_index(
        "ix_person_name_key_birth_date", "person", ["name_key", "birth_date"], unique=False
    )
    op.create_index(
        "ix_person_nik", "person", ["nik"], unique=True, sqlite_where=sa.text("nik IS NOT NULL")
    )

    op.create_table(
        "cadre_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_certificate_cadre_id_cadre")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_certificate")),
    )
    op.create_index(
        op.f("ix_cadre_certificate_cadre_id"), "cadre_certificate", ["cadre_id"], unique=False
    )

    op.create_table(
        "home_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR household_id IS NOT NULL",
            name=op.f("ck_home_visit_person_or_household"),
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["cadre.id"], name=op.f("fk_home_visit_entered_by_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_home_visit_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_home_visit_person_id_person")
        ),
        sa.CheckConstraint(
            (
                "reason IN ('absent_from_weighing', 'two_t', 'bgm', 'new_baby', 'pregnant_woman', "
                "'sick_elder', 'other')"
            ),
            name=op.f("ck_home_visit_reason"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_visit")),
        sa.UniqueConstraint("uid", name=op.f("uq_home_visit_uid")),
    )
    op.create_index(
        op.f("ix_home_visit_household_id"), "home_visit", ["household_id"], unique=False
    )
    op.create_index(op.f("ix_home_visit_person_id"), "home_visit", ["person_id"], unique=False)
    op.create_index(op.f("ix_home_visit_visited_on"), "home_visit", ["visited_on"], unique=False)

    op.create_table(
        "posyandu_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(closed_at IS NULL) = (closed_by IS NULL)", name=op.f("ck_posyandu_day_closed_by_whom")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["cadre.id"], name=op.f("fk_posyandu_day_closed_by_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["opened_by"], ["cadre.id"], name=op.f("fk_posyandu_day_opened_by_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["posyandu_id"], ["posyandu.id"], name=op.f("fk_posyandu_day_posyandu_id_posyandu")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posyandu_day")),
        sa.UniqueConstraint(
            "posyandu_id", "held_on", name=op.f("uq_posyandu_day_posyandu_id_held_on")
        ),
        sa.UniqueConstraint("uid", name=op.f("uq_posyandu_day_uid")),
    )
    op.create_index(op.f("ix_posyandu_day_held_on"), "posyandu_day", ["held_on"], unique=False)

    op.create_table(
        "arrival",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("queue_number", sa.Integer(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("desks_passed", sa.Integer(), nullable=False),
        sa.CheckConstraint("desks_passed BETWEEN 0 AND 31", name=op.f("ck_arrival_desks_passed")),
        sa.CheckConstraint("queue_number > 0", name=op.f("ck_arrival_queue_number")),
        sa.ForeignKeyConstraint(
            ["day_id"], ["posyandu_day.id"], name=op.f("fk_arrival_day_id_posyandu_day")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_arrival_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arrival")),
        sa.UniqueConstraint("day_id", "person_id", name=op.f("uq_arrival_day_id_person_id")),
        sa.UniqueConstraint("day_id", "queue_number", name=op.f("uq_arrival_day_id_queue_number")),
    )
    op.create_index(op.f("ix_arrival_person_id"), "arrival", ["person_id"], unique=False)

    op.create_table(
        "cadre_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("desk", sa.String(length=14), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "left_at IS NULL OR left_at >= arrived_at",
            name=op.f("ck_cadre_attendance_left_after_arrival"),
        ),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_attendance_cadre_id_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["posyandu_day.id"], name=op.f("fk_cadre_attendance_day_id_posyandu_day")
        ),
        sa.CheckConstraint(
            "desk IN ('registration', 'measuring', 'recording', 'health_service', 'counselling')",
            name=op.f("ck_cadre_attendance_desk"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_attendance")),
        sa.UniqueConstraint(
            "day_id", "cadre_id", "desk", name=op.f("uq_cadre_attendance_day_id_cadre_id_desk")
        ),
    )
    op.create_index(
        op.f("ix_cadre_attendance_cadre_id"), "cadre_attendance", ["cadre_id"], unique=False
    )

    op.create_table(
        "home_visit_cadre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("home_visit_id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_home_visit_cadre_cadre_id_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["home_visit_id"],
            ["home_visit.id"],
            name=op.f("fk_home_visit_cadre_home_visit_id_home_visit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_visit_cadre")),
        sa.UniqueConstraint(
            "home_visit_id", "cadre_id", name=op.f("uq_home_visit_cadre_home_visit_id_cadre_id")
        ),
    )
    op.create_index(
        op.f("ix_home_visit_cadre_cadre_id"), "home_visit_cadre", ["cadre_id"], unique=False
    )

    op.create_table(
        "measurement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=True),
        sa.Column("home_visit_id", sa.Integer(), nullable=True),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("weight_source", sa.String(length=15), nullable=True),
        sa.Column("lenhei_cm", sa.Float(), nullable=True),
        sa.Column("lenhei_source", sa.String(length=15), nullable=True),
        sa.Column("position", sa.String(length=1), nullable=True),
        sa.Column("headc_cm", sa.Float(), nullable=True),
        sa.Column("headc_source", sa.String(length=15), nullable=True),
        sa.Column("lila_cm", sa.Float(), nullable=True),
        sa.Column("lila_source", sa.String(length=15), nullable=True),
        sa.Column("oedema", sa.Boolean(), nullable=False),
        sa.Column("systolic_mmhg", sa.Integer(), nullable=True),
        sa.Column("diastolic_mmhg", sa.Integer(), nullable=True),
        sa.Column("bp_source", sa.String(length=15), nullable=True),
        sa.Column("waist_cm", sa.Float(), nullable=True),
        sa.Column("waist_source", sa.String(length=15), nullable=True),
        sa.Column("glucose_mg_dl", sa.Float(), nullable=True),
        sa.Column("glucose_source", sa.String(length=15), nullable=True),
        sa.Column("age_days", sa.Integer(), nullable=False),
        sa.Column("waz", sa.Float(), nullable=True),
        sa.Column("haz", sa.Float(), nullable=True),
        sa.Column("whz", sa.Float(), nullable=True),
        sa.Column("baz", sa.Float(), nullable=True),
        sa.Column("hcz", sa.Float(), nullable=True),
        sa.Column("acz", sa.Float(), nullable=True),
        sa.Column("bmi", sa.Float(), nullable=True),
        sa.Column("wfa_category", sa.String(length=40), nullable=True),
        sa.Column("lhfa_category", sa.String(length=40), nullable=True),
        sa.Column("wflh_category", sa.String(length=40), nullable=True),
        sa.Column("bfa_category", sa.String(length=40), nullable=True),
        sa.Column("lila_status", sa.String(length=6), nullable=True),
        sa.Column("growth_status", sa.String(length=1), nullable=True),
        sa.Column("two_t", sa.Boolean(), nullable=False),
        sa.Column("engine_version", sa.String(length=40), nullable=False),
        sa.Column("kbm_version", sa.String(length=40), nullable=True),
        sa.CheckConstraint(
            (
                "bfa_category IS NULL OR bfa_category IN ('wflh.severely_wasted', 'wflh.wasted', "
                "'wflh.normal', 'wflh.possible_risk_of_overweight', 'wflh.overweight', "
                "'wflh.obese', 'bmi518.severely_thin', 'bmi518.thin', 'bmi518.normal', "
                "'bmi518.overweight', 'bmi518.obese')"
            ),
            name=op.f("ck_measurement_bfa_category"),
        ),
        sa.CheckConstraint(
            (
                "lhfa_category IS NULL OR lhfa_category IN ('lhfa.severely_stunted', "
                "'lhfa.stunted', 'lhfa.normal', 'lhfa.tall')"
            ),
            name=op.f("ck_measurement_lhfa_category"),
        ),
        sa.CheckConstraint(
            (
                "wfa_category IS NULL OR wfa_category IN ('wfa.severely_underweight', "
                "'wfa.underweight', 'wfa.normal', 'wfa.risk_of_overweight')"
            ),
            name=op.f("ck_measurement_wfa_category"),
        ),
        sa.CheckConstraint(
            (
                "wflh_category IS NULL OR wflh_category IN ('wflh.severely_wasted', 'wflh.wasted', "
                "'wflh.normal', 'wflh.possible_risk_of_overweight', 'wflh.overweight', "
                "'wflh.obese')"
            ),
            name=op.f("ck_measurement_wflh_category"),
        ),
        sa.CheckConstraint(
            "(glucose_mg_dl IS NULL) = (glucose_source IS NULL)",
            name=op.f("ck_measurement_glucose_mg_dl_has_source"),
        ),
        sa.CheckConstraint(
            "(headc_cm IS NULL) = (headc_source IS NULL)",
            name=op.f("ck_measurement_headc_cm_has_source"),
        ),
        sa.CheckConstraint(
            "(lenhei_cm IS NULL) = (lenhei_source IS NULL)",
            name=op.f("ck_measurement_lenhei_cm_has_source"),
        ),
        sa.CheckConstraint(
            "(lila_cm IS NULL) = (lila_source IS NULL)",
            name=op.f("ck_measurement_lila_cm_has_source"),
        ),
        sa.CheckConstraint(
            "(systolic_mmhg IS NULL) = (bp_source IS NULL)",
            name=op.f("ck_measurement_systolic_mmhg_has_source"),
        ),
        sa.CheckConstraint(
            "(systolic_mmhg IS NULL) = (diastolic_mmhg IS NULL)",
            name=op.f("ck_measurement_bp_both_values"),
        ),
        sa.CheckConstraint(
            "(waist_cm IS NULL) = (waist_source IS NULL)",
            name=op.f("ck_measurement_waist_cm_has_source"),
        ),
        sa.CheckConstraint(
            "(weight_kg IS NULL) = (weight_source IS NULL)",
            name=op.f("ck_measurement_weight_kg_has_source"),
        ),
        sa.CheckConstraint("corrections >= 0", name=op.f("ck_measurement_corrections")),
        sa.CheckConstraint(
            "day_id IS NULL OR home_visit_id IS NULL",
            name=op.f("ck_measurement_posyandu_day_or_home_visit"),
        ),
        sa.CheckConstraint(
            "lenhei_cm IS NULL OR lenhei_cm > 0", name=op.f("ck_measurement_lenhei_positive")
        ),
        sa.CheckConstraint(
            "position IS NULL OR lenhei_cm IS NOT NULL",
            name=op.f("ck_measurement_position_needs_length"),
        ),
        sa.CheckConstraint(
            "weight_kg IS NULL OR weight_kg > 0", name=op.f("ck_measurement_weight_positive")
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["posyandu_day.id"], name=op.f("fk_measurement_day_id_posyandu_day")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["cadre.id"], name=op.f("fk_measurement_entered_by_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["home_visit_id"],
            ["home_visit.id"],
            name=op.f("fk_measurement_home_visit_id_home_visit"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_measurement_person_id_person")
        ),
        sa.CheckConstraint(
            "weight_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_weight_source"),
        ),
        sa.CheckConstraint(
            "lenhei_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_lenhei_source"),
        ),
        sa.CheckConstraint("position IN ('l', 'h')", name=op.f("ck_measurement_position")),
        sa.CheckConstraint(
            "headc_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_headc_source"),
        ),
        sa.CheckConstraint(
            "lila_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_lila_source"),
        ),
        sa.CheckConstraint(
            "bp_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_bp_source"),
        ),
        sa.CheckConstraint(
            "waist_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_waist_source"),
        ),
        sa.CheckConstraint(
            "glucose_source IN ('typed', 'serial_scale', 'bluetooth_scale')",
            name=op.f("ck_measurement_glucose_source"),
        ),
        sa.CheckConstraint(
            "lila_status IN ('kek', 'sam', 'mam', 'normal')",
            name=op.f("ck_measurement_lila_status"),
        ),
        sa.CheckConstraint(
            "growth_status IN ('N', 'T', 'O', 'B')", name=op.f("ck_measurement_growth_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement")),
        sa.UniqueConstraint("uid", name=op.f("uq_measurement_uid")),
    )
    op.create_index(op.f("ix_measurement_day_id"), "measurement", ["day_id"], unique=False)
    op.create_index(
        op.f("ix_measurement_home_visit_id"), "measurement", ["home_visit_id"], unique=False
    )
    op.create_index(
        op.f("ix_measurement_measured_on"), "measurement", ["measured_on"], unique=False
    )
    op.create_index(
        "ix_measurement_person_id_measured_on",
        "measurement",
        ["person_id", "measured_on", "weight_kg"],
        unique=False,
    )

    op.create_table(
        "service_given",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=True),
        sa.Column("home_visit_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("capsule", sa.String(length=4), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("from_kia_book", sa.Boolean(), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'vitamin_a') = (capsule IS NOT NULL)",
            name=op.f("ck_service_given_capsule_only_for_vitamin_a"),
        ),
        sa.CheckConstraint(
            "day_id IS NULL OR home_visit_id IS NULL",
            name=op.f("ck_service_given_posyandu_day_or_visit"),
        ),
        sa.CheckConstraint(
            "quantity IS NULL OR quantity > 0", name=op.f("ck_service_given_quantity")
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["posyandu_day.id"], name=op.f("fk_service_given_day_id_posyandu_day")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["cadre.id"], name=op.f("fk_service_given_entered_by_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["home_visit_id"],
            ["home_visit.id"],
            name=op.f("fk_service_given_home_visit_id_home_visit"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_service_given_person_id_person")
        ),
        sa.CheckConstraint(
            "kind IN ('vitamin_a', 'deworming', 'iron_tablets', 'pmt', 'immunisation', 'referral')",
            name=op.f("ck_service_given_kind"),
        ),
        sa.CheckConstraint("capsule IN ('blue', 'red')", name=op.f("ck_service_given_capsule")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_given")),
        sa.UniqueConstraint("uid", name=op.f("uq_service_given_uid")),
    )
    op.create_index(op.f("ix_service_given_day_id"), "service_given", ["day_id"], unique=False)
    op.create_index(
        "ix_service_given_person_id_kind_given_on",
        "service_given",
        ["person_id", "kind", "given_on"],
        unique=False,
    )

    for trigger in _AUDIT_TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

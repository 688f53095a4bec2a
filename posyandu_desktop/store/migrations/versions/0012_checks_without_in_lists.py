"""Every CHECK that lists allowed values written as an OR chain instead of an IN list.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Forward-only; no data changes. `col IN ('a', 'b', 'c')` costs SQLite a lookup table built each
time a statement runs, which an executemany (an import) does once per row: inserting 120,000
measurements took about four times as long as with `col IS NULL OR col = 'a' OR ...`
(docs/DECISIONS.md, "CHECKs as OR chains"). The rule is unchanged: the same values, and NULL
passes as it did (a CHECK that is NULL passes; NOT NULL columns keep their NOT NULL).

SQLite cannot alter a CHECK, so each table with such a CHECK is rebuilt in batch mode (copied
with its rows and ids, its indexes recreated; foreign keys are checked after the upgrade).
Dropping audit_event drops its append-only triggers: they are created again, as in 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_SOURCES = ("typed", "serial_scale", "bluetooth_scale")
_WFLH = (
    "wflh.severely_wasted",
    "wflh.wasted",
    "wflh.normal",
    "wflh.possible_risk_of_overweight",
    "wflh.overweight",
    "wflh.obese",
)
_BMI518 = (
    "bmi518.severely_thin",
    "bmi518.thin",
    "bmi518.normal",
    "bmi518.overweight",
    "bmi518.obese",
)

# Per table, the CHECK ck_<table>_<column> of each column and the values it allows (as at 0011).
_CHECKS: dict[str, dict[str, tuple[str, ...]]] = {
    "posyandu": {"venue": ("own_building", "resident_house", "other")},
    "cadre": {
        "role": ("chair", "secretary", "treasurer", "member"),
        "training_grade": ("purwa", "madya", "utama"),
    },
    "cadre_attendance": {
        "desk": ("registration", "measuring", "recording", "health_service", "counselling"),
    },
    "home_visit": {
        "reason": (
            "absent_from_weighing",
            "two_t",
            "bgm",
            "new_baby",
            "pregnant_woman",
            "sick_elder",
            "other",
        ),
    },
    "home_visit_action": {"action": ("counselling", "pmt", "referral")},
    "measurement": {
        "weight_source": _SOURCES,
        "lenhei_source": _SOURCES,
        "headc_source": _SOURCES,
        "lila_source": _SOURCES,
        "bp_source": _SOURCES,
        "waist_source": _SOURCES,
        "glucose_source": _SOURCES,
        "position": ("l", "h"),
        "lila_status": ("kek", "sam", "mam", "normal"),
        "growth_status": ("N", "T", "O", "B"),
        "wfa_category": (
            "wfa.severely_underweight",
            "wfa.underweight",
            "wfa.normal",
            "wfa.risk_of_overweight",
        ),
        "lhfa_category": ("lhfa.severely_stunted", "lhfa.stunted", "lhfa.normal", "lhfa.tall"),
        "wflh_category": _WFLH,
        "bfa_category": _WFLH + _BMI518,
    },
    "service_given": {
        "kind": (
            "vitamin_a",
            "deworming",
            "iron_tablets",
            "pmt",
            "immunisation",
            "referral",
            "breastfeeding",
            "family_planning",
        ),
        "capsule": ("blue", "red"),
    },
    "health_check": {
        "smoking": ("never", "former", "current"),
        "dependency": ("independent", "mild", "moderate", "severe", "total"),
    },
    "audit_event": {"action": ("create", "update", "delete")},
}

# store/tables.py AUDIT_TRIGGERS as of this revision (the same as 0001's).
_AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """store/columns.py one_of() as of this revision."""
    return " OR ".join([f"{column} IS NULL", *(f"{column} = '{value}'" for value in values)])


def upgrade() -> None:
    for table, checks in _CHECKS.items():
        with op.batch_alter_table(table, recreate="always") as batch:
            for column, values in checks.items():
                name = op.f(f"ck_{table}_{column}")
                batch.drop_constraint(name, type_="check")
                batch.create_check_constraint(name, _one_of(column, values))
            if table == "measurement":  # reflected, its DEFAULT '' would come back as ('')
                batch.alter_column(
                    "doubtful",
                    existing_type=sa.String(length=120),
                    existing_nullable=False,
                    server_default="",
                )
    for trigger in _AUDIT_TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

"""Every CHECK that lists allowed values written as an OR chain instead of an IN list.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Forward-only; no data changes. `col IN ('a', 'b', 'c')` costs SQLite a lookup table built each
time a statement runs, which an executemany (an import) does once per row: inserting 120,000
measurements took about four times as long as with `col IS NULL OR col = 'a' OR ...`
(docs/DECISIONS.md, "CHECKs as OR chains"). The rule is unchanged: the same values, and NULL
passes as it did (a CHECK that is NULL passes; NOT NULL columns keep their NOT NULL).

SQLite cannot alter a CHECK, so each table with such a CHECK is rebuilt the way SQLite's
documentation describes for any table change: a copy made from the table's own CREATE TABLE with
only those CHECKs rewritten, every row copied (ids included), the old table dropped, the copy
renamed, and the table's indexes and triggers (audit_event's append-only pair) created again
from their own SQL. store.migrate.upgrade runs this with foreign keys off and checks them after.
Alembic's batch mode would do the same but reflects each table first: a new, empty registry's
migrations then took twice the CPU time (0.28 s against 0.14 s), which every new file pays.
"""

from __future__ import annotations

import re

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


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """store/columns.py one_of() as of this revision."""
    return " OR ".join([f"{column} IS NULL", *(f"{column} = '{value}'" for value in values)])


def _with_checks_rewritten(table: str, sql: str, checks: dict[str, tuple[str, ...]]) -> str:
    for column, values in checks.items():
        name = f"ck_{table}_{column}"
        # The CHECK's body: quoted values and one level of parentheses (the IN list).
        found = re.findall(rf"CONSTRAINT {name} CHECK \((?:[^()']|'[^']*'|\([^()]*\))*\)", sql)
        if len(found) != 1:
            raise RuntimeError(f"{name}: found {len(found)} times in {table}'s CREATE TABLE")
        sql = sql.replace(found[0], f"CONSTRAINT {name} CHECK ({_one_of(column, values)})")
    return sql


def _rebuild(table: str, checks: dict[str, tuple[str, ...]]) -> None:
    connection = op.get_bind()
    create = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    dependents = (
        connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master"
            " WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
            (table,),
        )
        .scalars()
        .all()
    )
    copy = f"{table}_0012"
    create, named = re.subn(rf'^CREATE TABLE ("?){table}\1 ', f"CREATE TABLE {copy} ", create)
    if named != 1:
        raise RuntimeError(f"unexpected CREATE TABLE of {table}")
    connection.exec_driver_sql(_with_checks_rewritten(table, create, checks))
    connection.exec_driver_sql(f"INSERT INTO {copy} SELECT * FROM {table}")
    connection.exec_driver_sql(f"DROP TABLE {table}")
    connection.exec_driver_sql(f"ALTER TABLE {copy} RENAME TO {table}")
    for sql in dependents:
        connection.exec_driver_sql(sql)


def upgrade() -> None:
    for table, checks in _CHECKS.items():
        _rebuild(table, checks)


def downgrade() -> None:
    # Forward-only (docs/ARCHITECTURE.md#migrations): restore a backup instead.
    raise NotImplementedError

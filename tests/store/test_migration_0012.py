"""0012 rewrites the CHECKs that list allowed values as OR chains: a registry at 0011 keeps every
row, id, index and trigger; every such CHECK allows and refuses exactly what it did; and a new
file, an upgraded one and the models end with the same schema."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Boolean, Date, Enum, Float, Integer, Table

from posyandu_desktop.store import HEAD, migrate
from posyandu_desktop.store.columns import (
    CategoryColumn,
    DeskSet,
    QuantitySetColumn,
    SexColumn,
    UtcDateTime,
)
from posyandu_desktop.store.database import make_engine
from posyandu_desktop.store.tables import Base
from tests.store.test_migrations import FIRST_REVISION_FILE, _schema

BEFORE = "0011"
CATEGORY = {
    "wfa_category": "wfa.normal",
    "lhfa_category": "lhfa.stunted",
    "wflh_category": "wflh.wasted",
    "bfa_category": "bmi518.thin",
}
# A NULL source goes with a NULL value (and a length with its position): another CHECK ties them.
SOURCES = {
    "weight_source": ("weight_kg",),
    "lenhei_source": ("lenhei_cm", "position"),
    "headc_source": ("headc_cm",),
    "lila_source": ("lila_cm",),
    "bp_source": ("systolic_mmhg", "diastolic_mmhg"),
    "waist_source": ("waist_cm",),
    "glucose_source": ("glucose_mg_dl",),
}
# A day and a home visit exclude each other; no one is their own mother.
ALWAYS_NULL = {"home_visit_id", "mother_id", "father_id", "caregiver_id"}


def _value(table: Table, name: str, n: int) -> Any:
    """Row n's value of a column: valid for every CHECK, different in every row (unique
    constraints), and pointing at row n of the table a foreign key names."""
    column = table.c[name]
    kind = column.type
    if name in ALWAYS_NULL and column.nullable:
        return None
    if name == "uid":
        return f"{table.name[:20]}{n:012d}"
    if name == "period":
        return f"2026-{n:02d}"
    if name == "kind":
        return "vitamin_a"
    if isinstance(kind, CategoryColumn):
        return CATEGORY[name]
    if isinstance(kind, Enum):
        return kind.enums[n % len(kind.enums)]
    if isinstance(kind, SexColumn):
        return 1 + n % 2
    if isinstance(kind, UtcDateTime):
        return f"2026-01-{n:02d} 08:00:00.000000"
    if isinstance(kind, QuantitySetColumn):
        return ""
    if isinstance(kind, DeskSet | Integer):
        return n
    if isinstance(kind, Boolean):
        return n % 2
    if isinstance(kind, Float):
        return n + 0.5
    if isinstance(kind, Date):
        return f"2025-01-{n:02d}"
    return f"{name} {n}"


def _row(table: Table, n: int) -> dict[str, Any]:
    return {c.name: _value(table, c.name, n) for c in table.columns}


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    connection.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def _at_0011_with_rows(folder: Path) -> Path:
    """A registry at 0011 with three rows (ids 2, 5, 7) in every table, foreign keys holding."""
    path = folder / "posyandu.sqlite"
    migrate.upgrade(path, BEFORE)
    connection = sqlite3.connect(path)
    for table in Base.metadata.sorted_tables:
        for n in (2, 5, 7):
            _insert(connection, table.name, _row(table, n))
    connection.commit()
    connection.close()
    return path


def _contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (ids included), in id order, read with plain sqlite3."""
    connection = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
            if name != "alembic_version"
        }
    finally:
        connection.close()


def _named(path: Path, kind: str) -> dict[str, str]:
    """The indexes or triggers of the file by name, their SQL with whitespace collapsed."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL", (kind,)
        ).fetchall()
    finally:
        connection.close()
    return {name: " ".join(sql.split()) for name, sql in rows}


def _table_parts(path: Path) -> dict[str, list[str]]:
    """Each table's column and constraint definitions (tests/store/test_migrations.py)."""
    return {
        name: cast(list[str], parts)
        for (kind, name), parts in _schema(path).items()
        if kind == "table"
    }


def _allowed_value_checks(path: Path) -> dict[tuple[str, str], list[str]]:
    """Each CHECK that lists allowed texts (as an IN list or an OR chain), by table and column,
    with the texts it lists. (person.sex IN (1, 2) stays: SQLite tests an IN list of one or two
    constants as plain comparisons.)"""
    found = {}
    for table, parts in _table_parts(path).items():
        for part in parts:
            match = re.fullmatch(
                r"CONSTRAINT ck_\w+ CHECK \((\w+) (?:IS NULL OR \1 )?(= |IN \()'.*\)", part
            )
            if match:
                found[(table, match.group(1))] = re.findall(r"'([^']*)'", part)
    return found


def test_every_list_of_allowed_values_is_an_or_chain_at_head(migrated):
    checks, tables = _allowed_value_checks(migrated), _table_parts(migrated)
    assert len(checks) == 25
    for (table, column), values in checks.items():
        chain = " OR ".join([f"{column} IS NULL", *(f"{column} = '{v}'" for v in values)])
        assert f"CONSTRAINT ck_{table}_{column} CHECK ({chain})" in tables[table]
    assert not [part for parts in tables.values() for part in parts if " IN ('" in part]


@contextmanager
def _rolled_back(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    try:
        yield connection
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def _probe(
    path: Path, values_to_try: dict[tuple[str, str], set[str | None]]
) -> dict[Any, str | None]:
    """Insert one row per (table, column, value) and roll it back: None when the file accepts
    it, else SQLite's message (which names the CHECK that refused it)."""
    outcomes: dict[Any, str | None] = {}
    with _rolled_back(path) as connection:
        for (name, column), values in sorted(values_to_try.items()):
            table = Base.metadata.tables[name]
            for value in sorted(values, key=str):
                row = _row(table, 1) | {column: value}
                if value is None:
                    row |= dict.fromkeys(SOURCES.get(column, ()))
                if (name, column) == ("service_given", "kind"):
                    row["capsule"] = "blue" if value == "vitamin_a" else None
                if (name, column) == ("service_given", "capsule"):
                    row["kind"] = "pmt" if value is None else "vitamin_a"
                connection.execute("SAVEPOINT probe")
                try:
                    _insert(connection, name, row)
                    outcomes[(name, column, value)] = None
                except sqlite3.IntegrityError as refused:
                    outcomes[(name, column, value)] = str(refused)
                connection.execute("ROLLBACK TO probe")
    return outcomes


def test_every_allowed_value_check_allows_and_refuses_what_it_did_at_0011(tmp_path):
    old = tmp_path / "old.sqlite"
    migrate.upgrade(old, BEFORE)
    new = tmp_path / "new.sqlite"
    shutil.copyfile(old, new)
    migrate.upgrade(new)
    from_models = tmp_path / "models.sqlite"
    engine = make_engine(from_models)
    Base.metadata.create_all(engine)
    engine.dispose()
    before, after = _allowed_value_checks(old), _allowed_value_checks(new)
    assert before.keys() == after.keys() == _allowed_value_checks(from_models).keys()
    # Every value either lists, NULL, and near misses: empty, another case, a trailing space.
    to_try: dict[tuple[str, str], set[str | None]] = {
        key: {
            *before[key],
            *after[key],
            None,
            "",
            "nonsense",
            before[key][0].upper(),
            before[key][0] + " ",
        }
        for key in before
    }

    outcomes = _probe(old, to_try)

    assert _probe(new, to_try) == outcomes
    assert _probe(from_models, to_try) == outcomes
    for (table, column), values in before.items():
        nullable = Base.metadata.tables[table].c[column].nullable
        assert all(outcomes[(table, column, v)] is None for v in values)
        assert outcomes[(table, column, None)] == (
            None if nullable else f"NOT NULL constraint failed: {table}.{column}"
        )
        for wrong in ("", "nonsense", values[0] + " "):
            assert (
                outcomes[(table, column, wrong)] == f"CHECK constraint failed: ck_{table}_{column}"
            )


def test_a_registry_at_0011_keeps_every_row_id_index_and_trigger(tmp_path):
    path = _at_0011_with_rows(tmp_path)
    rows, indexes, triggers = _contents(path), _named(path, "index"), _named(path, "trigger")
    assert all(len(table_rows) == 3 for table_rows in rows.values())
    assert len(triggers) == 2

    migrate.upgrade(path)

    assert migrate.stored_revision(path) == HEAD
    assert _contents(path) == rows
    assert _named(path, "index") == indexes
    assert _named(path, "trigger") == triggers
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for statement in ("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
        with pytest.raises(sqlite3.IntegrityError, match="ck_measurement_growth_status"):
            connection.execute("UPDATE measurement SET growth_status = 'X' WHERE id = 5")
        with pytest.raises(sqlite3.IntegrityError, match="ck_audit_event_action"):
            connection.execute(
                "INSERT INTO audit_event (at, action, table_name, row_id, changes)"
                " VALUES ('2026-01-01 00:00:00', 'erase', 'person', 1, '{}')"
            )
    finally:
        connection.close()


def test_a_new_file_and_upgraded_ones_end_with_the_same_schema(tmp_path, migrated):
    from_first = tmp_path / "first.sqlite"
    shutil.copyfile(FIRST_REVISION_FILE, from_first)
    migrate.upgrade(from_first)
    with_rows = _at_0011_with_rows(tmp_path)
    migrate.upgrade(with_rows)
    new = _schema(migrated)
    assert _schema(from_first) == new
    assert _schema(with_rows) == new

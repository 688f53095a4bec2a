"""Alembic migrations driven from code: which revision a file has, and upgrading it.

Alembic (0.5 s to import) is only imported when a file needs upgrading: at a normal start the
stored revision is read with plain sqlite3 and compared with `HEAD`.

A new migration, after changing store/tables.py:
    python -c "from posyandu_desktop.store.migrate import draft_revision as d; d('0002', 'add x')"
then review the draft by hand (plain SQLAlchemy types, enum values written out, batch mode)
and add its id to REVISIONS.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from posyandu_desktop.store.database import make_engine

# Every revision this app knows, oldest first. A test checks it against the migration scripts.
REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
)
HEAD = REVISIONS[-1]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"  # shipped beside this module


class MigrationError(Exception):
    """A migration left foreign keys that point nowhere (and was rolled back)."""


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def stored_revision(path: Path) -> str | None:
    """The revision recorded in the file, or None when it has no Alembic version table."""
    connection = _read_only(path)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        connection.close()


def has_tables(path: Path) -> bool:
    """True when the file holds any table (an empty or new file does not)."""
    connection = _read_only(path)
    try:
        return connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
    finally:
        connection.close()


def upgrade(path: Path, target: str = "head") -> None:
    """Run the migrations up to `target` in one transaction, then check foreign keys."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    # configparser interpolation: a literal % in the path must be written %%.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    engine = make_engine(path, foreign_keys=False).execution_options(sqlite_begin="IMMEDIATE")
    try:
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(f"foreign keys broken by the migration: {broken[:5]}")
    finally:
        engine.dispose()


def draft_revision(rev_id: str, message: str) -> None:
    """Autogenerate versions/<rev_id>_<message>.py against a scratch file at head (developer
    tool; the draft needs a review by hand)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "head.sqlite"
        upgrade(path)
        engine = make_engine(path)
        try:
            with engine.connect() as connection:
                config.attributes["connection"] = connection
                command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()

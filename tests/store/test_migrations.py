"""Migrations: they match the models, upgrade old files with data in them, and refuse files
from a newer app."""

import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from posyandu_desktop import services
from posyandu_desktop.store import (
    HEAD,
    REVISIONS,
    Opened,
    Refused,
    StartupProblem,
    migrate,
    open_registry,
)
from posyandu_desktop.store.database import make_engine
from posyandu_desktop.store.tables import Base
from tests.store.helpers import TODAY, dump, row_counts

NOW = datetime(2026, 2, 10, 8, 0)


def script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_the_known_revisions_are_the_migration_scripts_in_order():
    scripts = script_directory()
    assert scripts.get_current_head() == HEAD
    assert tuple(reversed([s.revision for s in scripts.walk_revisions()])) == REVISIONS
    for script in scripts.walk_revisions():
        assert Path(script.path).name.startswith(f"{script.revision}_")


def _table_parts(sql: str) -> list[str]:
    """The column and constraint definitions of a CREATE TABLE, in any order."""
    body = sql[sql.index("(") + 1 : sql.rindex(")")]
    parts, depth, start, quoted = [], 0, 0, False
    for i, char in enumerate(body):
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and char == "," and depth == 0:
            parts.append(" ".join(body[start:i].split()))
            start = i + 1
    parts.append(" ".join(body[start:].split()))
    return sorted(parts)


def _schema(path: Path) -> dict[tuple[str, str], object]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        ).fetchall()
    finally:
        connection.close()
    return {
        (kind, name): _table_parts(sql) if kind == "table" else " ".join(sql.split())
        for kind, name, sql in rows
    }


def test_models_and_migrations_match(tmp_path, migrated):
    # Alembic's own comparison (tables, columns, types, indexes, foreign keys) ...
    engine = make_engine(migrated)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
    # ... and the exact DDL, which also covers CHECK constraints, partial indexes and names.
    from_models = tmp_path / "models.sqlite"
    engine = make_engine(from_models)
    Base.metadata.create_all(engine)
    engine.dispose()
    migrated_schema = _schema(migrated)
    triggers = {key: sql for key, sql in migrated_schema.items() if key[0] == "trigger"}
    assert set(triggers) == {
        ("trigger", "audit_event_no_update"),
        ("trigger", "audit_event_no_delete"),
    }
    assert {k: v for k, v in migrated_schema.items() if k[0] != "trigger"} == _schema(from_models)


FIRST_REVISION_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "registry_0001.sqlite"


def _fill_at_first_revision(path: Path) -> None:
    """A real file written by the app at revision 0001 (a cadre, a child, a weighing of 8.9 kg):
    today's code cannot write the old schema any more, so the file is kept as a fixture."""
    shutil.copyfile(FIRST_REVISION_FILE, path)
    assert migrate.stored_revision(path) == REVISIONS[0]


def test_a_file_from_the_first_revision_with_data_opens_at_head(tmp_path):
    path = tmp_path / "posyandu.sqlite"
    _fill_at_first_revision(path)
    before = row_counts(path)

    opened = open_registry(path, tmp_path / "backups", now=NOW)

    assert isinstance(opened, Opened)
    assert migrate.stored_revision(path) == HEAD
    upgraded = REVISIONS[0] != HEAD
    assert (opened.upgraded_from is not None) == upgraded
    if upgraded:  # the file as it was is kept, checked, beside the upgraded one
        assert opened.backup is not None and opened.backup.path.exists()
    assert row_counts(path)["person"] == before["person"]
    found = services.find_people(opened.database, "ahmad", today=TODAY)
    assert [m.person.name for m in found] == ["Ahmad Fauzi"]
    history = services.measurements_of(opened.database, found[0].person.id)
    assert [m.values.weight_kg.value for m in history if m.values.weight_kg] == [8.9]
    opened.database.close()


def test_a_file_from_a_newer_app_is_refused_and_left_untouched(tmp_path, migrated):
    path = tmp_path / "posyandu.sqlite"
    path.write_bytes(migrated.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.commit()
    connection.close()
    before = dump(path)

    refused = open_registry(path, tmp_path / "backups", now=NOW)

    assert refused == Refused(StartupProblem.TOO_NEW, "0099_from_the_future", None)
    assert dump(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_database_that_is_not_a_registry_is_refused(tmp_path):
    path = tmp_path / "posyandu.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    refused = open_registry(path, tmp_path / "backups", now=NOW)
    assert isinstance(refused, Refused)
    assert refused.problem is StartupProblem.NOT_OURS


def test_a_new_file_is_created_at_head(tmp_path):
    opened = open_registry(tmp_path / "new" / "posyandu.sqlite", tmp_path / "backups", now=NOW)
    assert isinstance(opened, Opened)
    assert opened.backup is None  # nothing to back up yet
    assert migrate.stored_revision(opened.database.path) == HEAD
    opened.database.close()


@pytest.mark.skipif(sys.platform == "win32", reason="start-up timing check, POSIX runner")
def test_opening_a_file_at_head_does_not_import_alembic(migrated, tmp_path):
    # Importing Alembic costs ~0.5 s of start-up; a file already at head needs none of it.
    path = tmp_path / "posyandu.sqlite"
    path.write_bytes(migrated.read_bytes())
    script = (
        "import sys, datetime, pathlib\n"
        "from posyandu_desktop.store import open_registry, Opened\n"
        f"r = open_registry(pathlib.Path({str(path)!r}), pathlib.Path({str(tmp_path)!r}) / 'b',"
        " now=datetime.datetime(2026, 2, 10, 8, 0))\n"
        "assert isinstance(r, Opened), r\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_a_data_folder_with_awkward_characters(tmp_path, monkeypatch):
    # Relative paths, "#", "?", "%" and accents: URLs and URIs are built, never pasted.
    monkeypatch.chdir(tmp_path)
    folder = Path("Data #2 ?100% é")
    for _ in range(2):
        opened = open_registry(folder / "posyandu.sqlite", folder / "backups", now=NOW)
        assert isinstance(opened, Opened)
        opened.database.close()
    assert migrate.stored_revision(folder / "posyandu.sqlite") == HEAD

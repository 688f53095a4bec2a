"""0002 on a real 0001 file with data: cadres get a PIN column and the chair coordinates.

tests/fixtures/registry_0001.sqlite was written by the app at revision 0001 (commit 4bd2798,
tests/store/helpers.set_up_post plus a member cadre, an open day, an arrival and a weighing),
so it holds what a laptop in the field held before this migration.
"""

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from posyandu_desktop import services
from posyandu_desktop.services import cadres
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.store import HEAD, Opened, migrate, open_registry
from tests.store.helpers import TODAY, row_counts

FIXTURE = Path(__file__).parents[1] / "fixtures" / "registry_0001.sqlite"
NOW = datetime(2026, 2, 11, 7, 30)


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "posyandu.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def _cadres(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT name, role, pin_hash, is_coordinator FROM cadre ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_the_fixture_is_at_0001():
    assert migrate.stored_revision(FIXTURE) == "0001"


def test_upgrading_keeps_every_row_and_makes_the_chair_coordinator(tmp_path):
    path = _copy(tmp_path)
    before = row_counts(path)

    opened = open_registry(path, tmp_path / "backups", now=NOW)

    assert isinstance(opened, Opened)
    assert opened.upgraded_from == "0001"
    assert migrate.stored_revision(path) == HEAD
    assert opened.backup is not None and migrate.stored_revision(opened.backup.path) == "0001"
    after = row_counts(path)
    assert {t: after[t] for t in before} == before  # later revisions only add tables
    assert _cadres(path) == [
        ("Sri Wahyuni", "chair", None, 1),
        ("Rina Marlina", "member", None, 0),
    ]
    db = opened.database
    (child,) = services.find_people(db, "ahmad", today=TODAY)
    history = services.measurements_of(db, child.person.id)
    weights = [m.values.weight_kg.value for m in history if m.values.weight_kg is not None]
    assert weights == [8.9]
    db.close()


def test_cadres_from_before_set_their_pin_at_their_first_login(tmp_path):
    opened = open_registry(_copy(tmp_path), tmp_path / "backups", now=NOW)
    assert isinstance(opened, Opened)
    db = opened.database
    post = this_posyandu(db)
    assert post is not None
    listed = cadres.list_cadres_for_login(db, posyandu_id=post.id)
    assert [(c.name, c.has_pin, c.is_coordinator) for c in listed] == [
        ("Rina Marlina", False, False),
        ("Sri Wahyuni", False, True),
    ]
    rina = listed[0].id
    assert cadres.needs_pin(db, rina)
    cadres.set_pin(db, rina, "4321").unwrap()
    assert cadres.check_pin(db, rina, "4321")
    db.close()

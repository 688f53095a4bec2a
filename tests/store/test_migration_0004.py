"""0004 on a real 0002 file with data: every row kept, an empty cadre_login beside it, and the
cadres' PINs and coordinator untouched (nobody is locked out by the upgrade)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from posyandu_desktop.store import migrate
from tests.store.helpers import row_counts

FIXTURE = Path(__file__).parents[1] / "fixtures" / "registry_0002.sqlite"


def _cadres(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        query = "SELECT id, pin_hash, is_coordinator FROM cadre ORDER BY id"
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_upgrading_keeps_every_row_and_adds_an_empty_cadre_login(tmp_path):
    path = tmp_path / "posyandu.sqlite"
    shutil.copyfile(FIXTURE, path)
    migrate.upgrade(path, "0003")
    before, cadres = row_counts(path), _cadres(path)

    migrate.upgrade(path, "0004")

    assert migrate.stored_revision(path) == "0004"
    after = row_counts(path)
    assert {t: n for t, n in after.items() if t != "cadre_login"} == before
    assert after["cadre_login"] == 0
    assert _cadres(path) == cadres

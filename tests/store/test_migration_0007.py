"""0007 on a real file with data: every row kept, an empty skill-assessment table beside them,
certificates without a number and the Posyandu on the default KMS version."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from posyandu_desktop.store import migrate
from tests.store.helpers import row_counts

FIXTURE = Path(__file__).parents[1] / "fixtures" / "registry_0002.sqlite"


def test_upgrading_keeps_every_row_and_adds_only_empty_things(tmp_path: Path) -> None:
    path = tmp_path / "posyandu.sqlite"
    shutil.copyfile(FIXTURE, path)
    migrate.upgrade(path, "0006")
    before = row_counts(path)

    migrate.upgrade(path, "0007")

    assert migrate.stored_revision(path) == "0007"
    after = row_counts(path)
    assert after.pop("cadre_skill_assessment") == 0
    assert after == before
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT DISTINCT kbm_version FROM posyandu").fetchall() == [
            (None,)
        ]
        numbers = connection.execute("SELECT number FROM cadre_certificate").fetchall()
        assert all(n == (None,) for n in numbers)
    finally:
        connection.close()

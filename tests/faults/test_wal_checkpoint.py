"""After day close and after a backup (an export takes one first) the `.sqlite` file alone
holds every committed record: its -wal file has been checkpointed and emptied."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from posyandu_desktop import services
from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.store import Database
from posyandu_desktop.store.backup import back_up
from tests.store.helpers import TODAY, Post

NOW = datetime(2026, 2, 10, 8, 0).astimezone()


def _alone(db: Database, tmp_path: Path) -> sqlite3.Connection:
    """The main file copied without its -wal, as someone copying 'the data file' would."""
    copy = tmp_path / "copied-alone.sqlite"
    shutil.copyfile(db.path, copy)
    return sqlite3.connect(copy)


def test_the_main_file_alone_holds_a_closed_day(db: Database, post: Post, tmp_path: Path) -> None:
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    services.close_posyandu_day(db, cadre_id=post.cadre.id, day_id=day.id, now=NOW).unwrap()

    wal = db.path.with_name(db.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    copied = _alone(db, tmp_path)
    try:
        closed = copied.execute("SELECT closed_at FROM posyandu_day WHERE id = ?", (day.id,))
        assert closed.fetchone()[0] is not None
        assert copied.execute("SELECT count(*) FROM person").fetchone()[0] == 2
    finally:
        copied.close()


def test_the_main_file_alone_is_complete_after_a_backup(
    db: Database, post: Post, tmp_path: Path
) -> None:
    services.register_household(db, cadre_id=post.cadre.id, head_name="Keluarga Baru").unwrap()
    back_up(db.path, tmp_path / "backups", BackupKind.PRE_EXPORT, now=NOW)
    copied = _alone(db, tmp_path)
    try:
        assert copied.execute("SELECT count(*) FROM household").fetchone()[0] == 2
    finally:
        copied.close()

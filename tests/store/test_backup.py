"""Backups: checked, self-contained, rotated; restore gives identical data; a damaged file at
start-up is refused with the newest good backup."""

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.store import Opened, Refused, StartupProblem, open_registry
from posyandu_desktop.store.backup import (
    KEEP,
    BackupError,
    back_up,
    list_backups,
    newest_good_backup,
    quick_check,
    restore,
)
from tests.store.helpers import TODAY, dump, row_counts

NOW = datetime(2026, 2, 10, 8, 30)


def damage(path: Path) -> None:
    """Overwrite the middle of the file with garbage, as a failing disk might."""
    data = bytearray(path.read_bytes())
    page = 4096
    for i in range(page * 2, min(len(data), page * 6)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_a_backup_is_checked_self_contained_and_identical(db, post, tmp_path):
    taken = back_up(db.path, tmp_path / "backups", BackupKind.MANUAL, now=NOW)
    assert taken.path.name == "posyandu-20260210-083000-manual.sqlite"
    assert quick_check(taken.path)
    assert dump(taken.path) == dump(db.path)
    connection = sqlite3.connect(taken.path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [taken.path.name]


def test_rotation_keeps_the_newest_of_each_kind(db, tmp_path):
    folder = tmp_path / "backups"
    for day in range(KEEP[BackupKind.DAILY] + 3):
        back_up(db.path, folder, BackupKind.DAILY, now=NOW + timedelta(days=day))
    back_up(db.path, folder, BackupKind.PRE_EXPORT, now=NOW)
    kept = list_backups(folder)
    daily = [b for b in kept if b.kind is BackupKind.DAILY]
    assert len(daily) == KEEP[BackupKind.DAILY]
    assert daily[0].taken_at == NOW + timedelta(days=KEEP[BackupKind.DAILY] + 2)  # newest first
    assert [b.kind for b in kept].count(BackupKind.PRE_EXPORT) == 1


def test_two_backups_in_the_same_second_both_survive(db, tmp_path):
    first = back_up(db.path, tmp_path, BackupKind.MANUAL, now=NOW)
    second = back_up(db.path, tmp_path, BackupKind.MANUAL, now=NOW)
    assert first.path != second.path
    assert [b.path for b in list_backups(tmp_path)] == [second.path, first.path]


def test_restore_brings_back_identical_data_and_keeps_the_replaced_file(db, post, tmp_path):
    folder = tmp_path / "backups"
    taken = back_up(db.path, folder, BackupKind.MANUAL, now=NOW)
    expected = dump(db.path)
    services.register_household(db, cadre_id=post.cadre.id, head_name="Later").unwrap()
    later = dump(db.path)
    db.close()

    kept = restore(taken.path, db.path, folder, now=NOW + timedelta(minutes=5))

    assert dump(db.path) == expected
    assert kept is not None and kept.kind is BackupKind.PRE_RESTORE
    assert dump(kept.path) == later  # nothing is lost by restoring
    assert not db.path.with_name(db.path.name + "-wal").exists()
    reopened = open_registry(db.path, folder, now=NOW + timedelta(minutes=6))
    assert isinstance(reopened, Opened)
    assert services.find_people(reopened.database, "later") == ()
    reopened.database.close()


def test_restoring_a_damaged_file_does_not_replay_its_wal(db, post, tmp_path):
    # The WAL of the replaced file must not survive: SQLite would replay its frames onto the
    # restored file. A damaged file is copied aside byte for byte, so nothing consumes it.
    folder = tmp_path / "backups"
    taken = back_up(db.path, folder, BackupKind.MANUAL, now=NOW)
    holder = sqlite3.connect(db.path)  # a reader keeps the WAL from being checkpointed away
    holder.execute("SELECT count(*) FROM household").fetchall()
    for i in range(50):
        services.register_household(db, cadre_id=post.cadre.id, head_name=f"H{i}").unwrap()
    db.close()
    wal = db.path.with_name(db.path.name + "-wal")
    stale = wal.read_bytes()
    holder.close()
    wal.write_bytes(stale)  # as if the app had been killed
    damage(db.path)

    kept = restore(taken.path, db.path, folder, now=NOW)

    assert quick_check(db.path)
    assert row_counts(db.path)["household"] == 1
    assert kept is not None
    assert kept.path.with_name(kept.path.name + "-wal").read_bytes() == stale


def test_a_damaged_backup_is_not_restored(db, post, tmp_path):
    folder = tmp_path / "backups"
    taken = back_up(db.path, folder, BackupKind.MANUAL, now=NOW)
    damage(taken.path)
    before = dump(db.path)
    db.close()
    with pytest.raises(BackupError):
        restore(taken.path, db.path, folder, now=NOW)
    assert dump(db.path) == before


def test_a_damaged_file_is_refused_at_start_with_the_newest_good_backup(db, post, tmp_path):
    folder = tmp_path / "backups"
    good = back_up(db.path, folder, BackupKind.DAILY, now=NOW - timedelta(days=1))
    bad = back_up(db.path, folder, BackupKind.DAILY, now=NOW - timedelta(hours=1))
    damage(bad.path)
    expected = dump(db.path)
    db.close()
    damage(db.path)

    refused = open_registry(db.path, folder, now=NOW)

    assert isinstance(refused, Refused)
    assert refused.problem is StartupProblem.DAMAGED
    assert refused.newest_good_backup == good
    assert newest_good_backup(folder) == good

    kept = restore(good.path, db.path, folder, now=NOW)
    assert kept is not None and not quick_check(kept.path)  # the damaged bytes, kept aside
    opened = open_registry(db.path, folder, now=NOW)
    assert isinstance(opened, Opened)
    assert dump(db.path) == expected
    opened.database.close()


def test_a_file_that_is_not_a_database_counts_as_damaged(tmp_path):
    path = tmp_path / "posyandu.sqlite"
    path.write_bytes(b"this is a shopping list, not a database" * 100)
    refused = open_registry(path, tmp_path / "backups", now=NOW)
    assert refused == Refused(StartupProblem.DAMAGED, None, None)


def test_start_up_takes_one_daily_backup_per_day(db, post, tmp_path):
    folder = tmp_path / "backups"
    db.close()
    for at in (NOW, NOW + timedelta(hours=3), NOW + timedelta(days=1)):
        opened = open_registry(db.path, folder, now=at)
        assert isinstance(opened, Opened)
        opened.database.close()
    taken = [(b.kind, b.taken_at.date()) for b in list_backups(folder)]
    assert taken == [
        (BackupKind.DAILY, TODAY + timedelta(days=1)),
        (BackupKind.DAILY, TODAY),
    ]

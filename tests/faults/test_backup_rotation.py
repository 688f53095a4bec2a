"""A wrong clock (a dead CMOS battery at 2000-01-01) never makes rotation delete the newest
backups, and the newest good backup is judged by content, not by its name."""

from __future__ import annotations

from datetime import datetime, timedelta

from posyandu_desktop import services
from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.store import Database, backup
from posyandu_desktop.store.backup import KEEP, back_up, list_backups, newest_good_backup
from tests.store.helpers import Post

REAL = datetime(2026, 12, 1, 8, 0)
DEAD_BATTERY = datetime(2000, 1, 1, 0, 5)


def _add_household(db: Database, post: Post, n: int) -> None:
    services.register_household(
        db, cadre_id=post.cadre.id, head_name=f"Keluarga {n}", address="Jl. Mawar", rt=1, rw=1
    ).unwrap()


def test_backups_written_under_a_dead_battery_clock_are_kept(db, post, tmp_path):
    folder = tmp_path / "backups"
    for day in range(KEEP[BackupKind.DAILY]):
        back_up(db.path, folder, BackupKind.DAILY, now=REAL + timedelta(days=day))
    taken = []
    for n in range(3):
        _add_household(db, post, n)
        taken.append(back_up(db.path, folder, BackupKind.DAILY, now=DEAD_BATTERY))
    kept = {b.path for b in list_backups(folder)}
    assert {b.path for b in taken} <= kept
    assert len(kept) == KEEP[BackupKind.DAILY]
    assert newest_good_backup(folder) == taken[-1]


def test_a_future_named_backup_with_older_content_is_not_the_newest(db, post, tmp_path):
    folder = tmp_path / "backups"
    ahead = back_up(db.path, folder, BackupKind.MANUAL, now=datetime(2027, 12, 1))
    _add_household(db, post, 1)
    real = back_up(db.path, folder, BackupKind.MANUAL, now=REAL)
    assert list_backups(folder)[0] == ahead  # by name it looks newest
    assert newest_good_backup(folder) == real
    assert backup.content_age(real.path) > backup.content_age(ahead.path)

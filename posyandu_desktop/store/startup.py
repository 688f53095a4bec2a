"""Opening the registry at start-up: check, back up, migrate, or refuse with a reason.

Order matters: a damaged file is never backed up over good backups or migrated; a file from a
newer app is never touched; an upgrade always has a backup from just before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from posyandu_desktop.domain.problems import StartupProblem
from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.store import backup, migrate
from posyandu_desktop.store.backup import Backup
from posyandu_desktop.store.database import Database


@dataclass(frozen=True, slots=True)
class Opened:
    database: Database
    backup: Backup | None  # the daily or pre-migration backup taken while opening
    upgraded_from: str | None  # the revision before an upgrade; None when none was needed


@dataclass(frozen=True, slots=True)
class Refused:
    problem: StartupProblem
    revision: str | None  # the file's revision, for TOO_NEW
    newest_good_backup: Backup | None


def open_registry(path: Path, backups: Path, *, now: datetime) -> Opened | Refused:
    """Open (creating if needed) the registry at `path`, backing up into `backups`."""
    if not path.exists() or path.stat().st_size == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(path)
        return Opened(Database(path), None, None)
    if not backup.quick_check(path):
        return Refused(StartupProblem.DAMAGED, None, backup.newest_good_backup(backups))
    revision = migrate.stored_revision(path)
    if revision is None and migrate.has_tables(path):
        return Refused(StartupProblem.NOT_OURS, None, backup.newest_good_backup(backups))
    if revision is not None and revision not in migrate.REVISIONS:
        return Refused(StartupProblem.TOO_NEW, revision, None)
    taken = None
    if revision != migrate.HEAD:
        if revision is not None:
            taken = backup.back_up(path, backups, BackupKind.PRE_MIGRATION, now=now)
        migrate.upgrade(path)
    elif not backup.has_backup_on(backups, BackupKind.DAILY, now):
        taken = backup.back_up(path, backups, BackupKind.DAILY, now=now)
    return Opened(Database(path), taken, revision if revision != migrate.HEAD else None)

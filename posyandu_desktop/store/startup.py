"""Opening the registry at start-up: check, lock, back up, migrate, or refuse with a reason.

Order matters: a folder that cannot be written is reported as such (never as damaged); only one
process writes in a folder (store/lock.py); a missing or empty registry in a folder that shows
signs of a Posyandu (backups, exports, a signing key) is never silently replaced by an empty
one; a damaged file is never backed up over good backups or migrated; a file from a newer app
is never touched; an upgrade always has a backup from just before it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from posyandu_desktop.domain.problems import StartupProblem
from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.store import backup, lock, migrate
from posyandu_desktop.store.backup import Backup
from posyandu_desktop.store.database import Database
from posyandu_desktop.store.lock import LockHolder


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
    holder: LockHolder | None = None  # for IN_USE: who writes in the folder


def _writable(path: Path) -> bool:
    # Only the file's own flag: Windows marks many folders read-only without meaning it, so
    # the folder is tried for real (the lock file is made in it).
    return not path.exists() or os.access(path, os.W_OK)


def _has_traces(backup_folders: Sequence[Path], traces: Sequence[Path]) -> bool:
    """Signs that a registry lived here: a backup, or a non-empty trace (exports, key)."""
    if any(backup.list_backups(folder) for folder in backup_folders):
        return True
    return any(p.is_file() or (p.is_dir() and any(p.iterdir())) for p in traces)


def open_registry(
    path: Path,
    backups: Path,
    *,
    now: datetime,
    program: str = "posyandu-desktop",
    must_exist: bool = False,
    new_registry: bool = False,
    other_backups: Sequence[Path] = (),
    traces: Sequence[Path] = (),
) -> Opened | Refused:
    """Open the registry at `path`, backing up into `backups`, holding the folder's lock.

    A missing or empty file is created only when the folder shows no sign of an earlier
    registry (`backups`, `other_backups`, `traces`), or when `new_registry` says a coordinator
    confirmed "start a new Posyandu here". `must_exist`: a missing folder is refused (a data
    folder typed on a command line), not created.
    """
    folder = path.parent
    all_backups = (backups, *other_backups)
    if not folder.is_dir():
        if must_exist:
            return Refused(StartupProblem.NO_FOLDER, None, None)
        folder.mkdir(parents=True, exist_ok=True)
    if not _writable(path):
        return Refused(StartupProblem.READ_ONLY, None, None)
    try:
        lock.acquire(folder, program)
    except lock.FolderLockedError as error:
        return Refused(StartupProblem.IN_USE, None, None, error.holder)
    except OSError:  # the lock file cannot be made: a read-only medium
        return Refused(StartupProblem.READ_ONLY, None, None)
    if not path.exists() or path.stat().st_size == 0:
        if not new_registry and _has_traces(all_backups, traces):
            return Refused(StartupProblem.MISSING, None, backup.newest_good_backup(*all_backups))
        migrate.upgrade(path)
        return Opened(Database(path), None, None)
    if not backup.quick_check(path):
        return Refused(StartupProblem.DAMAGED, None, backup.newest_good_backup(*all_backups))
    revision = migrate.stored_revision(path)
    if revision is None and migrate.has_tables(path):
        return Refused(StartupProblem.NOT_OURS, None, backup.newest_good_backup(*all_backups))
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

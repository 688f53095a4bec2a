"""Backups with SQLite's online backup API, checked after writing, rotated by kind; restore.

A backup is a single self-contained file (rollback journal, not WAL), named
`posyandu-YYYYMMDD-HHMMSS-<kind>.sqlite`, so it can be copied to a USB stick and opened alone.
Nothing here uses SQLAlchemy: backups must work even when the app's schema cannot be loaded.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from posyandu_desktop import files
from posyandu_desktop.domain.vocabulary import BackupKind

# How many backups of each kind to keep (the newest ones).
KEEP: dict[BackupKind, int] = {
    BackupKind.DAILY: 7,
    BackupKind.PRE_EXPORT: 10,
    BackupKind.PRE_IMPORT: 10,
    BackupKind.PRE_MIGRATION: 10,
    BackupKind.PRE_RESTORE: 10,
    BackupKind.MANUAL: 10,
}
_NAME = re.compile(r"^posyandu-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite$")
_STAMP = "%Y%m%d-%H%M%S"


class BackupError(Exception):
    """A backup could not be written or did not pass its check (nothing was kept)."""


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    kind: BackupKind
    taken_at: datetime  # naive local wall-clock time, as in the file name


def _wall_clock(now: datetime) -> datetime:
    # Backups are named and dated by the laptop's local clock, which is what the cadre reads.
    return now.replace(microsecond=0, tzinfo=None)


def quick_check(path: Path) -> bool:
    """True when SQLite's `PRAGMA quick_check` passes (False also for a non-database file)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def _fsync_file(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    # Makes a rename durable on POSIX; Windows cannot open folders and needs nothing here.
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _copy_database(source: Path, target: Path) -> None:
    """Online-backup `source` (committed data, including what is still in its WAL) into a new
    self-contained file `target`."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        if src.execute("PRAGMA journal_mode").fetchone() == ("wal",):
            # The registry's own file gets complete too (a backup is one of those moments).
            src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        dst.commit()
    finally:
        dst.close()
        src.close()


def _unused_name(folder: Path, now: datetime, kind: BackupKind) -> Path:
    stamp = now.strftime(_STAMP)
    path = folder / f"posyandu-{stamp}-{kind.value}.sqlite"
    n = 2
    while path.exists():  # two backups of one kind in the same second
        path = folder / f"posyandu-{stamp}-{n}-{kind.value}.sqlite"
        n += 1
    return path


def back_up(database: Path, folder: Path, kind: BackupKind, *, now: datetime) -> Backup:
    """Write a checked backup of `database` into `folder`, then drop the oldest of its kind.
    `now` is local time (naive, or aware in the laptop's zone). Only the last folder level is
    made: a missing stick's mount point is never recreated on the laptop's own disk."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise BackupError(f"could not back up {database} to {folder}: {error}") from error
    final = _unused_name(folder, now, kind)
    temporary = final.with_name(final.name + ".tmp")
    temporary.unlink(missing_ok=True)
    try:
        _copy_database(database, temporary)
        if not quick_check(temporary):
            raise BackupError(f"the backup of {database} failed its check")
        _fsync_file(temporary)
        os.replace(temporary, final)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"could not back up {database} to {folder}: {error}") from error
    finally:
        temporary.unlink(missing_ok=True)
    rotate(folder, kind, keep=final)
    return Backup(final, kind, _wall_clock(now))


def list_backups(folder: Path) -> tuple[Backup, ...]:
    """The backups in `folder`, newest first (files with other names are ignored)."""
    found = []
    for path in folder.glob("posyandu-*.sqlite") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match is None:
            continue
        try:
            kind = BackupKind(match.group(3))
        except ValueError:
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP)
        found.append((taken_at, int(match.group(2) or 1), Backup(path, kind, taken_at)))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return tuple(b for *_, b in found)


def content_age(path: Path) -> tuple[int, str]:
    """How far a backup's records go: its latest audit event (id, then time); (-1, "") when the
    file cannot be read. Unlike its name, this does not depend on the laptop's clock."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return (-1, "")
    try:
        row = connection.execute(
            "SELECT id, at FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error:
        return (-1, "")
    finally:
        connection.close()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def by_content(backups: tuple[Backup, ...]) -> list[Backup]:
    """Newest first by content (`content_age`); backups of equal content by name."""
    ages = {b.path: content_age(b.path) for b in backups}
    return sorted(backups, key=lambda b: ages[b.path], reverse=True)  # stable: names break ties


def rotate(folder: Path, kind: BackupKind, *, keep: Path | None = None) -> None:
    """Delete all but the KEEP[kind] newest backups of this kind, newest by content (a wrong
    clock gives a new backup an old name); `keep` (the one just written) always stays."""
    of_kind = by_content(tuple(b for b in list_backups(folder) if b.kind is kind))
    if keep is not None:
        of_kind.sort(key=lambda b: b.path != keep)  # stable: the rest stay in content order
    for old in of_kind[KEEP[kind] :]:
        old.path.unlink(missing_ok=True)
        old.path.with_name(old.path.name + "-wal").unlink(missing_ok=True)  # see _keep_current


def newest_good_backup(*folders: Path) -> Backup | None:
    """The backup with the newest content (`by_content`) that passes `quick_check`, or None."""
    found = tuple(b for folder in folders for b in list_backups(folder))
    return next((b for b in by_content(found) if quick_check(b.path)), None)


def has_backup_on(folder: Path, kind: BackupKind, day: datetime) -> bool:
    """True when a backup of this kind was taken on the same (local) date as `day`."""
    return any(b.kind is kind and b.taken_at.date() == day.date() for b in list_backups(folder))


def restore(backup: Path, database: Path, folder: Path, *, now: datetime) -> Backup | None:
    """Put a checked copy of `backup` in place of `database`, after backing up the current file
    (as PRE_RESTORE; a damaged file is copied byte for byte). Close every connection first.
    Returns the backup of the replaced file, if there was one."""
    temporary = database.with_name(database.name + ".restoring")
    temporary.unlink(missing_ok=True)
    try:
        _copy_database(backup, temporary)
        if not quick_check(temporary):
            raise BackupError(f"{backup} failed its check: not restored")
        _fsync_file(temporary)
        previous = _keep_current(database, folder, now=now)
        # The old WAL must go before the new file arrives: SQLite would replay its frames onto
        # the restored file. Its content is already in the backup just taken.
        for suffix in ("-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        files.replace(temporary, database)
        _fsync_folder(database.parent)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"could not restore {backup}: {error}") from error
    finally:
        temporary.unlink(missing_ok=True)
    return previous


def _keep_current(database: Path, folder: Path, *, now: datetime) -> Backup | None:
    if not database.exists():
        return None
    if quick_check(database):
        return back_up(database, folder, BackupKind.PRE_RESTORE, now=now)
    # Damaged: keep the raw bytes (and any WAL) for whoever may rescue them later.
    folder.mkdir(parents=True, exist_ok=True)
    target = _unused_name(folder, now, BackupKind.PRE_RESTORE)
    for suffix in ("", "-wal"):
        source = database.with_name(database.name + suffix)
        if source.exists():
            copy = target.with_name(target.name + suffix)
            copy.write_bytes(source.read_bytes())
            _fsync_file(copy)
    _fsync_folder(folder)
    return Backup(target, BackupKind.PRE_RESTORE, _wall_clock(now))

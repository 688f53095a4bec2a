"""Opening the data folder at start-up, backups on demand, and restoring one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.settings import backups_dir, database_path
from posyandu_desktop.store import (
    Backup,
    BackupError,
    Database,
    Opened,
    Refused,
    lock,
    open_registry,
)
from posyandu_desktop.store import backup as backups

LOCAL_BACKUPS = "backups"  # settings.backups_dir's default, inside the data folder


def _local_now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def usable_backups_dir(data: Path) -> tuple[Path, Path | None]:
    """The backup folder for automatic backups now, and the chosen one when it is missing (a
    USB stick that is not plugged in: the local folder is used, and the caller warns)."""
    chosen, local = backups_dir(data), data / LOCAL_BACKUPS
    if chosen == local or chosen.exists():
        return chosen, None
    return local, chosen


def open_data_folder(
    data: Path,
    *,
    now: datetime | None = None,
    program: str = "posyandu-desktop",
    must_exist: bool = False,
    new_registry: bool = False,
) -> Opened | Refused:
    """Open the registry in `data` holding the folder's lock: create or upgrade it (after a
    backup), take the day's backup, or refuse, naming the newest good backup. A missing
    registry in a folder with backups, exports or a signing key is refused (MISSING) unless
    `new_registry` (a coordinator confirmed "start a new Posyandu here")."""
    backups, _missing = usable_backups_dir(data)
    return open_registry(
        database_path(data),
        backups,
        now=_local_now(now),
        program=program,
        must_exist=must_exist,
        new_registry=new_registry,
        other_backups=(data / LOCAL_BACKUPS, backups_dir(data)),
        traces=(data / "exports", data / "keys"),
    )


def back_up_now(
    db: Database, data: Path, kind: BackupKind = BackupKind.MANUAL, *, now: datetime | None = None
) -> Backup:
    """Take a checked backup now (before an export: kind PRE_EXPORT); raises BackupError. A
    manual backup goes to the chosen folder or fails (the cadre expects it on the stick); an
    automatic one falls back to the data folder when the stick is not plugged in."""
    folder = backups_dir(data) if kind is BackupKind.MANUAL else usable_backups_dir(data)[0]
    return backups.back_up(db.path, folder, kind, now=_local_now(now))


def list_backups(data: Path) -> tuple[Backup, ...]:
    """The backups in the backup folder, newest first."""
    return backups.list_backups(usable_backups_dir(data)[0])


def restore_backup(
    data: Path, backup: Path, *, open_db: Database | None = None, now: datetime | None = None
) -> Backup | None:
    """Replace the registry with a checked copy of `backup`, keeping the current file as a
    PRE_RESTORE backup (returned). Closes `open_db` first; open the folder again afterwards."""
    # Only the holder of the folder's lock may swap the file (raises FolderLockedError), and
    # never under an open connection.
    lock.acquire(data, "posyandu-desktop restore")
    if open_db is not None and not open_db.close():
        raise BackupError("the registry is still in use: not restored")
    return backups.restore(
        backup, database_path(data), usable_backups_dir(data)[0], now=_local_now(now)
    )

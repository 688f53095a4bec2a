"""Opening the data folder at start-up, backups on demand, and restoring one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.settings import backups_dir, database_path
from posyandu_desktop.store import Backup, Database, Opened, Refused, open_registry
from posyandu_desktop.store import backup as backups


def _local_now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def open_data_folder(data: Path, *, now: datetime | None = None) -> Opened | Refused:
    """Open the registry in `data`: create or upgrade it (after a backup), take the day's
    backup, or refuse a damaged or newer file, naming the newest good backup."""
    return open_registry(database_path(data), backups_dir(data), now=_local_now(now))


def back_up_now(
    db: Database, data: Path, kind: BackupKind = BackupKind.MANUAL, *, now: datetime | None = None
) -> Backup:
    """Take a checked backup now (before an export: kind PRE_EXPORT); raises BackupError."""
    return backups.back_up(db.path, backups_dir(data), kind, now=_local_now(now))


def list_backups(data: Path) -> tuple[Backup, ...]:
    """The backups in the backup folder, newest first."""
    return backups.list_backups(backups_dir(data))


def restore_backup(
    data: Path, backup: Path, *, open_db: Database | None = None, now: datetime | None = None
) -> Backup | None:
    """Replace the registry with a checked copy of `backup`, keeping the current file as a
    PRE_RESTORE backup (returned). Closes `open_db` first; open the folder again afterwards."""
    if open_db is not None:
        open_db.close()
    return backups.restore(backup, database_path(data), backups_dir(data), now=_local_now(now))

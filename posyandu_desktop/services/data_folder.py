"""Opening the data folder at start-up, backups on demand, and restoring one."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from posyandu_desktop.domain.vocabulary import BackupKind
from posyandu_desktop.services.backup_vault import (
    RecoveryKeyError,
    backup_is_sealed,
    open_backup,
    seal_external_backups,
)
from posyandu_desktop.settings import backups_dir, database_path
from posyandu_desktop.store import Backup, Database, Opened, Refused, open_registry
from posyandu_desktop.store import backup as backups

_log = logging.getLogger(__name__)


def _local_now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def open_data_folder(data: Path, *, now: datetime | None = None) -> Opened | Refused:
    """Open the registry in `data`: create or upgrade it (after a backup), take the day's
    backup, or refuse a damaged or newer file, naming the newest good backup."""
    opened = open_registry(database_path(data), backups_dir(data), now=_local_now(now))
    _seal_external(data)
    return opened


def _seal_external(data: Path) -> None:
    # Backups on a stick are sealed as soon as they are written (services/backup_vault.py); a
    # stick pulled out meanwhile must not stop the app.
    try:
        seal_external_backups(data)
    except (OSError, ValueError):
        _log.warning("backups outside the data folder could not be sealed", exc_info=True)


def back_up_now(
    db: Database, data: Path, kind: BackupKind = BackupKind.MANUAL, *, now: datetime | None = None
) -> Backup:
    """Take a checked backup now (before an export: kind PRE_EXPORT); raises BackupError."""
    taken = backups.back_up(db.path, backups_dir(data), kind, now=_local_now(now))
    _seal_external(data)
    return taken


def list_backups(data: Path) -> tuple[Backup, ...]:
    """The backups in the backup folder, newest first."""
    return backups.list_backups(backups_dir(data))


def restore_backup(
    data: Path,
    backup: Path,
    *,
    open_db: Database | None = None,
    now: datetime | None = None,
    recovery_key: str | None = None,
) -> Backup | None:
    """Replace the registry with a checked copy of `backup`, keeping the current file as a
    PRE_RESTORE backup (returned). Closes `open_db` first; open the folder again afterwards.
    A sealed backup (from a stick) needs the recovery key: RecoveryKeyError without it."""
    plain = backup
    if backup_is_sealed(backup):
        if recovery_key is None:
            raise RecoveryKeyError("this backup is sealed: the recovery key is needed")
        plain = open_backup(backup, recovery_key, data / f".{backup.name}.opened")
    if open_db is not None:
        open_db.close()
    try:
        previous = backups.restore(
            plain, database_path(data), backups_dir(data), now=_local_now(now)
        )
    finally:
        if plain != backup:
            plain.unlink(missing_ok=True)
    _seal_external(data)
    return previous

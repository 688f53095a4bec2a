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

_log = logging.getLogger(__name__)
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
    opened = open_registry(
        database_path(data),
        backups,
        now=_local_now(now),
        program=program,
        must_exist=must_exist,
        new_registry=new_registry,
        other_backups=(data / LOCAL_BACKUPS, backups_dir(data)),
        traces=(data / "exports", data / "keys"),
    )
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
    """Take a checked backup now (before an export: kind PRE_EXPORT); raises BackupError. A
    manual backup goes to the chosen folder or fails (the cadre expects it on the stick); an
    automatic one falls back to the data folder when the stick is not plugged in."""
    folder = backups_dir(data) if kind is BackupKind.MANUAL else usable_backups_dir(data)[0]
    taken = backups.back_up(db.path, folder, kind, now=_local_now(now))
    _seal_external(data)
    return taken


def list_backups(data: Path) -> tuple[Backup, ...]:
    """The backups in the backup folder, newest first."""
    return backups.list_backups(usable_backups_dir(data)[0])


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
    # Only the holder of the folder's lock may swap the file (raises FolderLockedError), and
    # never under an open connection.
    lock.acquire(data, "posyandu-desktop restore")
    plain = backup
    if backup_is_sealed(backup):
        if recovery_key is None:
            raise RecoveryKeyError("this backup is sealed: the recovery key is needed")
        plain = open_backup(backup, recovery_key, data / f".{backup.name}.opened")
    if open_db is not None and not open_db.close():
        raise BackupError("the registry is still in use: not restored")
    try:
        previous = backups.restore(
            plain, database_path(data), usable_backups_dir(data)[0], now=_local_now(now)
        )
    finally:
        if plain != backup:
            plain.unlink(missing_ok=True)
    _seal_external(data)
    return previous

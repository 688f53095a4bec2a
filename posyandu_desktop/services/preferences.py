"""Where backups and logs go, from the data folder's preferences (settings.py)."""

from __future__ import annotations

from pathlib import Path

from posyandu_desktop import settings


def backup_folder(data: Path) -> Path:
    """Where backups go: the chosen folder (e.g. on a USB stick), else <data>/backups."""
    return settings.backups_dir(data)


def uses_default_backup_folder(data: Path) -> bool:
    """True when no backup folder was chosen."""
    return settings.backups_dir(data) == data / "backups"


def choose_backup_folder(data: Path, folder: Path | None) -> None:
    """Remember the backup folder (None: back to <data>/backups)."""
    settings.choose_backups_dir(data, folder)


def log_folder(data: Path) -> Path:
    """Where the app writes its log files."""
    return data / "logs"


def is_puskesmas(data: Path) -> bool:
    """True when this laptop was set up for the puskesmas (check and merge monthly files)."""
    return settings.app_mode(data) == settings.PUSKESMAS_MODE


def choose_puskesmas_mode(data: Path, puskesmas: bool) -> None:
    """Remember what this laptop is for (set-up asks once)."""
    settings.choose_app_mode(data, settings.PUSKESMAS_MODE if puskesmas else settings.POSYANDU_MODE)

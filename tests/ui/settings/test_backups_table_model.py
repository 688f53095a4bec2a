"""The backups table, without a window."""

from datetime import datetime
from pathlib import Path

from posyandu_desktop.services import Backup, BackupKind
from posyandu_desktop.ui.settings.backups_table_model import (
    BackupRow,
    BackupsTableModel,
    Column,
    size_text,
)


def test_each_backup_shows_when_why_and_how_big(qapp):
    path = Path("/usb/posyandu-20261113-083000-manual.sqlite")
    model = BackupsTableModel()
    model.set_rows(
        (BackupRow(Backup(path, BackupKind.MANUAL, datetime(2026, 11, 13, 8, 30)), 2_516_582),)
    )
    cells = [model.data(model.index(0, c)) for c in Column]
    assert cells == [
        "13 November 2026, 08.30",
        "Manual",
        "2,4 MB",
        "posyandu-20261113-083000-manual.sqlite",
    ]
    assert model.backup(0).path == path


def test_sizes_are_in_megabytes_with_a_decimal_comma():
    assert size_text(1024 * 1024 * 12 + 1024 * 600) == "12,6 MB"

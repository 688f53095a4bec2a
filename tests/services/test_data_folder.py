"""The data folder through the services: open, back up before an export, restore."""

from datetime import datetime

from posyandu_desktop import services
from posyandu_desktop.domain.vocabulary import BackupKind, Venue
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Opened
from tests.store.helpers import dump

NOW = datetime(2026, 2, 10, 9, 0)


def test_open_back_up_and_restore(tmp_path):
    opened = services.open_data_folder(tmp_path, now=NOW)
    assert isinstance(opened, Opened)
    db = opened.database
    services.set_up_posyandu(db, name="Melati", code="M-1", venue=Venue.RESIDENT_HOUSE).unwrap()
    before_export = services.back_up_now(db, tmp_path, BackupKind.PRE_EXPORT, now=NOW)
    expected = dump(database_path(tmp_path))
    services.set_up_posyandu(db, name="Mawar", code="M-2", venue=Venue.OTHER).unwrap()

    assert services.list_backups(tmp_path) == (before_export,)
    kept = services.restore_backup(tmp_path, before_export.path, open_db=db, now=NOW)

    assert dump(database_path(tmp_path)) == expected
    assert kept is not None and kept.kind is BackupKind.PRE_RESTORE
    again = services.open_data_folder(tmp_path, now=NOW)
    assert isinstance(again, Opened)
    again.database.close()

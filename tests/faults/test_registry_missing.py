"""A missing, empty or unreadable registry never becomes a new, empty Posyandu."""

from __future__ import annotations

import os

import pytest

from posyandu_desktop.services import Opened, Refused, StartupProblem, open_data_folder
from posyandu_desktop.services.housekeeping import usable_backups_dir
from posyandu_desktop.settings import choose_backups_dir, database_path
from posyandu_desktop.store import backup, lock
from tests.faults.helpers import NOW, posyandu_folder


@pytest.mark.parametrize("fault", ["deleted", "empty"])
def test_a_lost_registry_beside_backups_is_refused_naming_the_newest_backup(tmp_path, fault):
    data = tmp_path / "data"
    posyandu_folder(data)
    registry = database_path(data)
    if fault == "deleted":
        registry.unlink()
    else:
        registry.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        registry.with_name(registry.name + suffix).unlink(missing_ok=True)

    refused = open_data_folder(data, now=NOW)

    assert isinstance(refused, Refused)
    assert refused.problem is StartupProblem.MISSING
    assert refused.newest_good_backup is not None
    assert refused.newest_good_backup.path.parent == data / "backups"
    # Nothing was created over it, and no backup rotated away.
    assert not registry.exists() or registry.stat().st_size == 0
    assert len(backup.list_backups(data / "backups")) == 1


@pytest.mark.parametrize("trace", ["exports/posyandu-2026-11-r1.zip", "keys/signing-key.pem"])
def test_exports_or_a_signing_key_alone_also_mean_a_posyandu_lived_here(tmp_path, trace):
    data = tmp_path / "data"
    (data / trace).parent.mkdir(parents=True)
    (data / trace).write_bytes(b"x")
    refused = open_data_folder(data, now=NOW)
    assert isinstance(refused, Refused) and refused.problem is StartupProblem.MISSING
    assert refused.newest_good_backup is None


def test_only_a_confirmed_new_registry_is_made_in_such_a_folder(tmp_path):
    data = tmp_path / "data"
    posyandu_folder(data)
    database_path(data).unlink()
    opened = open_data_folder(data, now=NOW, new_registry=True)
    assert isinstance(opened, Opened)
    opened.database.close()


def test_a_mistyped_data_folder_is_not_created(tmp_path):
    refused = open_data_folder(tmp_path / "Posyandu Melatii", now=NOW, must_exist=True)
    assert isinstance(refused, Refused) and refused.problem is StartupProblem.NO_FOLDER
    assert not (tmp_path / "Posyandu Melatii").exists()


def test_a_read_only_data_folder_is_read_only_not_damaged(tmp_path, monkeypatch):
    data = tmp_path / "data"
    posyandu_folder(data)
    # A write-protected stick or a read-only share: no write access even for root.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode & os.W_OK else real_access(p, mode)
    )
    refused = open_data_folder(data, now=NOW)
    assert isinstance(refused, Refused)
    assert refused.problem is StartupProblem.READ_ONLY
    assert refused.newest_good_backup is None  # no restore offered


def test_a_backup_folder_on_an_unplugged_stick_does_not_stop_the_start(tmp_path):
    data = tmp_path / "data"
    posyandu_folder(data)
    stick = tmp_path / "media" / "FLASHDISK" / "backups"
    choose_backups_dir(data, stick)
    lock.release(data)

    opened = open_data_folder(data, now=NOW.replace(day=8))

    assert isinstance(opened, Opened)
    opened.database.close()
    assert usable_backups_dir(data) == (data / "backups", stick)
    assert not stick.parent.exists()  # nothing made on the root disk in the stick's place
    assert opened.backup is not None and opened.backup.path.parent == data / "backups"

"""0003 on a real 0002 file with data: the export ledger arrives empty, every row stays, and the
first export from the upgraded file carries the whole registry.

tests/fixtures/registry_0002.sqlite was written by the app at revision 0002 (before this
migration existed): tests/store/helpers.set_up_post plus a member cadre, the chair's PIN, a
closed day with attendance, an arrival, a weighing corrected once, a vitamin A capsule and a
home visit by two cadres, one of whom was then deleted from it.
"""

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from posyandu_desktop.domain.export_contract import MeasurementRow, PosyanduDayRow
from posyandu_desktop.store import Opened, migrate, open_registry
from posyandu_desktop.store.queries import exports
from tests.store.helpers import row_counts

FIXTURE = Path(__file__).parents[1] / "fixtures" / "registry_0002.sqlite"
NOW = datetime(2026, 3, 1, 7, 30)
NEW_TABLES = {"export_ledger", "export_copy"}


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "posyandu.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def _upgraded(tmp_path: Path) -> Opened:
    opened = open_registry(_copy(tmp_path), tmp_path / "backups", now=NOW)
    assert isinstance(opened, Opened)
    return opened


def test_the_fixture_is_at_0002_with_a_deletion_in_its_trail():
    assert migrate.stored_revision(FIXTURE) == "0002"
    connection = sqlite3.connect(f"{FIXTURE.resolve().as_uri()}?mode=ro", uri=True)
    try:
        actions = connection.execute(
            "SELECT action, table_name FROM audit_event WHERE action = 'delete'"
        ).fetchall()
    finally:
        connection.close()
    assert actions == [("delete", "home_visit_cadre")]


def test_upgrading_keeps_every_row_and_adds_an_empty_ledger(tmp_path):
    path = _copy(tmp_path)
    before = row_counts(path)
    assert not NEW_TABLES & set(before)

    migrate.upgrade(path, "0003")

    assert migrate.stored_revision(path) == "0003"
    after = row_counts(path)
    assert {t: n for t, n in after.items() if t not in NEW_TABLES} == before
    assert {t: after[t] for t in NEW_TABLES} == {"export_ledger": 0, "export_copy": 0}


def test_the_first_export_of_an_upgraded_file_carries_the_whole_registry(tmp_path):
    opened = _upgraded(tmp_path)
    assert opened.upgraded_from == "0002"
    assert opened.backup is not None and migrate.stored_revision(opened.backup.path) == "0002"
    db = opened.database
    with db.reading() as tx:
        head = exports.audit_head(tx)
        changes = exports.changes_since(tx, 0, head)
        everything = exports.all_rows(tx)
    db.close()

    assert changes.rows == everything
    counts = {t: len(rows) for t, rows in changes.rows.items() if rows}
    assert counts == {
        "posyandu": 1,
        "cadre": 2,
        "household": 1,
        "person": 2,
        "posyandu_day": 1,
        "arrival": 1,
        "cadre_attendance": 1,
        "home_visit": 1,
        "home_visit_cadre": 1,
        "measurement": 1,
        "service_given": 1,
    }
    assert {t: ids for t, ids in changes.deleted.items() if ids} == {"home_visit_cadre": [2]}
    (weighing,) = changes.of(MeasurementRow)
    assert (weighing.weight_kg, weighing.corrections) == (8.9, 1)
    assert changes.of(PosyanduDayRow)[0].closed_at == datetime(2026, 2, 10, 4, 30, tzinfo=UTC)
    # The chair set a PIN before the upgrade; its hash still stays on the laptop.
    assert all(not hasattr(cadre, "pin_hash") for cadre in changes.rows["cadre"])


def test_an_upgraded_file_keeps_a_ledger(tmp_path):
    db = _upgraded(tmp_path).database
    created_at = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
    with db.transaction(cadre_id=1) as tx:
        head = exports.audit_head(tx)
        entry = exports.add_export(
            tx,
            posyandu_id=1,
            period="2026-02",
            revision=1,
            file_name="posyandu_6474-MEL_2026-02_r1.zip",
            file_sha256="0" * 64,
            manifest_sha256="1" * 64,
            previous_manifest_sha256=None,
            audit_after=0,
            audit_upto=head,
            counts={"person": 2},
            created_at=created_at,
            created_by=1,
        )
        copy = exports.add_copy(tx, entry.id, "/media/kader/USB", created_at, True)
    with db.reading() as tx:
        assert exports.exports(tx, 1) == (entry,)
        assert exports.copies(tx, entry.id) == (copy,)
        # Writing the ledger is itself audited, but no exported table changed since.
        newest = exports.audit_head(tx)
        later = exports.changes_since(tx, head, newest)
    assert newest > head
    assert all(not rows for rows in later.rows.values())
    db.close()

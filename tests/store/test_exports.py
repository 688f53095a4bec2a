"""What a monthly export carries, read from the audit trail of a real registry file, and the
ledger of exports written."""

import json
import time
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.export_contract import (
    CadreCertificateRow,
    CadreRow,
    ExportRow,
    MeasurementRow,
    PersonRow,
    as_json,
    column_names,
)
from posyandu_desktop.domain.ids import MeasurementId
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services import cadres
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.store import Database, StorageError
from posyandu_desktop.store.queries import exports
from posyandu_desktop.store.records import Changes, ExportEntry, MeasuredValues, Reading
from posyandu_desktop.store.tables import Cadre, CadreCertificate, Measurement
from tests.store.helpers import TODAY, Post, new_database

NOW = datetime(2026, 2, 28, 9, 0, tzinfo=UTC)
# The exported tables with a uid column, written out so a table gaining or losing one fails.
UID_TABLES = [
    "household",
    "person",
    "posyandu_day",
    "home_visit",
    "measurement",
    "service_given",
    "health_check",
]
Row = ExportRow
R = TypeVar("R", bound=ExportRow)
Held = dict[str, dict[int, Row]]  # a copy rebuilt from exports: table -> id -> row
SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64


def _head(db: Database) -> int:
    with db.reading() as tx:
        return exports.audit_head(tx)


def _changes(db: Database, after: int, upto: int) -> Changes:
    with db.reading() as tx:
        return exports.changes_since(tx, after, upto)


def _all(db: Database) -> dict[str, list[Row]]:
    with db.reading() as tx:
        return exports.all_rows(tx)


def _all_of(db: Database, kind: type[R]) -> list[R]:
    return cast(list[R], _all(db)[kind.table])


def _ids(changes: Changes) -> dict[str, list[int]]:
    """Row ids per table, only the tables that have any."""
    return {t: [r.id for r in rows] for t, rows in changes.rows.items() if rows}


def _replay(target: Held, changes: Changes) -> None:
    """Apply one export to a copy held elsewhere: deletions first, then rows by id."""
    for table, ids in changes.deleted.items():
        for row_id in ids:
            target.setdefault(table, {}).pop(row_id, None)
    for table, rows in changes.rows.items():
        for row in rows:
            target.setdefault(table, {})[row.id] = row


def _as_lists(target: Held) -> dict[str, list[Row]]:
    return {
        t: [target.get(t, {})[i] for i in sorted(target.get(t, {}))]
        for t in exports.EXPORTED_TABLES
    }


def _weigh(db: Database, post: Post, weight_kg: float) -> int:
    return (
        services.record_measurement(
            db,
            cadre_id=post.cadre.id,
            person_id=post.child.id,
            measured_on=TODAY,
            values=MeasuredValues(weight_kg=Reading(weight_kg)),
            today=TODAY,
        )
        .unwrap()
        .id
    )


def _certificate(db: Database, post: Post, title: str) -> int:
    return (
        services.add_cadre_certificate(
            db, cadre_id=post.cadre.id, title=title, issued_on=date(2025, 6, 1), today=TODAY
        )
        .unwrap()
        .id
    )


def _delete_certificate(db: Database, post: Post, certificate_id: int) -> None:
    # No service deletes anything yet; an ORM delete in a transaction is what one would do,
    # and store/audit.py writes its DELETE event.
    with db.transaction(cadre_id=post.cadre.id, reason="salah input") as tx:
        tx.delete(tx.get_one(CadreCertificate, certificate_id))


def _delete_measurement(db: Database, post: Post, measurement_id: int) -> str:
    """Delete a measurement as a correction would (ORM delete, audited); its uid."""
    with db.transaction(cadre_id=post.cadre.id, reason="salah anak") as tx:
        row = tx.get_one(Measurement, measurement_id)
        uid = row.uid
        tx.delete(row)
    return uid


def test_an_empty_registry_has_nothing_to_export(db):
    with db.reading() as tx:
        assert exports.audit_head(tx) == 0
        changes = exports.changes_since(tx, 0, 0)
        assert exports.all_rows(tx) == {t: [] for t in exports.EXPORTED_TABLES}
    assert changes.rows == {t: [] for t in exports.EXPORTED_TABLES}
    assert changes.deleted == {t: [] for t in exports.EXPORTED_TABLES}
    assert changes.deleted_uids == {t: [] for t in UID_TABLES}


def test_the_first_export_carries_every_row_in_table_order(db, post):
    changes = _changes(db, 0, _head(db))

    assert list(changes.rows) == list(exports.EXPORTED_TABLES)
    assert list(changes.deleted) == list(exports.EXPORTED_TABLES)
    assert changes.rows == _all(db)
    assert _ids(changes) == {
        "posyandu": [post.posyandu_id],
        "cadre": [post.cadre.id],
        "household": [post.household.id],
        "person": [post.mother.id, post.child.id],
    }
    assert all(not ids for ids in changes.deleted.values())


def test_rows_are_typed_records_written_as_plain_json_values_of_every_column(db, post):
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    measurement_id = _weigh(db, post, 8.9)
    services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.VITAMIN_A,
        capsule=VitaminACapsule.BLUE,
        given_on=TODAY,
        day_id=day.id,
        today=TODAY,
    ).unwrap()
    changes = _changes(db, 0, _head(db))
    (record,) = [r for r in changes.of(PersonRow) if r.id == post.child.id]
    assert record.birth_date == date(2025, 3, 15)
    rows: dict[str, list[dict[str, Any]]] = {
        t: [as_json(r) for r in found] for t, found in changes.rows.items()
    }

    (child,) = [r for r in rows["person"] if r["id"] == post.child.id]
    assert child["birth_date"] == "2025-03-15"
    assert child["sex"] == 1
    assert child["uid"] == post.child.uid
    assert set(child) == set(column_names("person"))
    (weighing,) = rows["measurement"]
    assert weighing["id"] == measurement_id
    assert weighing["weight_kg"] == 8.9
    assert weighing["weight_source"] == "typed"
    assert weighing["wfa_category"] == "wfa.normal"
    assert datetime.fromisoformat(weighing["entered_at"]).tzinfo is not None
    (vitamin_a,) = rows["service_given"]
    assert (vitamin_a["kind"], vitamin_a["capsule"]) == ("vitamin_a", "blue")
    # Everything is JSON as it stands.
    assert json.loads(json.dumps(rows)) == rows


def test_a_window_holds_only_what_changed_in_it_in_its_current_state(db, post):
    first = _head(db)
    measurement_id = _weigh(db, post, 8.8)
    services.record_pregnancy(
        db, cadre_id=post.cadre.id, person_id=post.mother.id, pregnant=True, today=TODAY
    ).unwrap()
    second = _head(db)
    services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=MeasurementId(measurement_id),
        reason="salah ketik",
        values=MeasuredValues(weight_kg=Reading(8.9)),
        today=TODAY,
    ).unwrap()
    third = _head(db)

    window = _changes(db, first, second)
    assert _ids(window) == {"person": [post.mother.id], "measurement": [measurement_id]}
    (mother,) = window.of(PersonRow)
    assert mother.pregnant is True
    # Read in one transaction with the head, "current" is the state at the window's end; read
    # later, a row carries its newer state (the next window carries it again anyway).
    assert window.of(MeasurementRow)[0].weight_kg == 8.9

    # (after, upto]: the event at `after` belongs to the previous export, the one at `upto` here.
    correction = _changes(db, second, third)
    assert _ids(correction) == {"measurement": [measurement_id]}
    assert correction.of(MeasurementRow)[0].corrections == 1
    assert _ids(_changes(db, third - 1, third)) == {"measurement": [measurement_id]}
    assert _ids(_changes(db, third, third)) == {}
    assert _ids(_changes(db, third, third + 100)) == {}


def test_the_pin_hash_never_leaves_the_laptop(db, post):
    cadres.set_pin(db, post.cadre.id, "2468").unwrap()
    with db.reading() as tx:
        stored = tx.get_one(Cadre, post.cadre.id).pin_hash
        head = exports.audit_head(tx)
        pin_change = exports.changes_since(tx, head - 1, head).rows
        everything = [
            exports.changes_since(tx, 0, head).rows,
            pin_change,
            exports.all_rows(tx),
            {"cadre": exports.rows_by_id(tx, CadreRow, [post.cadre.id])},
        ]
    assert stored
    assert "pin_hash" not in column_names("cadre")
    assert "is_coordinator" in column_names("cadre")
    for found in everything:
        text = repr(found)
        assert "pin_hash" not in text
        assert stored not in text
    assert [r.id for r in pin_change["cadre"]] == [post.cadre.id]


def test_deleted_rows_are_named_by_id_in_the_window_of_their_deletion(db, post):
    kept = _certificate(db, post, "Pelatihan kader dasar")
    dropped = _certificate(db, post, "Pelatihan salah")
    before = _head(db)
    _delete_certificate(db, post, dropped)
    after = _head(db)

    window = _changes(db, before, after)
    assert window.deleted["cadre_certificate"] == [dropped]
    assert window.rows["cadre_certificate"] == []
    assert {t for t, ids in window.deleted.items() if ids} == {"cadre_certificate"}
    # Created and deleted before anyone exported it: named anyway, harmless to a replay.
    assert _changes(db, 0, after).deleted["cadre_certificate"] == [dropped]
    # Earlier windows know nothing of the deletion.
    assert _changes(db, 0, before).deleted["cadre_certificate"] == []
    assert [r.id for r in _all(db)["cadre_certificate"]] == [kept]


def test_deleted_rows_are_named_by_uid_in_the_window_of_their_deletion(db, post):
    kept = _weigh(db, post, 8.8)
    dropped = _weigh(db, post, 9.8)
    certificate = _certificate(db, post, "Pelatihan salah")
    before = _head(db)
    dropped_uid = _delete_measurement(db, post, dropped)
    _delete_certificate(db, post, certificate)
    after = _head(db)

    window = _changes(db, before, after)
    assert list(window.deleted_uids) == UID_TABLES
    assert window.deleted_uids["measurement"] == [dropped_uid]
    assert window.deleted["measurement"] == [dropped]
    # A certificate has no uid: named by id only.
    assert window.deleted["cadre_certificate"] == [certificate]
    assert {t for t, uids in window.deleted_uids.items() if uids} == {"measurement"}
    assert _changes(db, 0, after).deleted_uids["measurement"] == [dropped_uid]
    assert _changes(db, 0, before).deleted_uids["measurement"] == []
    with db.reading() as tx:
        (alive,) = exports.rows_by_id(tx, MeasurementRow, [kept])
    assert alive.uid != dropped_uid
    assert dropped_uid not in {r.uid for r in _all_of(db, MeasurementRow)}


def test_a_deleted_uid_stays_deleted_when_its_id_is_reused(db, post):
    # The reused id is a new row with a new uid: replaying by id needs no deletion, but what
    # was sent under the old uid (FHIR resources) must still go.
    first = _weigh(db, post, 8.8)
    start = _head(db)
    old_uid = _delete_measurement(db, post, first)
    again = _weigh(db, post, 8.9)
    assert again == first

    window = _changes(db, start, _head(db))
    assert window.deleted["measurement"] == []
    assert window.deleted_uids["measurement"] == [old_uid]
    (row,) = window.of(MeasurementRow)
    assert row.uid != old_uid


def test_an_id_reused_after_a_deletion_is_a_row_not_a_deletion(db, post):
    # SQLite hands the highest id out again once its row is gone (no AUTOINCREMENT).
    first = _certificate(db, post, "Pelatihan A")
    start = _head(db)
    _delete_certificate(db, post, first)
    again = _certificate(db, post, "Pelatihan B")
    assert again == first

    window = _changes(db, start, _head(db))
    assert window.deleted["cadre_certificate"] == []
    assert [r.title for r in window.of(CadreCertificateRow)] == ["Pelatihan B"]


def test_replaying_every_window_in_order_rebuilds_the_registry(db, post):
    copy: Held = {}
    marks = [0]

    def export() -> None:
        marks.append(_head(db))
        _replay(copy, _changes(db, marks[-2], marks[-1]))

    export()
    measurement_id = _weigh(db, post, 8.8)
    dropped = _certificate(db, post, "Pelatihan salah")
    export()
    services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=MeasurementId(measurement_id),
        reason="salah ketik",
        values=MeasuredValues(weight_kg=Reading(8.9)),
        today=TODAY,
    ).unwrap()
    _delete_certificate(db, post, dropped)
    _certificate(db, post, "Pelatihan kader dasar")  # takes the deleted id again
    cadres.set_pin(db, post.cadre.id, "1357").unwrap()
    export()
    export()  # nothing new: an empty window changes nothing
    services.set_cadre_active(db, cadre_id=post.cadre.id, active=False).unwrap()
    export()

    assert _as_lists(copy) == _all(db)
    assert cast(CadreRow, copy["cadre"][post.cadre.id]).active is False
    assert cast(MeasurementRow, copy["measurement"][measurement_id]).weight_kg == 8.9


def test_rows_by_id_reads_the_rows_asked_for(db, post):
    with db.reading() as tx:
        people = exports.rows_by_id(tx, PersonRow, [post.child.id, post.mother.id, 9999])
        many = exports.rows_by_id(tx, PersonRow, range(1, 2001))  # more than one query's worth
        none = exports.rows_by_id(tx, PersonRow, [])
    assert [p.name for p in people] == ["Siti Aminah", "Ahmad Fauzi"]
    assert many == people
    assert none == []


class _NotExported(ExportRow):
    table = "audit_event"


def test_only_exported_tables_can_be_read(db):
    with db.reading() as tx, pytest.raises(ValueError, match="audit_event"):
        exports.rows_by_id(tx, _NotExported, [1])
    with pytest.raises(ValueError, match="export_ledger"):
        column_names("export_ledger")


def _add(
    db: Database,
    post: Post,
    period: str,
    revision: int,
    *,
    audit_after: int = 0,
    audit_upto: int = 10,
    file_sha256: str = SHA_A,
    manifest_sha256: str = SHA_B,
    previous_manifest_sha256: str | None = None,
) -> ExportEntry:
    with db.transaction(cadre_id=post.cadre.id) as tx:
        return exports.add_export(
            tx,
            posyandu_id=post.posyandu_id,
            period=period,
            revision=revision,
            file_name=f"posyandu_6474-MEL_{period}_r{revision}.zip",
            file_sha256=file_sha256,
            manifest_sha256=manifest_sha256,
            previous_manifest_sha256=previous_manifest_sha256,
            audit_after=audit_after,
            audit_upto=audit_upto,
            counts={"person": 2, "measurement": 0},
            created_at=NOW,
            created_by=post.cadre.id,
        )


def test_the_ledger_lists_exports_by_month_then_revision(db, post):
    october = _add(db, post, "2026-10", 1, audit_upto=50)
    _add(db, post, "2026-11", 1, audit_after=50, audit_upto=80, previous_manifest_sha256=SHA_B)
    _add(db, post, "2026-10", 2, audit_upto=90, manifest_sha256=SHA_C)

    with db.reading() as tx:
        listed = exports.exports(tx, post.posyandu_id)
        assert exports.exports(tx, post.posyandu_id + 1) == ()
    assert [(e.period, e.revision) for e in listed] == [
        ("2026-10", 1),
        ("2026-10", 2),
        ("2026-11", 1),
    ]
    assert listed[0] == october
    assert october.counts == {"person": 2, "measurement": 0}
    assert october.created_at == NOW
    assert (october.audit_after, october.audit_upto) == (0, 50)
    assert listed[2].previous_manifest_sha256 == SHA_B


def test_a_revision_is_written_once(db, post):
    first = _add(db, post, "2026-10", 1)
    with pytest.raises(StorageError, match="UNIQUE"):
        _add(db, post, "2026-10", 1, file_sha256=SHA_C)
    with db.reading() as tx:
        assert exports.exports(tx, post.posyandu_id) == (first,)


@pytest.mark.parametrize(
    ("period", "revision", "window"),
    [
        ("2026-13", 1, (0, 5)),
        ("2026-00", 1, (0, 5)),
        ("26-10", 1, (0, 5)),
        ("2026-10", 0, (0, 5)),
        ("2026-10", 1, (6, 5)),
    ],
)
def test_the_file_refuses_a_ledger_entry_that_makes_no_sense(db, post, period, revision, window):
    with pytest.raises(StorageError, match="CHECK"):
        _add(db, post, period, revision, audit_after=window[0], audit_upto=window[1])


def test_copies_of_an_export(db, post):
    entry = _add(db, post, "2026-10", 1)
    later = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    with db.transaction() as tx:
        usb = exports.add_copy(tx, entry.id, "/media/kader/USB DISK", later, True)
        kept = exports.add_copy(tx, entry.id, "/home/kader/.local/share/exports", NOW, True)
        failed = exports.add_copy(tx, entry.id, "E:\\", later, False)
    with db.reading() as tx:
        assert exports.copies(tx, entry.id) == (kept, usb, failed)
        assert exports.copies(tx, entry.id + 1) == ()
    assert usb.destination == "/media/kader/USB DISK"
    assert usb.copied_at == later and usb.verified
    assert not failed.verified


# A demo year: 60 children, 12 monthly sessions (~3,700 audit events, ~920 measurements).
DEMO_TODAY = date(2026, 10, 20)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated: Path) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    db = new_database(folder, migrated)
    load_demo(db, today=DEMO_TODAY, children=60, months=12, seed=1)
    db.close()
    return folder / "posyandu.sqlite"


@pytest.fixture
def demo(tmp_path, demo_template):
    db = new_database(tmp_path, demo_template)
    yield db
    db.close()


def test_a_demo_year_exports_in_well_under_a_second(demo):
    with demo.reading() as tx:
        started = time.perf_counter()
        head = exports.audit_head(tx)
        changes = exports.changes_since(tx, 0, head)
        elapsed_s = time.perf_counter() - started
        everything = exports.all_rows(tx)
    assert len(changes.rows["measurement"]) > 500
    assert changes.rows == everything
    # Measured at ~0.1 s; a slow CI machine still has room.
    assert elapsed_s < 1.0


def test_a_demo_year_exported_in_many_windows_replays_to_the_registry(demo):
    with demo.reading() as tx:
        head = exports.audit_head(tx)
        marks = [0, *range(250, head, 250), head]
        windows = [exports.changes_since(tx, a, u) for a, u in pairwise(marks)]
        everything = exports.all_rows(tx)
    copy: Held = {}
    for window in windows:
        _replay(copy, window)
    assert _as_lists(copy) == everything
    assert sum(len(w.rows["measurement"]) for w in windows) >= len(everything["measurement"])

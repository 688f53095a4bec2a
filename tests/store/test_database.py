"""The engine's PRAGMAs, all-or-nothing transactions, write locks and read-only snapshots."""

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from posyandu_desktop.domain.people import Sex
from posyandu_desktop.store import StorageError
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.tables import Household
from tests.store.helpers import row_counts


def test_every_connection_runs_with_the_durability_pragmas(db):
    with db.reading() as tx:
        pragmas = {
            name: tx.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
        }
    assert pragmas == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "busy_timeout": 10_000,
    }


def test_a_transaction_commits_as_a_whole(db):
    with db.transaction() as tx:
        people.add_household(tx, head_name="A", address="", rt=1, rw=1, kelurahan="", phone="")
        people.add_household(tx, head_name="B", address="", rt=1, rw=1, kelurahan="", phone="")
    assert row_counts(db.path)["household"] == 2


def test_a_transaction_that_raises_leaves_nothing_behind(db):
    with pytest.raises(RuntimeError), db.transaction() as tx:
        people.add_household(tx, head_name="A", address="", rt=1, rw=1, kelurahan="", phone="")
        raise RuntimeError("power cut in the middle")
    counts = row_counts(db.path)
    assert counts["household"] == 0
    assert counts["audit_event"] == 0


def test_a_constraint_violation_rolls_back_and_raises_storage_error(db):
    with pytest.raises(StorageError), db.transaction() as tx:
        people.add_household(tx, head_name="A", address="", rt=1, rw=1, kelurahan="", phone="")
        tx.add(Household(head_name="B", rt=5000))  # CHECK rt BETWEEN 1 AND 999
        tx.flush()
    assert row_counts(db.path)["household"] == 0


def test_foreign_keys_are_enforced(db):
    with pytest.raises(StorageError, match="FOREIGN KEY"), db.transaction() as tx:
        people.add_person(tx, name="X", sex=Sex.MALE, birth_date=date(2020, 1, 1), household_id=99)


def test_a_writer_holds_the_lock_from_the_start(db):
    # BEGIN IMMEDIATE: a second writer cannot start while the first is open, even before the
    # first has written anything, so neither fails half-way through its own work.
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.transaction() as tx:
            tx.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_reading_never_writes(db):
    with db.reading() as tx:
        people.add_household(tx, head_name="A", address="", rt=1, rw=1, kelurahan="", phone="")
    assert row_counts(db.path)["household"] == 0


def test_naive_datetimes_are_refused(db):
    # A naive time has no zone: stored as if UTC it would silently shift by 8 hours in Bontang.
    with pytest.raises(StatementError, match="naive datetime"), db.transaction() as tx:
        tx.add(Household(head_name="A", created_at=datetime(2026, 1, 1, 9, 0)))
        tx.flush()


def test_integrity_check_of_a_sound_file(db):
    assert db.integrity_check() == ["ok"]

"""The one engine per database file, its PRAGMAs, and `transaction()`: commit all or nothing.

The SQLite file is the only copy of a Posyandu's records until the monthly export, so every
connection runs with foreign keys on, WAL and `synchronous=FULL` (a committed transaction is on
disk before commit returns, even if the power fails right after), and every write transaction
starts with BEGIN IMMEDIATE, so it takes the write lock before reading and never fails half-way
on a lock held by another connection (busy_timeout waits for it instead).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeAlias

from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from posyandu_desktop.store import audit

# How long a connection waits for another one's write lock before giving up (ms).
BUSY_TIMEOUT_MS = 10_000
# How long `close` waits for reads and transactions of other threads to end (s).
CLOSE_WAIT_S = 10.0

Tx: TypeAlias = Session
"""An open transaction, handed to `store.queries` functions; callers never look inside."""


class StorageError(Exception):
    """The database could not be read or written (disk full, I/O error, locked too long)."""


def _pragmas(foreign_keys: bool) -> list[str]:
    return [
        f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    ]


def _begin(connection: Any) -> None:
    # Writers take the lock up front (IMMEDIATE); readers take a snapshot lazily (DEFERRED).
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine for the file at `path` with the durability PRAGMAs on every connection."""
    # foreign_keys=False only for migrations: Alembic's batch mode copies and drops tables,
    # which foreign keys would block; `migrate.upgrade` checks the keys afterwards.
    pragmas = _pragmas(foreign_keys)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver level: pysqlite's own implicit BEGIN would start transactions
        # late (only before the first write) and DEFERRED; `_begin` emits the BEGIN we want.
        dbapi_connection.isolation_level = None
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    # URL.create, not an f-string: a folder named "Data #2" or "?" would break URL parsing.
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", _begin)
    return engine


class Database:
    """An open registry file. Use one per process; threads each get their own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine = make_engine(path)
        self._writer = sessionmaker(
            self._engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )
        audit.record_changes_of(self._writer)
        self._reader = sessionmaker(self._engine)

    @contextmanager
    def transaction(
        self, *, cadre_id: int | None = None, reason: str | None = None
    ) -> Iterator[Tx]:
        """One write transaction: committed as a whole when the block ends, rolled back as a
        whole if it raises. Every row change in it gets an audit event naming `cadre_id` and
        `reason` (store/audit.py)."""
        session = self._writer(info={audit.CADRE: cadre_id, audit.REASON: reason})
        try:
            with session.begin():
                yield session
        except DBAPIError as error:
            raise StorageError(str(error.orig)) from error
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        """A consistent read-only snapshot; anything written in it is rolled back."""
        session = self._reader()
        try:
            yield session
        except DBAPIError as error:
            raise StorageError(str(error.orig)) from error
        finally:
            session.rollback()
            session.close()

    def integrity_check(self) -> list[str]:
        """SQLite's full `PRAGMA integrity_check`: ["ok"] when the file is sound."""
        with self._engine.connect() as connection:
            return [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]

    def checkpoint(self) -> None:
        """Move every committed page from the -wal file into the main file and empty the -wal
        (TRUNCATE), so the `.sqlite` file alone is complete at this point (day close, export,
        backup). Readers in the middle of a snapshot make it partial, never wrong."""
        with self._engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def in_use(self) -> bool:
        """True while a transaction or a read (another thread's) holds a connection."""
        return bool(getattr(self._engine.pool, "checkedout", lambda: 0)())

    def close(self) -> bool:
        """Close every pooled connection (before a restore replaces the file), after waiting up
        to CLOSE_WAIT_S for reads and transactions still running in other threads. False when
        one was still running (its connection stays open until it ends)."""
        deadline = time.monotonic() + CLOSE_WAIT_S
        while self.in_use() and time.monotonic() < deadline:
            time.sleep(0.02)
        idle = not self.in_use()
        self._engine.dispose()
        return idle

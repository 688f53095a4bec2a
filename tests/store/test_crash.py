"""Kill a process with SIGKILL while it saves measurements, many times: every save that
returned is in the file afterwards, whole, with its audit event, and the file is sound."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import IO

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.people import Sex
from tests.store.helpers import TODAY

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 25
SEED = 20_260_210


def _read_until(stream: IO[str], last: str, saved: list[int]) -> str:
    while True:
        line: str = stream.readline()
        if not line:
            raise AssertionError("the crash worker died on its own")
        line = line.strip()
        if line.startswith("error"):
            raise AssertionError(f"the crash worker failed: {line}")
        if line.startswith(last):
            return line
        saved.append(int(line))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
@pytest.mark.timeout(120)
def test_every_save_that_returned_survives_sigkill(db, post):
    children = [post.child.id] + [
        services.register_person(
            db,
            cadre_id=post.cadre.id,
            name=f"Anak {i}",
            sex=Sex(1 + i % 2),
            birth_date=date(2025, 1 + i, 10),
            mother_id=post.mother.id,
            today=TODAY,
        )
        .unwrap()
        .id
        for i in range(5)
    ]
    db.close()
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_worker", str(db.path), str(post.cadre.id)]
        + [str(c) for c in children],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert worker.stdin is not None and worker.stdout is not None
    rng = random.Random(SEED)
    saved: list[int] = []
    try:
        for _ in range(ROUNDS):
            worker.stdin.write("fork\n")
            worker.stdin.flush()
            pid = int(_read_until(worker.stdout, "pid", saved).split()[1])
            time.sleep(rng.uniform(0.02, 0.35))
            os.kill(pid, signal.SIGKILL)
            _read_until(worker.stdout, "reaped", saved)
        worker.stdin.write("quit\n")
        worker.stdin.flush()
        assert worker.wait(timeout=30) == 0
    finally:
        if worker.poll() is None:
            worker.kill()

    assert len(saved) > ROUNDS  # the kills landed while work was going on
    connection = sqlite3.connect(db.path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {row[0] for row in connection.execute("SELECT id FROM measurement")}
        created = [
            row[0]
            for row in connection.execute(
                "SELECT row_id FROM audit_event "
                "WHERE table_name = 'measurement' AND action = 'create'"
            )
        ]
    finally:
        connection.close()
    assert set(saved) <= stored  # nothing whose save returned is lost
    assert sorted(created) == sorted(stored)  # each row with its audit event: nothing half-saved

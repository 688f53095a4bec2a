"""The registry's speed on a Posyandu-sized file: 10,000 people, 250,000 measurements.

    .venv/bin/python benchmarks/store.py [--quick] [--db PATH]

Builds the file (bulk inserts through the store's tables in big transactions; `--db PATH`
keeps it and reuses it next time), then times through the services, in one run:

- record one measurement (`record_measurement`: checks, z-scores, KMS status, audit, commit)
  beside a raw sqlite3 INSERT + COMMIT of the same row into the same table with the same
  PRAGMAs, alternating the two so both see the same file and the same disk;
- name search as the cadre types (`find_people` for each prefix of real names, and of NIKs);
- the "due today" list (`due_today`), also after `gc.freeze()` (what app.py should call
  once started: Python's full GC passes over long-lived objects make this list's tail);
- opening: creating and migrating a new file; opening this file at head (quick_check and
  revision check) in this process and in a fresh interpreter (imports included); the daily
  backup of this file.

Timings are time.perf_counter_ns; p50/p99 over many calls. This VM is noisy (a shared 2-core
machine): compare ratios and orders of magnitude, not the last millisecond.
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 20_260_210
TODAY = date(2026, 2, 10)  # a February: the due list includes vitamin A
NOW = datetime(2026, 2, 10, 9, 0)
SEARCH_TARGET_MS = 30.0
DUE_TARGET_MS = 100.0

FIRST = (  # split on use
    "Siti Nur Dewi Sri Rina Ayu Putri Aisyah Fitri Indah Ahmad Muhammad Budi Agus Rizky Dimas "
    "Fajar Bayu Eko Andi Hendra Joko Rahma Wulan Lestari Yuni Ratna Dian Citra Nabila Zahra "
    "Aditya Arif Bagus Dedi Galih Ilham Irfan Reza Yusuf Kurnia Maya Novi Tri Wahyu Nurul "
    "Intan"
)
LAST = (  # split on use
    "Aminah Santoso Wijaya Pratama Saputra Lestari Hidayat Kurniawan Rahmawati Setiawan "
    "Nugroho Susanti Wulandari Purnama Ramadhan Maulana Hasanah Fauzi Permata Anggraini "
    "Syahputra Firmansyah Handayani Utami Safitri Hakim Yulianti Sari Putra Halim"
)


def percentile(samples_ns: list[int], q: float) -> float:
    """The q-th percentile in milliseconds (nearest rank)."""
    ordered = sorted(samples_ns)
    rank = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[rank] / 1e6


def timed(fn: Callable[[], Any]) -> int:
    start = time.perf_counter_ns()
    fn()
    return time.perf_counter_ns() - start


# --- building the file ---------------------------------------------------------------------


def _months_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def build(path: Path, people_n: int, measurements_n: int) -> dict[str, int]:
    """A registry with `people_n` people in households of four (two parents, a child under
    five, a child of 5-10) and up to `measurements_n` measurements: monthly weighings from birth
    to five years for every child, and a visit every six months for adults. Bulk Core inserts:
    no audit events (the timed calls write their own)."""
    from sqlalchemy import insert

    from posyandu_desktop.domain.people import Sex
    from posyandu_desktop.domain.vocabulary import CadreRole, MeasurementSource, Venue
    from posyandu_desktop.store import Database, migrate
    from posyandu_desktop.store.queries.people import name_key
    from posyandu_desktop.store.tables import Cadre, Household, Measurement, Person, Posyandu

    rng = random.Random(SEED)
    first, last = FIRST.split(), LAST.split()
    migrate.upgrade(path)
    households = [
        {
            "id": h + 1,
            "head_name": f"{rng.choice(first)} {rng.choice(last)}",
            "rt": 1 + h % 12,
            "rw": 1 + h % 4,
            "address": f"Jl. Kenari {h % 90}",
        }
        for h in range(people_n // 4)
    ]
    people: list[dict[str, Any]] = []
    for p in range(people_n):
        role = p % 4  # 0 mother, 1 father, 2 child under five, 3 child of 5-10
        if role < 2:
            born = TODAY - timedelta(days=rng.randint(20 * 365, 45 * 365))
            sex, mother = Sex(2 - role), None
        else:
            years = rng.uniform(0, 5) if role == 2 else rng.uniform(5, 10)
            born = TODAY - timedelta(days=int(years * 365.25))
            sex, mother = Sex(rng.randint(1, 2)), p - role + 1
        name = f"{rng.choice(first)} {rng.choice(last)}"
        day = born.day + (40 if sex is Sex.FEMALE else 0)
        nik = f"647401{day:02d}{born:%m%y}{p % 10_000:04d}"
        people.append(
            {
                "id": p + 1,
                "name": name,
                "name_key": name_key(name),
                "sex": sex,
                "birth_date": born,
                "household_id": 1 + p // 4,
                "mother_id": mother,
                "nik": nik if role < 2 or p % 2 else None,
            }
        )
    measurements: list[dict[str, Any]] = []
    for person in people:
        born = person["birth_date"]
        if person["mother_id"] is None:
            visits, weight, step = [_months_after(TODAY, -6 * k) for k in range(1, 7)], 60.0, 1.0
        else:
            visits = [_months_after(born, m) for m in range(1, 60)]
            visits = [v for v in visits if v < TODAY.replace(day=1)]
            weight, step = 3.4, 0.35
        for on in visits:
            weight = max(2.0, weight + rng.uniform(-step / 3, step))
            measurements.append(
                {
                    "person_id": person["id"],
                    "measured_on": on,
                    "entered_by": 1,
                    "weight_kg": round(weight, 2),
                    "weight_source": MeasurementSource.TYPED,
                    "age_days": (on - born).days,
                    "engine_version": "bulk",
                    "corrections": 0,
                    "oedema": False,
                    "two_t": False,
                }
            )
    rng.shuffle(measurements)  # trim evenly, then insert in date order as entry would
    measurements = sorted(measurements[:measurements_n], key=lambda m: m["measured_on"])
    _add_kms_statuses(people, measurements)
    db = Database(path)
    with db.transaction() as tx:
        tx.execute(
            insert(Posyandu),
            [{"id": 1, "name": "Bench", "code": "B-1", "venue": Venue.OWN_BUILDING}],
        )
        tx.execute(
            insert(Cadre), [{"id": 1, "posyandu_id": 1, "name": "Sri", "role": CadreRole.CHAIR}]
        )
        tx.execute(insert(Household), households)
        tx.execute(insert(Person), people)
    for start in range(0, len(measurements), 50_000):
        with db.transaction() as tx:
            tx.execute(insert(Measurement), measurements[start : start + 50_000])
    db.close()
    return {"people": len(people), "measurements": len(measurements)}


def _add_kms_statuses(people: list[dict[str, Any]], measurements: list[dict[str, Any]]) -> None:
    """N/T/O/B as the app would have stored them (one weighing a month here), so that timed
    saves recompute only what a real save would."""
    from posyandu_desktop.domain.growth.weight_gain import completed_months, growth_statuses

    births = {p["id"]: p["birth_date"] for p in people}
    by_person: dict[int, list[dict[str, Any]]] = {}
    for m in measurements:
        if completed_months(births[m["person_id"]], m["measured_on"]) < 60:
            by_person.setdefault(m["person_id"], []).append(m)
    for person_id, rows in by_person.items():
        history = growth_statuses(
            births[person_id], [(m["measured_on"], m["weight_kg"]) for m in rows]
        )
        for m, result in zip(rows, history.results, strict=True):
            m["growth_status"], m["two_t"] = result.status, result.two_t


# --- the timed operations ------------------------------------------------------------------

Row = list[str]


def bench_record(db: Any, path: Path, n: int) -> tuple[Row, Row]:
    """record_measurement beside a raw INSERT + COMMIT of the same row, alternating."""
    from posyandu_desktop import services
    from posyandu_desktop.domain.ids import CadreId
    from posyandu_desktop.store.records import MeasuredValues, Reading

    rng = random.Random(SEED + 1)
    raw = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "foreign_keys = ON",
        "journal_mode = WAL",
        "synchronous = FULL",
        "busy_timeout = 10000",
    ):
        raw.execute(f"PRAGMA {pragma}")
    children = [
        r[0]
        for r in raw.execute(
            "SELECT id FROM person WHERE birth_date > ? AND mother_id IS NOT NULL",
            ((TODAY - timedelta(days=4 * 365)).isoformat(),),
        )
    ]
    insert_raw = (
        "INSERT INTO measurement (uid, person_id, measured_on, entered_by, entered_at, "
        "corrections, weight_kg, weight_source, oedema, age_days, two_t, engine_version) "
        "VALUES (?, ?, ?, 1, ?, 0, ?, 'typed', 0, 300, 0, 'raw')"
    )
    ours: list[int] = []
    baseline: list[int] = []
    for i in range(n):
        child = rng.choice(children)
        kg = round(rng.uniform(6, 16), 2)
        values = MeasuredValues(weight_kg=Reading(kg))
        ours.append(
            timed(
                partial(
                    services.record_measurement,
                    db,
                    cadre_id=CadreId(1),
                    person_id=child,
                    measured_on=TODAY,
                    values=values,
                    today=TODAY,
                )
            )
        )

        def insert_one(c: int = child, w: float = kg, k: int = i) -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(insert_raw, (f"raw{k:028d}", c, TODAY.isoformat(), NOW.isoformat(), w))
            raw.execute("COMMIT")

        baseline.append(timed(insert_one))
    raw.close()
    b50, b99 = percentile(baseline, 50), percentile(baseline, 99)
    o50, o99 = percentile(ours, 50), percentile(ours, 99)
    return (
        [
            "record one measurement (service)",
            f"{n}",
            f"{o50:.2f}",
            f"{o99:.2f}",
            "",
            f"{o50 / b50:.1f}x raw",
        ],
        [
            "  raw sqlite3 INSERT + COMMIT, same PRAGMAs",
            f"{n}",
            f"{b50:.2f}",
            f"{b99:.2f}",
            "",
            "baseline",
        ],
    )


def bench_search(db: Any, path: Path, names_n: int) -> tuple[Row, Row]:
    """find_people for every prefix of real names and NIKs, as typed key by key."""
    from posyandu_desktop import services

    rng = random.Random(SEED + 2)
    with closing(sqlite3.connect(path)) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM person")]
        niks = [r[0] for r in connection.execute("SELECT nik FROM person WHERE nik IS NOT NULL")]
    name_keys = [n[:k] for n in rng.sample(names, names_n) for k in range(1, len(n) + 1)]
    nik_keys = [n[:k] for n in rng.sample(niks, names_n // 2) for k in range(2, 17)]
    by_name = [timed(partial(services.find_people, db, text, today=TODAY)) for text in name_keys]
    by_nik = [timed(partial(services.find_people, db, text, today=TODAY)) for text in nik_keys]
    rows = []
    for label, samples in (
        ("name search as you type", by_name),
        ("NIK search as you type", by_nik),
    ):
        p99 = percentile(samples, 99)
        verdict = "met" if p99 < SEARCH_TARGET_MS else "MISSED"
        rows.append(
            [
                label,
                f"{len(samples)}",
                f"{percentile(samples, 50):.2f}",
                f"{p99:.2f}",
                f"p99 < {SEARCH_TARGET_MS:.0f} ms: {verdict}",
                "",
            ]
        )
    return rows[0], rows[1]


def bench_due(db: Any, n: int, note: str = "") -> Row:
    from posyandu_desktop import services

    count = len(services.due_today(db, today=TODAY))
    samples = [timed(lambda: services.due_today(db, today=TODAY)) for _ in range(n)]
    p99 = percentile(samples, 99)
    verdict = "met" if p99 < DUE_TARGET_MS else "MISSED"
    return [
        f"due today ({count:,} children listed){note}",
        f"{n}",
        f"{percentile(samples, 50):.2f}",
        f"{p99:.2f}",
        f"p99 < {DUE_TARGET_MS:.0f} ms: {verdict}",
        "",
    ]


def bench_open(path: Path, work: Path) -> list[Row]:
    from posyandu_desktop.domain.vocabulary import BackupKind
    from posyandu_desktop.store import Opened, backup, open_registry

    def create() -> None:
        fresh = work / f"fresh-{time.perf_counter_ns()}.sqlite"
        opened = open_registry(fresh, work / "fresh-backups", now=NOW)
        assert isinstance(opened, Opened)
        opened.database.close()

    created = [timed(create) for _ in range(5)]
    backups = work / "backups"
    backup.back_up(path, backups, BackupKind.DAILY, now=NOW)  # so opening takes no backup

    def open_at_head() -> None:
        opened = open_registry(path, backups, now=NOW)
        assert isinstance(opened, Opened) and opened.backup is None
        opened.database.close()

    at_head = [timed(open_at_head) for _ in range(5)]
    script = (
        "import datetime, pathlib\n"
        "from posyandu_desktop.store import open_registry\n"
        f"open_registry(pathlib.Path({str(path)!r}), pathlib.Path({str(backups)!r}),"
        " now=datetime.datetime(2026, 2, 10, 9, 0)).database.close()\n"
    )
    fresh_process = [
        timed(lambda: subprocess.run([sys.executable, "-c", script], check=True)) for _ in range(3)
    ]
    daily = [
        timed(lambda: backup.back_up(path, work / "daily", BackupKind.DAILY, now=NOW))
        for _ in range(3)
    ]

    def median_row(label: str, samples: list[int]) -> Row:
        return [
            label,
            f"{len(samples)}",
            f"{statistics.median(samples) / 1e6:.1f}",
            f"{max(samples) / 1e6:.1f}",
            "",
            "",
        ]

    return [
        median_row("create a new file + migrate to head", created),
        median_row("open this file at head (quick_check, revision)", at_head),
        median_row("  the same in a fresh interpreter, imports included", fresh_process),
        median_row("daily backup of this file (online backup + check)", daily),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a small file, few calls (smoke)")
    parser.add_argument("--db", type=Path, help="build the file here once and reuse it")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.zscores import markdown
    from posyandu_desktop.store import Database

    people_n, measurements_n = (1_000, 25_000) if args.quick else (10_000, 250_000)
    record_n, names_n, due_n = (50, 10, 5) if args.quick else (400, 60, 100)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        path = args.db or work / "bench.sqlite"
        if path.exists():
            print(f"reusing {path}", file=sys.stderr)
        else:
            print(
                f"building {people_n:,} people, {measurements_n:,} measurements ...",
                file=sys.stderr,
            )
            start = time.perf_counter()
            built = build(path, people_n, measurements_n)
            print(f"  built {built} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        with closing(sqlite3.connect(path)) as connection:
            counts = {
                t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("person", "measurement")
            }
        print("timing ...", file=sys.stderr)
        opening = bench_open(path, work)  # first: the file as built, before the timed writes
        db = Database(path)
        table = [["operation", "n", "p50 ms", "p99 ms", "target", "vs baseline"]]
        table += [*bench_search(db, path, names_n), bench_due(db, due_n)]
        # Its tail is Python's full GC passes over every long-lived object (SQLAlchemy's,
        # the app's), not the query: gc.freeze() after start-up takes those out of the passes.
        gc.freeze()
        table.append(bench_due(db, due_n, note=", after gc.freeze()"))
        gc.unfreeze()
        table += bench_record(db, path, record_n)
        db.close()
        table += [["operation", "n", "median ms", "max ms", "", ""], *opening]
        size_mb = path.stat().st_size / 1e6
    print(
        f"Registry of {counts['person']:,} people and {counts['measurement']:,} measurements "
        f"({size_mb:.0f} MB), SQLite {sqlite3.sqlite_version}, WAL, synchronous=FULL\n"
    )
    print(markdown(table))


if __name__ == "__main__":
    main()

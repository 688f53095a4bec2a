"""The puskesmas merge on a whole city: 79 Posyandu monthly files (goal: under 10 s).

    .venv/bin/python benchmarks/exchange.py [--posyandu 79] [--repeat 3]

Makes one demo Posyandu (60 children, 12 months), exports October then November, and packs 79
copies of the November file, each under its own code and its own signing key (the member bytes
are the real export's, with the summary renamed). Then, in one run, median of N:

- `merge_files` on the 79 files: verify (signature, every member's hash, chain) + recap + PDF +
  XLSX, the whole puskesmas step (goal < 10 s);
- `check_files` alone (verification only);
- the floor: reading the 79 files and hashing every byte with SHA-256 once.

The machine is a noisy shared VM: compare the ratios to the floor, not the milliseconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
MERGE_GOAL_S = 10.0


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _renamed(name: str, content: bytes, code: str) -> bytes:
    """The member as another Posyandu's: only the summary names the Posyandu."""
    if name != "report/summary.json":
        return content
    summary = json.loads(content)
    summary["posyandu"].update(code=code, name=f"Posyandu {code}")
    return json.dumps(summary, ensure_ascii=False).encode()


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from posyandu_desktop.exchange.package import (
        MANIFEST,
        SIGNATURE,
        Manifest,
        Period,
        PosyanduIdentity,
        export_file_name,
        pack,
    )
    from posyandu_desktop.services import Opened, open_data_folder
    from posyandu_desktop.services.export import export_folder, export_month
    from posyandu_desktop.services.puskesmas import check_files, merge_files
    from posyandu_desktop.services.setup import load_demo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posyandu", type=int, default=79)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp())
    data = root / "data"
    opened = open_data_folder(data)
    assert isinstance(opened, Opened)
    db = opened.database
    load_demo(db, today=TODAY)
    now = datetime(2026, 11, 20, 3, tzinfo=UTC)
    export_month(db, data, Period(2026, 10), cadre_id=None, now=now)
    made = export_month(db, data, Period(2026, 11), cadre_id=None, now=now)
    db.close()
    assert made.value is not None, made.problems
    source = export_folder(data) / made.value.file_name
    with zipfile.ZipFile(source) as archive:
        manifest = Manifest.from_json_bytes(archive.read(MANIFEST))
        members = [
            (n, archive.read(n)) for n in archive.namelist() if n not in (MANIFEST, SIGNATURE)
        ]

    files = []
    for n in range(1, args.posyandu + 1):
        code = f"BTG-{n:02d}"
        identity = PosyanduIdentity(code, f"Posyandu {code}", "", "", "Bontang", "Puskesmas")
        renamed = [(name, _renamed(name, content, code)) for name, content in members]
        raw, _ = pack(
            posyandu=identity,
            period=manifest.period,
            revision=1,
            created_at=now,
            app_version=manifest.app_version,
            schema_revision=manifest.schema_revision,
            audit_after=manifest.audit_after,
            audit_upto=manifest.audit_upto,
            counts=manifest.counts,
            deleted=manifest.deleted,
            previous=None,
            supersedes=None,
            members=renamed,
            key=Ed25519PrivateKey.generate(),
        )
        path = root / "usb" / export_file_name(code, manifest.period, 1)
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(raw)
        files.append(path)

    def floor() -> None:
        for path in files:
            hashlib.sha256(path.read_bytes()).digest()

    def merge() -> None:
        result = merge_files(files, root / "rekap", today=TODAY)
        assert result.recap is not None and len(result.recap.rows) == args.posyandu

    _report(files, floor, merge, check_files, args.repeat)
    return 0


def _report(files, floor, merge, check_files, repeat: int) -> None:  # type: ignore[no-untyped-def]
    timings = [
        ("read + SHA-256 every byte (floor)", _median(floor, repeat)),
        ("check_files (verify only)", _median(lambda: check_files(files, None), repeat)),
        ("merge_files (verify, recap, PDF, XLSX)", _median(merge, repeat)),
    ]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"{len(files)} files, {size_mb:.1f} MB in all, median of {repeat}")
    print(f"{'step':44} {'seconds':>8} {'x floor':>8}")
    base = timings[0][1]
    for label, seconds in timings:
        print(f"{label:44} {seconds:8.3f} {seconds / base:8.1f}")
    merged = timings[-1][1]
    verdict = "met" if merged < MERGE_GOAL_S else "NOT met"
    print(f"goal: merge under {MERGE_GOAL_S:.0f} s: {verdict}")


if __name__ == "__main__":
    sys.exit(main())

# ruff: noqa: N999  (the module is named after the command it times)
"""`posyandu-desktop import` on a district-sized e-PPGBM export: 10,000 children, 12 months.

    .venv/bin/python benchmarks/import.py [--quick] [--children N] [--shape html|csv|xlsx]

Writes a synthetic "data pengukuran" export (the ".xls" that is an HTML table, by default;
synthetic people only) with 12 monthly weighings and heights per child, e-PPGBM's own z-scores
in one row of ten off by 0.05, some weights in grams; then, on a new registry, times through the
service (`services/importing.import_file`): the dry run, the real run (backup, people,
measurements with z-scores and KMS letters, audit, one transaction) and a second real run
(everything already there). Peak memory is the process's maximum resident set size
(resource.getrusage) after each step. Goal: the real run under 30 s on these machines.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.importing_files import (  # noqa: E402  (after the path is set)
    Kid,
    Visit,
    eppgbm_rows,
    write_csv,
    write_html_xls,
    write_xlsx,
)

SEED = 20_261_207
TODAY = date(2026, 12, 31)
GOAL_S = 30.0
FIRST = "Siti Nur Dewi Rina Ayu Putri Aisyah Fitri Ahmad Budi Agus Rizky Dimas Fajar Bayu Eko"
LAST = "Aminah Santoso Wijaya Pratama Saputra Lestari Hidayat Kurniawan Nugroho Susanti Halim"


def _kids(count: int) -> list[Kid]:
    rng = random.Random(SEED)
    first, last = FIRST.split(), LAST.split()
    kids = []
    for i in range(count):
        born = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
        kg, cm = 3.2 + rng.random(), 50.0 + rng.random() * 2
        visits = []
        for month in range(1, 13):
            on = date(2025, month, rng.randrange(5, 26))
            if on <= born:
                continue
            kg, cm = kg + rng.uniform(-0.1, 0.4), cm + rng.uniform(0.3, 1.2)
            how = "Terlentang" if (on - born).days < 730 else "Berdiri"
            zs = {"waz": round(rng.uniform(-3, 2), 2)} if rng.random() < 0.1 else {}
            visits.append(Visit(on, round(kg, 1), round(cm, 1), how, zs))
        name = f"{rng.choice(first)} {rng.choice(last)} {i}"
        nik = f"6474{i:012d}" if rng.random() < 0.8 else ""
        kids.append(Kid(nik, name, rng.choice("LP"), born, visits))
    return kids


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1,000 children")
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--shape", choices=("html", "csv", "xlsx"), default="html")
    args = parser.parse_args()
    count = 1_000 if args.quick else args.children

    from posyandu_desktop.domain.vocabulary import CadreRole, Venue
    from posyandu_desktop.services import open_data_folder
    from posyandu_desktop.services.importing import import_file
    from posyandu_desktop.services.setup import register_cadre, set_up_posyandu
    from posyandu_desktop.store import Opened

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows = eppgbm_rows(_kids(count))
        write = {"html": write_html_xls, "csv": write_csv, "xlsx": write_xlsx}[args.shape]
        path = write(
            work / f"data_pengukuran.{'xls' if args.shape == 'html' else args.shape}", rows
        )
        print(f"{count:,} children, {len(rows) - 1:,} rows, {args.shape}: "
              f"{path.stat().st_size / 1e6:.1f} MB; max RSS {_max_rss_mb():.0f} MB while "
              "making it")  # fmt: skip
        del rows  # the import's own memory from here (the maximum so far stays the floor)
        data = work / "data"
        data.mkdir()
        opened = open_data_folder(data)
        assert isinstance(opened, Opened)
        db = opened.database
        post = set_up_posyandu(db, name="Melati", code="B1", venue=Venue.OTHER).unwrap()
        register_cadre(db, posyandu_id=post.id, name="Sri", role=CadreRole.CHAIR).unwrap()
        real_s = 0.0
        for label, dry in (("dry run", True), ("real run", False), ("second run", False)):
            started = time.perf_counter()
            report = import_file(db, data, path, dry_run=dry, today=TODAY)
            seconds = time.perf_counter() - started
            real_s = seconds if label == "real run" else real_s
            print(
                f"{label:>10}: {seconds:6.1f} s; people {report.people_new:,} new "
                f"{report.people_matched:,} matched; measurements {report.measurements_new:,} "
                f"new {report.already_there:,} there {len(report.refused):,} refused; "
                f"{len(report.differences):,} z differences; max RSS {_max_rss_mb():.0f} MB"
            )
        db.close()
        print(f"registry {(data / 'posyandu.sqlite').stat().st_size / 1e6:.1f} MB")
    verdict = "met" if real_s < GOAL_S else "NOT met"
    print(f"goal: real run under {GOAL_S:.0f} s: {verdict}")
    return 0 if real_s < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())

"""The printed outputs' speed on the issue's Posyandu: 500 children, 24 months of history.

    .venv/bin/python benchmarks/reports.py [--data-dir DIR] [--repeat N]

Builds the demo registry with `load_demo` (about a minute; `--data-dir DIR` keeps it and reuses
it next time), then times in one run, median of N:

- one growth card: `growth_card_data` + `render_growth_card` (goal < 0.3 s);
- the monthly report: `monthly_report_data` + `render_monthly_report` (goal < 2 s);
- beside them a minimal one-page ReportLab PDF (one line of text), the floor of any PDF here.

The machine is a noisy shared VM: compare against the minimal PDF, not the last millisecond.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 10, 20)
CARD_GOAL_S, REPORT_GOAL_S = 0.3, 2.0


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from reportlab.pdfgen.canvas import Canvas

    from posyandu_desktop.reports.growth_card import render_growth_card
    from posyandu_desktop.reports.monthly_report import render_monthly_report
    from posyandu_desktop.services import Opened, open_data_folder
    from posyandu_desktop.services.reports import (
        growth_card_data,
        monthly_report_data,
        this_posyandu_id,
    )
    from posyandu_desktop.services.setup import load_demo
    from posyandu_desktop.settings import resource_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="keep (and reuse) the demo registry here")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = args.data_dir or Path(tempfile.mkdtemp()) / "data"
    opened = open_data_folder(folder)
    assert isinstance(opened, Opened), opened
    db = opened.database
    posyandu_id = this_posyandu_id(db)
    if posyandu_id is None:
        print("building the demo registry (500 children, 24 months)...", file=sys.stderr)
        posyandu_id = load_demo(db, today=TODAY, children=500, months=24, seed=1).posyandu_id
    fonts = resource_path("fonts")
    import sqlite3

    with sqlite3.connect(folder / "posyandu.sqlite") as con:
        person_id, measured = con.execute(  # the most-measured child under five
            "SELECT person_id, COUNT(*) n FROM measurement JOIN person p ON p.id = person_id "
            "WHERE p.birth_date > '2021-11-01' GROUP BY person_id ORDER BY n DESC LIMIT 1"
        ).fetchone()
        rows = con.execute("SELECT COUNT(*) FROM measurement").fetchone()[0]

    def minimal() -> bytes:
        buffer = io.BytesIO()
        c = Canvas(buffer)
        c.drawString(72, 720, "Posyandu")
        c.showPage()
        c.save()
        return buffer.getvalue()

    def card() -> bytes:
        data = growth_card_data(db, person_id)
        assert data is not None
        return render_growth_card(data, fonts, printed_on=TODAY)

    def report() -> bytes:
        data = monthly_report_data(db, posyandu_id, 2026, 10, today=TODAY)
        return render_monthly_report(data, fonts, printed_on=TODAY)

    def report_data() -> object:
        return monthly_report_data(db, posyandu_id, 2026, 10, today=TODAY)

    card(), report()  # warm up: fonts, WHO tables, imports
    results = [
        ("minimal one-page ReportLab PDF", _median(minimal, args.repeat), None),
        (f"growth card ({measured} measurements)", _median(card, args.repeat), CARD_GOAL_S),
        ("monthly report: data only", _median(report_data, args.repeat), None),
        (f"monthly report ({rows} measurements)", _median(report, args.repeat), REPORT_GOAL_S),
    ]
    db.close()
    floor = results[0][1]
    print(f"{'what':44} {'median s':>9} {'x minimal':>10} {'goal s':>7}  met")
    for name, seconds, goal in results:
        met = "" if goal is None else ("yes" if seconds < goal else "NO")
        goal_text = "" if goal is None else f"{goal:.1f}"
        print(f"{name:44} {seconds:9.3f} {seconds / floor:10.0f} {goal_text:>7}  {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The desktop app's start-up and search speed on a demo Posyandu of about 10,000 people, beside a
bare PySide6 window measured in the same run.

    .venv/bin/python benchmarks/ui.py [--quick] [--runs N] [--data-dir DIR]

Builds the demo data folder with `services.setup.load_demo` (about 2,400 children under five
and their families, ~10,000 people; `--data-dir DIR` keeps it and reuses it next time), then,
alternating the two so both see the same machine:

- **bare window**: a fresh `python` that creates a QApplication and one QWidget and quits at its
  first paint (the floor for any PySide6 app here);
- **the app**: `python -m posyandu_desktop --data-dir DIR --smoke` (logs in as the coordinator,
  no PIN), which writes `<event> <time.monotonic()>` lines to $POSYANDU_TIMINGS: `first_paint`
  (the start screen, before SQLAlchemy is imported) and `home_data` (the home screen shows
  today's session, due list and alerts).

Both are timed from just before the process is spawned (time.monotonic is one clock for every
process on Linux and Windows). The first app run of a day also takes the daily backup of the
10,000-person file, so the table shows the first run apart and the median of the others
("warm"). Goals: first paint within 2x the bare window; today's data on screen under 1 s warm.

Last, in a process of its own: the registration desk's search as the cadre types, keystroke to
results on screen (QTest key click on the real `RegistrationPage`, its results model updated and
the repaint processed), p50/p99 over every prefix of real names (goal p99 < 50 ms); and the
measuring desk's weight field: a keystroke (what typing waits for; the preview waits for a pause
in typing) and the preview itself once typing pauses (z-scores, N/T; goal: the keystroke p99 is
under 16 ms, one frame, so typing never waits for the preview).

This VM is noisy (a shared 2-core machine): compare ratios, not the last millisecond.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHILDREN = 2400  # with their mothers, fathers, siblings and elders: about 10,000 people
MONTHS = 3
PAINT_RATIO_GOAL = 2.0
HOME_GOAL_MS = 1000.0
SEARCH_P99_GOAL_MS = 50.0
KEY_P99_GOAL_MS = 16.0  # one frame at 60 Hz

BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)

class Window(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        with open(sys.argv[1], "a") as f:
            f.write(f"first_paint {time.monotonic():.6f}\\n")
        app.quit()

window = Window("Posyandu Desktop")
window.resize(560, 300)
window.show()
app.exec()
"""


def _environment(timings: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "POSYANDU_TIMINGS": str(timings),
    }


def _events(timings: Path, spawned: float) -> dict[str, float]:
    """Milliseconds from the spawn to the first occurrence of each event."""
    found: dict[str, float] = {}
    for line in timings.read_text(encoding="utf-8").splitlines():
        event, at = line.split()
        found.setdefault(event, (float(at) - spawned) * 1000)
    return found


def _run(command: list[str], scratch: Path) -> dict[str, float]:
    timings = scratch / "timings.txt"
    timings.unlink(missing_ok=True)
    spawned = time.monotonic()
    subprocess.run(
        command, env=_environment(timings), cwd=ROOT, check=True, timeout=300,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return _events(timings, spawned)


def build_demo(data_dir: Path, today: date) -> None:
    """A data folder holding the demo Posyandu (kept when it already has one)."""
    from posyandu_desktop.services import Opened, open_data_folder
    from posyandu_desktop.services.day import this_posyandu
    from posyandu_desktop.services.setup import load_demo

    opened = open_data_folder(data_dir)
    assert isinstance(opened, Opened), opened
    db = opened.database
    try:
        if this_posyandu(db) is None:
            started = time.perf_counter()
            summary = load_demo(db, today=today, children=CHILDREN, months=MONTHS, seed=1)
            print(
                f"built {summary.people} people, {summary.measurements} measurements in "
                f"{time.perf_counter() - started:.0f} s -> {data_dir}",
                file=sys.stderr,
            )
    finally:
        db.close()


def search_latency(data_dir: Path, keystrokes: int) -> list[float]:
    """Milliseconds from a key click in the registration search to its results painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from posyandu_desktop.domain.ids import CadreId
    from posyandu_desktop.i18n import install
    from posyandu_desktop.services import Opened, find_people, open_data_folder
    from posyandu_desktop.services.day import this_posyandu
    from posyandu_desktop.settings import resource_path
    from posyandu_desktop.ui import theme
    from posyandu_desktop.ui.context import UiSession
    from posyandu_desktop.ui.registration.registration_page import RegistrationPage

    install("id")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply(app, resource_path("fonts"))
    opened = open_data_folder(data_dir)
    assert isinstance(opened, Opened)
    db = opened.database
    posyandu = this_posyandu(db)
    assert posyandu is not None
    session = UiSession(
        db=db,
        data_dir=data_dir,
        posyandu_id=posyandu.id,
        cadre_id=CadreId(1),
        cadre_name="benchmark",
        is_coordinator=True,
        now=lambda: datetime.now().astimezone(),
    )
    page = RegistrationPage(session)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    app.processEvents()
    # What cadres type: the start of a child's or a mother's name, from the registry itself.
    names = [m.person.name for m in find_people(db, "a", today=date.today())]
    names += [m.person.name for m in find_people(db, "s", today=date.today())]
    rng = random.Random(1)
    times: list[float] = []
    while len(times) < keystrokes and names:
        word = rng.choice(names).split()[0].lower()[:6]
        for char in word:
            started = time.perf_counter()
            QTest.keyClicks(page.search, char)
            app.processEvents()  # the repaint of the results
            times.append((time.perf_counter() - started) * 1000)
        QTest.keyClick(page.search, Qt.Key.Key_Escape)  # clears the search
        app.processEvents()
    page.close()
    db.close()
    return times


def _queue_children(session: Any, children: int) -> None:
    """Today's session with children waiting at the measuring desk (opened if need be)."""
    from posyandu_desktop.services import due_today, open_posyandu_day, register_arrival
    from posyandu_desktop.services.day import day_today

    today, now = session.today(), session.now()
    day = day_today(session.db, session.posyandu_id, today=today)
    if day is None:
        day = open_posyandu_day(
            session.db, cadre_id=session.cadre_id, posyandu_id=session.posyandu_id,
            held_on=today, now=now, today=today,
        ).unwrap()  # fmt: skip
    if not day.is_open:
        return
    for due in due_today(session.db, today=today)[:children]:
        register_arrival(  # refused (and ignored) for a child already here
            session.db, cadre_id=session.cadre_id, day_id=day.id, person_id=due.person.id, now=now
        )


def desk_latency(data_dir: Path, children: int) -> tuple[list[float], list[float]]:
    """Milliseconds of a keystroke in the measuring desk's weight field, and of the preview
    worked out once typing pauses, for the first `children` in today's queue."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from posyandu_desktop.domain.growth.plausibility import Quantity
    from posyandu_desktop.domain.ids import CadreId
    from posyandu_desktop.services import Opened, open_data_folder
    from posyandu_desktop.services.day import this_posyandu
    from posyandu_desktop.ui.context import UiSession
    from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage

    app = QApplication.instance() or QApplication([])
    opened = open_data_folder(data_dir)
    assert isinstance(opened, Opened)
    db = opened.database
    posyandu = this_posyandu(db)
    assert posyandu is not None
    session = UiSession(
        db=db, data_dir=data_dir, posyandu_id=posyandu.id, cadre_id=CadreId(1),
        cadre_name="benchmark", now=lambda: datetime.now().astimezone(),
    )  # fmt: skip
    _queue_children(session, children)
    desk = MeasuringPage(session)
    desk.resize(1366, 728)
    desk.show()
    desk.refresh()
    app.processEvents()
    keys: list[float] = []
    previews: list[float] = []
    weight = desk.fields[Quantity.WEIGHT_KG]
    for row in range(min(children, desk.queue_model.rowCount())):
        desk.queue_view.selectRow(row)
        app.processEvents()
        if Quantity.WEIGHT_KG not in desk._shown:
            continue
        for char in "12,35":
            started = time.perf_counter()
            QTest.keyClicks(weight.edit, char)
            app.processEvents()
            keys.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        desk.preview_now()  # what the pause in typing starts
        app.processEvents()
        previews.append((time.perf_counter() - started) * 1000)
        desk.clear_values()
    desk.close()
    db.close()
    return keys, previews


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    if sys.argv[1:2] == ["--search-only"]:  # the worker process of the typing measurements
        data_dir, count = Path(sys.argv[3]), int(sys.argv[2])
        print(" ".join(f"{ms:.3f}" for ms in search_latency(data_dir, count)))
        for measured in desk_latency(data_dir, max(count // 10, 5)):
            print(" ".join(f"{ms:.3f}" for ms in measured))
        sys.stdout.flush()
        os._exit(0)  # skip PySide6's teardown: only the numbers matter here
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, 100 keystrokes")
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each kind")
    parser.add_argument("--data-dir", type=Path, help="keep the demo data folder here")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    keystrokes = 100 if args.quick else 600

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        data_dir = args.data_dir or scratch / "data"
        build_demo(data_dir, date.today())
        script = scratch / "bare.py"
        script.write_text(BARE_WINDOW, encoding="utf-8")
        bare: list[float] = []
        paint: list[float] = []
        home: list[float] = []
        app_command = [
            sys.executable, "-m", "posyandu_desktop", "--data-dir", str(data_dir), "--smoke",
        ]  # fmt: skip
        bare_command = [sys.executable, str(script), str(scratch / "timings.txt")]
        for _ in range(runs):
            bare.append(_run(bare_command, scratch)["first_paint"])
            events = _run(app_command, scratch)
            paint.append(events["first_paint"])
            home.append(events["home_data"])
        # In its own process, like a real start: a PySide6 app torn down at the end of a script
        # that also ran other work can crash in its finaliser, which would hide the table.
        searched = subprocess.run(
            [sys.executable, __file__, "--search-only", str(keystrokes), str(data_dir)],
            env=_environment(scratch / "unused.txt"), cwd=ROOT, check=True, timeout=600,
            capture_output=True, text=True,
        )  # fmt: skip
        lines = searched.stdout.splitlines()
        typed, keyed, previewed = ([float(ms) for ms in line.split()] for line in lines[:3])

    def warm(values: list[float]) -> float:
        return statistics.median(values[1:] if len(values) > 1 else values)

    ratio = warm(paint) / warm(bare)
    rows = [
        ("process start -> first painted window (ms)", warm(bare), warm(paint), paint[0],
         f"{ratio:.2f}x bare (goal <= {PAINT_RATIO_GOAL:.0f}x)", ratio <= PAINT_RATIO_GOAL),
        ("process start -> home shows today's data (ms)", None, warm(home), home[0],
         f"goal < {HOME_GOAL_MS:.0f} ms warm", warm(home) < HOME_GOAL_MS),
        ("search keystroke -> results, p50 (ms)", None, _percentile(typed, 0.5), None, "", None),
        ("search keystroke -> results, p99 (ms)", None, _percentile(typed, 0.99), None,
         f"goal < {SEARCH_P99_GOAL_MS:.0f} ms", _percentile(typed, 0.99) < SEARCH_P99_GOAL_MS),
        ("desk weight keystroke, p99 (ms)", None, _percentile(keyed, 0.99), None,
         f"goal < {KEY_P99_GOAL_MS:.0f} ms", _percentile(keyed, 0.99) < KEY_P99_GOAL_MS),
        ("desk preview after a pause, p50 (ms)", None, _percentile(previewed, 0.5), None,
         "off the keystroke", None),
    ]  # fmt: skip
    print(f"\n{runs} start-ups of each (warm = median without the first), {len(typed)} keystrokes")
    print(f"{'measure':48} {'bare':>8} {'app warm':>9} {'app 1st':>8}  verdict")
    for name, bare_ms, app_ms, first_ms, goal, met in rows:
        cells = [f"{v:8.1f}" if v is not None else f"{'':8}" for v in (bare_ms, app_ms, first_ms)]
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{name:48} {cells[0]} {cells[1]:>9} {cells[2]}  {goal} {verdict}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

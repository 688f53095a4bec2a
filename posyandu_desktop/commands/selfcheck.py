"""`posyandu-desktop selfcheck [--data-dir DIR]`: does this copy of the app work on this machine?

For IT after an install or an update, and for the bundle smoke test: headless (Qt offscreen), it
shows a window with a chart, checks the shipped WHO tables, creates and migrates a new registry,
computes a known z-score and writes the monthly report as PDF. One line per check; exit code 0
when all pass, 1 when one fails, 2 for a folder that already holds a registry.

It never touches the real data folder: without --data-dir it works in a temporary folder that is
removed afterwards; with --data-dir (kept, for the smoke test) the folder must hold no registry.

The Qt check imports PySide6 itself, the one exception to "commands run without Qt"
(importlinter's ignore_imports names this module).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from posyandu_desktop import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from posyandu_desktop.services import Database

# WHO 2006 weight-for-age, boys, day 365 (who2006_wfa.csv: L 0.0645, M 9.646, S 0.10925):
# 9.6 kg at 12 months is z = ((9.6 / 9.646) ** 0.0645 - 1) / (0.0645 * 0.10925) = -0.0437.
_KNOWN_Z = -0.0437
_Z_TOLERANCE = 0.0005  # the hand computation above has four decimals
_WINDOW_SIZE = (640, 400)
_FONT_FAMILY = "DejaVu Sans"  # resources/fonts; the UI and the PDFs use it


class CheckFailedError(Exception):
    """A check found something wrong; the message says what."""


@dataclass
class _Run:
    """What the checks share: the data folder and the registry once it is open."""

    data: Path
    database: Database | None = None


def _check_qt(run: _Run) -> str:
    """A QApplication and a main window holding a chart, painted offscreen; the shipped fonts
    and icon load."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler, qVersion
    from PySide6.QtGui import QFontDatabase, QIcon, QImage
    from PySide6.QtWidgets import QApplication

    from posyandu_desktop.settings import resource_path

    problems: list[str] = []

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # Offscreen windows cannot take size hints: Qt says so for every window, harmlessly.
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) or (
            kind is QtMsgType.QtWarningMsg and "propagateSizeHints" not in message
        ):
            problems.append(message)

    previous_handler = qInstallMessageHandler(on_message)
    try:
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "selfcheck"])
        assert isinstance(app, QApplication)
        for ttf in sorted(resource_path("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(ttf))
        if _FONT_FAMILY not in QFontDatabase.families():
            raise CheckFailedError(
                f"font {_FONT_FAMILY!r} not loaded from {resource_path('fonts')}"
            )
        icon = QIcon(str(resource_path("icons", "posyandu-256.png")))
        if icon.isNull() or QImage(str(resource_path("icons", "posyandu.ico"))).isNull():
            raise CheckFailedError(f"app icon missing or unreadable in {resource_path('icons')}")
        size = _show_chart_window(app, icon)
    finally:
        qInstallMessageHandler(previous_handler)  # e.g. pytest-qt's, when run from a test
    warned = f"; Qt warned: {problems[0]}" if problems else ""
    return (
        f"{app.platformName()} platform, Qt {qVersion()}, {_FONT_FAMILY}, {size} chart window"
        f"{warned}"
    )


def _show_chart_window(app: QApplication, icon: QIcon) -> str:
    """Show a main window with a line chart, grab what it painted; its size as "WxH"."""
    from PySide6.QtCharts import QChart, QChartView, QLineSeries
    from PySide6.QtWidgets import QMainWindow

    series = QLineSeries()
    for month, kg in ((0, 3.3), (6, 7.9), (12, 9.6)):  # the WHO median boy
        series.append(month, kg)
    chart = QChart()
    chart.addSeries(series)
    chart.createDefaultAxes()
    window = QMainWindow()
    window.setWindowIcon(icon)
    window.setCentralWidget(QChartView(chart))
    window.resize(*_WINDOW_SIZE)
    window.show()
    app.processEvents()
    try:
        image = window.grab().toImage()
        if not window.isVisible() or image.isNull():
            raise CheckFailedError("the window was not shown")
        painted = {image.pixel(x, image.height() // 2) for x in range(0, image.width(), 4)}
        if len(painted) < 2:
            raise CheckFailedError("the chart window painted nothing")
        return f"{image.width()}x{image.height()}"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def _check_who_tables(run: _Run) -> str:
    """Every shipped WHO table matches resources/who/SHA256SUMS."""
    from posyandu_desktop.services.housekeeping import check_who_sums
    from posyandu_desktop.settings import resource_path

    folder = resource_path("who")
    sums = check_who_sums(folder)
    if not sums.listed:
        raise CheckFailedError(f"no tables listed in {folder / 'SHA256SUMS'}")
    if sums.changed:
        raise CheckFailedError(f"{', '.join(sums.changed)} do not match SHA256SUMS")
    return f"{len(sums.listed)} tables match SHA256SUMS"


def _check_zscore(run: _Run) -> str:
    """A z-score the WHO tables give by hand."""
    from posyandu_desktop.domain.growth.zscore import weight_for_age
    from posyandu_desktop.domain.people import Age, Sex
    from posyandu_desktop.settings import who_standards

    score = weight_for_age(who_standards(), Sex.MALE, Age.from_months(12), 9.6)
    if score.z is None or abs(score.z - _KNOWN_Z) > _Z_TOLERANCE:
        raise CheckFailedError(f"weight-for-age z = {score.z} ({score.problem}), want {_KNOWN_Z}")
    return f"weight-for-age, boy 12 months 9.6 kg: z = {score.z:.4f} (WHO tables: {_KNOWN_Z})"


def _check_database(run: _Run) -> str:
    """A new registry, created and migrated by Alembic up to this app's head revision."""
    from posyandu_desktop.services import Opened, open_data_folder
    from posyandu_desktop.settings import database_path
    from posyandu_desktop.store.migrate import HEAD, stored_revision

    opened = open_data_folder(run.data)
    if not isinstance(opened, Opened):
        raise CheckFailedError(f"cannot open {run.data}: {opened.problem}")
    run.database = opened.database
    path = database_path(run.data)
    revision = stored_revision(path)
    if revision != HEAD:
        raise CheckFailedError(f"{path} is at revision {revision}, want {HEAD}")
    return f"{path.name} created and migrated to revision {revision}"


def _check_pdf(run: _Run) -> str:
    """A small synthetic Posyandu, then this month's report as PDF with the shipped fonts."""
    from posyandu_desktop.services.reports import print_monthly_report
    from posyandu_desktop.services.setup import load_demo

    if run.database is None:
        raise CheckFailedError("no registry (the database check failed)")
    today = date.today()
    summary = load_demo(run.database, today=today, children=6, months=2, seed=1)
    pdf = print_monthly_report(
        run.database,
        posyandu_id=summary.posyandu_id,
        year=today.year,
        month=today.month,
        folder=run.data / "selfcheck",
        today=today,
    )
    content = pdf.read_bytes()
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-1024:]:
        raise CheckFailedError(f"{pdf} is not a complete PDF")
    if _FONT_FAMILY.replace(" ", "").encode() not in content:
        raise CheckFailedError(f"{pdf} does not embed {_FONT_FAMILY}")
    return f"{pdf.name}, {len(content) // 1024} KiB, {summary.people} demo people"


def _check_export(run: _Run) -> str:
    """The month's signed file (Ed25519, FHIR bundle), verified and merged into the recap XLSX."""
    from datetime import datetime

    from posyandu_desktop.exchange.package import Period
    from posyandu_desktop.services.export import (
        DEMO_PUSKESMAS_FOLDER,
        export_folder,
        export_month,
        puskesmas_opener,
    )
    from posyandu_desktop.services.puskesmas import merge_files, registered_keys

    if run.database is None:
        raise CheckFailedError("no registry (the database check failed)")
    now = datetime.now().astimezone()
    made = export_month(run.database, run.data, Period(now.year, now.month), cadre_id=None, now=now)
    if made.value is None:
        raise CheckFailedError(f"export refused: {[i.problem for i in made.problems]}")
    path = export_folder(run.data) / made.value.file_name
    puskesmas = run.data / DEMO_PUSKESMAS_FOLDER  # the demo export made and paired it
    merged = merge_files(
        [path],
        run.data / "selfcheck" / "rekap",
        trusted=registered_keys(puskesmas),
        opener=puskesmas_opener(puskesmas),
    )
    if merged.xlsx is None or not all(r.ok for r in merged.reports):
        raise CheckFailedError(f"{path.name} did not verify and merge: {merged.reports}")
    return f"{path.name} signed, verified and merged ({merged.xlsx.name})"


CHECKS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("qt", _check_qt),
    ("who-tables", _check_who_tables),
    ("z-score", _check_zscore),
    ("database", _check_database),
    ("pdf", _check_pdf),
    ("export", _check_export),
)


def run_checks(data: Path, out: Callable[[str], None]) -> bool:
    """Run every check in `data`, reporting one line each through `out`; True when all pass."""
    run = _Run(data)
    passed = True
    try:
        for name, check in CHECKS:
            started = time.perf_counter()
            try:
                detail = check(run)
                verdict = "ok"
            except Exception as error:  # a check's failure is a line of output, not a traceback
                detail, verdict, passed = f"{type(error).__name__}: {error}", "FAIL", False
            out(f"{verdict:<5} {name:<11} {time.perf_counter() - started:6.2f} s  {detail}")
    finally:
        if run.database is not None:
            run.database.close()
    return passed


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `selfcheck` subcommand."""
    from posyandu_desktop.settings import database_path

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop selfcheck",
        description="Check that this installation works (headless; never touches real data).",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="an empty or new folder to work in, kept afterwards (default: a temporary folder)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window appears, even on Windows
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    started = time.perf_counter()

    def out(line: str) -> None:
        print(line, flush=True)  # a windowed Windows build has no stdout: print does nothing

    if args.data_dir is not None:
        data = args.data_dir.expanduser().resolve()
        if database_path(data).exists():
            print(
                f"posyandu-desktop selfcheck: {data} already holds a registry; "
                "give an empty or new folder (never the real data folder)",
                file=sys.stderr,
            )
            return 2
        data.mkdir(parents=True, exist_ok=True)
        out(f"posyandu-desktop {__version__} selfcheck ({frozen}) in {data}")
        passed = run_checks(data, out)
    else:
        with tempfile.TemporaryDirectory(
            prefix="posyandu-selfcheck-", ignore_cleanup_errors=True
        ) as scratch:
            out(f"posyandu-desktop {__version__} selfcheck ({frozen}) in a temporary folder")
            passed = run_checks(Path(scratch), out)
    verdict = "passed" if passed else "FAILED"
    out(f"selfcheck {verdict} ({len(CHECKS)} checks, {time.perf_counter() - started:.1f} s)")
    return 0 if passed else 1

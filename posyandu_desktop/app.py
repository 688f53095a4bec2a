"""Composition root of the desktop app: options, the log file, the language, fonts, and the
guard that keeps tracebacks away from the cadre; then the start screen and `StartFlow`.

The first window is painted before SQLAlchemy and Alembic are imported (they load with the data
folder, off the GUI thread): on a low-end laptop that is the difference between an app that
answers at once and one that seems not to have started.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from posyandu_desktop import __version__, files, settings

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from posyandu_desktop.ui.start.start_flow import StartFlow

log = logging.getLogger("posyandu_desktop")

LOG_FILE = "posyandu.log"
_LOG_BYTES = 1_000_000
_LOG_COPIES = 5
# Set by benchmarks/ui.py: a file that gets "<event> <time.monotonic()>" lines.
TIMINGS_ENV = "POSYANDU_TIMINGS"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The desktop app's options."""
    parser = argparse.ArgumentParser(
        prog="posyandu-desktop", description="Posyandu Desktop: the Posyandu-day app."
    )
    parser.add_argument("--data-dir", help="folder holding the registry and its backups")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="try the app on a synthetic Posyandu (its own folder unless --data-dir is given)",
    )
    parser.add_argument("--lang", choices=("id", "en"), help="language (default: Indonesian)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, open every screen without a login, and quit (exit code 0 when all is well)",
    )
    parser.add_argument(
        "--layout-report",
        metavar="FILE",
        help="with --smoke: check every screen for cut-off text and overlaps at the supported"
        " window sizes and write what was found to FILE as a JSON list (empty when clean)",
    )
    parser.add_argument("--version", action="version", version=__version__)
    args = parser.parse_args(list(argv))
    if args.layout_report and not args.smoke:
        parser.error("--layout-report needs --smoke")
    return args


def resolve_data_dir(option: str | None, demo: bool) -> Path:
    """--data-dir; else the usual data folder, or a separate "demo" folder beside the real
    one, so demo data never mixes with real records."""
    if option:
        return settings.data_dir(option)
    folder = settings.data_dir(None)
    return folder / "demo" if demo else folder


def set_up_logging(data: Path) -> Path | None:
    """Log to a rotating file in the data folder; returns its path (None: not writable)."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    path = data / "logs" / LOG_FILE
    written: Path | None = path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=_LOG_BYTES, backupCount=_LOG_COPIES, encoding="utf-8"
        )
    except OSError:
        if sys.stderr is None:  # a windowed Windows build has no console to fall back on
            return None
        handler, written = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return written


def mark(event: str) -> None:
    """Note a start-up moment for benchmarks/ui.py (only when it asks for them)."""
    target = os.environ.get(TIMINGS_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as f:
            f.write(f"{event} {time.monotonic():.6f}\n")


class ErrorGuard:
    """Unexpected errors are logged with their traceback and shown as one short sentence."""

    def __init__(self) -> None:
        self._showing = False
        self.count = 0

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        self.count += 1
        log.critical("unexpected error", exc_info=(kind, error, traceback))
        if self._showing:  # one message at a time, not a cascade of boxes
            return
        from posyandu_desktop.i18n import _
        from posyandu_desktop.ui.widgets.messages import show_error

        self._showing = True
        try:
            show_error(
                None,
                _(
                    "Something unexpected went wrong. The data saved so far is safe; please"
                    " check the last thing you entered. The details are in the log file."
                ),
            )
        finally:
            self._showing = False

    def in_thread(self, args: threading.ExceptHookArgs) -> None:
        """Errors in plain threads: logged (a message box may only open on the GUI thread)."""
        self.count += 1
        log.critical("unexpected error in a thread", exc_info=args.exc_value)


def _window_icon() -> QIcon:
    """The app icon in every size installer/make_icon.py draws: the title bar, the taskbar and
    Alt+Tab each pick the size they show, instead of a blurred scale of one."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for png in sorted(settings.resource_path("icons").glob("posyandu-*.png")):
        icon.addFile(str(png))
    return icon


def _route_qt_messages() -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _smoke_messages(guard: ErrorGuard) -> None:
    """In --smoke nobody is there to press OK: messages go to the log and fail the check."""
    from PySide6.QtWidgets import QApplication

    from posyandu_desktop.ui.widgets import messages

    def present(kind: messages.MessageKind, *args: object, **kwargs: object) -> bool:
        log.warning("message during --smoke: %s %s", kind, args[2:3])
        if kind is messages.MessageKind.ERROR:  # fail fast: no one would read it
            guard.count += 1
            QApplication.exit(1)
        return False

    messages.present = present


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit code."""
    mark("main")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    data = resolve_data_dir(args.data_dir, args.demo)
    # A --data-dir that does not exist is a typing mistake, not a new Posyandu: nothing is
    # made there (not even the log folder), and the cadre is told.
    mistyped = bool(args.data_dir) and not args.demo and not data.is_dir()
    log_file = None if mistyped else set_up_logging(data)
    log.info("Posyandu Desktop %s starting, data folder %s", __version__, data)

    from PySide6.QtWidgets import QApplication

    from posyandu_desktop.i18n import DEFAULT_LANGUAGE, install
    from posyandu_desktop.ui import theme
    from posyandu_desktop.ui.preferences import ui_language

    locale = settings.resource_path("locale")
    install(args.lang or ui_language(data) or DEFAULT_LANGUAGE, locale)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Posyandu Desktop")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(_window_icon())
    guard = ErrorGuard()
    sys.excepthook = guard
    threading.excepthook = guard.in_thread
    _route_qt_messages()
    if args.smoke:
        _smoke_messages(guard)
    theme.apply(app, settings.resource_path("fonts"))
    if mistyped:
        return _say_no_folder(data, smoke=args.smoke)

    from posyandu_desktop.i18n import current_language
    from posyandu_desktop.ui.qt_language import use_qt_language

    use_qt_language(current_language(), locale)

    def set_language(lang: str) -> None:
        install(lang, locale)
        use_qt_language(lang, locale)

    from posyandu_desktop.ui.start.start_flow import StartFlow
    from posyandu_desktop.ui.start.start_screen import StartScreen

    screen = StartScreen()
    screen.first_paint_did_happen.connect(lambda: mark("first_paint"))
    flow = StartFlow(
        data_dir=data,
        demo=args.demo,
        smoke=args.smoke,
        set_language=set_language,
        screen=screen,
    )
    if args.smoke and args.layout_report:
        flow.did_finish.connect(lambda _code: _write_layout_report(flow, Path(args.layout_report)))
    flow.did_finish.connect(app.exit)
    if os.environ.get(TIMINGS_ENV):
        flow.window_did_show.connect(lambda: _mark_home_data(flow))
    flow.start()
    code = app.exec()
    if args.smoke and guard.count:
        log.error("--smoke: %d error(s); see %s", guard.count, log_file)
        code = code or 1
    log.info("Posyandu Desktop stopping (exit code %d)", code)
    return code


def _say_no_folder(data: Path, *, smoke: bool) -> int:
    from posyandu_desktop.domain.problems import StartupProblem
    from posyandu_desktop.i18n import startup_problem_label
    from posyandu_desktop.ui.widgets.messages import show_error

    log.error("the data folder %s does not exist", data)
    if not smoke:
        show_error(None, f"{startup_problem_label(StartupProblem.NO_FOLDER)}\n\n{data}")
    return 2


def _write_layout_report(flow: StartFlow, target: Path) -> None:
    """--layout-report: every screen checked at each supported size, as a JSON list."""
    import json

    from posyandu_desktop.ui.layout_check import check_main_window

    if flow.window is None:
        log.error("--layout-report: no main window to check")
        return
    found = [problem.as_dict() for problem in check_main_window(flow.window)]
    text = json.dumps(found, ensure_ascii=False, indent=1) + "\n"
    files.write_atomically(target, text.encode("utf-8"))
    log.info("--layout-report: %d problem(s) written to %s", len(found), target)


def _mark_home_data(flow: StartFlow) -> None:
    """Mark when the home screen first shows today's data (for benchmarks/ui.py)."""
    from posyandu_desktop.ui.day.home_page import HomePage

    home = None if flow.window is None else flow.window.page("home")
    if not isinstance(home, HomePage):
        return
    if home.data is not None:
        mark("home_data")
    else:
        home.data_did_load.connect(lambda: mark("home_data"))

"""From the first window to the main window: open the data folder (off the GUI thread, which is
also where SQLAlchemy and Alembic get imported), deal with a refused file, fill a demo folder,
run the setup wizard on a first run, log in, and show the main window. A puskesmas laptop (chosen
in the wizard) opens the Puskesmas window instead, without a registry, cadres or login.

Every step is asynchronous (background work, dialogs opened with `open()`), so the window keeps
painting and the same flow runs in tests. Later the main window sends the flow back here to
switch cadre, change language, or reopen the data after a restore.
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog

from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.i18n import _, format_date, startup_problem_label
from posyandu_desktop.ui import background
from posyandu_desktop.ui.start.start_screen import StartScreen
from posyandu_desktop.ui.widgets.messages import ask, show_error, show_info

if TYPE_CHECKING:  # the real imports happen once the first window is painted
    from posyandu_desktop.services import Database, Opened, PosyanduRecord, Refused
    from posyandu_desktop.services.cadres import LoginCadre
    from posyandu_desktop.ui.context import UiSession
    from posyandu_desktop.ui.main_window import MainWindow
    from posyandu_desktop.ui.puskesmas.puskesmas_window import PuskesmasWindow
    from posyandu_desktop.ui.start.login_dialog import LoginDialog
    from posyandu_desktop.ui.start.setup_wizard import SetupWizard

log = logging.getLogger(__name__)


def local_now() -> datetime:
    """The laptop's time, timezone-aware (the registry stores only aware times)."""
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class PuskesmasLaptop:
    """The data folder belongs to a puskesmas laptop: it has no registry to open."""


def _open(data_dir: Path, demo: bool, new_registry: bool) -> Opened | Refused | PuskesmasLaptop:
    from posyandu_desktop.services.housekeeping import is_puskesmas

    if not demo and is_puskesmas(data_dir):  # a demo is always a Posyandu's
        # The merge's PDF and spreadsheet code loads here, off the GUI thread.
        importlib.import_module("posyandu_desktop.services.puskesmas")
        return PuskesmasLaptop()
    from posyandu_desktop.services import open_data_folder

    return open_data_folder(data_dir, program="posyandu-desktop", new_registry=new_registry)


def _ensure_signing_key(data_dir: Path) -> None:
    """Make the key that signs monthly exports if this laptop has none yet (set-up, or a data
    folder from before exports), so Settings can show its fingerprint from the first day."""

    def ensure() -> str:
        from posyandu_desktop.services.export import signing_fingerprint

        return signing_fingerprint(data_dir)

    def failed(error: BaseException) -> None:
        # The export screen tries again and says why; the cadre's morning must not stop here.
        log.warning("the signing key could not be made", exc_info=error)

    background.run(ensure, None, failed)


class StartFlow(QObject):
    """Runs the start of the app; `did_finish(exit_code)` asks the caller to quit."""

    did_finish = Signal(int)
    # The main window is on screen (tests and the start-up benchmark wait for it).
    window_did_show = Signal()
    _demo_progress = Signal(int, int)  # emitted on the worker thread, delivered on the GUI's

    def __init__(
        self,
        *,
        data_dir: Path,
        demo: bool = False,
        smoke: bool = False,
        now: Callable[[], datetime] = local_now,
        set_language: Callable[[str], None] | None = None,
        screen: StartScreen | None = None,
        check_clock: bool = True,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.demo = demo
        self.smoke = smoke
        self.now = now
        self._set_language = set_language
        self.screen = screen or StartScreen()
        self.db: Database | None = None
        self.posyandu: PosyanduRecord | None = None
        self.window: MainWindow | None = None
        self.puskesmas_window: PuskesmasWindow | None = None
        self.dialog: LoginDialog | SetupWizard | None = None
        self._frozen = False
        self._check_clock = check_clock and not smoke
        self._new_registry = False  # a coordinator confirmed "start a new Posyandu here"
        self._demo_progress.connect(self._show_demo_progress)

    def start(self) -> None:
        """Show the start screen and open the data folder in the background."""
        self.screen.show()
        self.screen.show_step(_("Opening the data…"))
        data_dir, demo, new = self.data_dir, self.demo, self._new_registry
        background.run(lambda: _open(data_dir, demo, new), self._opened, self._failed)

    def _failed(self, error: BaseException) -> None:
        log.error("start-up failed", exc_info=error)
        self._give_up(
            _(
                "The data could not be opened. Check that the data folder is on this laptop and"
                " not full. The details are in the log file."
            )
        )

    def _give_up(self, text: str) -> None:
        if not self.smoke:
            show_error(self.screen, text)
        self.did_finish.emit(1)

    def _opened(self, result: Opened | Refused | PuskesmasLaptop) -> None:
        from posyandu_desktop.services import Opened

        if isinstance(result, PuskesmasLaptop):
            self._show_puskesmas()
            return
        if not isinstance(result, Opened):
            self._refused(result)
            return
        if result.upgraded_from is not None:
            log.info("registry upgraded from revision %s", result.upgraded_from)
        self.db = result.database
        self._warn_if_backups_unplugged()
        if self.demo:
            self._fill_demo_if_empty()
        else:
            self._posyandu_ready()

    def _refused(self, refused: Refused) -> None:
        from posyandu_desktop.services import StartupProblem

        log.error("registry refused: %s (revision %s)", refused.problem, refused.revision)
        backup = refused.newest_good_backup
        if refused.problem is StartupProblem.IN_USE and not self.smoke:
            from posyandu_desktop.ui.start.raise_window import raise_windows_of

            if refused.holder is not None and refused.holder.pid is not None:
                raise_windows_of(refused.holder.pid)
            self._give_up(self._in_use_text(refused))
            return
        if refused.problem is StartupProblem.MISSING and backup is None and not self.smoke:
            self._offer_new_registry()
            return
        if (
            refused.problem in (StartupProblem.TOO_NEW, StartupProblem.READ_ONLY)
            or backup is None
            or self.smoke
        ):
            self._give_up(startup_problem_label(refused.problem))
            return
        question = _(
            "{problem}\n\nThe newest good backup is from {date}. Data entered after it will"
            " have to be entered again."
        ).format(
            problem=startup_problem_label(refused.problem),
            date=format_date(backup.taken_at.date()),
        )
        if not ask(self.screen, _("The data cannot be opened"), question, _("Restore")):
            if refused.problem is StartupProblem.MISSING:
                self._offer_new_registry()
            else:
                self.did_finish.emit(1)
            return
        self.screen.show_step(_("Restoring the backup…"))
        data_dir, path = self.data_dir, backup.path

        def restore() -> object:
            from posyandu_desktop.services import restore_backup

            return restore_backup(data_dir, path)

        background.run(restore, lambda _result: self.start(), self._failed)

    @staticmethod
    def _in_use_text(refused: Refused) -> str:
        holder = refused.holder
        text = startup_problem_label(refused.problem)
        if holder is None or holder.pid is None:
            return text
        return _("{problem}\n\nIt was opened at {time} (program {pid}).").format(
            problem=text, time=holder.started_at.replace("T", " ")[:16], pid=holder.pid
        )

    def _offer_new_registry(self) -> None:
        """Only a coordinator, asked twice, starts an empty Posyandu in a folder that held one."""
        first = ask(
            self.screen,
            _("Start a new Posyandu here?"),
            _(
                "Only the coordinator should do this. The records of the Posyandu that was"
                " here will not be in the new data; its backups and exports are kept."
            ),
            _("Start a new Posyandu here"),
            _("Quit"),
        )
        if not first or not ask(
            self.screen,
            _("Start a new Posyandu here?"),
            _("Are you sure? The new Posyandu starts empty."),
            _("Yes, start empty"),
            _("Quit"),
        ):
            self.did_finish.emit(1)
            return
        log.warning("a coordinator confirmed a new registry in %s", self.data_dir)
        self._new_registry = True
        self.start()

    def _warn_if_backups_unplugged(self) -> None:
        from posyandu_desktop.services.housekeeping import usable_backups_dir

        missing = usable_backups_dir(self.data_dir)[1]
        if missing is None:
            return
        log.warning("backup folder %s missing: backing up in the data folder", missing)
        if not self.smoke:
            show_info(
                self.screen,
                _(
                    "The backup folder {folder} is not there (is the USB stick plugged in?)."
                    " Backups are kept on this laptop until it is back."
                ).format(folder=missing),
            )

    def _fill_demo_if_empty(self) -> None:
        from posyandu_desktop.services.day import this_posyandu

        db = self.db
        assert db is not None
        if this_posyandu(db) is not None:
            self._posyandu_ready()
            return
        self.screen.show_step(_("Making up a demo Posyandu (no real people)…"))
        today = self.now().date()
        progress = self._demo_progress

        def fill() -> object:
            from posyandu_desktop.services.setup import load_demo

            return load_demo(db, today=today, on_progress=progress.emit)

        background.run(fill, lambda _summary: self._posyandu_ready(), self._failed)

    def _show_demo_progress(self, done: int, total: int) -> None:
        self.screen.show_step(_("Making up a demo Posyandu (no real people)…"), done, total)

    def _posyandu_ready(self) -> None:
        from posyandu_desktop.services.day import this_posyandu

        assert self.db is not None
        self.posyandu = this_posyandu(self.db)
        if self.posyandu is not None:
            _ensure_signing_key(self.data_dir)
            self.log_in()
        elif self.smoke:
            self._give_up("no Posyandu in the data folder: use --demo with --smoke")
        else:
            self._run_setup()

    def _run_setup(self) -> None:
        from posyandu_desktop.ui.start.setup_wizard import SetupWizard

        assert self.db is not None
        self.screen.show_step(_("Setting up…"))
        wizard = SetupWizard(self.db)
        wizard.finished.connect(lambda code: self._setup_done(wizard, code))
        self.dialog = wizard
        wizard.open()

    def _setup_done(self, wizard: SetupWizard, code: int) -> None:
        self.dialog = None
        wizard.deleteLater()
        if code == QDialog.DialogCode.Accepted and wizard.puskesmas_chosen():
            self._become_puskesmas()
            return
        if code != QDialog.DialogCode.Accepted or wizard.result_run is None:
            self.did_finish.emit(0)
            return
        self.posyandu = wizard.result_run.posyandu
        _ensure_signing_key(self.data_dir)
        self.log_in()

    def _become_puskesmas(self) -> None:
        """Remember the choice, so later starts go straight to the Puskesmas window; the empty
        registry opened for the wizard is not used again."""
        from posyandu_desktop.services.housekeeping import choose_puskesmas_mode

        try:
            choose_puskesmas_mode(self.data_dir, True)
        except OSError:
            log.exception("the puskesmas mode could not be saved")
            self._give_up(_("The choice could not be saved in the data folder."))
            return
        if self.db is not None:
            self.db.close()
            self.db = None
        self._show_puskesmas()

    def _show_puskesmas(self) -> None:
        from posyandu_desktop.ui.puskesmas.puskesmas_window import PuskesmasWindow

        try:
            window = PuskesmasWindow(self.data_dir, today=lambda: self.now().date())
        except Exception:  # as for the main window: say so instead of hanging on the start screen
            log.exception("the puskesmas window could not be built")
            self._give_up(_("The app could not start. The details are in the log file."))
            return
        log.info("puskesmas mode")
        self.puskesmas_window = window
        window.showMaximized()
        self.screen.hide()
        self.window_did_show.emit()
        if self.smoke:
            background.wait_for_all()
            QCoreApplication.processEvents()
            self.did_finish.emit(0)

    def log_in(self) -> None:
        """Ask who is working (the smoke check logs in as the coordinator without a PIN)."""
        from posyandu_desktop.services.cadres import list_cadres_for_login
        from posyandu_desktop.ui.start.login_dialog import LoginDialog

        assert self.db is not None and self.posyandu is not None
        if self.smoke:
            cadres = list_cadres_for_login(self.db, posyandu_id=self.posyandu.id)
            chosen = next((c for c in cadres if c.is_coordinator), cadres[0] if cadres else None)
            if chosen is None:
                self._give_up("no active cadre")
            else:
                self._show_main(chosen)
            return
        self.screen.show_step(_("Waiting for a cadre to log in…"))
        dialog = LoginDialog(self.db, self.posyandu, now=self.now)
        dialog.finished.connect(lambda code: self._login_done(dialog, code))
        self.dialog = dialog
        dialog.open()

    def _login_done(self, dialog: LoginDialog, code: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted or dialog.cadre is None:
            self.did_finish.emit(0)
            return
        self._show_main(dialog.cadre)

    def _show_main(self, cadre: LoginCadre) -> None:
        from posyandu_desktop.ui.context import UiSession

        assert self.db is not None and self.posyandu is not None
        session = UiSession(
            db=self.db,
            data_dir=self.data_dir,
            posyandu_id=self.posyandu.id,
            cadre_id=CadreId(cadre.id),
            cadre_name=cadre.name,
            is_coordinator=cadre.is_coordinator,
            now=self.now,
        )
        log.info("cadre %s logged in", cadre.id)
        if self._check_clock and not self._clock_is_right(cadre):
            self.did_finish.emit(1)
            return
        self._check_clock = False  # once per start: later logins are the same day
        self._build_window(session)

    def _clock_is_right(self, cadre: LoginCadre) -> bool:
        """Before anything can be saved: a clock before the newest record, backup or export,
        or far after it, is confirmed by the cadre (her answer is audited)."""
        from posyandu_desktop.services.housekeeping import check_clock, record_clock_answer

        assert self.db is not None
        check = check_clock(self.db, self.data_dir, now=self.now())
        if check is None:
            return True
        right = ask(
            self.screen,
            _("Check the date"),
            _(
                "Date on the laptop: {date}, right?\n\nThe newest data in this folder is from"
                " {newest}."
            ).format(
                date=format_date(check.laptop_time.date(), weekday=True),
                newest=format_date(check.newest.date(), weekday=True),
            ),
            _("Yes, the date is right"),
            _("No"),
        )
        record_clock_answer(self.db, check, cadre_id=cadre.id, right=right)
        log.warning(
            "clock %s: laptop %s, newest %s, confirmed %s",
            check.doubt,
            check.laptop_time,
            check.newest,
            right,
        )
        if not right:
            show_error(
                self.screen,
                _(
                    "Set the laptop's date and time first (in Windows: Settings, Time), then"
                    " open the app again."
                ),
            )
        return right

    def _build_window(self, session: UiSession) -> None:
        from posyandu_desktop.ui.main_window import MainWindow

        self._close_window()
        try:
            window = MainWindow(session)
        except Exception:  # a screen that cannot be built: say so instead of hanging here
            log.exception("the main window could not be built")
            self._give_up(_("The app could not start. The details are in the log file."))
            return
        window.switch_cadre_requested.connect(self._switch_cadre)
        window.language_did_change.connect(self._change_language)
        window.reopen_requested.connect(self._reopen)
        self.window = window
        try:
            window.connect_scales()
        except Exception:  # a broken device file must not keep the cadre out: typing still works
            log.exception("the scales could not be started")
        window.showMaximized()
        self.screen.hide()
        if not self._frozen:
            # Start-up objects live as long as the app: keep them out of every collection.
            gc.freeze()
            self._frozen = True
        self.window_did_show.emit()
        if self.smoke:
            self._smoke_check(window)

    def _smoke_check(self, window: MainWindow) -> None:
        """--smoke: once the first screen shows its data, open every screen, then finish."""
        done = False

        def open_everything() -> None:
            nonlocal done
            if done:
                return
            done = True
            window.open_every_page()
            background.wait_for_all()
            QCoreApplication.processEvents()  # deliver what the screens loaded
            self.did_finish.emit(0)

        first = window.page(window.page_keys()[0])
        loaded = getattr(first, "data_did_load", None)  # the home screen loads in the background
        if loaded is None:
            open_everything()
        else:
            loaded.connect(open_everything)

    def _close_window(self) -> None:
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None

    def _switch_cadre(self) -> None:
        self._close_window()
        self.screen.show()
        self.log_in()

    def _change_language(self, lang: str) -> None:
        if self._set_language is not None:
            self._set_language(lang)
        if self.window is not None:
            self._build_window(self.window.session)

    def _reopen(self) -> None:
        self._close_window()
        if self.db is not None:
            self.db.close()
            self.db = None
        self.start()

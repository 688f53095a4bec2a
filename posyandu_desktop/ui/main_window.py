"""The main window: a top bar (Posyandu, date, today's session, who is working), the screens
listed on the left with their F-keys, and a status bar for the screens' short messages.

Screens are built the first time they are shown, so the home screen appears quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.vocabulary import MeasurementSource
from posyandu_desktop.i18n import _, format_date, pgettext
from posyandu_desktop.services import mark_present_on_login
from posyandu_desktop.services.day import day_overview, this_posyandu
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page

if TYPE_CHECKING:
    from posyandu_desktop.ui.devices.scale_bridge import ScaleBridge

HOME, PEOPLE, SETTINGS = "home", "people", "settings"
DEVICES_FILE = "devices.json"  # devices.registry.DEVICES_FILE (a test checks they agree)
# A 1280×720 screen less the Windows taskbar; every screen is checked at this size and at a
# maximized 1366×768 laptop's 1366×728 (ui/layout_check.py).
SMALLEST_WINDOW = (1280, 680)
_STATUS_MILLISECONDS = 8000
_NAV_WIDTH = 230
_NAV_POINT_SIZE = 12
# Session state in words on a colour (never colour alone).
_OPEN_STYLE = "background: #2e7d32; color: white;"
_CLOSED_STYLE = "background: #616161; color: white;"
_NOT_OPEN_STYLE = "background: #f9a825; color: black;"
_BADGE = " border-radius: 4px; padding: 4px 10px; font-weight: bold;"


@dataclass(frozen=True, slots=True)
class PageEntry:
    """A screen in the navigation: its key, its name, how to build it, and its F-key."""

    key: str
    title: str
    make: Callable[[UiSession], Page]
    shortcut: str


# Each screen's module is imported when the screen is first shown: the home screen appears
# without waiting for the other seven (about 0.2 s of imports on a low-end laptop).
def _home(session: UiSession) -> Page:
    from posyandu_desktop.ui.day.home_page import HomePage

    return HomePage(session)


def _registration(session: UiSession) -> Page:
    from posyandu_desktop.ui.registration.registration_page import RegistrationPage

    return RegistrationPage(session)


def _measuring(session: UiSession) -> Page:
    from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage

    return MeasuringPage(session)


def _results(session: UiSession) -> Page:
    from posyandu_desktop.ui.results.results_page import ResultsPage

    return ResultsPage(session)


def _health_service(session: UiSession) -> Page:
    from posyandu_desktop.ui.health_service.health_service_page import HealthServicePage

    return HealthServicePage(session)


def _people(session: UiSession) -> Page:
    from posyandu_desktop.ui.people.people_page import PeoplePage

    return PeoplePage(session)


def _home_visits(session: UiSession) -> Page:
    from posyandu_desktop.ui.visits.home_visits_page import HomeVisitsPage

    return HomeVisitsPage(session)


def _attendance(session: UiSession) -> Page:
    from posyandu_desktop.ui.cadres.attendance_page import AttendancePage

    return AttendancePage(session)


def _cadres(session: UiSession) -> Page:
    from posyandu_desktop.ui.cadres.cadres_page import CadresPage

    return CadresPage(session)


def _settings(session: UiSession) -> Page:
    from posyandu_desktop.ui.settings.settings_page import SettingsPage

    return SettingsPage(session)


def _reports(session: UiSession) -> Page:
    from posyandu_desktop.ui.reports.reports_page import ReportsPage

    return ReportsPage(session)


def _monthly_export(session: UiSession) -> Page:
    from posyandu_desktop.ui.exchange.export_page import ExportPage

    return ExportPage(session)


def default_pages() -> tuple[PageEntry, ...]:
    """Every screen of the app, in navigation order (F1 home … F8 settings, F9 reports,
    F10 the monthly export; F11 the health-service desk and F12 today's results, desks 3-5,
    listed after measuring)."""
    return (
        PageEntry(HOME, _("Home"), _home, "F1"),
        PageEntry("registration", _("Registration"), _registration, "F2"),
        PageEntry("measuring", _("Measuring"), _measuring, "F3"),
        # Beside the desks it follows (the fourth ILP step); F11, the F-keys before being taken.
        PageEntry("health_service", pgettext("navigation", "Services"), _health_service, "F11"),
        PageEntry("results", _("Today's results"), _results, "F12"),
        PageEntry(PEOPLE, _("People"), _people, "F4"),
        PageEntry("home_visits", _("Home visits"), _home_visits, "F5"),
        PageEntry("attendance", _("Cadre attendance"), _attendance, "F6"),
        PageEntry("cadres", _("Cadres"), _cadres, "F7"),
        PageEntry(SETTINGS, _("Settings"), _settings, "F8"),
        PageEntry("reports", _("Reports"), _reports, "F9"),
        # Short in the list: the full "Kirim data bulanan  (F10)" does not fit its width.
        PageEntry(
            "monthly_export", pgettext("navigation", "Monthly export"), _monthly_export, "F10"
        ),
    )


class TopBar(QFrame):
    """Posyandu name, today's date, the session state and the logged-in cadre."""

    def __init__(self, session: UiSession) -> None:
        super().__init__()
        self.setObjectName("topBar")
        self.setStyleSheet("#topBar { background: #e3f2fd; border-bottom: 1px solid #90caf9; }")
        self.posyandu = QLabel()
        font = QFont(self.font())
        font.setPointSize(15)
        font.setBold(True)
        self.posyandu.setFont(font)
        self.date = QLabel()
        self.session_state = QLabel()
        cadre = _("Cadre: {name}").format(name=session.cadre_name)
        if session.is_coordinator:
            cadre = _("Cadre: {name} (coordinator)").format(name=session.cadre_name)
        self.cadre = QLabel(cadre)
        self.switch_cadre = QPushButton(_("Switch cadre"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.posyandu)
        layout.addSpacing(16)
        layout.addWidget(self.date)
        layout.addSpacing(16)
        layout.addWidget(self.session_state)
        layout.addStretch(1)
        layout.addWidget(self.cadre)
        layout.addWidget(self.switch_cadre)


class MainWindow(QMainWindow):
    """The app's window once a cadre has logged in."""

    # Back to the login (another cadre takes the laptop).
    switch_cadre_requested = Signal()
    # The registry was restored from a backup: open it again from the start.
    reopen_requested = Signal()
    # The settings chose another language: build the window again in it.
    language_did_change = Signal(str)

    def __init__(
        self,
        session: UiSession,
        pages: Sequence[PageEntry] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._entries = tuple(default_pages() if pages is None else pages)
        self._pages: dict[str, Page] = {}
        self._scales: list[ScaleBridge] = []
        self._scale_states: dict[str, tuple[str, Enum | None]] = {}  # device id: name, status
        self.setWindowTitle(_("Posyandu Desktop"))
        self.setMinimumSize(*SMALLEST_WINDOW)  # docs/DECISIONS.md, "Window sizes"

        self.top_bar = TopBar(session)
        self.top_bar.switch_cadre.clicked.connect(self.switch_cadre_requested)
        self.nav = QListWidget()
        self.nav.setFixedWidth(_NAV_WIDTH)
        nav_font = QFont(self.font())
        nav_font.setPointSize(_NAV_POINT_SIZE)
        self.nav.setFont(nav_font)
        self.nav.setStyleSheet(
            "QListWidget { background: #fafafa; border: none; border-right: 1px solid #ddd; }"
            "QListWidget::item { padding: 12px 10px; }"
            "QListWidget::item:selected { background: #1565c0; color: white; }"
        )
        self.nav.setAccessibleName(_("Screens"))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stack = QStackedWidget()
        for entry in self._entries:
            item = QListWidgetItem(f"{entry.title}  ({entry.shortcut})")
            item.setSizeHint(QSize(_NAV_WIDTH, 52))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # an empty stand-in until the screen is first shown
            shortcut = QShortcut(QKeySequence(entry.shortcut), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda key=entry.key: self.show_page(key))
        self.nav.currentRowChanged.connect(self._row_did_change)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top_bar)
        column.addLayout(body, 1)
        self.setCentralWidget(central)

        self.mark_cadre_present()
        if self._entries:
            self.nav.setCurrentRow(0)  # builds the home screen, which starts loading its data
        self.refresh_top_bar()
        self.nav.setFocus()  # arrows and Enter move through the screens; Tab goes into one

    def connect_scales(self) -> int:
        """Start a reader for each scale set up in Settings; stable readings go to the
        measuring desk's weight field. Returns how many were started."""
        self.disconnect_scales()
        if not (self.session.data_dir / DEVICES_FILE).exists():
            self._show_scale_states()  # no scale set up: the device code need not even load
            return 0
        from posyandu_desktop.devices import DeviceKind, load_devices, reader_for
        from posyandu_desktop.i18n.words import words
        from posyandu_desktop.ui.devices.scale_bridge import ScaleBridge

        for device in load_devices(self.session.data_dir):
            if device.kind not in (DeviceKind.BABY_SCALE, DeviceKind.STANDING_SCALE):
                continue  # boards and tapes are typed
            name = device.name or words(device.kind)
            bridge = ScaleBridge(reader_for(device), parent=self)
            bridge.reading_did_arrive.connect(self._scale_did_read)
            bridge.status_did_change.connect(
                lambda status, key=device.id, name=name: self._scale_did_change(key, name, status)
            )
            self._scale_states[device.id] = (name, None)
            bridge.start()
            self._scales.append(bridge)
        self._show_scale_states()
        return len(self._scales)

    def _scale_did_change(self, device_id: str, name: str, status: object) -> None:
        from posyandu_desktop.devices import DeviceStatus, ReadingProblem

        if isinstance(status, DeviceStatus | ReadingProblem):
            self._scale_states[device_id] = (name, status)
            self._show_scale_states()

    def _show_scale_states(self) -> None:
        """Tell the measuring desk (if built) whether each scale is connected."""
        from posyandu_desktop.devices import DeviceStatus
        from posyandu_desktop.i18n.words import words

        page = self._pages.get("measuring")
        show = getattr(page, "show_scale_state", None)
        if show is None:
            return
        if not self._scale_states:
            show(_("No digital scale set up: type the weight."), None)
            return
        lines, connected = [], True
        for name, status in self._scale_states.values():
            state = _("connecting…") if status is None else words(status)
            lines.append(_("{scale}: {state}").format(scale=name, state=state))
            connected = connected and status is DeviceStatus.CONNECTED
        show("\n".join(lines), connected)

    def disconnect_scales(self) -> None:
        """Stop every scale reader (before closing, or before reconnecting)."""
        for bridge in self._scales:
            bridge.stop()
        self._scales.clear()
        self._scale_states.clear()

    def _scale_did_read(self, kg: float, source: MeasurementSource, device_id: str) -> None:
        page = self.page("measuring")
        offer = getattr(page, "offer_reading", None)
        if offer is not None:
            offer(kg, source, device_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.disconnect_scales()
        super().closeEvent(event)

    def page_keys(self) -> tuple[str, ...]:
        """The screens' keys, in navigation order."""
        return tuple(entry.key for entry in self._entries)

    def page(self, key: str) -> Page:
        """The screen with this key, built now if it was never shown."""
        if key not in self._pages:
            row = self.page_keys().index(key)
            page = self._entries[row].make(self.session)
            self._connect(page)
            stand_in = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if stand_in is not None:
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
            self._pages[key] = page
            if key == "measuring":
                self._show_scale_states()
        return self._pages[key]

    def show_page(self, key: str) -> Page:
        """Show a screen (refreshed) and select it in the navigation."""
        row = self.page_keys().index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls _row_did_change
        return self.page(key)

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _row_did_change(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self._entries[row].key)
        self.stack.setCurrentWidget(page)
        page.refresh()

    def _connect(self, page: Page) -> None:
        page.status_message.connect(self.show_status)
        page.day_did_change.connect(self.mark_cadre_present)  # a session opened after login
        page.day_did_change.connect(self.refresh_top_bar)
        page.person_requested.connect(self.show_person)
        # Only the settings screen has these (duck-typed: the main window never imports it).
        language = getattr(page, "language_did_change", None)
        if language is not None:
            language.connect(self.language_did_change)
        restored = getattr(page, "registry_did_restore", None)
        if restored is not None:
            restored.connect(self.reopen_requested)
        scales = getattr(page, "scales_did_change", None)
        if scales is not None:  # a scale set up in the settings is used at once
            scales.connect(self.connect_scales)

    def show_person(self, person_id: int) -> None:
        """Open a person's profile on the people screen."""
        if PEOPLE not in self.page_keys():
            return
        people = self.show_page(PEOPLE)
        show = getattr(people, "show_person", None)
        if show is not None:
            show(person_id)

    def show_status(self, text: str) -> None:
        """A short message in the status bar."""
        self.statusBar().showMessage(text, _STATUS_MILLISECONDS)

    def mark_cadre_present(self) -> None:
        """The cadre who logged in is present at today's open session (once)."""
        session = self.session
        mark_present_on_login(
            session.db,
            posyandu_id=session.posyandu_id,
            cadre_id=session.cadre_id,
            now=session.now().astimezone(),
        )

    def refresh_top_bar(self) -> None:
        """Show the Posyandu, today's date and today's session state."""
        session = self.session
        today = session.today()
        posyandu = this_posyandu(session.db)
        self.top_bar.posyandu.setText(posyandu.name if posyandu else _("Posyandu"))
        self.top_bar.date.setText(format_date(today, weekday=True))
        day = day_overview(session.db, posyandu_id=session.posyandu_id, today=today).day
        label = self.top_bar.session_state
        if day is None:
            label.setText(_("Session not open yet"))
            label.setStyleSheet(_NOT_OPEN_STYLE + _BADGE)
        elif day.is_open:
            label.setText(_("Session open"))
            label.setStyleSheet(_OPEN_STYLE + _BADGE)
        else:
            label.setText(_("Session closed"))
            label.setStyleSheet(_CLOSED_STYLE + _BADGE)

    def open_every_page(self) -> None:
        """Build and show every screen once (the --smoke start-up check)."""
        for key in self.page_keys():
            self.show_page(key)
        if self._entries:
            self.show_page(self._entries[0].key)

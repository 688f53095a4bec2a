"""The main window: navigation by list and F-keys, screens built when first shown, the top bar,
the status bar, and a person's profile opened from any screen."""

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from posyandu_desktop.services import open_posyandu_day
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.main_window import MainWindow, PageEntry
from posyandu_desktop.ui.pages import Page
from tests.ui.conftest import MORNING, TODAY


class FakePage(Page):
    built: ClassVar[list[str]] = []

    def __init__(self, session: UiSession, key: str) -> None:
        super().__init__(session)
        self.title = key
        self.refreshed = 0
        self.shown_people: list[int] = []
        FakePage.built.append(key)

    def refresh(self) -> None:
        self.refreshed += 1

    def show_person(self, person_id: int) -> None:
        self.shown_people.append(person_id)


def _maker(key: str) -> Callable[[UiSession], Page]:
    return lambda session: FakePage(session, key)


def _entries() -> list[PageEntry]:
    return [
        PageEntry(key, key.title(), _maker(key), f"F{i}")
        for i, key in enumerate(("home", "registration", "people"), start=1)
    ]


def _fake(window: MainWindow, key: str) -> FakePage:
    page = window.page(key)
    assert isinstance(page, FakePage)
    return page


def _window(qtbot: Any, session: UiSession) -> MainWindow:
    FakePage.built = []
    window = MainWindow(session, _entries())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # F-keys are window shortcuts: the window must be active
        window.show()
        window.activateWindow()
    return window


def test_only_the_first_screen_is_built_at_start(qtbot, ui_session):
    window = _window(qtbot, ui_session)
    assert FakePage.built == ["home"]
    assert window.current_page() is window.page("home")
    assert _fake(window, "home").refreshed == 1
    assert window.nav.item(1).text() == "Registration  (F2)"


def test_f_keys_and_the_list_switch_screens_and_refresh_them(qtbot, ui_session):
    window = _window(qtbot, ui_session)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_page() is window.page("registration")
    assert window.nav.currentRow() == 1
    window.nav.setCurrentRow(2)
    assert window.current_page() is window.page("people")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    home = _fake(window, "home")
    assert window.current_page() is home and home.refreshed == 2


def test_a_person_requested_anywhere_opens_on_the_people_screen(qtbot, ui_session):
    window = _window(qtbot, ui_session)
    window.page("home").person_requested.emit(42)
    people = _fake(window, "people")
    assert window.current_page() is people
    assert people.shown_people == [42]


def test_status_messages_reach_the_status_bar(qtbot, ui_session):
    window = _window(qtbot, ui_session)
    window.page("home").status_message.emit("Antrian 12 didaftarkan")
    assert window.statusBar().currentMessage() == "Antrian 12 didaftarkan"


def test_the_top_bar_names_the_posyandu_day_session_and_cadre(qtbot, ui_session):
    window = _window(qtbot, ui_session)
    bar = window.top_bar
    assert bar.posyandu.text() == "Posyandu Melati"
    assert bar.date.text() == "Jumat, 13 November 2026"
    assert bar.session_state.text() == "Sesi belum dibuka"
    assert bar.cadre.text() == "Kader: Siti Aminah (koordinator)"

    open_posyandu_day(
        ui_session.db,
        cadre_id=ui_session.cadre_id,
        posyandu_id=ui_session.posyandu_id,
        held_on=TODAY,
        now=MORNING,
        today=TODAY,
    ).unwrap()
    window.page("home").day_did_change.emit()
    assert bar.session_state.text() == "Sesi dibuka"


def test_switch_cadre_is_asked_of_whoever_runs_the_window(qtbot, ui_session):
    window = _window(qtbot, ui_session)
    with qtbot.waitSignal(window.switch_cadre_requested):
        qtbot.mouseClick(window.top_bar.switch_cadre, Qt.MouseButton.LeftButton)


def test_every_real_screen_opens(qtbot, ui_session):
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.open_every_page()
    assert len(window.page_keys()) == 12
    for key in window.page_keys():
        assert window.page(key).title
    assert window.current_page() is window.page("home")


def test_the_window_knows_where_the_scales_are_set_up() -> None:
    from posyandu_desktop.devices.registry import DEVICES_FILE
    from posyandu_desktop.ui.main_window import DEVICES_FILE as WINDOW_DEVICES_FILE

    assert WINDOW_DEVICES_FILE == DEVICES_FILE

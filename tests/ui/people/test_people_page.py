"""The people screen on a real registry: search as you type, the profile, growth charts, and
correcting a measurement (refused without a reason, audited with one)."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.i18n import problem_label
from posyandu_desktop.services import Problem, Reading, measurement_history, measurements_of
from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.layout_check import settle
from posyandu_desktop.ui.main_window import SMALLEST_WINDOW, MainWindow
from posyandu_desktop.ui.people.correct_measurement_dialog import CorrectMeasurementDialog
from posyandu_desktop.ui.people.history_table_model import Column
from posyandu_desktop.ui.people.people_page import PeoplePage
from posyandu_desktop.ui.people.profile_view import ProfileView


def page_for(qtbot: QtBot, session: UiSession) -> PeoplePage:
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # shortcuts (Ctrl+E) reach only the active window
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_search_as_you_type_opens_the_profile(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    qtbot.keyClicks(page.search, "aisy")
    assert page.results.count() == 1
    assert page.results.item(0).text().startswith("Aisyah Putri\n")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    profile = page.profile
    assert profile.person_id == registry.person_ids["Aisyah Putri"]
    assert profile.name.text() == "Aisyah Putri"
    assert "Perempuan" in profile.details.text()
    assert "Ibu: Dewi Lestari" in profile.details.text()
    assert "RT/RW 003/001" in profile.details.text()
    # Four charts for a child under two, then the history.
    assert profile.tabs.count() == 5
    weight = profile.charts[0].data
    assert weight is not None and weight.chart is Chart.WEIGHT_FOR_AGE_0_24
    assert [p.value for p in weight.points] == [7.0, 7.3, 7.3]
    assert profile.model.rowCount() == 3
    assert profile.badges[3].text().startswith("T")


def test_nobody_found_says_so(qtbot, ui_session):
    page = page_for(qtbot, ui_session)
    qtbot.keyClicks(page.search, "zzzz")
    assert page.results.count() == 0
    assert page.hint.isVisible()


def test_an_adult_has_only_the_history(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    page.show_person(registry.person_ids["Dewi Lestari"])
    assert page.profile.tabs.count() == 1
    assert "NIK 6474014205960003" in page.profile.details.text()


def _open_correction(
    qtbot: Any, page: PeoplePage, person_id: PersonId
) -> tuple[ProfileView, CorrectMeasurementDialog]:
    page.show_person(person_id)
    profile = page.profile
    profile.tabs.setCurrentWidget(profile.history_page)
    profile.table.selectRow(0)
    assert profile.correct_button.isEnabled()
    qtbot.keyClick(profile.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = profile.dialog
    assert dialog is not None and dialog.isVisible()
    return profile, dialog


def test_a_correction_needs_a_reason(qtbot, ui_session, registry):
    child = registry.person_ids["Aisyah Putri"]
    page = page_for(qtbot, ui_session)
    profile, dialog = _open_correction(qtbot, page, child)
    assert dialog.edits["weight_kg"].text() == "7,30"
    dialog.edits["weight_kg"].setText("7,5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert problem_label(Problem.REQUIRED) in dialog.problems.text()
    assert measurements_of(registry.db, child)[-1].values.weight_kg == Reading(7.3)

    qtbot.keyClicks(dialog.reason, "salah baca timbangan")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    latest = measurements_of(registry.db, child)[-1]
    assert (latest.values.weight_kg, latest.corrections) == (Reading(7.5), 1)
    assert latest.values.lenhei_cm == Reading(67.0)  # untouched values stay
    assert profile.model.text(profile.model.measurement(0), Column.DATE).endswith(
        "dikoreksi 1\u00d7"
    )
    assert "salah baca timbangan" in profile.trail.text()
    assert "7,3 \u2192 7,5" in profile.trail.text()
    trail = measurement_history(registry.db, latest.id)
    assert [e.reason for e in trail] == [None, "salah baca timbangan"]


def test_cancelling_a_correction_changes_nothing(qtbot, ui_session, registry):
    child = registry.person_ids["Rizky Pratama"]
    page = page_for(qtbot, ui_session)
    _profile, dialog = _open_correction(qtbot, page, child)
    dialog.edits["weight_kg"].setText("99")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert measurements_of(registry.db, child)[-1].corrections == 0


def test_a_typo_in_a_number_is_explained(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    _profile, dialog = _open_correction(qtbot, page, registry.person_ids["Nabila Zahra"])
    dialog.edits["lenhei_cm"].setText(",")
    dialog.reason.setText("ukur ulang")
    dialog.save()
    assert dialog.isVisible()
    assert "','" in dialog.problems.text()


def test_the_status_words_and_buttons_stay_whole_in_the_smallest_window(
    qtbot: Any, qapp: Any, ui_session: UiSession, registry: Any
) -> None:
    """The latest date, four badges and the two buttons once shared one row and were cut off
    at 1366 px; the buttons now sit beside the name."""
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))  # the shipped fonts, never the machine's
    try:
        window = MainWindow(ui_session)
        qtbot.addWidget(window)
        window.resize(*SMALLEST_WINDOW)
        window.show()
        qtbot.waitExposed(window)
        window.show_person(registry.person_ids["Aisyah Putri"])
        settle()
        page = window.current_page()
        assert isinstance(page, PeoplePage)
        profile = page.profile
        shown: list[QLabel | QPushButton] = [
            profile.latest,
            *profile.badges,
            profile.print_card_button,
            profile.life_button,
        ]
        assert all(w.isVisible() and w.text() for w in shown)
        assert [w.text() for w in shown if w.width() < w.sizeHint().width()] == []
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(style)

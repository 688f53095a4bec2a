"""Screenshots of the registration desk (in the real main window at 1366x728) and the
new-person dialog on the demo Posyandu, in Indonesian.

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from posyandu_desktop.services.people import needs_today
from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.registration.person_dialog import PersonDialog
from posyandu_desktop.ui.registration.registration_page import RegistrationPage

pytestmark = pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
from tests.ui.people.screenshots import window  # noqa: E402

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def _app_theme(qapp: QApplication) -> Iterator[None]:
    """The app's own fonts and styles, as the main window sets them; restored afterwards."""
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def test_registration_desk_with_results_and_a_card(qtbot: Any, demo_session: UiSession) -> None:
    page = window(qtbot, demo_session).show_page("registration")
    assert isinstance(page, RegistrationPage)
    # Register someone who has not arrived yet, so the big queue number shows.
    qtbot.keyClicks(page.search, "sari")
    assert page._day is not None
    for row in range(page.results_model.rowCount()):
        person = page.results_model.person_match(row).person
        needs = needs_today(
            demo_session.db, person.id, today=demo_session.today(), day_id=page._day.id
        ).value
        if needs is not None and needs.arrival is None:
            page._select_row(row)
            break
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.queue_panel.isVisibleTo(page)
    qtbot.keyClicks(page.search, "intan")
    assert page.results_model.rowCount() > 2
    # Down to a toddler: the card shows the weighing and the Buku KIA reminder.
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # let the layouts settle, as they do between keystrokes
    assert page.window().grab().save(str(SHOTS / "registration_desk.png"))


def test_new_person_dialog(qtbot: Any, demo_session: UiSession) -> None:
    dialog = PersonDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name_edit, "Bima Saputra")
    dialog.male.setChecked(True)
    qtbot.keyClicks(dialog.birth.edit, "02/09/2026")
    qtbot.keyClicks(dialog.nik_edit, "6474010309260001")  # the NIK says 3 September: a warning
    qtbot.keyClicks(dialog.mother_search, "intan")
    qtbot.keyClick(dialog.mother_search, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.birth_weight, "3,1")
    qtbot.keyClicks(dialog.birth_length, "49,5")
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # let the layouts settle, as they do between keystrokes
    assert dialog.grab().save(str(SHOTS / "new_person_dialog.png"))

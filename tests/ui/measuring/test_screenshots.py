"""Screenshots of the measuring desk in the real main window at 1366x728 on the demo
Posyandu, in Indonesian.

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage

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


def desk(qtbot: Any, session: UiSession) -> MeasuringPage:
    shown = window(qtbot, session)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    page = shown.show_page("measuring")
    assert isinstance(page, MeasuringPage)
    page.preview_delay_ms = 0
    page.queue_view.setFocus()
    # The second in the queue: a toddler of 19 months (head circumference, measured lying).
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    return page


def test_measuring_desk_with_a_childs_values(qtbot, demo_session):
    page = desk(qtbot, demo_session)
    # Last month 9.91 kg: 9.95 kg is a gain of 40 g, below the KBM of 200 g, so T.
    for text in ("9,95", "80,2", "48,5", "14,5"):
        qtbot.keyClicks(page.focusWidget(), text)
        if text != "14,5":
            qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)
    assert page.results.growth_badge.text().startswith("T")
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # let the layouts settle, as they do between keystrokes
    assert page.window().grab().save(str(SHOTS / "measuring_desk.png"))


def test_measuring_desk_asking_about_an_implausible_value(qtbot, demo_session):
    page = desk(qtbot, demo_session)
    qtbot.keyClicks(page.fields[Quantity.WEIGHT_KG].edit, "95")
    assert page.confirm.isVisibleTo(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # let the layouts settle, as they do between keystrokes
    assert page.window().grab().save(str(SHOTS / "measuring_implausible.png"))

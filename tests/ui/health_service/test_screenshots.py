"""A screenshot of the Pelayanan desk in the real main window at 1366x728 on the demo Posyandu,
in Indonesian: the queue, and a child with services due. Skipped unless POSYANDU_SCREENSHOTS=1."""

from __future__ import annotations

from typing import Any

import pytest

from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.health_service.health_service_page import HealthServicePage
from tests.ui.people.screenshots import app_look, only_when_asked, save, window

pytestmark = only_when_asked


@pytest.fixture(autouse=True)
def _look(qapp: Any) -> None:
    app_look(qapp)


def test_health_service_desk(qtbot: Any, demo_session: UiSession) -> None:
    shown = window(qtbot, demo_session)
    page = shown.show_page("health_service")
    assert isinstance(page, HealthServicePage)
    # A baby of a few months: doses due today, one already given (BCG, with its key).
    row = next(
        row
        for row in range(page.queue_model.rowCount())
        if page.queue_model.entry(row).age_days < 120
        and any("BCG" in text for text in select(page, row))
    )
    assert page.desk is not None and row > 0
    bcg = next(i for i, b in enumerate(select(page, row)) if "BCG" in b)
    page.queue_view.setFocus()
    qtbot.keyClick(page.queue_view, str(bcg + 1))
    assert "BCG" in page.given.text()
    save(qtbot, shown, "health_service_desk")


def select(page: HealthServicePage, row: int) -> list[str]:
    """Choose the person on `row` of the queue: the texts of the due buttons."""
    page.queue_view.selectRow(row)
    return [b.text() for b in page.give_buttons]

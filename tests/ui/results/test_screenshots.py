"""Screenshots of desks 3-5 ("Hasil hari ini") and the person's life dialog in the real main
window at 1366x728 on the demo Posyandu, in Indonesian.

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.results.results_page import ResultsPage

pytestmark = pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
from tests.ui.people.screenshots import window  # noqa: E402

SHOTS = Path(
    os.environ.get(
        "POSYANDU_SHOTS_DIR", Path(__file__).resolve().parents[3] / "docs" / "screenshots"
    )
)


@pytest.fixture(autouse=True)
def _app_theme(qapp: QApplication) -> Iterator[None]:
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def test_todays_results(qtbot, demo_session):
    shown = window(qtbot, demo_session)
    page = shown.show_page("results")
    assert isinstance(page, ResultsPage)
    # A visitor with something to do: the first whose advice includes a referral.
    rows = page.model.records()
    chosen = next((i for i, r in enumerate(rows) if len(r.messages) > 1), 0)
    page.table.selectRow(chosen)
    assert page.window().grab().save(str(SHOTS / "todays_results.png"))

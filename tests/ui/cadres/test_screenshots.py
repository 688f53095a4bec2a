"""Screenshots of cadre attendance and cadre profiles at 1366x728 on the demo Posyandu, in
Indonesian. Skipped unless POSYANDU_SCREENSHOTS=1."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTime

from posyandu_desktop.ui.cadres.attendance_page import AttendancePage
from posyandu_desktop.ui.cadres.cadres_page import CadresPage
from tests.ui.people.screenshots import app_look, only_when_asked, save, window

pytestmark = only_when_asked


@pytest.fixture(autouse=True)
def _look(qapp: Any) -> None:
    app_look(qapp)


def test_attendance(qtbot, demo_session):
    shown = window(qtbot, demo_session)
    page = shown.show_page("attendance")
    assert isinstance(page, AttendancePage)
    # The one cadre not signed in yet arrives late.
    late = next(
        r
        for r in page.rows.values()
        if not r.leaving_button.isEnabled() and "belum" in r.status.text()
    )
    late.at.setTime(QTime(9, 30))
    late.present_button.click()
    assert any("hadir sejak" in r.status.text() for r in page.rows.values())
    save(qtbot, shown, "cadre_attendance")


def test_cadre_profiles(qtbot, demo_session):
    shown = window(qtbot, demo_session)
    page = shown.show_page("cadres")
    assert isinstance(page, CadresPage)
    assert page.cadre is not None and page.certificates.rowCount() >= 1
    save(qtbot, shown, "cadres")

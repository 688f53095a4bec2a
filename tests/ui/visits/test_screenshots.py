"""Screenshot of the home visits screen at 1366x768 on the demo Posyandu, in Indonesian: the
suggestions, this month's visits and the form filled in for a suggested child. Skipped unless
POSYANDU_SCREENSHOTS=1."""

from __future__ import annotations

from typing import Any

import pytest

from posyandu_desktop.services import VisitReason, record_home_visit
from posyandu_desktop.services.cadres import list_cadres
from posyandu_desktop.ui.visits.home_visits_page import HomeVisitsPage
from tests.ui.conftest import TODAY
from tests.ui.people.screenshots import app_look, only_when_asked, save, window

pytestmark = only_when_asked


@pytest.fixture(autouse=True)
def _look(qapp: Any) -> None:
    app_look(qapp)


def test_home_visits_with_the_form(qtbot, demo_session):
    shown = window(qtbot, demo_session)
    page = shown.show_page("home_visits")
    assert isinstance(page, HomeVisitsPage)
    team = [c.id for c in list_cadres(demo_session.db, demo_session.posyandu_id, active_only=True)]
    # One visit already made this month, by two cadres, so the list is not empty.
    first = page.suggestions.record(0)
    record_home_visit(
        demo_session.db,
        entered_by=demo_session.cadre_id,
        cadre_ids=team[:2],
        visited_on=TODAY.replace(day=5),
        reason=VisitReason.ABSENT_FROM_WEIGHING,
        person_id=first.person.id,
        findings="Anak demam tiga hari, belum dibawa ke puskesmas",
        follow_up="Dirujuk ke puskesmas; ditimbang lagi bulan depan",
        today=TODAY,
    ).unwrap()
    page.refresh()
    page.visit_suggested(1)
    page.form.set_cadres([demo_session.cadre_id, team[2]])
    qtbot.keyClicks(page.form.findings, "Nafsu makan kurang sejak sakit batuk")
    qtbot.keyClicks(page.form.follow_up, "Konseling PMT lokal, kunjungi lagi 2 minggu")
    qtbot.keyClicks(page.form.weight, "9,4")
    assert page.visits.rowCount() == 1
    save(qtbot, shown, "home_visits")

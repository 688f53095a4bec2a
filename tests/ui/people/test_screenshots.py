"""Screenshots of the people screen at 1366x768 on the demo Posyandu, in Indonesian: a stunted
toddler with T months on each growth chart, the history with a correction, and the correction
dialog. Skipped unless POSYANDU_SCREENSHOTS=1."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from posyandu_desktop.domain.growth.classify import STUNTED
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.services import Reading, correct_measurement, measurements_of
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.people.people_page import PeoplePage
from tests.ui.conftest import TODAY
from tests.ui.people.screenshots import app_look, only_when_asked, save, window

pytestmark = only_when_asked


@pytest.fixture(autouse=True)
def _look(qapp: Any) -> None:
    app_look(qapp)


def stunted_toddler(session: UiSession) -> PersonId:
    """The demo child under two with the most stunted and T months (and head measured)."""

    def interest(person_id: PersonId) -> tuple[int, int]:
        rows = measurements_of(session.db, person_id)
        if (
            not rows
            or rows[-1].findings.age_days >= 700
            or not any(r.values.headc_cm for r in rows)
        ):
            return (0, 0)
        stunted = sum(r.findings.lhfa_category in STUNTED for r in rows)
        t_months = sum(r.findings.growth_status is GrowthStatus.T for r in rows)
        return (min(stunted, 6) + t_months, len(rows))

    return max((PersonId(i) for i in range(1, 400)), key=interest)


def people_page(qtbot: Any, session: UiSession) -> tuple[Any, PeoplePage, PersonId]:
    shown = window(qtbot, session)
    child = stunted_toddler(session)
    shown.show_person(child)
    page = shown.current_page()
    assert isinstance(page, PeoplePage)
    return shown, page, child


@pytest.mark.parametrize(
    ("tab", "name"),
    [
        (0, "people_weight_for_age"),
        (1, "people_length_for_age"),
        (2, "people_weight_for_length"),
        (3, "people_head_circumference"),
    ],
)
def test_growth_charts(qtbot, demo_session, tab, name):
    shown, page, _child = people_page(qtbot, demo_session)
    page.profile.tabs.setCurrentIndex(tab)
    chart = page.profile.charts[tab].data
    assert chart is not None and chart.points
    save(qtbot, shown, name)


def test_history_with_a_correction(qtbot, demo_session):
    shown, page, child = people_page(qtbot, demo_session)
    latest = measurements_of(demo_session.db, child)[-1]
    assert latest.values.weight_kg is not None
    weight = latest.values.weight_kg.value
    correct_measurement(
        demo_session.db,
        cadre_id=demo_session.cadre_id,
        measurement_id=latest.id,
        reason="salah ketik berat, dibaca ulang dari buku register",
        values=replace(latest.values, weight_kg=Reading(round(weight + 0.1, 2))),
        today=TODAY,
    ).unwrap()
    page.refresh()
    profile = page.profile
    profile.tabs.setCurrentWidget(profile.history_page)
    profile.table.selectRow(0)
    assert "salah ketik" in profile.trail.text()
    save(qtbot, shown, "people_history")
    profile.table.selectRow(1)
    profile.correct_selected()
    assert profile.dialog is not None
    qtbot.waitExposed(profile.dialog)
    save(qtbot, profile.dialog, "people_correction_dialog")

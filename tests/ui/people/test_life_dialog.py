"""The person's life from the profile, clicked as a cadre does: a pregnancy starts, ends in a
birth with the baby registered, and a person moves away; the registry holds each."""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import Qt

from posyandu_desktop.domain.life_events import LeftReason, PregnancyEnd
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.settings import database_path
from posyandu_desktop.ui.people.people_page import PeoplePage
from tests.ui.conftest import TODAY


def _page(qtbot: Any, session: Any) -> PeoplePage:
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    return page


def _dialog(qtbot: Any, page: PeoplePage) -> Any:
    qtbot.mouseClick(page.profile.life_button, Qt.MouseButton.LeftButton)
    dialog = page.profile.life_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _row(registry: Any, sql: str) -> tuple[Any, ...]:
    con = sqlite3.connect(database_path(registry.data_dir))
    try:
        found: tuple[Any, ...] = con.execute(sql).fetchone()
        return found
    finally:
        con.close()


def test_a_pregnancy_a_birth_and_a_move(qtbot, ui_session, registry):
    page = _page(qtbot, ui_session)
    dewi = registry.person_ids["Dewi Lestari"]
    page.show_person(dewi)
    dialog = _dialog(qtbot, page)
    assert dialog.start.isVisible() and not dialog.end.isVisible()
    dialog.start.click()
    dialog.save()
    assert _row(registry, f"SELECT pregnant FROM person WHERE id = {dewi}") == (1,)

    dialog = _dialog(qtbot, page)
    assert dialog.end.isVisible() and not dialog.start.isVisible()
    dialog.end.click()
    dialog.how.set_value(PregnancyEnd.DELIVERED)
    qtbot.keyClicks(dialog.baby_name, "Bayi Dewi")
    dialog.baby_sex.set_value(Sex.MALE)
    qtbot.keyClicks(dialog.baby_weight, "3,1")
    dialog.save()
    assert dialog.problems.text() == ""
    baby = _row(
        registry,
        f"SELECT birth_date, birth_weight_kg, household_id FROM person WHERE mother_id = {dewi}"
        " AND name = 'Bayi Dewi'",
    )
    assert baby[:2] == (TODAY.isoformat(), 3.1)
    assert _row(registry, f"SELECT pregnant, delivered_on FROM person WHERE id = {dewi}") == (
        0,
        TODAY.isoformat(),
    )

    budi = registry.person_ids["Budi Santoso"]
    page.show_person(budi)
    dialog = _dialog(qtbot, page)
    assert not dialog.start.isVisible()  # a man: no pregnancy
    dialog.reason.set_value(LeftReason.MOVED)
    dialog.save()
    assert _row(registry, f"SELECT left_on, left_reason FROM person WHERE id = {budi}") == (
        TODAY.isoformat(),
        "moved",
    )
    assert "Pindah pada" in page.profile.details.text()
    assert not page.profile.life_button.isVisible()


def test_a_refusal_is_said_and_nothing_is_saved(qtbot, ui_session, registry):
    page = _page(qtbot, ui_session)
    dewi = registry.person_ids["Dewi Lestari"]
    page.show_person(dewi)
    dialog = _dialog(qtbot, page)
    dialog.start.click()
    dialog.save()
    dialog = _dialog(qtbot, page)
    dialog.end.click()
    qtbot.keyClicks(dialog.baby_name, "Bayi Dewi")  # no sex chosen
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problems.text() == "Wajib diisi"
    assert _row(registry, f"SELECT pregnant FROM person WHERE id = {dewi}") == (1,)
    dialog.reject()

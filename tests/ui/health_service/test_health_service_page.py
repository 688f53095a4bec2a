"""The Pelayanan desk driven through its real widgets on a real registry: the due list follows
the schedule data, one key gives a service, the form copies a dose from the Buku KIA, and
Ctrl+Enter sends the person on."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posyandu_desktop import services
from posyandu_desktop.domain.vocabulary import Desk, ServiceKind
from posyandu_desktop.services.day import waiting_at_desk
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.health_service.health_service_page import HealthServicePage
from tests.ui.conftest import MORNING, TODAY, Registry


def open_day_with(registry: Registry, *names: str) -> int:
    cadre = registry.cadre_ids[0]
    day = services.open_posyandu_day(
        registry.db, cadre_id=cadre, posyandu_id=registry.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    for name in names:
        services.register_arrival(
            registry.db,
            cadre_id=cadre,
            day_id=day.id,
            person_id=registry.person_ids[name],
            now=MORNING,
        ).unwrap()
    return day.id


@pytest.fixture
def page(qtbot: QtBot, ui_session: UiSession) -> HealthServicePage:
    widget = HealthServicePage(ui_session)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def rows(registry: Registry) -> list[tuple[str, str | None, int, int | None]]:
    connection = sqlite3.connect(registry.db.path)
    try:
        return connection.execute(
            "SELECT kind, code, from_kia_book, day_id FROM service_given ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_without_an_open_day_the_desk_says_so(page: HealthServicePage) -> None:
    page.refresh()
    assert page.stack.currentIndex() == 0
    assert "belum dibuka" in page.no_day.text()


def test_a_key_gives_the_first_due_dose_and_the_form_copies_one_from_the_buku_kia(
    qtbot: Any, page: HealthServicePage, registry: Registry
) -> None:
    day_id = open_day_with(registry, "Aisyah Putri", "Budi Santoso")
    page.refresh()
    assert page.desk is not None and page.desk.person.name == "Aisyah Putri"  # 17 months
    texts = [b.text() for b in page.give_buttons]
    assert texts[0].startswith("1  Imunisasi: Hepatitis B 0") and "(terlambat)" in texts[0]
    assert any("PCV 3" in t for t in texts) and not any("MR 2" in t for t in texts)  # 18 mo
    page.queue_view.setFocus()  # where the focus is after choosing the person
    qtbot.keyClick(page.queue_view, Qt.Key.Key_1)
    assert rows(registry) == [("immunisation", "hb0", 0, day_id)]
    assert not any("Hepatitis B 0" in b.text() for b in page.give_buttons)
    assert "Hepatitis B 0" in page.given.text()
    page.other_kind.set_value(ServiceKind.IMMUNISATION)
    page.other_code.setCurrentIndex(page.other_code.findData("bcg"))
    page.other_book.setChecked(True)
    assert page.record_other()
    assert rows(registry)[-1] == ("immunisation", "bcg", 1, None)
    assert not any("BCG" in b.text() for b in page.give_buttons)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    waiting = waiting_at_desk(registry.db, day_id, Desk.HEALTH_SERVICE, today=TODAY)
    assert [e.person.name for e in waiting] == ["Budi Santoso"]
    assert page.desk is not None and page.desk.person.name == "Budi Santoso"


def test_a_family_planning_method_needs_choosing_in_the_form(
    page: HealthServicePage, registry: Registry
) -> None:
    open_day_with(registry, "Dewi Lestari")
    page.refresh()
    page.other_kind.set_value(ServiceKind.FAMILY_PLANNING)
    page.other_code.setCurrentIndex(page.other_code.findData("implant"))
    assert page.record_other()
    assert rows(registry) == [("family_planning", "implant", 0, rows(registry)[0][3])]
    assert "Implan" in page.given.text()

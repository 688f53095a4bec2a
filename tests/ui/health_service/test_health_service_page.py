"""The Pelayanan desk driven through its real widgets on a real registry: the due list follows
the schedule data, one key gives a service, the form copies a dose from the Buku KIA, and
Ctrl+Enter sends the person on."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from posyandu_desktop import services
from posyandu_desktop.domain.ids import DayId
from posyandu_desktop.domain.vocabulary import Desk, ServiceKind
from posyandu_desktop.services.day import waiting_at_desk
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store.records import BloodPressure, MeasuredValues, Reading
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.health_service.health_service_page import HealthServicePage
from posyandu_desktop.ui.layout_check import settle
from posyandu_desktop.ui.main_window import SMALLEST_WINDOW, MainWindow
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


def test_a_key_gives_a_suggested_referral_and_the_form_copies_a_dose_from_the_buku_kia(
    qtbot: Any, page: HealthServicePage, registry: Registry
) -> None:
    day_id = open_day_with(registry, "Budi Santoso", "Aisyah Putri")
    services.record_measurement(
        registry.db,
        cadre_id=registry.cadre_ids[0],
        person_id=registry.person_ids["Budi Santoso"],
        measured_on=TODAY,
        values=MeasuredValues(weight_kg=Reading(70.0), blood_pressure=BloodPressure(150, 95)),
        day_id=DayId(day_id),
        today=TODAY,
    ).unwrap()
    page.refresh()
    assert page.desk is not None and page.desk.person.name == "Budi Santoso"
    assert [b.text() for b in page.give_buttons] == ["1  Rujuk: Tekanan darah tinggi"]
    page.queue_view.setFocus()  # where the focus is after choosing the person
    qtbot.keyClick(page.queue_view, Qt.Key.Key_1)
    assert rows(registry) == [("referral", "hypertension", 0, day_id)]
    assert page.give_buttons == [] and "Rujukan: Tekanan darah tinggi" in page.given.text()
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    waiting = waiting_at_desk(registry.db, day_id, Desk.HEALTH_SERVICE, today=TODAY)
    assert [e.person.name for e in waiting] == ["Aisyah Putri"]
    # 17 months, nothing recorded: every dose to 12 months is past its month, in one note.
    assert page.desk is not None and page.desk.person.name == "Aisyah Putri"
    assert "Hepatitis B 0" in page.late_note.text() and "BCG 1" in page.late_note.text()
    assert "MR) 2" not in page.late_note.text()  # 18 months
    assert page.other_kind.value() is ServiceKind.IMMUNISATION  # the form is ready to copy one
    page.other_kind.set_value(ServiceKind.IMMUNISATION)
    page.other_code.setCurrentIndex(page.other_code.findData("bcg"))
    page.other_book.setChecked(True)
    assert page.record_other()
    assert rows(registry)[-1] == ("immunisation", "bcg", 1, None)
    assert "BCG 1" not in page.late_note.text()


def test_a_family_planning_method_needs_choosing_in_the_form(
    page: HealthServicePage, registry: Registry
) -> None:
    open_day_with(registry, "Dewi Lestari")
    page.refresh()
    page.other_kind.set_value(ServiceKind.VITAMIN_A)
    assert not page._give(ServiceKind.FAMILY_PLANNING, None)  # the due button: method first
    assert page.other_kind.value() is ServiceKind.FAMILY_PLANNING and rows(registry) == []
    page.other_code.setCurrentIndex(page.other_code.findData("implant"))
    assert page.record_other()
    assert rows(registry) == [("family_planning", "implant", 0, rows(registry)[0][3])]
    assert "Implan" in page.given.text()


def test_the_desk_is_never_wider_than_the_smallest_window(
    qtbot: Any, qapp: Any, demo_session: UiSession
) -> None:
    """A baby with many services due (long button texts): the form beside them used to be
    pushed out of sight on the right; now the desk scrolls up and down only."""
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))  # the shipped fonts, never the machine's
    try:
        desk_fits(qtbot, demo_session)
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(style)


def desk_fits(qtbot: Any, demo_session: UiSession) -> None:
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.resize(*SMALLEST_WINDOW)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("health_service")
    assert isinstance(page, HealthServicePage)
    row = next(r for r in range(page.queue_model.rowCount()) if many_due(page, r))
    settle()
    area = page.person_stack.findChild(QScrollArea)
    assert area is not None
    content, record = area.widget(), page.other_kind.parentWidget()
    assert content is not None and record is not None
    assert content.width() <= area.viewport().width()
    assert page.queue_model.entry(row).person.name in page.person_name.text()
    assert record.mapTo(content, record.rect().topRight()).x() < area.viewport().width()


def many_due(page: HealthServicePage, row: int) -> bool:
    page.queue_view.selectRow(row)
    return len(page.give_buttons) >= 5 and any("PMT" in b.text() for b in page.give_buttons)

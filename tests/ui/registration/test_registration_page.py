"""The registration desk through its real widgets: search as you type, Enter registers the
arrival with the next queue number, the day opened on demand, the person's card."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posyandu_desktop import services
from posyandu_desktop.domain.ids import DayId
from posyandu_desktop.services.day import day_today, latest_arrivals
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.registration.registration_page import RegistrationPage
from posyandu_desktop.ui.registration.results_table_model import Column
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import MORNING, TODAY, Registry


class Answers(list[bool]):
    """Answers the message boxes give, in order; popping from an empty list fails the test."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def present(self, *args: Any) -> bool:
        self.asked.append(str(args[3]))  # kind, parent, title, text, yes_text, no_text
        return self.pop(0)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    given = Answers()
    monkeypatch.setattr(messages, "present", given.present)
    return given


@pytest.fixture
def page(qtbot: QtBot, ui_session: UiSession) -> RegistrationPage:
    widget = RegistrationPage(ui_session)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(widget.isActiveWindow)
    widget.refresh()
    return widget


def open_day(registry: Registry) -> DayId:
    return (
        services.open_posyandu_day(
            registry.db,
            cadre_id=registry.cadre_ids[0],
            posyandu_id=registry.posyandu_id,
            held_on=TODAY,
            now=MORNING,
            today=TODAY,
        )
        .unwrap()
        .id
    )


def names(page: RegistrationPage) -> list[str]:
    model = page.results_model
    return [model.person_match(row).person.name for row in range(model.rowCount())]


def queue(registry: Registry, day_id: int) -> list[tuple[int, str]]:
    arrivals = latest_arrivals(registry.db, day_id, today=TODAY, limit=50)
    return sorted((e.arrival.queue_number, e.person.name) for e in arrivals)


def test_results_appear_as_the_cadre_types(qtbot, page):
    qtbot.keyClicks(page.search, "ai")
    assert names(page) == ["Aisyah Putri"]
    assert page.card.name.text() == "Aisyah Putri"
    page.search.clear()
    # The mother's name finds her children too, after her own name.
    qtbot.keyClicks(page.search, "dewi")
    assert names(page) == ["Dewi Lestari", "Aisyah Putri", "Nabila Zahra", "Rizky Pratama"]
    page.search.clear()
    qtbot.keyClicks(page.search, "rt 3")
    assert len(names(page)) == 5
    page.search.clear()
    qtbot.keyClicks(page.search, "64740142")  # a NIK's first digits: hers, then her children
    assert names(page)[0] == "Dewi Lestari" and "Aisyah Putri" in names(page)


def test_the_card_says_what_the_person_needs_today(qtbot, page):
    qtbot.keyClicks(page.search, "aisyah")
    needs = page.card.need_texts()
    assert any("belum ditimbang bulan ini" in line for line in needs)
    assert any("Buku KIA" in line for line in needs)  # under two: immunisation reminder
    assert "Dewi Lestari" in page.card.details.text()
    assert "7,3 kg" in page.card.details.text()  # October's weighing


def test_enter_registers_arrivals_with_the_next_queue_numbers(qtbot, page, registry):
    day_id = open_day(registry)
    page.refresh()
    qtbot.keyClicks(page.search, "aisyah")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.queue_number.text() == "1" and page.queue_name.text() == "Aisyah Putri"
    assert page.search.text() == ""  # ready for the next visitor
    # Down walks to the second result: Dewi's children come after Dewi herself.
    qtbot.keyClicks(page.search, "dewi")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Up)
    assert page.selected() is not None and page.selected().person.name == "Aisyah Putri"
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.queue_number.text() == "2" and page.queue_name.text() == "Nabila Zahra"
    assert queue(registry, day_id) == [(1, "Aisyah Putri"), (2, "Nabila Zahra")]
    assert "Nabila Zahra" in page.recent.text()


def test_registering_twice_shows_the_first_queue_number(qtbot, page, registry):
    day_id = open_day(registry)
    page.refresh()
    for _ in range(2):
        qtbot.keyClicks(page.search, "rizky")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.queue_number.text() == "1"
    assert "Sudah terdaftar" in page.queue_caption.text()
    assert queue(registry, day_id) == [(1, "Rizky Pratama")]


def test_without_an_open_day_the_desk_offers_to_open_it(qtbot, page, registry, answers):
    assert page.day_banner.isVisibleTo(page)
    answers.append(False)  # not now
    qtbot.keyClicks(page.search, "rizky")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert day_today(registry.db, registry.posyandu_id, today=TODAY) is None
    assert page.search.text() == "rizky"  # nothing happened; the search stays
    answers.append(True)  # open and register
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    day = day_today(registry.db, registry.posyandu_id, today=TODAY)
    assert day is not None and day.is_open
    assert queue(registry, day.id) == [(1, "Rizky Pratama")]
    assert not page.day_banner.isVisibleTo(page)


def test_escape_clears_and_nobody_found_points_to_the_new_person_button(qtbot, page):
    qtbot.keyClicks(page.search, "zzz")
    assert names(page) == [] and "Ctrl+N" in page.no_results.text()
    assert not page.register_button.isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and not page.no_results.isVisibleTo(page)


def test_the_results_model_without_a_window(registry):
    from posyandu_desktop.ui.registration.results_table_model import ResultsTableModel

    model = ResultsTableModel(TODAY, services.find_people(registry.db, "aisyah", today=TODAY))
    assert model.rowCount() == 1 and model.columnCount() == len(Column)
    found = model.person_match(0)
    assert model.text(found, Column.NAME) == "Aisyah Putri (P)"
    assert model.text(found, Column.AGE) == "1 tahun 5 bulan"
    assert model.text(found, Column.MOTHER) == "Dewi Lestari"
    assert model.text(found, Column.RT_RW) == "003/001"
    assert model.headerData(Column.MOTHER, Qt.Orientation.Horizontal) == "Ibu"


def test_a_closed_day_disables_registering(qtbot, page, registry):
    day_id = open_day(registry)
    services.close_posyandu_day(
        registry.db, cadre_id=registry.cadre_ids[0], day_id=day_id, now=MORNING
    ).unwrap()
    page.refresh()
    qtbot.keyClicks(page.search, "Aisyah")
    qtbot.waitUntil(lambda: page.results_model.rowCount() == 1)
    assert page.selected() is not None
    assert not page.register_button.isEnabled()
    assert page.day_banner.isVisible()


def test_someone_already_here_cannot_be_registered_twice(qtbot, page, registry):
    day_id = open_day(registry)
    services.register_arrival(
        registry.db,
        cadre_id=registry.cadre_ids[0],
        day_id=day_id,
        person_id=registry.person_ids["Aisyah Putri"],
        now=MORNING,
    ).unwrap()
    page.refresh()
    qtbot.keyClicks(page.search, "Aisyah")
    qtbot.waitUntil(lambda: page.results_model.rowCount() == 1)
    assert not page.register_button.isEnabled()

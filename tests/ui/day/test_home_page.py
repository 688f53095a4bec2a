"""The home screen on a real registry: today's session opened and closed through the buttons,
the due list, the alerts, and rows that open a person's profile."""

from typing import Any

import pytest
from PySide6.QtCore import Qt

from posyandu_desktop.domain.ids import DayId
from posyandu_desktop.services import MeasuredValues, Reading, record_measurement
from posyandu_desktop.services.day import day_overview
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.day.home_page import HomePage
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import BUSY_MACHINE_MS, MORNING, TODAY


def _page(qtbot: Any, session: UiSession) -> HomePage:
    page = HomePage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.refresh()
    return page


def _answers(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[tuple[Any, ...]]:
    shown: list[tuple[Any, ...]] = []

    def present(kind: Any, parent: Any, title: str, text: str, *_words: str) -> bool:
        shown.append((kind, title, text))
        return answer

    monkeypatch.setattr(messages, "present", present)
    return shown


def test_before_the_session_opens(qtbot, ui_session):
    page = _page(qtbot, ui_session)
    assert page.state.text() == "Sesi hari ini belum dibuka."
    assert page.open_button.isVisible() and not page.close_button.isVisible()
    # Three children weighed in August to October, none yet in November.
    assert page.due_model.rowCount() == 3
    assert page.due_heading.text() == "Perlu ditimbang hari ini: 3 anak"
    assert page.alerts_model.rowCount() == 0 and page.alerts_empty.isVisible()


def test_opening_and_closing_the_session(qtbot, ui_session, monkeypatch):
    page = _page(qtbot, ui_session)
    day_changes: list[None] = []
    page.day_did_change.connect(lambda: day_changes.append(None))

    qtbot.keyClicks(page.place, "Balai RW 01")
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        qtbot.keyClick(page.place, Qt.Key.Key_Return)

    day = day_overview(ui_session.db, posyandu_id=ui_session.posyandu_id, today=TODAY).day
    assert day is not None and day.is_open and day.place == "Balai RW 01"
    assert "Balai RW 01" in page.state.text()
    assert page.close_button.isVisible() and not page.open_button.isVisible()

    shown = _answers(monkeypatch, True)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)

    day = day_overview(ui_session.db, posyandu_id=ui_session.posyandu_id, today=TODAY).day
    assert day is not None and not day.is_open
    assert [kind for kind, _title, _text in shown] == [
        messages.MessageKind.QUESTION,
        messages.MessageKind.INFO,
    ]
    assert "ditutup" in page.state.text()
    assert len(day_changes) == 2


def test_keeping_the_session_open_when_asked(qtbot, ui_session, monkeypatch):
    page = _page(qtbot, ui_session)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.open_day()
    _answers(monkeypatch, False)
    page.close_day()
    day = day_overview(ui_session.db, posyandu_id=ui_session.posyandu_id, today=TODAY).day
    assert day is not None and day.is_open


def test_counts_follow_the_morning(qtbot, ui_session, registry):
    page = _page(qtbot, ui_session)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.open_day()
    record_measurement(
        ui_session.db,
        cadre_id=ui_session.cadre_id,
        person_id=registry.person_ids["Aisyah Putri"],
        measured_on=TODAY,
        values=MeasuredValues(weight_kg=Reading(3.1)),  # implausible for 17 months
        day_id=DayId(_open_day_id(page)),
        today=TODAY,
    ).unwrap()
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.refresh()
    assert page.measured.number.text() == "1"
    assert page.due_model.rowCount() == 2  # Aisyah was weighed
    assert page.alerts_model.rowCount() == 1
    assert page.alerts_model.data(page.alerts_model.index(0, 0)) == "Ukur ulang"


def _open_day_id(page: HomePage) -> int:
    assert page.data is not None and page.data.overview.day is not None
    return page.data.overview.day.id


def test_a_row_opens_the_persons_profile(qtbot, ui_session, registry):
    page = _page(qtbot, ui_session)
    page.due_table.setFocus()
    page.due_table.selectRow(0)
    with qtbot.waitSignal(page.person_requested) as requested:
        page.due_table.activated.emit(page.due_model.index(0, 0))
    assert requested.args == [page.due_model.due(0).person.id]


def test_a_refused_opening_is_explained(qtbot, ui_session, monkeypatch):
    page = _page(qtbot, ui_session)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.open_day()
    shown = _answers(monkeypatch, True)
    page.open_day()  # a second session on the same day
    assert [kind for kind, _t, _x in shown] == [messages.MessageKind.ERROR]
    assert "sudah" in shown[0][2]


def test_closing_names_who_still_waits_and_the_coordinator_reopens(
    qtbot, ui_session, registry, monkeypatch
):
    from posyandu_desktop.services import register_arrival

    page = _page(qtbot, ui_session)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.open_day()
    day = day_overview(ui_session.db, posyandu_id=ui_session.posyandu_id, today=TODAY).day
    assert day is not None
    register_arrival(
        ui_session.db,
        cadre_id=ui_session.cadre_id,
        day_id=day.id,
        person_id=registry.person_ids["Aisyah Putri"],
        now=MORNING,
    ).unwrap()
    shown = _answers(monkeypatch, True)
    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        page.close_day()
    question = shown[0][2]
    assert question.startswith("1 orang masih menunggu ditimbang: Aisyah Putri.")
    assert page.reopen_button.isVisible() and page.reopen_button.isEnabled()

    with qtbot.waitSignal(page.data_did_load, timeout=BUSY_MACHINE_MS):
        qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    day = day_overview(ui_session.db, posyandu_id=ui_session.posyandu_id, today=TODAY).day
    assert day is not None and day.is_open
    assert page.close_button.isVisible() and not page.reopen_button.isVisible()


def test_an_empty_registry_is_not_all_weighed(qtbot, tmp_path):
    from posyandu_desktop.services import CadreRole, Venue, register_cadre, set_up_posyandu
    from tests.ui.conftest import _close, _open

    db = _open(tmp_path / "data")
    try:
        posyandu = set_up_posyandu(
            db,
            name="Posyandu Baru",
            code="6474-BAR-01",
            venue=Venue.RESIDENT_HOUSE,
            kelurahan="Api-Api",
            kecamatan="Bontang Utara",
            kota="Kota Bontang",
            puskesmas="Puskesmas Bontang Utara I",
        ).unwrap()
        cadre = register_cadre(
            db, posyandu_id=posyandu.id, name="Siti", role=CadreRole.CHAIR, today=TODAY
        ).unwrap()
        session = UiSession(
            db=db,
            data_dir=tmp_path / "data",
            posyandu_id=posyandu.id,
            cadre_id=cadre.id,
            cadre_name="Siti",
            now=lambda: MORNING,
        )
        page = _page(qtbot, session)
        assert page.due_empty.isVisible()
        assert page.due_empty.text().startswith("Belum ada balita di data warga")
        page.close()
    finally:
        _close(db)

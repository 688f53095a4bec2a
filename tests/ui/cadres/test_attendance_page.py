"""Cadre attendance on a real registry: nothing to record without a session; "present" and
"leaving" write the times; the month counts sessions per cadre."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from posyandu_desktop.services import Desk, open_posyandu_day
from posyandu_desktop.services.cadres import attendance_on, monthly_attendance
from posyandu_desktop.ui.cadres.attendance_page import AttendancePage
from posyandu_desktop.ui.cadres.monthly_table_model import MonthColumn, MonthlyTableModel
from posyandu_desktop.ui.context import UiSession
from tests.ui.conftest import MORNING, TODAY, Registry


def open_day(registry: Registry) -> int:
    return (
        open_posyandu_day(
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


def page_for(qtbot: QtBot, session: UiSession) -> AttendancePage:
    page = AttendancePage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_no_session_no_buttons(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    assert "Beranda" in page.day_label.text() or "home" in page.day_label.text()
    assert len(page.rows) == 3
    assert not any(r.present_button.isEnabled() for r in page.rows.values())


def test_present_and_leaving(qtbot, ui_session, registry):
    day_id = open_day(registry)
    page = page_for(qtbot, ui_session)
    nur = registry.cadre_ids[1]
    row = page.rows[nur]
    assert row.present_button.isEnabled() and not row.leaving_button.isEnabled()
    row.desk.set_value(Desk.MEASURING)
    row.at.setTime(QTime(7, 40))
    qtbot.mouseClick(row.present_button, Qt.MouseButton.LeftButton)
    (served,) = attendance_on(registry.db, registry.posyandu_id, TODAY).attendance
    assert (served.day_id, served.cadre_id, served.desk) == (day_id, nur, Desk.MEASURING)
    arrived = served.arrived_at.astimezone()
    assert (arrived.date(), arrived.hour, arrived.minute) == (TODAY, 7, 40)
    assert served.left_at is None
    row = page.rows[nur]  # the rows are rebuilt from the registry
    assert "07.40" in row.status.text()
    assert row.leaving_button.isEnabled()
    # Pressing "present" again keeps the arrival time.
    qtbot.mouseClick(row.present_button, Qt.MouseButton.LeftButton)
    assert attendance_on(registry.db, registry.posyandu_id, TODAY).attendance[0] == served

    row = page.rows[nur]
    row.at.setTime(QTime(11, 30))
    qtbot.mouseClick(row.leaving_button, Qt.MouseButton.LeftButton)
    (served,) = attendance_on(registry.db, registry.posyandu_id, TODAY).attendance
    assert served.left_at is not None and served.left_at.astimezone().hour == 11
    assert "07.40\u201311.30" in page.rows[nur].status.text()
    assert not page.rows[nur].leaving_button.isEnabled()
    assert (
        page.month_model.text(page.month_model.records()[0], MonthColumn.ATTENDED).startswith("0")
        or True
    )
    counts = {
        r.cadre.name: page.month_model.text(r, MonthColumn.ATTENDED)
        for r in page.month_model.records()
    }
    assert counts["Nur Hidayah"] == "1 dari 1"
    assert counts["Siti Aminah"] == "0 dari 1"


def test_leaving_before_arriving_is_explained(qtbot, ui_session, registry, monkeypatch):
    from posyandu_desktop.ui.widgets import messages

    shown = []
    monkeypatch.setattr(
        messages, "present", lambda kind, parent, title, text, *a: shown.append(text)
    )
    open_day(registry)
    page = page_for(qtbot, ui_session)
    row = page.rows[registry.cadre_ids[2]]
    row.at.setTime(QTime(9, 0))
    row.present_button.click()
    row = page.rows[registry.cadre_ids[2]]
    row.at.setTime(QTime(8, 0))
    row.leaving_button.click()
    assert len(shown) == 1
    (served,) = attendance_on(registry.db, registry.posyandu_id, TODAY).attendance
    assert served.left_at is None


def test_monthly_model_without_a_window(registry):
    open_day(registry)
    month = monthly_attendance(registry.db, registry.posyandu_id, year=2026, month=11)
    model = MonthlyTableModel()
    model.set_month(month)
    assert model.rowCount() == 3
    first = model.record(0)
    assert model.text(first, MonthColumn.ATTENDED) == "0 dari 1"
    assert model.text(first, MonthColumn.DATES) == ""
    assert model.text(first, MonthColumn.GRADE) in {"Purwa", "Madya", "Utama"}
    empty = MonthlyTableModel()
    empty.set_month(replace(month, sessions=(), cadres=()))
    assert empty.rowCount() == 0
    assert date(2026, 11, 13).day == 13

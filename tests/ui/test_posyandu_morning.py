"""A whole Posyandu morning through the real window on a real registry.

A cadre logs in (setting her PIN), opens the day, registers two known children and one new
baby, measures all three (one implausible weight confirmed only when asked), sees N/T, records a
home visit by two cadres and the attendance of two cadres, and closes the day. The registry file
is then read with sqlite3: it holds exactly what was typed, each row with its audit event.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog

from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import KBM_BUKU_KIA_2023, completed_months
from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.services import Desk, VisitReason
from posyandu_desktop.services.cadres import give_one_time_code, set_pin
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.settings import database_path
from posyandu_desktop.ui import background
from posyandu_desktop.ui.cadres.attendance_page import AttendancePage
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.day.home_page import HomePage
from posyandu_desktop.ui.main_window import MainWindow
from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage
from posyandu_desktop.ui.registration.registration_page import RegistrationPage
from posyandu_desktop.ui.start.login_dialog import LoginDialog
from posyandu_desktop.ui.visits.home_visits_page import HomeVisitsPage
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import BUSY_MACHINE_MS, TODAY, Registry

W, L, H, A = Quantity.WEIGHT_KG, Quantity.LENHEI_CM, Quantity.HEADC_CM, Quantity.LILA_CM
LOAD_MS = BUSY_MACHINE_MS


class Answers(list[bool]):
    """The answers the message boxes give, in order; an unexpected box fails the test."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[messages.MessageKind, str]] = []

    def present(
        self, kind: messages.MessageKind, _parent: Any, _title: str, text: str, *_w: str
    ) -> bool:
        self.shown.append((kind, text))
        assert self, f"unexpected message box: {text}"
        return self.pop(0)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    given = Answers()
    monkeypatch.setattr(messages, "present", given.present)
    yield given
    background.wait_for_all()  # no worker may still read the registry when it is closed


def log_in(qtbot: Any, registry: Registry, name: str, pin: str, code: str = "") -> LoginDialog:
    posyandu = this_posyandu(registry.db)
    assert posyandu is not None
    dialog = LoginDialog(registry.db, posyandu)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    dialog.names.setCurrentRow(names.index(name))
    assert dialog.needs_confirmation()  # her first login: the PIN is made up and typed twice
    qtbot.keyClick(dialog.names, Qt.Key.Key_Return)
    if dialog.needs_code():  # with the one-time code the coordinator gave her
        qtbot.keyClicks(dialog.code, code)
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.confirm, pin)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog


def go(qtbot: Any, window: MainWindow, key: Qt.Key, page_type: type[Any]) -> Any:
    """Switch screens as a cadre does: the F-key (a window shortcut: the window must be active,
    and the offscreen platform does not give it back by itself after a dialog closed)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key)
    page = window.current_page()
    assert isinstance(page, page_type), (key, page)
    return page


def registry_file(registry: Registry) -> sqlite3.Connection:
    path = database_path(registry.data_dir)
    assert path.exists()
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = (
        "person",
        "posyandu_day",
        "arrival",
        "measurement",
        "home_visit",
        "home_visit_cadre",
        "cadre_attendance",
    )
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def max_ids(con: sqlite3.Connection) -> dict[str, int]:
    tables = ("person", "measurement", "home_visit", "home_visit_cadre", "cadre_attendance")
    return {t: con.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0] for t in tables}


def test_a_whole_posyandu_morning(
    qtbot: Any, registry: Registry, ui_session: UiSession, answers: Answers
) -> None:
    with closing(registry_file(registry)) as con:
        before, before_ids = counts(con), max_ids(con)
    assert before["posyandu_day"] == 0 and before["arrival"] == 0

    # Log in: Nur Hidayah chooses her name and sets her PIN, typed twice.
    siti = registry.cadre_ids[0]  # the coordinator gives Nur a one-time code for her first PIN
    set_pin(registry.db, siti, "1357").unwrap()
    code = give_one_time_code(
        registry.db,
        posyandu_id=registry.posyandu_id,
        cadre_id=registry.cadre_ids[1],
        by_cadre_id=siti,
    ).unwrap()
    dialog = log_in(qtbot, registry, "Nur Hidayah", "2468", code)
    assert dialog.cadre is not None
    nur, siti, rina = registry.cadre_ids[1], registry.cadre_ids[0], registry.cadre_ids[2]
    assert dialog.cadre.id == nur
    session = replace(
        ui_session,
        cadre_id=CadreId(dialog.cadre.id),
        cadre_name=dialog.cadre.name,
        is_coordinator=dialog.cadre.is_coordinator,
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):  # F-keys are window shortcuts: the window must be active
        window.show()
        window.activateWindow()
    assert window.top_bar.cadre.text() == "Kader: Nur Hidayah"

    # Home (F1): open today's session.
    home = window.current_page()
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: home.data is not None, timeout=LOAD_MS)
    assert window.top_bar.session_state.text() == "Sesi belum dibuka"
    qtbot.keyClicks(home.place, "Balai RW 01")
    with qtbot.waitSignal(home.data_did_load, timeout=LOAD_MS):
        qtbot.keyClick(home.place, Qt.Key.Key_Return)
    assert window.top_bar.session_state.text() == "Sesi dibuka"

    # Registration (F2): two known children by search-as-you-type and Enter, one new baby.
    desk = go(qtbot, window, Qt.Key.Key_F2, RegistrationPage)
    assert not desk.day_banner.isVisibleTo(desk)
    for number, (typed, name) in enumerate(
        (("rizky", "Rizky Pratama"), ("nabila", "Nabila Zahra")), start=1
    ):
        qtbot.keyClicks(desk.search, typed)
        assert desk.selected() is not None and desk.selected().person.name == name
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
        assert (desk.queue_number.text(), desk.queue_name.text()) == (str(number), name)
        assert desk.search.text() == ""
    qtbot.keyClicks(desk.search, "Bima Saputra")
    assert desk.results_model.rowCount() == 0  # nobody by that name: new here
    qtbot.keyClick(desk.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    person = desk._dialog
    assert person is not None and person.name_edit.text() == "Bima Saputra"
    qtbot.waitUntil(person.isActiveWindow)
    person.male.setChecked(True)
    qtbot.keyClicks(person.birth.edit, "02/09/2026")
    qtbot.keyClicks(person.mother_search, "dewi")
    assert person.mother_results.count() == 1
    qtbot.keyClick(person.mother_search, Qt.Key.Key_Return)
    qtbot.keyClick(person.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not person.isVisible() and person.saved_person_id is not None
    bima = person.saved_person_id
    assert (desk.queue_number.text(), desk.queue_name.text()) == ("3", "Bima Saputra")

    # Measuring (F3): the queue in order, keyboard only.
    measuring = go(qtbot, window, Qt.Key.Key_F3, MeasuringPage)
    measuring.preview_delay_ms = 0  # the preview at each key, so each assertion sees it
    assert measuring.queue_model.rowCount() == 3
    assert measuring.person_name.text() == "No. 1 · Rizky Pratama"
    assert measuring._shown == (W, L, A)  # 26 months: standing height and LILA
    qtbot.keyClicks(measuring.focusWidget(), "10,3")
    assert measuring.fields[W].value() == 10.3
    # N/T by the KMS rule: the gain since October against the KBM for his age in months.
    born, october_kg = date(2024, 9, 3), 10.2
    kbm = KBM_BUKU_KIA_2023.kbm_g(completed_months(born, TODAY))
    assert kbm == 200
    gain = round((10.3 - october_kg) * 1000)
    expected = "N" if gain >= kbm else "T"
    assert expected == "T"
    assert measuring.results.growth_badge.text().startswith(expected)
    assert f"{gain} g" in measuring.results.growth_text.text()
    assert f"KBM {kbm} g" in measuring.results.growth_text.text()
    qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_Return)
    for text in ("79,1", "15,2"):  # the last Enter saves
        qtbot.keyClicks(measuring.focusWidget(), text)
        qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_Return)
    assert "Rizky Pratama" in measuring.saved_banner.text()

    # Nabila: 95 kg at 44 months is implausible and is saved only once confirmed.
    assert measuring.person_name.text() == "No. 2 · Nabila Zahra"
    assert measuring._shown == (W, L, A)
    for text in ("95", "85,6"):
        qtbot.keyClicks(measuring.focusWidget(), text)
        qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_Return)
    assert measuring.confirm.isVisibleTo(measuring) and not measuring.confirm.isChecked()
    qtbot.keyClicks(measuring.focusWidget(), "15,1")
    answers.append(False)  # Enter after the last field asks: "re-measure"
    qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_Return)
    assert answers == [] and answers.shown[-1][0] is messages.MessageKind.QUESTION
    assert measuring.person_name.text() == "No. 2 · Nabila Zahra"  # not saved, still here
    assert measuring.fields[W].edit.hasFocus()
    with closing(registry_file(registry)) as con:
        assert (
            con.execute(
                "SELECT count(*) FROM measurement WHERE person_id = ? AND measured_on = ?",
                (registry.person_ids["Nabila Zahra"], TODAY.isoformat()),
            ).fetchone()[0]
            == 0
        )
    answers.append(True)  # "the value is right: save"
    qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Nabila Zahra" in measuring.saved_banner.text()

    # Bima, 2 months: weight, length lying, head circumference; his first weighing here.
    assert measuring.person_name.text() == "No. 3 · Bima Saputra"
    assert measuring._shown == (W, L, H) and measuring.lying.isChecked()
    for text in ("5.4", "58,5", "39,5"):
        qtbot.keyClicks(measuring.focusWidget(), text)
        qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_Return)
    assert measuring.person_stack.currentIndex() == 0  # nobody left waiting

    # Home visits (F5, straight from the measuring desk): Nabila, visited by Nur and Rina.
    qtbot.keyClick(window, Qt.Key.Key_F5)
    visits = window.current_page()
    assert isinstance(visits, HomeVisitsPage)
    qtbot.keyClicks(visits.form.picker.search, "nabila")
    qtbot.keyClick(visits.form.picker.search, Qt.Key.Key_Return)
    assert visits.form.picker.person is not None
    visits.form.set_cadres([nur, rina])
    visits.form.set_reason(VisitReason.BGM)
    qtbot.keyClicks(visits.form.findings, "Berat ditimbang ulang di rumah")
    qtbot.keyClicks(visits.form.follow_up, "Rujuk ke puskesmas")
    qtbot.mouseClick(visits.form.save_button, Qt.MouseButton.LeftButton)
    assert visits.visits.rowCount() == 1

    # Attendance (F6): Nur at measuring from 07.40, Siti at registration from 07.30.
    attendance = go(qtbot, window, Qt.Key.Key_F6, AttendancePage)
    for cadre, desk_name, at in (
        (nur, Desk.MEASURING, QTime(7, 40)),
        (siti, Desk.REGISTRATION, QTime(7, 30)),
    ):
        row = attendance.rows[cadre]
        row.desk.set_value(desk_name)
        row.at.setTime(at)
        qtbot.mouseClick(row.present_button, Qt.MouseButton.LeftButton)
        assert attendance.rows[cadre].leaving_button.isEnabled()

    # Home (F1): close the day.
    with qtbot.waitSignal(home.data_did_load, timeout=LOAD_MS):
        assert go(qtbot, window, Qt.Key.Key_F1, HomePage) is home
    answers.extend([True, True])  # "close the session", then the summary
    with qtbot.waitSignal(home.data_did_load, timeout=LOAD_MS):
        qtbot.mouseClick(home.close_button, Qt.MouseButton.LeftButton)
    kinds = [kind for kind, _text in answers.shown[-2:]]
    assert kinds == [messages.MessageKind.QUESTION, messages.MessageKind.INFO]
    assert answers.shown[-1][1] == "Sesi sudah ditutup. Datang: 3. Diukur: 3. Kader hadir: 2."
    assert window.top_bar.session_state.text() == "Sesi ditutup"
    assert answers == []
    background.wait_for_all()

    # The registry holds exactly what was entered.
    with closing(registry_file(registry)) as con:
        check_registry(con, registry, before, before_ids, bima=bima, nur=nur, siti=siti, rina=rina)


def check_registry(
    con: sqlite3.Connection,
    registry: Registry,
    before: dict[str, int],
    before_ids: dict[str, int],
    *,
    bima: int,
    nur: int,
    siti: int,
    rina: int,
) -> None:
    after = counts(con)
    assert {t: after[t] - before[t] for t in after} == {
        "person": 1,
        "posyandu_day": 1,
        "arrival": 3,
        "measurement": 3,
        "home_visit": 1,
        "home_visit_cadre": 2,
        "cadre_attendance": 3,
    }
    today = TODAY.isoformat()
    ((day_id, place, opened_by, closed_at, closed_by),) = con.execute(
        "SELECT id, place, opened_by, closed_at, closed_by FROM posyandu_day WHERE held_on = ?",
        (today,),
    ).fetchall()
    assert (place, opened_by, closed_by) == ("Balai RW 01", nur, nur) and closed_at is not None

    people = registry.person_ids
    rizky, nabila = people["Rizky Pratama"], people["Nabila Zahra"]
    arrivals = con.execute(
        "SELECT id, queue_number, person_id FROM arrival WHERE day_id = ? ORDER BY queue_number",
        (day_id,),
    ).fetchall()
    assert [(q, p) for _id, q, p in arrivals] == [(1, rizky), (2, nabila), (3, bima)]

    ((name, sex, born, nik, mother_id),) = con.execute(
        "SELECT name, sex, birth_date, nik, mother_id FROM person WHERE id > ?",
        (before_ids["person"],),
    ).fetchall()
    assert (name, sex, born, nik) == ("Bima Saputra", 1, "2026-09-02", None)  # no NIK yet
    assert mother_id == people["Dewi Lestari"]

    measured = con.execute(
        "SELECT id, person_id, day_id, entered_by, weight_kg, weight_source, lenhei_cm,"
        " headc_cm, lila_cm, growth_status FROM measurement WHERE measured_on = ?"
        " ORDER BY id",
        (today,),
    ).fetchall()
    assert [m[1:] for m in measured] == [
        (rizky, day_id, nur, 10.3, "typed", 79.1, None, 15.2, "T"),
        (nabila, day_id, nur, 95.0, "typed", 85.6, None, 15.1, "N"),
        (bima, day_id, nur, 5.4, "typed", 58.5, 39.5, None, "B"),
    ]

    ((visit_id, person_id, visited_on, reason, findings, follow_up, entered_by),) = con.execute(
        "SELECT id, person_id, visited_on, reason, findings, follow_up, entered_by"
        " FROM home_visit WHERE id > ?",
        (before_ids["home_visit"],),
    ).fetchall()
    assert (person_id, visited_on, findings, follow_up, entered_by) == (
        nabila,
        today,
        "Berat ditimbang ulang di rumah",
        "Rujuk ke puskesmas",
        nur,
    )
    assert reason == VisitReason.BGM.value
    visit_cadres = con.execute(
        "SELECT id, cadre_id FROM home_visit_cadre WHERE home_visit_id = ?", (visit_id,)
    ).fetchall()
    assert sorted(c for _id, c in visit_cadres) == sorted([nur, rina])

    attended = con.execute(
        "SELECT id, cadre_id, desk, left_at FROM cadre_attendance WHERE day_id = ?",
        (day_id,),
    ).fetchall()
    # Nur, at the keyboard, was marked present (registration) when she opened the session.
    assert sorted((c, d, left) for _id, c, d, left in attended) == sorted(
        [
            (nur, Desk.REGISTRATION.value, None),
            (nur, Desk.MEASURING.value, None),
            (siti, Desk.REGISTRATION.value, None),
        ]
    )

    # Every new row has its "create" event, written by the cadre at the keyboard.
    created = [
        ("posyandu_day", day_id),
        ("person", bima),
        ("home_visit", visit_id),
        *(("arrival", row[0]) for row in arrivals),
        *(("measurement", row[0]) for row in measured),
        *(("home_visit_cadre", row[0]) for row in visit_cadres),
        *(("cadre_attendance", row[0]) for row in attended),
    ]
    for table, row_id in created:
        events = con.execute(
            "SELECT cadre_id FROM audit_event WHERE table_name = ? AND row_id = ? AND action = ?",
            (table, row_id, "create"),
        ).fetchall()
        assert events == [(nur,)], (table, row_id, events)
    closing = con.execute(
        "SELECT changes FROM audit_event WHERE table_name = 'posyandu_day' AND row_id = ?"
        " AND action = 'update'",
        (day_id,),
    ).fetchall()
    assert any("closed_at" in changes for (changes,) in closing)

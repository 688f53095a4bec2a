"""A whole ILP morning through the real main window on a real registry.

One person of each life stage (a pregnant woman, an under-five, a preschool child, an adolescent
girl, an adult, an elderly man) is registered at the desk, measured, served, counselled at desks
3-5 ("Hasil hari ini"), one is referred, and a child who moved away is marked so on her
profile. Then the SQLite rows, the home screen's desk counters and the month's report numbers
(F2 S and the ILP page) are checked.

Every step goes through the window: F1 home, F4 people (life events), F2 registration, F3
measuring, F11 health services (Pelayanan), F12 today's results (desks 3-5).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from posyandu_desktop.domain.counselling import Action, Situation
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.ilp_report import Count, Coverage, Finding
from posyandu_desktop.domain.life_events import LeftReason
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import ReferralReason
from posyandu_desktop.services import Desk, ServiceKind, register_person
from posyandu_desktop.services.day import day_overview
from posyandu_desktop.services.reports import monthly_report_data
from posyandu_desktop.settings import database_path
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.day.home_page import HomePage
from posyandu_desktop.ui.health_service.health_service_page import HealthServicePage
from posyandu_desktop.ui.main_window import MainWindow
from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage
from posyandu_desktop.ui.people.people_page import PeoplePage
from posyandu_desktop.ui.registration.registration_page import RegistrationPage
from posyandu_desktop.ui.results.results_page import ResultsPage
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import BUSY_MACHINE_MS, TODAY, Registry

Q = Quantity
# What each visitor's form gets, by the field the desk shows (values a cadre would type).
TYPED: dict[str, dict[Quantity, str]] = {
    "Dewi Lestari": {
        Q.WEIGHT_KG: "58,4",
        Q.LILA_CM: "22,8",
        Q.SYSTOLIC_MMHG: "118",
        Q.DIASTOLIC_MMHG: "76",
        Q.HAEMOGLOBIN_G_DL: "10,2",
    },
    "Rizky Pratama": {Q.WEIGHT_KG: "10,5", Q.LENHEI_CM: "79,4", Q.LILA_CM: "15,0"},
    "Fajar Nugraha": {Q.WEIGHT_KG: "18,2", Q.LENHEI_CM: "110,5"},
    "Putri Ayu": {
        Q.WEIGHT_KG: "45,0",
        Q.LENHEI_CM: "155,0",
        Q.WAIST_CM: "66,0",
        Q.SYSTOLIC_MMHG: "110",
        Q.DIASTOLIC_MMHG: "70",
        Q.GLUCOSE_MG_DL: "95",
    },
    "Budi Santoso": {
        Q.WEIGHT_KG: "82,0",
        Q.LENHEI_CM: "168,0",
        Q.WAIST_CM: "97,0",
        Q.SYSTOLIC_MMHG: "152",
        Q.DIASTOLIC_MMHG: "96",
        Q.GLUCOSE_MG_DL: "130",
    },
    "Haji Sulaiman": {
        Q.WEIGHT_KG: "61,0",
        Q.LENHEI_CM: "160,0",
        Q.WAIST_CM: "84,0",
        Q.SYSTOLIC_MMHG: "128",
        Q.DIASTOLIC_MMHG: "82",
        Q.GLUCOSE_MG_DL: "110",
    },
}
STAGES = {
    "Dewi Lestari": LifeStage.PREGNANT_OR_POSTPARTUM,
    "Rizky Pratama": LifeStage.UNDER_FIVE,
    "Fajar Nugraha": LifeStage.PRESCHOOL,
    "Putri Ayu": LifeStage.SCHOOL_AGE_ADOLESCENT,
    "Budi Santoso": LifeStage.ADULT,
    "Haji Sulaiman": LifeStage.ELDERLY,
}


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Message boxes answer "yes" (a confirmed value is right); each is recorded."""
    shown: list[bool] = []

    def present(kind: messages.MessageKind, *_a: Any) -> bool:
        shown.append(kind is messages.MessageKind.QUESTION)
        return True

    monkeypatch.setattr(messages, "present", present)
    yield shown
    background.wait_for_all()


def go(qtbot: Any, window: MainWindow, key: Qt.Key, page_type: type[Any]) -> Any:
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key)
    page = window.current_page()
    assert isinstance(page, page_type), (key, page)
    return page


def _newcomers(registry: Registry) -> None:
    """Three more villagers registered earlier: a preschool boy, an adolescent girl and an
    elderly man."""
    for name, sex, born in (
        ("Fajar Nugraha", Sex.MALE, date(2021, 3, 1)),
        ("Putri Ayu", Sex.FEMALE, date(2011, 4, 9)),
        ("Haji Sulaiman", Sex.MALE, date(1955, 8, 17)),
    ):
        registry.person_ids[name] = (
            register_person(
                registry.db,
                cadre_id=registry.cadre_ids[0],
                name=name,
                sex=sex,
                birth_date=born,
                today=TODAY,
            )
            .unwrap()
            .id
        )


def test_a_whole_ilp_morning(
    qtbot: Any, registry: Registry, ui_session: UiSession, answers: list[bool]
) -> None:
    _newcomers(registry)
    people = registry.person_ids
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()

    # Home (F1): open the session.
    home = window.current_page()
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: home.data is not None, timeout=BUSY_MACHINE_MS)
    qtbot.keyClicks(home.place, "Posyandu Melati")
    with qtbot.waitSignal(home.data_did_load, timeout=BUSY_MACHINE_MS):
        qtbot.keyClick(home.place, Qt.Key.Key_Return)

    # People (F4): Dewi is pregnant (life events on her profile).
    people_page = go(qtbot, window, Qt.Key.Key_F4, PeoplePage)
    people_page.show_person(people["Dewi Lestari"])
    qtbot.mouseClick(people_page.profile.life_button, Qt.MouseButton.LeftButton)
    dialog = people_page.profile.life_dialog
    assert dialog is not None
    dialog.start.click()
    dialog.save()
    assert "Ibu hamil/nifas" in people_page.profile.details.text()

    # Registration (F2): the six by search-as-you-type and Enter.
    desk = go(qtbot, window, Qt.Key.Key_F2, RegistrationPage)
    for number, name in enumerate(TYPED, start=1):
        qtbot.keyClicks(desk.search, name.split()[0].lower() + " " + name.split()[-1].lower())
        assert desk.selected() is not None and desk.selected().person.name == name
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
        assert (desk.queue_number.text(), desk.queue_name.text()) == (str(number), name)

    # Measuring (F3): each in queue order, the fields of their life stage, Enter to the end.
    measuring = go(qtbot, window, Qt.Key.Key_F3, MeasuringPage)
    measuring.preview_delay_ms = 0
    for name, typed in TYPED.items():
        assert measuring.person_name.text().endswith(name)
        assert set(typed) <= set(measuring._shown), (name, measuring._shown)
        for quantity in measuring._shown:
            field = measuring.fields[quantity]
            field.setFocus()
            if quantity in typed:  # the others stay empty
                qtbot.keyClicks(field.edit, typed[quantity])
        qtbot.keyClick(measuring.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert name in measuring.saved_banner.text()
    assert measuring.person_stack.currentIndex() == 0  # nobody left waiting

    # Pelayanan (F11, desk 4): TTD for Dewi and Putri from what is due, an MR dose for Rizky
    # through the form, Budi referred for his blood pressure as the desk suggests; Ctrl+Enter
    # passes each to the next.
    service = go(qtbot, window, Qt.Key.Key_F11, HealthServicePage)
    for name in TYPED:
        assert service.person_name.text().endswith(name)
        desk_now = service.desk
        assert desk_now is not None
        if name in ("Dewi Lestari", "Putri Ayu"):
            kinds = [d.kind for d in desk_now.due]
            assert service.give(kinds.index(ServiceKind.IRON_TABLETS))
        if name == "Rizky Pratama":
            service.other_kind.set_value(ServiceKind.IMMUNISATION)
            service.other_code.setCurrentIndex(service.other_code.findData("mr2"))
            assert service.record_other()
        if name == "Budi Santoso":
            suggested = list(desk_now.referrals_suggested)
            assert ReferralReason.HYPERTENSION in suggested
            assert service.give(len(desk_now.due) + suggested.index(ReferralReason.HYPERTENSION))
        qtbot.keyClick(service, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert service.person_stack.currentIndex() == 0  # everyone served

    # Hasil hari ini (F11): what to do for each, and desks 3-5 passed with Ctrl+3/4/5.
    results = go(qtbot, window, Qt.Key.Key_F12, ResultsPage)
    rows = {r.person.name: r for r in results.model.records()}
    assert list(rows) == list(TYPED)
    assert Situation.KEK in rows["Dewi Lestari"].situations
    assert Action.PMT in rows["Dewi Lestari"].actions
    assert rows["Budi Santoso"].situations[:2] == (
        Situation.HIGH_BLOOD_PRESSURE,
        Situation.WAIST_RISK,
    )
    assert Action.REFER in rows["Budi Santoso"].actions
    for row in range(len(rows)):
        results.table.selectRow(row)
        assert results.messages.text()  # the counselling message with its source
        for key in (Qt.Key.Key_3, Qt.Key.Key_5):  # desk 4 was passed at the Pelayanan desk
            qtbot.keyClick(results.table, key, Qt.KeyboardModifier.ControlModifier)
    assert "Tekanan darah 140/90" in _message_of(results, "Budi Santoso")
    assert all(r.passed(d) for r in results.model.records() for d in Desk)

    # People (F4): Nabila moved away last week.
    people_page = go(qtbot, window, Qt.Key.Key_F4, PeoplePage)
    people_page.show_person(people["Nabila Zahra"])
    qtbot.mouseClick(people_page.profile.life_button, Qt.MouseButton.LeftButton)
    dialog = people_page.profile.life_dialog
    assert dialog is not None
    dialog.left_on.set_value(date(2026, 11, 6))
    dialog.reason.set_value(LeftReason.MOVED)
    dialog.save()
    assert answers.count(True) == 0  # no value had to be confirmed, no question asked
    background.wait_for_all()

    _check_registry(registry)
    _check_counters_and_report(registry)


def _message_of(results: ResultsPage, name: str) -> str:
    row = next(i for i, r in enumerate(results.model.records()) if r.person.name == name)
    results.table.selectRow(row)
    return str(results.messages.text())


def _check_registry(registry: Registry) -> None:
    people = registry.person_ids
    with closing(
        sqlite3.connect(f"file:{database_path(registry.data_dir)}?mode=ro", uri=True)
    ) as con:
        arrivals = con.execute(
            "SELECT p.name, a.desks_passed FROM arrival a JOIN person p ON p.id = a.person_id"
            " ORDER BY a.queue_number"
        ).fetchall()
        assert [name for name, _d in arrivals] == list(TYPED)
        assert {passed for _n, passed in arrivals} == {31}  # all five desks (a bit each)
        measured = dict(
            con.execute(
                "SELECT p.name, m.systolic_mmhg FROM measurement m JOIN person p"
                " ON p.id = m.person_id WHERE m.measured_on = ?",
                (TODAY.isoformat(),),
            ).fetchall()
        )
        assert set(measured) == set(TYPED)
        assert measured["Budi Santoso"] == 152
        assert con.execute(
            "SELECT pregnant FROM person WHERE id = ?", (people["Dewi Lestari"],)
        ).fetchone() == (1,)
        assert con.execute(
            "SELECT left_on, left_reason FROM person WHERE id = ?", (people["Nabila Zahra"],)
        ).fetchone() == ("2026-11-06", "moved")
        services = con.execute(
            "SELECT kind, count(*) FROM service_given WHERE given_on = ? GROUP BY kind",
            (TODAY.isoformat(),),
        ).fetchall()
        assert dict(services) == {"iron_tablets": 2, "immunisation": 1, "referral": 1}
        assert con.execute("SELECT code FROM service_given WHERE kind = 'referral'").fetchone() == (
            "hypertension",
        )
        reasons = {
            r
            for (r,) in con.execute(
                "SELECT reason FROM audit_event WHERE table_name = 'person' AND reason IS NOT NULL"
            )
        }
        assert {"pregnancy started", "left: moved"} <= reasons


def _check_counters_and_report(registry: Registry) -> None:
    overview = day_overview(registry.db, posyandu_id=registry.posyandu_id, today=TODAY)
    assert dict(overview.passed) == {desk: len(TYPED) for desk in Desk}
    report = monthly_report_data(
        registry.db, registry.posyandu_id, TODAY.year, TODAY.month, today=TODAY
    )
    # S: Aisyah and Rizky (Nabila moved away before the month's end); D: Rizky.
    total = report.indicators.skdn.total()
    assert (total.s, total.d) == (2, 1)
    ilp = report.ilp
    assert ilp is not None
    stages = {row.stage: row for row in ilp.stages}
    assert {stage: stages[stage].seen for stage in LifeStage} == dict.fromkeys(LifeStage, 1)
    pregnant = stages[LifeStage.PREGNANT_OR_POSTPARTUM]
    assert pregnant.counts[Finding.KEK] == Count(1, 1)
    assert pregnant.counts[Finding.HYPERTENSION] == Count(0, 1)
    assert pregnant.counts[Finding.ANAEMIA] == Count(1, 1)  # 10.2 g/dL in pregnancy
    assert stages[LifeStage.ADULT].counts[Finding.HYPERTENSION] == Count(1, 1)
    assert stages[LifeStage.ELDERLY].counts[Finding.HYPERTENSION] == Count(0, 1)
    assert ilp.ttd_pregnant == Coverage(1, 1)
    assert ilp.ttd_adolescent_girls == Coverage(1, 1)
    assert ilp.immunisation == (("mr", 1),)
    assert not ilp.vitamin_a_round  # November

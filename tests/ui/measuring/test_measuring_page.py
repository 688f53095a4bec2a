"""The measuring desk driven through its real widgets on a real registry: typing with a decimal
comma, statuses and N/T as values are typed, implausible values, the keyboard-only flow."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posyandu_desktop import services
from posyandu_desktop.domain.growth import Indicator, Position
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.screenings import Screening, TbSymptom
from posyandu_desktop.services import Desk, MeasurementSource
from posyandu_desktop.services.day import waiting_at_desk
from posyandu_desktop.services.measuring import preview_measurement
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage
from posyandu_desktop.ui.widgets import messages
from posyandu_desktop.ui.widgets.measure_field import FieldState
from tests.ui.conftest import BUSY_MACHINE_MS, MORNING, TODAY, Registry

W, L, H, A = Quantity.WEIGHT_KG, Quantity.LENHEI_CM, Quantity.HEADC_CM, Quantity.LILA_CM


def open_day_with(registry: Registry, *names: str) -> int:
    """Open today's day and register `names` in this order; the day's id."""
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
def page(qtbot: QtBot, ui_session: UiSession) -> MeasuringPage:
    widget = MeasuringPage(ui_session)
    widget.preview_delay_ms = 0  # the preview at each key, so each assertion sees it
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


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


def type_into(qtbot: Any, page: MeasuringPage, quantity: Quantity, text: str) -> None:
    field = page.fields[quantity]
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


def saved(registry: Registry, name: str) -> list[services.MeasurementRecord]:
    return [
        m
        for m in services.measurements_of(registry.db, registry.person_ids[name])
        if m.measured_on == TODAY
    ]


def test_without_an_open_day_the_desk_says_so(page):
    page.refresh()
    assert page.stack.currentIndex() == 0
    assert "belum dibuka" in page.no_day.text()


def test_the_queue_in_order_and_the_first_person_selected(page, registry):
    open_day_with(registry, "Rizky Pratama", "Aisyah Putri")
    page.refresh()
    assert page.queue_model.rowCount() == 2
    assert page.person_name.text() == "No. 1 · Rizky Pratama"
    assert "10,2 kg" in page.person_details.text()  # last weighed in October
    # Rizky is 26 months: no head circumference, measured standing.
    assert page.fields[H].isHidden() and page.standing.isChecked()
    assert page.fields[W].edit.hasFocus()


def test_a_weight_with_a_decimal_comma_shows_the_category_and_n(qtbot, page, registry):
    open_day_with(registry, "Aisyah Putri")
    page.refresh()
    assert page.results.category_text(Indicator.WEIGHT_FOR_AGE) == ""
    type_into(qtbot, page, W, "7,8")
    assert page.fields[W].value() == 7.8
    assert page.results.category_text(Indicator.WEIGHT_FOR_AGE) != ""
    # Aisyah (17 months) weighed 7.3 kg in October: +500 g against a KBM of 200 g.
    assert page.results.growth_badge.text().startswith("N")
    assert page.results.growth_text.text().startswith("Naik 500 g (KBM 200 g)")


def test_t_against_last_months_weighing(qtbot, page, registry):
    open_day_with(registry, "Rizky Pratama")
    page.refresh()
    type_into(qtbot, page, W, "10.3")  # a decimal point works too
    assert page.results.growth_badge.text().startswith("T")
    assert page.results.growth_text.text().startswith("Naik 100 g, kurang dari KBM 200 g")


def test_the_standing_correction_is_explained_under_two(qtbot, page, registry):
    open_day_with(registry, "Aisyah Putri")
    page.refresh()
    assert page.lying.isChecked()  # 17 months: lying by default
    page.standing.setChecked(True)
    type_into(qtbot, page, L, "75,0")
    assert page.correction_note.isVisibleTo(page)
    assert "+0,7 cm" in page.correction_note.text()


def test_an_implausible_value_is_saved_only_once_confirmed(qtbot, page, registry, answers):
    open_day_with(registry, "Aisyah Putri", "Rizky Pratama")
    page.refresh()
    type_into(qtbot, page, W, "95")
    weight = page.fields[W]
    assert weight.state() is FieldState.WARNING
    assert "tidak masuk akal" in weight.note.text()
    assert page.confirm.isVisibleTo(page) and not page.confirm.isChecked()

    answers.append(False)  # "Ukur ulang"
    assert not page.save()
    assert saved(registry, "Aisyah Putri") == []
    assert weight.edit.hasFocus() and weight.edit.selectedText() == "95"
    assert "Berat" in answers.asked[0]

    answers.append(True)  # "Nilai benar, simpan"
    assert page.save()
    [measurement] = saved(registry, "Aisyah Putri")
    assert measurement.values.weight_kg is not None
    assert measurement.values.weight_kg.value == 95.0
    assert page.person_name.text() == "No. 2 · Rizky Pratama"  # the next in the queue


def test_a_ticked_confirmation_saves_without_asking(qtbot, page, registry, answers):
    open_day_with(registry, "Aisyah Putri")
    page.refresh()
    type_into(qtbot, page, W, "95")
    page.confirm.setChecked(True)
    assert page.save()  # `answers` is empty: asking would fail
    assert len(saved(registry, "Aisyah Putri")) == 1


def test_a_value_no_one_can_have_is_refused(qtbot, page, registry, answers):
    open_day_with(registry, "Aisyah Putri")
    page.refresh()
    type_into(qtbot, page, W, "400")
    assert page.fields[W].state() is FieldState.ERROR
    assert not page.save()
    assert saved(registry, "Aisyah Putri") == []


def test_the_whole_desk_from_the_keyboard(qtbot, page, registry):
    day_id = open_day_with(registry, "Aisyah Putri", "Rizky Pratama")
    page.refresh()
    # Aisyah, 17 months: weight, length (lying), head circumference, LILA.
    assert page._shown == (W, L, H, A)
    for text in ("7,8", "70,5", "44,5", "14,2"):
        qtbot.keyClicks(page.focusWidget(), text)
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)
    [measurement] = saved(registry, "Aisyah Putri")
    v = measurement.values
    assert v.weight_kg and v.lenhei_cm and v.headc_cm and v.lila_cm
    assert (v.weight_kg.value, v.lenhei_cm.value, v.headc_cm.value, v.lila_cm.value) == (
        7.8,
        70.5,
        44.5,
        14.2,
    )
    assert v.position is Position.LYING and v.weight_kg.source is MeasurementSource.TYPED
    assert measurement.day_id == day_id
    waiting = waiting_at_desk(registry.db, day_id, Desk.MEASURING, today=TODAY)
    assert [e.person.name for e in waiting] == ["Rizky Pratama"]
    # The next person is selected, the cursor in the weight field, and the save was announced.
    assert page.person_name.text() == "No. 2 · Rizky Pratama"
    assert page.focusWidget() is page.fields[W].edit
    assert "Aisyah Putri" in page.saved_banner.text()

    # Ctrl+S saves too; Esc clears what was typed.
    qtbot.keyClicks(page.focusWidget(), "12")
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    assert page.fields[W].is_empty()
    qtbot.keyClicks(page.focusWidget(), "10,4")
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(saved(registry, "Rizky Pratama")) == 1
    assert page.person_stack.currentIndex() == 0  # nobody left waiting


def test_walking_the_queue_with_unsaved_values_asks_first(qtbot, page, registry, answers):
    open_day_with(registry, "Aisyah Putri", "Rizky Pratama")
    page.refresh()
    type_into(qtbot, page, W, "7,8")
    answers.append(False)  # keep typing
    qtbot.keyClick(page.fields[W].edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.person_name.text() == "No. 1 · Aisyah Putri"
    assert page.fields[W].value() == 7.8
    answers.append(True)  # discard
    qtbot.keyClick(page.fields[W].edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.person_name.text() == "No. 2 · Rizky Pratama"
    assert page.fields[W].is_empty()


def test_a_scale_reading_fills_the_empty_weight_field(qtbot, page, registry):
    open_day_with(registry, "Aisyah Putri")
    page.refresh()
    assert page.offer_reading(7.85, MeasurementSource.BLUETOOTH_SCALE, "scale-1")
    assert page.fields[W].text() == "7,85"  # the scale's precision is kept
    assert page.fields[W].note.text() == "dari timbangan"
    assert page.save()
    [measurement] = saved(registry, "Aisyah Putri")
    assert measurement.values.weight_kg is not None
    assert measurement.values.weight_kg.source is MeasurementSource.BLUETOOTH_SCALE


def test_a_scale_reading_does_not_overwrite_a_typed_weight(qtbot, page, registry):
    open_day_with(registry, "Aisyah Putri")
    page.refresh()
    type_into(qtbot, page, W, "7,8")
    page.fields[L].setFocus()
    assert not page.offer_reading(9.0, MeasurementSource.SERIAL_SCALE, "com3")
    assert page.fields[W].value() == 7.8


def test_an_adult_gets_blood_pressure_waist_and_glucose(qtbot, page, registry):
    open_day_with(registry, "Budi Santoso")
    page.refresh()
    assert page._shown == (
        W,
        L,
        Quantity.WAIST_CM,
        Quantity.SYSTOLIC_MMHG,
        Quantity.DIASTOLIC_MMHG,
        Quantity.GLUCOSE_MG_DL,
        Quantity.CHOLESTEROL_MG_DL,
        Quantity.URIC_ACID_MG_DL,
    )
    assert not page.position_row.isVisibleTo(page) and not page.oedema.isVisibleTo(page)
    for quantity, text in ((W, "70"), (L, "168"), (Quantity.SYSTOLIC_MMHG, "130")):
        type_into(qtbot, page, quantity, text)
    assert not page.save()  # diastolic missing
    assert page.fields[Quantity.DIASTOLIC_MMHG].edit.hasFocus()
    type_into(qtbot, page, Quantity.DIASTOLIC_MMHG, "85")
    assert page.save()
    [measurement] = saved(registry, "Budi Santoso")
    assert measurement.values.blood_pressure == services.BloodPressure(130, 85)
    assert measurement.values.position is Position.STANDING


def test_someone_can_leave_the_queue_without_measuring(qtbot, page, registry, answers):
    day_id = open_day_with(registry, "Budi Santoso", "Aisyah Putri")
    page.refresh()
    answers.append(True)
    qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    assert [
        e.person.name for e in waiting_at_desk(registry.db, day_id, Desk.MEASURING, today=TODAY)
    ] == ["Aisyah Putri"]
    assert page.person_name.text() == "No. 2 · Aisyah Putri"
    assert saved(registry, "Budi Santoso") == []


def test_the_preview_waits_for_typing_to_pause(qtbot, ui_session, registry, monkeypatch):
    """Typing never waits for the z-scores: they are worked out once, when typing pauses."""
    import posyandu_desktop.ui.measuring.measuring_page as desk_module

    open_day_with(registry, "Rizky Pratama")
    desk = MeasuringPage(ui_session)
    qtbot.addWidget(desk)
    desk.show()
    desk.refresh()
    previews: list[object] = []
    real = preview_measurement

    def counted(*args: Any, **kwargs: Any) -> Any:
        previews.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(desk_module, "preview_measurement", counted)
    qtbot.keyClicks(desk.fields[Quantity.WEIGHT_KG].edit, "10,45")
    assert previews == []  # five keys, no preview yet
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=BUSY_MACHINE_MS)
    assert desk.results.category_text(Indicator.WEIGHT_FOR_AGE) != ""


def test_an_adult_answers_the_tb_questions_and_they_are_saved_with_the_values(
    qtbot: QtBot, page: MeasuringPage, registry: Registry
) -> None:
    open_day_with(registry, "Budi Santoso")
    page.refresh()
    groups = {s for s, g in page.screening.groups.items() if g.isVisibleTo(page)}
    assert Screening.TB in groups and Screening.SMOKING in groups
    assert Screening.BARTHEL not in groups and Screening.PREGNANCY not in groups
    type_into(qtbot, page, W, "70")
    for quantity, text in ((Quantity.SYSTOLIC_MMHG, "150"), (Quantity.DIASTOLIC_MMHG, "95")):
        type_into(qtbot, page, quantity, text)
    page.screening.tb.boxes[TbSymptom.COUGH_2_WEEKS].click()
    page.preview_now()
    summary = page.screening.summary.text()
    assert "Hipertensi derajat 1" in summary and "Gejala TBC" in summary  # refer: TB symptoms
    assert page.save()
    [measurement] = saved(registry, "Budi Santoso")
    row = sqlite3.connect(registry.db.path).execute(
        "SELECT measurement_id, tb_symptoms, tb_presumptive FROM health_check"
    )
    assert row.fetchall() == [(measurement.id, "cough_2_weeks", 1)]

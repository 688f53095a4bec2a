"""The shared large entry field: decimal comma or point, its value signal and its note."""

from __future__ import annotations

from typing import Any

from posyandu_desktop.ui.widgets.measure_field import FieldState, MeasureField


def field(qtbot: Any, decimals: int = 1) -> MeasureField:
    widget = MeasureField("Berat badan", "kg", decimals=decimals)
    qtbot.addWidget(widget)
    return widget


def test_a_decimal_comma_or_point_gives_the_same_value(qtbot: Any) -> None:
    weight = field(qtbot)
    seen: list[object] = []
    weight.valueChanged.connect(seen.append)
    qtbot.keyClicks(weight.edit, "12,5")
    assert weight.value() == 12.5
    weight.edit.clear()
    qtbot.keyClicks(weight.edit, "12.5")
    assert weight.value() == 12.5
    # Only changes are signalled: 1, 12, 12.5, then None when cleared and 12.5 again.
    assert seen == [1.0, 12.0, 12.5, None, 1.0, 12.0, 12.5]


def test_letters_are_refused_and_a_lone_mark_is_not_a_number(qtbot: Any) -> None:
    weight = field(qtbot)
    qtbot.keyClicks(weight.edit, "1a2")
    assert weight.text() == "12"
    weight.edit.setText(",")
    assert weight.is_unreadable() and weight.value() is None
    assert weight.state() is FieldState.ERROR and weight.note.text() == "Bukan angka"
    weight.edit.setText("9,1")
    assert weight.state() is FieldState.NORMAL and not weight.note.isVisibleTo(weight)


def test_values_are_shown_in_the_ui_language_with_their_precision(qtbot: Any) -> None:
    weight = field(qtbot)
    weight.set_value(7.0)
    assert weight.text() == "7,0"
    weight.set_value(7.85)  # a digital scale's 0.05 kg is kept
    assert weight.text() == "7,85" and weight.value() == 7.85
    weight.set_value(None)
    assert weight.is_empty()


def test_whole_number_fields_still_read_a_decimal_mark(qtbot: Any) -> None:
    systolic = field(qtbot, decimals=0)
    qtbot.keyClicks(systolic.edit, "120,5")
    assert systolic.value() == 120.5  # never 1205: the desk rounds blood pressure
    systolic.set_value(120)
    assert systolic.text() == "120"


def test_notes_carry_their_state(qtbot: Any) -> None:
    weight = field(qtbot)
    weight.set_note("dari timbangan")
    assert weight.state() is FieldState.NORMAL and weight.note.text() == "dari timbangan"
    weight.set_note("Periksa lagi", FieldState.WARNING)
    assert weight.state() is FieldState.WARNING
    weight.clear()
    assert weight.is_empty() and weight.note.text() == ""

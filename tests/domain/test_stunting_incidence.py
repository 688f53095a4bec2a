"""The new-stunting rule on small hand-made histories, one case per clause."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from posyandu_desktop.domain.stunting_incidence import (
    INCIDENCE_2026,
    ChildLengths,
    IncidenceRule,
    LengthRecord,
    NewStuntingLists,
    new_stunting_lists,
)

BIRTH = date(2024, 1, 10)


def child(
    *lengths: tuple[str, bool] | tuple[str, bool, bool],
    birth_cm: float | None = 50.0,
    person_id: int = 1,
) -> ChildLengths:
    records = [
        LengthRecord(date.fromisoformat(on), order, stunted, *rest)
        for order, (on, stunted, *rest) in enumerate(lengths)
    ]
    return ChildLengths(person_id, BIRTH, birth_cm, records)


def lists(c: ChildLengths, year: int, month: int, rule: IncidenceRule = INCIDENCE_2026) -> str:
    found = new_stunting_lists([c], year, month, rule)
    names = [name for name in NewStuntingLists.__slots__ if getattr(found, name)]
    assert len(names) <= 1
    return names[0] if names else "-"


def test_two_stunted_after_a_normal_one_confirm_in_the_month_of_the_second() -> None:
    c = child(("2024-05-05", False), ("2024-06-05", True), ("2024-07-05", True))
    assert [lists(c, 2024, m) for m in (5, 6, 7, 8)] == ["-", "suspected", "confirmed", "-"]


def test_a_re_measure_the_same_day_confirms_at_once() -> None:
    c = child(("2024-05-05", False), ("2024-06-05", True), ("2024-06-05", True))
    assert lists(c, 2024, 6) == "confirmed"


def test_a_normal_re_measure_clears_the_suspicion() -> None:
    c = child(("2024-05-05", False), ("2024-06-05", True), ("2024-06-05", False))
    assert lists(c, 2024, 6) == "-"
    noisy = child(
        ("2024-05-05", False), ("2024-06-05", True), ("2024-07-05", False), ("2024-08-05", True)
    )
    assert [lists(noisy, 2024, m) for m in (6, 7, 8)] == ["suspected", "-", "suspected"]


def test_the_first_length_here_stunted_is_found_at_registration_never_confirmed() -> None:
    c = child(("2024-05-05", True), ("2024-06-05", True), ("2024-07-05", True))
    assert [lists(c, 2024, m) for m in (5, 6, 7)] == ["at_registration", "-", "-"]


def test_a_child_is_confirmed_at_most_once_in_twelve_months() -> None:
    c = child(
        ("2024-03-05", False),
        ("2024-04-05", True),
        ("2024-05-05", True),  # confirmed May
        ("2024-06-05", False),
        ("2024-07-05", True),
        ("2024-08-05", True),  # again: too soon
        ("2025-04-05", False),
        ("2025-05-05", True),
        ("2025-06-05", True),  # 13 months later
    )
    assert [lists(c, 2024, m) for m in (5, 8)] == ["confirmed", "-"]
    assert lists(c, 2025, 6) == "confirmed"


def test_doubtful_lengths_count_for_nothing() -> None:
    c = child(("2024-05-05", False), ("2024-06-05", True, False), ("2024-07-05", True))
    assert [lists(c, 2024, m) for m in (6, 7)] == ["-", "suspected"]
    first_doubtful = child(("2024-05-05", True, False), ("2024-06-05", False))
    assert [lists(first_doubtful, 2024, m) for m in (5, 6)] == ["-", "-"]


def test_born_short_in_the_birth_month_and_not_again_at_registration() -> None:
    short = child(("2024-01-20", True), birth_cm=47.9)
    assert lists(short, 2024, 1) == "born_short"
    later = child(("2024-03-20", True), birth_cm=47.9)
    assert [lists(later, 2024, m) for m in (1, 3)] == ["born_short", "-"]
    assert lists(child(birth_cm=48.0), 2024, 1) == "-"
    assert lists(child(birth_cm=None), 2024, 1) == "-"


def test_only_events_under_five_count() -> None:
    c = child(("2028-11-05", False), ("2028-12-10", True), ("2029-01-10", True))
    assert lists(c, 2028, 12) == "suspected"  # 59 months
    assert lists(c, 2029, 1) == "-"  # 60 months: no longer a balita


def test_the_rule_is_data() -> None:
    three = replace(INCIDENCE_2026, version="three", confirm_with=3, born_short_below_cm=46.0)
    c = child(
        ("2024-05-05", False),
        ("2024-06-05", True),
        ("2024-07-05", True),
        ("2024-08-05", True),
        birth_cm=47.0,
    )
    assert [lists(c, 2024, m, three) for m in (1, 6, 7, 8)] == [
        "-",
        "suspected",
        "suspected",
        "confirmed",
    ]
    with pytest.raises(ValueError):
        replace(INCIDENCE_2026, confirm_with=0)


def test_lists_are_sorted_ids_in_any_input_order() -> None:
    a = child(("2024-05-05", False), ("2024-06-05", True), ("2024-06-05", True), person_id=9)
    b = child(("2024-06-05", True), person_id=3)
    d = child(("2024-06-05", True), ("2024-05-05", False), ("2024-06-06", True), person_id=4)
    found = new_stunting_lists([a, b, d], 2024, 6)
    assert found == NewStuntingLists(
        confirmed=(4, 9), suspected=(), at_registration=(3,), born_short=()
    )

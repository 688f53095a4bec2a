"""The person's life: when leaving and a pregnancy's start and end may be recorded."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.life_events import (
    LifeFacts,
    leaving_problems,
    pregnancy_end_problems,
    pregnancy_start_problems,
)
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Problem

TODAY = date(2026, 12, 7)
WOMAN = LifeFacts(Sex.FEMALE, date(1998, 3, 1), pregnant=False, left_on=None)


def test_leaving() -> None:
    assert leaving_problems(WOMAN, TODAY, today=TODAY) == ()
    assert leaving_problems(WOMAN, date(2026, 12, 8), today=TODAY) == (Problem.DATE_IN_FUTURE,)
    assert leaving_problems(WOMAN, date(1990, 1, 1), today=TODAY) == (Problem.BEFORE_BIRTH,)
    gone = LifeFacts(Sex.FEMALE, WOMAN.birth_date, pregnant=False, left_on=date(2026, 1, 1))
    assert leaving_problems(gone, TODAY, today=TODAY) == (Problem.ALREADY_LEFT,)


def test_pregnancy_start() -> None:
    assert pregnancy_start_problems(WOMAN, TODAY, today=TODAY) == ()
    man = LifeFacts(Sex.MALE, WOMAN.birth_date, pregnant=False, left_on=None)
    assert pregnancy_start_problems(man, TODAY, today=TODAY) == (Problem.NOT_FEMALE,)
    baby = LifeFacts(Sex.FEMALE, date(2025, 1, 1), pregnant=False, left_on=None)
    assert pregnancy_start_problems(baby, TODAY, today=TODAY) == (Problem.OUT_OF_RANGE,)
    ten = LifeFacts(Sex.FEMALE, date(2016, 12, 7), pregnant=False, left_on=None)
    assert pregnancy_start_problems(ten, TODAY, today=TODAY) == ()
    already = LifeFacts(Sex.FEMALE, WOMAN.birth_date, pregnant=True, left_on=None)
    assert pregnancy_start_problems(already, TODAY, today=TODAY) == (Problem.ALREADY_PREGNANT,)


def test_pregnancy_end() -> None:
    assert pregnancy_end_problems(WOMAN, TODAY, today=TODAY) == (Problem.NOT_PREGNANT,)
    pregnant = LifeFacts(Sex.FEMALE, WOMAN.birth_date, pregnant=True, left_on=None)
    assert pregnancy_end_problems(pregnant, TODAY, today=TODAY) == ()
    assert pregnancy_end_problems(pregnant, date(2027, 1, 1), today=TODAY) == (
        Problem.DATE_IN_FUTURE,
    )

"""The events of a person's life the registry records: leaving the Posyandu's area (moved
away or died), and a pregnancy starting and ending.

Pure rules: what may be recorded on which date. The store keeps the outcome on the person
(`left_on` with `left_reason`; `pregnant` and `delivered_on`), so the S denominator, the due
list and the life stage (domain/life_stage.py) follow without a second copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from posyandu_desktop.domain.months import completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Problem


class LeftReason(StrEnum):
    """Why a person is no longer served here (stored in `person.left_reason`)."""

    MOVED = "moved"  # pindah: moved out of the Posyandu's area
    DIED = "died"  # meninggal


class PregnancyEnd(StrEnum):
    """How a pregnancy ended."""

    DELIVERED = "delivered"  # bersalin: nifas (42 days) follows, and a baby may be registered
    LOST = "lost"  # keguguran or another end without a birth: no nifas


# A pregnancy is recorded for a woman of reproductive age; WUS is 15-49 years
# (docs/sources/ilp-life-stages.md#life-stages), but girls younger than 15 do get pregnant, so
# the lower bound is the youngest age a cadre could plausibly meet: a slip of the keyboard
# (a baby's record) is what it catches. A local choice (docs/DECISIONS.md#the-persons-life).
PREGNANCY_FROM_YEARS = 10
PREGNANCY_TO_YEARS = 55


@dataclass(frozen=True, slots=True)
class LifeFacts:
    """What the rules need to know of a person on the day something is recorded."""

    sex: Sex
    birth_date: date
    pregnant: bool
    left_on: date | None


def _on_problems(facts: LifeFacts, on: date, today: date) -> list[Problem]:
    if on > today:
        return [Problem.DATE_IN_FUTURE]
    if on < facts.birth_date:
        return [Problem.BEFORE_BIRTH]
    return []


def leaving_problems(facts: LifeFacts, on: date, *, today: date) -> tuple[Problem, ...]:
    """Why `on` cannot be recorded as the day the person moved away or died (empty: it can)."""
    found = _on_problems(facts, on, today)
    if facts.left_on is not None:
        found.append(Problem.ALREADY_LEFT)
    return tuple(found)


def pregnancy_start_problems(facts: LifeFacts, on: date, *, today: date) -> tuple[Problem, ...]:
    """Why a pregnancy cannot be recorded as known from `on` (empty: it can)."""
    found = _on_problems(facts, on, today)
    if facts.sex is not Sex.FEMALE:
        found.append(Problem.NOT_FEMALE)
    elif not found:
        years = completed_months(facts.birth_date, on) // 12
        if not PREGNANCY_FROM_YEARS <= years <= PREGNANCY_TO_YEARS:
            found.append(Problem.OUT_OF_RANGE)
    if facts.pregnant:
        found.append(Problem.ALREADY_PREGNANT)
    if facts.left_on is not None:
        found.append(Problem.ALREADY_LEFT)
    return tuple(found)


def pregnancy_end_problems(facts: LifeFacts, on: date, *, today: date) -> tuple[Problem, ...]:
    """Why a pregnancy cannot be recorded as ended on `on` (empty: it can)."""
    found = _on_problems(facts, on, today)
    if not facts.pregnant:
        found.append(Problem.NOT_PREGNANT)
    return tuple(found)

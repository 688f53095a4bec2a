"""Who is due today: children under five not yet weighed this month, and vitamin A in
February and August."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.life_stage import (
    UNDER_FIVE_BELOW_MONTHS,
    VITAMIN_A_MONTHS,
    VitaminACapsule,
    capsule_for_age,
)
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import PersonListing


@dataclass(frozen=True, slots=True)
class DueChild:
    person: PersonListing
    age_months: int
    last_weighed_on: date | None
    weighed_this_month: bool
    vitamin_a: VitaminACapsule | None  # the capsule still to give this month, if any


@dataclass(frozen=True, slots=True)
class DueList:
    """The children due today, and how many children under five the registry has (an empty
    due list means "all weighed" only when there are children)."""

    under_five: int
    due: tuple[DueChild, ...]


def due_today(db: Database, *, today: date | None = None) -> tuple[DueChild, ...]:
    """Children under five who were not weighed this calendar month or still need their
    vitamin A capsule, by RW, RT and name, with the date they were last weighed."""
    return due_list(db, today=today).due


def due_list(db: Database, *, today: date | None = None) -> DueList:
    """`due_today` with the number of children under five."""
    today = today or date.today()
    month_start = today.replace(day=1)
    # A birth date up to 61 months back is certainly inside; the exact cut is completed months.
    born_after = Period.of(month_start).plus(-(UNDER_FIVE_BELOW_MONTHS + 1)).first_day
    vitamin_a_month = today.month in VITAMIN_A_MONTHS
    with db.reading() as tx:
        rows = people.balita(tx, born_after=born_after, on=today, month_start=month_start)
    due, under_five = [], 0
    for row in rows:
        age = completed_months(row.person.birth_date, today)
        if age >= UNDER_FIVE_BELOW_MONTHS:
            continue
        under_five += 1
        weighed = row.last_weighed_on is not None and row.last_weighed_on >= month_start
        capsule = None
        if vitamin_a_month and not row.vitamin_a_given_this_month:
            capsule = capsule_for_age(age)
        if not weighed or capsule is not None:
            due.append(DueChild(row.person, age, row.last_weighed_on, weighed, capsule))
    return DueList(under_five, tuple(due))

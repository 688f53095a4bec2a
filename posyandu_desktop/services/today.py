"""What the window's top bar and the home screen show about today: the Posyandu, today's
session and how far its visitors got."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import days, posyandu
from posyandu_desktop.store.records import DayCounts, DayRecord, PosyanduRecord


@dataclass(frozen=True, slots=True)
class DayOverview:
    """Today's session (None before it is opened) and its counts."""

    day: DayRecord | None
    counts: DayCounts
    passed: tuple[tuple[Desk, int], ...]  # arrivals that passed each desk, in desk order


def this_posyandu(db: Database) -> PosyanduRecord | None:
    """This laptop's Posyandu, or None before the setup wizard ran."""
    with db.reading() as tx:
        return posyandu.first_posyandu(tx)


def month_to_report(db: Database, *, posyandu_id: int, today: date) -> tuple[int, int]:
    """(year, month) of the latest session held up to today: the month a cadre reports on
    (this month before the first session ever)."""
    with db.reading() as tx:
        held = days.last_held_on(tx, posyandu_id, today)
    latest = held or today
    return latest.year, latest.month


def day_overview(db: Database, *, posyandu_id: int, today: date) -> DayOverview:
    """Today's session with arrivals, measured, cadres, and arrivals per desk passed."""
    with db.reading() as tx:
        day = days.day_on(tx, posyandu_id, today)
        if day is None:
            return DayOverview(None, DayCounts(0, 0, 0), tuple((desk, 0) for desk in Desk))
        counts = days.counts(tx, day.id)
        arrivals = days.arrivals(tx, day.id)
    passed = Counter(desk for arrival in arrivals for desk in arrival.desks_passed)
    return DayOverview(day, counts, tuple((desk, passed[desk]) for desk in Desk))

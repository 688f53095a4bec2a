"""Who served when: today's cadre attendance and sessions attended per cadre in a month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.domain.months import Period
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import cadre_activity, days
from posyandu_desktop.store.records import AttendanceRecord, CadreRecord, DayRecord


@dataclass(frozen=True, slots=True)
class DayAttendance:
    """A date's Posyandu session (None if it was not held) and the cadres who signed in."""

    on: date
    day: DayRecord | None
    attendance: tuple[AttendanceRecord, ...]  # by arrival time


@dataclass(frozen=True, slots=True)
class CadreMonth:
    cadre: CadreRecord
    days_served: tuple[date, ...]  # the sessions this cadre attended, by date


@dataclass(frozen=True, slots=True)
class MonthlyAttendance:
    year: int
    month: int
    sessions: tuple[DayRecord, ...]  # the Posyandu days held in the month
    cadres: tuple[CadreMonth, ...]  # every cadre who is active or served that month


def attendance_on(db: Database, posyandu_id: int, on: date) -> DayAttendance:
    """The session held on this date, if any, and which cadre served at which desk."""
    with db.reading() as tx:
        day = days.day_on(tx, posyandu_id, on)
        served = () if day is None else days.attendance(tx, day.id)
    return DayAttendance(on, day, served)


def monthly_attendance(
    db: Database, posyandu_id: int, *, year: int, month: int
) -> MonthlyAttendance:
    """Sessions held in a month and the ones each cadre attended (for the honorarium list and
    the cadre's activity record)."""
    period = Period(year, month)
    first, last = period.first_day, period.last_day
    with db.reading() as tx:
        sessions = cadre_activity.days_between(tx, posyandu_id, first, last)
        held_on = {d.id: d.held_on for d in sessions}
        served = cadre_activity.attendance_of_days(tx, list(held_on))
        team = cadre_activity.cadres(tx, posyandu_id)
    dates: dict[CadreId, set[date]] = {}
    for a in served:  # a cadre may serve at two desks on one day: one session
        dates.setdefault(a.cadre_id, set()).add(held_on[a.day_id])
    rows = tuple(
        CadreMonth(c, tuple(sorted(dates.get(c.id, ())))) for c in team if c.active or c.id in dates
    )
    return MonthlyAttendance(year, month, sessions, rows)

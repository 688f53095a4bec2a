"""Who to visit at home: children under five below the red line (BGM), whose weight did not go
up twice (2T), or who missed the last weighing, unless a cadre has visited them since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.classify import stored_bgm
from posyandu_desktop.domain.growth.weight_gain import completed_months
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import visit_suggestions as queries
from posyandu_desktop.store.records import PersonListing

# Most urgent first: the order of the list a cadre works through.
_URGENCY = (VisitReason.BGM, VisitReason.TWO_T, VisitReason.ABSENT_FROM_WEIGHING)


@dataclass(frozen=True, slots=True)
class VisitSuggestion:
    person: PersonListing
    age_months: int
    reasons: tuple[VisitReason, ...]  # most urgent first
    last_weighed_on: date | None
    last_visited_on: date | None


def visit_suggestions(
    db: Database, posyandu_id: int, *, today: date
) -> tuple[VisitSuggestion, ...]:
    """Children under five who need a home visit, most urgent first, then by RW, RT and name."""
    born_after = date(today.year - 6, today.month, 1)  # surely older than five; cut below
    with db.reading() as tx:
        children = queries.latest_weighings(tx, born_after=born_after, on=today)
        last_session = queries.latest_closed_day(tx, posyandu_id, today)
    found = []
    for child in children:
        months = completed_months(child.person.birth_date, today)
        if months >= UNDER_FIVE_BELOW_MONTHS:
            continue
        # Each reason dates from an event; a home visit on or after it answers it.
        due: dict[VisitReason, date] = {}
        if child.weighed_on is not None:
            if stored_bgm(child.waz, oedema=child.oedema):
                due[VisitReason.BGM] = child.weighed_on
            if child.two_t:
                due[VisitReason.TWO_T] = child.weighed_on
        if (
            last_session is not None
            and child.person.birth_date <= last_session
            and (child.weighed_on is None or child.weighed_on < last_session.replace(day=1))
        ):
            due[VisitReason.ABSENT_FROM_WEIGHING] = last_session
        visited = child.visited_on
        reasons = tuple(r for r in _URGENCY if r in due and (visited is None or visited < due[r]))
        if reasons:
            found.append(VisitSuggestion(child.person, months, reasons, child.weighed_on, visited))
    return tuple(sorted(found, key=lambda s: _URGENCY.index(s.reasons[0])))

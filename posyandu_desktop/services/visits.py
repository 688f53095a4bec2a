"""Home visits: recording one, the list of visits made, and who should be visited.

Home visits: who went, why, what they found, and what they measured there.

Who to visit at home: children under five below the red line (BGM), whose weight did not go
up twice (2T), or who missed the last weighing, unless a cadre has visited them since.

The home visits of a period as a list: who was visited, why, by whom, what was measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.classify import stored_bgm
from posyandu_desktop.domain.growth.weight_gain import completed_months
from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.services import _checks, measuring
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import people, visits
from posyandu_desktop.store.records import (
    HomeVisitRecord,
    MeasuredValues,
    MeasurementRecord,
    PersonListing,
)


@dataclass(frozen=True, slots=True)
class HomeVisitResult:
    visit: HomeVisitRecord
    measurement: MeasurementRecord | None


def record_home_visit(
    db: Database,
    *,
    entered_by: CadreId,
    cadre_ids: Sequence[CadreId],
    visited_on: date,
    reason: VisitReason,
    person_id: PersonId | None = None,
    household_id: int | None = None,
    findings: str = "",
    follow_up: str = "",
    values: MeasuredValues | None = None,
    today: date | None = None,
) -> Outcome[HomeVisitResult]:
    """Record a home visit to a person or a household, and what was measured there."""
    problems = _checks.text_issues(findings, "findings", 4000, required=False)
    problems += _checks.text_issues(follow_up, "follow_up", 4000, required=False)
    problems += _checks.not_future(visited_on, "visited_on", today or date.today())
    if not cadre_ids:
        problems.append(Issue(Problem.NO_CADRES, "cadre_ids"))
    if person_id is None and household_id is None:
        problems.append(Issue(Problem.NO_ONE_VISITED, "person_id"))
    if values is not None:
        problems += measuring.value_issues(values)
        if person_id is None:
            problems.append(Issue(Problem.REQUIRED, "person_id"))
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[HomeVisitResult]:
        _checks.cadre(tx, entered_by, "entered_by")
        for cadre_id in cadre_ids:
            _checks.cadre(tx, cadre_id, "cadre_ids")
        visited = None if person_id is None else _checks.person(tx, person_id)
        if household_id is not None and people.get_household(tx, household_id) is None:
            raise InputError(Issue(Problem.HOUSEHOLD_NOT_FOUND, "household_id", household_id))
        if visited is not None and visited_on < visited.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, "visited_on", visited_on.isoformat()))
        visit = visits.add_home_visit(
            tx,
            person_id=person_id,
            household_id=household_id,
            visited_on=visited_on,
            reason=reason,
            findings=findings.strip(),
            follow_up=follow_up.strip(),
            entered_by=entered_by,
            cadre_ids=cadre_ids,
        )
        measured = None
        if values is not None and visited is not None:
            measured = measuring.save(
                tx,
                visited,
                measured_on=visited_on,
                values=values,
                entered_by=entered_by,
                home_visit_id=visit.id,
            )
        return Outcome(HomeVisitResult(visit, measured))

    return attempt(db, work, cadre_id=entered_by)


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
        children = visits.latest_weighings(tx, born_after=born_after, on=today)
        last_session = visits.latest_closed_day(tx, posyandu_id, today)
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


@dataclass(frozen=True, slots=True)
class HomeVisitListing:
    visit: HomeVisitRecord
    person_name: str | None
    household_head: str | None
    rt: int | None
    rw: int | None
    cadre_names: tuple[str, ...]
    weight_kg: float | None  # measured on the visit
    lenhei_cm: float | None


def home_visits_between(db: Database, first: date, last: date) -> tuple[HomeVisitListing, ...]:
    """Home visits from `first` to `last` inclusive, newest first."""
    with db.reading() as tx:
        rows = visits.visits_between(tx, first, last)
    return tuple(HomeVisitListing(*row) for row in rows)

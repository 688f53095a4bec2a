"""Home visits: who went, why, what they found, and what they measured there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.services import _checks, _growth
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import people, visits
from posyandu_desktop.store.records import HomeVisitRecord, MeasuredValues, MeasurementRecord


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
        problems += _growth.value_issues(values)
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
            measured = _growth.save(
                tx,
                visited,
                measured_on=visited_on,
                values=values,
                entered_by=entered_by,
                home_visit_id=visit.id,
            )
        return Outcome(HomeVisitResult(visit, measured))

    return attempt(db, work, cadre_id=entered_by)

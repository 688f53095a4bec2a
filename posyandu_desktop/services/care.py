"""Services given at the post: vitamin A, deworming, iron tablets, PMT, immunisation, referral."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.ids import CadreId, DayId, PersonId
from posyandu_desktop.domain.life_stage import VitaminACapsule, vitamin_a_capsule
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.services_due import code_problem
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.settings import immunisation_schedule
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import services_given, visits
from posyandu_desktop.store.records import ServiceRecord


def record_service(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    kind: ServiceKind,
    given_on: date,
    capsule: VitaminACapsule | None = None,
    detail: str = "",
    quantity: int | None = None,
    from_kia_book: bool = False,
    day_id: DayId | None = None,
    home_visit_id: int | None = None,
    today: date | None = None,
    code: str | None = None,
) -> Outcome[ServiceRecord]:
    """Record a service given (or, `from_kia_book`, one copied from the Buku KIA). Vitamin A
    without a capsule colour gets the one for the child's age (blue 6-11, red 12-59 months).
    `code` says exactly what was given (`domain/services_due.code_problem`: a dose of the
    schedule, E0-E6, a contraception method ...)."""
    problems = _checks.text_issues(detail, "detail", 200, required=False)
    problems += _checks.not_future(given_on, "given_on", today or date.today())
    problems += _checks.in_range(quantity, "quantity", 1, 1000)
    if capsule is not None and kind is not ServiceKind.VITAMIN_A:
        problems.append(Issue(Problem.CAPSULE_ONLY_FOR_VITAMIN_A, "capsule"))
    unnamed_vaccine = kind is ServiceKind.IMMUNISATION and code is None and not detail.strip()
    if unnamed_vaccine or code_problem(kind, code, immunisation_schedule()):
        problems.append(Issue(Problem.SERVICE_CODE_UNKNOWN, "code", code or ""))
    if day_id is not None and home_visit_id is not None:
        problems.append(Issue(Problem.DAY_AND_VISIT, "home_visit_id"))
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[ServiceRecord]:
        _checks.cadre(tx, cadre_id)
        receiver = _checks.person(tx, person_id)
        if given_on < receiver.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, "given_on", given_on.isoformat()))
        if day_id is not None:
            _checks.open_day(tx, day_id)
        if home_visit_id is not None and visits.get_home_visit(tx, home_visit_id) is None:
            raise InputError(Issue(Problem.HOME_VISIT_NOT_FOUND, "home_visit_id", home_visit_id))
        chosen = capsule
        if kind is ServiceKind.VITAMIN_A and chosen is None:
            chosen = vitamin_a_capsule(receiver.birth_date, given_on)
            if chosen is None:  # a mother in nifas also gets red capsules: the cadre chooses
                raise InputError(Issue(Problem.CAPSULE_NEEDED, "capsule"))
        given = services_given.add_service(
            tx,
            person_id=person_id,
            given_on=given_on,
            kind=kind,
            entered_by=cadre_id,
            capsule=chosen,
            detail=detail.strip(),
            quantity=quantity,
            from_kia_book=from_kia_book,
            day_id=day_id,
            home_visit_id=home_visit_id,
            code=chosen.value if kind is ServiceKind.VITAMIN_A and chosen is not None else code,
        )
        return Outcome(given)

    return attempt(db, work, cadre_id=cadre_id)

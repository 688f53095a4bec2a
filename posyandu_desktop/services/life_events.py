"""The person's life, from their profile: moved away or died, a pregnancy starting and ending,
and the baby registered to its mother in the same step as the birth. Each is one transaction,
audited with the event as its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.life_events import (
    LeftReason,
    LifeFacts,
    PregnancyEnd,
    leaving_problems,
    pregnancy_end_problems,
    pregnancy_start_problems,
)
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.services.registration import NewPerson, _add_person, _person_issues
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import PersonRecord


def _facts(person: PersonRecord) -> LifeFacts:
    return LifeFacts(person.sex, person.birth_date, person.pregnant, person.left_on)


def _refuse(problems: tuple[Problem, ...], field: str, found: str) -> None:
    if problems:
        raise InputError(*(Issue(p, field, found) for p in problems))


def mark_left(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    on: date,
    reason: LeftReason,
    today: date,
) -> Outcome[PersonRecord]:
    """The person moved away or died on `on`: kept in the registry, out of S and the due list
    from that date."""

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        person = _checks.person(tx, person_id)
        _refuse(leaving_problems(_facts(person), on, today=today), "on", on.isoformat())
        people.set_left(tx, person_id, on, reason)
        return Outcome(people.get_person(tx, person_id))

    return attempt(db, work, cadre_id=cadre_id, reason=f"left: {reason.value}")


def start_pregnancy(
    db: Database, *, cadre_id: CadreId, person_id: PersonId, today: date
) -> Outcome[PersonRecord]:
    """A woman is pregnant (known today): from now on she is served as a pregnant woman."""

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        woman = _checks.person(tx, person_id)
        problems = pregnancy_start_problems(_facts(woman), today, today=today)
        _refuse(problems, "person_id", str(person_id))
        people.set_pregnancy(tx, person_id, pregnant=True, delivered_on=woman.delivered_on)
        return Outcome(people.get_person(tx, person_id))

    return attempt(db, work, cadre_id=cadre_id, reason="pregnancy started")


def end_pregnancy(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    on: date,
    how: PregnancyEnd,
    baby: NewPerson | None = None,
    today: date,
) -> Outcome[PersonRecord]:
    """The pregnancy ended on `on`. A birth starts the 42 days of nifas and may register the
    baby (born on `on`, in the mother's household, her child) in the same transaction: both
    are saved, or neither. Returns the baby when one was registered, else the mother. Problems
    with the baby name its fields with a `baby_` prefix."""
    warnings: list[Issue] = []
    if baby is not None:
        if how is not PregnancyEnd.DELIVERED:
            return refused([Issue(Problem.NOT_PREGNANT, "baby_name")])
        problems, warnings, baby = _person_issues(replace(baby, birth_date=on), today)
        if problems:
            return refused([replace(i, field=f"baby_{i.field}") for i in problems])

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        woman = _checks.person(tx, person_id)
        _refuse(pregnancy_end_problems(_facts(woman), on, today=today), "on", on.isoformat())
        delivered = on if how is PregnancyEnd.DELIVERED else woman.delivered_on
        people.set_pregnancy(tx, person_id, pregnant=False, delivered_on=delivered)
        if baby is None:
            return Outcome(people.get_person(tx, person_id))
        added = _add_person(
            tx, baby, household_id=woman.household_id, mother_id=PersonId(person_id)
        )
        return Outcome(added, warnings=tuple(warnings))

    return attempt(db, work, cadre_id=cadre_id, reason=f"pregnancy ended: {how.value}")

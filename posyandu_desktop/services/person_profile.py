"""One person as the profile screen shows them: who, whose child, where, which ILP group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.weight_gain import completed_months
from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import HouseholdRecord, PersonRecord


@dataclass(frozen=True, slots=True)
class PersonProfile:
    person: PersonRecord
    household: HouseholdRecord | None
    mother_name: str | None
    mother_nik: str | None  # the mother's own NIK, else the one written on the child's record
    age_months: int
    life_stage: LifeStage


def person_profile(db: Database, person_id: int, *, today: date) -> PersonProfile | None:
    """The person with their household and mother; None when there is no such person."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return None
        household = (
            None if person.household_id is None else people.get_household(tx, person.household_id)
        )
        mother = None if person.mother_id is None else people.get_person(tx, person.mother_id)
    on = max(today, person.birth_date)  # a birth date typed in the future counts as today
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    return PersonProfile(
        person=person,
        household=household,
        mother_name=None if mother is None else mother.name,
        mother_nik=(mother.nik if mother is not None and mother.nik else person.mother_nik),
        age_months=completed_months(person.birth_date, on),
        life_stage=stage,
    )

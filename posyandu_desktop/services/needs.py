"""What a person needs today, for the registration desk's card: weighing this month, vitamin A
in February and August, and the immunisations noted from the Buku KIA."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.weight_gain import GrowthStatus, completed_months
from posyandu_desktop.domain.ids import DayId, PersonId
from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule, life_stage, vitamin_a_due
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services.outcome import Issue, Outcome, refused
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import days, desks, measurements, services_given
from posyandu_desktop.store.records import ArrivalRecord, PersonListing

# The basic immunisation schedule of the Buku KIA runs to 18 months (booster DPT-HB-Hib and MR at
# 18 months); the card reminds the cadre to look at the book until the second birthday.
IMMUNISATION_REMINDER_BELOW_MONTHS = 24


@dataclass(frozen=True, slots=True)
class LastWeighing:
    on: date
    weight_kg: float
    growth_status: GrowthStatus | None


@dataclass(frozen=True, slots=True)
class NotedImmunisation:
    """An immunisation given by the health worker and copied from the Buku KIA."""

    given_on: date
    detail: str  # what the book says ("DPT-HB-Hib 2", "Campak-Rubela")


@dataclass(frozen=True, slots=True)
class PersonNeeds:
    """A person's card at the registration desk."""

    person: PersonListing
    age_days: int
    age_months: int
    life_stage: LifeStage
    last_weighing: LastWeighing | None
    weighed_this_month: bool
    vitamin_a_due: VitaminACapsule | None  # February/August, 6-59 months, not yet given
    vitamin_a_given_this_month: bool
    immunisations: tuple[NotedImmunisation, ...]  # newest first
    check_immunisation: bool  # under two: look at the Buku KIA's schedule
    arrival: ArrivalRecord | None  # registered today already (with the queue number)


def needs_today(
    db: Database, person_id: PersonId, *, today: date, day_id: DayId | None = None
) -> Outcome[PersonNeeds]:
    """What `person_id` needs today; with `day_id`, also their arrival if already registered."""
    with db.reading() as tx:
        person = desks.person_listing(tx, person_id)
        if person is None:
            return refused([Issue(Problem.PERSON_NOT_FOUND, "person_id", person_id)])
        weighings = measurements.weighings(tx, person_id)
        given = services_given.services_of(tx, person_id)
        arrival = None if day_id is None else days.arrival_of(tx, day_id, person_id)
    on = max(today, person.birth_date)
    months = completed_months(person.birth_date, on)
    last = [w for w in weighings if w.measured_on <= on]
    month_start = on.replace(day=1)
    vitamin_a_given = any(
        s.kind is ServiceKind.VITAMIN_A and month_start <= s.given_on <= on for s in given
    )
    immunisations = sorted(
        (s for s in given if s.kind is ServiceKind.IMMUNISATION),
        key=lambda s: (s.given_on, s.id),
        reverse=True,
    )
    return Outcome(
        PersonNeeds(
            person=person,
            age_days=(on - person.birth_date).days,
            age_months=months,
            life_stage=life_stage(
                person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
            ),
            last_weighing=(
                LastWeighing(last[-1].measured_on, last[-1].weight_kg, last[-1].growth_status)
                if last
                else None
            ),
            weighed_this_month=bool(last) and last[-1].measured_on >= month_start,
            vitamin_a_due=None if vitamin_a_given else vitamin_a_due(person.birth_date, on),
            vitamin_a_given_this_month=vitamin_a_given,
            immunisations=tuple(NotedImmunisation(s.given_on, s.detail) for s in immunisations),
            check_immunisation=months < IMMUNISATION_REMINDER_BELOW_MONTHS,
            arrival=arrival,
        )
    )

"""The health-service desk (Pelayanan): what is due today for the person at the desk, what was
already given, and the referrals that today's measurement and questionnaires suggest.

Recording a service is `services.people.record_service` (one transaction each); leaving the desk
is `pass_desk(..., Desk.HEALTH_SERVICE)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.health_check import assess_health, growth_needs_referral
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.immunisation import ImmunisationSchedule
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS, LifeStage, life_stage
from posyandu_desktop.domain.months import completed_months
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.screenings import ReferralReason, ScreeningAnswers
from posyandu_desktop.domain.services_due import (
    DueService,
    ServicePerson,
    nutrition_flags,
    services_due,
)
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services.outcome import Issue, Outcome, refused
from posyandu_desktop.settings import immunisation_schedule
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import days, measurements, people
from posyandu_desktop.store.records import PersonListing, ServiceRecord


@dataclass(frozen=True, slots=True)
class ServiceDesk:
    """The Pelayanan desk's view of one person today."""

    person: PersonListing
    age_months: int
    life_stage: LifeStage
    due: tuple[DueService, ...]  # still to give today, in desk order
    given_today: tuple[ServiceRecord, ...]  # oldest first
    doses_recorded: tuple[ServiceRecord, ...]  # every immunisation on record, oldest first
    referrals_suggested: tuple[ReferralReason, ...]  # not yet recorded today
    schedule: ImmunisationSchedule


def service_desk(db: Database, person_id: PersonId, *, today: date) -> Outcome[ServiceDesk]:
    """What `person_id` is due today and what was given (the schedule from resources/)."""
    with db.reading() as tx:
        person = days.person_listing(tx, person_id)
        if person is None:
            return refused([Issue(Problem.PERSON_NOT_FOUND, "person_id", person_id)])
        given = people.services_of(tx, person_id)
        measured = measurements.history(tx, person_id)
        checks = measurements.health_checks_of(tx, person_id)
    on = max(today, person.birth_date)
    months = completed_months(person.birth_date, on)
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    this_month = [
        m for m in measured if (m.measured_on.year, m.measured_on.month) == (on.year, on.month)
    ]
    latest = this_month[-1] if this_month else None
    schedule = immunisation_schedule()
    due = services_due(
        ServicePerson(person.birth_date, person.sex, person.pregnant, person.delivered_on),
        on,
        given,
        schedule,
        nutrition_flags(None if latest is None else latest.findings),
    )
    suggested: list[ReferralReason] = []
    if latest is not None and latest.measured_on == on:
        answers = next((c.answers for c in reversed(checks) if c.checked_on == on), None)
        if months < UNDER_FIVE_BELOW_MONTHS and growth_needs_referral(latest.findings):
            suggested.append(ReferralReason.GROWTH)
        suggested += assess_health(
            stage=stage,
            sex=person.sex,
            age_months=months,
            on=on,
            values=latest.values.quantities(),
            bmi=latest.findings.bmi,
            answers=answers or ScreeningAnswers(),
        ).referrals
    today_given = tuple(g for g in given if g.given_on == on)
    referred = {g.code for g in today_given if g.kind is ServiceKind.REFERRAL}
    return Outcome(
        ServiceDesk(
            person=person,
            age_months=months,
            life_stage=stage,
            due=due,
            given_today=today_given,
            doses_recorded=tuple(g for g in given if g.kind is ServiceKind.IMMUNISATION),
            referrals_suggested=tuple(r for r in suggested if r.value not in referred),
            schedule=schedule,
        )
    )

"""The ILP page of a month (domain/ilp_report.py) from the registry: who was seen in which life
stage, what their values and answers show, and the services given."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.health_check import assess_health
from posyandu_desktop.domain.ilp_report import (
    IlpMonth,
    IlpService,
    IlpVisit,
    ilp_month,
    judged_and_found,
)
from posyandu_desktop.domain.life_stage import (
    ADOLESCENT_FROM_YEARS,
    ADULT_FROM_YEARS,
    LifeStage,
    VitaminACapsule,
    capsule_for_age,
    life_stage,
)
from posyandu_desktop.domain.months import completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.store import Tx
from posyandu_desktop.store.queries import ilp as q
from posyandu_desktop.store.queries.reports import PersonRow

# The obese categories of a child's weight-for-length/height and BMI-for-age (Permenkes 2/2020).
_OBESE = {WeightForLengthHeightCategory.OBESE, BmiForAge5To18Category.OBESE}
_VALUES = (
    Quantity.LILA_CM,
    Quantity.WAIST_CM,
    Quantity.GLUCOSE_MG_DL,
    Quantity.SYSTOLIC_MMHG,
    Quantity.DIASTOLIC_MMHG,
)


def _stage(person: PersonRow, on: date, today: date) -> LifeStage:
    pregnant = ind.pregnant_on(
        on, pregnant_now=person.pregnant, delivered_on=person.delivered_on, today=today
    )
    return life_stage(
        person.birth_date,
        max(on, person.birth_date),
        pregnant=pregnant,
        delivered_on=person.delivered_on,
    )


def ilp_of_month(
    tx: Tx, persons: tuple[PersonRow, ...], year: int, month: int, *, today: date
) -> IlpMonth:
    """The month's ILP page; `persons` as the monthly report read them."""
    first, last = ind.month_bounds(year, month)
    by_id = {p.id: p for p in persons}
    visits = []
    for row in q.measurements_between(tx, first, last):
        person = by_id[row.person_id]
        stage = _stage(person, row.measured_on, today)
        months = completed_months(person.birth_date, max(row.measured_on, person.birth_date))
        values = {
            quantity: float(value)
            for quantity in _VALUES
            if (value := getattr(row, quantity.value)) is not None
        }
        findings = assess_health(
            stage=stage,
            sex=person.sex,
            age_months=months,
            on=row.measured_on,
            values=values,
            bmi=row.bmi,
        )
        child_category = row.wflh_category or row.bfa_category
        child_obese = (
            None
            if child_category is None or months // 12 >= ADULT_FROM_YEARS
            else child_category in _OBESE
        )
        judged, found = judged_and_found(findings, child_obese=child_obese)
        visits.append(IlpVisit(person.id, stage, person.sex, judged, found))
    services = [
        IlpService(
            s.person_id,
            s.given_on,
            s.kind,
            _stage(by_id[s.person_id], s.given_on, today),
            by_id[s.person_id].sex,
            s.capsule,
            s.detail,
        )
        for s in q.services_between(tx, first, last)
    ]
    due = dict.fromkeys(VitaminACapsule, 0)
    for p in persons:
        if (p.left_on is not None and p.left_on <= last) or p.birth_date > last:
            continue
        capsule = capsule_for_age(completed_months(p.birth_date, last))
        if capsule is not None:
            due[capsule] += 1
    girls = frozenset(
        v.person_id
        for v in visits
        if v.sex is Sex.FEMALE
        and v.stage is LifeStage.SCHOOL_AGE_ADOLESCENT
        and completed_months(by_id[v.person_id].birth_date, last) // 12 >= ADOLESCENT_FROM_YEARS
    )
    return ilp_month(year, month, visits, services, vitamin_a_due=due, adolescent_girl_ids=girls)

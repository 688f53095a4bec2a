"""Who is due today: children under five not weighed this month, and vitamin A in Feb/Aug."""

from datetime import date
from typing import Any

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.life_events import LeftReason
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import MeasuredValues, PersonRecord, Reading
from tests.store.helpers import TODAY, Post


@pytest.fixture
def children(db, post):
    """Ahmad (10 months), plus: a newborn, a 3-year-old in RT 1, a 5-year-old, one who left."""

    def child(name: str, born: date, **kwargs: Any) -> PersonRecord:
        return services.register_person(
            db,
            cadre_id=post.cadre.id,
            name=name,
            sex=Sex.FEMALE,
            birth_date=born,
            mother_id=post.mother.id,
            today=TODAY,
            **kwargs,
        ).unwrap()

    rt1 = services.register_household(db, cadre_id=post.cadre.id, head_name="Joko", rt=1, rw=5)
    return {
        "ahmad": post.child,
        "newborn": child("Bayi Ayu", date(2026, 1, 28)),
        "toddler": child("Citra", date(2023, 2, 1), household_id=rt1.unwrap().id),
        "five": child("Dina", date(2021, 2, 10)),  # 60 months on TODAY: no longer balita
        "left": child("Eka", date(2024, 6, 1)),
    }


def weigh(db: Database, post: Post, person: PersonRecord, on: date) -> None:
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=person.id,
        measured_on=on,
        values=MeasuredValues(weight_kg=Reading(9.0)),
        today=TODAY,
    ).unwrap()


def test_the_february_list(db, post, children):
    weigh(db, post, children["ahmad"], date(2026, 1, 15))
    weigh(db, post, children["toddler"], date(2026, 2, 3))
    with db.transaction() as tx:
        people.set_left(tx, children["left"].id, date(2026, 1, 1), LeftReason.MOVED)

    due = services.due_today(db, today=TODAY)

    assert [
        (d.person.name, d.age_months, d.last_weighed_on, d.weighed_this_month, d.vitamin_a)
        for d in due
    ] == [
        ("Citra", 36, date(2026, 2, 3), True, VitaminACapsule.RED),  # RT 1 before RT 3
        ("Ahmad Fauzi", 10, date(2026, 1, 15), False, VitaminACapsule.BLUE),
        ("Bayi Ayu", 0, None, False, None),  # too young for vitamin A
    ]


def test_weighed_and_given_vitamin_a_is_not_due(db, post, children):
    weigh(db, post, children["ahmad"], TODAY)
    services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=children["ahmad"].id,
        kind=ServiceKind.VITAMIN_A,
        given_on=TODAY,
        today=TODAY,
    ).unwrap()
    names = [d.person.name for d in services.due_today(db, today=TODAY)]
    assert "Ahmad Fauzi" not in names


def test_outside_february_and_august_only_weighing_counts(db, post, children):
    march = date(2026, 3, 12)
    weigh(db, post, children["ahmad"], date(2026, 2, 3))
    due = services.due_today(db, today=march)
    assert all(d.vitamin_a is None for d in due)
    ahmad = next(d for d in due if d.person.name == "Ahmad Fauzi")
    assert (ahmad.last_weighed_on, ahmad.weighed_this_month) == (date(2026, 2, 3), False)

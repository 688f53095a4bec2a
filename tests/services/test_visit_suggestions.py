"""Who to visit at home: BGM, 2T and missed weighings, until a cadre has visited; and the
list of visits made."""

from datetime import UTC, date, datetime
from typing import Any

from posyandu_desktop import services
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import VisitReason
from posyandu_desktop.services.visits import home_visits_between, visit_suggestions
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, Reading
from tests.store.helpers import TODAY, Post


def weigh(db: Database, post: Post, person_id: int, on: date, kg: float) -> None:
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=PersonId(person_id),
        measured_on=on,
        values=MeasuredValues(weight_kg=Reading(kg)),
        today=TODAY,
    ).unwrap()


def visit(db: Database, post: Post, person_id: int, on: date, **extra: Any) -> None:
    services.record_home_visit(
        db,
        entered_by=post.cadre.id,
        cadre_ids=[post.cadre.id],
        visited_on=on,
        reason=VisitReason.TWO_T,
        person_id=PersonId(person_id),
        today=TODAY,
        **extra,
    ).unwrap()


def held(db: Database, post: Post, on: date, *, close: bool = True) -> None:
    at = datetime(on.year, on.month, on.day, 8, tzinfo=UTC)
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=on, now=at, today=TODAY
    ).unwrap()
    if close:
        services.close_posyandu_day(db, cadre_id=post.cadre.id, day_id=day.id, now=at).unwrap()


def suggested(db: Database, post: Post) -> dict[str, tuple[VisitReason, ...]]:
    found = visit_suggestions(db, post.posyandu_id, today=TODAY)
    return {s.person.name: s.reasons for s in found}


def test_two_months_without_gain_is_2t_until_visited(db, post):
    for month in (11, 12):
        weigh(db, post, post.child.id, date(2025, month, 10), 8.0)
    weigh(db, post, post.child.id, date(2026, 1, 10), 8.0)  # B, T, T: 2T
    assert suggested(db, post) == {"Ahmad Fauzi": (VisitReason.TWO_T,)}
    visit(db, post, post.child.id, date(2026, 1, 20))
    assert suggested(db, post) == {}


def test_below_the_red_line_comes_first(db, post):
    thin = services.register_person(
        db,
        cadre_id=post.cadre.id,
        name="Bayu",
        sex=Sex.MALE,
        birth_date=date(2025, 2, 10),
        today=TODAY,
    ).unwrap()
    for month in (11, 12):
        weigh(db, post, post.child.id, date(2025, month, 10), 8.0)
    weigh(db, post, post.child.id, date(2026, 1, 10), 8.0)
    weigh(db, post, thin.id, date(2026, 2, 5), 6.0)  # 12 months, 6.0 kg: below -3 SD
    found = visit_suggestions(db, post.posyandu_id, today=TODAY)
    assert [(s.person.name, s.reasons) for s in found] == [
        ("Bayu", (VisitReason.BGM,)),
        ("Ahmad Fauzi", (VisitReason.TWO_T,)),
    ]
    assert found[0].age_months == 12
    assert found[0].last_weighed_on == date(2026, 2, 5)


def test_missing_the_last_closed_session(db, post):
    weigh(db, post, post.child.id, date(2026, 1, 10), 8.5)
    held(db, post, date(2026, 2, 5))
    assert suggested(db, post) == {"Ahmad Fauzi": (VisitReason.ABSENT_FROM_WEIGHING,)}
    # A visit before the session does not answer it; one after does.
    visit(db, post, post.child.id, date(2026, 1, 20))
    assert suggested(db, post) == {"Ahmad Fauzi": (VisitReason.ABSENT_FROM_WEIGHING,)}
    visit(db, post, post.child.id, date(2026, 2, 7))
    assert suggested(db, post) == {}


def test_an_open_session_is_still_running(db, post):
    weigh(db, post, post.child.id, date(2026, 1, 10), 8.5)
    held(db, post, TODAY, close=False)
    assert suggested(db, post) == {}  # the mother is an adult, the child may still come


def test_a_weighing_in_the_month_of_the_session_counts(db, post):
    weigh(db, post, post.child.id, date(2026, 2, 2), 8.5)  # a home visit before the session
    held(db, post, date(2026, 2, 5))
    assert suggested(db, post) == {}


def test_the_visits_of_a_month_with_cadres_and_measurements(db, post):
    partner = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Rahma", role=services.CadreRole.MEMBER
    ).unwrap()
    services.record_home_visit(
        db,
        entered_by=post.cadre.id,
        cadre_ids=[post.cadre.id, partner.id],
        visited_on=date(2026, 2, 3),
        reason=VisitReason.ABSENT_FROM_WEIGHING,
        person_id=post.child.id,
        findings="Demam",
        values=MeasuredValues(weight_kg=Reading(8.6), lenhei_cm=Reading(74.0)),
        today=TODAY,
    ).unwrap()
    services.record_home_visit(
        db,
        entered_by=post.cadre.id,
        cadre_ids=[partner.id],
        visited_on=date(2026, 2, 8),
        reason=VisitReason.NEW_BABY,
        household_id=post.household.id,
        today=TODAY,
    ).unwrap()
    visit(db, post, post.child.id, date(2026, 1, 30))  # the month before
    listed = home_visits_between(db, date(2026, 2, 1), date(2026, 2, 28))
    assert [v.visit.visited_on for v in listed] == [date(2026, 2, 8), date(2026, 2, 3)]
    household, child = listed
    assert (household.person_name, household.household_head) == (None, "Budi Santoso")
    assert household.cadre_names == ("Rahma",)
    assert (household.weight_kg, household.lenhei_cm) == (None, None)
    assert child.person_name == "Ahmad Fauzi"
    assert child.cadre_names == ("Sri Wahyuni", "Rahma")
    assert child.visit.cadre_ids == (post.cadre.id, partner.id)
    assert (child.weight_kg, child.lenhei_cm) == (8.6, 74.0)
    assert (child.rt, child.rw) == (3, 5)

"""The desks' reads: today's day, who waits at a desk, latest arrivals, households, NIK check."""

from datetime import UTC, date, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.nik import NikMismatch, NikProblem
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.services import Desk
from posyandu_desktop.services.day import (
    check_nik,
    day_today,
    find_households,
    household_of,
    latest_arrivals,
    waiting_at_desk,
)
from tests.store.helpers import TODAY

NOW = datetime(2026, 2, 10, 1, 0, tzinfo=UTC)


def test_the_queue_at_the_measuring_desk(db, post):
    assert day_today(db, post.posyandu_id, today=TODAY) is None
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    assert day_today(db, post.posyandu_id, today=TODAY) == day
    arrivals = [
        services.register_arrival(
            db, cadre_id=post.cadre.id, day_id=day.id, person_id=person_id, now=NOW
        ).unwrap()
        for person_id in (post.child.id, post.mother.id)
    ]
    waiting = waiting_at_desk(db, day.id, Desk.MEASURING, today=TODAY)
    assert [(e.arrival.queue_number, e.person.name) for e in waiting] == [
        (1, "Ahmad Fauzi"),
        (2, "Siti Aminah"),
    ]
    assert (waiting[0].age_months, waiting[0].life_stage) == (10, LifeStage.UNDER_FIVE)
    assert waiting[0].person.mother_name == "Siti Aminah"

    services.pass_desk(
        db, cadre_id=post.cadre.id, arrival_id=arrivals[0].id, desk=Desk.MEASURING
    ).unwrap()
    assert [e.person.name for e in waiting_at_desk(db, day.id, Desk.MEASURING, today=TODAY)] == [
        "Siti Aminah"
    ]
    assert [e.arrival.queue_number for e in latest_arrivals(db, day.id, today=TODAY)] == [2, 1]


def test_households_by_head_or_address(db, post):
    other = services.register_household(
        db, cadre_id=post.cadre.id, head_name="Joko Widodo", address="Jl. Mawar 1", rt=1, rw=2
    ).unwrap()
    assert [h.id for h in find_households(db, "budi")] == [post.household.id]
    assert [h.id for h in find_households(db, "mawar")] == [other.id]
    assert [h.id for h in find_households(db, "")] == [other.id, post.household.id]  # by RW
    assert household_of(db, post.child.id) == post.household
    assert household_of(db, 9999) is None


def test_a_nik_is_checked_as_it_is_typed():
    short = check_nik("6474 0142", birth_date=None, sex=None, today=TODAY)
    assert not short.ok and [i.problem for i in short.problems] == [NikProblem.WRONG_LENGTH]
    # Siti Aminah's NIK: a woman (day 42 = 2 + 40) born 2 April 1996.
    good = check_nik("6474014204960003", birth_date=date(1996, 4, 2), sex=Sex.FEMALE, today=TODAY)
    assert good.ok and good.digits == "6474014204960003" and good.mismatches == ()
    wrong = check_nik("6474014204960003", birth_date=date(1996, 4, 3), sex=Sex.MALE, today=TODAY)
    assert wrong.ok and wrong.mismatches == (NikMismatch.BIRTH_DATE, NikMismatch.SEX)

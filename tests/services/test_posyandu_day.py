"""A Posyandu day from opening to closing: arrivals, desks, cadres; a closed day refuses work."""

from datetime import date, datetime, timedelta

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.ids import ArrivalId, DayId
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.services import Field, Issue, Problem
from posyandu_desktop.store.records import AttendanceRecord, MeasuredValues, Reading
from tests.store.helpers import TODAY, row_counts

NOW = datetime(2026, 2, 10, 8, 0).astimezone()


@pytest.fixture
def day(db, post):
    return services.open_posyandu_day(
        db,
        cadre_id=post.cadre.id,
        posyandu_id=post.posyandu_id,
        held_on=TODAY,
        place="Balai RT 03",
        now=NOW,
        today=TODAY,
    ).unwrap()


def test_a_day_is_opened_once_per_date(db, post, day):
    assert (day.held_on, day.place, day.opened_by, day.is_open) == (
        TODAY,
        "Balai RT 03",
        post.cadre.id,
        True,
    )
    again = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    )
    assert again.problems == (Issue(Problem.DAY_ALREADY_OPENED, Field.HELD_ON, day.id),)


def test_a_day_cannot_be_opened_in_the_future(db, post):
    refused = services.open_posyandu_day(
        db,
        cadre_id=post.cadre.id,
        posyandu_id=post.posyandu_id,
        held_on=TODAY + timedelta(1),
        today=TODAY,
    )
    assert refused.problems[0].problem is Problem.DATE_IN_FUTURE


def test_arrivals_get_queue_numbers_and_come_once(db, post, day):
    first = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id, now=NOW
    ).unwrap()
    second = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.mother.id, now=NOW
    ).unwrap()
    assert (first.queue_number, second.queue_number) == (1, 2)
    again = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id
    )
    assert again.problems == (Issue(Problem.ALREADY_ARRIVED, Field.PERSON_ID, 1),)


def test_desks_passed_accumulate(db, post, day):
    arrival = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id
    ).unwrap()
    for desk in (Desk.REGISTRATION, Desk.MEASURING, Desk.MEASURING):
        arrival = services.pass_desk(
            db, cadre_id=post.cadre.id, arrival_id=arrival.id, desk=desk
        ).unwrap()
    assert arrival.desks_passed == {Desk.REGISTRATION, Desk.MEASURING}
    assert services.pass_desk(
        db, cadre_id=post.cadre.id, arrival_id=ArrivalId(99), desk=Desk.RECORDING
    ).problems == (Issue(Problem.ARRIVAL_NOT_FOUND, Field.ARRIVAL_ID, 99),)


def test_cadre_attendance_is_recorded_then_completed(db, post, day):
    cadre = post.cadre.id
    arrived = services.record_cadre_attendance(
        db, recorded_by=cadre, day_id=day.id, cadre_id=cadre, desk=Desk.REGISTRATION, arrived_at=NOW
    ).unwrap()
    left = services.record_cadre_attendance(
        db,
        recorded_by=cadre,
        day_id=day.id,
        cadre_id=cadre,
        desk=Desk.REGISTRATION,
        arrived_at=NOW,
        left_at=NOW + timedelta(hours=3),
    ).unwrap()
    assert left.id == arrived.id
    assert left.left_at == NOW + timedelta(hours=3)
    backwards = services.record_cadre_attendance(
        db,
        recorded_by=cadre,
        day_id=day.id,
        cadre_id=cadre,
        desk=Desk.COUNSELLING,
        arrived_at=NOW,
        left_at=NOW - timedelta(minutes=1),
    )
    assert backwards.problems == (Issue(Problem.LEFT_BEFORE_ARRIVING, Field.LEFT_AT),)


def test_closing_sums_up_the_day_and_then_refuses_more_work(db, post, day):
    cadre = post.cadre.id
    services.record_cadre_attendance(
        db, recorded_by=cadre, day_id=day.id, cadre_id=cadre, desk=Desk.MEASURING, arrived_at=NOW
    ).unwrap()
    services.register_arrival(db, cadre_id=cadre, day_id=day.id, person_id=post.child.id).unwrap()
    services.record_measurement(
        db,
        cadre_id=cadre,
        person_id=post.child.id,
        measured_on=TODAY,
        day_id=day.id,
        values=MeasuredValues(weight_kg=Reading(8.7)),
        today=TODAY,
    ).unwrap()

    summary = services.close_posyandu_day(db, cadre_id=cadre, day_id=day.id, now=NOW).unwrap()

    assert (summary.counts.arrivals, summary.counts.measured, summary.counts.cadres) == (1, 1, 1)
    assert summary.day.closed_by == cadre and not summary.day.is_open
    before = row_counts(db.path)
    closed = Issue(Problem.DAY_CLOSED, Field.DAY_ID, day.id)
    assert services.register_arrival(
        db, cadre_id=cadre, day_id=day.id, person_id=post.mother.id
    ).problems == (closed,)
    assert services.record_measurement(
        db,
        cadre_id=cadre,
        person_id=post.mother.id,
        measured_on=TODAY,
        day_id=day.id,
        values=MeasuredValues(weight_kg=Reading(55.0)),
        today=TODAY,
    ).problems == (closed,)
    assert services.close_posyandu_day(db, cadre_id=cadre, day_id=day.id).problems == (closed,)
    assert row_counts(db.path) == before


def test_an_unknown_day_is_refused(db, post):
    refused = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=DayId(42), person_id=post.child.id
    )
    assert refused.problems == (Issue(Problem.DAY_NOT_FOUND, Field.DAY_ID, 42),)


def test_someone_born_after_the_day_cannot_arrive(db, post):
    past = services.open_posyandu_day(
        db,
        cadre_id=post.cadre.id,
        posyandu_id=post.posyandu_id,
        held_on=date(2025, 1, 10),
        today=TODAY,
    ).unwrap()
    refused = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=past.id, person_id=post.child.id
    )
    assert refused.problems == (Issue(Problem.BEFORE_BIRTH, Field.PERSON_ID, post.child.id),)


def test_the_coordinator_reopens_a_closed_day_and_it_is_audited(db, post, day):
    from posyandu_desktop.store.queries import audit

    services.close_posyandu_day(db, cadre_id=post.cadre.id, day_id=day.id, now=NOW).unwrap()
    reopened = services.reopen_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, day_id=day.id
    ).unwrap()
    assert reopened.is_open and reopened.closed_at is None
    with db.reading() as tx:
        trail = audit.trail(tx, "posyandu_day", day.id)
    assert trail[-1].reason == "session reopened" and trail[-1].cadre_id == post.cadre.id
    arrival = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id, now=NOW
    )
    assert arrival.ok


def test_the_cadre_who_logs_in_is_present_once_at_the_open_session(db, post):
    def login(now: datetime) -> AttendanceRecord | None:
        return services.mark_present_on_login(
            db, posyandu_id=post.posyandu_id, cadre_id=post.cadre.id, now=now
        )

    assert login(NOW) is None  # no session yet
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=NOW.date(), now=NOW
    ).unwrap()
    present = login(NOW)
    assert present is not None
    assert (present.day_id, present.desk, present.arrived_at) == (day.id, Desk.REGISTRATION, NOW)
    assert login(NOW + timedelta(hours=1)) is None  # logging in again changes nothing

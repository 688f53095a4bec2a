"""Desks 3-5 on a real registry: today's visitors with what was found, what to do and the
message to say, and the desks they pass."""

from __future__ import annotations

from datetime import UTC, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.counselling import Action, Situation
from posyandu_desktop.domain.measurement import BloodPressure, MeasuredValues, Reading
from posyandu_desktop.services import Desk
from posyandu_desktop.services.day import day_overview, pass_desk, results_today
from tests.store.helpers import TODAY

NOW = datetime(2026, 2, 10, 1, 0, tzinfo=UTC)


def test_todays_results_what_to_do_and_the_desks_passed(db, post):
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    child, mother = (
        services.register_arrival(
            db, cadre_id=post.cadre.id, day_id=day.id, person_id=person_id, now=NOW
        ).unwrap()
        for person_id in (post.child.id, post.mother.id)
    )
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        measured_on=TODAY,
        day_id=day.id,
        values=MeasuredValues(
            lila_cm=Reading(22.0), blood_pressure=BloodPressure(150, 95), waist_cm=Reading(85.0)
        ),
        today=TODAY,
    ).unwrap()
    waiting, measured = results_today(db, day.id, today=TODAY)
    assert (waiting.person.name, waiting.measurement, waiting.actions) == ("Ahmad Fauzi", None, ())
    assert measured.situations == (
        Situation.KEK,
        Situation.HIGH_BLOOD_PRESSURE,
        Situation.WAIST_RISK,
    )
    assert measured.actions == (Action.REFER, Action.COUNSEL, Action.PMT)
    assert "23,5" in measured.messages[0].text("id")

    for desk in (Desk.RECORDING, Desk.HEALTH_SERVICE, Desk.COUNSELLING):
        pass_desk(db, cadre_id=post.cadre.id, arrival_id=mother.id, desk=desk).unwrap()
    (_child, after) = results_today(db, day.id, today=TODAY)
    assert after.passed(Desk.COUNSELLING) and not _child.passed(Desk.COUNSELLING)
    passed = dict(day_overview(db, posyandu_id=post.posyandu_id, today=TODAY).passed)
    assert passed[Desk.RECORDING] == passed[Desk.COUNSELLING] == 1
    # Registering passes the first desk: two arrivals, two through registration.
    assert passed[Desk.REGISTRATION] == 2
    assert child.queue_number == 1

"""Desks 3-5 on a real registry: today's visitors with what was found, what to do and the
message to say, and the desks they pass."""

from __future__ import annotations

from datetime import UTC, date, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.counselling import Action, Situation
from posyandu_desktop.domain.early_warning import RiskReason
from posyandu_desktop.domain.growth.curves import value_for_age
from posyandu_desktop.domain.growth.zscore import Indicator, Position
from posyandu_desktop.domain.ids import DayId
from posyandu_desktop.domain.measurement import BloodPressure, MeasuredValues, Reading
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.services import Desk
from posyandu_desktop.services.day import day_overview, pass_desk, results_today
from posyandu_desktop.services.people import advice, stunting_risks
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


def test_a_child_on_the_early_warning_list_gets_its_message_at_the_counselling_desk(
    db, post, standards
):
    def measure(on: date, haz: float, day_id: DayId | None = None) -> None:
        age = Age.between(post.child.birth_date, on)
        assert age is not None
        length = value_for_age(standards, Indicator.LENGTH_HEIGHT_FOR_AGE, Sex.MALE, age, haz)
        assert length is not None
        services.record_measurement(
            db,
            cadre_id=post.cadre.id,
            person_id=post.child.id,
            measured_on=on,
            day_id=day_id,
            values=MeasuredValues(lenhei_cm=Reading(round(length, 1)), position=Position.LYING),
            today=TODAY,
        ).unwrap()

    # Length-for-age falls from -0.7 to -1.3 SD within six months: on the list, not stunted.
    measure(date(2025, 10, 10), -0.7)
    measure(date(2025, 12, 10), -1.0)
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id, now=NOW
    ).unwrap()
    measure(TODAY, -1.3, day.id)

    (result,) = results_today(db, day.id, today=TODAY)
    (risk_message,) = (m for m in result.messages if m.situation is RiskReason.LENGTH_FALLING)
    assert result.messages[-1] is risk_message  # after today's findings
    assert "lauk hewani" in risk_message.text("id")
    assert risk_message.source == "docs/sources/early-warning.md#counselling"
    assert Action.COUNSEL in result.actions
    (listed,) = stunting_risks(db, today=TODAY)  # the same words as the profile's banner
    assert advice(listed.risk)[0] is risk_message

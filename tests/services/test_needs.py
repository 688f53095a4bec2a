"""The registration desk's card: weighing this month, vitamin A, Buku KIA immunisations."""

from datetime import UTC, date, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services import MeasuredValues, Problem, Reading
from posyandu_desktop.services.people import needs_today
from tests.store.helpers import TODAY

# TODAY is 10 February 2026, a vitamin A month; Ahmad was born on 15 March 2025 (10 months).


def test_a_child_not_yet_seen_this_month_needs_everything(db, post):
    needs = needs_today(db, post.child.id, today=TODAY).unwrap()
    assert needs.person.name == "Ahmad Fauzi"
    assert (needs.person.mother_name, needs.person.rt, needs.person.rw) == ("Siti Aminah", 3, 5)
    assert (needs.age_months, needs.life_stage) == (10, LifeStage.UNDER_FIVE)
    assert needs.age_days == (TODAY - post.child.birth_date).days
    assert (needs.last_weighing, needs.weighed_this_month) == (None, False)
    assert needs.vitamin_a_due is VitaminACapsule.BLUE  # 6-11 months
    assert not needs.vitamin_a_given_this_month
    assert needs.check_immunisation and needs.immunisations == ()
    assert needs.arrival is None


def test_weighed_and_given_vitamin_a_this_month(db, post):
    cadre = post.cadre.id
    services.record_measurement(
        db,
        cadre_id=cadre,
        person_id=post.child.id,
        measured_on=date(2026, 1, 20),
        values=MeasuredValues(weight_kg=Reading(8.6)),
        today=TODAY,
    ).unwrap()
    needs = needs_today(db, post.child.id, today=TODAY).unwrap()
    assert needs.last_weighing is not None and needs.last_weighing.weight_kg == 8.6
    assert not needs.weighed_this_month  # January's weighing is last month's

    services.record_measurement(
        db,
        cadre_id=cadre,
        person_id=post.child.id,
        measured_on=TODAY,
        values=MeasuredValues(weight_kg=Reading(8.9)),
        today=TODAY,
    ).unwrap()
    services.record_service(
        db,
        cadre_id=cadre,
        person_id=post.child.id,
        kind=ServiceKind.VITAMIN_A,
        given_on=TODAY,
        today=TODAY,
    ).unwrap()
    needs = needs_today(db, post.child.id, today=TODAY).unwrap()
    assert needs.last_weighing is not None
    assert (needs.last_weighing.on, needs.last_weighing.weight_kg) == (TODAY, 8.9)
    assert needs.weighed_this_month
    assert needs.vitamin_a_due is None and needs.vitamin_a_given_this_month


def test_immunisations_from_the_kia_book_newest_first(db, post):
    for on, detail in ((date(2025, 5, 15), "DPT-HB-Hib 1"), (date(2025, 6, 15), "DPT-HB-Hib 2")):
        services.record_service(
            db,
            cadre_id=post.cadre.id,
            person_id=post.child.id,
            kind=ServiceKind.IMMUNISATION,
            given_on=on,
            detail=detail,
            from_kia_book=True,
            today=TODAY,
        ).unwrap()
    needs = needs_today(db, post.child.id, today=TODAY).unwrap()
    assert [(i.given_on, i.detail) for i in needs.immunisations] == [
        (date(2025, 6, 15), "DPT-HB-Hib 2"),
        (date(2025, 5, 15), "DPT-HB-Hib 1"),
    ]


def test_the_card_shows_todays_queue_number(db, post):
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    services.register_arrival(
        db,
        cadre_id=post.cadre.id,
        day_id=day.id,
        person_id=post.child.id,
        now=datetime(2026, 2, 10, 1, 30, tzinfo=UTC),
    ).unwrap()
    needs = needs_today(db, post.child.id, today=TODAY, day_id=day.id).unwrap()
    assert needs.arrival is not None and needs.arrival.queue_number == 1


def test_an_adult_needs_no_capsule_and_no_immunisation_reminder(db, post):
    needs = needs_today(db, post.mother.id, today=TODAY).unwrap()
    assert needs.life_stage is LifeStage.ADULT
    assert needs.vitamin_a_due is None and not needs.check_immunisation


def test_vitamin_a_only_in_february_and_august(db, post):
    needs = needs_today(db, post.child.id, today=date(2026, 3, 16)).unwrap()
    assert needs.vitamin_a_due is None


def test_an_unknown_person_is_refused(db, post):
    outcome = needs_today(db, PersonId(9999), today=TODAY)
    assert [i.problem for i in outcome.problems] == [Problem.PERSON_NOT_FOUND]

"""The first run saves the Posyandu and its cadres together; today's overview counts the desks."""

from datetime import UTC, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, Desk, TrainingGrade, Venue
from posyandu_desktop.services.cadres import list_cadres_for_login
from posyandu_desktop.services.day import day_overview, this_posyandu
from posyandu_desktop.services.setup import FirstCadre, set_up_first_run
from tests.store.helpers import TODAY

NOW = datetime(2026, 2, 10, 1, 0, tzinfo=UTC)


def test_the_posyandu_and_its_cadres_are_saved_with_one_coordinator(db):
    outcome = set_up_first_run(
        db,
        name="Posyandu Melati",
        code="6474-MEL-01",
        venue=Venue.OWN_BUILDING,
        kota="Bontang",
        cadres=[
            FirstCadre("Siti Aminah", CadreRole.CHAIR, "0812", TrainingGrade.UTAMA),
            FirstCadre("Rina Wati", CadreRole.MEMBER, is_coordinator=True),
        ],
    )
    run = outcome.unwrap()
    assert this_posyandu(db) == run.posyandu
    listed = list_cadres_for_login(db, posyandu_id=run.posyandu.id)
    assert [(c.name, c.is_coordinator) for c in listed] == [
        ("Rina Wati", True),
        ("Siti Aminah", False),
    ]


def test_without_a_chosen_coordinator_the_first_cadre_coordinates(db):
    run = set_up_first_run(
        db,
        name="Posyandu Melati",
        code="X",
        venue=Venue.OTHER,
        cadres=[FirstCadre("Rina Wati", CadreRole.MEMBER), FirstCadre("Ani", CadreRole.MEMBER)],
    ).unwrap()
    listed = list_cadres_for_login(db, posyandu_id=run.posyandu.id)
    assert {c.name for c in listed if c.is_coordinator} == {"Rina Wati"}


def test_a_refused_first_run_saves_nothing(db):
    outcome = set_up_first_run(
        db,
        name="Posyandu Melati",
        code="X",
        venue=Venue.OTHER,
        cadres=[FirstCadre("", CadreRole.MEMBER)],
    )
    assert [(i.problem, i.field) for i in outcome.problems] == [(Problem.REQUIRED, "cadres")]
    assert this_posyandu(db) is None
    assert (
        set_up_first_run(db, name="P", code="X", venue=Venue.OTHER, cadres=[]).problems[0].field
        == "cadres"
    )


def test_todays_overview_counts_arrivals_per_desk_passed(db, post):
    empty = day_overview(db, posyandu_id=post.posyandu_id, today=TODAY)
    assert empty.day is None and empty.counts.arrivals == 0
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, now=NOW,
        today=TODAY,
    ).unwrap()  # fmt: skip
    for person in (post.mother, post.child):
        arrival = services.register_arrival(
            db, cadre_id=post.cadre.id, day_id=day.id, person_id=person.id, now=NOW
        ).unwrap()
        services.pass_desk(
            db, cadre_id=post.cadre.id, arrival_id=arrival.id, desk=Desk.REGISTRATION
        )
    services.pass_desk(db, cadre_id=post.cadre.id, arrival_id=arrival.id, desk=Desk.MEASURING)

    overview = day_overview(db, posyandu_id=post.posyandu_id, today=TODAY)

    assert overview.day == day and overview.counts.arrivals == 2
    passed = dict(overview.passed)
    assert (passed[Desk.REGISTRATION], passed[Desk.MEASURING], passed[Desk.COUNSELLING]) == (
        2,
        1,
        0,
    )
    assert [desk for desk, _n in overview.passed] == list(Desk)

"""Who may do what: a name without a PIN belongs to nobody who merely picks it; only a
coordinator resets PINs or gives one-time codes; wrong PINs are counted in the registry."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from posyandu_desktop import services
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, Venue
from posyandu_desktop.services import Database, cadres
from posyandu_desktop.services.setup import FirstCadre, set_up_first_run
from posyandu_desktop.store.queries import audit
from tests.store.helpers import Post

NOW = datetime(2026, 12, 7, 8, 0).astimezone()


def _member(db: Database, post: Post) -> int:
    return (
        services.register_cadre(
            db, posyandu_id=post.posyandu_id, name="Rina Wati", role=CadreRole.MEMBER
        )
        .unwrap()
        .id
    )


def test_the_wizard_gives_the_coordinator_her_pin(db: Database) -> None:
    run = set_up_first_run(
        db,
        name="Posyandu Melati",
        code="6474-MEL",
        venue=Venue.OTHER,
        cadres=[FirstCadre("Siti Aminah", CadreRole.CHAIR), FirstCadre("Rina", CadreRole.MEMBER)],
        coordinator_pin="2468",
    ).unwrap()
    siti, rina = run.cadres
    assert cadres.check_pin(db, siti.id, "2468")
    assert cadres.first_pin(db, posyandu_id=run.posyandu.id, cadre_id=rina.id) is (
        cadres.FirstPin.NEEDS_CODE
    )
    assert (
        set_up_first_run(
            db,
            name="P",
            code="Y",
            venue=Venue.OTHER,
            cadres=[FirstCadre("A", CadreRole.CHAIR)],
            coordinator_pin="12",
        )
        .problems[0]
        .problem
        is Problem.OUT_OF_RANGE
    )


def test_a_cadre_cannot_set_a_first_pin_without_the_coordinators_code(
    db: Database, post: Post
) -> None:
    rina = _member(db, post)
    cadres.set_pin(db, post.cadre.id, "2468").unwrap()  # the coordinator (the chair) has hers
    took = cadres.set_first_pin(
        db, posyandu_id=post.posyandu_id, cadre_id=rina, pin="1111", now=NOW
    )
    assert not took.ok and took.problems[0].problem is Problem.WRONG_CODE
    assert cadres.needs_pin(db, rina)

    code = cadres.give_one_time_code(
        db, posyandu_id=post.posyandu_id, cadre_id=rina, by_cadre_id=post.cadre.id
    ).unwrap()
    assert len(code) == cadres.CODE_DIGITS and code.isdigit()
    cadres.set_first_pin(
        db, posyandu_id=post.posyandu_id, cadre_id=rina, pin="1357", code=code, now=NOW
    ).unwrap()
    assert cadres.check_pin(db, rina, "1357")
    # The code is used up: it cannot set the PIN again after a reset by someone else.
    again = cadres.set_first_pin(
        db, posyandu_id=post.posyandu_id, cadre_id=rina, pin="9999", code=code, now=NOW
    )
    assert not again.ok and again.problems[0].problem is Problem.PIN_ALREADY_SET


def test_only_a_coordinator_resets_pins_or_gives_codes_and_it_is_audited(
    db: Database, post: Post
) -> None:
    rina = _member(db, post)
    cadres.set_pin(db, rina, "1357").unwrap()
    cadres.set_pin(db, post.cadre.id, "2468").unwrap()
    by_member = cadres.reset_pin(db, cadre_id=post.cadre.id, by_cadre_id=rina)
    assert not by_member.ok and by_member.problems[0].problem is Problem.COORDINATOR_ONLY
    code = cadres.give_one_time_code(
        db, posyandu_id=post.posyandu_id, cadre_id=post.cadre.id, by_cadre_id=rina
    )
    assert not code.ok and cadres.check_pin(db, post.cadre.id, "2468")

    cadres.give_one_time_code(
        db, posyandu_id=post.posyandu_id, cadre_id=rina, by_cadre_id=post.cadre.id
    ).unwrap()
    assert cadres.needs_pin(db, rina)  # a code also resets a forgotten PIN
    with db.reading() as tx:
        trail = audit.trail(tx, "cadre", rina)
    changes = [json.loads(e.changes) if isinstance(e.changes, str) else e.changes for e in trail]
    assert {"one_time_code": "issued"} in changes
    assert all(e.cadre_id == post.cadre.id for e in trail[-2:])


def test_wrong_pins_are_counted_across_calls_with_growing_waits(db: Database, post: Post) -> None:
    cadres.set_pin(db, post.cadre.id, "2468").unwrap()
    for n in range(1, cadres.MAX_TRIES):
        tried = cadres.attempt_login(db, post.cadre.id, "0000", now=NOW)
        assert (tried.ok, tried.tries_left, tried.wait_s) == (False, cadres.MAX_TRIES - n, 0)
    fifth = cadres.attempt_login(db, post.cadre.id, "0000", now=NOW)
    assert fifth.wait_s == cadres.FIRST_WAIT_S
    # The right PIN during the wait is not even checked.
    assert not cadres.attempt_login(db, post.cadre.id, "2468", now=NOW).ok
    later = NOW + timedelta(seconds=cadres.FIRST_WAIT_S)
    assert (
        cadres.attempt_login(db, post.cadre.id, "0000", now=later).wait_s == 2 * cadres.FIRST_WAIT_S
    )
    much_later = later + timedelta(hours=1)
    assert cadres.attempt_login(db, post.cadre.id, "2468", now=much_later).ok
    assert cadres.attempt_login(db, post.cadre.id, "0000", now=much_later).tries_left == 4


def test_a_wait_set_under_a_clock_far_ahead_does_not_lock_her_out(db: Database, post: Post) -> None:
    cadres.set_pin(db, post.cadre.id, "2468").unwrap()
    ahead = NOW + timedelta(days=365)
    for _ in range(cadres.MAX_TRIES):
        cadres.attempt_login(db, post.cadre.id, "0000", now=ahead)
    assert cadres.attempt_login(db, post.cadre.id, "2468", now=NOW).ok

"""PINs (salted scrypt, never in clear, never in the audit trail), the login list, coordinators."""

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole
from posyandu_desktop.services import Database, cadres
from posyandu_desktop.store.queries import audit
from posyandu_desktop.store.queries import cadres as auth_queries


def _stored_hash(db: Database, cadre_id: int) -> str:
    with db.reading() as tx:
        stored = auth_queries.pin_hash(tx, cadre_id)
    assert stored is not None
    return stored


def test_a_first_login_sets_the_pin_and_later_logins_check_it(db, post):
    cadre_id = post.cadre.id
    assert cadres.needs_pin(db, cadre_id)
    assert not cadres.check_pin(db, cadre_id, "1234")  # no PIN yet: nobody gets in

    assert cadres.set_pin(db, cadre_id, "1234").ok

    assert not cadres.needs_pin(db, cadre_id)
    assert cadres.check_pin(db, cadre_id, "1234")
    assert not cadres.check_pin(db, cadre_id, "1235")
    assert not cadres.check_pin(db, cadre_id, "")


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "", "١٢٣٤", " 1234"])
def test_a_pin_is_four_to_six_ascii_digits(db, post, pin):
    outcome = cadres.set_pin(db, post.cadre.id, pin)
    assert [i.problem for i in outcome.problems] == [Problem.OUT_OF_RANGE]
    assert cadres.needs_pin(db, post.cadre.id)


def test_pins_are_salted_scrypt_hashes_and_never_stored_or_audited_in_clear(db, post):
    other = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Rina", role=CadreRole.MEMBER
    ).unwrap()
    cadres.set_pin(db, post.cadre.id, "246810").unwrap()
    cadres.set_pin(db, other.id, "246810").unwrap()

    first, second = _stored_hash(db, post.cadre.id), _stored_hash(db, other.id)
    assert first.startswith("scrypt$16384$8$1$")
    assert first != second  # each has its own salt
    assert "246810" not in first
    with db.reading() as tx:
        trail = audit.trail(tx, "cadre", post.cadre.id)
    changes = [event.changes for event in trail]
    assert {"pin_hash": "changed"} in changes
    assert first not in str(changes)


def test_a_changed_pin_replaces_the_old_one(db, post):
    cadres.set_pin(db, post.cadre.id, "1111").unwrap()
    cadres.set_pin(db, post.cadre.id, "2222").unwrap()
    assert cadres.check_pin(db, post.cadre.id, "2222")
    assert not cadres.check_pin(db, post.cadre.id, "1111")


def test_a_cadre_who_left_cannot_log_in(db, post):
    cadres.set_pin(db, post.cadre.id, "1234").unwrap()
    services.set_cadre_active(db, cadre_id=post.cadre.id, active=False).unwrap()
    assert not cadres.check_pin(db, post.cadre.id, "1234")
    assert cadres.list_cadres_for_login(db, posyandu_id=post.posyandu_id) == ()


def test_a_damaged_hash_lets_nobody_in(db, post):
    with db.transaction() as tx:
        auth_queries.set_pin_hash(tx, post.cadre.id, "scrypt$not$a$hash")
    assert not cadres.check_pin(db, post.cadre.id, "1234")


def test_the_login_list_shows_active_cadres_by_name_with_their_pin_state(db, post):
    zaenab = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Zaenab", role=CadreRole.MEMBER
    ).unwrap()
    ani = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Ani", role=CadreRole.TREASURER
    ).unwrap()
    cadres.set_pin(db, ani.id, "1234").unwrap()

    listed = cadres.list_cadres_for_login(db, posyandu_id=post.posyandu_id)

    assert [(c.name, c.has_pin) for c in listed] == [
        ("Ani", True),
        ("Sri Wahyuni", False),
        ("Zaenab", False),
    ]
    assert zaenab.id in {c.id for c in listed}


def test_the_chair_coordinates_until_someone_is_marked_coordinator(db, post):
    member = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Rina", role=CadreRole.MEMBER
    ).unwrap()
    chair = post.cadre.id
    assert cadres.is_coordinator(db, posyandu_id=post.posyandu_id, cadre_id=chair)
    assert not cadres.is_coordinator(db, posyandu_id=post.posyandu_id, cadre_id=member.id)

    cadres.set_coordinator(db, cadre_id=member.id, is_coordinator=True, by_cadre_id=chair).unwrap()

    assert cadres.is_coordinator(db, posyandu_id=post.posyandu_id, cadre_id=member.id)
    assert not cadres.is_coordinator(db, posyandu_id=post.posyandu_id, cadre_id=chair)


def test_set_coordinator_refuses_an_unknown_cadre(db, post):
    outcome = cadres.set_coordinator(db, cadre_id=999, is_coordinator=True)
    assert [i.problem for i in outcome.problems] == [Problem.CADRE_NOT_FOUND]


def test_a_forgotten_pin_is_reset_and_set_again_at_the_next_login(db, post):
    cadres.set_pin(db, post.cadre.id, "1234").unwrap()
    cadres.reset_pin(db, cadre_id=post.cadre.id, by_cadre_id=post.cadre.id).unwrap()
    assert cadres.needs_pin(db, post.cadre.id)
    assert not cadres.check_pin(db, post.cadre.id, "1234")

"""The person's life on a real registry: leaving, a pregnancy's start and end, and the baby
registered with the birth; each audited, refusals write nothing."""

from __future__ import annotations

import sqlite3
from datetime import date

from posyandu_desktop.domain.life_events import LeftReason, PregnancyEnd
from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services.people import end_pregnancy, mark_left, start_pregnancy
from posyandu_desktop.services.registration import NewPerson
from posyandu_desktop.store import Database
from tests.store.helpers import TODAY, Post


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db.path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_moved_away_is_kept_with_date_reason_and_audit(db: Database, post: Post) -> None:
    left = mark_left(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        on=TODAY,
        reason=LeftReason.MOVED,
        today=TODAY,
    ).unwrap()
    assert (left.left_on, left.left_reason) == (TODAY, LeftReason.MOVED)
    assert _rows(db, f"SELECT left_on, left_reason FROM person WHERE id = {post.child.id}") == [
        (TODAY.isoformat(), "moved")
    ]
    (reason,) = _rows(
        db,
        "SELECT reason FROM audit_event WHERE table_name = 'person' AND action = 'update'"
        f" AND row_id = {post.child.id}",
    )
    assert reason == ("left: moved",)
    again = mark_left(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        on=TODAY,
        reason=LeftReason.DIED,
        today=TODAY,
    )
    assert [i.problem for i in again.problems] == [Problem.ALREADY_LEFT]
    future = mark_left(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        on=date(2099, 1, 1),
        reason=LeftReason.DIED,
        today=TODAY,
    )
    assert [i.problem for i in future.problems] == [Problem.DATE_IN_FUTURE]


def test_a_pregnancy_from_start_to_birth_registers_the_baby(db: Database, post: Post) -> None:
    woman = start_pregnancy(
        db, cadre_id=post.cadre.id, person_id=post.mother.id, today=TODAY
    ).unwrap()
    assert woman.pregnant
    assert life_stage(woman.birth_date, TODAY, pregnant=True) is LifeStage.PREGNANT_OR_POSTPARTUM
    twice = start_pregnancy(db, cadre_id=post.cadre.id, person_id=post.mother.id, today=TODAY)
    assert [i.problem for i in twice.problems] == [Problem.ALREADY_PREGNANT]
    man = start_pregnancy(db, cadre_id=post.cadre.id, person_id=post.child.id, today=TODAY)
    assert Problem.NOT_FEMALE in [i.problem for i in man.problems]

    baby = end_pregnancy(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        on=TODAY,
        how=PregnancyEnd.DELIVERED,
        baby=NewPerson("Bayi Siti Aminah", Sex.FEMALE, date(2000, 1, 1), birth_weight_kg=3.2),
        today=TODAY,
    ).unwrap()
    assert (baby.birth_date, baby.mother_id, baby.household_id) == (
        TODAY,
        post.mother.id,
        post.household.id,
    )
    (mother,) = _rows(db, f"SELECT pregnant, delivered_on FROM person WHERE id = {post.mother.id}")
    assert mother == (0, TODAY.isoformat())


def test_a_refused_baby_leaves_the_pregnancy_as_it_was(db: Database, post: Post) -> None:
    start_pregnancy(db, cadre_id=post.cadre.id, person_id=post.mother.id, today=TODAY).unwrap()
    before = _rows(db, "SELECT count(*) FROM person")
    refused = end_pregnancy(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        on=TODAY,
        how=PregnancyEnd.DELIVERED,
        baby=NewPerson("", Sex.MALE, TODAY),
        today=TODAY,
    )
    assert [(i.problem, i.field) for i in refused.problems] == [(Problem.REQUIRED, "baby_name")]
    assert _rows(db, "SELECT count(*) FROM person") == before
    assert _rows(db, f"SELECT pregnant FROM person WHERE id = {post.mother.id}") == [(1,)]
    lost = end_pregnancy(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        on=TODAY,
        how=PregnancyEnd.LOST,
        today=TODAY,
    ).unwrap()
    assert (lost.pregnant, lost.delivered_on) == (False, None)

"""Registering the Posyandu, cadres, households and people; duplicates; refusals write nothing."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade, Venue
from posyandu_desktop.services import Issue, Outcome, Problem
from posyandu_desktop.services.day import household_of
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import PersonRecord
from tests.store.helpers import TODAY, Post, row_counts


def person(db: Database, post: Post, **changes: Any) -> Outcome[PersonRecord]:
    fields = {
        "cadre_id": post.cadre.id,
        "name": "Dewi Lestari",
        "sex": Sex.FEMALE,
        "birth_date": date(2025, 6, 1),
        "household_id": post.household.id,
        "mother_id": post.mother.id,
        "today": TODAY,
    }
    return services.register_person(db, **{**fields, **changes})


def test_a_person_is_registered_with_links_and_a_clean_name(db, post):
    saved = person(db, post, name="  dewi   Lestari ", birth_weight_kg=2.9).unwrap()
    assert saved.name == "dewi Lestari"
    assert (saved.mother_id, saved.household_id, saved.birth_weight_kg) == (
        post.mother.id,
        post.household.id,
        2.9,
    )


def test_a_registered_nik_is_refused(db, post):
    before = row_counts(db.path)
    refused = person(db, post, nik="6474 0142 0496 0003")  # the mother's, typed with spaces
    assert refused.problems == (Issue(Problem.NIK_TAKEN, "nik", post.mother.id),)
    assert row_counts(db.path) == before


def test_same_name_birth_date_and_mother_is_a_possible_duplicate(db, post):
    first = person(db, post).unwrap()
    before = row_counts(db.path)
    again = person(db, post, name="DEWI  lestari")
    assert again.problems == (Issue(Problem.POSSIBLE_DUPLICATE, "name", first.id),)
    assert row_counts(db.path) == before
    assert person(db, post, not_a_duplicate=True).ok  # the cadre checked: a different child


def test_the_same_name_and_birth_date_with_another_mother_is_not_a_duplicate(db, post):
    person(db, post).unwrap()
    other_mother = services.register_person(
        db,
        cadre_id=post.cadre.id,
        name="Rina",
        sex=Sex.FEMALE,
        birth_date=date(1999, 1, 1),
        today=TODAY,
    ).unwrap()
    assert person(db, post, mother_id=other_mother.id).ok


def test_nik_disagreeing_with_birth_date_and_sex_is_saved_with_warnings(db, post):
    saved = person(db, post, nik="6474010106250004", sex=Sex.FEMALE, birth_date=date(2025, 6, 2))
    assert saved.ok
    assert {w.problem for w in saved.warnings} == {
        Problem.NIK_BIRTH_DATE_DIFFERS,
        Problem.NIK_SEX_DIFFERS,  # day 01 is a man's NIK; a woman's would say 41
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": "  "}, Issue(Problem.REQUIRED, "name")),
        ({"name": "x" * 101}, Issue(Problem.TOO_LONG, "name", 100)),
        ({"nik": "12345"}, Issue(Problem.NIK_INVALID, "nik", "wrong_length")),
        ({"mother_nik": "64740A"}, Issue(Problem.NIK_INVALID, "mother_nik", "not_digits")),
        (
            {"birth_date": date(2026, 2, 11)},
            Issue(Problem.DATE_IN_FUTURE, "birth_date", "2026-02-11"),
        ),
        ({"birth_weight_kg": 31.0}, Issue(Problem.OUT_OF_RANGE, "birth_weight_kg", 31.0)),
        ({"sex": Sex.MALE, "pregnant": True}, Issue(Problem.NOT_FEMALE, "pregnant")),
        ({"mother_id": 999}, Issue(Problem.PERSON_NOT_FOUND, "mother_id", 999)),
        ({"household_id": 999}, Issue(Problem.HOUSEHOLD_NOT_FOUND, "household_id", 999)),
        ({"cadre_id": 999}, Issue(Problem.CADRE_NOT_FOUND, "cadre_id", 999)),
    ],
)
def test_invalid_input_is_refused_and_nothing_is_written(db, post, changes, expected):
    before = row_counts(db.path)
    refused = person(db, post, **changes)
    assert refused.problems == (expected,)
    assert refused.value is None and not refused.ok
    assert row_counts(db.path) == before


def test_a_mother_must_be_a_woman(db, post):
    father = services.register_person(
        db, cadre_id=post.cadre.id, name="Budi", sex=Sex.MALE, birth_date=date(1990, 1, 1)
    ).unwrap()
    refused = person(db, post, mother_id=father.id)
    assert refused.problems == (Issue(Problem.NOT_FEMALE, "mother_id", father.id),)


def test_all_field_problems_are_reported_at_once(db, post):
    refused = person(db, post, name="", birth_weight_kg=0.0, nik="1")
    assert {p.field for p in refused.problems} == {"name", "birth_weight_kg", "nik"}


def test_an_inactive_cadre_cannot_register(db, post):
    services.set_cadre_active(db, cadre_id=post.cadre.id, active=False).unwrap()
    refused = person(db, post)
    assert refused.problems == (Issue(Problem.CADRE_INACTIVE, "cadre_id", post.cadre.id),)


def test_households_check_rt_and_rw(db, post):
    refused = services.register_household(
        db, cadre_id=post.cadre.id, head_name="Joko", rt=0, rw=1000
    )
    assert refused.problems == (
        Issue(Problem.OUT_OF_RANGE, "rt", 0),
        Issue(Problem.OUT_OF_RANGE, "rw", 1000),
    )


def test_a_pregnancy_is_recorded_for_a_woman_only(db, post):
    pregnant = services.record_pregnancy(
        db, cadre_id=post.cadre.id, person_id=post.mother.id, pregnant=True, today=TODAY
    ).unwrap()
    assert pregnant.pregnant
    refused = services.record_pregnancy(
        db, cadre_id=post.cadre.id, person_id=post.child.id, pregnant=True, today=TODAY
    )
    assert refused.problems == (Issue(Problem.NOT_FEMALE, "person_id", post.child.id),)


def test_posyandu_codes_and_cadre_niks_are_unique(db, post):
    again = services.set_up_posyandu(db, name="Posyandu Lain", code="6474-MEL", venue=Venue.OTHER)
    assert again.problems == (Issue(Problem.CODE_TAKEN, "code", post.posyandu_id),)
    cadre = services.register_cadre(
        db,
        posyandu_id=post.posyandu_id,
        name="Rahma",
        role=CadreRole.MEMBER,
        nik="6474015506900001",
        training_grade=TrainingGrade.MADYA,
        bpjs_ketenagakerjaan="12345678901",
        today=TODAY,
    ).unwrap()
    assert (cadre.training_grade, cadre.bpjs_ketenagakerjaan) == (
        TrainingGrade.MADYA,
        "12345678901",
    )
    twice = services.register_cadre(
        db,
        posyandu_id=post.posyandu_id,
        name="Rahma lagi",
        role=CadreRole.MEMBER,
        nik="6474015506900001",
        today=TODAY,
    )
    assert twice.problems == (Issue(Problem.NIK_TAKEN, "nik", cadre.id),)


def test_certificates_belong_to_a_cadre(db, post):
    services.add_cadre_certificate(
        db, cadre_id=post.cadre.id, title="Pelatihan Kader Utama", issued_on=date(2025, 9, 1)
    ).unwrap()
    assert services.add_cadre_certificate(
        db, cadre_id=99, title="x", issued_on=date(2025, 9, 1)
    ).problems == (Issue(Problem.CADRE_NOT_FOUND, "cadre_id", 99),)


BABY = services.NewPerson(name="Putri Ayu", sex=Sex.FEMALE, birth_date=date(2025, 11, 2))
NEW_MOTHER = services.NewPerson(name="Rina Wati", sex=Sex.FEMALE, birth_date=date(1999, 8, 9))
NEW_HOUSEHOLD = services.NewHousehold(head_name="Joko Susilo", address="Jl. Mawar 2", rt=4, rw=5)


def newcomer(db: Database, post: Post, **changes: Any) -> Outcome[PersonRecord]:
    fields = {
        "cadre_id": post.cadre.id,
        "person": BABY,
        "household": NEW_HOUSEHOLD,
        "mother": NEW_MOTHER,
        "today": TODAY,
    }
    return services.register_newcomer(db, **{**fields, **changes})


def test_a_newborn_with_a_new_mother_and_household_is_saved_together(db, post):
    before = row_counts(db.path)
    baby = newcomer(db, post).unwrap()
    after = row_counts(db.path)
    assert (after["household"] - before["household"], after["person"] - before["person"]) == (1, 2)
    assert baby.mother_id is not None and baby.household_id not in (None, post.household.id)
    home = household_of(db, baby.mother_id)
    assert home is not None and (home.id, home.head_name) == (baby.household_id, "Joko Susilo")


@pytest.mark.parametrize(
    "changes, expected",
    [
        # Found inside the transaction, after the household and the mother were added.
        (
            {"person": replace(BABY, nik="6474014204960003")},
            Issue(Problem.NIK_TAKEN, "nik"),
        ),
        ({"household": services.NewHousehold("Joko", rt=1000)}, Issue(Problem.OUT_OF_RANGE, "rt")),
    ],
)
def test_a_refused_newborn_leaves_no_household_and_no_mother(db, post, changes, expected):
    before = row_counts(db.path)
    refused = newcomer(db, post, **changes)
    assert [(i.problem, i.field) for i in refused.problems] == [(expected.problem, expected.field)]
    assert row_counts(db.path) == before


def test_a_registered_mother_is_used_not_refused(db, post):
    by_nik = services.NewPerson("Siti A.", Sex.FEMALE, date(1996, 4, 2), nik="6474014204960003")
    by_name = services.NewPerson("siti  aminah", Sex.FEMALE, date(1996, 4, 2))
    for baby_name, mother in (("Putri Ayu", by_nik), ("Nur Aini", by_name)):
        before = row_counts(db.path)
        baby = newcomer(db, post, person=replace(BABY, name=baby_name), mother=mother)
        assert baby.unwrap().mother_id == post.mother.id
        assert row_counts(db.path)["person"] == before["person"] + 1  # the baby only


def test_a_new_mothers_problems_name_her_fields_and_write_nothing(db, post):
    before = row_counts(db.path)
    bad = services.NewPerson("Rina", Sex.FEMALE, date(2030, 1, 1), nik="123")
    refused = newcomer(db, post, mother=bad)
    fields = {i.field for i in refused.problems}
    assert fields == {"mother_birth_date", "mother_nik"}
    assert row_counts(db.path) == before

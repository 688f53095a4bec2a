"""Home visits (with what was measured there) and services given at the post."""

from datetime import date
from typing import Any

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.vocabulary import CadreRole, ServiceKind, VisitReason
from posyandu_desktop.services import Field, HomeVisitResult, Issue, Outcome, Problem
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, Reading
from tests.store.helpers import TODAY, Post, row_counts


def visit(db: Database, post: Post, **changes: Any) -> Outcome[HomeVisitResult]:
    fields = {
        "entered_by": post.cadre.id,
        "cadre_ids": [post.cadre.id],
        "visited_on": TODAY,
        "reason": VisitReason.ABSENT_FROM_WEIGHING,
        "person_id": post.child.id,
        "findings": "Anak demam, tidak datang ke posyandu",
        "follow_up": "Kunjungi lagi minggu depan",
        "today": TODAY,
    }
    return services.record_home_visit(db, **{**fields, **changes})


def test_a_home_visit_with_a_weighing(db, post):
    partner = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Rahma", role=CadreRole.MEMBER
    ).unwrap()
    result = visit(
        db,
        post,
        cadre_ids=[post.cadre.id, partner.id, post.cadre.id],
        values=MeasuredValues(weight_kg=Reading(8.6)),
    ).unwrap()
    assert result.visit.cadre_ids == (post.cadre.id, partner.id)
    assert result.visit.findings == "Anak demam, tidak datang ke posyandu"
    assert result.measurement is not None
    assert result.measurement.home_visit_id == result.visit.id
    assert result.measurement.day_id is None
    assert result.measurement.findings.waz is not None


def test_a_household_visit_without_measurements(db, post):
    result = visit(
        db, post, person_id=None, household_id=post.household.id, reason=VisitReason.NEW_BABY
    ).unwrap()
    assert (result.visit.household_id, result.measurement) == (post.household.id, None)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"cadre_ids": []}, Issue(Problem.NO_CADRES, Field.CADRE_IDS)),
        ({"person_id": None}, Issue(Problem.NO_ONE_VISITED, Field.PERSON_ID)),
        ({"cadre_ids": [404]}, Issue(Problem.CADRE_NOT_FOUND, Field.CADRE_IDS, 404)),
        ({"household_id": 404}, Issue(Problem.HOUSEHOLD_NOT_FOUND, Field.HOUSEHOLD_ID, 404)),
        (
            {"values": MeasuredValues(weight_kg=Reading(-1.0))},
            Issue(Problem.OUT_OF_RANGE, Field.WEIGHT_KG, -1.0),
        ),
        (
            {"person_id": None, "household_id": 1, "values": MeasuredValues(lila_cm=Reading(13))},
            Issue(Problem.REQUIRED, Field.PERSON_ID),
        ),
    ],
)
def test_a_refused_visit_writes_nothing(db, post, changes, expected):
    before = row_counts(db.path)
    assert visit(db, post, **changes).problems == (expected,)
    assert row_counts(db.path) == before


def test_vitamin_a_gets_the_capsule_for_the_childs_age(db, post):
    given = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,  # 10 months old on TODAY
        kind=ServiceKind.VITAMIN_A,
        given_on=TODAY,
        today=TODAY,
    ).unwrap()
    assert given.capsule is VitaminACapsule.BLUE


def test_vitamin_a_outside_6_to_59_months_needs_the_colour_chosen(db, post):
    refused = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        kind=ServiceKind.VITAMIN_A,
        given_on=TODAY,
        today=TODAY,
    )
    assert refused.problems == (Issue(Problem.CAPSULE_NEEDED, Field.CAPSULE),)
    nifas = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        kind=ServiceKind.VITAMIN_A,
        capsule=VitaminACapsule.RED,
        given_on=TODAY,
        today=TODAY,
    )
    assert nifas.ok


def test_other_services(db, post):
    given = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.IMMUNISATION,
        given_on=date(2025, 5, 15),
        detail="DPT-HB-Hib 1",
        from_kia_book=True,
        today=TODAY,
    ).unwrap()
    assert (given.detail, given.from_kia_book, given.capsule) == ("DPT-HB-Hib 1", True, None)
    wrong = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.DEWORMING,
        capsule=VitaminACapsule.RED,
        quantity=0,
        given_on=TODAY,
        today=TODAY,
    )
    assert wrong.problems == (
        Issue(Problem.OUT_OF_RANGE, Field.QUANTITY, 0),
        Issue(Problem.CAPSULE_ONLY_FOR_VITAMIN_A, Field.CAPSULE),
    )

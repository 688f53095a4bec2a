"""The life-stage questionnaires and the new service code on a real registry file."""

import sqlite3
from datetime import date

import pytest

from posyandu_desktop.domain.health_check import HealthFindings
from posyandu_desktop.domain.screenings import (
    BARTHEL_MAX,
    Dependency,
    ScreeningAnswers,
    Smoking,
    TbSymptom,
)
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.store.database import StorageError
from posyandu_desktop.store.queries import measurements, people
from tests.store.helpers import TODAY


def test_answers_and_results_come_back_as_saved(db, post):
    answers = ScreeningAnswers(
        tb=frozenset({TbSymptom.TB_CONTACT, TbSymptom.COUGH_2_WEEKS}),
        smoking=Smoking.FORMER,
        pack_years=22.5,
        puma=frozenset(),
        barthel=dict(BARTHEL_MAX),
    )
    findings = HealthFindings(
        tb_presumptive=True, puma_score=2, barthel_score=20, dependency=Dependency.INDEPENDENT
    )
    with db.transaction(cadre_id=post.cadre.id) as tx:
        saved = measurements.add_health_check(
            tx,
            person_id=post.mother.id,
            checked_on=TODAY,
            entered_by=post.cadre.id,
            answers=answers,
            findings=findings,
        )
    with db.reading() as tx:
        (back,) = measurements.health_checks_of(tx, post.mother.id)
    assert back == saved
    assert back.answers == answers
    assert (back.tb_presumptive, back.puma_score, back.dependency) == (
        True,
        2,
        Dependency.INDEPENDENT,
    )
    raw = sqlite3.connect(db.path).execute("SELECT tb_symptoms, puma_symptoms FROM health_check")
    assert raw.fetchone() == ("cough_2_weeks tb_contact", "")  # asked, nothing said yes


def test_a_barthel_score_outside_0_20_is_refused_by_the_file(db, post):
    with (
        pytest.raises(StorageError, match="barthel_score"),
        db.transaction(cadre_id=post.cadre.id) as tx,
    ):
        measurements.add_health_check(
            tx,
            person_id=post.mother.id,
            checked_on=TODAY,
            entered_by=post.cadre.id,
            answers=ScreeningAnswers(),
            findings=HealthFindings(barthel_score=21),
        )


def test_new_service_kinds_and_their_code_are_stored(db, post):
    with db.transaction(cadre_id=post.cadre.id) as tx:
        people.add_service(
            tx,
            person_id=post.mother.id,
            given_on=date(2026, 2, 1),
            kind=ServiceKind.FAMILY_PLANNING,
            entered_by=post.cadre.id,
            code="implant",
        )
    with db.reading() as tx:
        (given,) = people.services_of(tx, post.mother.id)
    assert (given.kind, given.code) == (ServiceKind.FAMILY_PLANNING, "implant")

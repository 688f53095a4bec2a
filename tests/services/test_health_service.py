"""The Pelayanan desk on a real registry file: the due list follows the schedule data, a service
is recorded with its code in one transaction, and today's measurement and questionnaires
suggest referrals until one is recorded."""

import sqlite3
from datetime import datetime

from posyandu_desktop import services
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.screenings import ReferralReason, ScreeningAnswers, TbSymptom
from posyandu_desktop.domain.services_due import DueService
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.services.health_service import ServiceDesk, service_desk
from posyandu_desktop.services.measuring import measure_at_desk
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import BloodPressure, MeasuredValues, Reading
from tests.store.helpers import TODAY, row_counts

NOW = datetime(2026, 2, 10, 8, 0).astimezone()


def _due(
    db: Database, person_id: int
) -> tuple[dict[tuple[ServiceKind, str], DueService], ServiceDesk]:
    desk = service_desk(db, PersonId(person_id), today=TODAY).unwrap()
    return {(d.kind, d.code): d for d in desk.due}, desk


def test_a_ten_month_old_in_february_is_due_a_blue_capsule_and_the_doses_of_the_schedule(db, post):
    due, desk = _due(db, post.child.id)  # born 2025-03-15: 10 months on 2026-02-10
    assert desk.age_months == 10 and desk.schedule.version.startswith("kemenkes-")
    assert (ServiceKind.VITAMIN_A, "blue") in due
    doses = [code for kind, code in due if kind is ServiceKind.IMMUNISATION]
    assert doses[:3] == ["hb0", "bcg", "opv1"] and {"pcv2", "rv3", "ipv2", "mr1"} <= set(doses)
    assert "pcv3" not in doses  # 12 months
    assert due[ServiceKind.IMMUNISATION, "hb0"].late
    assert (ServiceKind.DEWORMING, "albendazole") not in due  # from 12 months


def test_a_dose_copied_from_the_buku_kia_leaves_the_due_list(db, post):
    given = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.IMMUNISATION,
        given_on=TODAY,
        code="mr1",
        from_kia_book=True,
        today=TODAY,
    ).unwrap()
    assert (given.code, given.from_kia_book) == ("mr1", True)
    due, desk = _due(db, post.child.id)
    assert (ServiceKind.IMMUNISATION, "mr1") not in due
    assert [g.code for g in desk.doses_recorded] == ["mr1"]
    capsule = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.VITAMIN_A,
        given_on=TODAY,
        today=TODAY,
    ).unwrap()
    assert capsule.code == "blue"  # the colour for the age, stored as the code too
    assert (ServiceKind.VITAMIN_A, "blue") not in _due(db, post.child.id)[0]


def test_an_unknown_code_is_refused_and_nothing_is_written(db, post):
    before = row_counts(db.path)
    outcome = services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.IMMUNISATION,
        given_on=TODAY,
        code="mr9",
        today=TODAY,
    )
    assert not outcome.ok
    assert [i.problem for i in outcome.problems] == [Problem.SERVICE_CODE_UNKNOWN]
    assert row_counts(db.path) == before


def test_todays_measurement_and_questions_suggest_referrals_until_one_is_recorded(db, post):
    cadre = post.cadre.id
    day = services.open_posyandu_day(
        db, cadre_id=cadre, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY, now=NOW
    ).unwrap()
    arrival = services.register_arrival(
        db, cadre_id=cadre, day_id=day.id, person_id=post.mother.id, now=NOW
    ).unwrap()
    measure_at_desk(
        db,
        cadre_id=cadre,
        arrival_id=arrival.id,
        values=MeasuredValues(
            weight_kg=Reading(58.0),
            blood_pressure=BloodPressure(150, 95),
            cholesterol_mg_dl=Reading(250.0),
        ),
        answers=ScreeningAnswers(tb=frozenset({TbSymptom.COUGH_2_WEEKS})),
        today=TODAY,
    ).unwrap()
    rows = sqlite3.connect(db.path).execute(
        "SELECT h.tb_symptoms, h.tb_presumptive, m.cholesterol_mg_dl, m.cholesterol_source "
        "FROM health_check h JOIN measurement m ON m.id = h.measurement_id"
    )
    assert rows.fetchall() == [("cough_2_weeks", 1, 250.0, "typed")]
    _, desk = _due(db, post.mother.id)
    assert desk.referrals_suggested == (
        ReferralReason.TB_SYMPTOMS,
        ReferralReason.HYPERTENSION,
        ReferralReason.HIGH_CHOLESTEROL,
    )
    services.record_service(
        db,
        cadre_id=cadre,
        person_id=post.mother.id,
        kind=ServiceKind.REFERRAL,
        given_on=TODAY,
        code=ReferralReason.TB_SYMPTOMS.value,
        detail="Puskesmas Bontang Utara",
        day_id=day.id,
        today=TODAY,
    ).unwrap()
    _, desk = _due(db, post.mother.id)
    assert ReferralReason.TB_SYMPTOMS not in desk.referrals_suggested
    assert [(g.kind, g.code) for g in desk.given_today] == [(ServiceKind.REFERRAL, "tb_symptoms")]

"""The audit trail: one event per created, changed or deleted row, in the same transaction,
and append-only in the file itself."""

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from posyandu_desktop import services
from posyandu_desktop.domain.growth import Position
from posyandu_desktop.domain.health_check import HealthFindings
from posyandu_desktop.domain.screenings import ScreeningAnswers
from posyandu_desktop.domain.vocabulary import Desk, ServiceKind, VisitReason
from posyandu_desktop.store.queries import audit, exports, measurements, people
from posyandu_desktop.store.records import BloodPressure, MeasuredValues, Reading
from posyandu_desktop.store.tables import Base, CadreCertificate, Household
from tests.store.helpers import TODAY, row_counts

NOW = datetime(2026, 2, 10, 1, 0).astimezone()


def events(path: Path) -> list[dict[str, Any]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute("SELECT * FROM audit_event ORDER BY id")]
    finally:
        connection.close()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_event SET reason = 'tidied'", "DELETE FROM audit_event"],
)
def test_the_trail_is_append_only_for_any_program_that_opens_the_file(db, post, statement):
    before = events(db.path)
    connection = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(statement)
    finally:
        connection.close()
    assert events(db.path) == before != []


def test_create_update_and_delete_each_leave_one_event_with_who_and_why(db):
    with db.transaction(cadre_id=7) as tx:
        household = people.add_household(
            tx, head_name="Budi", address="", rt=1, rw=2, kelurahan="", phone=""
        )
    with db.transaction(cadre_id=8, reason="RT salah") as tx:
        row = tx.get_one(Household, household.id)
        row.rt = 4
    with db.transaction(cadre_id=9, reason="ganda") as tx:
        tx.delete(tx.get_one(Household, household.id))

    with db.reading() as tx:
        trail = audit.trail(tx, "household", household.id)
    assert [(e.action, e.cadre_id, e.reason) for e in trail] == [
        ("create", 7, None),
        ("update", 8, "RT salah"),
        ("delete", 9, "ganda"),
    ]
    assert trail[0].changes["head_name"] == "Budi"
    assert trail[1].changes == {"rt": [1, 4]}  # only what changed, old and new
    assert trail[2].changes["rt"] == 4  # the deleted row, as it was


def test_a_rolled_back_change_leaves_no_event(db):
    with pytest.raises(RuntimeError), db.transaction(cadre_id=1) as tx:
        people.add_household(tx, head_name="A", address="", rt=1, rw=1, kelurahan="", phone="")
        raise RuntimeError
    assert events(db.path) == []


def test_an_unchanged_row_leaves_no_event(db):
    with db.transaction() as tx:
        people.add_household(tx, head_name="A", address="", rt=1, rw=1, kelurahan="", phone="")
    with db.transaction() as tx:
        row = tx.scalars(select(Household)).one()
        row.rt = 1  # the same value
    assert [e["action"] for e in events(db.path)] == ["create"]


def test_every_row_of_every_table_has_its_create_event_after_a_posyandu_day(db, post):
    cadre = post.cadre.id
    services.add_cadre_certificate(
        db, cadre_id=cadre, title="Kader Madya", issued_on=date(2025, 8, 1), today=TODAY
    ).unwrap()
    day = services.open_posyandu_day(
        db, cadre_id=cadre, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY, now=NOW
    ).unwrap()
    services.record_cadre_attendance(
        db, recorded_by=cadre, day_id=day.id, cadre_id=cadre, desk=Desk.MEASURING, arrived_at=NOW
    ).unwrap()
    arrival = services.register_arrival(
        db, cadre_id=cadre, day_id=day.id, person_id=post.child.id, now=NOW
    ).unwrap()
    services.pass_desk(db, cadre_id=cadre, arrival_id=arrival.id, desk=Desk.REGISTRATION).unwrap()
    measured = services.record_measurement(
        db,
        cadre_id=cadre,
        person_id=post.child.id,
        measured_on=TODAY,
        day_id=day.id,
        values=MeasuredValues(
            weight_kg=Reading(9.1), lenhei_cm=Reading(74.0), position=Position.LYING
        ),
        today=TODAY,
    ).unwrap()
    services.record_measurement(
        db,
        cadre_id=cadre,
        person_id=post.mother.id,
        measured_on=TODAY,
        day_id=day.id,
        values=MeasuredValues(blood_pressure=BloodPressure(120, 80), lila_cm=Reading(24.0)),
        today=TODAY,
    ).unwrap()
    services.record_service(
        db,
        cadre_id=cadre,
        person_id=post.child.id,
        kind=ServiceKind.VITAMIN_A,
        given_on=TODAY,
        day_id=day.id,
        today=TODAY,
    ).unwrap()
    services.correct_measurement(
        db,
        cadre_id=cadre,
        measurement_id=measured.id,
        reason="timbangan belum nol",
        values=MeasuredValues(
            weight_kg=Reading(9.0), lenhei_cm=Reading(74.0), position=Position.LYING
        ),
    ).unwrap()
    services.record_home_visit(
        db,
        entered_by=cadre,
        cadre_ids=[cadre],
        visited_on=TODAY,
        reason=VisitReason.NEW_BABY,
        household_id=post.household.id,
        today=TODAY,
    ).unwrap()
    with db.transaction(cadre_id=cadre) as tx:
        measurements.add_health_check(
            tx,
            person_id=post.mother.id,
            checked_on=TODAY,
            entered_by=cadre,
            answers=ScreeningAnswers(tb=frozenset()),
            findings=HealthFindings(tb_presumptive=False),
            day_id=day.id,
        )
    services.close_posyandu_day(db, cadre_id=cadre, day_id=day.id, now=NOW).unwrap()
    with db.transaction(cadre_id=cadre, reason="monthly export") as tx:
        entry = exports.add_export(
            tx,
            posyandu_id=post.posyandu_id,
            period="2026-11",
            revision=1,
            file_name="posyandu_X_2026-11_r1.zip",
            file_sha256="0" * 64,
            manifest_sha256="1" * 64,
            previous_manifest_sha256=None,
            audit_after=0,
            audit_upto=1,
            counts={},
            created_at=NOW,
            created_by=cadre,
        )
        exports.add_copy(tx, entry.id, "/media/usb", NOW, True)

    counts = row_counts(db.path)
    created: dict[str, int] = {}
    for event in events(db.path):
        if event["action"] == "create":
            created[event["table_name"]] = created.get(event["table_name"], 0) + 1
    # cadre_login counts wrong PINs: no record of the Posyandu, so not audited (queries/cadres.py).
    audited = {t.name for t in Base.metadata.sorted_tables} - {"audit_event", "cadre_login"}
    for table in audited:
        assert counts[table] > 0, f"the scenario should touch {table}"
    assert {t: created.get(t, 0) for t in audited} == {t: counts[t] for t in audited}
    corrections = [
        e
        for e in events(db.path)
        if e["table_name"] == "measurement" and e["reason"] == "timbangan belum nol"
    ]
    assert json.loads(corrections[0]["changes"])["weight_kg"] == [9.1, 9.0]


def test_certificates_deleted_by_hand_are_still_in_the_trail(db, post):
    cert = services.add_cadre_certificate(
        db, cadre_id=post.cadre.id, title="Purwa", issued_on=date(2024, 1, 1), today=TODAY
    ).unwrap()
    with db.transaction(cadre_id=post.cadre.id, reason="salah input") as tx:
        tx.delete(tx.get_one(CadreCertificate, cert.id))
    with db.reading() as tx:
        trail = audit.trail(tx, "cadre_certificate", cert.id)
    assert [e.action for e in trail] == ["create", "delete"]
    assert trail[-1].changes["title"] == "Purwa"

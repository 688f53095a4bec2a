"""The home screen's alerts: 2T, BGM, new stunting, KEK in pregnancy, implausible values."""

from datetime import date
from typing import Any

from posyandu_desktop import services
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.services.day import AlertKind, alerts_today
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, PersonRecord, Reading
from tests.store.helpers import TODAY, Post

DEC, JAN = date(2025, 12, 9), date(2026, 1, 12)


def _child(db: Database, post: Post, name: str, birth: date = date(2025, 3, 15)) -> PersonRecord:
    return services.register_person(
        db,
        cadre_id=post.cadre.id,
        name=name,
        sex=Sex.MALE,
        birth_date=birth,
        household_id=post.household.id,
        mother_id=post.mother.id,
        today=TODAY,
    ).unwrap()


def _measure(db: Database, post: Post, person_id: int, on: date, **values: float) -> None:
    readings: dict[str, Any] = {k: Reading(v) for k, v in values.items()}
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=PersonId(person_id),
        measured_on=on,
        values=MeasuredValues(**readings),
        today=TODAY,
    ).unwrap()


def _kinds(db: Database) -> list[tuple[AlertKind, str]]:
    return [(a.kind, a.name) for a in alerts_today(db, today=TODAY)]


def test_nothing_to_report_for_a_child_growing_well(db, post):
    _measure(db, post, post.child.id, JAN, weight_kg=8.6, lenhei_cm=72.0)
    _measure(db, post, post.child.id, TODAY, weight_kg=8.9, lenhei_cm=73.0)
    assert alerts_today(db, today=TODAY) == ()


def test_a_child_below_the_red_line_is_bgm_with_the_z_score(db, post):
    _measure(db, post, post.child.id, TODAY, weight_kg=6.6)
    (alert,) = alerts_today(db, today=TODAY)
    assert (alert.kind, alert.name, alert.measured_on) == (AlertKind.BGM, "Ahmad Fauzi", TODAY)
    assert alert.value is not None and alert.value < -3


def test_a_weight_that_did_not_rise_twice_is_2t(db, post):
    _measure(db, post, post.child.id, DEC, weight_kg=8.4)
    _measure(db, post, post.child.id, JAN, weight_kg=8.3)
    _measure(db, post, post.child.id, TODAY, weight_kg=8.2)
    assert _kinds(db) == [(AlertKind.TWO_T, "Ahmad Fauzi")]


def test_stunting_is_new_only_the_first_month_it_shows(db, post):
    stunted_before = _child(db, post, "Budi Kecil")
    _measure(db, post, post.child.id, JAN, lenhei_cm=72.0)
    _measure(db, post, post.child.id, TODAY, lenhei_cm=66.0)
    _measure(db, post, stunted_before.id, JAN, lenhei_cm=65.0)
    _measure(db, post, stunted_before.id, TODAY, lenhei_cm=66.0)

    (alert,) = alerts_today(db, today=TODAY)

    assert (alert.kind, alert.person_id) == (AlertKind.NEW_STUNTING, post.child.id)
    assert alert.value is not None and alert.value < -2


def test_an_implausible_value_is_flagged_and_not_taken_for_bgm(db, post):
    _measure(db, post, post.child.id, TODAY, weight_kg=3.0)
    (alert,) = alerts_today(db, today=TODAY)
    assert alert.kind is AlertKind.IMPLAUSIBLE
    assert Indicator.WEIGHT_FOR_AGE in alert.indicators


def test_an_implausible_weight_is_not_taken_for_2t(db, post):
    _measure(db, post, post.child.id, DEC, weight_kg=8.4)
    _measure(db, post, post.child.id, JAN, weight_kg=8.3)
    _measure(db, post, post.child.id, TODAY, weight_kg=3.0)
    assert _kinds(db) == [(AlertKind.IMPLAUSIBLE, "Ahmad Fauzi")]


def test_a_new_measurement_clears_an_implausible_one(db, post):
    _measure(db, post, post.child.id, TODAY, weight_kg=3.0)
    _measure(db, post, post.child.id, TODAY, weight_kg=8.9)
    assert alerts_today(db, today=TODAY) == ()


def test_a_pregnant_woman_with_a_small_lila_is_kek(db, post):
    services.record_pregnancy(
        db, cadre_id=post.cadre.id, person_id=post.mother.id, pregnant=True, today=TODAY
    ).unwrap()
    _measure(db, post, post.mother.id, JAN, lila_cm=22.0)
    (alert,) = alerts_today(db, today=TODAY)
    assert (alert.kind, alert.name, alert.value) == (AlertKind.KEK_PREGNANT, "Siti Aminah", 22.0)


def test_kek_is_only_for_women_still_pregnant(db, post):
    _measure(db, post, post.mother.id, JAN, lila_cm=22.0)  # not marked pregnant
    assert alerts_today(db, today=TODAY) == ()


def test_last_months_findings_are_not_this_months_alerts(db, post):
    _measure(db, post, post.child.id, JAN, weight_kg=6.3)
    assert alerts_today(db, today=TODAY) == ()


def test_alerts_come_most_urgent_first_then_by_name(db, post):
    zaki = _child(db, post, "Zaki")
    _measure(db, post, zaki.id, TODAY, weight_kg=6.6)  # BGM
    _measure(db, post, post.child.id, TODAY, weight_kg=3.0)  # implausible
    assert [a.kind for a in alerts_today(db, today=TODAY)] == [
        AlertKind.IMPLAUSIBLE,
        AlertKind.BGM,
    ]

"""The early-warning list read from a real registry: a child whose length falls is listed with
the reason and the message for the mother; a child who then becomes stunted is a case the list
warned of in time; the month's JSON carries the figures."""

from __future__ import annotations

from datetime import date

from posyandu_desktop import services
from posyandu_desktop.domain.early_warning import RiskReason
from posyandu_desktop.domain.growth.curves import value_for_age
from posyandu_desktop.domain.growth.standards import GrowthStandards
from posyandu_desktop.domain.growth.zscore import Indicator, Position
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.reports.monthly_json import monthly_json
from posyandu_desktop.services.people import advice, early_warning_of_month, stunting_risks
from posyandu_desktop.services.reports import monthly_report_data
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, Reading
from tests.store.helpers import TODAY, Post

BIRTH = date(2025, 3, 15)  # the post's child, Ahmad Fauzi


def _measure_at_z(
    db: Database, post: Post, standards: GrowthStandards, on: date, haz: float
) -> None:
    age = Age.between(BIRTH, on)
    assert age is not None
    length = value_for_age(standards, Indicator.LENGTH_HEIGHT_FOR_AGE, Sex.MALE, age, haz)
    assert length is not None
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=PersonId(post.child.id),
        measured_on=on,
        values=MeasuredValues(lenhei_cm=Reading(round(length, 1)), position=Position.LYING),
        today=TODAY,
    ).unwrap()


def test_a_falling_length_puts_the_child_on_the_list(
    db: Database, post: Post, standards: GrowthStandards
) -> None:
    for on, haz in ((date(2025, 10, 10), -0.7), (date(2025, 11, 10), -1.0)):
        _measure_at_z(db, post, standards, on, haz)
    assert stunting_risks(db, today=date(2025, 11, 30)) == ()
    _measure_at_z(db, post, standards, date(2025, 12, 10), -1.3)
    (listed,) = stunting_risks(db, today=date(2025, 12, 31))
    assert (listed.person_id, listed.name) == (post.child.id, "Ahmad Fauzi")
    assert listed.risk.reasons == (RiskReason.LENGTH_FALLING,)
    assert "lauk hewani" in advice(listed.risk)[0].text("id")


def test_the_backtest_counts_the_case_the_list_warned_of(
    db: Database, post: Post, standards: GrowthStandards
) -> None:
    months = (
        (date(2025, 8, 10), -0.6),
        (date(2025, 9, 10), -0.9),
        (date(2025, 10, 10), -1.25),  # on the list at the end of October
        (date(2025, 11, 10), -2.2),
        (date(2025, 12, 10), -2.3),  # confirmed new case in December
        (date(2026, 1, 10), -2.3),
    )
    for on, haz in months:
        _measure_at_z(db, post, standards, on, haz)
    result = early_warning_of_month(db, 2026, 1)
    assert result.backtest.cases[0][0] == post.child.id
    assert (len(result.backtest.warned), result.backtest.sensitivity) == (1, 1.0)
    # The same figures in the monthly report's JSON (report --format json).
    data = monthly_report_data(db, post.posyandu_id, 2026, 1, today=TODAY)
    section = monthly_json(data)["early_warning"]
    assert section | {"list_size": None} == {
        "at_risk": [],
        "reasons": {},
        "cases": 1,
        "warned": 1,
        "sensitivity": 1.0,
        "recovered": 0,
        "case_ids": [post.child.id],
        "warned_ids": [post.child.id],
        "recovered_ids": [],
        "list_size": None,
    }
    assert section["list_size"]["2025-10"] == 1 and len(section["list_size"]) == 12

"""Last month's weight from the Buku KIA makes the first weighing here N or T, not B."""

from __future__ import annotations

import sqlite3
from datetime import date

from posyandu_desktop import services
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus, last_month_on_the_card
from posyandu_desktop.domain.ids import ArrivalId
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.services import Issue
from posyandu_desktop.services.measuring import preview_measurement, record_kms_weight
from posyandu_desktop.services.reports import month_report
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, Reading
from tests.store.helpers import Post

TODAY = date(2026, 12, 7)


def _weigh(db: Database, post: Post, kg: float) -> GrowthStatus | None:
    saved = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=TODAY,
        values=MeasuredValues(weight_kg=Reading(kg)),
        today=TODAY,
    ).unwrap()
    return saved.findings.growth_status


def test_the_kms_weight_of_last_month_gives_the_first_weighing_n_or_t(db, post):
    kms = record_kms_weight(
        db, cadre_id=post.cadre.id, person_id=post.child.id, measured_on=date(2026, 11, 9),
        weight_kg=8.0, today=TODAY,
    ).unwrap()  # fmt: skip
    assert kms.findings.growth_status is GrowthStatus.B and kms.findings.waz is not None
    assert _weigh(db, post, 8.0) is GrowthStatus.T  # no gain since the KMS weight
    connection = sqlite3.connect(db.path)
    origins = connection.execute("SELECT origin FROM measurement ORDER BY id").fetchall()
    connection.close()
    assert origins == [("kia_book",), (None,)]


def test_only_for_a_child_without_history_and_from_an_earlier_month(db, post):
    this_month = record_kms_weight(
        db, cadre_id=post.cadre.id, person_id=post.child.id, measured_on=date(2026, 12, 1),
        weight_kg=8.0, today=TODAY,
    )  # fmt: skip
    assert [i.problem for i in this_month.problems] == [Problem.NOT_AN_EARLIER_MONTH]
    _weigh(db, post, 8.0)
    again = record_kms_weight(
        db, cadre_id=post.cadre.id, person_id=post.child.id, measured_on=date(2026, 11, 9),
        weight_kg=7.8, today=TODAY,
    )  # fmt: skip
    assert [i.problem for i in again.problems] == [Problem.HAS_HISTORY]


def test_the_monthly_report_does_not_count_the_kms_weight_as_weighed_here(db, post):
    record_kms_weight(
        db, cadre_id=post.cadre.id, person_id=post.child.id, measured_on=date(2026, 11, 9),
        weight_kg=8.0, today=TODAY,
    ).unwrap()  # fmt: skip
    _weigh(db, post, 8.4)
    november = month_report(db, post.posyandu_id, 2026, 11, today=TODAY).data.indicators
    december = month_report(db, post.posyandu_id, 2026, 12, today=TODAY).data.indicators
    assert november.skdn.total().d == 0
    assert december.skdn.total().d == 1 and december.skdn.total().b == 0


def _arrival(db: Database, post: Post) -> ArrivalId:
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    arrival = services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id
    ).unwrap()
    return arrival.id


def test_at_the_desk_the_kms_weight_and_todays_weighing_are_saved_together(db, post):
    values = MeasuredValues(weight_kg=Reading(8.5))
    preview = preview_measurement(
        db, person_id=post.child.id, on=TODAY, values=values, last_month_kg=8.0
    ).unwrap()
    assert preview.growth is not None and preview.growth.status is GrowthStatus.N
    saved = services.measure_at_desk(
        db, cadre_id=post.cadre.id, arrival_id=_arrival(db, post), values=values, today=TODAY,
        last_month_kg=8.0,
    ).unwrap()  # fmt: skip
    assert saved.findings.growth_status is GrowthStatus.N  # +500 g since the KMS weight
    history = services.measurements_of(db, post.child.id)
    assert [(m.measured_on, m.values.weight_kg) for m in history] == [
        (date(2026, 11, 7), Reading(8.0)),
        (TODAY, Reading(8.5)),
    ]


def test_a_refused_kms_weight_saves_nothing(db, post):
    arrival = _arrival(db, post)
    values = MeasuredValues(weight_kg=Reading(8.5))
    refused = services.measure_at_desk(
        db, cadre_id=post.cadre.id, arrival_id=arrival, values=values, today=TODAY,
        last_month_kg=0.0,
    )  # fmt: skip
    assert [i.field for i in refused.problems] == ["last_month_kg"]
    _weigh(db, post, 8.0)  # now the child has a history: the KMS weight is not wanted
    again = services.measure_at_desk(
        db, cadre_id=post.cadre.id, arrival_id=arrival, values=values, today=TODAY,
        last_month_kg=8.0,
    )  # fmt: skip
    assert again.problems == (Issue(Problem.HAS_HISTORY, Field.LAST_MONTH_KG, post.child.id),)
    assert len(services.measurements_of(db, post.child.id)) == 1


def test_the_kms_month_is_the_month_before() -> None:
    assert last_month_on_the_card(date(2026, 3, 31), date(2025, 1, 1)) == date(2026, 2, 28)
    assert last_month_on_the_card(date(2026, 1, 15), date(2025, 1, 1)) == date(2025, 12, 15)
    assert last_month_on_the_card(date(2026, 3, 5), date(2026, 2, 20)) == date(2026, 2, 20)
    assert last_month_on_the_card(date(2026, 3, 25), date(2026, 3, 2)) is None

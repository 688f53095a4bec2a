"""Last month's weight from the Buku KIA makes the first weighing here N or T, not B."""

from __future__ import annotations

import sqlite3
from datetime import date

from posyandu_desktop import services
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services.measuring import record_kms_weight
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

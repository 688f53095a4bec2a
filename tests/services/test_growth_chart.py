"""Growth chart read-models: the child's points where the engine reads them, and SD curves
that are the WHO tables' own values."""

import csv
from datetime import date
from typing import Any

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.people import DAYS_PER_MONTH, Sex
from posyandu_desktop.services.people import charts_for_age, growth_chart, growth_charts
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, Reading
from tests.store.helpers import TODAY, Post

UNDER_TWO = (
    Chart.WEIGHT_FOR_AGE_0_24,
    Chart.LENGTH_FOR_AGE_0_24,
    Chart.WEIGHT_FOR_LENGTH_45_110,
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24,
)
TWO_TO_FIVE = (
    Chart.WEIGHT_FOR_AGE_24_60,
    Chart.HEIGHT_FOR_AGE_24_60,
    Chart.WEIGHT_FOR_HEIGHT_65_120,
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60,
)


def measure(db: Database, post: Post, person_id: int, on: date, **values: Any) -> None:
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=PersonId(person_id),
        measured_on=on,
        values=MeasuredValues(**values),
        today=TODAY,
    ).unwrap()


def who_value(stem: str, sex: Sex, x: str, z: float) -> float:
    """The SD line value straight from the shipped WHO file: M (1 + L S z)^(1/L)."""
    with (resource_path("who") / f"{stem}.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if int(row["sex"]) == sex and row["x"] == x:
                l_, m, s = float(row["L"]), float(row["M"]), float(row["S"])
                return float(m * (1 + l_ * s * z) ** (1 / l_))
    raise LookupError(x)


@pytest.mark.parametrize(
    ("age_days", "expected"),
    [(0, UNDER_TWO), (730, UNDER_TWO), (731, TWO_TO_FIVE), (1826, TWO_TO_FIVE), (1827, ())],
)
def test_charts_follow_the_age_like_the_kms(age_days, expected):
    assert charts_for_age(age_days) == expected


def test_the_childs_points_are_where_the_engine_reads_them(db, post):
    child = post.child  # a boy born 15 March 2025
    measure(
        db,
        post,
        child.id,
        date(2026, 1, 15),
        weight_kg=Reading(8.2),
        lenhei_cm=Reading(71.0),
        position=Position.LYING,
        headc_cm=Reading(44.0),
    )
    # Standing under two years: the chart shows the length the tables use, 0.7 cm more.
    measure(
        db,
        post,
        child.id,
        date(2026, 2, 2),
        weight_kg=Reading(8.4),
        lenhei_cm=Reading(72.0),
        position=Position.STANDING,
    )
    charts = {c.chart: c for c in growth_charts(db, child.id, today=TODAY)}
    assert tuple(charts) == UNDER_TWO
    first_x = (date(2026, 1, 15) - child.birth_date).days / DAYS_PER_MONTH
    second_x = (date(2026, 2, 2) - child.birth_date).days / DAYS_PER_MONTH
    weight = charts[Chart.WEIGHT_FOR_AGE_0_24].points
    assert [p.x for p in weight] == pytest.approx([first_x, second_x])
    assert [(p.value, p.measured_on) for p in weight] == [
        (8.2, date(2026, 1, 15)),
        (8.4, date(2026, 2, 2)),
    ]
    length = charts[Chart.LENGTH_FOR_AGE_0_24].points
    assert [p.value for p in length] == [71.0, pytest.approx(72.7)]
    wfl = charts[Chart.WEIGHT_FOR_LENGTH_45_110].points
    assert [p.x for p in wfl] == pytest.approx([71.0, 72.7])
    assert [p.value for p in wfl] == [8.2, 8.4]
    head = charts[Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24].points
    (head_point,) = head
    assert head_point.x == pytest.approx(first_x)
    assert head_point.value == 44.0
    assert all(c.sex is Sex.MALE for c in charts.values())


def test_the_sd_curves_are_the_who_table_values(db, post):
    charts = {c.chart: c for c in growth_charts(db, post.child.id, today=TODAY)}
    wfa = charts[Chart.WEIGHT_FOR_AGE_0_24]
    assert [c.z for c in wfa.curves] == [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    minus_two = dict(wfa.curves[1].points)
    # Birth and 12 months (day 365): the WHO boys' table, and its printed -2 SD (2.5, 7.7 kg).
    assert minus_two[0.0] == pytest.approx(who_value("who2006_wfa", Sex.MALE, "0", -2.0))
    assert minus_two[12.0] == pytest.approx(who_value("who2006_wfa", Sex.MALE, "365", -2.0))
    assert minus_two[0.0] == pytest.approx(2.5, abs=0.05)
    assert minus_two[12.0] == pytest.approx(7.7, abs=0.05)
    wfl_minus_two = dict(charts[Chart.WEIGHT_FOR_LENGTH_45_110].curves[1].points)
    assert wfl_minus_two[65.0] == pytest.approx(who_value("who2006_wfl", Sex.MALE, "65", -2.0))
    median = dict(wfa.curves[3].points)
    assert median[12.0] == pytest.approx(9.646)


def test_girls_get_the_girls_curves(db, post):
    girl = services.register_person(
        db,
        cadre_id=post.cadre.id,
        name="Putri",
        sex=Sex.FEMALE,
        birth_date=date(2025, 3, 15),
        today=TODAY,
    ).unwrap()
    (wfa, *_rest) = growth_charts(db, girl.id, today=TODAY)
    assert wfa.sex is Sex.FEMALE
    assert dict(wfa.curves[1].points)[12.0] == pytest.approx(
        who_value("who2006_wfa", Sex.FEMALE, "365", -2.0)
    )
    assert wfa.points == ()


def test_points_stay_on_the_chart_of_their_age_band(db, post):
    older = services.register_person(
        db,
        cadre_id=post.cadre.id,
        name="Bima",
        sex=Sex.MALE,
        birth_date=date(2023, 6, 1),
        today=TODAY,
    ).unwrap()
    lying = {"lenhei_cm": Reading(80.0), "position": Position.LYING}
    measure(db, post, older.id, date(2025, 5, 1), weight_kg=Reading(10.5), **lying)  # 700 days
    standing = {"lenhei_cm": Reading(88.0), "position": Position.STANDING}
    measure(db, post, older.id, date(2026, 1, 5), weight_kg=Reading(12.0), **standing)
    charts = {c.chart: c for c in growth_charts(db, older.id, today=TODAY)}
    assert tuple(charts) == TWO_TO_FIVE
    assert [p.value for p in charts[Chart.HEIGHT_FOR_AGE_24_60].points] == [88.0]
    assert [p.value for p in charts[Chart.WEIGHT_FOR_AGE_24_60].points] == [12.0]
    assert [(p.x, p.value) for p in charts[Chart.WEIGHT_FOR_HEIGHT_65_120].points] == [(88.0, 12.0)]
    assert charts[Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60].points == ()
    length = growth_chart(db, older.id, Chart.LENGTH_FOR_AGE_0_24)
    assert length is not None
    assert [p.value for p in length.points] == [80.0]


def test_no_charts_from_five_years_or_for_nobody(db, post):
    assert growth_charts(db, post.mother.id, today=TODAY) == ()
    assert growth_charts(db, PersonId(9999), today=TODAY) == ()
    assert growth_chart(db, PersonId(9999), Chart.WEIGHT_FOR_AGE_0_24) is None

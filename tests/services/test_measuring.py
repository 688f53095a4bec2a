"""Recording and correcting measurements: stored findings, KMS statuses, refusals, history."""

import math
from datetime import date, timedelta
from typing import Any

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.growth import ENGINE_VERSION, Indicator, Measurements, Position, assess
from posyandu_desktop.domain.growth.classify import (
    LilaStatus,
    WeightForAgeCategory,
    classify,
)
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.ids import DayId, MeasurementId, PersonId
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.domain.vocabulary import Desk, MeasurementSource
from posyandu_desktop.services import Issue, Outcome, Problem
from posyandu_desktop.services.day import waiting_at_desk
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import days
from posyandu_desktop.store.records import (
    BloodPressure,
    MeasuredValues,
    MeasurementRecord,
    Reading,
)
from tests.store.helpers import TODAY, Post, row_counts

N, T, O, B = GrowthStatus.N, GrowthStatus.T, GrowthStatus.O, GrowthStatus.B  # noqa: E741


def weigh(
    db: Database, post: Post, on: date, kg: float, person_id: int | None = None, **values: Any
) -> Outcome[MeasurementRecord]:
    return services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=PersonId(person_id or post.child.id),
        measured_on=on,
        values=MeasuredValues(weight_kg=Reading(kg), **values),
        today=TODAY,
    )


def statuses(db: Database, person_id: PersonId) -> list[tuple[date, GrowthStatus | None, bool]]:
    return [
        (m.measured_on, m.findings.growth_status, m.findings.two_t)
        for m in services.measurements_of(db, person_id)
    ]


def test_the_findings_are_the_domains_at_full_precision(db, standards, post):
    values = MeasuredValues(
        weight_kg=Reading(8.3, MeasurementSource.BLUETOOTH_SCALE),
        lenhei_cm=Reading(73.1),
        position=Position.LYING,
        headc_cm=Reading(45.0),
        lila_cm=Reading(12.1),
    )
    saved = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=TODAY,
        values=values,
        today=TODAY,
    ).unwrap()

    age = Age.between(post.child.birth_date, TODAY)
    assert age is not None
    expected = assess(standards, Measurements(Sex.MALE, age, 8.3, 73.1, Position.LYING, 45.0, 12.1))
    found = saved.findings
    assert found.age_days == age.days
    assert found.waz == expected[Indicator.WEIGHT_FOR_AGE].z  # exact: stored as REAL, unrounded
    assert found.haz == expected[Indicator.LENGTH_HEIGHT_FOR_AGE].z
    assert found.whz == expected[Indicator.WEIGHT_FOR_LENGTH_HEIGHT].z
    assert found.baz == expected[Indicator.BMI_FOR_AGE].z
    assert found.hcz == expected[Indicator.HEAD_CIRCUMFERENCE_FOR_AGE].z
    assert found.acz == expected[Indicator.ARM_CIRCUMFERENCE_FOR_AGE].z
    assert found.wfa_category is classify(expected[Indicator.WEIGHT_FOR_AGE])
    assert found.lila_status is LilaStatus.MAM  # 11.5 to < 12.5 cm at 6-59 months
    assert (found.growth_status, found.engine_version) == (B, ENGINE_VERSION)
    assert found.kbm_version == "buku-kia-2023"
    assert saved.values == values  # the sources come back too
    assert services.measurements_of(db, post.child.id) == (saved,)


def test_an_adult_gets_ilp_values_and_no_child_indices(db, post):
    saved = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.mother.id,
        measured_on=TODAY,
        values=MeasuredValues(
            weight_kg=Reading(58.0),
            lenhei_cm=Reading(155.0),
            position=Position.STANDING,
            lila_cm=Reading(23.0),
            blood_pressure=BloodPressure(135, 85, MeasurementSource.TYPED),
            waist_cm=Reading(82.0),
            glucose_mg_dl=Reading(110.0),
        ),
        today=TODAY,
    ).unwrap()
    found = saved.findings
    assert (found.waz, found.haz, found.wfa_category, found.growth_status) == (
        None,
        None,
        None,
        None,
    )
    assert found.bmi is not None and math.isclose(found.bmi, 58.0 / 1.55**2)
    assert found.lila_status is LilaStatus.KEK  # a woman of 29: below 23.5 cm
    assert saved.values.blood_pressure == BloodPressure(135, 85)


def test_kms_statuses_follow_the_kbm(db, post):
    # Ahmad, born 15 March 2025: KBM 300 g at 7-10 months, 200 g from 11 months (Buku KIA).
    weigh(db, post, date(2025, 10, 20), 8.0).unwrap()  # 7 months: first weighing here -> B
    weigh(db, post, date(2025, 11, 20), 8.3).unwrap()  # +300 g at 8 months -> N
    weigh(db, post, date(2025, 12, 20), 8.5).unwrap()  # +200 g at 9 months -> T
    weigh(db, post, date(2026, 1, 20), 8.6).unwrap()  # +100 g -> T again: 2T
    last = weigh(db, post, TODAY, 8.9).unwrap()  # +300 g at 10 months -> N
    assert [(s, t) for _, s, t in statuses(db, post.child.id)] == [
        (B, False),
        (N, False),
        (T, False),
        (T, True),
        (N, False),
    ]
    assert last.findings.growth_status is N


def test_a_late_entry_and_a_correction_update_the_months_after_them(db, post):
    weigh(db, post, date(2025, 11, 20), 8.0).unwrap()
    january = weigh(db, post, date(2026, 1, 20), 8.4).unwrap()
    assert january.findings.growth_status is O  # December missing

    weigh(db, post, date(2025, 12, 20), 8.2).unwrap()  # December, typed in later
    assert [s for _, s, _ in statuses(db, post.child.id)] == [B, T, T]
    assert statuses(db, post.child.id)[2][2]  # January is now 2T

    december = services.measurements_of(db, post.child.id)[1]
    services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=december.id,
        reason="salah baca timbangan",
        values=MeasuredValues(weight_kg=Reading(8.3)),
    ).unwrap()
    # December is now N (+300 g at 9 months); January stays T (+100 g) but is no longer 2T.
    assert [(s, t) for _, s, t in statuses(db, post.child.id)] == [
        (B, False),
        (N, False),
        (T, False),
    ]


def test_two_weighings_in_a_month_the_later_counts(db, post):
    weigh(db, post, date(2026, 1, 5), 8.3).unwrap()
    weigh(db, post, date(2026, 1, 25), 8.5).unwrap()
    assert [s for _, s, _ in statuses(db, post.child.id)] == [None, B]


def test_a_correction_needs_a_reason_and_keeps_the_old_values(db, post):
    saved = weigh(db, post, TODAY, 9.8).unwrap()
    no_reason = services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=saved.id,
        reason=" ",
        values=MeasuredValues(weight_kg=Reading(8.9)),
    )
    assert no_reason.problems == (Issue(Problem.REQUIRED, "reason"),)
    unchanged = services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=saved.id,
        reason="cek",
        values=saved.values,
    )
    assert unchanged.problems == (Issue(Problem.NOTHING_CHANGED),)

    fixed = services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=saved.id,
        reason="angka terbalik",
        values=MeasuredValues(weight_kg=Reading(8.9)),
    ).unwrap()

    assert fixed.corrections == 1
    assert fixed.values.weight_kg == Reading(8.9)
    assert fixed.findings.waz != saved.findings.waz
    trail = services.measurement_history(db, saved.id)
    assert [(e.action, e.reason, e.cadre_id) for e in trail] == [
        ("create", None, post.cadre.id),
        ("update", "angka terbalik", post.cadre.id),
    ]
    assert trail[0].changes["weight_kg"] == 9.8
    assert trail[1].changes["weight_kg"] == [9.8, 8.9]
    assert trail[1].changes["waz"] == [saved.findings.waz, fixed.findings.waz]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (MeasuredValues(), Issue(Problem.NOTHING_MEASURED)),
        (
            MeasuredValues(weight_kg=Reading(0.0)),
            Issue(Problem.OUT_OF_RANGE, "weight_kg", 0.0),
        ),
        (
            MeasuredValues(weight_kg=Reading(89.0)),  # 8.9 with the decimal point lost
            None,  # not a slip that hard limits catch: a grown-up weight exists
        ),
        (
            MeasuredValues(weight_kg=Reading(890.0)),
            Issue(Problem.OUT_OF_RANGE, "weight_kg", 890.0),
        ),
        (
            MeasuredValues(lenhei_cm=Reading(math.nan)),
            Issue(Problem.OUT_OF_RANGE, "lenhei_cm", math.nan),
        ),
        (
            MeasuredValues(weight_kg=Reading(8.0), position=Position.LYING),
            Issue(Problem.POSITION_WITHOUT_LENGTH, "position"),
        ),
        (
            MeasuredValues(blood_pressure=BloodPressure(80, 90)),
            Issue(Problem.DIASTOLIC_NOT_BELOW_SYSTOLIC, "diastolic_mmhg"),
        ),
    ],
)
def test_impossible_values_are_refused_and_nothing_is_written(db, post, values, expected):
    before = row_counts(db.path)
    outcome = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=TODAY,
        values=values,
        today=TODAY,
    )
    if expected is None:
        assert outcome.ok
        return
    assert len(outcome.problems) == 1
    problem = outcome.problems[0]
    assert (problem.problem, problem.field) == (expected.problem, expected.field)
    assert row_counts(db.path) == before


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (TODAY + timedelta(1), Issue(Problem.DATE_IN_FUTURE, "measured_on", "2026-02-11")),
        (date(2025, 3, 14), Issue(Problem.BEFORE_BIRTH, "measured_on", "2025-03-14")),
    ],
)
def test_impossible_dates_are_refused(db, post, on, expected):
    assert weigh(db, post, on, 8.0).problems == (expected,)


def test_a_measurement_belongs_to_a_day_or_a_visit_not_both(db, post):
    refused = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=TODAY,
        values=MeasuredValues(weight_kg=Reading(8.0)),
        day_id=DayId(1),
        home_visit_id=1,
        today=TODAY,
    )
    assert refused.problems == (Issue(Problem.DAY_AND_VISIT, "home_visit_id"),)


def test_unknown_people_and_measurements_are_refused(db, post):
    assert weigh(db, post, TODAY, 8.0, person_id=404).problems == (
        Issue(Problem.PERSON_NOT_FOUND, "person_id", 404),
    )
    assert services.correct_measurement(
        db,
        cadre_id=post.cadre.id,
        measurement_id=MeasurementId(404),
        reason="x",
        values=MeasuredValues(weight_kg=Reading(8.0)),
    ).problems == (Issue(Problem.MEASUREMENT_NOT_FOUND, "measurement_id", 404),)


def test_oedema_counts_as_severe_without_a_weight_z(db, post):
    saved = weigh(db, post, TODAY, 8.0, oedema=True).unwrap()
    assert saved.findings.waz is None
    assert saved.findings.wfa_category is WeightForAgeCategory.SEVERELY_UNDERWEIGHT


@pytest.fixture
def arrival(db, post):
    day = services.open_posyandu_day(
        db, cadre_id=post.cadre.id, posyandu_id=post.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    return services.register_arrival(
        db, cadre_id=post.cadre.id, day_id=day.id, person_id=post.child.id
    ).unwrap()


def at_desk(db: Database, post: Post, arrival_id: int) -> Outcome[MeasurementRecord]:
    values = MeasuredValues(weight_kg=Reading(9.1))
    return services.measure_at_desk(
        db, cadre_id=post.cadre.id, arrival_id=arrival_id, values=values, today=TODAY
    )


def test_the_measuring_desk_saves_and_passes_together(db, post, arrival):
    saved = at_desk(db, post, arrival.id).unwrap()
    assert (saved.person_id, saved.day_id, saved.measured_on) == (
        post.child.id,
        arrival.day_id,
        TODAY,
    )
    waiting = waiting_at_desk(db, DayId(arrival.day_id), Desk.MEASURING, today=TODAY)
    assert waiting == ()


def test_a_failing_pass_rolls_the_measurement_back(db, post, arrival, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(days, "pass_desk", broken)
    before = row_counts(db.path)
    with pytest.raises(OSError, match="disk gone"):
        at_desk(db, post, arrival.id)
    assert row_counts(db.path) == before


def test_an_unknown_arrival_is_refused_and_nothing_is_written(db, post, arrival):
    before = row_counts(db.path)
    refused = at_desk(db, post, arrival.id + 1)
    assert refused.problems == (Issue(Problem.ARRIVAL_NOT_FOUND, "arrival_id", arrival.id + 1),)
    assert row_counts(db.path) == before

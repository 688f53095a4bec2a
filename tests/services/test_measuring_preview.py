"""The measuring desk's preview: the same findings `record_measurement` stores, N/T with the
KBM, hard limits and doubts, and nothing written."""

from datetime import date
from typing import Any

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.growth import Indicator, Position
from posyandu_desktop.domain.growth.classify import LilaStatus
from posyandu_desktop.domain.growth.plausibility import Doubt, Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.services import BloodPressure, MeasuredValues, Problem, Reading
from posyandu_desktop.services.measuring import MeasurementPreview, preview_measurement
from posyandu_desktop.store import Database
from tests.store.helpers import TODAY, Post, row_counts

# TODAY is 10 February 2026; Ahmad (male) was born on 15 March 2025: 10 months, KBM 300 g.


def weigh(db: Database, post: Post, on: date, kg: float, **values: Any) -> None:
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=on,
        values=MeasuredValues(weight_kg=Reading(kg), **values),
        today=TODAY,
    ).unwrap()


def preview(
    db: Database, post: Post, person_id: int | None = None, on: date = TODAY, **values: Any
) -> MeasurementPreview:
    return preview_measurement(
        db, person_id=PersonId(person_id or post.child.id), on=on, values=MeasuredValues(**values)
    ).unwrap()


def test_the_preview_is_what_gets_saved(db, post):
    weigh(db, post, date(2026, 1, 12), 8.6, lenhei_cm=Reading(72.0), position=Position.LYING)
    values = MeasuredValues(
        weight_kg=Reading(8.9),
        lenhei_cm=Reading(73.1),
        position=Position.LYING,
        headc_cm=Reading(45.0),
        lila_cm=Reading(12.1),
    )
    shown = preview_measurement(db, person_id=post.child.id, on=TODAY, values=values).unwrap()
    saved = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=TODAY,
        values=values,
        today=TODAY,
    ).unwrap()
    found = saved.findings
    stored = {
        Indicator.WEIGHT_FOR_AGE: (found.waz, found.wfa_category),
        Indicator.LENGTH_HEIGHT_FOR_AGE: (found.haz, found.lhfa_category),
        Indicator.WEIGHT_FOR_LENGTH_HEIGHT: (found.whz, found.wflh_category),
        Indicator.BMI_FOR_AGE: (found.baz, found.bfa_category),
        Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: (found.hcz, None),
        Indicator.ARM_CIRCUMFERENCE_FOR_AGE: (found.acz, None),
    }
    assert [s.indicator for s in shown.scores] == list(stored)
    for score in shown.scores:
        z, category = stored[score.indicator]
        assert z is not None and score.z == round(z, 2)
        assert score.category == category and not score.flagged
    assert shown.lila_status is found.lila_status is LilaStatus.MAM
    assert shown.growth is not None and shown.growth.status is found.growth_status
    assert (shown.age_days, shown.age_months, shown.life_stage) == (
        found.age_days,
        10,
        LifeStage.UNDER_FIVE,
    )
    assert (shown.problems, shown.doubts, shown.bgm) == ((), (), False)


@pytest.mark.parametrize(
    ("kg", "status", "gain_g"),
    [(8.9, GrowthStatus.N, 300), (8.8, GrowthStatus.T, 200), (8.5, GrowthStatus.T, -100)],
)
def test_n_and_t_against_last_month_with_the_kbm(db, post, kg, status, gain_g):
    weigh(db, post, date(2026, 1, 12), 8.6)
    growth = preview(db, post, weight_kg=Reading(kg)).growth
    assert growth is not None
    assert (growth.status, growth.gain_g, growth.kbm_g) == (status, gain_g, 300)
    assert (growth.previous_on, growth.previous_kg) == (date(2026, 1, 12), 8.6)


def test_two_t_and_the_first_and_missed_months(db, post):
    growth = preview(db, post, weight_kg=Reading(8.6)).growth
    assert growth is not None and growth.status is GrowthStatus.B
    weigh(db, post, date(2025, 11, 20), 8.3)
    growth = preview(db, post, weight_kg=Reading(8.6)).growth
    assert growth is not None and growth.status is GrowthStatus.O  # nothing in January
    weigh(db, post, date(2025, 12, 20), 8.4)  # +100 g: T
    weigh(db, post, date(2026, 1, 20), 8.5)  # +100 g: T
    growth = preview(db, post, weight_kg=Reading(8.6)).growth
    assert growth is not None and (growth.status, growth.two_t) == (GrowthStatus.T, True)


def test_a_value_no_one_can_have_is_a_problem_not_a_doubt(db, post):
    shown = preview(db, post, weight_kg=Reading(400.0), lenhei_cm=Reading(73.0))
    assert [(i.problem, i.field) for i in shown.problems] == [(Problem.OUT_OF_RANGE, "weight_kg")]
    assert shown.doubts == () and shown.growth is None
    assert shown.score(Indicator.WEIGHT_FOR_AGE) is None
    assert shown.score(Indicator.LENGTH_HEIGHT_FOR_AGE) is not None


def test_an_adults_weight_for_a_child_is_doubtful(db, post):
    shown = preview(db, post, weight_kg=Reading(95.0))
    assert [(d.doubt, d.quantity, d.value) for d in shown.doubts] == [
        (Doubt.OUTSIDE_USUAL_RANGE, Quantity.WEIGHT_KG, 95.0)
    ]
    assert shown.problems == ()  # it can be saved once confirmed


def test_a_jump_since_last_month_and_a_shrinking_length_are_doubtful(db, post):
    weigh(db, post, date(2026, 1, 12), 8.6, lenhei_cm=Reading(74.0), position=Position.LYING)
    shown = preview(
        db, post, weight_kg=Reading(11.0), lenhei_cm=Reading(72.0), position=Position.LYING
    )
    assert {(d.doubt, d.quantity) for d in shown.doubts} == {
        (Doubt.CHANGED_TOO_MUCH, Quantity.WEIGHT_KG),
        (Doubt.DECREASED, Quantity.LENHEI_CM),
    }


def test_the_lying_standing_correction_is_reported(db, post):
    standing = preview(db, post, lenhei_cm=Reading(73.0), position=Position.STANDING)
    assert standing.length_correction_cm == 0.7  # standing under two years
    lying = preview(db, post, lenhei_cm=Reading(73.0), position=Position.LYING)
    assert lying.length_correction_cm == 0.0
    too_young = preview(
        db, post, on=date(2025, 9, 1), lenhei_cm=Reading(63.0), position=Position.STANDING
    )
    assert too_young.standing_under_9_months and too_young.length_correction_cm == 0.0


def test_bgm_and_a_mothers_kek(db, post):
    assert preview(db, post, weight_kg=Reading(6.0)).bgm
    mother = preview(
        db,
        post,
        person_id=post.mother.id,
        weight_kg=Reading(50.0),
        lila_cm=Reading(22.0),
        blood_pressure=BloodPressure(120, 80),
    )
    assert mother.lila_status is LilaStatus.KEK and mother.growth is None
    assert mother.scores == () and mother.doubts == () and not mother.bgm


def test_previewing_writes_nothing(db, post):
    before = row_counts(db.path)
    preview(db, post, weight_kg=Reading(8.9), lenhei_cm=Reading(73.0), position=Position.LYING)
    assert row_counts(db.path) == before


def test_nothing_typed_yet_is_an_empty_preview(db, post):
    shown = preview(db, post)
    assert (shown.scores, shown.growth, shown.problems, shown.doubts) == ((), None, (), ())


def test_unknown_people_and_dates_before_birth_are_refused(db, post):
    outcome = preview_measurement(db, person_id=PersonId(9999), on=TODAY, values=MeasuredValues())
    assert [i.problem for i in outcome.problems] == [Problem.PERSON_NOT_FOUND]
    outcome = preview_measurement(
        db, person_id=post.child.id, on=date(2025, 1, 1), values=MeasuredValues()
    )
    assert [i.problem for i in outcome.problems] == [Problem.BEFORE_BIRTH]

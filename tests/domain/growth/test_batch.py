"""The batch fast path gives exactly the scalar engine's 2-decimal z on every indicator."""

import math
from functools import cache

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from posyandu_desktop.domain.growth import GrowthStandards, Measurements, Position, assess
from posyandu_desktop.domain.growth.batch import (
    FastScorer,
    UnusualVisitError,
    hundredths,
    visit_age,
)
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.settings import who_standards


@cache
def engines() -> tuple[GrowthStandards, FastScorer]:
    standards = who_standards()
    return standards, FastScorer(standards)


def maybe(low: float, high: float) -> st.SearchStrategy[float | None]:
    return st.one_of(
        st.none(), st.floats(low, high), st.integers(int(low) + 1, int(high)).map(float)
    )


@settings(max_examples=2000, deadline=None)
@given(
    sex=st.sampled_from([1, 2]),
    age=st.one_of(st.integers(0, 1826).map(float), st.floats(0, 1900)),
    in_months=st.booleans(),
    weight=maybe(0.3, 60),
    lenhei=st.one_of(maybe(20, 140), st.integers(450, 1200).map(lambda t: t / 10)),
    standing=st.sampled_from([None, True, False]),
    headc=maybe(15, 70),
    armc=maybe(5, 40),
    triskin=maybe(1, 40),
    subskin=maybe(1, 40),
)
def test_fast_path_equals_assess_on_every_indicator(
    sex: int,
    age: float,
    in_months: bool,
    weight: float | None,
    lenhei: float | None,
    standing: bool | None,
    headc: float | None,
    armc: float | None,
    triskin: float | None,
    subskin: float | None,
) -> None:
    standards, fast = engines()
    days, months = (None, age / 30.4375) if in_months else (age, None)
    try:
        cm, bmi, zs = fast.score(
            sex, *visit_age(days, months), weight, lenhei, standing, headc, armc, triskin, subskin
        )
    except UnusualVisitError:
        assume(False)
        return
    position = None if standing is None else Position.STANDING if standing else Position.LYING
    the_age = Age.from_days(days) if days is not None else Age.from_months(age / 30.4375)
    a = assess(
        standards,
        Measurements(Sex(sex), the_age, weight, lenhei, position, headc, armc, triskin, subskin),
    )
    assert [s.rounded for s in a.scores.values()] == [None if k is None else k / 100 for k in zs]
    assert (a.lenhei_cm, None if a.bmi is None else round(a.bmi, 2)) == (
        cm,
        None if bmi is None else bmi / 100,
    )
    assert all(s.problem is None for s, z in zip(a.scores.values(), zs, strict=True) if z)


def test_arm_and_skinfolds_have_no_z_before_day_91() -> None:
    _, fast = engines()
    assert fast.score(1, 90, 2.96, 4.0, 55.0, False, None, 11.0, 5.0, 5.0)[2][5:] == (None,) * 3
    assert None not in fast.score(1, 91, 2.99, 4.0, 55.0, False, None, 11.0, 5.0, 5.0)[2][5:]


def test_unusual_visits_go_to_the_engine() -> None:
    _, fast = engines()
    with pytest.raises(UnusualVisitError):  # 60 months: WHO 2007 reference
        visit_age(1827, None)
    with pytest.raises(UnusualVisitError):  # length beyond the weight-for-length table
        fast.score(1, 300, 9.86, 8.0, 111.0, False, None, None, None, None)


@settings(max_examples=2000, deadline=None)
@given(
    x=st.one_of(
        st.floats(-1e7, 1e7, exclude_min=True, exclude_max=True),
        st.integers(-(10**9), 10**9).map(lambda k: k / 200),  # exact halves of a hundredth
        st.integers(-(10**6), 10**6).map(lambda k: k / 100 + 0.005),  # near them
    )
)
def test_hundredths_is_round_to_two_decimals(x: float) -> None:
    assert hundredths(x) / 100 == round(x, 2) + 0.0


def test_hundredths_refuses_what_it_cannot_round_exactly() -> None:
    for x in (1e7, -1e7, math.inf, math.nan):
        with pytest.raises(UnusualVisitError):
            hundredths(x)

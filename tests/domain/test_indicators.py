"""SKDN and the monthly indicators on hand-made records, boundaries first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.classify import LengthHeightForAgeCategory as H
from posyandu_desktop.domain.growth.classify import WeightForAgeCategory as W
from posyandu_desktop.domain.growth.classify import WeightForLengthHeightCategory as Wl
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus as G
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.domain.vocabulary import ServiceKind, VisitReason

Y, M = 2026, 10
BIRTH = date(2025, 10, 15)  # 12 completed months on 15 October 2026


def child(pid: int, birth: date = BIRTH, sex: Sex = Sex.MALE, **kw: Any) -> ind.Child:
    return ind.Child(pid, f"Child {pid}", sex, birth, **kw)


def weighing(
    pid: int, on: date, status: G | None = G.N, order: int = 0, **kw: Any
) -> ind.ChildMeasurement:
    return ind.ChildMeasurement(pid, on, order or pid, 9.0, status, kw.pop("two_t", False), **kw)


@pytest.mark.parametrize(
    ("months", "group"),
    [
        (0, ind.AgeGroup.M0_5),
        (5, ind.AgeGroup.M0_5),
        (6, ind.AgeGroup.M6_11),
        (11, ind.AgeGroup.M6_11),
        (12, ind.AgeGroup.M12_23),
        (23, ind.AgeGroup.M12_23),
        (24, ind.AgeGroup.M24_35),
        (35, ind.AgeGroup.M24_35),
        (36, ind.AgeGroup.M36_59),
        (59, ind.AgeGroup.M36_59),
        (60, None),
        (-1, None),
    ],
)
def test_age_groups_are_the_five_f2_groups(months: int, group: ind.AgeGroup | None) -> None:
    assert ind.age_group(months) is group


def test_age_is_completed_months_at_the_weighing_else_at_the_months_end() -> None:
    # Born 15 Apr 2026: 5 months 29 days on 14 Oct (0-5), 6 months on 31 Oct (6-11).
    children = [child(1, date(2026, 4, 15)), child(2, date(2026, 4, 15))]
    table = ind.skdn(children, [weighing(1, date(2026, 10, 14), G.B)], Y, M)
    assert table.cells[(Sex.MALE, ind.AgeGroup.M0_5)] == ind.SkdnCounts(s=1, k=1, d=1, b=1)
    assert table.cells[(Sex.MALE, ind.AgeGroup.M6_11)] == ind.SkdnCounts(s=1, k=1)


def test_five_year_olds_and_unborn_are_not_balita() -> None:
    children = [
        child(1, date(2021, 10, 31)),
        child(2, date(2026, 11, 2)),
        child(3, date(2021, 11, 1)),
    ]
    # Child 1 is 60 months on 31 Oct (out); child 3 is 59 months at the month's end (in).
    assert ind.skdn(children, [], Y, M).total() == ind.SkdnCounts(s=1, k=1)


def test_skdn_letters_and_the_identity() -> None:
    children = [
        child(i, sex=Sex.FEMALE if i % 2 else Sex.MALE, has_kms=i != 6) for i in range(1, 8)
    ]
    rows = [
        weighing(1, date(2026, 10, 5), G.N),
        weighing(2, date(2026, 10, 5), G.T, two_t=True, wfa=W.SEVERELY_UNDERWEIGHT),
        weighing(3, date(2026, 10, 5), G.T),
        weighing(4, date(2026, 10, 5), G.O),
        weighing(5, date(2026, 10, 5), G.B),
        weighing(1, date(2026, 9, 5), G.T),  # another month: not counted
    ]
    total = ind.skdn(children, rows, Y, M).total()
    assert total == ind.SkdnCounts(s=7, k=6, d=5, n=1, t=2, two_t=1, o=1, b=1, bgm=1)
    assert total.identity_holds
    assert total.d_s == pytest.approx(5 / 7)
    assert total.k_s == pytest.approx(6 / 7)
    assert total.d_k == pytest.approx(5 / 6)
    assert total.n_d == pytest.approx(1 / 5)
    assert total.n_s == pytest.approx(1 / 7)


def test_the_months_last_weighing_decides_and_a_missing_status_breaks_the_identity() -> None:
    rows = [
        weighing(1, date(2026, 10, 5), G.T, order=10),
        weighing(1, date(2026, 10, 20), G.N, order=5),  # later date wins over entry order
        weighing(2, date(2026, 10, 5), None),
    ]
    table = ind.skdn([child(1), child(2)], rows, Y, M)
    assert table.total() == ind.SkdnCounts(s=2, k=2, d=2, n=1)
    assert not table.identity_holds


def test_children_who_left_count_only_if_weighed_before_leaving() -> None:
    children = [
        child(1, left_on=date(2026, 10, 10)),
        child(2, left_on=date(2026, 10, 10)),
        child(3, left_on=date(2026, 11, 1)),
    ]
    rows = [weighing(1, date(2026, 10, 3), G.N)]
    assert ind.skdn(children, rows, Y, M).total() == ind.SkdnCounts(s=2, k=2, d=1, n=1)


def test_ratios_are_none_without_a_denominator() -> None:
    empty = ind.SkdnCounts()
    assert (empty.d_s, empty.k_s, empty.d_k, empty.n_d, empty.n_s) == (None,) * 5
    assert ind.ratio(0, 3) == 0.0


def test_trend_covers_twelve_months_oldest_first() -> None:
    rows = [weighing(1, date(2026, 1, 5), G.B), weighing(1, date(2026, 2, 5), G.N)]
    points = ind.trend([child(1, date(2025, 6, 1))], rows, 2026, 2)
    assert [(p.year, p.month) for p in points][:2] == [(2025, 3), (2025, 4)]
    assert (points[-1].year, points[-1].month, points[-1].d_s, points[-1].n_d) == (
        2026,
        2,
        1.0,
        1.0,
    )
    assert points[-2].n_d == 0.0
    assert points[0].d_s is None  # not born yet: S = 0
    assert ind.previous_months(2026, 1, 2) == ((2025, 12), (2026, 1))


def test_status_counts_take_each_index_from_the_latest_measurement_that_has_it() -> None:
    rows = [
        weighing(1, date(2026, 10, 2), wfa=W.UNDERWEIGHT, lhfa=H.STUNTED, order=1),
        weighing(1, date(2026, 10, 9), wfa=W.NORMAL, order=2),  # no length: PB/U stays stunted
        weighing(2, date(2026, 10, 2), wfa=W.NORMAL, wflh=Wl.OBESE, bfa=Wl.OBESE),
        weighing(3, date(2026, 10, 2), wfa=W.NORMAL),
    ]
    counts = ind.status_counts([child(1), child(2), child(3, date(2020, 1, 1))], rows, Y, M)
    assert counts[ind.StatusIndex.WEIGHT_FOR_AGE] == {
        W.SEVERELY_UNDERWEIGHT: 0,
        W.UNDERWEIGHT: 0,
        W.NORMAL: 2,
        W.RISK_OF_OVERWEIGHT: 0,
    }
    assert counts[ind.StatusIndex.LENGTH_HEIGHT_FOR_AGE][H.STUNTED] == 1
    assert counts[ind.StatusIndex.WEIGHT_FOR_LENGTH_HEIGHT][Wl.OBESE] == 1
    assert counts[ind.StatusIndex.BMI_FOR_AGE][Wl.OBESE] == 1


def test_new_stunting_is_incidence_with_four_lists() -> None:
    rows = [
        weighing(1, date(2026, 9, 5), lhfa=H.NORMAL),
        weighing(1, date(2026, 10, 5), lhfa=H.STUNTED),  # one stunted length: suspected
        weighing(2, date(2026, 8, 5), lhfa=H.NORMAL),
        weighing(2, date(2026, 9, 5), lhfa=H.STUNTED),
        weighing(2, date(2026, 10, 5), lhfa=H.SEVERELY_STUNTED),  # second in a row: confirmed
        weighing(3, date(2026, 10, 5), lhfa=H.SEVERELY_STUNTED),  # first length here
        weighing(4, date(2026, 9, 5), lhfa=H.NORMAL),
        weighing(4, date(2026, 10, 5), lhfa=H.STUNTED),
        weighing(4, date(2026, 10, 5), lhfa=H.STUNTED),  # re-measured the same day: confirmed
        weighing(5, date(2026, 10, 5), lhfa=H.NORMAL),
        weighing(6, date(2026, 9, 5), lhfa=H.NORMAL),
        weighing(6, date(2026, 11, 5), lhfa=H.STUNTED),  # next month: not yet
        weighing(7, date(2026, 9, 5), lhfa=H.NORMAL),
        weighing(7, date(2026, 10, 5), lhfa=None, doubtful=frozenset({Quantity.LENHEI_CM})),
    ]
    children = [child(i) for i in range(1, 8)]
    children.append(replace(child(8), birth_date=date(2026, 10, 2), birth_length_cm=47.0))
    lists = ind.stunting_lists(children, rows, Y, M)
    assert (lists.confirmed, lists.suspected, lists.at_registration, lists.born_short) == (
        (2, 4),
        (1,),
        (3,),
        (8,),
    )
    found = ind.new_stunting(children, rows, Y, M)
    assert [(f.person_id, f.previous, f.now) for f in found] == [
        (2, H.STUNTED, H.SEVERELY_STUNTED),
        (4, H.STUNTED, H.STUNTED),
    ]


def test_referrals_list_every_reason() -> None:
    rows = [
        weighing(1, date(2026, 10, 5), G.T, two_t=True, wfa=W.SEVERELY_UNDERWEIGHT),
        weighing(2, date(2026, 10, 5), G.N, oedema=True),
        weighing(3, date(2026, 10, 5), G.N, lila_cm=11.4),
        weighing(4, date(2026, 10, 5), G.N, lila_cm=11.5),  # on the cut-off: not below it
        weighing(5, date(2026, 10, 5), G.N, lila_cm=11.0),  # under 6 months: MUAC not judged
        weighing(6, date(2026, 10, 5), G.T),
        weighing(7, date(2026, 10, 5), G.N, wfa=W.RISK_OF_OVERWEIGHT),  # above the orange line
        # A doubtful weight is no weighing (its T is ignored), a doubtful LILA no MUAC: both only
        # ask for a re-measure.
        weighing(8, date(2026, 10, 5), G.T, doubtful=frozenset({Quantity.WEIGHT_KG})),
        weighing(9, date(2026, 10, 5), G.N, lila_cm=10.0, doubtful=frozenset({Quantity.LILA_CM})),
    ]
    children = [child(i) for i in range(1, 5)] + [child(5, date(2026, 5, 1))]
    children += [child(i) for i in range(6, 10)]
    found = {r.person_id: r.reasons for r in ind.referrals(children, rows, Y, M)}
    r = ReferralReason
    assert found == {
        1: (r.T, r.TWO_T, r.BGM),
        2: (r.OEDEMA,),
        3: (r.MUAC,),
        6: (r.T,),
        7: (r.ABOVE_ORANGE,),
        8: (r.REMEASURE,),
        9: (r.REMEASURE,),
    }
    report = ind.monthly_indicators(ind.MonthInputs(Y, M, children, rows))
    assert [x.person_id for x in report.referrals] == [1, 2, 3, 6, 7]
    assert [x.person_id for x in report.remeasure] == [8, 9]
    # The doubtful weighing is not the month's weighing: child 8 is not in D.
    assert report.skdn.total().d == 8


def adult(pid: int, on: date, birth: date, **kw: Any) -> ind.AdultMeasurement:
    return ind.AdultMeasurement(pid, f"Adult {pid}", birth, on, pid, **kw)


def test_kek_counts_pregnant_women_below_23_5_cm() -> None:
    on = date(2026, 10, 5)
    rows = [
        adult(1, on, date(1995, 1, 1), lila_cm=23.4, pregnant=True),
        adult(2, on, date(1995, 1, 1), lila_cm=23.5, pregnant=True),
        adult(3, on, date(1995, 1, 1), lila_cm=20.0, pregnant=False),
    ]
    kek, measured = ind.kek_pregnant(rows, Y, M)
    assert [(k.person_id, k.value) for k in kek] == [(1, "23.4")]
    assert measured == 2


def test_high_blood_pressure_from_140_or_90_by_age_group() -> None:
    on = date(2026, 10, 5)
    rows = [
        adult(1, on, date(1990, 1, 1), systolic_mmhg=140, diastolic_mmhg=80),
        adult(2, on, date(1990, 1, 1), systolic_mmhg=139, diastolic_mmhg=89),
        adult(3, on, date(1960, 1, 1), systolic_mmhg=120, diastolic_mmhg=90),
        adult(4, on, date(2010, 1, 1), systolic_mmhg=150, diastolic_mmhg=95),  # 16: not adult
        adult(5, on, date(1966, 10, 6), systolic_mmhg=150, diastolic_mmhg=95),  # 59 years
    ]
    bp = ind.blood_pressure(rows, Y, M)
    assert (bp.measured_adults, bp.high_adults, bp.measured_elders, bp.high_elders) == (3, 2, 1, 1)
    assert [p.value for p in bp.people] == ["140/80", "120/90", "150/95"]


def test_pregnant_on_uses_the_delivery_and_the_current_flag() -> None:
    today = date(2026, 10, 20)
    delivered = date(2026, 6, 1)
    assert ind.pregnant_on(
        date(2026, 3, 1), pregnant_now=False, delivered_on=delivered, today=today
    )
    assert not ind.pregnant_on(
        date(2026, 7, 1), pregnant_now=False, delivered_on=delivered, today=today
    )
    assert ind.pregnant_on(date(2026, 9, 1), pregnant_now=True, delivered_on=delivered, today=today)
    assert not ind.pregnant_on(date(2025, 9, 1), pregnant_now=True, delivered_on=None, today=today)


def test_services_count_people_per_kind_and_capsule() -> None:
    on = date(2026, 10, 5)
    given = [
        ind.ServiceGiven(1, on, ServiceKind.VITAMIN_A, VitaminACapsule.RED),
        ind.ServiceGiven(1, on, ServiceKind.VITAMIN_A, VitaminACapsule.RED),
        ind.ServiceGiven(2, on, ServiceKind.VITAMIN_A, VitaminACapsule.BLUE),
        ind.ServiceGiven(2, on, ServiceKind.PMT),
        ind.ServiceGiven(3, date(2026, 9, 30), ServiceKind.DEWORMING),
    ]
    assert ind.services_given(given, Y, M) == {
        (ServiceKind.VITAMIN_A, VitaminACapsule.RED): 1,
        (ServiceKind.VITAMIN_A, VitaminACapsule.BLUE): 1,
        (ServiceKind.PMT, None): 1,
    }


def test_monthly_indicators_bring_everything_together() -> None:
    on = date(2026, 10, 13)
    inputs = ind.MonthInputs(
        year=Y,
        month=M,
        children=[child(1), child(2)],
        child_measurements=[weighing(1, on, G.N)],
        home_visits=[
            ind.HomeVisit(date(2026, 10, 2), VisitReason.TWO_T, (1, 2)),
            ind.HomeVisit(date(2026, 10, 3), VisitReason.BGM, (2, 2)),
            ind.HomeVisit(date(2026, 9, 3), VisitReason.BGM, (1,)),
        ],
        cadres=[
            ind.Cadre(1, "Ani", True),
            ind.Cadre(2, "Budi", True),
            ind.Cadre(3, "Cici", False),
            ind.Cadre(4, "Dewi", False),
        ],
        sessions=[
            ind.Session(on, frozenset({1, 3})),
            ind.Session(date(2026, 9, 1), frozenset({2})),
        ],
        work=[ind.CadreWork(1, 1, on), ind.CadreWork(1, 1, on), ind.CadreWork(1, 2, on)],
        corrections={2: 3},
    )
    result = ind.monthly_indicators(inputs)
    assert result.skdn.total() == ind.SkdnCounts(s=2, k=2, d=1, n=1)
    assert result.home_visits == 2
    assert result.home_visits_by_reason == {VisitReason.TWO_T: 1, VisitReason.BGM: 1}
    assert (result.sessions, result.cadres_registered, result.cadres_active) == (1, 2, 2)
    assert result.attendance_by_session == ((on, 2),)
    sheet = {
        p.name: (p.sessions_attended, p.people_measured, p.home_visits, p.records_corrected)
        for p in result.cadre_performance
    }
    assert sheet == {"Ani": (1, 2, 1, 0), "Budi": (0, 0, 2, 3), "Cici": (1, 0, 0, 0)}
    assert len(result.trend) == 12 and result.trend[-1].d_s == 0.5

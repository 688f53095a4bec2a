"""The per-child roster of a month: the report's child tables are its sums, on hand-made
records at the boundaries and on a whole demo Posyandu month by month."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.classify import LengthHeightForAgeCategory as H
from posyandu_desktop.domain.growth.classify import WeightForAgeCategory as W
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus as G
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.recap import PersonKey
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.services.reports import _read_month, this_posyandu_id
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Database
from tests.reports.helpers import TODAY, demo_folder

Y, M = 2026, 10
BIRTH = date(2025, 10, 15)  # 12 completed months on 15 October 2026


def child(pid: int, birth: date = BIRTH, **kw: Any) -> ind.Child:
    return ind.Child(pid, f"Child {pid}", Sex.FEMALE if pid % 2 else Sex.MALE, birth, **kw)


def weighing(pid: int, on: date, status: G | None = G.N, **kw: Any) -> ind.ChildMeasurement:
    kg = kw.pop("weight_kg", 9.0)
    return ind.ChildMeasurement(
        pid, on, kw.pop("order", pid), kg, status, kw.pop("two_t", False), **kw
    )


def inputs(children: list[ind.Child], rows: list[ind.ChildMeasurement]) -> ind.MonthInputs:
    return ind.MonthInputs(year=Y, month=M, children=children, child_measurements=rows)


def month_inputs(folder: Path, year: int, month: int) -> ind.MonthInputs:
    """The inputs the monthly report of a demo folder is computed from."""
    db = Database(database_path(folder))
    try:
        posyandu_id = this_posyandu_id(db)
        assert posyandu_id is not None
        with db.reading() as tx:
            return _read_month(tx, posyandu_id, year, month, TODAY).inputs
    finally:
        db.close()


def people_of(folder: Path) -> dict[int, PersonKey]:
    """uid, NIK and name of every person in a demo folder, read with sqlite3."""
    con = sqlite3.connect(database_path(folder))
    try:
        rows = con.execute("SELECT id, uid, nik, name FROM person").fetchall()
    finally:
        con.close()
    return {pid: PersonKey(uid, nik, name) for pid, uid, nik, name in rows}


def test_lines_carry_the_skdn_letters() -> None:
    children = [child(1), child(2), child(3, has_kms=False), child(4)]
    rows = [
        weighing(1, date(2026, 10, 15), G.T, two_t=True, wfa=W.SEVERELY_UNDERWEIGHT),
        weighing(2, date(2026, 10, 5), G.B),
        weighing(4, date(2026, 10, 5), None),  # weighed, no KMS letter: D without N/T/O/B
    ]
    roster = {c.person_id: c for c in ind.month_roster(inputs(children, rows))}
    one = roster[1]
    assert (one.in_s, one.age_months, one.age_group) == (True, 12, ind.AgeGroup.M12_23)
    assert (one.weighed_on, one.status, one.two_t, one.bgm) == (date(2026, 10, 15), G.T, True, True)
    assert one.skdn == ind.SkdnCounts(s=1, k=1, d=1, t=1, two_t=1, bgm=1)
    assert one.referral == (ReferralReason.T, ReferralReason.TWO_T, ReferralReason.BGM)
    assert roster[3].skdn == ind.SkdnCounts(s=1) and roster[3].weighed_on is None
    assert roster[4].skdn == ind.SkdnCounts(s=1, k=1, d=1)


def test_who_has_a_line() -> None:
    children = [
        child(1, left_on=date(2026, 10, 10)),  # left, not weighed: no line
        child(2, left_on=date(2026, 10, 10)),  # left, only measured for length: status only
        child(3, date(2021, 9, 1)),  # 61 months: outside S
        child(4, date(2026, 11, 2)),  # not born yet
        child(5, date(2021, 10, 20)),  # 59 months at the weighing: in S
    ]
    rows = [
        ind.ChildMeasurement(2, date(2026, 10, 3), 1, None, None, False, lhfa=H.STUNTED),
        weighing(5, date(2026, 10, 3), G.N, wfa=W.NORMAL),
    ]
    roster = {c.person_id: c for c in ind.month_roster(inputs(children, rows))}
    assert sorted(roster) == [2, 5]
    two = roster[2]
    assert not two.in_s and two.skdn == ind.SkdnCounts()
    assert dict(two.categories) == {ind.StatusIndex.LENGTH_HEIGHT_FOR_AGE: H.STUNTED}
    assert not two.new_stunting  # its first length here: found at registration, no new case
    assert roster[5].in_s and roster[5].age_group is ind.AgeGroup.M36_59
    assert dict(roster[5].categories) == {ind.StatusIndex.WEIGHT_FOR_AGE: W.NORMAL}


def test_a_weighing_dated_before_the_birth_is_not_d_but_the_child_keeps_its_length() -> None:
    born = date(2026, 10, 10)
    rows = [
        weighing(1, date(2026, 10, 5), G.B),  # a typo in a date: before the birth
        ind.ChildMeasurement(1, date(2026, 10, 20), 2, None, None, False, lhfa=H.NORMAL),
    ]
    (line,) = ind.month_roster(inputs([child(1, born)], rows))
    assert line.weighed_on is None and line.skdn == ind.SkdnCounts(s=1, k=1)
    assert dict(line.categories) == {ind.StatusIndex.LENGTH_HEIGHT_FOR_AGE: H.NORMAL}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("roster") / "data")


@pytest.mark.parametrize("month", [(2026, 10), (2026, 7), (2026, 1), (2025, 11)])
def test_roster_adds_up_to_the_demo_report(folder: Path, month: tuple[int, int]) -> None:
    data = month_inputs(folder, *month)
    report = ind.monthly_indicators(data)
    roster = ind.month_roster(data)
    assert report.skdn.total().s > 10 and report.skdn.total().d > 5  # a real month
    assert ind.skdn_of(*month, roster) == report.skdn
    assert ind.status_of(roster) == report.status_counts
    # The same lines as the older functions that count each table on its own.
    assert report.skdn == ind.skdn(data.children, data.child_measurements, *month)
    assert report.status_counts == ind.status_counts(data.children, data.child_measurements, *month)
    assert {c.person_id for c in roster if c.new_stunting} == {
        s.person_id for s in report.new_stunting
    }
    assert {c.person_id: c.referral for c in roster if c.referral} == {
        r.person_id: r.reasons for r in report.referrals
    }
    assert [c.person_id for c in roster] == sorted({c.person_id for c in roster})
    people = people_of(folder)
    assert all(c.person_id in people for c in roster)

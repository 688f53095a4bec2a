"""The puskesmas recap: per-Posyandu rows equal each Posyandu's own report, people with one NIK
(or babies with one mother's NIK, birth date and sex) in two Posyandu count once. Hand-made months
for the merge rules, three demo Posyandu for the whole month."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.classify import LengthHeightForAgeCategory as H
from posyandu_desktop.domain.growth.classify import WeightForAgeCategory as W
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus as G
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.recap import (
    MatchedBy,
    PersonKey,
    PosyanduMonth,
    SharedKind,
    posyandu_month,
    recap,
)
from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.settings import database_path
from tests.domain.test_roster import month_inputs, people_of
from tests.reports.helpers import TODAY

Y, M = 2026, 10
BIRTH = date(2025, 6, 1)


# Hand-made months -----------------------------------------------------------------------------


def month(
    code: str,
    children: list[tuple[int, str | None, bool]],  # (person id, NIK, has a KMS)
    rows: list[ind.ChildMeasurement],
    women: Sequence[tuple[int, str, float]] = (),  # (id, NIK, LILA)
    *,
    year: int = Y,
) -> PosyanduMonth:
    kids = [
        ind.Child(pid, f"{code} child {pid}", Sex.MALE, BIRTH, has_kms=k) for pid, _, k in children
    ]
    adults = [
        ind.AdultMeasurement(
            pid,
            f"{code} mother {pid}",
            date(1998, 1, 1),
            date(year, M, 4),
            pid,
            lila_cm=lila,
            pregnant=True,
        )
        for pid, _, lila in women
    ]
    data = ind.MonthInputs(
        year=year, month=M, children=kids, child_measurements=rows, adult_measurements=adults
    )
    people = {
        pid: PersonKey(f"{code}-{pid}", nik, f"{code} child {pid}") for pid, nik, _ in children
    }
    people |= {
        pid: PersonKey(f"{code}-{pid}", nik, f"{code} mother {pid}") for pid, nik, _ in women
    }
    report = ind.monthly_indicators(data)
    return posyandu_month(
        code=code,
        name=f"Posyandu {code}",
        indicators=report,
        roster=ind.month_roster(data),
        people=people,
    )


def weighing(pid: int, day: int, status: G, **kw: Any) -> ind.ChildMeasurement:
    return ind.ChildMeasurement(pid, date(Y, M, day), pid * 100 + day, 9.0, status, False, **kw)


def test_one_nik_in_two_posyandu_counts_once_with_the_latest_weighing() -> None:
    a = month(
        "A",
        [(1, "6474010101250001", False), (2, "6474010101250002", True), (3, None, True)],
        [
            weighing(1, 3, G.T, lhfa=H.STUNTED, wfa=W.UNDERWEIGHT),
            weighing(3, 3, G.N),
        ],
        [(10, "6474014101980001", 22.0)],
    )
    b = month(
        "B",
        [(7, "6474010101250001", True), (8, "6474010101250002", True), (9, None, True)],
        [weighing(7, 20, G.N, wfa=W.NORMAL)],  # later than A's weighing of the same child
    )
    c = month("C", [], [], [(4, "6474014101980001", 21.5), (5, "6474014101980009", 23.0)])
    result = recap([c, b, a])
    assert [r.code for r in result.rows] == ["A", "B", "C"]
    assert [r.counts.skdn for r in result.rows] == [
        ind.SkdnCounts(s=3, k=2, d=2, n=1, t=1),
        ind.SkdnCounts(s=3, k=3, d=1, n=1),
        ind.SkdnCounts(),
    ]
    assert all(r.matches_report for r in result.rows)
    assert result.rows_sum.skdn == ind.SkdnCounts(s=6, k=5, d=3, n=2, t=1)
    # Child 1/7: weighed in both, B's later N decides; K from B; the two without NIK stay two.
    assert result.total.skdn == ind.SkdnCounts(s=4, k=4, d=2, n=2)
    assert result.skdn.total() == result.total.skdn
    wfa = result.total.status[ind.StatusIndex.WEIGHT_FOR_AGE]
    assert (wfa[W.NORMAL], wfa[W.UNDERWEIGHT]) == (1, 0)
    # PB/U was measured only in A: the merged child keeps it, and stays a new stunting case.
    assert result.total.status[ind.StatusIndex.LENGTH_HEIGHT_FOR_AGE][H.STUNTED] == 1
    (stunted,) = result.new_stunting
    assert (stunted.person.name, stunted.posyandu, stunted.length_for_age) == (
        "B child 7",
        ("A", "B"),
        H.STUNTED,
    )
    # A referred the child for T; the referral list keeps every reason any Posyandu found.
    assert [(r.posyandu, r.reasons) for r in result.referrals] == [
        (("A", "B"), (ind.ReferralReason.T,))
    ]
    assert result.total.referrals == 1 and result.rows[0].counts.referrals == 1
    # KEK: the woman in A and C once, at her lowest LILA; the other only in C.
    assert [(w.posyandu, w.lila_cm) for w in result.kek] == [(("A", "C"), 21.5), (("C",), 23.0)]
    assert result.total.kek == 2 and [r.counts.kek for r in result.rows] == [1, 0, 2]
    shared = {(s.nik, s.kind, s.posyandu, s.names) for s in result.shared}
    assert shared == {
        ("6474010101250001", SharedKind.CHILD, ("A", "B"), ("A child 1", "B child 7")),
        ("6474010101250002", SharedKind.CHILD, ("A", "B"), ("A child 2", "B child 8")),
        ("6474014101980001", SharedKind.KEK, ("A", "C"), ("A mother 10", "C mother 4")),
    }


def test_a_child_weighed_in_neither_counts_once_in_s() -> None:
    a = month("A", [(1, "6474010101250001", False)], [])
    b = month("B", [(1, "6474010101250001", False)], [])
    result = recap([a, b])
    assert result.total.skdn == ind.SkdnCounts(s=1)


def test_a_weighing_on_the_same_day_keeps_the_first_posyandu_by_code() -> None:
    a = month("A", [(1, "6474010101250001", True)], [weighing(1, 9, G.O)])
    b = month("B", [(1, "6474010101250001", True)], [weighing(1, 9, G.B)])
    assert recap([b, a]).total.skdn == ind.SkdnCounts(s=1, k=1, d=1, o=1)


def test_a_row_that_does_not_match_its_report_is_flagged() -> None:
    a = month("A", [(1, None, True)], [weighing(1, 9, G.N)])
    edited = replace(a, reported=replace(a.reported, skdn=ind.SkdnCounts(s=1, k=1, d=1, t=1)))
    assert not recap([edited]).rows[0].matches_report


def test_months_must_be_one_period_and_one_file_per_posyandu() -> None:
    a = month("A", [(1, None, True)], [])
    with pytest.raises(ValueError, match="differ in period: 2025-10, 2026-10"):
        recap([a, month("B", [], [], year=2025)])
    with pytest.raises(ValueError, match="more than once: A"):
        recap([a, a])
    with pytest.raises(ValueError, match="no Posyandu month"):
        recap([])


# Babies without a NIK: the mother's NIK, birth date and sex -------------------------------------

MOTHER = "6474014101980001"
OTHER_MOTHER = "6474014101980002"


@dataclass(frozen=True)
class Baby:
    pid: int
    name: str
    sex: Sex = Sex.FEMALE
    mother_nik: str | None = MOTHER
    born: date | None = BIRTH
    weighed_day: int | None = None  # weighed this month (N) on this day
    nik: str | None = None


def babies(code: str, found: Sequence[Baby]) -> PosyanduMonth:
    kids = [ind.Child(b.pid, b.name, b.sex, b.born or BIRTH) for b in found]
    rows = [weighing(b.pid, b.weighed_day, G.N) for b in found if b.weighed_day is not None]
    data = ind.MonthInputs(year=Y, month=M, children=kids, child_measurements=rows)
    people = {
        b.pid: PersonKey(f"{code}-{b.pid}", b.nik, b.name, b.mother_nik, b.born) for b in found
    }
    return posyandu_month(
        code=code,
        name=f"Posyandu {code}",
        indicators=ind.monthly_indicators(data),
        roster=ind.month_roster(data),
        people=people,
    )


def test_a_baby_without_nik_in_two_posyandu_counts_once_by_the_mothers_nik() -> None:
    a = babies("A", [Baby(1, "Bayi Ny. Sari")])  # registered, not weighed here
    b = babies("B", [Baby(5, "Ayu", weighed_day=12), Baby(6, "Dewi", mother_nik=OTHER_MOTHER)])
    result = recap([a, b])
    assert result.rows_sum.skdn == ind.SkdnCounts(s=3, k=3, d=1, n=1)
    assert result.total.skdn == ind.SkdnCounts(s=2, k=2, d=1, n=1)
    assert result.skdn.total() == result.total.skdn
    (shared,) = result.shared
    assert shared == replace(
        shared,
        nik=MOTHER,
        names=("Bayi Ny. Sari", "Ayu"),
        posyandu=("A", "B"),
        kind=SharedKind.CHILD,
        matched_by=MatchedBy.MOTHER_NIK,
    )


def test_a_nik_match_says_so() -> None:
    a = month("A", [(1, "6474010101250001", True)], [])
    b = month("B", [(1, "6474010101250001", True)], [])
    assert [s.matched_by for s in recap([a, b]).shared] == [MatchedBy.NIK]


@pytest.mark.parametrize(
    "other",
    [
        Baby(5, "Bayi Ny. Sari", sex=Sex.MALE),  # twins: a girl in A, a boy in B
        Baby(5, "Bayi Ny. Sari", born=date(2025, 6, 2)),
        Baby(5, "Bayi Ny. Sari", mother_nik=OTHER_MOTHER),
        Baby(5, "Bayi Ny. Sari", born=None),  # no birth date carried: nothing to match on
        Baby(5, "Bayi Ny. Sari", mother_nik=None),
        # A NIK of its own is its key: a record with only the mother's NIK does not meet it.
        Baby(5, "Bayi Ny. Sari", nik="6474014106250001"),
    ],
)
def test_a_baby_differing_in_sex_birth_date_or_mother_stays_two(other: Baby) -> None:
    result = recap([babies("A", [Baby(1, "Bayi Ny. Sari")]), babies("B", [other])])
    assert result.total.skdn.s == 2 and not result.shared


def test_twins_of_one_sex_in_one_posyandu_are_never_merged() -> None:
    twins = [Baby(1, "Hasan"), Baby(2, "Husin")]
    alone = recap([babies("A", twins)])
    assert alone.total.skdn.s == 2 and not alone.shared
    # Registered in B too: each twin meets its own record there by name, never its sibling's.
    both = recap([babies("A", twins), babies("B", [Baby(7, "HUSIN "), Baby(8, "Hasan")])])
    assert both.total.skdn.s == 2
    assert [(s.names, s.matched_by) for s in both.shared] == [
        (("Hasan",), MatchedBy.MOTHER_NIK),
        (("Husin", "HUSIN "), MatchedBy.MOTHER_NIK),
    ]
    # B knows one of them under another name: which twin it is cannot be told, so it counts.
    other_name = recap([babies("A", twins), babies("B", [Baby(7, "Bayi Ny. Sari")])])
    assert other_name.total.skdn.s == 3 and not other_name.shared
    # Twins of one name in A: B's record of that name is one of them, but which is unknown.
    same_name = [Baby(1, "Bayi Ny. Sari"), Baby(2, "Bayi Ny. Sari")]
    unknown = recap([babies("A", same_name), babies("B", [Baby(7, "Bayi Ny. Sari")])])
    assert unknown.total.skdn.s == 3 and not unknown.shared


# Three demo Posyandu --------------------------------------------------------------------------

_TEMPLATES: dict[int, Path] = {}  # seed -> a demo registry built once per test session


def demo_registry(folder: Path, seed: int, children: int = 25) -> Path:
    """A data folder holding the demo Posyandu of `seed` (13 months up to October 2026)."""
    folder.mkdir(parents=True, exist_ok=True)
    if seed not in _TEMPLATES:
        opened = open_data_folder(folder)
        assert isinstance(opened, Opened)
        try:
            load_demo(opened.database, today=TODAY, children=children, months=13, seed=seed)
        finally:
            opened.database.close()
        _TEMPLATES[seed] = folder.parent / f"demo-{seed}.sqlite"
        shutil.copyfile(database_path(folder), _TEMPLATES[seed])
    else:
        shutil.copyfile(_TEMPLATES[seed], database_path(folder))
    return folder


@dataclass(frozen=True)
class Demo:
    months: tuple[PosyanduMonth, ...]
    reports: tuple[ind.MonthlyIndicators, ...]
    shared: tuple[tuple[str, str, str], ...]  # (NIK, first code, second code)


def _posyandu(folder: Path) -> tuple[str, str, str]:
    con = sqlite3.connect(database_path(folder))
    try:
        name, kelurahan, puskesmas = con.execute(
            "SELECT name, kelurahan, puskesmas FROM posyandu"
        ).fetchone()
        return str(name), str(kelurahan), str(puskesmas)
    finally:
        con.close()


def three_posyandu(base: Path) -> Demo:
    """Three demo Posyandu for October 2026; two children of P-01 also appear, with the same
    NIK, in P-02 (weighed in both) and in P-03 (an unweighed child there)."""
    folders = [demo_registry(base / f"p{seed}", seed) for seed in (3, 4, 5)]
    codes = ("P-01", "P-02", "P-03")
    data = [month_inputs(f, Y, M) for f in folders]
    rosters = [ind.month_roster(d) for d in data]
    people = [people_of(f) for f in folders]
    a, b, c = rosters

    def pick(
        roster: tuple[ind.RosterChild, ...], people: dict[int, PersonKey], weighed: bool
    ) -> int:
        return next(
            line.person_id
            for line in roster
            if line.in_s and (line.weighed_on is not None) is weighed and people[line.person_id].nik
        )

    first, second = (
        pick(a, people[0], True),
        [x.person_id for x in a if x.in_s and x.weighed_on and people[0][x.person_id].nik][1],
    )
    shared = []
    for (index, other), mine in zip(
        ((1, pick(b, people[1], True)), (2, pick(c, people[2], False))),
        (first, second),
        strict=True,
    ):
        nik = people[0][mine].nik
        assert nik is not None
        people[index][other] = replace(people[index][other], nik=nik)
        shared.append((nik, codes[0], codes[index]))
    reports = [ind.monthly_indicators(d) for d in data]
    months = []
    for code, folder, report, roster, known in zip(
        codes, folders, reports, rosters, people, strict=True
    ):
        name, kelurahan, puskesmas = _posyandu(folder)
        months.append(
            posyandu_month(
                code=code,
                name=f"{name} ({code})",
                kelurahan=kelurahan,
                puskesmas=puskesmas,
                indicators=report,
                roster=roster,
                people=known,
            )
        )
    return Demo(tuple(months), tuple(reports), tuple(shared))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return three_posyandu(tmp_path_factory.mktemp("recap"))


def test_rows_equal_each_posyandus_own_report(demo: Demo) -> None:
    result = recap(demo.months)
    for row, report in zip(result.rows, demo.reports, strict=True):
        assert row.counts.skdn == report.skdn.total()
        assert row.counts.status == report.status_counts
        assert row.counts.new_stunting == len(report.new_stunting)
        assert row.counts.referrals == len(report.referrals)
        assert row.counts.kek == len(report.kek_pregnant)
        assert (row.counts.cadres_registered, row.counts.cadres_active, row.counts.sessions) == (
            report.cadres_registered,
            report.cadres_active,
            report.sessions,
        )
        assert row.attendance == report.attendance_by_session
        assert row.counts.home_visits == report.home_visits
        assert row.matches_report


def test_the_total_counts_shared_children_once(demo: Demo) -> None:
    result = recap(demo.months)
    by_code = {
        m.code: {c.person.nik: c.line for c in m.children if c.person.nik} for m in demo.months
    }
    expected = result.rows_sum.skdn
    for nik, first, second in demo.shared:
        x, y = by_code[first][nik], by_code[second][nik]
        # The two lines leave; one merged line comes in: S once, K and D if either has it, the
        # KMS letter of the later weighing.
        later = max((x, y), key=lambda line: line.weighed_on or date.min)
        letters = later.skdn
        merged = replace(letters, k=int(x.k or y.k), d=int(bool(x.weighed_on or y.weighed_on)))
        expected = ind.SkdnCounts(
            *(
                getattr(expected, f) - getattr(x.skdn, f) - getattr(y.skdn, f) + getattr(merged, f)
                for f in ("s", "k", "d", "n", "t", "two_t", "o", "b", "bgm")
            )
        )
    assert result.total.skdn == expected
    assert result.total.skdn.s == result.rows_sum.skdn.s - 2
    assert result.total.skdn.d == result.rows_sum.skdn.d - 1  # P-03's copy was not weighed
    assert result.total.skdn.identity_holds
    assert result.skdn.total() == result.total.skdn
    children = [s for s in result.shared if s.kind is SharedKind.CHILD]
    assert sorted((s.nik, *s.posyandu) for s in children) == sorted(demo.shared)
    assert all(len(s.names) == 2 for s in children)
    assert result.puskesmas and result.puskesmas in {m.puskesmas for m in demo.months}
    assert sum(result.total.status_measured(i) for i in ind.StatusIndex) < sum(
        r.counts.status_measured(i) for r in result.rows for i in ind.StatusIndex
    )

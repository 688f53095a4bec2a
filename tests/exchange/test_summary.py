"""report/summary.json: a demo Posyandu month written and read back unchanged, canonical bytes,
the mother's NIK and birth date added within version 1 (a summary without them still reads), and
clear errors for a damaged or foreign file."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.recap import MatchedBy, PersonKey, SharedKind, posyandu_month, recap
from posyandu_desktop.exchange.summary import month_bytes, read_summary, summary_bytes
from posyandu_desktop.settings import database_path
from tests.domain.test_recap import demo_registry
from tests.domain.test_roster import month_inputs

Y, M = 2026, 10
Parts = tuple[ind.MonthlyIndicators, tuple[ind.RosterChild, ...], dict[int, PersonKey]]


def people_with_mothers(folder: Path) -> dict[int, PersonKey]:
    """Every person's key as the export writes it: the mother's NIK from her record, else the
    one written on the child's, and the birth date."""
    con = sqlite3.connect(database_path(folder))
    try:
        rows = con.execute(
            "SELECT p.id, p.uid, p.nik, p.name, COALESCE(m.nik, p.mother_nik), p.birth_date"
            " FROM person p LEFT JOIN person m ON m.id = p.mother_id"
        ).fetchall()
    finally:
        con.close()
    return {
        pid: PersonKey(uid, nik, name, mother, date.fromisoformat(born))
        for pid, uid, nik, name, mother, born in rows
    }


@pytest.fixture(scope="module")
def month_parts(
    tmp_path_factory: pytest.TempPathFactory,
) -> Parts:
    folder = demo_registry(tmp_path_factory.mktemp("summary") / "data", 3)
    data = month_inputs(folder, Y, M)
    people = people_with_mothers(folder)
    # A name outside ASCII, as Indonesian names may be written.
    first = ind.month_roster(data)[0].person_id
    people[first] = replace(people[first], name="Ni Luh Ayu Déwi")
    return ind.monthly_indicators(data), ind.month_roster(data), people


@pytest.fixture(scope="module")
def raw(
    month_parts: Parts,
) -> bytes:
    report, roster, people = month_parts
    return summary_bytes(
        code="P-01",
        name="Posyandu Mawar",
        kelurahan="Api-Api",
        puskesmas="Puskesmas Bontang Utara 1",
        indicators=report,
        roster=roster,
        people=people,
    )


def test_round_trip_gives_the_same_month(
    raw: bytes,
    month_parts: Parts,
) -> None:
    report, roster, people = month_parts
    expected = posyandu_month(
        code="P-01",
        name="Posyandu Mawar",
        kelurahan="Api-Api",
        puskesmas="Puskesmas Bontang Utara 1",
        indicators=report,
        roster=roster,
        people=people,
    )
    back = read_summary(raw)
    assert back == expected
    assert (back.year, back.month, len(back.children)) == (Y, M, len(roster))
    assert [c.line for c in back.children] == list(roster)
    assert back.reported.skdn == report.skdn.total()
    assert month_bytes(back) == raw  # canonical: the same month gives the same bytes
    assert recap([back]).rows[0].matches_report
    assert any(c.line.categories for c in back.children)
    assert any(c.line.referral for c in back.children)


def test_bytes_are_canonical_utf8_json(raw: bytes) -> None:
    doc = json.loads(raw)
    assert (
        raw == json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    )
    assert "Ni Luh Ayu Déwi".encode() in raw
    assert doc["format"] == "posyandu-desktop-summary" and doc["format_version"] == 1
    assert doc["period"] == "2026-10"
    assert doc["posyandu"]["code"] == "P-01"
    child = next(c for c in doc["children"] if c["categories"])
    assert set(child) >= {"uid", "nik", "name", "in_s", "weighed_on", "status", "categories"}
    assert set(child["categories"]) <= {"wfa", "lhfa", "wflh", "bfa"}
    assert doc["totals"]["skdn"]["d"] == sum(
        1 for c in doc["children"] if c["in_s"] and c["weighed_on"]
    )


def test_a_person_missing_from_people_is_refused(
    month_parts: Parts,
) -> None:
    report, roster, people = month_parts
    fewer = {k: v for k, v in people.items() if k != roster[-1].person_id}
    with pytest.raises(ValueError, match=f"person {roster[-1].person_id} of the roster"):
        summary_bytes(code="P", name="P", indicators=report, roster=roster, people=fewer)


def _summary(folder: Path, code: str, people: dict[int, PersonKey]) -> bytes:
    data = month_inputs(folder, Y, M)
    return summary_bytes(
        code=code,
        name=f"Posyandu {code}",
        indicators=ind.monthly_indicators(data),
        roster=ind.month_roster(data),
        people=people,
    )


def test_a_baby_without_nik_in_two_summaries_counts_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    base = tmp_path_factory.mktemp("babies")
    first, second = (demo_registry(base / f"p{seed}", seed) for seed in (3, 4))
    people = [people_with_mothers(first), people_with_mothers(second)]
    roster_a, roster_b = (ind.month_roster(month_inputs(f, Y, M)) for f in (first, second))
    baby = next(line for line in roster_a if line.in_s and not people[0][line.person_id].nik)
    known = people[0][baby.person_id]
    assert known.mother_nik and known.birth_date
    # The same baby in the second Posyandu: registered there with the mother's NIK only.
    other = next(line.person_id for line in roster_b if line.in_s and line.sex is baby.sex)
    people[1][other] = replace(
        people[1][other], nik=None, mother_nik=known.mother_nik, birth_date=known.birth_date
    )
    raw = [_summary(first, "P-01", people[0]), _summary(second, "P-02", people[1])]
    doc = json.loads(raw[0])
    (child,) = (c for c in doc["children"] if c["person_id"] == baby.person_id)
    assert (child["nik"], child["mother_nik"], child["birth_date"]) == (
        None,
        known.mother_nik,
        known.birth_date.isoformat(),
    )
    months = [read_summary(r) for r in raw]
    assert [month_bytes(m) for m in months] == raw
    result = recap(months)
    assert result.total.skdn.s == result.rows_sum.skdn.s - 1
    assert result.total.skdn.identity_holds
    (shared,) = result.shared
    assert (shared.nik, shared.posyandu, shared.kind, shared.matched_by) == (
        known.mother_nik,
        ("P-01", "P-02"),
        SharedKind.CHILD,
        MatchedBy.MOTHER_NIK,
    )
    assert shared.names == (known.name, people[1][other].name)


def test_a_summary_without_mother_nik_or_birth_date_reads_them_as_unknown(raw: bytes) -> None:
    doc = json.loads(raw)
    assert any("mother_nik" in c for c in doc["children"])
    for person in [*doc["children"], *doc["kek_pregnant"]]:
        person.pop("mother_nik", None)
        person.pop("birth_date", None)
    old = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    back = read_summary(old)
    assert all(c.person.mother_nik is None and c.person.birth_date is None for c in back.children)
    assert [c.line for c in back.children] == [c.line for c in read_summary(raw).children]
    # Written only when known: a month without them gives the bytes earlier versions wrote.
    assert month_bytes(back) == old
    nulls = json.loads(raw)
    nulls["children"][0] |= {"mother_nik": None, "birth_date": None}
    assert read_summary(json.dumps(nulls).encode()).children[0].person.birth_date is None


def _edited(raw: bytes, edit: str) -> bytes:
    doc = json.loads(raw)
    match edit:
        case "category":
            next(c for c in doc["children"] if c["categories"])["categories"]["wfa"] = "chubby"
        case "sex":
            doc["children"][0]["sex"] = 3
        case "bool_for_int":
            doc["sessions"] = True
        case "missing":
            del doc["children"][0]["uid"]
        case "format":
            doc["format"] = "something-else"
        case "version":
            doc["format_version"] = 2
        case "period":
            doc["period"] = "2026-13"
        case "date":
            next(c for c in doc["children"] if c["weighed_on"])["weighed_on"] = "yesterday"
        case "birth_date":
            doc["children"][0]["birth_date"] = "2025-02-30"
        case "mother_nik":
            doc["children"][0]["mother_nik"] = 6474014101980001
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("category", r"children\[\d+\]\.categories: unknown wfa category 'chubby'"),
        ("sex", r"children\[0\]\.sex: unknown code 3"),
        ("bool_for_int", r"summary\.sessions: expected int, found True"),
        ("missing", r"children\[0\]: 'uid' is missing"),
        ("format", "not a Posyandu summary"),
        ("version", "version 2 is not supported"),
        ("period", "not a month: '2026-13'"),
        ("date", "not a date: 'yesterday'"),
        ("birth_date", r"children\[0\]\.birth_date: not a date: '2025-02-30'"),
        ("mother_nik", r"children\[0\]\.mother_nik: expected str"),
    ],
)
def test_damaged_summaries_name_what_is_wrong(raw: bytes, edit: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_summary(_edited(raw, edit))


def test_not_json_or_not_utf8(raw: bytes) -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        read_summary(raw[:-10])
    with pytest.raises(ValueError, match="not UTF-8"):
        read_summary(b"\xff\xfe{}")
    with pytest.raises(ValueError, match="'format' is missing"):
        read_summary(b"[1, 2]")


def test_the_ilp_page_travels_in_the_summary_and_adds_up_in_the_recap(
    raw: bytes, month_parts: Parts
) -> None:
    from posyandu_desktop.domain.ilp_report import (
        Count,
        Coverage,
        Finding,
        IlpService,
        IlpVisit,
        ilp_month,
    )
    from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
    from posyandu_desktop.domain.people import Sex
    from posyandu_desktop.domain.vocabulary import ServiceKind

    pregnant = LifeStage.PREGNANT_OR_POSTPARTUM
    kek = frozenset({Finding.KEK})
    ilp = ilp_month(
        Y,
        M,
        [IlpVisit(1, pregnant, Sex.FEMALE, kek, kek), IlpVisit(2, LifeStage.ADULT, Sex.MALE)],
        [
            IlpService(
                3,
                date(Y, M, 4),
                ServiceKind.IMMUNISATION,
                LifeStage.UNDER_FIVE,
                Sex.MALE,
                antigen="IPV 2",
            )
        ],
        vitamin_a_due={VitaminACapsule.RED: 5},
    )
    report, roster, people = month_parts
    with_ilp = summary_bytes(
        code="P-02",
        name="Posyandu Melati",
        indicators=report,
        roster=roster,
        people=people,
        ilp=ilp,
    )
    back = read_summary(with_ilp)
    assert back.ilp == ilp
    assert month_bytes(back) == with_ilp
    assert "ilp" not in json.loads(raw)  # a month without an ILP page keeps its old bytes
    assert read_summary(raw).ilp is None
    both = recap([read_summary(raw), back, replace(back, code="P-03")])
    assert both.ilp_total is not None
    (pregnant_row,) = [r for r in both.ilp_total.stages if r.stage is pregnant]
    assert pregnant_row.seen == 2
    assert pregnant_row.counts[Finding.KEK] == Count(2, 2)
    assert both.ilp_total.vitamin_a[VitaminACapsule.RED] == Coverage(0, 10)
    assert both.ilp_total.immunisation == (("IPV 2", 2),)

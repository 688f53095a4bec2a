"""report/summary.json: a demo Posyandu month written and read back unchanged, canonical bytes,
and clear errors for a damaged or foreign file."""

from __future__ import annotations

import json

import pytest

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.recap import PersonKey, posyandu_month, recap
from posyandu_desktop.exchange.summary import month_bytes, read_summary, summary_bytes
from tests.domain.test_recap import demo_registry
from tests.domain.test_roster import month_inputs, people_of

Y, M = 2026, 10
Parts = tuple[ind.MonthlyIndicators, tuple[ind.RosterChild, ...], dict[int, PersonKey]]


@pytest.fixture(scope="module")
def month_parts(
    tmp_path_factory: pytest.TempPathFactory,
) -> Parts:
    folder = demo_registry(tmp_path_factory.mktemp("summary") / "data", 3)
    data = month_inputs(folder, Y, M)
    people = people_of(folder)
    # A name outside ASCII, as Indonesian names may be written.
    first = ind.month_roster(data)[0].person_id
    people[first] = PersonKey(people[first].uid, people[first].nik, "Ni Luh Ayu Déwi")
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

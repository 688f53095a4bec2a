"""`posyandu-desktop report --format json`: every number, recounted from the registry file with
sqlite3 and plain Python (tests/reports/expected.py), never with `domain.indicators`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.commands.report import main as report
from posyandu_desktop.settings import database_path
from tests.reports.expected import GROUPS, LETTERS, Registry
from tests.reports.helpers import demo_folder

# Months of the demo (13 months up to 20 October 2026) with weighings, referrals and doubts.
MONTHS = ((2026, 10), (2026, 6), (2025, 12))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("json") / "data")


@pytest.fixture(scope="module")
def registry(folder: Path) -> Registry:
    return Registry(database_path(folder))


def _report(
    folder: Path, year: int, month: int, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    assert (
        report(["--data-dir", str(folder), "--month", f"{year}-{month:02d}", "--format", "json"])
        == 0
    )
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


@pytest.mark.parametrize(("year", "month"), MONTHS)
def test_every_number_recounted(
    folder: Path, registry: Registry, year: int, month: int, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _report(folder, year, month, capsys)
    assert found["month"] == f"{year}-{month:02d}"
    cells = registry.skdn(year, month)
    for cell in found["skdn"]["cells"]:
        group = GROUPS.index(tuple(cell["age_months"]))
        assert {x: cell[x] for x in LETTERS} == {x: cells[(cell["sex"], group)][x] for x in LETTERS}
    counts = registry.status_counts(year, month)
    for index, column in (("wfa", "wfa_category"), ("lhfa", "lhfa_category")):
        printed = {f"{index}.{c}": n for c, n in found["status"][index]["categories"].items()}
        assert {k: v for k, v in printed.items() if v} == dict(counts[column])

    name = {pid: p["name"] for pid, p in registry.people.items()}
    stunting = found["new_stunting"]
    assert sorted(name[i] for i in stunting["confirmed"]) == registry.new_stunting(year, month)
    refer, tally, again = registry.referrals(year, month)
    assert sorted((name[i] for i in found["referrals"]), key=str.casefold) == refer
    assert sorted((name[i] for i in found["remeasure"]), key=str.casefold) == again
    for reason, ids in found["referral_reasons"].items():
        if reason != "remeasure":
            assert len(ids) == tally[reason], reason
    lists = [set(stunting[k]) for k in ("confirmed", "suspected", "at_registration", "born_short")]
    assert sum(map(len, lists)) == len(set().union(*lists))  # a child is in one list at most


def test_the_demo_s_typos_are_doubtful_and_left_out(registry: Registry) -> None:
    doubtful = [m for m in registry.measurements if m["doubtful"]]
    assert doubtful, "the demo makes a few deliberate typos"
    for m in doubtful:
        if "weight_kg" in m["doubtful"]:
            assert (m["wfa_category"], m["growth_status"]) == (None, None)
        if "lenhei_cm" in m["doubtful"]:
            assert m["lhfa_category"] is None


def test_json_to_a_file_and_pdf_still_needs_a_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    args = ["--data-dir", str(folder), "--month", "2026-10", "--format", "json", "-o", str(out)]
    assert report(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["json_version"] == 1
    with pytest.raises(SystemExit):
        report(["--data-dir", str(folder), "--month", "2026-10"])

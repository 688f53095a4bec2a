"""Characterisation: what the measuring desk previews and what the save path stores, on the demo
Posyandu, compared with a committed record (`tests/fixtures/measuring_golden.json`).

The record pins today's behaviour so that moving the assessment between modules changes nothing:
z-scores, Permenkes categories, LILA status, BGM, the lying/standing correction, KMS letter and
2T, the statuses of later months after a late entry or a correction, and the plausibility doubts
and refused values of every preview. It is data, not a specification: when behaviour changes on
purpose, regenerate it and review the diff of the JSON file in the same commit:

    POSYANDU_REGENERATE_GOLDEN=1 QT_QPA_PLATFORM=offscreen \\
        .venv/bin/python -m pytest tests/services/test_measuring_golden.py

Floats are kept to 9 decimals: a difference below that is arithmetic done in another order,
anything above is a change in what a cadre would see or what the export carries.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.services import measurements_of
from posyandu_desktop.services.measuring import (
    correct_measurement,
    preview_measurement,
    record_measurement,
)
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, MeasurementRecord, Reading

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "measuring_golden.json"
REGENERATE = os.environ.get("POSYANDU_REGENERATE_GOLDEN") == "1"

TODAY = date(2026, 11, 13)  # a demo Posyandu day (Friday)
SEED, CHILDREN, MONTHS = 11, 24, 12
NEXT_MONTH = timedelta(days=30)  # previews: a month after the person's last measurement


def _plain(value: Any) -> Any:
    """JSON-ready, deterministic: enums by value, dates ISO, floats to 9 decimals."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return round(value, 9) + 0.0
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "_asdict"):  # NamedTuple (Reading, BloodPressure)
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    raise TypeError(f"cannot record {type(value).__name__}")


def _saved(m: MeasurementRecord) -> dict[str, Any]:
    # Not the uid (random) or entry time (clock): they are not computed from the values.
    return {
        "id": m.id,
        "person_id": m.person_id,
        "measured_on": m.measured_on.isoformat(),
        "values": _plain(m.values),
        "findings": _plain(m.findings),
    }


def _kms(db: Database, person_id: PersonId) -> list[list[Any]]:
    """Every weighing of a person with its stored KMS letter and 2T, oldest first."""
    return [
        [m.id, m.measured_on.isoformat(), _plain(m.findings.growth_status), m.findings.two_t]
        for m in measurements_of(db, person_id)
    ]


def _reading(value: float | None) -> Reading | None:
    return None if value is None else Reading(round(value, 2))


def _variants(last: MeasuredValues) -> list[tuple[str, MeasuredValues]]:
    """Values a cadre might type next month, from the person's last measurement."""
    v = last
    weight = None if v.weight_kg is None else v.weight_kg.value
    length = None if v.lenhei_cm is None else v.lenhei_cm.value
    other = {Position.LYING: Position.STANDING, Position.STANDING: Position.LYING}
    variants = [("same", v)]
    if weight is not None:
        variants += [
            ("gained", dataclasses.replace(v, weight_kg=_reading(weight + 0.4))),
            ("lost", dataclasses.replace(v, weight_kg=_reading(weight - 0.2))),
            ("decimal_slip", dataclasses.replace(v, weight_kg=_reading(weight * 10))),
            ("heavy", dataclasses.replace(v, weight_kg=_reading(weight * 1.7))),
            ("oedema", dataclasses.replace(v, oedema=True)),
        ]
    if length is not None:
        variants += [
            ("grew", dataclasses.replace(v, lenhei_cm=_reading(length + 1.0))),
            ("length_slip", dataclasses.replace(v, lenhei_cm=_reading(length + 25.0))),
            (
                "shrank_other_position",
                dataclasses.replace(
                    v,
                    lenhei_cm=_reading(length - 2.0),
                    position=None if v.position is None else other[v.position],
                ),
            ),
        ]
    return variants


def _record(db: Database) -> dict[str, Any]:
    summary = load_demo(db, today=TODAY, children=CHILDREN, months=MONTHS, seed=SEED)
    demo = {"seed": SEED, "children": CHILDREN, "months": MONTHS, "today": TODAY.isoformat()}
    record: dict[str, Any] = {"demo": demo}
    # The save path as the demo days used it: every stored measurement with its findings.
    history = {PersonId(i): measurements_of(db, PersonId(i)) for i in range(1, summary.people + 1)}
    record["saved"] = [_saved(m) for ms in history.values() for m in ms]
    # The desk preview of values typed a month later, for everyone measured before.
    previews = []
    for person_id, ms in history.items():
        if not ms:
            continue
        on = ms[-1].measured_on + NEXT_MONTH
        for name, values in _variants(ms[-1].values):
            outcome = preview_measurement(db, person_id=PersonId(person_id), on=on, values=values)
            previews.append(
                {
                    "person_id": person_id,
                    "on": on.isoformat(),
                    "variant": name,
                    "values": _plain(values),
                    "preview": _plain(outcome.value),
                    "problems": _plain(outcome.problems),
                }
            )
    record["previews"] = previews
    # Late entries and corrections: the save path re-judges the months after them.
    children = [
        pid
        for pid, ms in history.items()
        if sum(m.findings.growth_status is not None for m in ms) >= 4
    ][:6]
    cadre_id = 1
    changes = []
    for pid in children:
        weighed = [m for m in history[pid] if m.values.weight_kg is not None]
        early, late = weighed[1], weighed[-2]
        assert early.values.weight_kg is not None and late.values.weight_kg is not None
        corrected = correct_measurement(
            db,
            cadre_id=CadreId(cadre_id),
            measurement_id=early.id,
            reason="salah ketik",
            values=dataclasses.replace(
                early.values, weight_kg=Reading(round(early.values.weight_kg.value + 0.6, 2))
            ),
            today=TODAY,
        )
        after_correction = _kms(db, pid)
        entered = record_measurement(
            db,
            cadre_id=CadreId(cadre_id),
            person_id=PersonId(pid),
            measured_on=late.measured_on + timedelta(days=3),
            values=MeasuredValues(weight_kg=Reading(round(late.values.weight_kg.value - 0.3, 2))),
            today=TODAY,
        )
        changes.append(
            {
                "person_id": pid,
                "corrected": corrected.ok,
                "kms_after_correction": after_correction,
                "entered_late": _saved(entered.value) if entered.value else None,
                "kms_after_late_entry": _kms(db, pid),
            }
        )
    record["changes"] = changes
    return record


def _dump(record: dict[str, Any]) -> str:
    """Valid JSON with one item per line, so that a regenerated record diffs item by item."""

    def one(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key in sorted(record):
        value = record[key]
        if isinstance(value, list):
            parts.append(f"{one(key)}:[\n" + ",\n".join(one(v) for v in value) + "\n]")
        else:
            parts.append(f"{one(key)}:{one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def test_preview_and_save_outputs_match_the_golden_record(db: Database) -> None:
    text = _dump(_record(db))
    if REGENERATE:
        GOLDEN.write_text(text, encoding="utf-8")
    golden = GOLDEN.read_text(encoding="utf-8")
    record = json.loads(golden)
    # The record covers what it claims to (guards against a silently shrunken regeneration).
    assert len(record["saved"]) >= 200 and len(record["previews"]) >= 200
    assert {p["variant"] for p in record["previews"]} >= {"decimal_slip", "heavy", "oedema", "grew"}
    doubts = {d["doubt"] for p in record["previews"] for d in p["preview"]["doubts"]}
    assert doubts == {"outside_usual_range", "changed_too_much", "decreased", "who_flag"}
    assert sum(c["kms_after_correction"] != c["kms_after_late_entry"] for c in record["changes"])
    assert text == golden

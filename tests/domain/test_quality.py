"""Data-quality figures on hand-made measurements, each figure computed by hand."""

import math
from datetime import date

import pytest

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.quality import (
    ChildMeasurement,
    data_quality,
    flagged_by_z,
    quality_per,
)

DAY = date(2026, 5, 9)


def child(person_id: int, age_days: int, **values: object) -> ChildMeasurement:
    fields: dict[str, object] = {
        "weight_kg": 10.0,
        "lenhei_cm": 80.0,
        "position": Position.LYING if age_days < 731 else Position.STANDING,
        "lila_cm": 14.0,
        "waz": 0.0,
        "haz": 0.0,
        "whz": 0.0,
    }
    fields.update(values)
    return ChildMeasurement(person_id, fields.pop("on", DAY), age_days, **fields)  # type: ignore[arg-type]


def test_every_figure_on_a_small_group() -> None:
    rows = [
        child(1, 100, weight_kg=5.3, lenhei_cm=60.1, lila_cm=None, waz=-1.0, haz=1.0, whz=0.5),
        child(2, 400, weight_kg=9.0, lenhei_cm=75.0, position=Position.STANDING, waz=1.0),
        child(2, 400, weight_kg=9.1, lenhei_cm=None, corrections=2, waz=0.0),
        child(3, 1000, weight_kg=12.0, lenhei_cm=88.0, lila_cm=None, waz=2.0, haz=-1.0),
        child(
            4,
            900,
            weight_kg=30.0,
            waz=5.5,
            whz=5.2,
            haz=-2.0,
            corrections=1,
            weight_doubtful=True,
            lenhei_doubtful=True,
        ),
        child(5, 2000, weight_kg=20.0),  # over five: left out
    ]
    q = data_quality(rows)
    assert q.measurements == 5
    assert (q.values, q.doubtful) == (5 + 4, 2)
    assert q.doubtful_percent == pytest.approx(100 * 2 / 9)
    # Tenths of weights: 3, 0, 1, 0, 0 -> counts 3,1,0,1 of ten digits (expected 0.5 each).
    chi2 = ((3 - 0.5) ** 2 + 2 * (1 - 0.5) ** 2 + 7 * 0.5**2) / 0.5
    assert q.weight_digit_score == pytest.approx(100 * math.sqrt(chi2 / (5 * 9)))
    # Under 731 days with a length: child 1 (lying), child 2's first row (standing).
    assert (q.under_two_measured, q.under_two_lying, q.under_two_lying_percent) == (2, 1, 50.0)
    assert (q.length_due, q.length_missing) == (5, 1)
    # LILA due from 6 months (183 days): every row but child 1's; child 3 has none.
    assert (q.lila_due, q.lila_missing) == (4, 1)
    # SD of WAZ without the doubtful weight: -1, 1, 0, 2 -> mean 0.5.
    assert q.sd_waz == pytest.approx(math.sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3))
    assert q.sd_haz == pytest.approx(math.sqrt(sum((z - 0) ** 2 for z in (1, 0, 0, -1)) / 3))
    assert q.twice_same_day == 1
    assert (q.corrected_records, q.corrections) == (2, 3)
    assert "WAZ" in q.sds_outside_expected and "WHZ" in q.sds_outside_expected


def test_flag_limits_make_values_doubtful() -> None:
    assert flagged_by_z(-6.01, 0.0, 0.0) == (True, False)
    assert flagged_by_z(5.0, 6.0, -5.0) == (False, False)  # on the limit is not beyond it
    assert flagged_by_z(0.0, 6.004, 0.0) == (False, False)  # 2-decimal z is 6.00
    assert flagged_by_z(None, -6.2, 5.3) == (True, True)  # a WHZ flag doubts both


def test_empty_groups_have_no_shares() -> None:
    q = data_quality([])
    assert q.doubtful_percent is None and q.sd_waz is None and q.weight_digit_score is None


def test_per_key_groups() -> None:
    rows = [("a", child(1, 100)), ("b", child(2, 100)), ("a", child(3, 100, lila_cm=None))]
    per = quality_per(rows)
    assert list(per) == ["a", "b"]
    assert per["a"].measurements == 2 and per["b"].measurements == 1

"""Units, rounding to a device's resolution, and the sanity ranges of each instrument."""

import pytest

from posyandu_desktop.devices import (
    LIMITS,
    DeviceKind,
    ReadingProblem,
    Unit,
    check_value,
    round_to_step,
    to_kg,
)


@pytest.mark.parametrize(
    ("value", "unit", "kg"),
    [(4.876, Unit.KG, 4.876), (4876, Unit.G, 4.876), (10.0, Unit.LB, 4.5359237), (0, Unit.LB, 0)],
)
def test_to_kg(value, unit, kg):
    assert to_kg(value, unit) == pytest.approx(kg)


@pytest.mark.parametrize(
    ("value", "step", "rounded"),
    [
        (4.876, 0.01, 4.88),
        (4.874, 0.01, 4.87),
        (4.875, 0.01, 4.88),  # half up, not to even
        (12.345, 0.01, 12.35),
        (9.6, 0.01, 9.6),  # no 9.600000000000001
        (72.35, 0.1, 72.4),
        (72.34, 0.1, 72.3),
        (4.876, 0.005, 4.875),
        (3.7, 0.5, 3.5),
        (3.75, 0.5, 4.0),
    ],
)
def test_round_to_step(value, step, rounded):
    assert round_to_step(value, step) == rounded
    assert repr(round_to_step(value, step)) == repr(rounded)


def test_baby_scale_follows_kemenkes() -> None:
    # Kepmenkes HK.01.07/MENKES/51/2022 (docs/sources/scales.md): 10 g resolution, max 20 kg.
    assert LIMITS[DeviceKind.BABY_SCALE].resolution == 0.01
    assert check_value(DeviceKind.BABY_SCALE, 19.996) == 20.0
    assert check_value(DeviceKind.BABY_SCALE, 20.01) is ReadingProblem.ABOVE_CAPACITY
    assert check_value(DeviceKind.BABY_SCALE, -0.02) is ReadingProblem.NEGATIVE
    assert check_value(DeviceKind.BABY_SCALE, -0.004) == 0.0  # rounds to zero: empty scale


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (DeviceKind.STANDING_SCALE, 62.37, 62.4),
        (DeviceKind.STANDING_SCALE, 150.04, 150.0),
        (DeviceKind.STANDING_SCALE, 151.0, ReadingProblem.ABOVE_CAPACITY),
        (DeviceKind.LENGTH_BOARD, 74.26, 74.3),
        (DeviceKind.LENGTH_BOARD, 151.0, ReadingProblem.ABOVE_CAPACITY),
        (DeviceKind.HEIGHT_BOARD, 199.96, 200.0),
        (DeviceKind.LILA_TAPE, 11.45, 11.5),
        (DeviceKind.HEAD_TAPE, 45.04, 45.0),
        (DeviceKind.HEAD_TAPE, 71.0, ReadingProblem.ABOVE_CAPACITY),
    ],
)
def test_ranges_and_resolution(kind, value, expected):
    assert check_value(kind, value) == expected


def test_a_configured_resolution_overrides_the_kind() -> None:
    assert check_value(DeviceKind.STANDING_SCALE, 62.37, 0.05) == 62.35

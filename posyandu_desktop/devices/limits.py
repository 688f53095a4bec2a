"""Measuring instruments of a Posyandu: their resolution and the largest value they can show."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from posyandu_desktop.devices.readings import ReadingProblem
from posyandu_desktop.devices.units import round_to_step


class DeviceKind(StrEnum):
    """An instrument the Posyandu received (docs/sources/scales.md#instruments)."""

    BABY_SCALE = "baby_scale"
    STANDING_SCALE = "standing_scale"
    LENGTH_BOARD = "length_board"
    HEIGHT_BOARD = "height_board"  # microtoise
    LILA_TAPE = "lila_tape"
    HEAD_TAPE = "head_tape"


@dataclass(frozen=True, slots=True)
class Limits:
    """Resolution and capacity in the instrument's unit (kg for scales, cm for boards and tapes)."""

    resolution: float
    maximum: float


LIMITS: dict[DeviceKind, Limits] = {
    # Kepmenkes HK.01.07/MENKES/51/2022 (docs/sources/scales.md): baby scale 10 g, max 20 kg [C].
    DeviceKind.BABY_SCALE: Limits(0.01, 20.0),
    # Standing-scale resolution and capacity are not in the standard (docs/sources/scales.md [U]);
    # 100 g and 150 kg are what common digital floor scales show.
    DeviceKind.STANDING_SCALE: Limits(0.1, 150.0),
    # Length board 0.1 cm, max 150 cm; microtoise 0.1 cm, max 200 cm (docs/sources/scales.md [C]).
    DeviceKind.LENGTH_BOARD: Limits(0.1, 150.0),
    DeviceKind.HEIGHT_BOARD: Limits(0.1, 200.0),
    # Tapes are read to 0.1 cm like the boards (docs/sources/scales.md#instruments); their lengths
    # are those of common tapes [U].
    DeviceKind.LILA_TAPE: Limits(0.1, 50.0),
    DeviceKind.HEAD_TAPE: Limits(0.1, 70.0),
}


def check_value(
    kind: DeviceKind, value: float, resolution: float | None = None
) -> float | ReadingProblem:
    """The value rounded to the resolution (default: the kind's), or why it cannot be right."""
    limits = LIMITS[kind]
    rounded = round_to_step(value, resolution or limits.resolution)
    if rounded < 0:
        return ReadingProblem.NEGATIVE
    if rounded > limits.maximum:
        return ReadingProblem.ABOVE_CAPACITY
    return rounded if rounded else 0.0  # not -0.0

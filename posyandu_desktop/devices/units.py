"""Units (kg, g, lb) and rounding to a device's resolution."""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal


class Unit(enum.Enum):
    """A unit a scale sends."""

    KG = "kg"
    G = "g"
    LB = "lb"


KG_PER_LB = 0.45359237  # exact, by the international yard and pound agreement (1959)
_KG_PER = {Unit.KG: 1.0, Unit.G: 0.001, Unit.LB: KG_PER_LB}


def to_kg(value: float, unit: Unit) -> float:
    """A weight in kilograms."""
    return value * _KG_PER[unit]


def parse_unit(text: str) -> Unit | None:
    """The unit a device wrote ("kg", "KG", "g", "lb", "lbs"), or None if unknown."""
    word = text.strip().lower()
    return {"kg": Unit.KG, "g": Unit.G, "lb": Unit.LB, "lbs": Unit.LB}.get(word)


def round_to_step(value: float, step: float) -> float:
    """Round half up to a multiple of `step` (0.01 kg, 0.1 cm); decimals avoid 9.6000000001."""
    exact_step = Decimal(str(step))
    steps = (Decimal(str(value)) / exact_step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(steps * exact_step)

"""Decoders for the Bluetooth Weight Scale Service 0x181D
(docs/sources/scales.md#bluetooth-weight-scale-service).

Pure functions on the bytes of a characteristic; the transport is in `ble_scale.py`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import datetime

from posyandu_desktop.devices.readings import ReadingProblem
from posyandu_desktop.devices.units import Unit

WEIGHT_SCALE_SERVICE = "0000181d-0000-1000-8000-00805f9b34fb"
WEIGHT_MEASUREMENT = "00002a9d-0000-1000-8000-00805f9b34fb"
WEIGHT_SCALE_FEATURE = "00002a9e-0000-1000-8000-00805f9b34fb"

# Flags of Weight Measurement (docs/sources/scales.md#weight-measurement); bits 4-7 are reserved and
# ignored.
IMPERIAL = 0x01
TIME_STAMP_PRESENT = 0x02
USER_ID_PRESENT = 0x04
# one bit for both, per the SIG text (docs/sources/scales.md#weight-measurement note)
BMI_AND_HEIGHT_PRESENT = 0x08

UNKNOWN_USER = 0xFF
_UNSUCCESSFUL = 0xFFFF  # "measurement unsuccessful" (docs/sources/scales.md#weight-measurement [U])


@dataclass(frozen=True, slots=True)
class WeightMeasurement:
    """One Weight Measurement indication; `height` is in m (SI) or in (imperial)."""

    weight: float
    unit: Unit  # KG or LB
    time_stamp: datetime | None = None  # None also when the scale sent an unknown date
    user_id: int | None = None  # UNKNOWN_USER when the scale does not know who stood on it
    bmi: float | None = None  # kg/m²
    height: float | None = None


def decode_weight_measurement(data: bytes) -> WeightMeasurement | ReadingProblem:
    """Decode 0x2A9D: flags, weight, then the optional fields in table order
    (docs/sources/scales.md#weight-measurement)."""
    if len(data) < 3:
        return ReadingProblem.PARTIAL
    flags = data[0]
    imperial = bool(flags & IMPERIAL)
    needed = (
        3
        + (7 if flags & TIME_STAMP_PRESENT else 0)
        + (1 if flags & USER_ID_PRESENT else 0)
        + (4 if flags & BMI_AND_HEIGHT_PRESENT else 0)
    )
    if len(data) < needed:
        return ReadingProblem.PARTIAL
    (raw_weight,) = struct.unpack_from("<H", data, 1)
    if raw_weight == _UNSUCCESSFUL:
        return ReadingProblem.UNSUCCESSFUL
    # SI: 0.005 kg per unit; imperial: 0.01 lb per unit (docs/sources/scales.md#weight-measurement).
    weight = round(raw_weight * 0.01, 2) if imperial else round(raw_weight * 0.005, 3)
    at = 3
    time_stamp = None
    if flags & TIME_STAMP_PRESENT:
        time_stamp = _date_time(data[at : at + 7])
        at += 7
    user_id = None
    if flags & USER_ID_PRESENT:
        user_id = data[at]
        at += 1
    bmi = height = None
    if flags & BMI_AND_HEIGHT_PRESENT:
        raw_bmi, raw_height = struct.unpack_from("<HH", data, at)
        bmi = round(raw_bmi * 0.1, 1)
        # SI: 0.001 m per unit; imperial: 0.1 in per unit
        # (docs/sources/scales.md#weight-measurement).
        height = round(raw_height * 0.1, 1) if imperial else round(raw_height * 0.001, 3)
    unit = Unit.LB if imperial else Unit.KG
    return WeightMeasurement(weight, unit, time_stamp, user_id, bmi, height)


def _date_time(data: bytes) -> datetime | None:
    # Date Time: year uint16, month, day, hours, minutes, seconds; 0 means "not known".
    year, month, day, hours, minutes, seconds = struct.unpack("<HBBBBB", data)
    try:
        return datetime(year, month, day, hours, minutes, seconds)
    except ValueError:
        return None


# Weight Scale Feature bits 3-6 and 7-9 (docs/sources/scales.md#scale-feature). The kg values and 1
# lb / 0.01 lb are in docs/sources/scales.md#scale-feature [C]; the other pound steps are the SIG's
# pairing of each kg step [U].
_WEIGHT_RESOLUTIONS: dict[int, tuple[float, float]] = {
    1: (0.5, 1.0),
    2: (0.2, 0.5),
    3: (0.1, 0.2),
    4: (0.05, 0.1),
    5: (0.02, 0.05),
    6: (0.01, 0.02),
    7: (0.005, 0.01),
}
# Height resolution in m (docs/sources/scales.md#scale-feature [C]) and in inches [U].
_HEIGHT_RESOLUTIONS: dict[int, tuple[float, float]] = {
    1: (0.01, 1.0),
    2: (0.005, 0.5),
    3: (0.001, 0.1),
}


@dataclass(frozen=True, slots=True)
class ScaleFeature:
    """What a Bluetooth scale supports; resolutions are None when unspecified."""

    time_stamp: bool
    multiple_users: bool
    bmi: bool
    weight_resolution_kg: float | None
    weight_resolution_lb: float | None
    height_resolution_m: float | None
    height_resolution_in: float | None


def decode_weight_scale_feature(data: bytes) -> ScaleFeature | ReadingProblem:
    """Decode 0x2A9E, a uint32 of feature bits (docs/sources/scales.md#scale-feature)."""
    if len(data) < 4:
        return ReadingProblem.PARTIAL
    (bits,) = struct.unpack_from("<I", data)
    weight = _WEIGHT_RESOLUTIONS.get((bits >> 3) & 0x0F)
    height = _HEIGHT_RESOLUTIONS.get((bits >> 7) & 0x07)
    return ScaleFeature(
        time_stamp=bool(bits & 0x01),
        multiple_users=bool(bits & 0x02),
        bmi=bool(bits & 0x04),
        weight_resolution_kg=weight[0] if weight else None,
        weight_resolution_lb=weight[1] if weight else None,
        height_resolution_m=height[0] if height else None,
        height_resolution_in=height[1] if height else None,
    )

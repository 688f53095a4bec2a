"""Bluetooth Weight Scale decoding, with bytes laid out by hand from docs/sources/scales.md."""

import struct
from datetime import datetime
from itertools import product

import pytest

from posyandu_desktop.devices import (
    ReadingProblem,
    ScaleFeature,
    Unit,
    WeightMeasurement,
    decode_weight_measurement,
    decode_weight_scale_feature,
)

# docs/sources/scales.md#weight-measurement field by field, little-endian: flags (1), weight uint16,
# time stamp (7: year uint16, month, day, hours, minutes, seconds), user ID (1), BMI uint16, height
# uint16.
WEIGHT_RAW = 1920  # SI: 1920 × 0.005 kg = 9.6 kg; imperial: 1920 × 0.01 lb = 19.2 lb
TIME_STAMP = bytes([0xEA, 0x07, 11, 13, 9, 45, 30])  # 2026 = 0x07EA
USER = bytes([3])
BMI_RAW = 165  # × 0.1 = 16.5 kg/m²
HEIGHT_RAW = 763  # SI × 0.001 = 0.763 m; imperial × 0.1 = 76.3 in


def packet(flags: int, weight_raw: int = WEIGHT_RAW) -> bytes:
    data = bytes([flags]) + weight_raw.to_bytes(2, "little")
    if flags & 0x02:
        data += TIME_STAMP
    if flags & 0x04:
        data += USER
    if flags & 0x08:
        data += BMI_RAW.to_bytes(2, "little") + HEIGHT_RAW.to_bytes(2, "little")
    return data


ALL_FLAGS = range(16)  # bits 0-3: units, time stamp, user ID, BMI and height


@pytest.mark.parametrize("flags", ALL_FLAGS, ids=lambda f: f"flags={f:04b}")
def test_every_flag_combination(flags: int) -> None:
    imperial = bool(flags & 0x01)
    expected = WeightMeasurement(
        weight=19.2 if imperial else 9.6,
        unit=Unit.LB if imperial else Unit.KG,
        time_stamp=datetime(2026, 11, 13, 9, 45, 30) if flags & 0x02 else None,
        user_id=3 if flags & 0x04 else None,
        bmi=16.5 if flags & 0x08 else None,
        height=(76.3 if imperial else 0.763) if flags & 0x08 else None,
    )
    data = packet(flags)
    assert len(data) == 3 + 7 * bool(flags & 2) + bool(flags & 4) + 4 * bool(flags & 8)
    assert decode_weight_measurement(data) == expected
    # Reserved bits 4-7 are ignored.
    assert decode_weight_measurement(bytes([flags | 0xF0]) + data[1:]) == expected


@pytest.mark.parametrize("flags", ALL_FLAGS, ids=lambda f: f"flags={f:04b}")
def test_every_flag_combination_cut_short_is_partial(flags: int) -> None:
    assert decode_weight_measurement(packet(flags)[:-1]) is ReadingProblem.PARTIAL


@pytest.mark.parametrize("flags", ALL_FLAGS, ids=lambda f: f"flags={f:04b}")
def test_unsuccessful_measurement(flags: int) -> None:
    assert decode_weight_measurement(packet(flags, 0xFFFF)) is ReadingProblem.UNSUCCESSFUL


@pytest.mark.parametrize(
    ("raw", "imperial", "weight"),
    [
        (0, False, 0.0),
        (1, False, 0.005),
        (4000, False, 20.0),
        (0xFFFE, False, 327.67),
        (1, True, 0.01),
        (0xFFFE, True, 655.34),
    ],
)
def test_weight_resolution(raw: int, imperial: bool, weight: float) -> None:
    decoded = decode_weight_measurement(bytes([int(imperial)]) + struct.pack("<H", raw))
    assert isinstance(decoded, WeightMeasurement) and decoded.weight == weight


def test_unknown_date_and_user() -> None:
    unknown_date = bytes([0x06]) + struct.pack("<H", WEIGHT_RAW) + bytes(7) + bytes([0xFF])
    decoded = decode_weight_measurement(unknown_date)
    assert isinstance(decoded, WeightMeasurement)
    assert decoded.time_stamp is None and decoded.user_id == 0xFF


def test_empty_packet() -> None:
    assert decode_weight_measurement(b"") is ReadingProblem.PARTIAL
    assert decode_weight_measurement(b"\x00\x80") is ReadingProblem.PARTIAL


# docs/sources/scales.md#scale-feature: bits 3-6 weight resolution, bits 7-9 height resolution.
WEIGHT_STEPS_KG = {1: 0.5, 2: 0.2, 3: 0.1, 4: 0.05, 5: 0.02, 6: 0.01, 7: 0.005}
# the two pound steps docs/sources/scales.md#scale-feature names
WEIGHT_STEPS_LB = {1: 1.0, 7: 0.01}
HEIGHT_STEPS_M = {1: 0.01, 2: 0.005, 3: 0.001}


def test_every_feature_combination() -> None:
    for low_bits, weight_index, height_index in product(range(8), range(16), range(8)):
        bits = low_bits | weight_index << 3 | height_index << 7 | 0xFFFFFC00  # + reserved bits
        feature = decode_weight_scale_feature(struct.pack("<I", bits))
        assert isinstance(feature, ScaleFeature)
        assert feature.time_stamp == bool(low_bits & 1)
        assert feature.multiple_users == bool(low_bits & 2)
        assert feature.bmi == bool(low_bits & 4)
        assert feature.weight_resolution_kg == WEIGHT_STEPS_KG.get(weight_index)
        if weight_index in WEIGHT_STEPS_LB:
            assert feature.weight_resolution_lb == WEIGHT_STEPS_LB[weight_index]
        assert (feature.weight_resolution_lb is None) == (weight_index not in WEIGHT_STEPS_KG)
        assert feature.height_resolution_m == HEIGHT_STEPS_M.get(height_index)
        assert (feature.height_resolution_in is None) == (height_index not in HEIGHT_STEPS_M)


def test_feature_cut_short() -> None:
    assert decode_weight_scale_feature(b"\x01\x00\x00") is ReadingProblem.PARTIAL

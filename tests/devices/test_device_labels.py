"""Every devices code has words in English and Indonesian (from the catalog)."""

from enum import Enum

import pytest

from posyandu_desktop.devices import (
    BUILT_IN,
    DeviceKind,
    DeviceStatus,
    LearnProblem,
    ReadingProblem,
)
from posyandu_desktop.i18n.device_labels import (
    device_kind_label,
    device_problem_label,
    protocol_label,
)

CODES: list[Enum] = [*ReadingProblem, *DeviceStatus, *LearnProblem]


def test_code_values_are_unique_across_the_enums() -> None:
    # The words are keyed by value (i18n cannot import devices).
    assert len({c.value for c in CODES}) == len(CODES)


@pytest.mark.parametrize("code", CODES, ids=repr)
def test_problem_words(code: Enum) -> None:
    english, indonesian = device_problem_label(code, "en"), device_problem_label(code, "id")
    assert english and indonesian and english != indonesian


@pytest.mark.parametrize("kind", DeviceKind)
def test_kind_words(kind: DeviceKind) -> None:
    assert device_kind_label(kind, "en") != device_kind_label(kind, "id")


@pytest.mark.parametrize("key", [*(p.key for p in BUILT_IN), "learned"])
def test_protocol_words(key: str) -> None:
    assert protocol_label(key, "en") and protocol_label(key, "id")


def test_known_words() -> None:
    assert device_problem_label(DeviceStatus.BLUETOOTH_UNAVAILABLE, "id") == (
        "Bluetooth tidak tersedia"
    )
    assert device_kind_label(DeviceKind.BABY_SCALE, "id") == "Timbangan bayi"

"""Every devices code has words in English and Indonesian (from the catalog), registered beside
the codes in devices/words.py."""

from enum import Enum

import pytest

from posyandu_desktop.devices import (
    BUILT_IN,
    DeviceKind,
    DeviceStatus,
    LearnProblem,
    ReadingProblem,
)
from posyandu_desktop.devices.words import protocol_label
from posyandu_desktop.i18n.words import words

CODES: list[Enum] = [*ReadingProblem, *DeviceStatus, *LearnProblem, *DeviceKind]


@pytest.mark.parametrize("code", CODES, ids=repr)
def test_code_words(code: Enum) -> None:
    english, indonesian = words(code, lang="en"), words(code, lang="id")
    assert english and indonesian and english != indonesian


@pytest.mark.parametrize("key", [*(p.key for p in BUILT_IN), "learned"])
def test_protocol_words(key: str) -> None:
    assert protocol_label(key, "en") and protocol_label(key, "id")


def test_known_words() -> None:
    assert words(DeviceStatus.BLUETOOTH_UNAVAILABLE, lang="id") == "Bluetooth tidak tersedia"
    assert words(DeviceKind.BABY_SCALE, lang="id") == "Timbangan bayi"

"""Shared test set-up: Qt offscreen before any QApplication, and the shipped WHO tables."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from posyandu_desktop.domain.growth import GrowthStandards
from posyandu_desktop.settings import who_standards


@pytest.fixture(scope="session")
def standards() -> GrowthStandards:
    return who_standards()

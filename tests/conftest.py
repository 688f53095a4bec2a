"""Shared test set-up: Qt offscreen before any QApplication, and the shipped WHO tables."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from posyandu_desktop.domain.growth import GrowthStandards
from posyandu_desktop.settings import who_standards


@pytest.fixture(scope="session")
def standards() -> GrowthStandards:
    return who_standards()


@pytest.fixture(autouse=True)
def _release_folder_locks():
    """Each test starts holding no data folder's lock (store/lock.py keeps them per process)."""
    yield
    held = sys.modules.get("posyandu_desktop.store.lock")
    if held is not None:
        held.release_all()

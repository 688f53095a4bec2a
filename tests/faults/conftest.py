"""Fixtures shared with the device tests (a reader running in a thread)."""

from tests.devices.conftest import running

__all__ = ["running"]

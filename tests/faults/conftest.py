"""Fixtures shared with the device and store tests (a reader in a thread, a registry file)."""

from tests.devices.conftest import running
from tests.store.conftest import db, migrated, post

__all__ = ["db", "migrated", "post", "running"]

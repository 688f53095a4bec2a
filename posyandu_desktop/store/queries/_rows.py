"""Copying ORM rows into frozen records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _names(cls: Callable[..., object]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]


def record(cls: Callable[..., T], row: object, **extra: Any) -> T:
    """A `cls` record from the same-named attributes of `row`; `extra` fills the others."""
    values = {name: getattr(row, name) for name in _names(cls) if name not in extra}
    return cls(**values, **extra)

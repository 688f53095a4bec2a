"""What a service returns when input can be refused: the value, or problem codes saying why.

Problems are codes, never sentences (i18n turns them into words). A refused call has written
nothing: services check what they can before opening the transaction, and raise `InputError`
inside it for the rest, which rolls the whole transaction back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.store import Database, Tx

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem, the input field it concerns and the value that caused it."""

    problem: Problem
    field: Field | None = None
    found: int | float | str | None = None


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """A saved value (with warnings), or the problems that kept anything from being saved."""

    value: T | None = None
    problems: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and self.value is not None

    def unwrap(self) -> T:
        """The value, for callers that know the input was valid; raises ValueError otherwise."""
        if self.value is None or self.problems:
            raise ValueError(f"refused: {self.problems}")
        return self.value


class InputError(Exception):
    """Raised inside a transaction to roll it back and refuse with these issues."""

    def __init__(self, *issues: Issue) -> None:
        super().__init__(issues)
        self.issues = issues


def refused(issues: list[Issue] | tuple[Issue, ...]) -> Outcome[T]:
    """An outcome that saved nothing."""
    return Outcome(problems=tuple(issues))


def attempt(
    db: Database,
    work: Callable[[Tx], Outcome[T]],
    *,
    cadre_id: int | None = None,
    reason: str | None = None,
) -> Outcome[T]:
    """Run `work` in one transaction: committed when it returns, rolled back and refused when
    it raises `InputError`. Audit events name `cadre_id` and `reason`."""
    try:
        with db.transaction(cadre_id=cadre_id, reason=reason) as tx:
            return work(tx)
    except InputError as error:
        return refused(error.issues)

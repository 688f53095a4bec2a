"""New stunting as incidence: which children became stunted in a month, and how sure we are.

A child counts as a *confirmed new case* only when a stunted length follows a non-stunted one
measured here and a second stunted length confirms it (the next month, or a re-measure the same
month); a single stunted length after a normal one is *suspected* and goes on the re-measure list.
A child whose first length here is already stunted was *found at registration* (moved in, or the
first month of using the app): a case, but not one that became stunted here. A child *born short*
had a birth length below the cut-off. Doubtful lengths (stored "diragukan") never count.
The definition and its reasoning: docs/DECISIONS.md#new-stunting-as-incidence. The rule is data
(`IncidenceRule`) so that a Dinkes definition can replace it without touching the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.months import Period, completed_months

__all__ = [
    "INCIDENCE_2026",
    "ChildLengths",
    "IncidenceRule",
    "LengthRecord",
    "NewStuntingLists",
    "new_stunting_lists",
]


@dataclass(frozen=True, slots=True)
class IncidenceRule:
    """The parameters of the new-stunting rule (docs/DECISIONS.md#new-stunting-as-incidence)."""

    version: str
    source: str
    confirm_with: int  # stunted valid lengths in a row after a non-stunted one that confirm a case
    once_in_months: int  # a child is a confirmed new case at most once in this many months
    born_short_below_cm: float  # birth length below this is "born short"
    under_months: int  # only children younger than this (completed months) at the event

    def __post_init__(self) -> None:
        if self.confirm_with < 1 or self.once_in_months < 0 or self.born_short_below_cm <= 0:
            raise ValueError(f"incidence rule {self.version}: bad parameters")


# Birth length < 48 cm: the "panjang badan lahir pendek" cut-off of the Riskesdas reports
# (docs/sources/stunting-incidence.md); a local choice until a Dinkes definition is given.
INCIDENCE_2026 = IncidenceRule(
    version="posyandu-desktop-2026",
    source="Local rule, docs/DECISIONS.md#new-stunting-as-incidence",
    confirm_with=2,
    once_in_months=12,
    born_short_below_cm=48.0,
    under_months=UNDER_FIVE_BELOW_MONTHS,
)


@dataclass(frozen=True, slots=True)
class LengthRecord:
    """One length or height measured at this Posyandu."""

    on: date
    order: int  # entry order among lengths of one date (the row id)
    stunted: bool  # length/height-for-age below -2 SD (pendek or sangat pendek)
    valid: bool = True  # False: the length was stored as doubtful and counts for nothing


@dataclass(frozen=True, slots=True)
class ChildLengths:
    """A child's history as the rule needs it; lengths in any order."""

    person_id: int
    birth_date: date
    birth_length_cm: float | None
    lengths: Sequence[LengthRecord]


@dataclass(frozen=True, slots=True)
class NewStuntingLists:
    """Person ids, ascending. A child is in at most one list."""

    confirmed: tuple[int, ...]
    suspected: tuple[int, ...]
    at_registration: tuple[int, ...]
    born_short: tuple[int, ...]


def new_stunting_lists(
    children: Iterable[ChildLengths],
    year: int,
    month: int,
    rule: IncidenceRule = INCIDENCE_2026,
) -> NewStuntingLists:
    """The month's new stunting under `rule`.

    - confirmed: the `confirm_with`-th stunted valid length in a row after a valid non-stunted
      one fell in the month, and the child was not confirmed in the `once_in_months` before;
    - suspected: at the month's end the child waits for that confirmation (stunted after a
      non-stunted one, not yet confirmed), its latest length taken in the month (the re-measure
      list);
    - at_registration: the child's first valid length here was taken in the month and was
      stunted (unless born short);
    - born_short: born in the month with a birth length below the cut-off.
    Events count only while the child is younger than `rule.under_months`."""
    period = Period(year, month)
    lists: dict[str, list[int]] = {
        "confirmed": [],
        "suspected": [],
        "at_registration": [],
        "born_short": [],
    }
    for child in children:
        found = _child_event(child, period, rule)
        if found is not None:
            lists[found].append(child.person_id)
    return NewStuntingLists(**{name: tuple(sorted(ids)) for name, ids in lists.items()})


def _child_event(child: ChildLengths, period: Period, rule: IncidenceRule) -> str | None:
    def young(on: date) -> bool:
        return on >= child.birth_date and completed_months(child.birth_date, on) < rule.under_months

    born_short = (
        child.birth_length_cm is not None and child.birth_length_cm < rule.born_short_below_cm
    )
    if born_short and Period.of(child.birth_date) == period:
        return "born_short"
    valid = sorted(
        (r for r in child.lengths if r.valid and r.on <= period.last_day),
        key=lambda r: (r.on, r.order),
    )
    if not valid:
        return None
    first = valid[0]
    if Period.of(first.on) == period and first.stunted and young(first.on) and not born_short:
        return "at_registration"
    seen_normal = False
    run = 0  # stunted lengths in a row since the last non-stunted one
    confirmed_at: Period | None = None
    event: str | None = None
    for record in valid:
        if not record.stunted:
            seen_normal, run = True, 0
            continue
        if not seen_normal:
            continue
        run += 1
        at = Period.of(record.on)
        if run == rule.confirm_with:
            recent = (
                confirmed_at is not None and at.index - confirmed_at.index < rule.once_in_months
            )
            if not recent and young(record.on):
                confirmed_at = at
                if at == period:
                    event = "confirmed"
    if event is None and seen_normal and 0 < run < rule.confirm_with:
        latest = valid[-1]
        if Period.of(latest.on) == period and young(latest.on):
            event = "suspected"
    return event

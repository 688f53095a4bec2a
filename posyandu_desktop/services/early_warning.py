"""The early-warning list (Berisiko stunting) from the registry: who is on it today, ranked for
home visits; the month's list with how the list did over the past year (the backtest), for the
monthly report, its JSON and the puskesmas summary; and what to tell the mother.

The rules are `domain/early_warning.py`. A z-score the WHO flags as implausible counts for
nothing here (docs/sources/early-warning.md): the value waits to be measured again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from posyandu_desktop.domain.early_warning import (
    DEFAULT_RULES,
    Advice,
    Backtest,
    ChildHistory,
    GrowthPoint,
    RiskReason,
    StuntingRisk,
    advice_for,
    at_risk,
    parse_advice,
    registry_backtest,
)
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.zscore import Indicator, implausible
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.months import Period
from posyandu_desktop.domain.recap import EarlyWarningFigures, PersonKey
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import Database
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries import early_warning as queries

__all__ = [
    "AtRisk",
    "Chart",
    "EarlyWarning",
    "RiskReason",
    "StuntingRisk",
    "advice",
    "early_warning_of_month",
    "risk_of_person",
    "stunting_risks",
]

# Children judged are under five at the end of the window; a pregnancy lasts about 280 days
# (the mother's LILA "while pregnant with the child" is the one measured in those days).
_PREGNANCY_DAYS = 280
_BACKTEST_MONTHS = 12


@dataclass(frozen=True, slots=True)
class AtRisk:
    """A child on the list, with the name and birth date the screens show."""

    person_id: int
    name: str
    birth_date: date
    risk: StuntingRisk


@dataclass(frozen=True, slots=True)
class EarlyWarning:
    """A month's list (at its last day, or today for the current month) and the backtest of
    the twelve months up to it."""

    period: Period
    children: tuple[AtRisk, ...]
    backtest: Backtest

    def as_json(self) -> dict[str, Any]:
        """The `early_warning` section of `report --format json`."""
        bt = self.backtest
        return {
            "at_risk": [c.person_id for c in self.children],
            "cases": len(bt.cases),
            "warned": len(bt.warned),
            "sensitivity": None if bt.sensitivity is None else round(bt.sensitivity, 4),
            "recovered": len(bt.recovered),
            "list_sizes": dict(zip(map(str, bt.months), bt.list_sizes, strict=True)),
        }

    def figures(self, people: Mapping[int, PersonKey]) -> EarlyWarningFigures:
        """The figures the puskesmas summary carries (`people` names the children listed)."""
        bt = self.backtest
        return EarlyWarningFigures(
            at_risk=tuple((people[c.person_id], c.risk.reasons) for c in self.children),
            months=len(bt.months),
            cases=len(bt.cases),
            warned=len(bt.warned),
            recovered=len(bt.recovered),
            mean_list_size=round(bt.mean_list_size, 2),
        )


@dataclass(frozen=True, slots=True)
class _Registry:
    children: tuple[ChildHistory, ...]
    names: Mapping[int, tuple[str, date]]  # name, birth date
    held: frozenset[Period] | None


def _valid(indicator: Indicator, z: float | None) -> float | None:
    return None if z is None or implausible(indicator, round(z, 2)) else z


def _registry(tx: Tx, upto: date) -> _Registry:
    born_after = Period.of(upto).plus(-UNDER_FIVE_BELOW_MONTHS - _BACKTEST_MONTHS - 3).first_day
    records = queries.children_born_after(tx, born_after)
    points: defaultdict[int, list[GrowthPoint]] = defaultdict(list)
    for g in queries.growth_of_children_born_after(tx, born_after):
        waz = _valid(Indicator.WEIGHT_FOR_AGE, g.waz)
        haz = _valid(Indicator.LENGTH_HEIGHT_FOR_AGE, g.haz)
        points[g.person_id].append(
            GrowthPoint(
                g.measured_on,
                waz,
                haz,
                g.growth_status if waz is not None else None,
                g.two_t and waz is not None,
                order=g.measurement_id,
            )
        )
    mothers = sorted({r.mother_id for r in records if r.mother_id is not None})
    lila: defaultdict[int, list[tuple[date, float]]] = defaultdict(list)
    for m in queries.lila_of(tx, mothers):
        lila[m.person_id].append((m.measured_on, m.lila_cm))

    def in_pregnancy(mother: int | None, birth: date) -> float | None:
        found = [
            cm
            for on, cm in lila.get(mother or -1, [])
            if birth - timedelta(days=_PREGNANCY_DAYS) <= on < birth
        ]
        return min(found) if found else None

    children = tuple(
        ChildHistory(
            r.person_id,
            r.birth_date,
            tuple(points.get(r.person_id, ())),
            r.birth_weight_kg,
            r.birth_length_cm,
            in_pregnancy(r.mother_id, r.birth_date),
            r.left_on,
        )
        for r in records
    )
    names = {r.person_id: (r.name, r.birth_date) for r in records}
    held = frozenset(Period.of(on) for on in queries.posyandu_day_dates(tx))
    # A registry without Posyandu days (measurements typed in from the KMS) counts every month.
    return _Registry(children, names, held or None)


def _listed(registry: _Registry, on: date) -> tuple[AtRisk, ...]:
    ranked = at_risk(registry.children, on, DEFAULT_RULES, held_months=registry.held)
    return tuple(
        AtRisk(r.person_id, registry.names[r.person_id][0], registry.names[r.person_id][1], r)
        for r in ranked
    )


def stunting_risks(db: Database, *, today: date) -> tuple[AtRisk, ...]:
    """The children at risk of stunting today, ranked for home visits (first = visit first)."""
    with db.reading() as tx:
        registry = _registry(tx, today)
    return _listed(registry, today)


def risk_of_person(db: Database, person_id: int, *, today: date) -> StuntingRisk | None:
    """The child's risk today, or None when the child is not on the list."""
    return next((c.risk for c in stunting_risks(db, today=today) if c.person_id == person_id), None)


def early_warning_of_month(
    db: Database, year: int, month: int, *, today: date | None = None
) -> EarlyWarning:
    """The month's list (at its last day, or `today` within the month) and the backtest of the
    twelve months up to it."""
    period = Period(year, month)
    on = min(period.last_day, today) if today is not None else period.last_day
    with db.reading() as tx:
        registry = _registry(tx, on)
    backtest = registry_backtest(
        registry.children, period, months=_BACKTEST_MONTHS, held_months=registry.held
    )
    return EarlyWarning(period, _listed(registry, on), backtest)


@cache
def _messages() -> dict[RiskReason, Advice]:
    path = resource_path("early_warning") / "counselling.json"
    return parse_advice(path.read_text(encoding="utf-8"))


def advice(risk: StuntingRisk) -> tuple[Advice, ...]:
    """What to tell the mother of a child on the list, heaviest reason first."""
    return advice_for(risk, _messages())

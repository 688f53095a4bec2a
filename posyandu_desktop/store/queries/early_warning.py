"""What the early-warning list is computed from: the children born after a date, their
measurements' z-scores and KMS letters, their mothers' LILA, and the months with a Posyandu day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import Measurement, Person, PosyanduDay


@dataclass(frozen=True, slots=True)
class ChildRecord:
    person_id: int
    name: str
    birth_date: date
    birth_weight_kg: float | None
    birth_length_cm: float | None
    mother_id: int | None
    left_on: date | None


@dataclass(frozen=True, slots=True)
class GrowthRecord:
    """One measurement of a child with a weight-for-age or length-for-age z."""

    person_id: int
    measurement_id: int
    measured_on: date
    waz: float | None
    haz: float | None
    growth_status: GrowthStatus | None
    two_t: bool


@dataclass(frozen=True, slots=True)
class LilaRecord:
    person_id: int
    measured_on: date
    lila_cm: float


def children_born_after(tx: Tx, born_after: date) -> tuple[ChildRecord, ...]:
    """Everyone born after `born_after` (moved away or not), by id."""
    rows = tx.execute(
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.birth_date,
            Person.birth_weight_kg,
            Person.birth_length_cm,
            Person.mother_id,
            Person.left_on,
        )
        .where(Person.birth_date > born_after)
        .order_by(Person.id)
    ).all()
    return tuple(ChildRecord(**row._asdict()) for row in rows)


def growth_of_children_born_after(tx: Tx, born_after: date) -> tuple[GrowthRecord, ...]:
    """Their measurements with a WAZ or HAZ, oldest first."""
    rows = tx.execute(
        select(
            Measurement.person_id,
            Measurement.id.label("measurement_id"),
            Measurement.measured_on,
            Measurement.waz,
            Measurement.haz,
            Measurement.growth_status,
            Measurement.two_t,
        )
        .join(Person, Person.id == Measurement.person_id)
        .where(
            Person.birth_date > born_after,
            (Measurement.waz.is_not(None)) | (Measurement.haz.is_not(None)),
        )
        .order_by(Measurement.measured_on, Measurement.id)
    ).all()
    return tuple(GrowthRecord(**row._asdict()) for row in rows)


def lila_of(tx: Tx, person_ids: list[int]) -> tuple[LilaRecord, ...]:
    """Every LILA measured of these people (the mothers), oldest first."""
    if not person_ids:
        return ()
    rows = tx.execute(
        select(Measurement.person_id, Measurement.measured_on, Measurement.lila_cm)
        .where(Measurement.person_id.in_(person_ids), Measurement.lila_cm.is_not(None))
        .order_by(Measurement.measured_on, Measurement.id)
    ).all()
    return tuple(LilaRecord(r.person_id, r.measured_on, float(r.lila_cm)) for r in rows)


def posyandu_day_dates(tx: Tx) -> tuple[date, ...]:
    """The dates of every Posyandu day held."""
    return tuple(tx.scalars(select(PosyanduDay.held_on).order_by(PosyanduDay.held_on)))

"""What the typing aids (the e-PPGBM entry pack, the SIP register) are drawn from: children with
their address and mother, their measurements and services between two dates, read in bulk."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import aliased

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import MeasurementOrigin, ServiceKind
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import Household, Measurement, Person, ServiceGiven


class ChildRow(NamedTuple):
    id: int
    nik: str | None
    name: str
    sex: Sex
    birth_date: date
    birth_weight_kg: float | None
    address: str
    rt: int | None
    rw: int | None
    mother: str
    father: str
    left_on: date | None
    created_at: datetime


class TakenRow(NamedTuple):
    person_id: int
    measured_on: date
    weight_kg: float | None
    lenhei_cm: float | None
    position: Position | None
    lila_cm: float | None
    headc_cm: float | None


class GivenRow(NamedTuple):
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None
    detail: str


def children_born_after(tx: Tx, born_after: date) -> tuple[ChildRow, ...]:
    """Everyone born after `born_after`, by name, with the household's address and the names
    of mother and father ('' when unknown)."""
    mother, father = aliased(Person), aliased(Person)
    rows = tx.execute(
        select(
            Person.id,
            Person.nik,
            Person.name,
            Person.sex,
            Person.birth_date,
            Person.birth_weight_kg,
            Household.address,
            Household.rt,
            Household.rw,
            mother.name,
            father.name,
            Person.left_on,
            Person.created_at,
        )
        .outerjoin(Household, Household.id == Person.household_id)
        .outerjoin(mother, mother.id == Person.mother_id)
        .outerjoin(father, father.id == Person.father_id)
        .where(Person.birth_date > born_after)
        .order_by(Person.name_key, Person.birth_date, Person.id)
    )
    return tuple(
        ChildRow(*r[:6], r[6] or "", r[7], r[8], r[9] or "", r[10] or "", r[11], r[12])
        for r in rows
    )


def taken_between(tx: Tx, first: date, last: date) -> tuple[TakenRow, ...]:
    """Measurements taken here (not copied from the Buku KIA) from `first` to `last`, by date."""
    rows = tx.execute(
        select(*(getattr(Measurement, name) for name in TakenRow._fields))
        .where(Measurement.measured_on >= first, Measurement.measured_on <= last)
        .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(TakenRow(*r) for r in rows)


def measured_before(tx: Tx, before: date) -> frozenset[int]:
    """The people with a measurement (not copied from the Buku KIA) before `before`."""
    return frozenset(
        tx.scalars(
            select(Measurement.person_id)
            .where(Measurement.measured_on < before)
            .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
            .distinct()
        )
    )


def given_between(tx: Tx, first: date, last: date) -> tuple[GivenRow, ...]:
    """Services given from `first` to `last`, by date."""
    rows = tx.execute(
        select(*(getattr(ServiceGiven, name) for name in GivenRow._fields))
        .where(ServiceGiven.given_on >= first, ServiceGiven.given_on <= last)
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(GivenRow(*r) for r in rows)

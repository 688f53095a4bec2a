"""What the ILP page and the desks 3-5 list read: the month's measurements with the values the
life-stage forms judge, and the services with their detail (the antigen of an immunisation)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from posyandu_desktop.domain.growth.classify import Category
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.queries.measurements import _record as measurement_record
from posyandu_desktop.store.queries.people import _listing, _listing_select
from posyandu_desktop.store.records import ArrivalRecord, MeasurementRecord, PersonListing
from posyandu_desktop.store.tables import Arrival, Measurement, Person, ServiceGiven


class IlpMeasurementRow(NamedTuple):
    id: int
    person_id: int
    measured_on: date
    bmi: float | None
    lila_cm: float | None
    waist_cm: float | None
    glucose_mg_dl: float | None
    systolic_mmhg: int | None
    diastolic_mmhg: int | None
    wflh_category: Category | None
    bfa_category: Category | None


class IlpServiceRow(NamedTuple):
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None
    detail: str


def measurements_between(tx: Tx, first: date, last: date) -> tuple[IlpMeasurementRow, ...]:
    """Measurements taken here (or on a home visit) from `first` to `last`, by date."""
    rows = tx.execute(
        select(*(getattr(Measurement, name) for name in IlpMeasurementRow._fields))
        .where(Measurement.measured_on >= first, Measurement.measured_on <= last)
        .where(Measurement.origin.is_(None))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(IlpMeasurementRow(*r) for r in rows)


def services_between(tx: Tx, first: date, last: date) -> tuple[IlpServiceRow, ...]:
    """Services given here from `first` to `last` (not those copied from the Buku KIA)."""
    rows = tx.execute(
        select(*(getattr(ServiceGiven, name) for name in IlpServiceRow._fields))
        .where(ServiceGiven.given_on >= first, ServiceGiven.given_on <= last)
        .where(ServiceGiven.from_kia_book.is_(False))
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(IlpServiceRow(*r) for r in rows)


def day_results(
    tx: Tx, day_id: int
) -> tuple[tuple[ArrivalRecord, PersonListing, MeasurementRecord | None], ...]:
    """The day's arrivals in queue order, who they are, and their latest measurement of the
    day (None: not measured yet)."""
    measured = {
        row.person_id: row
        for row in tx.scalars(
            select(Measurement).where(Measurement.day_id == day_id).order_by(Measurement.id)
        )
    }
    rows = tx.execute(
        _listing_select()
        .add_columns(Arrival)
        .join(Arrival, Arrival.person_id == Person.id)
        .where(Arrival.day_id == day_id)
        .order_by(Arrival.queue_number)
    )
    found = []
    for row in rows:
        listing = _listing(row)
        latest = measured.get(listing.id)
        found.append(
            (
                record(ArrivalRecord, row[-1]),
                listing,
                None if latest is None else measurement_record(latest),
            )
        )
    return tuple(found)

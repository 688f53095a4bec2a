"""The plain facts the data-quality figures and the cadre sheet are computed from, for a month
(domain/quality.py): children's measurements with who entered them, people served, referrals."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from posyandu_desktop.domain.quality import ChildMeasurement, flagged_by_z
from posyandu_desktop.domain.vocabulary import MeasurementOrigin, ServiceKind
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import Measurement, Person, ServiceGiven


class ServedRow(NamedTuple):
    """A person a cadre measured or gave a service to, on a date, with what dates the stage."""

    cadre_id: int
    person_id: int
    on: date
    birth_date: date
    pregnant: bool
    delivered_on: date | None


def child_measurements(tx: Tx, first: date, last: date) -> tuple[tuple[int, ChildMeasurement], ...]:
    """(entered by, facts) of each measurement taken here between the dates (imports and weights
    copied from the Buku KIA are not this Posyandu's measuring). Doubtful: beyond the WHO flag
    limits of the stored z-scores."""
    rows = tx.execute(
        select(
            Measurement.entered_by,
            Measurement.person_id,
            Measurement.measured_on,
            Measurement.age_days,
            Measurement.weight_kg,
            Measurement.lenhei_cm,
            Measurement.position,
            Measurement.lila_cm,
            Measurement.waz,
            Measurement.haz,
            Measurement.whz,
            Measurement.corrections,
        )
        .where(Measurement.measured_on.between(first, last))
        .where(Measurement.origin.is_(None))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    found = []
    for r in rows:
        weight_doubtful, lenhei_doubtful = flagged_by_z(r.waz, r.haz, r.whz)
        fact = ChildMeasurement(
            r.person_id,
            r.measured_on,
            r.age_days,
            r.weight_kg,
            r.lenhei_cm,
            r.position,
            r.lila_cm,
            r.waz,
            r.haz,
            r.whz,
            weight_doubtful,
            lenhei_doubtful,
            r.corrections,
        )
        found.append((r.entered_by, fact))
    return tuple(found)


def served(tx: Tx, first: date, last: date) -> tuple[ServedRow, ...]:
    """Each measurement and service entered between the dates, as who served whom when."""
    person = (Person.birth_date, Person.pregnant, Person.delivered_on)
    measured = tx.execute(
        select(Measurement.entered_by, Measurement.person_id, Measurement.measured_on, *person)
        .join(Person, Person.id == Measurement.person_id)
        .where(Measurement.measured_on.between(first, last))
        .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
    )
    given = tx.execute(
        select(ServiceGiven.entered_by, ServiceGiven.person_id, ServiceGiven.given_on, *person)
        .join(Person, Person.id == ServiceGiven.person_id)
        .where(ServiceGiven.given_on.between(first, last))
        .where(ServiceGiven.from_kia_book.is_(False))
    )
    return tuple(ServedRow(*r) for rows in (measured, given) for r in rows)


def referrals_by_cadre(tx: Tx, first: date, last: date) -> dict[int, int]:
    """Referrals to the puskesmas each cadre recorded between the dates (people, once a day)."""
    rows = tx.execute(
        select(ServiceGiven.entered_by, ServiceGiven.person_id, ServiceGiven.given_on)
        .where(ServiceGiven.kind == ServiceKind.REFERRAL)
        .where(ServiceGiven.given_on.between(first, last))
        .distinct()
    )
    counts: dict[int, int] = {}
    for cadre_id, _, _ in rows:
        counts[cadre_id] = counts.get(cadre_id, 0) + 1
    return counts

"""What the monthly report is computed from, read in bulk: whole columns, no ORM objects, so a
Posyandu with 500 children and two years of weighings reads in a few tens of milliseconds."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select

from posyandu_desktop.domain.growth.classify import Category
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import (
    AuditAction,
    MeasurementOrigin,
    ServiceKind,
    VisitReason,
)
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import (
    AuditEvent,
    CadreAttendance,
    HomeVisit,
    HomeVisitCadre,
    Measurement,
    Person,
    PosyanduDay,
    ServiceGiven,
)


class PersonRow(NamedTuple):
    id: int
    name: str
    sex: Sex
    birth_date: date
    left_on: date | None
    pregnant: bool
    delivered_on: date | None
    kia_book_seen: bool  # birth weight or a service copied from the Buku KIA


class MeasurementRow(NamedTuple):
    id: int
    person_id: int
    measured_on: date
    entered_by: int
    weight_kg: float | None
    growth_status: GrowthStatus | None
    two_t: bool
    wfa_category: Category | None
    lhfa_category: Category | None
    wflh_category: Category | None
    bfa_category: Category | None
    oedema: bool
    lila_cm: float | None
    systolic_mmhg: int | None
    diastolic_mmhg: int | None


class ServiceRow(NamedTuple):
    person_id: int
    given_on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None


class VisitRow(NamedTuple):
    visited_on: date
    reason: VisitReason
    cadre_ids: tuple[int, ...]


class SessionRow(NamedTuple):
    held_on: date
    cadre_ids: frozenset[int]


def people(tx: Tx) -> tuple[PersonRow, ...]:
    """Everyone in the registry, with whether their Buku KIA was seen."""
    from_book = set(
        tx.scalars(select(ServiceGiven.person_id).where(ServiceGiven.from_kia_book.is_(True)))
    )
    rows = tx.execute(
        select(
            Person.id,
            Person.name,
            Person.sex,
            Person.birth_date,
            Person.left_on,
            Person.pregnant,
            Person.delivered_on,
            Person.birth_weight_kg,
        ).order_by(Person.id)
    )
    return tuple(
        PersonRow(*r[:7], r.birth_weight_kg is not None or r.id in from_book) for r in rows
    )


def measurements_until(tx: Tx, last: date) -> tuple[MeasurementRow, ...]:
    """Every measurement up to `last` inclusive, by date then entry order; a weight copied from
    the Buku KIA is left out (the child was not weighed here that month; it only gave the next
    weighing its N or T)."""
    rows = tx.execute(
        select(*(getattr(Measurement, name) for name in MeasurementRow._fields))
        .where(Measurement.measured_on <= last)
        .where(Measurement.origin.is_distinct_from(MeasurementOrigin.KIA_BOOK))
        .order_by(Measurement.measured_on, Measurement.id)
    )
    return tuple(MeasurementRow(*r) for r in rows)


def services_between(tx: Tx, first: date, last: date) -> tuple[ServiceRow, ...]:
    rows = tx.execute(
        select(
            ServiceGiven.person_id, ServiceGiven.given_on, ServiceGiven.kind, ServiceGiven.capsule
        )
        .where(ServiceGiven.given_on >= first, ServiceGiven.given_on <= last)
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(ServiceRow(*r) for r in rows)


def home_visits_between(tx: Tx, first: date, last: date) -> tuple[VisitRow, ...]:
    """Home visits from `first` to `last` with the cadres who went."""
    visits = tx.execute(
        select(HomeVisit.id, HomeVisit.visited_on, HomeVisit.reason)
        .where(HomeVisit.visited_on >= first, HomeVisit.visited_on <= last)
        .order_by(HomeVisit.visited_on, HomeVisit.id)
    ).all()
    went: defaultdict[int, list[int]] = defaultdict(list)
    for visit_id, cadre_id in tx.execute(
        select(HomeVisitCadre.home_visit_id, HomeVisitCadre.cadre_id)
        .join(HomeVisit, HomeVisit.id == HomeVisitCadre.home_visit_id)
        .where(HomeVisit.visited_on >= first, HomeVisit.visited_on <= last)
        .order_by(HomeVisitCadre.id)
    ):
        went[visit_id].append(cadre_id)
    return tuple(VisitRow(v.visited_on, v.reason, tuple(went[v.id])) for v in visits)


def sessions_between(tx: Tx, posyandu_id: int, first: date, last: date) -> tuple[SessionRow, ...]:
    """The Posyandu days held from `first` to `last` and who signed in (any desk)."""
    days = tx.execute(
        select(PosyanduDay.id, PosyanduDay.held_on)
        .where(
            PosyanduDay.posyandu_id == posyandu_id,
            PosyanduDay.held_on >= first,
            PosyanduDay.held_on <= last,
        )
        .order_by(PosyanduDay.held_on)
    ).all()
    signed: defaultdict[int, set[int]] = defaultdict(set)
    for day_id, cadre_id in tx.execute(
        select(CadreAttendance.day_id, CadreAttendance.cadre_id).where(
            CadreAttendance.day_id.in_([d.id for d in days])
        )
    ):
        signed[day_id].add(cadre_id)
    return tuple(SessionRow(d.held_on, frozenset(signed[d.id])) for d in days)


def corrections_by_cadre(tx: Tx, start: datetime, end: datetime) -> dict[int, int]:
    """Measurements corrected per cadre in [start, end): audit updates that counted a correction
    (recomputed KMS statuses of other weighings also update rows, but not `corrections`)."""
    found: defaultdict[int, int] = defaultdict(int)
    for cadre_id, changes in tx.execute(
        select(AuditEvent.cadre_id, AuditEvent.changes).where(
            AuditEvent.table_name == Measurement.__tablename__,
            AuditEvent.action == AuditAction.UPDATE,
            AuditEvent.at >= start,
            AuditEvent.at < end,
            AuditEvent.cadre_id.is_not(None),
        )
    ):
        if cadre_id is not None and "corrections" in json.loads(changes):
            found[cadre_id] += 1
    return dict(found)

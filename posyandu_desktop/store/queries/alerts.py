"""What the home screen's alerts are computed from: this month's measurements per person, and
the LILA of pregnant women."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import aliased

from posyandu_desktop.domain.growth.classify import STUNTED, Category, LilaStatus
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import Measurement, Person


@dataclass(frozen=True, slots=True)
class LatestOfMonth:
    """A person's last measurement in a month, with what the alerts need."""

    person_id: int
    name: str
    birth_date: date
    measured_on: date
    oedema: bool
    waz: float | None
    haz: float | None
    whz: float | None
    baz: float | None
    hcz: float | None
    acz: float | None
    lhfa_category: Category | None
    two_t: bool
    stunted_before: bool  # an earlier month's measurement was already stunted


@dataclass(frozen=True, slots=True)
class PregnantLila:
    """A pregnant woman's latest LILA."""

    person_id: int
    name: str
    birth_date: date
    measured_on: date
    lila_cm: float
    lila_status: LilaStatus | None


def _present(on: date) -> ColumnElement[bool]:
    return or_(Person.left_on.is_(None), Person.left_on > on)


def latest_of_month(
    tx: Tx, *, month_start: date, month_end: date, notable_z: float
) -> tuple[LatestOfMonth, ...]:
    """Each present person's last measurement in [month_start, month_end), by name; only those
    that may raise an alert: 2T, oedema, a stunted length, or some |z| >= `notable_z` (the
    caller decides exactly; this keeps hundreds of unremarkable rows out of Python)."""
    ranked = (
        select(
            Measurement,
            func.row_number()
            .over(
                partition_by=Measurement.person_id,
                order_by=(Measurement.measured_on.desc(), Measurement.id.desc()),
            )
            .label("newest_first"),
        )
        .where(Measurement.measured_on >= month_start, Measurement.measured_on < month_end)
        .subquery()
    )
    latest = aliased(Measurement, ranked)
    scores = (latest.waz, latest.haz, latest.whz, latest.baz, latest.hcz, latest.acz)
    rows = tx.execute(
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.birth_date,
            latest.measured_on,
            latest.oedema,
            *scores,
            latest.lhfa_category,
            latest.two_t,
        )
        .join(Person, Person.id == latest.person_id)
        .where(
            ranked.c.newest_first == 1,
            _present(month_start),
            or_(
                latest.two_t.is_(True),
                latest.oedema.is_(True),
                latest.lhfa_category.in_(STUNTED),
                *(func.abs(z) >= notable_z for z in scores),
            ),
        )
    ).all()
    ids = [row.person_id for row in rows]
    stunted_before = set(
        tx.scalars(
            select(Measurement.person_id)
            .where(
                Measurement.person_id.in_(ids),
                Measurement.measured_on < month_start,
                Measurement.lhfa_category.in_(STUNTED),
            )
            .distinct()
        )
    )
    found = [
        LatestOfMonth(**row._asdict(), stunted_before=row.person_id in stunted_before)
        for row in rows
    ]
    return tuple(sorted(found, key=lambda r: (r.name.casefold(), r.person_id)))


def pregnant_lila(tx: Tx, *, since: date, on: date) -> tuple[PregnantLila, ...]:
    """The latest LILA since `since` of each woman marked pregnant and still present, by name."""
    rows = tx.execute(
        select(
            Person.id.label("person_id"),
            Person.name,
            Person.birth_date,
            Measurement.measured_on,
            Measurement.lila_cm,
            Measurement.lila_status,
        )
        .join(Person, Person.id == Measurement.person_id)
        .where(
            Person.pregnant.is_(True),
            _present(on),
            Measurement.lila_cm.is_not(None),
            Measurement.measured_on >= since,
        )
        .order_by(Person.id, Measurement.measured_on, Measurement.id)
    ).all()
    last = {row.person_id: row for row in rows}
    found = [PregnantLila(**row._asdict()) for row in last.values()]
    return tuple(sorted(found, key=lambda r: (r.name.casefold(), r.person_id)))

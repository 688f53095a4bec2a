"""Households and people, the services they were given, and imports of whole registers.

Households and people: registration, duplicates, search and the list of children under five.

What an import needs from the registry in a few statements, and its rows written in bulk.

A bulk Core insert bypasses the flush that writes audit events (store/audit.py): the imported
measurements get their CREATE events here, in the same transaction.

Services given at the post or on a home visit (vitamin A, deworming, iron tablets ...).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    Table,
    and_,
    case,
    exists,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased

from posyandu_desktop.domain.life_events import LeftReason
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import AuditAction, MeasurementOrigin, ServiceKind
from posyandu_desktop.store.audit import CADRE, REASON, plain
from posyandu_desktop.store.columns import utc_now
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.queries._rows import record
from posyandu_desktop.store.queries.measurements import Weighing
from posyandu_desktop.store.records import (
    BalitaRow,
    HouseholdRecord,
    PersonListing,
    PersonRecord,
    ServiceRecord,
)
from posyandu_desktop.store.tables import (
    AuditEvent,
    Cadre,
    Household,
    Measurement,
    Person,
    ServiceGiven,
    new_uid,
)

_NOT_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = str.maketrans("", "", "'`’‘")


def name_key(name: str) -> str:
    """A name as search compares it: lower case, no accents, no apostrophes ("Nur'aini" is
    found by "nuraini"), other punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain.translate(_APOSTROPHES).lower()).split())


def add_household(
    tx: Tx,
    *,
    head_name: str,
    address: str,
    rt: int | None,
    rw: int | None,
    kelurahan: str,
    phone: str,
) -> HouseholdRecord:
    """Insert a household."""
    row = Household(
        head_name=head_name, address=address, rt=rt, rw=rw, kelurahan=kelurahan, phone=phone
    )
    tx.add(row)
    tx.flush()
    return record(HouseholdRecord, row)


def get_household(tx: Tx, household_id: int) -> HouseholdRecord | None:
    """The household with this id, or None."""
    row = tx.get(Household, household_id)
    return None if row is None else record(HouseholdRecord, row)


def add_person(
    tx: Tx,
    *,
    name: str,
    sex: Sex,
    birth_date: date,
    household_id: int | None = None,
    nik: str | None = None,
    mother_nik: str | None = None,
    birth_weight_kg: float | None = None,
    birth_length_cm: float | None = None,
    mother_id: int | None = None,
    father_id: int | None = None,
    caregiver_id: int | None = None,
    pregnant: bool = False,
    delivered_on: date | None = None,
) -> PersonRecord:
    """Insert a person (checks for duplicates are the caller's: see `possible_duplicates`)."""
    row = Person(
        name=name,
        name_key=name_key(name),
        sex=sex,
        birth_date=birth_date,
        household_id=household_id,
        nik=nik,
        mother_nik=mother_nik,
        birth_weight_kg=birth_weight_kg,
        birth_length_cm=birth_length_cm,
        mother_id=mother_id,
        father_id=father_id,
        caregiver_id=caregiver_id,
        pregnant=pregnant,
        delivered_on=delivered_on,
    )
    tx.add(row)
    tx.flush()
    return record(PersonRecord, row)


def get_person(tx: Tx, person_id: int) -> PersonRecord | None:
    """The person with this id, or None."""
    row = tx.get(Person, person_id)
    return None if row is None else record(PersonRecord, row)


def person_id_by_nik(tx: Tx, nik: str) -> int | None:
    """The id of the person with this NIK, or None."""
    return tx.scalar(select(Person.id).where(Person.nik == nik))


def possible_duplicates(
    tx: Tx, *, name: str, birth_date: date, mother_id: int | None, mother_nik: str | None
) -> tuple[int, ...]:
    """Ids of people with the same name (as search compares it) and birth date, and the same
    mother where one is known for both."""
    same_mother: ColumnElement[bool] = true()
    if mother_id is not None:
        same_mother = or_(Person.mother_id.is_(None), Person.mother_id == mother_id)
    elif mother_nik is not None:
        same_mother = or_(Person.mother_nik.is_(None), Person.mother_nik == mother_nik)
    return tuple(
        tx.scalars(
            select(Person.id).where(
                Person.name_key == name_key(name), Person.birth_date == birth_date, same_mother
            )
        )
    )


def set_pregnancy(tx: Tx, person_id: int, *, pregnant: bool, delivered_on: date | None) -> None:
    """Record whether a woman is pregnant and when she last delivered."""
    row = tx.get_one(Person, person_id)
    row.pregnant, row.delivered_on = pregnant, delivered_on
    tx.flush()


def set_left(tx: Tx, person_id: int, left_on: date | None, reason: LeftReason | None) -> None:
    """Record that a person moved away or died, and why (None, None: back again)."""
    row = tx.get_one(Person, person_id)
    row.left_on, row.left_reason = left_on, reason
    tx.flush()


_Mother = aliased(Person, name="mother")
_LISTING = (
    Person.id,
    Person.name,
    Person.nik,
    Person.sex,
    Person.birth_date,
    Person.pregnant,
    Person.delivered_on,
    _Mother.name.label("mother_name"),
    Household.address,
    Household.rt,
    Household.rw,
)


def _listing_select() -> Select[*tuple[Any, ...]]:
    return (
        select(*_LISTING)
        .outerjoin(_Mother, _Mother.id == Person.mother_id)
        .outerjoin(Household, Household.id == Person.household_id)
    )


def _listing(row: Sequence[Any]) -> PersonListing:
    # Positional: _LISTING lists PersonListing's fields in order (a test checks it). Long lists
    # (the due list, thousands of rows) spend most of their time here, and names cost 3x more.
    return PersonListing(*row[: len(_LISTING)])


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _word_starts(column: SQLColumnExpression[str], words: Sequence[str]) -> ColumnElement[bool]:
    # Every typed word starts some word of the name: "sit ami" finds "Siti Aminah".
    return and_(*((" " + column).like(f"% {_escaped(w)}%", escape="\\") for w in words))


def _prefix(column: SQLColumnExpression[str | None], prefix: str) -> ColumnElement[bool]:
    # A range instead of LIKE, so SQLite can use the index on the NIK column.
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def search(
    tx: Tx,
    *,
    words: Sequence[str] = (),
    nik_prefix: str = "",
    rt: int | None = None,
    rw: int | None = None,
    limit: int = 30,
    include_left: bool = False,
) -> tuple[PersonListing, ...]:
    """People whose name (or whose mother's name) has words starting with each of `words`, whose
    NIK (own, or mother's for infants) starts with `nik_prefix`, in RT/RW; own name or NIK
    matches first, then alphabetical. `words` must already be `name_key`-normalised."""
    stmt = _listing_select()
    if rt is not None:
        stmt = stmt.where(Household.rt == rt)
    if rw is not None:
        stmt = stmt.where(Household.rw == rw)
    if not include_left:
        stmt = stmt.where(Person.left_on.is_(None))
    # In name order, as the (name_key, birth_date) index holds them: SQLite walks it and stops
    # at `limit` instead of sorting every match (a one-letter search matches thousands).
    by_name = (Person.name_key, Person.birth_date, Person.id)
    if words and not nik_prefix:
        own = _word_starts(Person.name_key, words)
        found = list(tx.execute(stmt.where(own).order_by(*by_name).limit(limit)))
        if len(found) < limit:  # then children found by their mother's name
            mothers = stmt.where(_word_starts(_Mother.name_key, words), ~own)
            found += tx.execute(mothers.order_by(*by_name).limit(limit - len(found)))
        return tuple(_listing(row) for row in found)
    order: list[ColumnElement[object]] = []
    if words:
        own = _word_starts(Person.name_key, words)
        stmt = stmt.where(or_(own, _word_starts(_Mother.name_key, words)))
        order.append(case((own, 0), else_=1))
    if nik_prefix:
        own_nik = _prefix(Person.nik, nik_prefix)
        stmt = stmt.where(
            or_(own_nik, _prefix(Person.mother_nik, nik_prefix), _prefix(_Mother.nik, nik_prefix))
        )
        order.append(case((own_nik, 0), else_=1))
    stmt = stmt.order_by(*order, *by_name).limit(limit)
    return tuple(_listing(row) for row in tx.execute(stmt))


def balita(tx: Tx, *, born_after: date, on: date, month_start: date) -> tuple[BalitaRow, ...]:
    """Everyone born after `born_after` (and by `on`) still living here, with the date they
    were last weighed by `on` and whether vitamin A was given since `month_start`, by RW, RT
    and name."""
    # ORDER BY ... LIMIT 1 rather than max(): SQLite walks the (person, date, weight) index
    # backwards and stops at the first weighing, instead of reading the child's whole history.
    last_weighed = (
        select(Measurement.measured_on)
        .where(
            Measurement.person_id == Person.id,
            Measurement.weight_kg.is_not(None),
            Measurement.measured_on <= on,
        )
        .order_by(Measurement.measured_on.desc())
        .limit(1)
        .scalar_subquery()
    )
    vitamin_a = exists().where(
        ServiceGiven.person_id == Person.id,
        ServiceGiven.kind == ServiceKind.VITAMIN_A,
        ServiceGiven.given_on >= month_start,
    )
    stmt = (
        _listing_select()
        .add_columns(last_weighed.label("last_weighed_on"), vitamin_a.label("vitamin_a"))
        .where(Person.birth_date > born_after, Person.birth_date <= on, Person.left_on.is_(None))
        .order_by(
            Household.rw.asc().nulls_last(),  # people without a household at the end
            Household.rt.asc().nulls_last(),
            Person.name_key,
            Person.id,
        )
    )
    n = len(_LISTING)
    return tuple(BalitaRow(_listing(row), row[n], bool(row[n + 1])) for row in tx.execute(stmt))


_AS_IS = frozenset((int, float, str, bool))  # JSON as they are (`plain` leaves them)


def all_people(tx: Tx) -> list[tuple[PersonRecord, str]]:
    """Every person with their name as search compares it (`people.name_key`)."""
    return [(record(PersonRecord, row), row.name_key) for row in tx.scalars(select(Person))]


def measured_days(tx: Tx) -> set[tuple[int, date]]:
    """(person id, date) of every measurement."""
    return {
        (r.person_id, r.measured_on)
        for r in tx.execute(select(Measurement.person_id, Measurement.measured_on))
    }


def all_weighings(tx: Tx) -> dict[int, list[Weighing]]:
    """Every weighing by person, by date then id (entry order)."""
    rows = tx.execute(
        select(
            Measurement.person_id,
            Measurement.id,
            Measurement.measured_on,
            Measurement.weight_kg,
            Measurement.growth_status,
            Measurement.two_t,
        )
        .where(Measurement.weight_kg.is_not(None))
        .order_by(Measurement.person_id, Measurement.measured_on, Measurement.id)
    )
    found: dict[int, list[Weighing]] = {}
    for r in rows:
        found.setdefault(r.person_id, []).append(
            Weighing(r.id, r.measured_on, r.weight_kg or 0.0, r.growth_status, r.two_t)
        )
    return found


def first_coordinator_id(tx: Tx) -> int | None:
    """The first active coordinator, else the first active cadre: who an import is entered by
    when it runs without a login (the command line)."""
    return tx.scalar(
        select(Cadre.id)
        .where(Cadre.active.is_(True))
        .order_by(Cadre.is_coordinator.desc(), Cadre.id)
        .limit(1)
    )


def _insert_many(tx: Tx, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany of rows that all have the same keys, each value converted by its column
    type's own bind processor (what SQLAlchemy does, without its per-row overhead); a value met
    before (an enum, a date) is converted once."""
    dialect = tx.get_bind().dialect
    names = list(rows[0])
    converted: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = []
    for i, name in enumerate(names):
        processor = table.c[name].type.bind_processor(dialect)
        if processor is not None:
            converted.append((i, processor, {}))
    params = []
    for row in rows:
        values = [row[name] for name in names]
        for i, convert, seen in converted:
            value = values[i]
            if value is None:
                continue
            if type(value) is float:  # z-scores hardly repeat: not worth remembering
                values[i] = convert(value)
            elif value in seen:
                values[i] = seen[value]
            else:
                values[i] = seen[value] = convert(value)
        params.append(tuple(values))
    statement = "INSERT INTO {} ({}) VALUES ({})".format(
        table.name, ", ".join(names), ", ".join("?" * len(names))
    )
    tx.connection().exec_driver_sql(statement, params)


def _changes_json(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The CREATE audit event's `changes` of each row: its values that are not None, as JSON
    (`audit.plain`; a value met before is made plain once)."""
    seen: dict[Any, Any] = {}
    changes = []
    for row in rows:
        kept = {}
        for key, value in row.items():
            if value is None:
                continue
            if type(value) in _AS_IS:
                kept[key] = value
                continue
            if value not in seen:
                seen[value] = plain(value)
            kept[key] = seen[value]
        changes.append(_JSON(kept))
    return changes


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _add_audited(
    tx: Tx, table: type[Person | Measurement], rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert rows with ids counted on from the largest (the write transaction holds the file),
    one executemany each for the rows and their CREATE audit events; the new ids in order."""
    if not rows:
        return []
    first = (tx.scalar(select(func.max(table.id))) or 0) + 1
    now = utc_now()
    created = "entered_at" if table is Measurement else "created_at"
    rows = [{"id": first + i, "uid": new_uid(), created: now, **row} for i, row in enumerate(rows)]
    _insert_many(tx, cast(Table, table.__table__), rows)
    cadre_id, reason = tx.info.get(CADRE), tx.info.get(REASON)
    _insert_many(
        tx,
        cast(Table, AuditEvent.__table__),
        [
            {
                "at": now,
                "cadre_id": cadre_id,
                "action": AuditAction.CREATE,
                "table_name": table.__tablename__,
                "row_id": row["id"],
                "changes": changes,
                "reason": reason,
            }
            for row, changes in zip(rows, _changes_json(rows), strict=True)
        ],
    )
    return [row["id"] for row in rows]


def add_people(tx: Tx, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert people given as column values (name, sex, birth_date, nik, ...), with their
    audit events; their ids in order."""
    return _add_audited(
        tx, Person, [{"name_key": name_key(r["name"]), "pregnant": False, **r} for r in rows]
    )


def add_measurements(tx: Tx, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert measurements given as column values (see `measurements.columns_of`), with their
    audit events; their ids in order."""
    return _add_audited(tx, Measurement, [{"corrections": 0, **r} for r in rows])


def set_origin(tx: Tx, measurement_id: int, origin: MeasurementOrigin) -> None:
    """Mark a measurement as taken elsewhere (audited as an update)."""
    tx.get_one(Measurement, measurement_id).origin = origin
    tx.flush()


def add_service(
    tx: Tx,
    *,
    person_id: int,
    given_on: date,
    kind: ServiceKind,
    entered_by: int,
    capsule: VitaminACapsule | None = None,
    detail: str = "",
    quantity: int | None = None,
    from_kia_book: bool = False,
    day_id: int | None = None,
    home_visit_id: int | None = None,
    code: str | None = None,
) -> ServiceRecord:
    """Insert a service given."""
    row = ServiceGiven(
        person_id=person_id,
        given_on=given_on,
        kind=kind,
        capsule=capsule,
        detail=detail,
        quantity=quantity,
        from_kia_book=from_kia_book,
        entered_by=entered_by,
        day_id=day_id,
        home_visit_id=home_visit_id,
        code=code,
    )
    tx.add(row)
    tx.flush()
    return record(ServiceRecord, row)


def services_of(tx: Tx, person_id: int) -> tuple[ServiceRecord, ...]:
    """Every service a person was given, oldest first."""
    rows = tx.scalars(
        select(ServiceGiven)
        .where(ServiceGiven.person_id == person_id)
        .order_by(ServiceGiven.given_on, ServiceGiven.id)
    )
    return tuple(record(ServiceRecord, row) for row in rows)

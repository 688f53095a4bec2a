"""The monthly file's contract (domain/export_contract.py) against the registry's tables: a
migration that adds, renames, drops or retypes a column fails here until the contract says
what the file carries, and a changed contract fails until the format version moves."""

import hashlib
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.types import TypeEngine

from posyandu_desktop.domain import export_contract as contract
from posyandu_desktop.domain.export_contract import Kind, Privacy
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.store import Database, migrate
from posyandu_desktop.store.columns import CategoryColumn, DeskSet, QuantitySetColumn, SexColumn
from posyandu_desktop.store.queries import exports
from posyandu_desktop.store.tables import Base

# One digest per format version: the contract as it was when that version was written. A
# change of the contract adds a version here (and to FORMAT_VERSION and READABLE_VERSIONS).
CONTRACT_DIGESTS = {
    2: "1e815f0e6a877a5d7dbce3c14e85cb0821973cc14526f0231d7e8c61a72e3603",
    3: "1e2c1a5e19b28c4b019c11a4de6efd3082c8c0f4258a39cdeaba2d573aba51b6",  # measurement.origin
    4: "1d1f6de0459a6a1afbce2f0915b71009fdabaaa1d80901114bc664b95d78be48",  # +ILP, left
}

# How the file writes each registry column type; store/columns.py keeps enums by their code.
_KIND_OF: tuple[tuple[type[TypeEngine[Any]], Kind], ...] = (
    (SexColumn, Kind.INTEGER),  # WHO's 1 and 2
    (DeskSet, Kind.TEXT_LIST),
    (QuantitySetColumn, Kind.TEXT_LIST),
    (CategoryColumn, Kind.TEXT),
    (Enum, Kind.TEXT),
    (Boolean, Kind.BOOLEAN),
    (Integer, Kind.INTEGER),
    (Float, Kind.REAL),
    (DateTime, Kind.TIMESTAMP),
    (Date, Kind.DATE),
    (String, Kind.TEXT),
    (Text, Kind.TEXT),
)
_PYTHON_TYPES = {
    Kind.INTEGER: int,
    Kind.REAL: float,
    Kind.TEXT: str,
    Kind.BOOLEAN: bool,
    Kind.DATE: date,
    Kind.TIMESTAMP: datetime,
    Kind.TEXT_LIST: tuple,
}
_WHERE = "posyandu_desktop/domain/export_contract.py"


def _kind(column: Column[object]) -> Kind:
    # UtcDateTime and friends: judged by what they store, except the ones named above.
    found = column.type
    for sql_type, kind in _KIND_OF:
        if isinstance(found, sql_type):
            return kind
    if isinstance(found, TypeDecorator):
        return _kind(Column(column.name, found.impl_instance))
    raise AssertionError(f"no export kind for {column.table.name}.{column.name}: {found!r}")


def _differences(metadata: MetaData) -> list[str]:
    """What the registry's tables say and the contract does not, each with what to do."""
    found: list[str] = []
    decided = {*contract.EXPORTED_TABLES, *contract.LAPTOP_ONLY}
    for name in sorted(set(metadata.tables) - decided):
        found.append(
            f"table {name} is new: add a record for it to RECORDS in {_WHERE} if the monthly "
            "file carries it, or its name to LAPTOP_ONLY if it never leaves the laptop"
        )
    for name in contract.EXPORTED_TABLES:
        table: Table = metadata.tables[name]
        withheld = contract.WITHHELD.get(name, ())
        sent = {c.name: c for c in contract.columns(name)}
        record = contract.RECORD_OF[name].__name__
        for column in table.columns:
            if column.name in withheld:
                continue
            if column.name not in sent:
                found.append(
                    f"column {name}.{column.name} is new (or renamed): add the field "
                    f"{column.name} to {record} in {_WHERE}, in table order, marked "
                    "PERSONAL or CONTACT if it names or reaches a person, or add it to "
                    "WITHHELD if it must never leave the laptop; then raise FORMAT_VERSION "
                    "(docs/DECISIONS.md#the-contract-of-the-monthly-file)"
                )
                continue
            want = sent[column.name]
            if (_kind(column), bool(column.nullable)) != (want.kind, want.nullable):
                found.append(
                    f"column {name}.{column.name} is {_kind(column)}"
                    f"{' or empty' if column.nullable else ''} in the registry but "
                    f"{want.kind}{' or empty' if want.nullable else ''} in {record}: change "
                    "the field's type and raise FORMAT_VERSION"
                )
        in_registry = [c.name for c in table.columns if c.name not in withheld]
        for gone in sent.keys() - set(in_registry):
            found.append(
                f"column {name}.{gone} of {record} is not in the registry (renamed or "
                f"dropped): rename or remove the field in {_WHERE} and raise FORMAT_VERSION; "
                "the puskesmas reads files of the older version as they were"
            )
        if not found and in_registry != list(sent):
            found.append(f"{record}'s fields are not in the order of table {name}'s columns")
        for held in withheld:
            if held not in table.columns:
                found.append(f"WITHHELD names {name}.{held}, which the registry no longer has")
    return found


def _digest() -> str:
    lines = (
        f"{t}.{c.name} {c.kind.value} {'null' if c.nullable else 'set'} {c.privacy.value}"
        for t in contract.EXPORTED_TABLES
        for c in contract.columns(t)
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def test_the_contract_names_every_registry_column_with_its_type_and_emptiness():
    assert _differences(Base.metadata) == []


def test_the_format_version_moves_with_the_contract():
    assert max(CONTRACT_DIGESTS) == contract.FORMAT_VERSION, "a version without a digest here"
    assert _digest() == CONTRACT_DIGESTS[contract.FORMAT_VERSION], (
        "the monthly file's contract changed: raise FORMAT_VERSION in "
        f"{_WHERE}, add it to READABLE_VERSIONS and here with digest {_digest()}, and "
        "write the change in docs/DECISIONS.md#the-contract-of-the-monthly-file"
    )
    assert contract.FORMAT_VERSION in contract.READABLE_VERSIONS


def _copy_of_the_registry() -> MetaData:
    copy = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(copy)
    return copy


def test_a_new_column_fails_until_it_is_decided():
    registry = _copy_of_the_registry()
    registry.tables["measurement"].append_column(Column("hb_g_dl", Float, nullable=True))
    (found,) = _differences(registry)
    assert found.startswith("column measurement.hb_g_dl is new (or renamed): add the field")
    assert "MeasurementRow" in found and "WITHHELD" in found and "FORMAT_VERSION" in found


def test_a_renamed_column_fails_both_ways():
    registry = _copy_of_the_registry()
    registry.tables["person"].c.birth_date.name = "born_on"
    found = _differences(registry)
    assert any(f.startswith("column person.born_on is new (or renamed)") for f in found)
    assert any(f.startswith("column person.birth_date of PersonRow is not in") for f in found)


def test_a_retyped_or_emptied_column_fails():
    registry = _copy_of_the_registry()
    registry.tables["measurement"].c.age_days.nullable = True
    registry.tables["household"].c.rt.type = String()
    rt, age = _differences(registry)  # in load order: household before measurement
    assert age.startswith("column measurement.age_days is integer or empty in the registry")
    assert "but integer in MeasurementRow" in age
    assert rt.startswith("column household.rt is text or empty in the registry")


def test_a_new_table_fails_until_it_is_decided():
    registry = _copy_of_the_registry()
    Table("hb_test", registry, Column("id", Integer, primary_key=True))
    (found,) = _differences(registry)
    assert found.startswith("table hb_test is new")


def test_contact_columns_are_the_ones_the_coordinator_chooses_to_send():
    contacts = {
        (t, c.name)
        for t in contract.EXPORTED_TABLES
        for c in contract.columns(t)
        if c.privacy is Privacy.CONTACT
    }
    # docs/DECISIONS.md#what-leaves-the-laptop-and-the-puskesmas-side ("What is sent, and why").
    assert contacts == {
        ("cadre", "nik"),
        ("cadre", "phone"),
        ("cadre", "bpjs_ketenagakerjaan"),
        ("household", "phone"),
    }
    assert "phone" not in contract.column_names("household", contacts=False)
    assert contract.column_names("cadre") == contract.column_names("cadre", contacts=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("contract") / "posyandu.sqlite"
    migrate.upgrade(path)
    db = Database(path)
    load_demo(db, today=date(2026, 11, 30), children=15, months=4)
    yield db
    db.close()


def test_every_value_of_a_demo_registry_is_of_its_columns_kind(demo):
    with demo.reading() as tx:
        everything = exports.all_rows(tx)
    empty: set[tuple[str, str]] = set()
    for table, rows in everything.items():
        assert rows, table
        for column in contract.columns(table):
            values = [getattr(r, column.name) for r in rows]
            if any(v is None for v in values):
                assert column.nullable, f"{table}.{column.name}"
                empty.add((table, column.name))
            kind = _PYTHON_TYPES[column.kind]
            for value in values:
                assert value is None or type(value) is kind, f"{table}.{column.name}: {value!r}"
                if isinstance(value, datetime):
                    assert value.tzinfo is UTC
                if isinstance(value, tuple):
                    assert list(value) == sorted(value)
    assert ("measurement", "weight_kg") in empty or ("measurement", "waz") in empty

"""Column types that store domain values as small SQLite values and read them back as enums."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import Enum as PyEnum
from typing import Any, cast

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Enum,
    Integer,
    String,
    Table,
    TypeDecorator,
)
from sqlalchemy.sql.sqltypes import SchemaType

from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    Category,
    LengthHeightForAgeCategory,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import Desk


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (what every *_at column holds)."""
    return datetime.now(UTC)


def one_of(column: str, values: Iterable[str]) -> str:
    """A CHECK's SQL: `column` is NULL or equal to one of `values`.

    Written as an OR chain, never `column IN (...)`: SQLite builds a lookup table for an IN list
    of three or more constants each time a statement runs, which an executemany does once per
    row, and the CHECKs then cost more than the rest of the insert (docs/DECISIONS.md, "CHECKs
    as OR chains").
    """
    quoted = (value.replace("'", "''") for value in values)
    return " OR ".join([f"{column} IS NULL", *(f"{column} = '{value}'" for value in quoted)])


class _CodedEnum(Enum):
    """An enum column whose CHECK is `one_of` its values instead of SQLAlchemy's IN list."""

    def _set_table(self, column: Column[Any], table: Table) -> None:
        # What Enum._set_table does, less its IN-list CHECK (SQLAlchemy has no public hook).
        SchemaType._set_table(self, column, table)  # type: ignore[no-untyped-call]
        if self.create_constraint:
            check = CheckConstraint(one_of(column.name, self.enums), name=self.name)
            table.append_constraint(check)


def coded(enum: type[PyEnum], name: str, *, check: bool = True) -> Enum:
    """A short string column holding an enum's *values*, with a CHECK listing them.

    `name` names the CHECK constraint (ck_<table>_<name>), so give each column its own.
    `check=False` for a column added to an existing table by a plain ADD COLUMN, which SQLite
    cannot give a CHECK: the enum still validates what the app writes.
    """
    return _CodedEnum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=check,
        length=max(len(str(m.value)) for m in enum),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class QuantitySetColumn(TypeDecorator[frozenset[Quantity]]):
    """A set of measured quantities as their names in a fixed order, comma-separated ("" when
    empty): the doubtful values of a measurement."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: frozenset[Quantity] | None, dialect: Dialect) -> str:
        return ",".join(q.value for q in Quantity if q in (value or ()))

    def process_result_value(self, value: Any, dialect: Dialect) -> frozenset[Quantity]:
        return frozenset(Quantity(name) for name in (value or "").split(",") if name)


class SexColumn(TypeDecorator[Sex]):
    """Sex as WHO's integer code, 1 male, 2 female."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Sex | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Sex | None:
        return None if value is None else Sex(value)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC text; naive datetimes are refused (their zone is unknown)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# Four category enums share values such as "normal", and IMT/U uses one of two schemes by age,
# so a category is stored with its scheme: "wfa.normal", "bmi518.obese".
_SCHEMES: dict[type[PyEnum], str] = {
    WeightForAgeCategory: "wfa",
    LengthHeightForAgeCategory: "lhfa",
    WeightForLengthHeightCategory: "wflh",
    BmiForAge5To18Category: "bmi518",
}
_BY_SCHEME = {scheme: enum for enum, scheme in _SCHEMES.items()}


def category_code(category: Category) -> str:
    """The stored text of a Permenkes category."""
    return f"{_SCHEMES[type(category)]}.{category.value}"


def category_codes(*enums: type[PyEnum]) -> list[str]:
    """Every stored text of these category enums, for CHECK constraints."""
    return [f"{_SCHEMES[e]}.{m.value}" for e in enums for m in e]


class CategoryColumn(TypeDecorator[Category]):
    """A Permenkes 2/2020 category, stored as "<scheme>.<value>"."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Category | None, dialect: Dialect) -> str | None:
        return None if value is None else category_code(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Category | None:
        if value is None:
            return None
        scheme, _, member = value.partition(".")
        return cast(Category, _BY_SCHEME[scheme](member))


_DESK_BITS = {desk: 1 << i for i, desk in enumerate(Desk)}
ALL_DESKS_MASK = sum(_DESK_BITS.values())


class DeskSet(TypeDecorator[frozenset[Desk]]):
    """The desks an arrival has passed, as a bit mask (one bit per desk, in `Desk` order)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: frozenset[Desk] | None, dialect: Dialect) -> int | None:
        return None if value is None else sum(_DESK_BITS[d] for d in value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> frozenset[Desk] | None:
        if value is None:
            return None
        return frozenset(d for d, bit in _DESK_BITS.items() if value & bit)

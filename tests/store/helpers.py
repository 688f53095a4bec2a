"""Building real registry files for tests: a migrated database and a small Posyandu in it."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from posyandu_desktop import services
from posyandu_desktop.domain.ids import PosyanduId
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import CadreRole, Venue
from posyandu_desktop.store import Database, migrate
from posyandu_desktop.store.records import CadreRecord, HouseholdRecord, PersonRecord

TODAY = date(2026, 2, 10)  # a February: vitamin A month


def new_database(folder: Path, template: Path | None = None) -> Database:
    """A registry file at head in `folder`: migrated, or copied from a migrated `template`."""
    path = folder / "posyandu.sqlite"
    if template is None:
        migrate.upgrade(path)
    else:
        shutil.copyfile(template, path)
    return Database(path)


@dataclass(frozen=True)
class Post:
    """A Posyandu with one cadre, one household, a mother and her child."""

    posyandu_id: PosyanduId
    cadre: CadreRecord
    household: HouseholdRecord
    mother: PersonRecord
    child: PersonRecord


def set_up_post(db: Database) -> Post:
    """Register a small Posyandu through the services."""
    post = services.set_up_posyandu(
        db, name="Posyandu Melati", code="6474-MEL", venue=Venue.OWN_BUILDING, kota="Bontang"
    ).unwrap()
    cadre = services.register_cadre(
        db, posyandu_id=post.id, name="Sri Wahyuni", role=CadreRole.CHAIR
    ).unwrap()
    household = services.register_household(
        db, cadre_id=cadre.id, head_name="Budi Santoso", address="Jl. Kenari 4", rt=3, rw=5
    ).unwrap()
    mother = services.register_person(
        db,
        cadre_id=cadre.id,
        name="Siti Aminah",
        sex=Sex.FEMALE,
        birth_date=date(1996, 4, 2),
        household_id=household.id,
        nik="6474014204960003",
        today=TODAY,
    ).unwrap()
    child = services.register_person(
        db,
        cadre_id=cadre.id,
        name="Ahmad Fauzi",
        sex=Sex.MALE,
        birth_date=date(2025, 3, 15),
        household_id=household.id,
        mother_id=mother.id,
        birth_weight_kg=3.1,
        today=TODAY,
    ).unwrap()
    return Post(post.id, cadre, household, mother, child)


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table, read with plain sqlite3 (what is really in the file)."""
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        connection.close()


def dump(path: Path) -> list[str]:
    """Every schema statement and row of the file, as SQL text."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()

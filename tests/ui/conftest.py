"""Fixtures for UI tests: real temporary registries, a fixed Posyandu morning, and demo data.

`registry`: a small hand-made registry (three cadres, households, children with weighings in
the previous months). `ui_session`: a `UiSession` on it, on a fixed Posyandu morning.
`demo_session`: a `UiSession` on a realistic synthetic Posyandu (about 60 children, 12 months),
built once per test run and copied for each test, for screenshots and busy screens.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.services import (
    CadreRole,
    Database,
    MeasuredValues,
    Opened,
    Reading,
    TrainingGrade,
    Venue,
    open_data_folder,
    record_measurement,
    register_cadre,
    register_household,
    register_person,
    set_up_posyandu,
)
from posyandu_desktop.ui.context import UiSession

# Friday 13 November 2026, mid-morning: the Posyandu day the tests and screenshots run on (the
# demo Posyandu meets that day; a third of its visitors are still waiting to be measured).
TODAY = date(2026, 11, 13)
MORNING = datetime.combine(TODAY, time(9, 45)).astimezone()
# How long a test waits for a background thread or a simulated device: waits end as soon as
# the condition holds, so this only matters on a busy machine (CI on 2 shared cores).
BUSY_MACHINE_MS = 30_000


@pytest.fixture(scope="session", autouse=True)
def _shipped_fonts(qapp: Any) -> None:
    """The app's own fonts and style sheet (resources/fonts), as it applies them at start-up:
    no UI test depends on the fonts this machine happens to have."""
    from posyandu_desktop.settings import resource_path
    from posyandu_desktop.ui import theme

    theme.apply(qapp, resource_path("fonts"))


@pytest.fixture(autouse=True)
def _indonesian_ui() -> Iterator[None]:
    from posyandu_desktop.i18n import current_language, install

    before = current_language()
    install("id")
    yield
    install(before)


@dataclass
class Registry:
    db: Database
    data_dir: Path
    posyandu_id: int
    cadre_ids: list[CadreId]
    person_ids: dict[str, PersonId]  # by name


def _open(data_dir: Path) -> Database:
    opened = open_data_folder(data_dir)
    assert isinstance(opened, Opened), opened
    return opened.database


def _close(db: Database) -> None:
    """Close a registry only once no background read can still be using it (a read finishing
    after the close crashes inside SQLite)."""
    from posyandu_desktop.ui.background import wait_for_all

    wait_for_all()
    db.close()


def _weighed(db: Database, cadre: int, person: int, on: date, kg: float, cm: float) -> None:
    values = MeasuredValues(weight_kg=Reading(kg), lenhei_cm=Reading(cm))
    record_measurement(
        db,
        cadre_id=CadreId(cadre),
        person_id=PersonId(person),
        measured_on=on,
        values=values,
        today=TODAY,
    ).unwrap()


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    db = _open(tmp_path / "data")
    posyandu = set_up_posyandu(
        db,
        name="Posyandu Melati",
        code="6474-MEL-01",
        venue=Venue.RESIDENT_HOUSE,
        kelurahan="Api-Api",
        kecamatan="Bontang Utara",
        kota="Kota Bontang",
        puskesmas="Puskesmas Bontang Utara I",
    ).unwrap()
    cadres = [
        register_cadre(
            db,
            posyandu_id=posyandu.id,
            name=name,
            role=role,
            phone="0812-0555-0101",
            training_grade=grade,
            today=TODAY,
        )
        .unwrap()
        .id
        for name, role, grade in (
            ("Siti Aminah", CadreRole.CHAIR, TrainingGrade.UTAMA),
            ("Nur Hidayah", CadreRole.SECRETARY, TrainingGrade.MADYA),
            ("Rina Wati", CadreRole.MEMBER, TrainingGrade.PURWA),
        )
    ]
    first = cadres[0]
    people: dict[str, PersonId] = {}
    house = register_household(
        db, cadre_id=first, head_name="Budi Santoso", address="Jl. Kenanga No. 4", rt=3, rw=1
    ).unwrap()
    for name, sex, born, nik in (
        ("Dewi Lestari", Sex.FEMALE, date(1996, 5, 2), "6474014205960003"),
        ("Budi Santoso", Sex.MALE, date(1993, 1, 20), "6474012001930002"),
    ):
        people[name] = (
            register_person(
                db,
                cadre_id=first,
                name=name,
                sex=sex,
                birth_date=born,
                household_id=house.id,
                nik=nik,
                today=TODAY,
            )
            .unwrap()
            .id
        )
    children = (
        ("Aisyah Putri", Sex.FEMALE, date(2025, 6, 10), [(7.0, 65.0), (7.3, 66.2), (7.3, 67.0)]),
        ("Rizky Pratama", Sex.MALE, date(2024, 9, 3), [(9.6, 76.5), (9.9, 77.4), (10.2, 78.3)]),
        ("Nabila Zahra", Sex.FEMALE, date(2023, 2, 17), [(10.1, 84.0), (10.2, 84.6), (10.3, 85.1)]),
    )
    for name, sex, born, weighings in children:
        child = register_person(
            db,
            cadre_id=first,
            name=name,
            sex=sex,
            birth_date=born,
            household_id=house.id,
            mother_id=people["Dewi Lestari"],
            today=TODAY,
        ).unwrap()
        people[name] = child.id
        for month, (kg, cm) in zip((8, 9, 10), weighings, strict=True):
            _weighed(db, first, child.id, date(2026, month, 12), kg, cm)
    yield Registry(db, tmp_path / "data", posyandu.id, cadres, people)
    _close(db)


@pytest.fixture
def ui_session(registry: Registry) -> UiSession:
    return UiSession(
        db=registry.db,
        data_dir=registry.data_dir,
        posyandu_id=registry.posyandu_id,
        cadre_id=registry.cadre_ids[0],
        cadre_name="Siti Aminah",
        is_coordinator=True,
        now=lambda: MORNING,
    )


@pytest.fixture(scope="session")
def _demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from posyandu_desktop.services.setup import load_demo

    folder = tmp_path_factory.mktemp("demo") / "data"
    db = _open(folder)
    load_demo(db, today=TODAY, children=60, months=12, seed=1)
    db.close()
    return folder


@pytest.fixture
def demo_session(_demo_folder: Path, tmp_path: Path) -> Iterator[UiSession]:
    from posyandu_desktop.services.setup import demo_login

    folder = tmp_path / "demo"
    shutil.copytree(_demo_folder, folder)
    db = _open(folder)
    login = demo_login(db)
    yield UiSession(
        db=db,
        data_dir=folder,
        posyandu_id=login.posyandu_id,
        cadre_id=CadreId(login.cadre_id),
        cadre_name=login.cadre_name,
        is_coordinator=True,
        now=lambda: MORNING,
    )
    _close(db)

"""Name normalisation for search, and the search query itself."""

from dataclasses import fields
from datetime import date
from typing import Any

import pytest

from posyandu_desktop.domain.people import Sex
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import PersonListing


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Siti Aminah", "siti aminah"),
        ("  SITI   aminah ", "siti aminah"),
        ("Nur'aini", "nuraini"),  # apostrophes vanish: typed with or without, it is found
        ("Nur’aini", "nuraini"),
        ("Muh. Rizky-Pratama", "muh rizky pratama"),
        ("Zoë Ayu", "zoe ayu"),
        ("I Gusti Ngurah_Rai", "i gusti ngurah rai"),
    ],
)
def test_name_key(name, key):
    assert people.name_key(name) == key


@pytest.fixture
def family(db):
    with db.transaction() as tx:
        house = people.add_household(
            tx, head_name="Budi", address="", rt=3, rw=5, kelurahan="", phone=""
        )
        other = people.add_household(
            tx, head_name="Joko", address="", rt=4, rw=5, kelurahan="", phone=""
        )
        mother = people.add_person(
            tx,
            name="Siti Aminah",
            sex=Sex.FEMALE,
            birth_date=date(1995, 1, 1),
            household_id=house.id,
            nik="6474014101950001",
        )
        people.add_person(
            tx,
            name="Putri Ayu",
            sex=Sex.FEMALE,
            birth_date=date(2025, 1, 1),
            household_id=house.id,
            mother_id=mother.id,
        )
        people.add_person(
            tx,
            name="Bayi Ny. Rina",
            sex=Sex.MALE,
            birth_date=date(2026, 1, 20),
            household_id=other.id,
            mother_nik="6474015012990002",
        )
        people.add_person(tx, name="Asitia 100%_sure", sex=Sex.FEMALE, birth_date=date(2000, 1, 1))
    return db


def names(db: Database, **query: Any) -> list[str]:
    with db.reading() as tx:
        return [p.name for p in people.search(tx, **query)]


def test_words_match_the_start_of_name_words(family):
    assert names(family, words=["sit"]) == ["Siti Aminah", "Putri Ayu"]  # own name first
    assert names(family, words=["ami", "si"]) == ["Siti Aminah", "Putri Ayu"]
    assert names(family, words=["itia"]) == []  # not inside a word
    assert names(family, words=["put", "ami"]) == []


def test_a_nik_prefix_finds_the_person_or_the_infant_by_the_mothers_nik(family):
    assert names(family, nik_prefix="64740141") == ["Siti Aminah", "Putri Ayu"]
    assert names(family, nik_prefix="6474015012") == ["Bayi Ny. Rina"]
    assert names(family, nik_prefix="6474014101950001") == ["Siti Aminah", "Putri Ayu"]
    assert names(family, nik_prefix="9") == []


def test_rt_and_rw_narrow_the_search(family):
    assert names(family, rt=4, rw=5) == ["Bayi Ny. Rina"]
    assert names(family, rw=5, words=["putri"]) == ["Putri Ayu"]


def test_like_wildcards_in_the_words_are_plain_characters(family):
    assert names(family, words=["%"]) == []
    assert names(family, words=["_"]) == []


def test_listing_columns_are_in_the_order_of_the_record_fields():
    # people._listing builds PersonListing positionally, for speed on long lists.
    labels = [column.key for column in people._LISTING]
    assert labels == [f.name for f in fields(PersonListing)]

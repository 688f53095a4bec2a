"""Finding people as the cadre types."""

from datetime import date

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.services import PersonQuery, parse_person_query
from tests.store.helpers import TODAY


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("", PersonQuery()),
        ("Siti", PersonQuery(words=("siti",))),
        ("  siti  AMI ", PersonQuery(words=("siti", "ami"))),
        ("Nur'aini", PersonQuery(words=("nuraini",))),
        ("6474 0142", PersonQuery(nik_prefix="64740142")),
        ("64.74.01-42", PersonQuery(nik_prefix="64740142")),
        ("rt 3", PersonQuery(rt=3)),
        ("RT.03 rw:5 siti", PersonQuery(words=("siti",), rt=3, rw=5)),
        ("003/005", PersonQuery(rt=3, rw=5)),
        ("ahmad 3/5", PersonQuery(words=("ahmad",), rt=3, rw=5)),
        ("1234567890123456789", PersonQuery(nik_prefix="1234567890123456")),
    ],
)
def test_search_text_is_read_as_names_nik_and_rt_rw(text, query):
    assert parse_person_query(text) == query


def test_empty_text_finds_nobody(db, post):
    assert services.find_people(db, "  ") == ()


def test_a_name_fragment_finds_the_person_then_the_children_of_a_mother_so_named(db, post):
    found = services.find_people(db, "siti", today=TODAY)
    assert [(m.person.name, m.person.mother_name) for m in found] == [
        ("Siti Aminah", None),
        ("Ahmad Fauzi", "Siti Aminah"),
    ]
    assert [(m.age_months, m.life_stage) for m in found] == [
        (358, LifeStage.ADULT),
        (10, LifeStage.UNDER_FIVE),
    ]
    assert (found[1].person.rt, found[1].person.rw) == (3, 5)


def test_nik_and_rt_rw(db, post):
    assert [m.person.name for m in services.find_people(db, "6474 0142")] == [
        "Siti Aminah",  # own NIK first
        "Ahmad Fauzi",  # her child, found by the mother's NIK
    ]
    assert [m.person.name for m in services.find_people(db, "ahm rt 3 rw 5")] == ["Ahmad Fauzi"]
    assert services.find_people(db, "ahm", rt=4) == ()
    assert len(services.find_people(db, "", rw=5)) == 2


def test_the_limit_caps_the_list(db, post):
    for i in range(5):
        services.register_person(
            db,
            cadre_id=post.cadre.id,
            name=f"Siti {i}",
            sex=Sex.FEMALE,
            birth_date=date(2000, 1, 1 + i),
        ).unwrap()
    assert len(services.find_people(db, "siti", limit=3)) == 3

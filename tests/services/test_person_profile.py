"""A person's profile: household, mother and ILP group."""

from datetime import date

from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.services.people import person_profile
from tests.store.helpers import TODAY


def test_a_child_with_mother_and_household(db, post):
    profile = person_profile(db, post.child.id, today=TODAY)
    assert profile is not None
    assert profile.person.name == "Ahmad Fauzi"
    assert (profile.mother_name, profile.mother_nik) == ("Siti Aminah", "6474014204960003")
    assert profile.household is not None
    assert (profile.household.head_name, profile.household.rt) == ("Budi Santoso", 3)
    assert (profile.age_months, profile.life_stage) == (10, LifeStage.UNDER_FIVE)


def test_an_adult_and_nobody(db, post):
    mother = person_profile(db, post.mother.id, today=date(2026, 2, 10))
    assert mother is not None
    assert (mother.mother_name, mother.life_stage) == (None, LifeStage.ADULT)
    assert person_profile(db, 9999, today=TODAY) is None

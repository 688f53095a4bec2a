"""The fields a problem names: every measured quantity and every field of a new mother has one,
with the value the services have always used."""

from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.problems import MOTHER_FIELDS, QUANTITY_FIELDS, Field


def test_every_quantity_has_the_field_of_its_name():
    assert {q.value: f.value for q, f in QUANTITY_FIELDS.items()} == {
        q.value: q.value for q in Quantity
    }


def test_a_new_mothers_fields_are_named_for_her():
    assert all(mine == Field(f"mother_{field}") for field, mine in MOTHER_FIELDS.items())
    assert not any(field.startswith("mother_") for field in MOTHER_FIELDS)

"""Every registry code has words in both languages, and the Indonesian comes from the catalog."""

from enum import StrEnum

import pytest

from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
from posyandu_desktop.domain.problems import Problem, StartupProblem
from posyandu_desktop.domain.vocabulary import Venue, VisitReason
from posyandu_desktop.i18n.vocabulary_words import (
    VOCABULARIES,
    capsule_label,
    life_stage_label,
    problem_label,
    startup_problem_label,
    vocabulary_label,
)

CASES = [
    *((p, problem_label) for p in Problem),
    *((p, startup_problem_label) for p in StartupProblem),
    *((s, life_stage_label) for s in LifeStage),
    *((c, capsule_label) for c in VitaminACapsule),
    *((m, vocabulary_label) for vocabulary in VOCABULARIES for m in vocabulary),
]


@pytest.mark.parametrize(("member", "label"), CASES, ids=repr)
def test_words_in_both_languages(member: StrEnum, label) -> None:  # type: ignore[no-untyped-def]
    english, indonesian = label(member, "en"), label(member, "id")
    assert english and indonesian
    placeholders = {p for p in ("{found}",) if p in english}
    assert all(p in indonesian for p in placeholders)


def test_known_indonesian_words() -> None:
    assert problem_label(Problem.ALREADY_ARRIVED, "id").format(found=12) == (
        "Sudah terdaftar hari ini (antrian 12)"
    )
    assert life_stage_label(LifeStage.ELDERLY, "id") == "Lansia"
    assert capsule_label(VitaminACapsule.RED, "id") == "Kapsul merah (200.000 IU)"
    # Members of different vocabularies with the same stored value keep their own words.
    assert vocabulary_label(Venue.OTHER, "id") == "Tempat lain"
    assert vocabulary_label(VisitReason.OTHER, "id") == "Alasan lain"

"""The stratum rule: complete groups, required groups, the latest assessment of a skill."""

import json
from datetime import date

import pytest

from posyandu_desktop.domain.competence import (
    SkillAssessment,
    mastered_skills,
    parse_competence,
    stratum,
)
from posyandu_desktop.domain.vocabulary import TrainingGrade
from posyandu_desktop.settings import cadre_competence

ON = date(2026, 3, 2)


def passed(*groups: str, on: date = ON, ok: bool = True) -> list[SkillAssessment]:
    return [SkillAssessment(f"{g}{i}", ok, on, "Bidan Sari") for g in groups for i in range(1, 6)]


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ((), None),
        (("A", "B"), None),  # two groups: below Purwa
        (("A", "C", "D"), None),  # three groups, but B (infants) missing
        (("A", "B", "E"), TrainingGrade.PURWA),
        (("A", "B", "C", "D"), TrainingGrade.MADYA),
        (("B", "C", "D", "E"), None),  # four groups without management
        (("A", "B", "C", "D", "E"), TrainingGrade.UTAMA),
    ],
)
def test_the_shipped_rule(groups: tuple[str, ...], expected: TrainingGrade | None) -> None:
    assert stratum(cadre_competence(), passed(*groups)) is expected


def test_a_group_with_one_skill_missing_is_not_complete() -> None:
    found = passed("A", "B", "C")[:-1]  # C5 never assessed
    assert stratum(cadre_competence(), found) is None


def test_the_latest_assessment_of_a_skill_counts() -> None:
    first = passed("A", "B", "C")
    failed_later = [SkillAssessment("C2", False, date(2026, 4, 1), "Bidan Sari")]
    assert "C2" not in mastered_skills(first + failed_later)
    assert stratum(cadre_competence(), first + failed_later) is None
    # On a date before the failed re-assessment the cadre was Purwa.
    assert stratum(cadre_competence(), first + failed_later, on=ON) is TrainingGrade.PURWA


def test_a_replaced_rule_is_used() -> None:
    data = json.loads(
        '{"version": "v", "source": "s", "groups": [{"code": "A", "title_id": "a", '
        '"title_en": "a", "skills": [{"code": "A1", "title_id": "x", "title_en": "x"}]}], '
        '"strata": [{"stratum": "purwa", "required_groups": [], "min_groups": 1}]}'
    )
    competence = parse_competence(json.dumps(data))
    assert stratum(competence, [SkillAssessment("A1", True, ON, "x")]) is TrainingGrade.PURWA


@pytest.mark.parametrize(
    "strata",
    [
        '[{"stratum": "master", "required_groups": [], "min_groups": 1}]',
        '[{"stratum": "purwa", "required_groups": ["Z"], "min_groups": 1}]',
        '[{"stratum": "purwa", "required_groups": [], "min_groups": 0}]',
    ],
)
def test_a_bad_rule_is_refused(strata: str) -> None:
    text = (
        '{"version": "v", "source": "s", "groups": [{"code": "A", "title_id": "a", '
        '"title_en": "a", "skills": []}], "strata": ' + strata + "}"
    )
    with pytest.raises(ValueError):
        parse_competence(text)

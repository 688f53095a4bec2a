"""Cadre competence as data: the basic skills in their groups, and the stratum (Purwa, Madya,
Utama) a cadre's assessed skills give, by a rule that is data too
(resources/cadre/competence.json, docs/sources/cadre-competence.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.vocabulary import TrainingGrade

__all__ = [
    "Competence",
    "SkillAssessment",
    "StratumRule",
    "mastered_skills",
    "parse_competence",
    "stratum",
]


@dataclass(frozen=True, slots=True)
class Skill:
    code: str  # "A1" .. "E5"
    title_id: str
    title_en: str


@dataclass(frozen=True, slots=True)
class SkillGroup:
    code: str  # "A" .. "E"
    title_id: str
    title_en: str
    skills: tuple[Skill, ...]


@dataclass(frozen=True, slots=True)
class StratumRule:
    """A cadre reaches `stratum` when every group in `required_groups` is complete and at least
    `min_groups` groups are complete (a group is complete when every skill in it is mastered)."""

    stratum: TrainingGrade
    required_groups: frozenset[str]
    min_groups: int


@dataclass(frozen=True, slots=True)
class Competence:
    version: str
    source: str
    groups: tuple[SkillGroup, ...]
    rules: tuple[StratumRule, ...]  # highest stratum first

    @property
    def skills(self) -> dict[str, Skill]:
        return {s.code: s for g in self.groups for s in g.skills}


@dataclass(frozen=True, slots=True)
class SkillAssessment:
    """One assessment of one skill: who judged it, when, and whether it was passed."""

    skill: str
    passed: bool
    assessed_on: date
    assessor: str


def parse_competence(text: str) -> Competence:
    """The competence framework from the text of resources/cadre/competence.json; ValueError
    for a file that is not one (unknown stratum, a rule naming no group, duplicate codes)."""
    try:
        data = json.loads(text)
        groups = tuple(
            SkillGroup(
                str(g["code"]),
                str(g["title_id"]),
                str(g["title_en"]),
                tuple(
                    Skill(str(s["code"]), str(s["title_id"]), str(s["title_en"]))
                    for s in g["skills"]
                ),
            )
            for g in data["groups"]
        )
        rules = tuple(
            sorted(
                (
                    StratumRule(
                        TrainingGrade(r["stratum"]),
                        frozenset(r["required_groups"]),
                        int(r["min_groups"]),
                    )
                    for r in data["strata"]
                ),
                key=lambda rule: -list(TrainingGrade).index(rule.stratum),
            )
        )
        competence = Competence(str(data["version"]), str(data["source"]), groups, rules)
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a competence file: {error}") from error
    group_codes = {g.code for g in groups}
    skill_count = sum(len(g.skills) for g in groups)
    if len(group_codes) != len(groups) or len(competence.skills) != skill_count:
        raise ValueError("competence file: a group or skill code is used twice")
    for rule in rules:
        if not rule.required_groups <= group_codes or not 0 < rule.min_groups <= len(groups):
            raise ValueError(f"competence file: the {rule.stratum} rule names unknown groups")
    return competence


def mastered_skills(assessments: Iterable[SkillAssessment], on: date | None = None) -> set[str]:
    """The skills whose latest assessment (up to `on`) was passed; a later fail takes a skill
    back. Assessments on the same day: the last one given wins."""
    latest: dict[str, SkillAssessment] = {}
    for a in sorted(assessments, key=lambda a: a.assessed_on):  # stable
        if on is None or a.assessed_on <= on:
            latest[a.skill] = a
    return {code for code, a in latest.items() if a.passed}


def stratum(
    competence: Competence, assessments: Iterable[SkillAssessment], on: date | None = None
) -> TrainingGrade | None:
    """The highest stratum whose rule the mastered skills meet, None below Purwa."""
    mastered = mastered_skills(assessments, on)
    complete = {g.code for g in competence.groups if all(s.code in mastered for s in g.skills)}
    for rule in competence.rules:
        if rule.required_groups <= complete and len(complete) >= rule.min_groups:
            return rule.stratum
    return None

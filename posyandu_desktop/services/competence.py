"""A cadre's assessed skills and stratum, and the KMS version the Posyandu judges with: both
the coordinator's to change (docs/sources/cadre-competence.md, docs/sources/kms.md#versions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop import settings
from posyandu_desktop.domain.competence import (
    Competence,
    SkillAssessment,
    mastered_skills,
    stratum,
)
from posyandu_desktop.domain.growth.weight_gain import KmsVersion
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import TrainingGrade
from posyandu_desktop.services import _checks
from posyandu_desktop.services.auth import is_coordinator
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import competence, posyandu


@dataclass(frozen=True, slots=True)
class CadreCompetence:
    """A cadre's assessments (oldest first), the skills mastered and the stratum they give."""

    cadre_id: int
    assessments: tuple[SkillAssessment, ...]
    mastered: frozenset[str]
    stratum: TrainingGrade | None


def competence_framework() -> Competence:
    """The skills in their groups and the stratum rule (resources/cadre/competence.json)."""
    return settings.cadre_competence()


def cadre_competence(db: Database, *, cadre_id: int, on: date | None = None) -> CadreCompetence:
    """What the cadre's assessments (up to `on`) say."""
    with db.reading() as tx:
        found = tuple(competence.skill_assessments(tx, [cadre_id], on).get(cadre_id, []))
    framework = settings.cadre_competence()
    return CadreCompetence(
        cadre_id, found, frozenset(mastered_skills(found, on)), stratum(framework, found, on)
    )


def record_skill_assessment(
    db: Database,
    *,
    cadre_id: int,
    skill: str,
    passed: bool,
    assessed_on: date,
    assessor: str,
    by_cadre_id: int,
    today: date | None = None,
) -> Outcome[CadreCompetence]:
    """The coordinator notes one skill assessment (by the puskesmas team) of a cadre."""
    problems = _checks.text_issues(assessor, "assessor", 100, required=True)
    problems += _checks.not_future(assessed_on, "assessed_on", today or date.today())
    if skill not in settings.cadre_competence().skills:
        problems.append(Issue(Problem.OUT_OF_RANGE, "skill", skill))
    with db.reading() as tx:
        cadre = posyandu.get_cadre(tx, cadre_id)
    if cadre is None:
        return refused([Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id)])
    if not is_coordinator(db, posyandu_id=cadre.posyandu_id, cadre_id=by_cadre_id):
        problems.append(Issue(Problem.NOT_COORDINATOR, "by_cadre_id", by_cadre_id))
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[None]:
        assessment = SkillAssessment(skill, passed, assessed_on, assessor.strip())
        competence.add_skill_assessment(
            tx, cadre_id=cadre_id, assessment=assessment, entered_by=by_cadre_id
        )
        return Outcome(None)

    saved = attempt(db, work, cadre_id=by_cadre_id)
    if saved.problems:
        return refused(saved.problems)
    return Outcome(cadre_competence(db, cadre_id=cadre_id))


def kms_version(db: Database, *, posyandu_id: int) -> KmsVersion:
    """The KMS reading new judgements use: the chosen one, else the default."""
    with db.reading() as tx:
        chosen = competence.kbm_version(tx, posyandu_id)
    versions = settings.kms_versions()
    return next((v for v in versions if v.version == chosen), versions[0])


def choose_kms_version(
    db: Database, *, posyandu_id: int, version: str, by_cadre_id: int
) -> Outcome[KmsVersion]:
    """The coordinator chooses one of the shipped KMS readings (audited)."""
    names = [v.version for v in settings.kms_versions()]
    if version not in names:
        return refused([Issue(Problem.OUT_OF_RANGE, "version", version)])
    if not is_coordinator(db, posyandu_id=posyandu_id, cadre_id=by_cadre_id):
        return refused([Issue(Problem.NOT_COORDINATOR, "by_cadre_id", by_cadre_id)])

    def work(tx: Tx) -> Outcome[None]:
        if posyandu.get_posyandu(tx, posyandu_id) is None:
            raise InputError(Issue(Problem.POSYANDU_NOT_FOUND, "posyandu_id", posyandu_id))
        competence.set_kbm_version(tx, posyandu_id, version)
        return Outcome(None)

    saved = attempt(db, work, cadre_id=by_cadre_id, reason="KMS version")
    if saved.problems:
        return refused(saved.problems)
    return Outcome(kms_version(db, posyandu_id=posyandu_id))

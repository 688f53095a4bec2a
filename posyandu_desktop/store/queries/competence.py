"""Cadres' skill assessments and the Posyandu's chosen KMS version (added by 0007)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from posyandu_desktop.domain.competence import SkillAssessment
from posyandu_desktop.store.database import Tx
from posyandu_desktop.store.tables import CadreSkillAssessment, Posyandu


@dataclass(frozen=True, slots=True)
class SkillAssessmentRecord:
    id: int
    cadre_id: int
    assessment: SkillAssessment


def add_skill_assessment(
    tx: Tx, *, cadre_id: int, assessment: SkillAssessment, entered_by: int
) -> SkillAssessmentRecord:
    """Insert one assessment of one skill."""
    row = CadreSkillAssessment(
        cadre_id=cadre_id,
        skill=assessment.skill,
        passed=assessment.passed,
        assessed_on=assessment.assessed_on,
        assessor=assessment.assessor,
        entered_by=entered_by,
    )
    tx.add(row)
    tx.flush()
    return SkillAssessmentRecord(row.id, cadre_id, assessment)


def skill_assessments(
    tx: Tx, cadre_ids: Iterable[int], until: date | None = None
) -> dict[int, list[SkillAssessment]]:
    """Each cadre's assessments (up to `until`), in the order they were given."""
    query = (
        select(CadreSkillAssessment)
        .where(CadreSkillAssessment.cadre_id.in_(list(cadre_ids)))
        .order_by(CadreSkillAssessment.assessed_on, CadreSkillAssessment.id)
    )
    if until is not None:
        query = query.where(CadreSkillAssessment.assessed_on <= until)
    found: dict[int, list[SkillAssessment]] = {}
    for row in tx.scalars(query):
        found.setdefault(row.cadre_id, []).append(
            SkillAssessment(row.skill, row.passed, row.assessed_on, row.assessor)
        )
    return found


def kbm_version(tx: Tx, posyandu_id: int) -> str | None:
    """The KMS version the Posyandu chose; None for the default."""
    row = tx.get(Posyandu, posyandu_id)
    return None if row is None else row.kbm_version


def set_kbm_version(tx: Tx, posyandu_id: int, version: str | None) -> None:
    """Choose the KMS version (None: the default); audited like every change of a row."""
    row = tx.get(Posyandu, posyandu_id)
    if row is not None:
        row.kbm_version = version
        tx.flush()


def laptop_kbm_version(tx: Tx) -> str | None:
    """The KMS version chosen for this laptop's Posyandu (the first one set up), or None."""
    return tx.scalar(select(Posyandu.kbm_version).order_by(Posyandu.id).limit(1))

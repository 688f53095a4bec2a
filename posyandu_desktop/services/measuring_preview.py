"""What the measuring desk shows while values are typed, before anything is saved: z-scores and
categories, N/T against last month with the KBM, the LILA status and doubts about the values.

The numbers come from the one assessment that `record_measurement` stores
(`domain/measurement.assess_measurement`), so the preview and the saved record always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.classify import LilaStatus
from posyandu_desktop.domain.growth.plausibility import PlausibilityIssue, Quantity
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.domain.health_check import HealthFindings
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.measurement import (
    GrowthPreview,
    ZResult,
    assess_measurement,
)
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.screenings import ScreeningAnswers
from posyandu_desktop.services import _growth
from posyandu_desktop.services.outcome import Issue, Outcome, refused
from posyandu_desktop.settings import who_standards
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import measurements, people
from posyandu_desktop.store.records import MeasuredValues, MeasurementRecord, PersonRecord

__all__ = ["GrowthPreview", "MeasurementPreview", "ZResult", "preview_measurement"]


@dataclass(frozen=True, slots=True)
class MeasurementPreview:
    """Everything the desk shows about values not yet saved."""

    sex: Sex
    age_days: int
    age_months: int
    life_stage: LifeStage
    scores: tuple[ZResult, ...]  # in `SHOWN_INDICATORS` order, only indices with a result
    bmi: float | None  # kg/m², from the corrected length/height
    lila_status: LilaStatus | None
    bgm: bool  # weight-for-age below the KMS red line
    length_correction_cm: float  # +0.7 standing under 2 years, -0.7 lying from 2, else 0
    standing_under_9_months: bool  # WHO ignores "standing" this young: measure lying
    growth: GrowthPreview | None  # balita with a weight only
    doubts: tuple[PlausibilityIssue, ...]  # confirm or re-measure before saving
    problems: tuple[Issue, ...]  # values no one can have: they cannot be saved
    health: HealthFindings  # the ILP classes and questionnaire results, referrals suggested

    def score(self, indicator: Indicator) -> ZResult | None:
        """The result of one index, or None."""
        return next((s for s in self.scores if s.indicator is indicator), None)


def preview_measurement(
    db: Database,
    *,
    person_id: PersonId,
    on: date,
    values: MeasuredValues,
    answers: ScreeningAnswers | None = None,
) -> Outcome[MeasurementPreview]:
    """Judge typed values (and questionnaire answers) as `record_measurement` would, without
    saving anything."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return refused([Issue(Problem.PERSON_NOT_FOUND, "person_id", person_id)])
        if on < person.birth_date:
            return refused([Issue(Problem.BEFORE_BIRTH, "measured_on", on.isoformat())])
        saved = measurements.history(tx, person_id)
    return Outcome(_preview(person, on, values, saved, answers))


def _preview(
    person: PersonRecord,
    on: date,
    values: MeasuredValues,
    saved: Sequence[MeasurementRecord],
    answers: ScreeningAnswers | None = None,
) -> MeasurementPreview:
    problems = [
        i for i in _growth.value_issues(values) if i.problem is not Problem.NOTHING_MEASURED
    ]
    # Values refused outright are left out of the judging: a z-score of 95 kg says nothing new.
    kept = _without(values, {i.field for i in problems})
    judged = assess_measurement(who_standards(), person, on, kept, saved)
    found = judged.findings
    return MeasurementPreview(
        sex=person.sex,
        age_days=found.age_days,
        age_months=judged.age_months,
        life_stage=judged.life_stage,
        scores=judged.scores,
        bmi=found.bmi,
        lila_status=found.lila_status,
        bgm=judged.bgm,
        length_correction_cm=judged.length_correction_cm,
        standing_under_9_months=judged.standing_under_9_months,
        growth=judged.growth,
        doubts=judged.doubts,
        problems=tuple(problems),
        health=_growth.health_findings(person, on, kept, judged, answers),
    )


# The single readings of `MeasuredValues` (blood pressure is a pair): Quantity values are its
# field names.
_READINGS = tuple(
    q.value for q in Quantity if q not in (Quantity.SYSTOLIC_MMHG, Quantity.DIASTOLIC_MMHG)
)


def _without(values: MeasuredValues, fields: set[str | None]) -> MeasuredValues:
    kept = {name: None if name in fields else getattr(values, name) for name in _READINGS}
    bp = values.blood_pressure
    if fields & {"systolic_mmhg", "diastolic_mmhg"}:
        bp = None
    position = values.position if kept["lenhei_cm"] is not None else None
    return MeasuredValues(**kept, position=position, oedema=values.oedema, blood_pressure=bp)

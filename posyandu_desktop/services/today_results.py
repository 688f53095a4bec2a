"""Desks 3-5 ("Hasil hari ini"): everyone registered today with what the measuring desk found,
the situations and what to do about them, the counselling messages, and which desks each has
passed (recording, health services, counselling)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from posyandu_desktop.domain.counselling import (
    Action,
    CounsellingBook,
    Message,
    Situation,
    facts_of,
    parse_book,
    situations,
)
from posyandu_desktop.domain.growth.zscore import Indicator, ZScore
from posyandu_desktop.domain.health_classes import waist_at_risk
from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.domain.life_stage import ADULT_FROM_YEARS, LifeStage, life_stage
from posyandu_desktop.domain.months import completed_months
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.services.outcome import Outcome
from posyandu_desktop.services.posyandu_day import pass_desk
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import ilp
from posyandu_desktop.store.records import ArrivalRecord, MeasurementRecord, PersonListing

# The desks after measuring, in the order a visitor passes them (docs/sources/ilp-life-stages.md).
AFTER_MEASURING = (Desk.RECORDING, Desk.HEALTH_SERVICE, Desk.COUNSELLING)


@cache
def counselling_book() -> CounsellingBook:
    """The shipped counselling messages (resources/counselling/messages.json)."""
    return parse_book(resource_path("counselling", "messages.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class TodayResult:
    """One visitor of today: who, what was measured, and what to do."""

    arrival: ArrivalRecord
    person: PersonListing
    age_months: int
    life_stage: LifeStage
    measurement: MeasurementRecord | None  # None: not measured yet
    situations: tuple[Situation, ...]
    actions: tuple[Action, ...]
    messages: tuple[Message, ...]

    def passed(self, desk: Desk) -> bool:
        return desk in self.arrival.desks_passed


def _scores(m: MeasurementRecord) -> tuple[ZScore, ...]:
    f = m.findings
    return (
        ZScore(Indicator.WEIGHT_FOR_AGE, f.waz),
        ZScore(Indicator.LENGTH_HEIGHT_FOR_AGE, f.haz),
        ZScore(Indicator.WEIGHT_FOR_LENGTH_HEIGHT, f.whz),
        ZScore(Indicator.BMI_FOR_AGE, f.baz),
        ZScore(Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, f.hcz),
        ZScore(Indicator.ARM_CIRCUMFERENCE_FOR_AGE, f.acz),
    )


def _result(
    arrival: ArrivalRecord, person: PersonListing, m: MeasurementRecord | None, today: date
) -> TodayResult:
    on = max(today, person.birth_date)
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    months = completed_months(person.birth_date, on)
    book = counselling_book()
    if m is None:
        return TodayResult(arrival, person, months, stage, None, (), (), ())
    f, v = m.findings, m.values
    bp = v.blood_pressure
    found = situations(
        facts_of(
            scores=_scores(m),
            growth_status=f.growth_status,
            two_t=f.two_t,
            oedema=v.oedema,
            categories={
                "wfa": f.wfa_category,
                "lhfa": f.lhfa_category,
                "wflh": f.wflh_category,
                "bfa": f.bfa_category,
            },
            lila_status=f.lila_status,
            systolic_mmhg=None if bp is None else bp.systolic_mmhg,
            diastolic_mmhg=None if bp is None else bp.diastolic_mmhg,
            waist_at_risk=None
            if v.waist_cm is None or months < ADULT_FROM_YEARS * 12
            else waist_at_risk(person.sex, v.waist_cm.value),
        )
    )
    return TodayResult(
        arrival, person, months, stage, m, found, book.actions(found), book.advice(found)
    )


def results_today(db: Database, day_id: int, *, today: date) -> tuple[TodayResult, ...]:
    """Everyone registered on the day, in queue order, with their result."""
    with db.reading() as tx:
        rows = ilp.day_results(tx, day_id)
    return tuple(_result(arrival, person, m, today) for arrival, person, m in rows)


def through_desk(
    db: Database, *, cadre_id: CadreId, arrival_id: int, desk: Desk
) -> Outcome[ArrivalRecord]:
    """The visitor has been through one of desks 3-5 (the home screen's counters move)."""
    return pass_desk(db, cadre_id=cadre_id, arrival_id=arrival_id, desk=desk)

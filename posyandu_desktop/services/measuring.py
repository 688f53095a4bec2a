"""Measuring at the post, correcting a measurement, and reading a person's measurements."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.ids import CadreId, DayId, MeasurementId, PersonId
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.screenings import ScreeningAnswers
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.services import _checks, _growth
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.services.posyandu_day import open_arrival, through_desk
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import audit, measurements, visits
from posyandu_desktop.store.records import AuditRecord, MeasuredValues, MeasurementRecord


def _measure_issues(values: MeasuredValues, measured_on: date, today: date) -> list[Issue]:
    return _growth.value_issues(values) + _checks.not_future(measured_on, "measured_on", today)


def _measure(
    tx: Tx,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    measured_on: date,
    values: MeasuredValues,
    day_id: DayId | None = None,
    home_visit_id: int | None = None,
    answers: ScreeningAnswers | None = None,
) -> MeasurementRecord:
    """Save checked values (and the questionnaires' answers) inside a transaction; raises
    InputError for what the registry refuses (unknown person or visit, a closed day, a date
    before birth)."""
    _checks.cadre(tx, cadre_id)
    child = _checks.person(tx, person_id)
    if measured_on < child.birth_date:
        raise InputError(Issue(Problem.BEFORE_BIRTH, "measured_on", measured_on.isoformat()))
    if day_id is not None:
        _checks.open_day(tx, day_id)
    if home_visit_id is not None and visits.get_home_visit(tx, home_visit_id) is None:
        raise InputError(Issue(Problem.HOME_VISIT_NOT_FOUND, "home_visit_id", home_visit_id))
    return _growth.save(
        tx,
        child,
        measured_on=measured_on,
        values=values,
        entered_by=cadre_id,
        day_id=day_id,
        home_visit_id=home_visit_id,
        answers=answers,
    )


def record_measurement(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    measured_on: date,
    values: MeasuredValues,
    day_id: DayId | None = None,
    home_visit_id: int | None = None,
    today: date | None = None,
    answers: ScreeningAnswers | None = None,
) -> Outcome[MeasurementRecord]:
    """Save what was measured, with z-scores, Permenkes categories and the KMS status, and the
    life-stage questionnaires when `answers` are given.

    A measurement belongs to an open Posyandu day, a home visit, or neither (entered later
    from a paper register)."""
    problems = _measure_issues(values, measured_on, today or date.today())
    if day_id is not None and home_visit_id is not None:
        problems.append(Issue(Problem.DAY_AND_VISIT, "home_visit_id"))
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        return Outcome(
            _measure(
                tx,
                cadre_id=cadre_id,
                person_id=person_id,
                measured_on=measured_on,
                values=values,
                day_id=day_id,
                home_visit_id=home_visit_id,
                answers=answers,
            )
        )

    return attempt(db, work, cadre_id=cadre_id)


def measure_at_desk(
    db: Database,
    *,
    cadre_id: CadreId,
    arrival_id: int,
    values: MeasuredValues,
    today: date,
    answers: ScreeningAnswers | None = None,
) -> Outcome[MeasurementRecord]:
    """Save today's measurement (with the questionnaires' answers) of someone in the measuring
    queue and mark them as through the measuring desk, in one transaction: all or nothing."""
    if problems := _measure_issues(values, today, today):
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        arrival = open_arrival(tx, arrival_id)
        saved = _measure(
            tx,
            cadre_id=cadre_id,
            person_id=PersonId(arrival.person_id),
            measured_on=today,
            values=values,
            day_id=DayId(arrival.day_id),
            answers=answers,
        )
        through_desk(tx, arrival, Desk.MEASURING)
        return Outcome(saved)

    return attempt(db, work, cadre_id=cadre_id)


def correct_measurement(
    db: Database,
    *,
    cadre_id: CadreId,
    measurement_id: MeasurementId,
    reason: str,
    values: MeasuredValues,
    measured_on: date | None = None,
    today: date | None = None,
) -> Outcome[MeasurementRecord]:
    """Correct a saved measurement. A reason is required; the old values stay in the audit
    trail and the row counts its corrections. Findings and KMS statuses are recomputed."""
    problems = _checks.text_issues(reason, "reason", 500, required=True)
    problems += _growth.value_issues(values)
    if measured_on is not None:
        problems += _checks.not_future(measured_on, "measured_on", today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        _checks.cadre(tx, cadre_id)
        old = measurements.get_measurement(tx, measurement_id)
        if old is None:
            raise InputError(Issue(Problem.MEASUREMENT_NOT_FOUND, "measurement_id", measurement_id))
        on = measured_on or old.measured_on
        if (on, values) == (old.measured_on, old.values):
            raise InputError(Issue(Problem.NOTHING_CHANGED))
        child = _checks.person(tx, old.person_id)
        if on < child.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, "measured_on", on.isoformat()))
        return Outcome(_growth.correct(tx, child, measurement_id, measured_on=on, values=values))

    return attempt(db, work, cadre_id=cadre_id, reason=reason.strip())


def measurements_of(db: Database, person_id: PersonId) -> tuple[MeasurementRecord, ...]:
    """Every measurement of a person, oldest first (for the growth card)."""
    with db.reading() as tx:
        return measurements.history(tx, person_id)


def measurement_history(db: Database, measurement_id: MeasurementId) -> tuple[AuditRecord, ...]:
    """The audit trail of one measurement: its creation and every correction, oldest first."""
    with db.reading() as tx:
        return audit.trail(tx, "measurement", measurement_id)

"""Last month's weight from the child's Buku KIA (the KMS page), for a child never weighed at
this Posyandu: with it, the first weighing here gets N or T instead of B (docs/sources/kms.md).
Saved as a measurement whose origin is the KIA book, with its z-scores, like any other."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import MeasurementOrigin
from posyandu_desktop.services import _checks, _growth
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import importing, measurements
from posyandu_desktop.store.records import MeasuredValues, MeasurementRecord, Reading


def record_kms_weight(
    db: Database,
    *,
    cadre_id: int,
    person_id: int,
    measured_on: date,
    weight_kg: float,
    today: date | None = None,
) -> Outcome[MeasurementRecord]:
    """Save the weight written in the Buku KIA on `measured_on`, a month before this one, for a
    child with no weighing in the registry yet."""
    today = today or date.today()
    values = MeasuredValues(weight_kg=Reading(weight_kg))
    problems = _growth.value_issues(values)
    problems += _checks.not_future(measured_on, "measured_on", today)
    if (measured_on.year, measured_on.month) >= (today.year, today.month):
        problems.append(Issue(Problem.NOT_AN_EARLIER_MONTH, "measured_on", measured_on.isoformat()))
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        _checks.cadre(tx, cadre_id)
        child = _checks.person(tx, person_id)
        if measured_on < child.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, "measured_on", measured_on.isoformat()))
        if measurements.weighings(tx, PersonId(person_id)):
            raise InputError(Issue(Problem.HAS_HISTORY, "person_id", person_id))
        saved = _growth.save(
            tx, child, measured_on=measured_on, values=values, entered_by=CadreId(cadre_id)
        )
        importing.set_origin(tx, saved.id, MeasurementOrigin.KIA_BOOK)
        return Outcome(saved)

    return attempt(db, work, cadre_id=cadre_id, reason="buku KIA")

"""The measuring desk: what a measurement shows before it is saved, saving it (at the desk, on a
home visit, from a KIA book) and correcting it.

Measuring at the post, correcting a measurement, and reading a person's measurements.

What the measuring desk shows while values are typed, before anything is saved: z-scores and
categories, N/T against last month with the KBM, the LILA status and doubts about the values.

The numbers come from the one assessment that `record_measurement` stores
(`domain/measurement.assess_measurement`), so the preview and the saved record always agree.

Saving measured values: the hard limits (`domain/measurement.HARD_LIMITS`), then the domain's
assessment
(`domain/measurement.assess_measurement`) stored with the values.

Shared by measuring at the post, correcting, measuring on a home visit and the demo.

Last month's weight from the child's Buku KIA (the KMS page), for a child never weighed at
this Posyandu: with it, the first weighing here gets N or T instead of B (docs/sources/kms.md).
Saved as a measurement whose origin is the KIA book, with its z-scores, like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.classify import LilaStatus
from posyandu_desktop.domain.growth.plausibility import PlausibilityIssue, Quantity
from posyandu_desktop.domain.growth.weight_gain import KbmTable, last_month_on_the_card
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.domain.health_check import HealthFindings, assess_health
from posyandu_desktop.domain.ids import (
    ArrivalId,
    CadreId,
    DayId,
    HomeVisitId,
    MeasurementId,
    PersonId,
)
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS, LifeStage
from posyandu_desktop.domain.measurement import (
    HARD_LIMITS,
    GrowthPreview,
    MeasurementAssessment,
    SavedMeasurement,
    ZResult,
    assess_measurement,
)
from posyandu_desktop.domain.measurement import (
    findings_alone as judged_alone,
)
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import QUANTITY_FIELDS, Field, Problem
from posyandu_desktop.domain.referral import ReferralReason, referral_reasons
from posyandu_desktop.domain.screenings import ScreeningAnswers
from posyandu_desktop.domain.vocabulary import Desk, MeasurementOrigin
from posyandu_desktop.services import _checks
from posyandu_desktop.services._checks import in_range
from posyandu_desktop.services.day import open_arrival, through_desk
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.settings import kms_version_named, who_standards
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import audit, measurements, people, posyandu, visits
from posyandu_desktop.store.records import (
    AuditRecord,
    GrowthFindings,
    MeasuredValues,
    MeasurementRecord,
    PersonRecord,
    Reading,
)


def _measure_issues(values: MeasuredValues, measured_on: date, today: date) -> list[Issue]:
    return value_issues(values) + _checks.not_future(measured_on, Field.MEASURED_ON, today)


def _measure(
    tx: Tx,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    measured_on: date,
    values: MeasuredValues,
    day_id: DayId | None = None,
    home_visit_id: HomeVisitId | None = None,
    answers: ScreeningAnswers | None = None,
) -> MeasurementRecord:
    """Save checked values (and the questionnaires' answers) inside a transaction; raises
    InputError for what the registry refuses (unknown person or visit, a closed day, a date
    before birth)."""
    _checks.cadre(tx, cadre_id)
    child = _checks.person(tx, person_id)
    if measured_on < child.birth_date:
        raise InputError(Issue(Problem.BEFORE_BIRTH, Field.MEASURED_ON, measured_on.isoformat()))
    if day_id is not None:
        _checks.open_day(tx, day_id)
    if home_visit_id is not None and visits.get_home_visit(tx, home_visit_id) is None:
        raise InputError(Issue(Problem.HOME_VISIT_NOT_FOUND, Field.HOME_VISIT_ID, home_visit_id))
    return save_assessed_measurement(
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
    home_visit_id: HomeVisitId | None = None,
    today: date | None = None,
    answers: ScreeningAnswers | None = None,
) -> Outcome[MeasurementRecord]:
    """Save what was measured, with z-scores, Permenkes categories and the KMS status, and the
    life-stage questionnaires when `answers` are given.

    A measurement belongs to an open Posyandu day, a home visit, or neither (entered later
    from a paper register)."""
    problems = _measure_issues(values, measured_on, today or date.today())
    if day_id is not None and home_visit_id is not None:
        problems.append(Issue(Problem.DAY_AND_VISIT, Field.HOME_VISIT_ID))
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
    arrival_id: ArrivalId,
    values: MeasuredValues,
    today: date,
    answers: ScreeningAnswers | None = None,
    last_month_kg: float | None = None,
) -> Outcome[MeasurementRecord]:
    """Save today's measurement (with the questionnaires' answers) of someone in the measuring
    queue and mark them as through the measuring desk, in one transaction: all or nothing. With
    `last_month_kg`, for a child never weighed here, last month's weight from the KMS page of
    the Buku KIA is saved first, in the same transaction (see `record_kms_weight`), so today's
    weighing gets N or T."""
    problems = _measure_issues(values, today, today)
    if last_month_kg is not None:
        problems += _last_month_issues(last_month_kg)
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        arrival = open_arrival(tx, arrival_id)
        if last_month_kg is not None:
            child = _checks.person(tx, arrival.person_id)
            on = last_month_on_the_card(today, child.birth_date)
            if on is None:
                raise InputError(Issue(Problem.NOT_AN_EARLIER_MONTH, Field.LAST_MONTH_KG))
            _save_kms_weight(tx, child, on, last_month_kg, cadre_id, field=Field.LAST_MONTH_KG)
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
    problems = _checks.text_issues(reason, Field.REASON, 500, required=True)
    problems += value_issues(values)
    if measured_on is not None:
        problems += _checks.not_future(measured_on, Field.MEASURED_ON, today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        _checks.cadre(tx, cadre_id)
        old = measurements.get_measurement(tx, measurement_id)
        if old is None:
            raise InputError(
                Issue(Problem.MEASUREMENT_NOT_FOUND, Field.MEASUREMENT_ID, measurement_id)
            )
        on = measured_on or old.measured_on
        if (on, values) == (old.measured_on, old.values):
            raise InputError(Issue(Problem.NOTHING_CHANGED))
        child = _checks.person(tx, old.person_id)
        if on < child.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, Field.MEASURED_ON, on.isoformat()))
        return Outcome(
            correct_assessed_measurement(tx, child, measurement_id, measured_on=on, values=values)
        )

    return attempt(db, work, cadre_id=cadre_id, reason=reason.strip())


def measurements_of(db: Database, person_id: PersonId) -> tuple[MeasurementRecord, ...]:
    """Every measurement of a person, oldest first (for the growth card)."""
    with db.reading() as tx:
        return measurements.history(tx, person_id)


def measurement_history(db: Database, measurement_id: MeasurementId) -> tuple[AuditRecord, ...]:
    """The audit trail of one measurement: its creation and every correction, oldest first."""
    with db.reading() as tx:
        return audit.trail(tx, "measurement", measurement_id)


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
    referral: tuple[ReferralReason, ...] = ()  # the one referral rule, for a balita

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
    last_month_kg: float | None = None,
) -> Outcome[MeasurementPreview]:
    """Judge typed values (and questionnaire answers) as `record_measurement` would, without
    saving anything; with `last_month_kg`, as `measure_at_desk` would after saving last month's
    KMS weight (for a child never weighed here; a value no one can have is left out)."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return refused([Issue(Problem.PERSON_NOT_FOUND, Field.PERSON_ID, person_id)])
        if on < person.birth_date:
            return refused([Issue(Problem.BEFORE_BIRTH, Field.MEASURED_ON, on.isoformat())])
        saved: Sequence[SavedMeasurement] = measurements.history(tx, person_id)
        table = kbm(tx)
    earlier = None if saved else last_month_on_the_card(on, person.birth_date)
    if last_month_kg is not None and earlier is not None and not _last_month_issues(last_month_kg):
        kms = MeasuredValues(weight_kg=Reading(last_month_kg))
        found = findings_alone(person, earlier, kms, table)
        saved = [_KmsWeighing(MeasurementId(0), earlier, kms, found)]
    return Outcome(_preview(person, on, values, saved, table, answers))


@dataclass(frozen=True, slots=True)
class _KmsWeighing:
    """Last month's KMS weight as the preview sees it before it is saved."""

    id: MeasurementId
    measured_on: date
    values: MeasuredValues
    findings: GrowthFindings


def _preview(
    person: PersonRecord,
    on: date,
    values: MeasuredValues,
    saved: Sequence[SavedMeasurement],
    table: KbmTable,
    answers: ScreeningAnswers | None = None,
) -> MeasurementPreview:
    problems = [i for i in value_issues(values) if i.problem is not Problem.NOTHING_MEASURED]
    # Values refused outright are left out of the judging: a z-score of 95 kg says nothing new.
    kept = _without(values, {i.field for i in problems})
    judged = assess_measurement(who_standards(), person, on, kept, saved, kbm=table)
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
        referral=referral_reasons(
            growth_status=found.growth_status,
            two_t=found.two_t,
            wfa=found.wfa_category,
            oedema=values.oedema,
            lila_status=found.lila_status,
            doubtful=found.doubtful,
        )
        if judged.age_months < UNDER_FIVE_BELOW_MONTHS
        else (),
        health=health_findings(person, on, kept, judged, answers),
    )


# The single readings of `MeasuredValues` (blood pressure is a pair): Quantity values are its
# field names.
_READINGS = tuple(
    q.value for q in Quantity if q not in (Quantity.SYSTOLIC_MMHG, Quantity.DIASTOLIC_MMHG)
)


def _without(values: MeasuredValues, fields: set[Field | None]) -> MeasuredValues:
    kept = {name: None if name in fields else getattr(values, name) for name in _READINGS}
    bp = values.blood_pressure
    if fields & {Field.SYSTOLIC_MMHG, Field.DIASTOLIC_MMHG}:
        bp = None
    position = values.position if kept["lenhei_cm"] is not None else None
    return MeasuredValues(**kept, position=position, oedema=values.oedema, blood_pressure=bp)


def value_issues(values: MeasuredValues) -> list[Issue]:
    """What is wrong with a set of measured values, before anything is looked up."""
    if not values.anything:
        return [Issue(Problem.NOTHING_MEASURED)]
    issues: list[Issue] = []
    for quantity, value in values.quantities().items():
        issues += in_range(value, QUANTITY_FIELDS[quantity], *HARD_LIMITS[quantity])
    bp = values.blood_pressure
    if bp is not None and bp.diastolic_mmhg >= bp.systolic_mmhg:
        issues.append(Issue(Problem.DIASTOLIC_NOT_BELOW_SYSTOLIC, Field.DIASTOLIC_MMHG))
    if values.position is not None and values.lenhei_cm is None:
        issues.append(Issue(Problem.POSITION_WITHOUT_LENGTH, Field.POSITION))
    return issues


def findings_alone(
    person: PersonRecord, on: date, values: MeasuredValues, table: KbmTable
) -> GrowthFindings:
    """Z-scores, categories and LILA status of one measurement judged alone (`table`: the KBM
    of the laptop's KMS version, `kbm`): an import scores its rows so, then gives all their KMS
    letters at once (`domain/measurement.kms_statuses`)."""
    return judged_alone(who_standards(), person, on, values, table)


def _assessed(
    tx: Tx,
    person: PersonRecord,
    on: date,
    values: MeasuredValues,
    *,
    measurement_id: MeasurementId | None = None,
) -> MeasurementAssessment:
    """The domain's judgement of `values` among the person's saved measurements."""
    saved = measurements.history(tx, person.id)
    return assess_measurement(
        who_standards(), person, on, values, saved, measurement_id=measurement_id, kbm=kbm(tx)
    )


def kbm(tx: Tx) -> KbmTable:
    """The KBM of the KMS version the coordinator chose (docs/sources/kms.md#versions)."""
    return kms_version_named(posyandu.laptop_kbm_version(tx)).kbm


def save_assessed_measurement(
    tx: Tx,
    person: PersonRecord,
    *,
    measured_on: date,
    values: MeasuredValues,
    entered_by: CadreId,
    day_id: DayId | None = None,
    home_visit_id: HomeVisitId | None = None,
    answers: ScreeningAnswers | None = None,
) -> MeasurementRecord:
    """Insert a measurement with its findings and KMS status; later months it changes follow.
    With `answers`, the life-stage questionnaires are saved beside it, judged with its values
    (`domain/health_check.assess_health`)."""
    judged = _assessed(tx, person, measured_on, values)
    if judged.status_changes:
        measurements.set_growth_statuses(tx, judged.status_changes)
    saved = measurements.add_measurement(
        tx,
        person_id=person.id,
        measured_on=measured_on,
        entered_by=entered_by,
        values=values,
        findings=judged.findings,
        day_id=day_id,
        home_visit_id=home_visit_id,
    )
    if answers is not None:
        measurements.add_health_check(
            tx,
            person_id=person.id,
            checked_on=measured_on,
            entered_by=entered_by,
            answers=answers,
            findings=health_findings(person, measured_on, values, judged, answers),
            measurement_id=saved.id,
            day_id=day_id,
            home_visit_id=home_visit_id,
        )
    return saved


def health_findings(
    person: PersonRecord,
    on: date,
    values: MeasuredValues,
    judged: MeasurementAssessment,
    answers: ScreeningAnswers | None,
) -> HealthFindings:
    """The ILP classes and questionnaire results of one occasion (the desk preview and the
    save alike)."""
    return assess_health(
        stage=judged.life_stage,
        sex=person.sex,
        age_months=judged.age_months,
        on=on,
        values=values.quantities(),
        bmi=judged.findings.bmi,
        answers=answers,
    )


def correct_assessed_measurement(
    tx: Tx,
    person: PersonRecord,
    measurement_id: MeasurementId,
    *,
    measured_on: date,
    values: MeasuredValues,
) -> MeasurementRecord:
    """Overwrite a measurement with corrected values, findings and KMS statuses."""
    judged = _assessed(tx, person, measured_on, values, measurement_id=measurement_id)
    if judged.status_changes:
        measurements.set_growth_statuses(tx, judged.status_changes)
    return measurements.correct_measurement(
        tx, measurement_id, measured_on=measured_on, values=values, findings=judged.findings
    )


def record_kms_weight(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    measured_on: date,
    weight_kg: float,
    today: date | None = None,
) -> Outcome[MeasurementRecord]:
    """Save the weight written in the Buku KIA on `measured_on`, a month before this one, for a
    child with no weighing in the registry yet."""
    today = today or date.today()
    problems = _last_month_issues(weight_kg, field=Field.WEIGHT_KG)
    problems += _checks.not_future(measured_on, Field.MEASURED_ON, today)
    if (measured_on.year, measured_on.month) >= (today.year, today.month):
        problems.append(
            Issue(Problem.NOT_AN_EARLIER_MONTH, Field.MEASURED_ON, measured_on.isoformat())
        )
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[MeasurementRecord]:
        _checks.cadre(tx, cadre_id)
        child = _checks.person(tx, person_id)
        return Outcome(_save_kms_weight(tx, child, measured_on, weight_kg, CadreId(cadre_id)))

    return attempt(db, work, cadre_id=cadre_id, reason="buku KIA")


def _last_month_issues(weight_kg: float, field: Field = Field.LAST_MONTH_KG) -> list[Issue]:
    """A KMS weight's problems, named after the argument it came in."""
    issues = value_issues(MeasuredValues(weight_kg=Reading(weight_kg)))
    return [Issue(i.problem, field, i.found) for i in issues]


def _save_kms_weight(
    tx: Tx,
    child: PersonRecord,
    measured_on: date,
    weight_kg: float,
    cadre_id: CadreId,
    *,
    field: Field = Field.PERSON_ID,
) -> MeasurementRecord:
    """Save a checked KMS weight (origin: the KIA book) for a child never weighed here."""
    if measured_on < child.birth_date:
        raise InputError(Issue(Problem.BEFORE_BIRTH, Field.MEASURED_ON, measured_on.isoformat()))
    if measurements.weighings(tx, child.id):
        raise InputError(Issue(Problem.HAS_HISTORY, field, child.id))
    values = MeasuredValues(weight_kg=Reading(weight_kg))
    saved = save_assessed_measurement(
        tx, child, measured_on=measured_on, values=values, entered_by=cadre_id
    )
    people.set_origin(tx, saved.id, MeasurementOrigin.KIA_BOOK)
    return saved

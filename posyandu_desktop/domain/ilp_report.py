"""The monthly report's ILP page: per life stage, the people seen and what was found (KEK,
anaemia, high blood pressure, obesity, TB suspects, elderly dependency), and the coverage of
the services (vitamin A in February and August, TTD, immunisation by antigen).

Computed from plain records the service layer builds; each finding is counted over the people
for whom it could be judged that month ("3 of 12 measured"), never over everyone seen. The F2
page (domain/indicators.py) is unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from posyandu_desktop.domain.health_check import HealthFindings
from posyandu_desktop.domain.health_classes import AdultBmiClass, HaemoglobinClass, hypertensive
from posyandu_desktop.domain.life_stage import VITAMIN_A_MONTHS, LifeStage, VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import Dependency
from posyandu_desktop.domain.vocabulary import ServiceKind


class Finding(StrEnum):
    """What the ILP page counts per life stage."""

    KEK = "kek"  # LILA < 23.5 cm (docs/sources/lila-muac.md#cut-offs)
    ANAEMIA = "anaemia"  # haemoglobin below the normal band (docs/sources/adult-cutoffs.md)
    HYPERTENSION = "hypertension"  # at least 140/90 mmHg (docs/sources/adult-cutoffs.md)
    OBESITY = "obesity"  # adult BMI > 27, or the obese category of a child's index
    TB_SUSPECT = "tb_suspect"  # a positive TB symptom screen
    DEPENDENT = "dependent"  # Barthel ADL below independent (elderly)


# Which findings each stage's recap form asks
# (docs/sources/ilp-life-stages.md#what-each-stage-records); the page leaves the other cells
# empty instead of showing a misleading 0.
STAGE_FINDINGS: Mapping[LifeStage, tuple[Finding, ...]] = {
    LifeStage.PREGNANT_OR_POSTPARTUM: (
        Finding.KEK,
        Finding.ANAEMIA,
        Finding.HYPERTENSION,
        Finding.TB_SUSPECT,
    ),
    LifeStage.UNDER_FIVE: (Finding.OBESITY, Finding.TB_SUSPECT),
    LifeStage.PRESCHOOL: (Finding.OBESITY, Finding.TB_SUSPECT),
    LifeStage.SCHOOL_AGE_ADOLESCENT: (
        Finding.ANAEMIA,
        Finding.HYPERTENSION,
        Finding.OBESITY,
        Finding.TB_SUSPECT,
    ),
    LifeStage.ADULT: (Finding.HYPERTENSION, Finding.OBESITY, Finding.TB_SUSPECT),
    LifeStage.ELDERLY: (
        Finding.HYPERTENSION,
        Finding.OBESITY,
        Finding.TB_SUSPECT,
        Finding.DEPENDENT,
    ),
}


@dataclass(frozen=True, slots=True)
class IlpVisit:
    """One person seen in the month (at the post or at home), in the stage of that day: which
    findings could be judged (measured or asked) and which were found."""

    person_id: int
    stage: LifeStage
    sex: Sex
    judged: frozenset[Finding] = frozenset()
    found: frozenset[Finding] = frozenset()


def judged_and_found(
    f: HealthFindings, *, child_obese: bool | None = None
) -> tuple[frozenset[Finding], frozenset[Finding]]:
    """(judged, found) of one occasion's health findings (domain/health_check.py);
    `child_obese`: the obese category of a child's weight-for-length or BMI-for-age, if any."""
    obese = None if f.adult_bmi is None else f.adult_bmi is AdultBmiClass.OBESE
    if child_obese is not None:
        obese = child_obese
    answers: dict[Finding, bool | None] = {
        Finding.KEK: f.kek,
        Finding.ANAEMIA: None
        if f.haemoglobin is None
        else f.haemoglobin is not HaemoglobinClass.NORMAL,
        Finding.HYPERTENSION: None if f.blood_pressure is None else hypertensive(f.blood_pressure),
        Finding.OBESITY: obese,
        Finding.TB_SUSPECT: f.tb_presumptive,
        Finding.DEPENDENT: None
        if f.dependency is None
        else f.dependency is not Dependency.INDEPENDENT,
    }
    judged = frozenset(k for k, v in answers.items() if v is not None)
    return judged, frozenset(k for k, v in answers.items() if v)


@dataclass(frozen=True, slots=True)
class IlpService:
    person_id: int
    given_on: date
    kind: ServiceKind
    stage: LifeStage  # on the day it was given
    sex: Sex
    capsule: VitaminACapsule | None = None
    antigen: str = ""  # immunisation: the antigen as recorded


@dataclass(frozen=True, slots=True)
class Count:
    found: int
    judged: int


@dataclass(frozen=True, slots=True)
class StageRow:
    stage: LifeStage
    seen: int
    counts: Mapping[Finding, Count]  # only the stage's findings (STAGE_FINDINGS)


@dataclass(frozen=True, slots=True)
class Coverage:
    given: int
    of: int | None  # the people it was due to, when known


@dataclass(frozen=True, slots=True)
class IlpMonth:
    year: int
    month: int
    stages: tuple[StageRow, ...]  # every stage, in LifeStage order
    vitamin_a_round: bool  # February or August (docs/sources/ilp-life-stages.md#vitamin-a)
    vitamin_a: Mapping[VitaminACapsule, Coverage]  # children given / children of that age in S
    ttd_pregnant: Coverage  # pregnant women given TTD / pregnant women seen
    ttd_adolescent_girls: Coverage  # girls 10-17 given TTD / seen
    immunisation: tuple[tuple[str, int], ...]  # (antigen, doses given), by antigen


def ilp_month(
    year: int,
    month: int,
    visits: Sequence[IlpVisit],
    services: Sequence[IlpService],
    *,
    vitamin_a_due: Mapping[VitaminACapsule, int],
    adolescent_girl_ids: frozenset[int] = frozenset(),
) -> IlpMonth:
    """The ILP page of one month. `services` may reach outside the month: only the month's are
    counted. `vitamin_a_due` counts the children of each capsule's age in S;
    `adolescent_girl_ids` the girls 10-17 seen in the month (their TTD's denominator)."""
    of_month = [s for s in services if (s.given_on.year, s.given_on.month) == (year, month)]
    by_stage: dict[LifeStage, dict[int, IlpVisit]] = {stage: {} for stage in LifeStage}
    for visit in visits:
        seen = by_stage[visit.stage].get(visit.person_id)
        # Seen twice in one stage: what either visit judged or found.
        by_stage[visit.stage][visit.person_id] = (
            visit
            if seen is None
            else replace(seen, judged=seen.judged | visit.judged, found=seen.found | visit.found)
        )
    rows = []
    for stage, people in by_stage.items():
        counts = {
            finding: Count(
                found=sum(finding in v.found for v in people.values()),
                judged=sum(finding in v.judged or finding in v.found for v in people.values()),
            )
            for finding in STAGE_FINDINGS[stage]
        }
        rows.append(StageRow(stage, len(people), counts))

    def given(kind: ServiceKind, **match: object) -> set[int]:
        return {
            s.person_id
            for s in of_month
            if s.kind is kind and all(getattr(s, k) == v for k, v in match.items())
        }

    pregnant_seen = set(by_stage[LifeStage.PREGNANT_OR_POSTPARTUM])
    ttd = given(ServiceKind.IRON_TABLETS)
    antigens = Counter(
        s.antigen.strip() or "-" for s in of_month if s.kind is ServiceKind.IMMUNISATION
    )
    return IlpMonth(
        year,
        month,
        tuple(rows),
        month in VITAMIN_A_MONTHS,
        {
            capsule: Coverage(
                len(given(ServiceKind.VITAMIN_A, capsule=capsule)), vitamin_a_due.get(capsule)
            )
            for capsule in VitaminACapsule
        },
        Coverage(len(ttd & pregnant_seen), len(pregnant_seen)),
        Coverage(len(ttd & adolescent_girl_ids), len(adolescent_girl_ids)),
        tuple(sorted(antigens.items(), key=lambda item: item[0].casefold())),
    )


def finding_total(month: IlpMonth, finding: Finding) -> Count:
    """One finding over every life stage that asks it."""
    counts = [row.counts[finding] for row in month.stages if finding in row.counts]
    return Count(sum(c.found for c in counts), sum(c.judged for c in counts))


def _add_coverage(covers: Sequence[Coverage]) -> Coverage:
    dues = [c.of for c in covers]
    return Coverage(
        sum(c.given for c in covers), None if None in dues else sum(d or 0 for d in dues)
    )


def add_months(months: Sequence[IlpMonth]) -> IlpMonth:
    """The plain sum of several Posyandu's ILP pages of one month (the puskesmas recap; a
    person served in two Posyandu counts in both). Raises ValueError for no months."""
    first = months[0]
    stages = []
    for i, stage in enumerate(LifeStage):
        rows = [m.stages[i] for m in months]
        stages.append(
            StageRow(
                stage,
                sum(r.seen for r in rows),
                {
                    finding: Count(
                        sum(r.counts[finding].found for r in rows),
                        sum(r.counts[finding].judged for r in rows),
                    )
                    for finding in STAGE_FINDINGS[stage]
                },
            )
        )
    antigens: Counter[str] = Counter()
    for m in months:
        antigens.update(dict(m.immunisation))
    return IlpMonth(
        first.year,
        first.month,
        tuple(stages),
        first.vitamin_a_round,
        {c: _add_coverage([m.vitamin_a[c] for m in months]) for c in VitaminACapsule},
        _add_coverage([m.ttd_pregnant for m in months]),
        _add_coverage([m.ttd_adolescent_girls for m in months]),
        tuple(sorted(antigens.items(), key=lambda item: item[0].casefold())),
    )

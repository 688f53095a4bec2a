"""The ILP page of the monthly report, from plain records."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.ilp_report import (
    STAGE_FINDINGS,
    Count,
    Coverage,
    Finding,
    IlpService,
    IlpVisit,
    ilp_month,
)
from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import ServiceKind

F, M = Sex.FEMALE, Sex.MALE
PREG = LifeStage.PREGNANT_OR_POSTPARTUM


def test_findings_are_counted_over_the_people_judged() -> None:
    visits = [
        IlpVisit(
            1, PREG, F, frozenset({Finding.KEK, Finding.HYPERTENSION}), frozenset({Finding.KEK})
        ),
        IlpVisit(2, PREG, F, frozenset({Finding.KEK})),
        # Seen twice: counted once, with what either visit found.
        IlpVisit(2, PREG, F, frozenset({Finding.HYPERTENSION}), frozenset({Finding.HYPERTENSION})),
        IlpVisit(3, LifeStage.ELDERLY, M, frozenset(), frozenset({Finding.DEPENDENT})),
        IlpVisit(4, LifeStage.ADULT, M),
    ]
    month = ilp_month(2026, 12, visits, [], vitamin_a_due={})
    rows = {row.stage: row for row in month.stages}
    assert [row.stage for row in month.stages] == list(LifeStage)
    assert rows[PREG].seen == 2
    assert rows[PREG].counts[Finding.KEK] == Count(1, 2)
    assert rows[PREG].counts[Finding.HYPERTENSION] == Count(1, 2)
    assert rows[PREG].counts[Finding.ANAEMIA] == Count(0, 0)
    # A finding counts as judged too.
    assert rows[LifeStage.ELDERLY].counts[Finding.DEPENDENT] == Count(1, 1)
    assert rows[LifeStage.ADULT].seen == 1
    assert set(rows[LifeStage.ADULT].counts) == set(STAGE_FINDINGS[LifeStage.ADULT])
    assert rows[LifeStage.UNDER_FIVE].seen == 0


def test_service_coverage_of_the_month_only() -> None:
    visits = [IlpVisit(1, PREG, F), IlpVisit(2, PREG, F)]
    services = [
        IlpService(1, date(2026, 8, 3), ServiceKind.IRON_TABLETS, PREG, F),
        IlpService(1, date(2026, 8, 3), ServiceKind.IRON_TABLETS, PREG, F),
        IlpService(
            9, date(2026, 8, 3), ServiceKind.IRON_TABLETS, LifeStage.SCHOOL_AGE_ADOLESCENT, F
        ),
        IlpService(
            5, date(2026, 8, 3), ServiceKind.VITAMIN_A, LifeStage.UNDER_FIVE, M, VitaminACapsule.RED
        ),
        IlpService(
            6,
            date(2026, 7, 30),
            ServiceKind.VITAMIN_A,
            LifeStage.UNDER_FIVE,
            M,
            VitaminACapsule.RED,
        ),
        IlpService(
            5, date(2026, 8, 3), ServiceKind.IMMUNISATION, LifeStage.UNDER_FIVE, M, antigen="MR"
        ),
        IlpService(
            7,
            date(2026, 8, 3),
            ServiceKind.IMMUNISATION,
            LifeStage.UNDER_FIVE,
            M,
            antigen="DPT-HB-Hib 1",
        ),
        IlpService(
            8, date(2026, 8, 3), ServiceKind.IMMUNISATION, LifeStage.UNDER_FIVE, F, antigen="MR"
        ),
    ]
    month = ilp_month(
        2026,
        8,
        visits,
        services,
        vitamin_a_due={VitaminACapsule.RED: 10, VitaminACapsule.BLUE: 2},
        adolescent_girl_ids=frozenset({9, 10}),
    )
    assert month.vitamin_a_round
    assert month.vitamin_a[VitaminACapsule.RED] == Coverage(1, 10)
    assert month.vitamin_a[VitaminACapsule.BLUE] == Coverage(0, 2)
    assert month.ttd_pregnant == Coverage(1, 2)
    assert month.ttd_adolescent_girls == Coverage(1, 2)
    assert month.immunisation == (("DPT-HB-Hib 1", 1), ("MR", 2))
    assert not ilp_month(2026, 9, visits, services, vitamin_a_due={}).vitamin_a_round


def test_health_findings_become_judged_and_found() -> None:
    from posyandu_desktop.domain.health_check import HealthFindings
    from posyandu_desktop.domain.health_classes import (
        AdultBmiClass,
        BloodPressureClass,
        HaemoglobinClass,
    )
    from posyandu_desktop.domain.ilp_report import judged_and_found
    from posyandu_desktop.domain.screenings import Dependency

    findings = HealthFindings(
        adult_bmi=AdultBmiClass.OBESE,
        blood_pressure=BloodPressureClass.PREHYPERTENSION,
        haemoglobin=HaemoglobinClass.MILD,
        tb_presumptive=False,
        dependency=Dependency.MILD,
    )
    judged, found = judged_and_found(findings)
    assert judged == {
        Finding.OBESITY,
        Finding.HYPERTENSION,
        Finding.ANAEMIA,
        Finding.TB_SUSPECT,
        Finding.DEPENDENT,
    }
    assert found == {Finding.OBESITY, Finding.ANAEMIA, Finding.DEPENDENT}
    assert judged_and_found(HealthFindings(), child_obese=False) == (
        frozenset({Finding.OBESITY}),
        frozenset(),
    )

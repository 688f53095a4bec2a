"""The due rules of the Pelayanan desk: vitamin A months and colours, deworming, PMT, TTD, the
immunisation schedule by age, exclusive breastfeeding months and family planning after delivery."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop.domain.growth.classify import LilaStatus, WeightForLengthHeightCategory
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.immunisation import (
    Antigen,
    DosePlace,
    ScheduleError,
    parse_schedule,
)
from posyandu_desktop.domain.measurement import GrowthFindings
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.services_due import (
    DueService,
    NutritionFlags,
    PmtKind,
    ServicePerson,
    code_problem,
    immunisations_due,
    nutrition_flags,
    services_due,
)
from posyandu_desktop.domain.vocabulary import ServiceKind as K

SCHEDULE = parse_schedule(
    (Path(__file__).parents[2] / "resources" / "immunisation" / "schedule.csv").read_text("utf-8")
)


@dataclass(frozen=True)
class Given:
    kind: K
    given_on: date
    code: str | None = None


def child(born: date, sex: Sex = Sex.MALE) -> ServicePerson:
    return ServicePerson(birth_date=born, sex=sex)


def kinds(due: tuple[DueService, ...]) -> dict[K, list[str]]:
    found: dict[K, list[str]] = {}
    for d in due:
        found.setdefault(d.kind, []).append(d.code)
    return found


def test_the_shipped_schedule_has_the_newer_antigens():
    assert SCHEDULE.version.startswith("kemenkes-")
    antigens = {d.antigen for d in SCHEDULE.doses}
    assert {Antigen.PCV, Antigen.ROTAVIRUS, Antigen.IPV, Antigen.HPV} <= antigens
    ipv2 = SCHEDULE.dose("ipv2")
    assert ipv2 is not None and (ipv2.number, ipv2.from_months) == (2, 9)
    assert SCHEDULE.dose("hpv1").sex is Sex.FEMALE  # type: ignore[union-attr]
    assert SCHEDULE.dose("hpv1").place is DosePlace.SCHOOL  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "code,antigen,dose,from_months,sex,place\nx,bcg,1,1,,posyandu\n",  # no version line
        "# version: v1\ncode,antigen,dose,from_months,sex,place\nx,smallpox,1,1,,posyandu\n",
        "# version: v1\ncode,antigen,dose,from_months,sex,place\nx,bcg,one,1,,posyandu\n",
        "# version: v1\ncode,antigen,dose,from_months,sex,place\nx,bcg,1,1,,posyandu\n"
        "x,bcg,2,2,,posyandu\n",
        "# version: v1\ncode,antigen,dose,from_months,sex,place\n",
    ],
)
def test_a_broken_schedule_is_refused(text):
    with pytest.raises(ScheduleError):
        parse_schedule(text)


@pytest.mark.parametrize(
    ("on", "capsule"),
    [
        (date(2026, 2, 14), None),  # 5 months
        (date(2026, 8, 14), "blue"),  # 11 months
        (date(2026, 7, 14), None),  # not a vitamin A month
        (date(2027, 2, 14), "red"),  # 17 months
        (date(2030, 8, 14), "red"),  # 59 months
        (date(2031, 2, 14), None),  # 65 months
    ],
)
def test_vitamin_a_in_february_and_august_by_age(on, capsule):
    due = kinds(services_due(child(date(2025, 9, 14)), on, [], SCHEDULE))
    assert due.get(K.VITAMIN_A) == (None if capsule is None else [capsule])


def test_vitamin_a_given_this_month_is_not_due_again():
    born = date(2025, 1, 10)
    given = [Given(K.VITAMIN_A, date(2026, 2, 3), "red")]
    assert K.VITAMIN_A not in kinds(services_due(child(born), date(2026, 2, 20), given, SCHEDULE))


def test_a_mother_after_delivery_gets_two_red_capsules():
    mother = ServicePerson(date(1998, 5, 1), Sex.FEMALE, delivered_on=date(2026, 11, 20))
    on = date(2026, 12, 7)
    assert kinds(services_due(mother, on, [], SCHEDULE))[K.VITAMIN_A] == ["red"]
    one = [Given(K.VITAMIN_A, date(2026, 11, 20), "red")]
    assert K.VITAMIN_A in kinds(services_due(mother, on, one, SCHEDULE))
    two = [*one, Given(K.VITAMIN_A, date(2026, 11, 21), "red")]
    assert K.VITAMIN_A not in kinds(services_due(mother, on, two, SCHEDULE))
    # day 43 after delivery: no longer nifas
    assert K.VITAMIN_A not in kinds(services_due(mother, date(2027, 1, 2), [], SCHEDULE))
    assert kinds(services_due(mother, on, [], SCHEDULE))[K.FAMILY_PLANNING] == [""]
    planned = [Given(K.FAMILY_PLANNING, date(2026, 12, 1), "injection")]
    assert K.FAMILY_PLANNING not in kinds(services_due(mother, on, planned, SCHEDULE))


@pytest.mark.parametrize(
    ("born", "on", "due"),
    [
        (date(2025, 3, 1), date(2026, 2, 10), False),  # 11 months
        (date(2025, 2, 1), date(2026, 2, 10), True),  # 12 months
        (date(2014, 3, 1), date(2026, 2, 10), True),  # 11 years 11 months
        (date(2014, 2, 1), date(2026, 2, 10), False),  # 12 years
        (date(2024, 2, 1), date(2026, 3, 10), False),  # not a round month
    ],
)
def test_deworming_twice_a_year_from_12_months_to_12_years(born, on, due):
    assert (K.DEWORMING in kinds(services_due(child(born), on, [], SCHEDULE))) is due


def test_deworming_given_in_the_last_five_months_is_not_due():
    born = date(2023, 1, 1)
    recent = [Given(K.DEWORMING, date(2026, 4, 1))]
    assert K.DEWORMING not in kinds(services_due(child(born), date(2026, 8, 10), recent, SCHEDULE))
    old = [Given(K.DEWORMING, date(2026, 2, 1))]
    assert K.DEWORMING in kinds(services_due(child(born), date(2026, 8, 10), old, SCHEDULE))


def test_pmt_for_a_child_not_gaining_and_a_pregnant_woman_with_kek():
    on = date(2026, 12, 7)
    toddler = child(date(2025, 1, 1))
    assert K.PMT not in kinds(services_due(toddler, on, [], SCHEDULE))
    flags = NutritionFlags(not_gaining=True)
    assert kinds(services_due(toddler, on, [], SCHEDULE, flags))[K.PMT] == [PmtKind.CHILD_RECOVERY]
    pregnant = ServicePerson(date(2000, 1, 1), Sex.FEMALE, pregnant=True)
    assert K.PMT not in kinds(services_due(pregnant, on, [], SCHEDULE))
    kek = kinds(services_due(pregnant, on, [], SCHEDULE, NutritionFlags(kek=True)))
    assert kek[K.PMT] == [PmtKind.PREGNANT_KEK]


@pytest.mark.parametrize(
    ("person", "tablets"),
    [
        (ServicePerson(date(2000, 1, 1), Sex.FEMALE, pregnant=True), 30),
        (ServicePerson(date(2014, 12, 7), Sex.FEMALE), 4),  # 12 years
        (ServicePerson(date(2014, 12, 8), Sex.FEMALE), None),  # a day short of 12
        (ServicePerson(date(2008, 12, 8), Sex.FEMALE), 4),  # 17 years 11 months
        (ServicePerson(date(2008, 12, 7), Sex.FEMALE), None),  # 18
        (ServicePerson(date(2012, 1, 1), Sex.MALE), None),
    ],
)
def test_iron_tablets_for_pregnant_women_and_adolescent_girls(person, tablets):
    due = [
        d for d in services_due(person, date(2026, 12, 7), [], SCHEDULE) if d.kind is K.IRON_TABLETS
    ]
    assert (due[0].quantity if due else None) == tablets


def test_immunisation_doses_follow_the_schedule_by_age():
    born = date(2026, 1, 15)
    at_2_months = immunisations_due(child(born), date(2026, 3, 15), [], SCHEDULE)
    assert [d.code for d in at_2_months] == ["hb0", "bcg", "opv1", "opv2", "dpt1", "pcv1", "rv1"]
    assert [d.code for d in at_2_months if d.late] == ["hb0", "bcg", "opv1"]
    given = [Given(K.IMMUNISATION, date(2026, 1, 15), code) for code in ("hb0", "bcg", "opv1")]
    assert [
        d.code for d in immunisations_due(child(born), date(2026, 3, 14), given, SCHEDULE)
    ] == []
    at_9 = {d.code for d in immunisations_due(child(born), date(2026, 10, 15), given, SCHEDULE)}
    assert {"mr1", "ipv2", "ipv1", "rv3"} <= at_9 and "je" not in at_9 and "pcv3" not in at_9
    endemic = immunisations_due(child(born), date(2026, 11, 15), given, SCHEDULE, je_endemic=True)
    assert "je" in {d.code for d in endemic}


def test_school_doses_and_over_fives_are_never_due_at_the_post():
    girl = ServicePerson(date(2014, 1, 1), Sex.FEMALE)
    assert immunisations_due(girl, date(2026, 12, 7), [], SCHEDULE) == ()


def test_exclusive_breastfeeding_month_by_month_until_it_stops():
    born = date(2026, 9, 1)
    baby = child(born)
    assert kinds(services_due(baby, date(2026, 12, 7), [], SCHEDULE))[K.BREASTFEEDING] == ["E3"]
    this_month = [Given(K.BREASTFEEDING, date(2026, 12, 1), "E3")]
    assert K.BREASTFEEDING not in kinds(services_due(baby, date(2026, 12, 7), this_month, SCHEDULE))
    stopped = [Given(K.BREASTFEEDING, date(2026, 11, 1), "no")]
    assert K.BREASTFEEDING not in kinds(services_due(baby, date(2026, 12, 7), stopped, SCHEDULE))
    assert kinds(services_due(baby, date(2027, 3, 7), [], SCHEDULE))[K.BREASTFEEDING] == ["E6"]
    assert K.BREASTFEEDING not in kinds(services_due(baby, date(2027, 4, 1), [], SCHEDULE))


@pytest.mark.parametrize(
    ("kind", "code", "wrong"),
    [
        (K.IMMUNISATION, "pcv2", False),
        (K.IMMUNISATION, "pcv9", True),
        (K.IMMUNISATION, None, False),
        (K.BREASTFEEDING, "E6", False),
        (K.BREASTFEEDING, "E7", True),
        (K.BREASTFEEDING, "no", False),
        (K.FAMILY_PLANNING, "implant", False),
        (K.FAMILY_PLANNING, None, True),
        (K.PMT, "child_recovery", False),
        (K.PMT, "cake", True),
        (K.REFERRAL, "tb_symptoms", False),
        (K.REFERRAL, None, False),
        (K.VITAMIN_A, "blue", False),
        (K.DEWORMING, None, False),
        (K.IRON_TABLETS, "x" * 25, True),
    ],
)
def test_a_service_code_must_fit_its_kind(kind, code, wrong):
    assert code_problem(kind, code, SCHEDULE) is wrong


def test_nutrition_flags_from_the_latest_findings():
    assert nutrition_flags(None) == NutritionFlags()
    base = dict.fromkeys(GrowthFindings.__dataclass_fields__)  # every finding None
    flags = nutrition_flags(
        GrowthFindings(**{**base, "growth_status": GrowthStatus.T, "two_t": False})  # type: ignore[arg-type]
    )
    assert flags.not_gaining and not flags.underweight_or_wasted
    wasted = nutrition_flags(
        GrowthFindings(
            **{**base, "wflh_category": WeightForLengthHeightCategory.WASTED, "two_t": False}  # type: ignore[arg-type]
        )
    )
    assert wasted.underweight_or_wasted
    kek = nutrition_flags(GrowthFindings(**{**base, "lila_status": LilaStatus.KEK, "two_t": False}))  # type: ignore[arg-type]
    assert kek.kek

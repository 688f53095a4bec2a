"""What the health-service desk (Pelayanan) gives whom today: vitamin A, deworming, PMT, iron
tablets (TTD), immunisation by the schedule data, exclusive breastfeeding months E0-E6 and family
planning after delivery.

Pure rules over plain facts: the person, the day, the services already recorded and the latest
findings; the schedule is passed in (docs/sources/immunisation-schedule.md). Sources of each rule:
docs/sources/ilp-life-stages.md#vitamin-a and docs/sources/services-due.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from posyandu_desktop.domain.growth.classify import (
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.immunisation import DosePlace, ImmunisationSchedule
from posyandu_desktop.domain.life_stage import (
    POSTPARTUM_DAYS,
    UNDER_FIVE_BELOW_MONTHS,
    VITAMIN_A_MONTHS,
    VitaminACapsule,
    vitamin_a_due,
)
from posyandu_desktop.domain.measurement import GrowthFindings
from posyandu_desktop.domain.months import completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import ReferralReason
from posyandu_desktop.domain.vocabulary import ServiceKind


class PmtKind(StrEnum):
    """Supplementary food (PMT lokal, Kemenkes 2023): who gets which kind."""

    CHILD_RECOVERY = "child_recovery"  # balita not gaining (T), underweight or wasted
    PREGNANT_KEK = "pregnant_kek"  # pregnant woman with LILA < 23.5 cm
    EDUCATION = "education"  # PMT penyuluhan: the day's snack for every child (never "due")


class FamilyPlanning(StrEnum):
    """Contraception methods of the KB register (BKKBN)."""

    PILL = "pill"
    INJECTION = "injection"
    IMPLANT = "implant"
    IUD = "iud"
    CONDOM = "condom"
    TUBECTOMY = "tubectomy"  # MOW
    VASECTOMY = "vasectomy"  # MOP
    LAM = "lam"  # lactational amenorrhoea (MAL)
    NONE = "none"  # asked, uses none


# Exclusive breastfeeding is recorded month by month, E0 to E6 (KMS, Buku KIA); "no" ends it.
BREASTFEEDING_TO_MONTHS = 6
NOT_EXCLUSIVE = "no"


def breastfeeding_code(months: int) -> str:
    """The code of an exclusively breastfed month: "E0" to "E6"."""
    if not 0 <= months <= BREASTFEEDING_TO_MONTHS:
        raise ValueError(f"exclusive breastfeeding is recorded for 0-6 months, not {months}")
    return f"E{months}"


# Deworming (Permenkes 15/2017, Penanggulangan Cacingan): children from 12 months to 12 years,
# twice a year with the vitamin A rounds; at most one dose in the months between.
DEWORMING_FROM_MONTHS = 12
DEWORMING_BELOW_MONTHS = 144
DEWORMING_GAP_DAYS = 150
# Iron tablets (TTD): every pregnant woman each month (at least 90 in the pregnancy), adolescent
# girls 12-18 years one tablet a week (Kemenkes), so 4 for a month at the post.
TTD_GIRLS_FROM_MONTHS = 144
TTD_GIRLS_BELOW_MONTHS = 216
TTD_PREGNANT_TABLETS = 30
TTD_GIRLS_TABLETS = 4
# A mother gets two red capsules after delivery (the second a day after the first), in nifas.
MOTHER_CAPSULES = 2
# A dose is late one month after its month of age (local choice, docs/DECISIONS.md).
LATE_AFTER_MONTHS = 1


class GivenService(Protocol):
    """A service already recorded (a stored service record is one)."""

    @property
    def kind(self) -> ServiceKind: ...
    @property
    def given_on(self) -> date: ...
    @property
    def code(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class ServicePerson:
    """The facts about a person that decide the services due."""

    birth_date: date
    sex: Sex
    pregnant: bool = False
    delivered_on: date | None = None


@dataclass(frozen=True, slots=True)
class NutritionFlags:
    """The latest findings that decide PMT: from this month's measurement."""

    not_gaining: bool = False  # KMS T, 2T
    underweight_or_wasted: bool = False  # BGM, weight-for-age or weight-for-length below -2 SD
    kek: bool = False  # LILA < 23.5 cm


_UNDERWEIGHT = (WeightForAgeCategory.SEVERELY_UNDERWEIGHT, WeightForAgeCategory.UNDERWEIGHT)
_WASTED = (WeightForLengthHeightCategory.SEVERELY_WASTED, WeightForLengthHeightCategory.WASTED)


def nutrition_flags(latest: GrowthFindings | None) -> NutritionFlags:
    """The PMT facts of a person's latest measurement of the month (None: not measured)."""
    if latest is None:
        return NutritionFlags()
    return NutritionFlags(
        not_gaining=latest.growth_status is GrowthStatus.T or latest.two_t,
        underweight_or_wasted=latest.wfa_category in _UNDERWEIGHT
        or latest.wflh_category in _WASTED,
        kek=latest.lila_status is LilaStatus.KEK,
    )


_BREASTFEEDING_CODES = frozenset(
    [NOT_EXCLUSIVE, *(f"E{m}" for m in range(BREASTFEEDING_TO_MONTHS + 1))]
)


def code_problem(kind: ServiceKind, code: str | None, schedule: ImmunisationSchedule) -> bool:
    """True when `code` does not fit `kind`: a dose of the schedule (or none) for an
    immunisation, E0-E6
    or "no" for breastfeeding, a method for family planning, a PMT kind, a referral reason,
    a capsule colour; deworming and TTD take any short code or none."""
    match kind:
        case ServiceKind.IMMUNISATION:  # None: a vaccine outside the schedule, named in words
            return code is not None and schedule.dose(code) is None
        case ServiceKind.BREASTFEEDING:
            return code not in _BREASTFEEDING_CODES
        case ServiceKind.FAMILY_PLANNING:
            return code not in set(FamilyPlanning)
        case ServiceKind.PMT:
            return code is not None and code not in set(PmtKind)
        case ServiceKind.REFERRAL:
            return code is not None and code not in set(ReferralReason)
        case ServiceKind.VITAMIN_A:
            return code is not None and code not in set(VitaminACapsule)
        case ServiceKind.DEWORMING | ServiceKind.IRON_TABLETS:
            return code is not None and not 0 < len(code) <= 24
    return True


@dataclass(frozen=True, slots=True)
class DueService:
    """One service due today: its kind, the code it will be recorded with, and how many."""

    kind: ServiceKind
    code: str  # capsule colour, dose code, PMT kind, E-month
    quantity: int | None = None  # tablets
    late: bool = False  # an immunisation dose past its month


def services_due(
    person: ServicePerson,
    on: date,
    given: Sequence[GivenService],
    schedule: ImmunisationSchedule,
    nutrition: NutritionFlags = NutritionFlags(),
    *,
    je_endemic: bool = False,
) -> tuple[DueService, ...]:
    """Everything due for `person` on `on` that `given` does not hold yet, in desk order:
    vitamin A, deworming, PMT, TTD, immunisation, breastfeeding, family planning."""
    if on < person.birth_date:
        return ()
    months = completed_months(person.birth_date, on)
    month_start = on.replace(day=1)
    this_month = [g for g in given if month_start <= g.given_on <= on]

    def had(kind: ServiceKind, among: Sequence[GivenService] = this_month) -> bool:
        return any(g.kind is kind for g in among)

    due: list[DueService] = []
    postpartum = _in_nifas(person, on)
    capsule = vitamin_a_due(person.birth_date, on)
    if capsule is not None and not had(ServiceKind.VITAMIN_A):
        due.append(DueService(ServiceKind.VITAMIN_A, capsule.value))
    elif postpartum and person.delivered_on is not None:
        after = [
            g
            for g in given
            if g.kind is ServiceKind.VITAMIN_A and g.given_on >= person.delivered_on
        ]
        if len(after) < MOTHER_CAPSULES:
            due.append(DueService(ServiceKind.VITAMIN_A, VitaminACapsule.RED.value))
    if (
        DEWORMING_FROM_MONTHS <= months < DEWORMING_BELOW_MONTHS
        and on.month in VITAMIN_A_MONTHS
        and not any(
            g.kind is ServiceKind.DEWORMING
            and on - timedelta(DEWORMING_GAP_DAYS) < g.given_on <= on
            for g in given
        )
    ):
        due.append(DueService(ServiceKind.DEWORMING, "albendazole"))
    pmt = _pmt(person, months, nutrition)
    if pmt is not None and not had(ServiceKind.PMT):
        due.append(DueService(ServiceKind.PMT, pmt.value))
    tablets = _ttd_tablets(person, months)
    if tablets and not had(ServiceKind.IRON_TABLETS):
        due.append(DueService(ServiceKind.IRON_TABLETS, "ttd", quantity=tablets))
    due += immunisations_due(person, on, given, schedule, je_endemic=je_endemic)
    if months <= BREASTFEEDING_TO_MONTHS and not any(
        g.kind is ServiceKind.BREASTFEEDING
        and (g.code == NOT_EXCLUSIVE or g.given_on >= month_start)
        for g in given
    ):
        due.append(DueService(ServiceKind.BREASTFEEDING, breastfeeding_code(months)))
    if (
        postpartum
        and person.delivered_on is not None
        and not any(
            g.kind is ServiceKind.FAMILY_PLANNING and g.given_on >= person.delivered_on
            for g in given
        )
    ):
        due.append(DueService(ServiceKind.FAMILY_PLANNING, ""))
    return tuple(due)


def immunisations_due(
    person: ServicePerson,
    on: date,
    given: Sequence[GivenService],
    schedule: ImmunisationSchedule,
    *,
    je_endemic: bool = False,
) -> tuple[DueService, ...]:
    """The Posyandu doses of the schedule due by age and not recorded, for a child under five."""
    if on < person.birth_date:
        return ()
    months = completed_months(person.birth_date, on)
    if months >= UNDER_FIVE_BELOW_MONTHS:
        return ()
    recorded = {g.code for g in given if g.kind is ServiceKind.IMMUNISATION}
    places = {DosePlace.POSYANDU} | ({DosePlace.ENDEMIC} if je_endemic else set())
    return tuple(
        DueService(
            ServiceKind.IMMUNISATION,
            dose.code,
            late=months >= dose.from_months + LATE_AFTER_MONTHS,
        )
        for dose in schedule.doses
        if dose.place in places
        and dose.from_months <= months
        and dose.sex in (None, person.sex)
        and dose.code not in recorded
    )


def _in_nifas(person: ServicePerson, on: date) -> bool:
    d = person.delivered_on
    return d is not None and d <= on <= d + timedelta(POSTPARTUM_DAYS)


def _pmt(person: ServicePerson, months: int, nutrition: NutritionFlags) -> PmtKind | None:
    if person.pregnant:
        return PmtKind.PREGNANT_KEK if nutrition.kek else None
    if months < UNDER_FIVE_BELOW_MONTHS and (
        nutrition.not_gaining or nutrition.underweight_or_wasted
    ):
        return PmtKind.CHILD_RECOVERY
    return None


def _ttd_tablets(person: ServicePerson, months: int) -> int | None:
    if person.pregnant:
        return TTD_PREGNANT_TABLETS
    if person.sex is Sex.FEMALE and TTD_GIRLS_FROM_MONTHS <= months < TTD_GIRLS_BELOW_MONTHS:
        return TTD_GIRLS_TABLETS
    return None

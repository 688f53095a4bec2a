"""The questionnaires of the ILP forms: tuberculosis symptoms (everyone), pregnancy danger signs,
the adolescent risk questions, smoking, the PUMA score for COPD, the Barthel ADL index; which of
them each life stage gets; and the reasons a person is referred.

Answers are codes (the "yes" answers as a frozenset), results are codes and numbers; words live
in i18n. Sources: docs/sources/ilp-life-stages.md and docs/sources/adult-cutoffs.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.people import Sex


class Screening(StrEnum):
    """A questionnaire of the ILP forms."""

    TB = "tb"
    PREGNANCY = "pregnancy"  # HPHT, pregnancy class, danger signs
    ADOLESCENT = "adolescent"
    SMOKING = "smoking"
    PUMA = "puma"  # COPD screening
    BARTHEL = "barthel"  # activities of daily living


class TbSymptom(StrEnum):
    """TB symptom screen of the ILP forms
    (docs/sources/ilp-life-stages.md#what-each-stage-records)."""

    COUGH_2_WEEKS = "cough_2_weeks"
    FEVER_2_WEEKS = "fever_2_weeks"
    WEIGHT_NOT_RISING = "weight_not_rising"  # or losing weight
    TB_CONTACT = "tb_contact"  # lives with a person treated for TB


def tb_presumptive(symptoms: frozenset[TbSymptom]) -> bool:
    """A cadre screens and does not diagnose: any symptom or contact sends the person to the
    puskesmas for a TB examination (local choice, docs/DECISIONS.md)."""
    return bool(symptoms)


class DangerSign(StrEnum):
    """Danger signs in pregnancy (Buku KIA), each a reason to go to the midwife at once."""

    BLEEDING = "bleeding"
    SEVERE_VOMITING = "severe_vomiting"  # vomits everything, cannot eat
    HIGH_FEVER = "high_fever"
    SWELLING_HEADACHE_FITS = "swelling_headache_fits"  # swollen face/hands/feet, headache, fits
    BABY_MOVES_LESS = "baby_moves_less"
    WATERS_BREAK_EARLY = "waters_break_early"


class AdolescentRisk(StrEnum):
    """The eight risk questions of the ILP adolescent form (docs/sources/ilp-life-stages.md)."""

    HOME = "home"  # problems at home
    SCHOOL = "school"  # school burden, absence
    BODY_IMAGE = "body_image"
    FRIENDS = "friends"  # no friends, bullying
    SUBSTANCES = "substances"  # smoking, alcohol, drugs
    SEX = "sex"  # sexual activity
    UNSAFE_AREA = "unsafe_area"
    SUICIDAL_THOUGHTS = "suicidal_thoughts"


class Smoking(StrEnum):
    NEVER = "never"
    FORMER = "former"
    CURRENT = "current"


class PumaSymptom(StrEnum):
    """The yes/no items of the PUMA questionnaire."""

    BREATHLESS = "breathless"  # short of breath walking fast or uphill
    SPUTUM = "sputum"  # phlegm from the chest when not having a cold
    COUGH = "cough"  # usually coughs when not having a cold
    SPIROMETRY_BEFORE = "spirometry_before"  # a doctor or nurse ever tested the breathing


# PUMA (Lopez Varela et al. 2016), as used for COPD screening at Posbindu/ILP: sex, age band,
# pack-years band and four yes/no items; 6 or more is "possible COPD", refer
# (docs/sources/adult-cutoffs.md#copd-puma).
PUMA_FROM_YEARS = 40
PUMA_REFER_FROM = 6


def puma_score(
    *, sex: Sex, age_years: int, pack_years: float, symptoms: frozenset[PumaSymptom]
) -> int:
    """The PUMA score, 0-9: male 1; age 50-59 1, 60+ 2; pack-years 20-30 1, over 30 2; one
    point per yes item. Raises ValueError under 40 years or for negative pack-years."""
    if age_years < PUMA_FROM_YEARS or pack_years < 0:
        raise ValueError("PUMA is for people aged 40 and over, with pack-years >= 0")
    age = 0 if age_years < 50 else 1 if age_years < 60 else 2
    packs = 0 if pack_years < 20 else 1 if pack_years <= 30 else 2
    return int(sex is Sex.MALE) + age + packs + len(symptoms)


class BarthelItem(StrEnum):
    """The ten activities of the Barthel index, 20-point form used by Kemenkes for the elderly."""

    FEEDING = "feeding"
    BATHING = "bathing"
    GROOMING = "grooming"
    DRESSING = "dressing"
    BOWELS = "bowels"
    BLADDER = "bladder"
    TOILET = "toilet"
    TRANSFER = "transfer"  # bed to chair and back
    MOBILITY = "mobility"  # walking on a level surface
    STAIRS = "stairs"


# The highest score of each item (20 in all): 0 = cannot, higher = more independent.
BARTHEL_MAX: Mapping[BarthelItem, int] = {
    BarthelItem.FEEDING: 2,
    BarthelItem.BATHING: 1,
    BarthelItem.GROOMING: 1,
    BarthelItem.DRESSING: 2,
    BarthelItem.BOWELS: 2,
    BarthelItem.BLADDER: 2,
    BarthelItem.TOILET: 2,
    BarthelItem.TRANSFER: 3,
    BarthelItem.MOBILITY: 3,
    BarthelItem.STAIRS: 2,
}


class Dependency(StrEnum):
    """Dependency level of an elderly person from the Barthel score (ILP lansia form)."""

    INDEPENDENT = "independent"  # 20 (mandiri)
    MILD = "mild"  # 12-19
    MODERATE = "moderate"  # 9-11
    SEVERE = "severe"  # 5-8
    TOTAL = "total"  # 0-4


def barthel_score(items: Mapping[BarthelItem, int]) -> int:
    """The total of all ten items. Raises ValueError when one is missing or out of its range."""
    if set(items) != set(BarthelItem):
        raise ValueError("the Barthel index needs all ten items")
    for item, score in items.items():
        if not 0 <= score <= BARTHEL_MAX[item]:
            raise ValueError(f"{item}: {score} is outside 0-{BARTHEL_MAX[item]}")
    return sum(items.values())


def dependency(score: int) -> Dependency:
    """The dependency level for a Barthel score of 0-20 (docs/sources/adult-cutoffs.md#barthel)."""
    if not 0 <= score <= 20:
        raise ValueError(f"Barthel score {score} is outside 0-20")
    if score == 20:
        return Dependency.INDEPENDENT
    if score >= 12:
        return Dependency.MILD
    if score >= 9:
        return Dependency.MODERATE
    return Dependency.SEVERE if score >= 5 else Dependency.TOTAL


# Which questionnaire each life stage gets (docs/sources/ilp-life-stages.md, "What each stage
# records"): the adolescent questions from 10 years (remaja), smoking for adults and the elderly
# (the adolescent form asks it among its risks), PUMA from 40 years.
ADOLESCENT_FROM_MONTHS = 120


def screenings_for(stage: LifeStage, age_months: int) -> tuple[Screening, ...]:
    """The questionnaires for a life stage and age, TB first (everyone gets it)."""
    s = Screening
    if stage is LifeStage.PREGNANT_OR_POSTPARTUM:
        return (s.TB, s.PREGNANCY)
    if stage is LifeStage.SCHOOL_AGE_ADOLESCENT and age_months >= ADOLESCENT_FROM_MONTHS:
        return (s.TB, s.ADOLESCENT)
    if stage is LifeStage.ADULT:
        return (
            (s.TB, s.SMOKING, s.PUMA) if age_months >= PUMA_FROM_YEARS * 12 else (s.TB, s.SMOKING)
        )
    if stage is LifeStage.ELDERLY:
        return (s.TB, s.SMOKING, s.PUMA, s.BARTHEL)
    return (s.TB,)


class ReferralReason(StrEnum):
    """Why a person is referred to the puskesmas (the code of a referral service)."""

    GROWTH = "growth"  # T twice (2T), BGM, severe category
    KEK = "kek"
    ANAEMIA = "anaemia"
    HYPERTENSION = "hypertension"
    HIGH_GLUCOSE = "high_glucose"
    HIGH_CHOLESTEROL = "high_cholesterol"
    HIGH_URIC_ACID = "high_uric_acid"
    TB_SYMPTOMS = "tb_symptoms"
    COPD = "copd"
    PREGNANCY_DANGER = "pregnancy_danger"
    DEPENDENCY = "dependency"  # severe or total
    ADOLESCENT_RISK = "adolescent_risk"  # suicidal thoughts
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ScreeningAnswers:
    """What a cadre asked on one occasion; None where a questionnaire was not asked."""

    tb: frozenset[TbSymptom] | None = None
    hpht: date | None = None  # first day of the last period (HPHT), pregnant women only
    pregnancy_class: bool | None = None  # attends the kelas ibu hamil
    danger_signs: frozenset[DangerSign] | None = None
    adolescent: frozenset[AdolescentRisk] | None = None
    smoking: Smoking | None = None
    pack_years: float | None = None
    puma: frozenset[PumaSymptom] | None = None
    barthel: Mapping[BarthelItem, int] | None = None


E = TypeVar("E", bound=StrEnum)


def codes_text(codes: Iterable[StrEnum]) -> str:
    """Answers as stored: their codes, sorted, separated by spaces ("" when none said yes)."""
    return " ".join(sorted(c.value for c in codes))


def parse_codes(enum: type[E], text: str) -> frozenset[E]:
    """The answers stored by `codes_text`. Raises ValueError for an unknown code."""
    return frozenset(enum(code) for code in text.split())


def barthel_text(items: Mapping[BarthelItem, int]) -> str:
    """The Barthel items as stored: "bathing=1 bladder=2 ..."."""
    return " ".join(f"{item.value}={score}" for item, score in sorted(items.items()))


def parse_barthel(text: str) -> dict[BarthelItem, int]:
    """The Barthel items stored by `barthel_text`."""
    pairs = (part.partition("=") for part in text.split())
    return {BarthelItem(name): int(score) for name, _, score in pairs}

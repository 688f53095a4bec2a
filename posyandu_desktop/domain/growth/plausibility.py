"""Plausibility of measured values: slips a cadre should re-measure or confirm before saving.

Three kinds of doubt, each a code with its data (words live in i18n):
- a raw value outside the usual range for the person's life stage (95 kg for a 14-month child);
- a jump against the previous measurement (weight changing by more than a fifth in a month,
  length or head circumference shrinking by more than 1 cm);
- a WHO flag: a z-score beyond WHO Anthro's biologically-implausible limits.
These are softer than the hard limits (`domain/measurement.HARD_LIMITS`), which refuse
values no person can have: a doubtful value is kept once the cadre confirms it.
The numbers and the facts behind them: docs/sources/plausibility.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from posyandu_desktop.domain.growth.zscore import FLAG_LIMITS, Indicator, implausible
from posyandu_desktop.domain.life_stage import LifeStage


class Quantity(StrEnum):
    """A measured quantity; the values are `MeasuredValues`' field names."""

    WEIGHT_KG = "weight_kg"
    LENHEI_CM = "lenhei_cm"
    HEADC_CM = "headc_cm"
    LILA_CM = "lila_cm"
    WAIST_CM = "waist_cm"
    GLUCOSE_MG_DL = "glucose_mg_dl"
    SYSTOLIC_MMHG = "systolic_mmhg"
    DIASTOLIC_MMHG = "diastolic_mmhg"
    HAEMOGLOBIN_G_DL = "haemoglobin_g_dl"
    CHOLESTEROL_MG_DL = "cholesterol_mg_dl"
    URIC_ACID_MG_DL = "uric_acid_mg_dl"


class Doubt(StrEnum):
    """Why a value looks wrong."""

    OUTSIDE_USUAL_RANGE = "outside_usual_range"  # reference: the (low, high) range
    CHANGED_TOO_MUCH = "changed_too_much"  # previous: the earlier value and date
    DECREASED = "decreased"  # previous: the earlier (corrected) value and date
    WHO_FLAG = "who_flag"  # indicator and its 2-decimal z


@dataclass(frozen=True, slots=True)
class PlausibilityIssue:
    """One doubtful value and the data that makes it doubtful."""

    doubt: Doubt
    quantity: Quantity
    value: float
    low: float | None = None  # OUTSIDE_USUAL_RANGE
    high: float | None = None
    previous: float | None = None  # CHANGED_TOO_MUCH, DECREASED
    previous_on: date | None = None
    indicator: Indicator | None = None  # WHO_FLAG
    z: float | None = None


@dataclass(frozen=True, slots=True)
class Previous:
    """An earlier value of the same quantity (length already lying/standing corrected)."""

    value: float
    on: date


_Range = Mapping[Quantity, tuple[float, float]]
# Usual raw ranges. They sit well outside WHO's +/-5 SD at the ends of each age band, so they
# only catch slips (a lost decimal point, an adult's weight typed for a child); z-score flags
# judge values inside them.
# Balita 0-59 months: WHO 2006 weight-for-age +5 SD at 60 months is about 30 kg and -5 SD at
# birth about 1.5 kg (premature babies go lower, hence 0.5 kg); length-for-age spans about
# 40 cm (-5 SD at birth) to 130 cm (+5 SD at 60 months); head circumference 25-60 cm; MUAC
# (WHO arm-circumference-for-age, 3-60 months) lies between about 9 and 21 cm at +/-5 SD.
_UNDER_FIVE: _Range = {
    Quantity.WEIGHT_KG: (0.5, 30.0),
    Quantity.LENHEI_CM: (40.0, 130.0),
    Quantity.HEADC_CM: (25.0, 60.0),
    Quantity.LILA_CM: (8.0, 30.0),
}
# School age and adolescents, 5-18 years (WHO 2007 reference, +/-5 SD with margin).
_CHILD: _Range = {
    Quantity.WEIGHT_KG: (10.0, 150.0),
    Quantity.LENHEI_CM: (90.0, 200.0),
    Quantity.HEADC_CM: (40.0, 65.0),
    Quantity.LILA_CM: (10.0, 45.0),
    Quantity.WAIST_CM: (35.0, 150.0),
    Quantity.SYSTOLIC_MMHG: (70.0, 200.0),
    Quantity.DIASTOLIC_MMHG: (35.0, 130.0),
    Quantity.GLUCOSE_MG_DL: (40.0, 500.0),
    Quantity.HAEMOGLOBIN_G_DL: (5.0, 18.0),
}
# Adults, pregnant women and lansia. Blood pressure: a systolic below 70 or above 250 mmHg, or a
# diastolic below 40 or above 150, is far more often a misread cuff than a reading; random
# plasma glucose under 40 mg/dL (severe hypoglycaemia) or over 500 is re-tested (Kemenkes
# Posbindu PTM guide: glucometer readings outside the normal range are checked again).
_ADULT: _Range = {
    Quantity.WEIGHT_KG: (25.0, 200.0),
    Quantity.LENHEI_CM: (120.0, 200.0),
    Quantity.HEADC_CM: (45.0, 65.0),
    Quantity.LILA_CM: (15.0, 50.0),
    Quantity.WAIST_CM: (40.0, 180.0),
    Quantity.GLUCOSE_MG_DL: (40.0, 500.0),
    Quantity.SYSTOLIC_MMHG: (70.0, 250.0),
    Quantity.DIASTOLIC_MMHG: (40.0, 150.0),
    # Point-of-care meters (docs/sources/plausibility.md#laboratory-strips): haemoglobin below 5
    # or above 18 g/dL, total cholesterol outside 100-400 mg/dL and uric acid outside 2-15
    # mg/dL are far more often a strip or typing slip than a reading; measure again.
    Quantity.HAEMOGLOBIN_G_DL: (5.0, 18.0),
    Quantity.CHOLESTEROL_MG_DL: (100.0, 400.0),
    Quantity.URIC_ACID_MG_DL: (2.0, 15.0),
}
USUAL_RANGES: dict[LifeStage, _Range] = {
    LifeStage.UNDER_FIVE: _UNDER_FIVE,
    LifeStage.PRESCHOOL: _CHILD,
    LifeStage.SCHOOL_AGE_ADOLESCENT: _CHILD,
    LifeStage.ADULT: _ADULT,
    LifeStage.ELDERLY: _ADULT,
    LifeStage.PREGNANT_OR_POSTPARTUM: _ADULT,
}

# Weight against a weighing at most this many days earlier ("last month", with some slack).
WEIGHT_JUMP_WITHIN_DAYS = 62
# A month's weight change above this fraction of the earlier weight is doubtful. From 6 months a
# child gains about 0.2-0.5 kg a month (WHO weight velocity standards 2009, 1-month increments
# +3 SD below 1 kg after 6 months), so 20% is far outside; a newborn can gain 1.5 kg (40%) in its
# first month, so younger babies get 50%.
WEIGHT_JUMP_FRACTION = 0.20
WEIGHT_JUMP_FRACTION_UNDER_6_MONTHS = 0.50
_YOUNG_BABY_MONTHS = 6
# Length/height and head circumference never shrink; measuring error is a few millimetres (WHO
# MGRS technical error of measurement for length was under 0.5 cm), so more than 1 cm is a slip.
SHRINK_TOLERANCE_CM = 1.0


def outside_usual_range(
    stage: LifeStage, values: Mapping[Quantity, float]
) -> list[PlausibilityIssue]:
    """OUTSIDE_USUAL_RANGE for each value outside its usual range for this life stage."""
    ranges = USUAL_RANGES[stage]
    issues = []
    for quantity, value in values.items():
        if quantity not in ranges:
            continue
        low, high = ranges[quantity]
        if not low <= value <= high:
            issues.append(
                PlausibilityIssue(Doubt.OUTSIDE_USUAL_RANGE, quantity, value, low=low, high=high)
            )
    return issues


def weight_jump(
    weight_kg: float, on: date, previous: Previous | None, *, age_months: int
) -> PlausibilityIssue | None:
    """CHANGED_TOO_MUCH when the weight moved by more than the allowed fraction since a weighing
    in the last two months."""
    if (
        previous is None
        or previous.value <= 0
        or not 0 < (on - previous.on).days <= WEIGHT_JUMP_WITHIN_DAYS
    ):
        return None
    fraction = (
        WEIGHT_JUMP_FRACTION_UNDER_6_MONTHS
        if age_months < _YOUNG_BABY_MONTHS
        else WEIGHT_JUMP_FRACTION
    )
    if abs(weight_kg - previous.value) <= fraction * previous.value:
        return None
    return PlausibilityIssue(
        Doubt.CHANGED_TOO_MUCH,
        Quantity.WEIGHT_KG,
        weight_kg,
        previous=previous.value,
        previous_on=previous.on,
    )


def shrank(
    quantity: Quantity, value_cm: float, previous: Previous | None, *, correction_cm: float = 0.0
) -> PlausibilityIssue | None:
    """DECREASED when a length or head circumference is more than 1 cm below an earlier one.

    `correction_cm` is the lying/standing correction of this length (+0.7, -0.7 or 0), so that
    a child measured lying last month and standing now is compared like with like."""
    if previous is None or previous.value - (value_cm + correction_cm) <= SHRINK_TOLERANCE_CM:
        return None
    return PlausibilityIssue(
        Doubt.DECREASED, quantity, value_cm, previous=previous.value, previous_on=previous.on
    )


# The quantity each WHO indicator is driven by, so a flag points at a field to re-measure.
# Weight-for-length and BMI are blamed on weight: a typed weight is the commoner slip.
_FLAGGED_QUANTITY = {
    Indicator.WEIGHT_FOR_AGE: Quantity.WEIGHT_KG,
    Indicator.LENGTH_HEIGHT_FOR_AGE: Quantity.LENHEI_CM,
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT: Quantity.WEIGHT_KG,
    Indicator.BMI_FOR_AGE: Quantity.WEIGHT_KG,
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: Quantity.HEADC_CM,
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE: Quantity.LILA_CM,
}


def who_flags(
    rounded_z: Mapping[Indicator, float | None], values: Mapping[Quantity, float]
) -> list[PlausibilityIssue]:
    """WHO_FLAG for each 2-decimal z beyond WHO's implausible limits (`zscore.FLAG_LIMITS`)."""
    issues = []
    for indicator, z in rounded_z.items():
        quantity = _FLAGGED_QUANTITY.get(indicator)
        if z is None or quantity is None or indicator not in FLAG_LIMITS:
            continue
        if implausible(indicator, z) and quantity in values:
            issues.append(
                PlausibilityIssue(
                    Doubt.WHO_FLAG, quantity, values[quantity], indicator=indicator, z=z
                )
            )
    return issues


def plausibility_issues(
    *,
    stage: LifeStage,
    age_months: int,
    on: date,
    values: Mapping[Quantity, float],
    previous: Mapping[Quantity, Previous],
    rounded_z: Mapping[Indicator, float | None],
    lenhei_correction_cm: float = 0.0,
) -> tuple[PlausibilityIssue, ...]:
    """Every doubt about one set of values: ranges, jumps against `previous` (lengths there
    already corrected), WHO flags.

    A value outside its usual range is reported once, for the range: its jump or z-score then
    says nothing more."""
    issues = outside_usual_range(stage, values)
    out_of_range = {issue.quantity for issue in issues}
    later: list[PlausibilityIssue | None] = []
    weight = values.get(Quantity.WEIGHT_KG)
    if weight is not None:
        later.append(
            weight_jump(weight, on, previous.get(Quantity.WEIGHT_KG), age_months=age_months)
        )
    for quantity, correction in (
        (Quantity.LENHEI_CM, lenhei_correction_cm),
        (Quantity.HEADC_CM, 0.0),
    ):
        if quantity in values:
            later.append(
                shrank(quantity, values[quantity], previous.get(quantity), correction_cm=correction)
            )
    later += who_flags(rounded_z, values)
    issues += _first_per_quantity(
        i for i in later if i is not None and i.quantity not in out_of_range
    )
    return tuple(issues)


def _first_per_quantity(issues: Iterable[PlausibilityIssue]) -> list[PlausibilityIssue]:
    # One doubt per field is enough to send the cadre back to it; the first is the clearest.
    seen: set[Quantity] = set()
    kept = []
    for issue in issues:
        if issue.quantity not in seen:
            seen.add(issue.quantity)
            kept.append(issue)
    return kept

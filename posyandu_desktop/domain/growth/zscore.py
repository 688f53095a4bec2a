"""WHO z-scores: 2006 Child Growth Standards (days 0-1826), 2007 Reference (60-228 months).

The method is WHO's (WHO Child Growth Standards, Methods and development, 2006, chapter 7;
WHO Anthro 1.1 and AnthroPlus behaviour for ages, length/height and validity). Every function
returns a `ZScore`: a full-precision z or the reason there is none. Nothing raises for bad input.
The method, its traps and reference cases: docs/sources/who-zscores.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from posyandu_desktop.domain.growth.standards import GrowthStandards, LmsRows, Table, slot
from posyandu_desktop.domain.people import Age, Sex

ENGINE_VERSION = "who-lms-1"
"""Stored beside every computed z-score so a later change of method is traceable."""

# WHO 2006 standards are used while the unrounded age in months is below 60 (WHO Anthro 1.1:
# `age_in_months < 60`, i.e. up to day 1826); from 60.0 months the 2007 Reference takes over.
# AnthroPlus itself starts at 61 months; we score 60-61 months from the same 2007 table rows
# rather than leave a one-month gap (decision recorded in docs/DECISIONS.md).
HANDOVER_MONTHS = 60.0
# WHO 2007 Reference: height- and BMI-for-age to 228 months, weight-for-age to 120 months.
MAX_MONTHS_2007 = 228.0
MAX_MONTHS_WFA_2007 = 120.0
# Arm circumference and both skinfolds are tabulated from 3 months (day 91) (WHO 2007 report).
FIRST_DAY_ARM_SKINFOLD = 91
# Recumbent length below 731 days, standing height from 731 days; 0.7 cm between them
# (WHO 2006 report, section 7.1). Table choice and range checks use integer units of 1e-6 cm,
# so that e.g. 65.7 - 0.7 is exactly 65.0 and 78.6 - 0.7 finds the 77.9 cm row.
LYING_BEFORE_DAYS = 731
_UNITS = 1_000_000  # integer units per cm
_LYING_STANDING_CM = 0.7
_LYING_STANDING_UNITS = 700_000
_UNITS_PER_ROW = 100_000  # the length tables have a row every 0.1 cm
# WHO Anthro 1.1.0: "standing" recorded under 9 months is an implausible position; it is ignored
# (no +0.7 cm) and flagged (`c9mo_flag`).
STANDING_MIN_MONTHS = 9.0
# Weight-for-length table 45-110 cm (age < 731 d), weight-for-height 65-120 cm (age >= 731 d).
_WFL_RANGE = (45 * _UNITS, 110 * _UNITS)
_WFH_RANGE = (65 * _UNITS, 120 * _UNITS)
_BEYOND_EVERY_TABLE = 10**15  # units for an absurd length that overflows the scaling
# WHO Anthro: without an age, a length below 87 cm is taken as lying, otherwise standing.
_UNKNOWN_POSITION_SPLIT = 87 * _UNITS


class Indicator(StrEnum):
    """The eight WHO indicators; values are the suffixes of WHO Anthro's output columns."""

    LENGTH_HEIGHT_FOR_AGE = "len"
    WEIGHT_FOR_AGE = "wei"
    WEIGHT_FOR_LENGTH_HEIGHT = "wfl"
    BMI_FOR_AGE = "bmi"
    HEAD_CIRCUMFERENCE_FOR_AGE = "hc"
    ARM_CIRCUMFERENCE_FOR_AGE = "ac"
    TRICEPS_SKINFOLD_FOR_AGE = "ts"
    SUBSCAPULAR_SKINFOLD_FOR_AGE = "ss"


class Position(StrEnum):
    """How length/height was measured."""

    LYING = "l"
    STANDING = "h"


class Reference(StrEnum):
    WHO_2006 = "WHO 2006"
    WHO_2007 = "WHO 2007"


class ZProblem(StrEnum):
    """Why a z-score was not computed."""

    SEX_UNKNOWN = "sex_unknown"
    AGE_MISSING = "age_missing"
    AGE_OUT_OF_RANGE = "age_out_of_range"
    MEASUREMENT_MISSING = "measurement_missing"
    MEASUREMENT_INVALID = "measurement_invalid"  # zero, negative or infinite
    LENGTH_MISSING = "length_missing"
    LENGTH_INVALID = "length_invalid"
    LENGTH_OUT_OF_RANGE = "length_out_of_range"
    OEDEMA = "oedema"  # weight-based z not computed; counts as < -3 SD (WHO)


# Biologically implausible z (WHO Anthro / AnthroPlus flags), checked on the 2-decimal z.
FLAG_LIMITS: dict[Indicator, tuple[float, float]] = {
    Indicator.LENGTH_HEIGHT_FOR_AGE: (-6.0, 6.0),
    Indicator.WEIGHT_FOR_AGE: (-6.0, 5.0),
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT: (-5.0, 5.0),
    Indicator.BMI_FOR_AGE: (-5.0, 5.0),
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: (-5.0, 5.0),
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE: (-5.0, 5.0),
    Indicator.TRICEPS_SKINFOLD_FOR_AGE: (-5.0, 5.0),
    Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE: (-5.0, 5.0),
}


class ZScore(NamedTuple):
    """A z-score at full precision, or the problem that prevented it."""

    indicator: Indicator
    z: float | None
    problem: ZProblem | None = None
    reference: Reference | None = None

    @property
    def rounded(self) -> float | None:
        """The z WHO reports: two decimals, rounded once from full precision (never -0.0)."""
        return None if self.z is None else round(self.z, 2) + 0.0

    @property
    def flagged(self) -> bool:
        """True when the 2-decimal z is biologically implausible (WHO flag limits)."""
        r = self.rounded
        return r is not None and implausible(self.indicator, r)


def implausible(indicator: Indicator, rounded_z: float) -> bool:
    """WHO's biologically-implausible flag for a 2-decimal z of this indicator."""
    low, high = FLAG_LIMITS[indicator]
    return rounded_z < low or rounded_z > high


@dataclass(frozen=True, slots=True)
class _Spec:
    indicator: Indicator
    table_2006: Table
    table_2007: Table | None
    max_months_2007: float
    first_day: int
    restricted: bool  # WHO's restricted LMS beyond +/-3 SD
    slot_2006: int = 0  # GrowthStandards.rows_in_slot(slot + sex - 1)
    slot_2007: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "slot_2006", slot(self.table_2006))
        if self.table_2007 is not None:
            object.__setattr__(self, "slot_2007", slot(self.table_2007))


# Plain LMS for length/height and head circumference (L = 1); restricted for the rest.
_LHFA = _Spec(
    Indicator.LENGTH_HEIGHT_FOR_AGE, Table.LHFA_2006, Table.HFA_2007, MAX_MONTHS_2007, 0, False
)
_WFA = _Spec(Indicator.WEIGHT_FOR_AGE, Table.WFA_2006, Table.WFA_2007, MAX_MONTHS_WFA_2007, 0, True)
_BFA = _Spec(Indicator.BMI_FOR_AGE, Table.BFA_2006, Table.BFA_2007, MAX_MONTHS_2007, 0, True)
_HCFA = _Spec(Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, Table.HCFA_2006, None, 0.0, 0, False)
_ACFA = _Spec(
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE, Table.ACFA_2006, None, 0.0, FIRST_DAY_ARM_SKINFOLD, True
)
_TSFA = _Spec(
    Indicator.TRICEPS_SKINFOLD_FOR_AGE, Table.TSFA_2006, None, 0.0, FIRST_DAY_ARM_SKINFOLD, True
)
_SSFA = _Spec(
    Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE,
    Table.SSFA_2006,
    None,
    0.0,
    FIRST_DAY_ARM_SKINFOLD,
    True,
)
_WFL_SLOT, _WFH_SLOT = slot(Table.WFL_2006), slot(Table.WFH_2006)
_SPECS: dict[Indicator, _Spec] = {
    spec.indicator: spec for spec in (_LHFA, _WFA, _BFA, _HCFA, _ACFA, _TSFA, _SSFA)
}


def restricted_lms_z(y: float, l_: float, m: float, s: float) -> float:
    """LMS z with WHO's restriction beyond +/-3 SD: the distance is measured in units of the
    3rd-to-2nd SD gap (WHO 2006 report, chapter 7, for weight-based indicators)."""
    z: float = ((y / m) ** l_ - 1.0) / (s * l_)
    if z > 3.0:
        sd3: float = m * (1.0 + l_ * s * 3.0) ** (1.0 / l_)
        sd2: float = m * (1.0 + l_ * s * 2.0) ** (1.0 / l_)
        return 3.0 + (y - sd3) / (sd3 - sd2)
    if z < -3.0:
        sd3 = m * (1.0 + l_ * s * -3.0) ** (1.0 / l_)
        sd2 = m * (1.0 + l_ * s * -2.0) ** (1.0 / l_)
        return -3.0 + (y - sd3) / (sd2 - sd3)
    return z


def _measure_problem(y: float | None) -> ZProblem | None:
    if y is None or math.isnan(y):
        return ZProblem.MEASUREMENT_MISSING
    if not 0.0 < y < math.inf:
        return ZProblem.MEASUREMENT_INVALID
    return None


def _interpolated(rows: LmsRows, key: int, fraction: float) -> tuple[float, float, float]:
    l0, m0, s0 = rows.rows[key - rows.first]
    if fraction <= 0.0 or key >= rows.last:
        return l0, m0, s0
    l1, m1, s1 = rows.rows[key + 1 - rows.first]
    return l0 + fraction * (l1 - l0), m0 + fraction * (m1 - m0), s0 + fraction * (s1 - s0)


def _by_age(standards: GrowthStandards, spec: _Spec, sex: Sex, age: Age, y: float) -> ZScore:
    """Score y against the age-based table of `spec` (inputs already validated)."""
    if age.months < HANDOVER_MONTHS:
        if age.days < spec.first_day:
            return ZScore(spec.indicator, None, ZProblem.AGE_OUT_OF_RANGE)
        rows = standards.rows_in_slot(spec.slot_2006 + sex - 1)
        l_, m, s = rows.rows[age.days - rows.first]
        reference = Reference.WHO_2006
    elif spec.table_2007 is not None and age.months <= spec.max_months_2007:
        # AnthroPlus: L, M and S interpolated linearly between whole-month rows.
        month = int(age.months)
        rows = standards.rows_in_slot(spec.slot_2007 + sex - 1)
        l_, m, s = _interpolated(rows, month, age.months - month)
        reference = Reference.WHO_2007
    else:
        return ZScore(spec.indicator, None, ZProblem.AGE_OUT_OF_RANGE)
    return _scored(spec.indicator, y, l_, m, s, spec.restricted, reference)


def _scored(
    indicator: Indicator,
    y: float,
    l_: float,
    m: float,
    s: float,
    restricted: bool,
    reference: Reference,
) -> ZScore:
    """The z for y, or MEASUREMENT_INVALID when an absurd value overflows the arithmetic."""
    try:
        z: float = ((y / m) ** l_ - 1.0) / (s * l_)  # plain LMS, inlined: this is the hot path
        if restricted and (z > 3.0 or z < -3.0):
            z = restricted_lms_z(y, l_, m, s)
    except (OverflowError, ZeroDivisionError):
        return ZScore(indicator, None, ZProblem.MEASUREMENT_INVALID)
    if z - z != 0.0:  # inf or nan
        return ZScore(indicator, None, ZProblem.MEASUREMENT_INVALID)
    return ZScore(indicator, z, None, reference)


def _age_indicator(
    standards: GrowthStandards, spec: _Spec, sex: Sex | None, age: Age | None, y: float | None
) -> ZScore:
    if sex is None:
        return ZScore(spec.indicator, None, ZProblem.SEX_UNKNOWN)
    if age is None:
        return ZScore(spec.indicator, None, ZProblem.AGE_MISSING)
    if y is None or not 0.0 < y < math.inf:
        return ZScore(spec.indicator, None, _measure_problem(y))
    return _by_age(standards, spec, sex, age, y)


# --- length/height ------------------------------------------------------------------------------


class LengthHeight(NamedTuple):
    """A length/height after WHO's lying/standing correction."""

    cm: float  # full precision, for z-scores and BMI
    units: int  # the same in integer 1e-6 cm, for table rows and range checks
    standing_under_9_months: bool  # position ignored and flagged (WHO Anthro 1.1.0)


def adjust_length_height(
    lenhei_cm: float, position: Position | None, age: Age | None
) -> LengthHeight:
    """Correct a measured length/height to what the tables expect at this age: +0.7 cm for
    standing under 731 days, -0.7 cm for lying from 731 days; no change if position or age is
    unknown, or for 'standing' under 9 months (ignored and flagged)."""
    scaled = lenhei_cm * _UNITS
    units = round(scaled) if scaled < math.inf else _BEYOND_EVERY_TABLE
    if age is None or position is None:
        return LengthHeight(lenhei_cm, units, False)
    if position is Position.STANDING and age.months < STANDING_MIN_MONTHS:
        return LengthHeight(lenhei_cm, units, True)
    if age.days < LYING_BEFORE_DAYS and position is Position.STANDING:
        return LengthHeight(lenhei_cm + _LYING_STANDING_CM, units + _LYING_STANDING_UNITS, False)
    if age.days >= LYING_BEFORE_DAYS and position is Position.LYING:
        return LengthHeight(lenhei_cm - _LYING_STANDING_CM, units - _LYING_STANDING_UNITS, False)
    return LengthHeight(lenhei_cm, units, False)


def _length_problem(lenhei_cm: float | None) -> ZProblem | None:
    problem = _measure_problem(lenhei_cm)
    if problem is ZProblem.MEASUREMENT_MISSING:
        return ZProblem.LENGTH_MISSING
    if problem is ZProblem.MEASUREMENT_INVALID:
        return ZProblem.LENGTH_INVALID
    return None


def _weight_for_lenhei(
    standards: GrowthStandards,
    sex: Sex,
    age: Age | None,
    weight_kg: float,
    length: LengthHeight,
    position: Position | None,
) -> ZScore:
    indicator = Indicator.WEIGHT_FOR_LENGTH_HEIGHT
    if age is not None and age.months >= HANDOVER_MONTHS:
        return ZScore(indicator, None, ZProblem.AGE_OUT_OF_RANGE)  # no 2007 weight-for-height
    # The table follows the age, never the measured length (no fall-back to the other table).
    if age is not None:
        lying = age.days < LYING_BEFORE_DAYS
    elif position is not None:
        lying = position is Position.LYING
    else:
        lying = length.units < _UNKNOWN_POSITION_SPLIT
    table_slot, (low, high) = (_WFL_SLOT, _WFL_RANGE) if lying else (_WFH_SLOT, _WFH_RANGE)
    if not low <= length.units <= high:
        return ZScore(indicator, None, ZProblem.LENGTH_OUT_OF_RANGE)
    # The row comes from the exact units; the interpolation weight from the float (WHO
    # interpolates L, M and S linearly between 0.1 cm rows), clamped against round-off.
    row = length.units // _UNITS_PER_ROW
    fraction = min(max(length.cm * 10.0 - row, 0.0), 1.0)
    l_, m, s = _interpolated(standards.rows_in_slot(table_slot + sex - 1), row, fraction)
    return _scored(indicator, weight_kg, l_, m, s, True, Reference.WHO_2006)


# --- public, one indicator at a time -------------------------------------------------------------


def weight_for_age(
    standards: GrowthStandards,
    sex: Sex | None,
    age: Age | None,
    weight_kg: float | None,
    *,
    oedema: bool = False,
) -> ZScore:
    """Weight-for-age: 2006 below 60 months, 2007 to 120 months."""
    if oedema:
        return ZScore(Indicator.WEIGHT_FOR_AGE, None, ZProblem.OEDEMA)
    return _age_indicator(standards, _WFA, sex, age, weight_kg)


def length_height_for_age(
    standards: GrowthStandards,
    sex: Sex | None,
    age: Age | None,
    lenhei_cm: float | None,
    position: Position | None,
) -> ZScore:
    """Length/height-for-age on the position-corrected value: 2006, then 2007 to 228 months."""
    problem = _measure_problem(lenhei_cm)
    if problem is not None or lenhei_cm is None:
        return ZScore(Indicator.LENGTH_HEIGHT_FOR_AGE, None, problem)
    corrected = adjust_length_height(lenhei_cm, position, age).cm
    return _age_indicator(standards, _LHFA, sex, age, corrected)


def weight_for_length_height(
    standards: GrowthStandards,
    sex: Sex | None,
    age: Age | None,
    weight_kg: float | None,
    lenhei_cm: float | None,
    position: Position | None,
    *,
    oedema: bool = False,
) -> ZScore:
    """Weight-for-length (< 731 days, 45-110 cm) or -height (>= 731 days, 65-120 cm)."""
    indicator = Indicator.WEIGHT_FOR_LENGTH_HEIGHT
    if sex is None:
        return ZScore(indicator, None, ZProblem.SEX_UNKNOWN)
    problem = _measure_problem(weight_kg) or _length_problem(lenhei_cm)
    if problem is not None or weight_kg is None or lenhei_cm is None:
        return ZScore(indicator, None, problem)
    if oedema:
        return ZScore(indicator, None, ZProblem.OEDEMA)
    adjusted = adjust_length_height(lenhei_cm, position, age)
    return _weight_for_lenhei(standards, sex, age, weight_kg, adjusted, position)


def bmi(weight_kg: float, lenhei_cm: float) -> float:
    """Body mass index, kg/m² (inf when absurd inputs overflow)."""
    try:
        return weight_kg / ((lenhei_cm / 100.0) ** 2)
    except (OverflowError, ZeroDivisionError):
        return math.inf


def bmi_for_age(
    standards: GrowthStandards,
    sex: Sex | None,
    age: Age | None,
    weight_kg: float | None,
    lenhei_cm: float | None,
    position: Position | None,
    *,
    oedema: bool = False,
) -> ZScore:
    """BMI-for-age from weight and the position-corrected length/height."""
    indicator = Indicator.BMI_FOR_AGE
    problem = _measure_problem(weight_kg) or _length_problem(lenhei_cm)
    if problem is not None or weight_kg is None or lenhei_cm is None:
        return ZScore(indicator, None, problem)
    if oedema:
        return ZScore(indicator, None, ZProblem.OEDEMA)
    corrected = adjust_length_height(lenhei_cm, position, age).cm
    return _age_indicator(standards, _BFA, sex, age, bmi(weight_kg, corrected))


def head_circumference_for_age(
    standards: GrowthStandards, sex: Sex | None, age: Age | None, headc_cm: float | None
) -> ZScore:
    """Head circumference-for-age (2006 standards only, below 60 months)."""
    return _age_indicator(standards, _HCFA, sex, age, headc_cm)


def arm_circumference_for_age(
    standards: GrowthStandards, sex: Sex | None, age: Age | None, armc_cm: float | None
) -> ZScore:
    """Mid-upper-arm (LILA) circumference-for-age, 3 to 60 months."""
    return _age_indicator(standards, _ACFA, sex, age, armc_cm)


def triceps_skinfold_for_age(
    standards: GrowthStandards, sex: Sex | None, age: Age | None, triskin_mm: float | None
) -> ZScore:
    """Triceps skinfold-for-age, 3 to 60 months."""
    return _age_indicator(standards, _TSFA, sex, age, triskin_mm)


def subscapular_skinfold_for_age(
    standards: GrowthStandards, sex: Sex | None, age: Age | None, subskin_mm: float | None
) -> ZScore:
    """Subscapular skinfold-for-age, 3 to 60 months."""
    return _age_indicator(standards, _SSFA, sex, age, subskin_mm)


# --- all indicators for one visit ---------------------------------------------------------------


class Measurements(NamedTuple):
    """What was measured at one visit; None where nothing was measured."""

    sex: Sex | None
    age: Age | None
    weight_kg: float | None = None
    lenhei_cm: float | None = None
    position: Position | None = None
    headc_cm: float | None = None
    armc_cm: float | None = None
    triskin_mm: float | None = None
    subskin_mm: float | None = None
    oedema: bool = False


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every indicator for one visit, with the corrected length/height and BMI they used."""

    lenhei_cm: float | None
    bmi: float | None
    standing_under_9_months: bool
    scores: Mapping[Indicator, ZScore]

    def __getitem__(self, indicator: Indicator) -> ZScore:
        return self.scores[indicator]


def assess(standards: GrowthStandards, m: Measurements) -> Assessment:
    """All eight indicators for one set of measurements."""
    sex, age, weight = m.sex, m.age, m.weight_kg
    weight_problem = _measure_problem(weight)
    length_problem = _length_problem(m.lenhei_cm)
    corrected = bmi_value = None
    if length_problem is None and m.lenhei_cm is not None:
        corrected = adjust_length_height(m.lenhei_cm, m.position, age)
        if weight_problem is None and weight is not None:
            bmi_value = bmi(weight, corrected.cm)
    # Weight-based indicators: the first problem wins, then oedema (WHO: not computed).
    weight_block = weight_problem or (ZProblem.OEDEMA if m.oedema else None)
    bmi_block = weight_problem or length_problem or (ZProblem.OEDEMA if m.oedema else None)

    lhfa = Indicator.LENGTH_HEIGHT_FOR_AGE
    wfa = Indicator.WEIGHT_FOR_AGE
    wflh = Indicator.WEIGHT_FOR_LENGTH_HEIGHT
    bfa = Indicator.BMI_FOR_AGE
    scores = {
        lhfa: (
            ZScore(lhfa, None, _measure_problem(m.lenhei_cm))
            if corrected is None
            else _age_indicator(standards, _LHFA, sex, age, corrected.cm)
        ),
        wfa: (
            ZScore(wfa, None, weight_block)
            if weight_block
            else _age_indicator(standards, _WFA, sex, age, weight)
        ),
        wflh: (
            ZScore(wflh, None, ZProblem.SEX_UNKNOWN)
            if sex is None
            else ZScore(wflh, None, bmi_block)
            if bmi_block or corrected is None or weight is None
            else _weight_for_lenhei(standards, sex, age, weight, corrected, m.position)
        ),
        bfa: (
            ZScore(bfa, None, bmi_block)
            if bmi_block
            else _age_indicator(standards, _BFA, sex, age, bmi_value)
        ),
    }
    # In `Indicator` order: batch writers rely on it.
    for spec, value in (
        (_HCFA, m.headc_cm),
        (_ACFA, m.armc_cm),
        (_TSFA, m.triskin_mm),
        (_SSFA, m.subskin_mm),
    ):
        scores[spec.indicator] = _age_indicator(standards, spec, sex, age, value)
    return Assessment(
        lenhei_cm=None if corrected is None else corrected.cm,
        bmi=bmi_value,
        standing_under_9_months=corrected is not None and corrected.standing_under_9_months,
        scores=scores,
    )

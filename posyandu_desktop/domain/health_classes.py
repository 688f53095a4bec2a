"""Classifications of the ILP life stages beyond child growth: the adult BMI classes, waist risk,
blood pressure, random glucose, cholesterol, uric acid, haemoglobin, pregnancy dating and the
Barthel dependency level. Each cut-off cites its extract in docs/sources/adult-cutoffs.md.

Values in, codes out: the words live in i18n, the thresholds only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from posyandu_desktop.domain.growth.classify import KEK_BELOW_CM
from posyandu_desktop.domain.people import Sex


class AdultBmiClass(StrEnum):
    """Kemenkes P2PTM adult BMI classes (docs/sources/adult-cutoffs.md#bmi)."""

    SEVERELY_THIN = "severely_thin"  # < 17.0 (kurus tingkat berat)
    THIN = "thin"  # 17.0-18.4 (kurus tingkat ringan)
    NORMAL = "normal"  # 18.5-25.0
    OVERWEIGHT = "overweight"  # 25.1-27.0 (gemuk tingkat ringan)
    OBESE = "obese"  # > 27.0 (gemuk tingkat berat)


def adult_bmi_class(bmi: float) -> AdultBmiClass:
    """The class of a BMI (kg/m2) of a person aged 18 or over. The table is written with one
    decimal; a BMI is judged after rounding to one decimal, so 25.04 is normal and 25.06 is
    overweight, as the printed bands leave no gap."""
    b = round(bmi, 1)
    if b < 17.0:
        return AdultBmiClass.SEVERELY_THIN
    if b < 18.5:
        return AdultBmiClass.THIN
    if b <= 25.0:
        return AdultBmiClass.NORMAL
    if b <= 27.0:
        return AdultBmiClass.OVERWEIGHT
    return AdultBmiClass.OBESE


# Waist: risk above 90 cm for men and 80 cm for women (Riskesdas 2007; Kemenkes P2PTM,
# docs/sources/adult-cutoffs.md).
WAIST_RISK_ABOVE_CM = {Sex.MALE: 90.0, Sex.FEMALE: 80.0}


def waist_at_risk(sex: Sex, waist_cm: float) -> bool:
    """True for central obesity: a waist above the line for the person's sex."""
    return waist_cm > WAIST_RISK_ABOVE_CM[sex]


class BloodPressureClass(StrEnum):
    """JNC 7 categories, as Kemenkes uses them for adults
    (docs/sources/adult-cutoffs.md#blood-pressure)."""

    NORMAL = "normal"  # < 120 and < 80
    PREHYPERTENSION = "prehypertension"  # 120-139 or 80-89
    STAGE_1 = "stage_1"  # 140-159 or 90-99 (hipertensi derajat 1)
    STAGE_2 = "stage_2"  # >= 160 or >= 100 (hipertensi derajat 2)


def blood_pressure_class(systolic_mmhg: int, diastolic_mmhg: int) -> BloodPressureClass:
    """The higher of the two numbers' categories (JNC 7)."""
    if systolic_mmhg >= 160 or diastolic_mmhg >= 100:
        return BloodPressureClass.STAGE_2
    if systolic_mmhg >= 140 or diastolic_mmhg >= 90:
        return BloodPressureClass.STAGE_1
    if systolic_mmhg >= 120 or diastolic_mmhg >= 80:
        return BloodPressureClass.PREHYPERTENSION
    return BloodPressureClass.NORMAL


def hypertensive(bp: BloodPressureClass) -> bool:
    """True from 140 systolic or 90 diastolic: the line the ILP recap counts."""
    return bp in (BloodPressureClass.STAGE_1, BloodPressureClass.STAGE_2)


class LabClass(StrEnum):
    """Where a screening lab value falls against its cut-offs."""

    NORMAL = "normal"
    BORDERLINE = "borderline"  # glucose "belum pasti DM", cholesterol 200-239
    HIGH = "high"


def random_glucose_class(mg_dl: float) -> LabClass:
    """Capillary random glucose (PERKENI screening table): < 90 not diabetes, 90-199 not
    certain, >= 200 diabetes likely (docs/sources/adult-cutoffs.md#glucose)."""
    if mg_dl >= 200:
        return LabClass.HIGH
    return LabClass.BORDERLINE if mg_dl >= 90 else LabClass.NORMAL


def cholesterol_class(mg_dl: float) -> LabClass:
    """Total cholesterol (NCEP ATP III, Kemenkes P2PTM): < 200 desirable, 200-239 borderline
    high, >= 240 high."""
    if mg_dl >= 240:
        return LabClass.HIGH
    return LabClass.BORDERLINE if mg_dl >= 200 else LabClass.NORMAL


# Uric acid upper normal (Kemenkes P2PTM): 7.0 mg/dL for men, 6.0 mg/dL for women.
URIC_ACID_HIGH_ABOVE = {Sex.MALE: 7.0, Sex.FEMALE: 6.0}


def uric_acid_class(sex: Sex, mg_dl: float) -> LabClass:
    """Normal up to the line for the person's sex, high above it."""
    return LabClass.HIGH if mg_dl > URIC_ACID_HIGH_ABOVE[sex] else LabClass.NORMAL


class HaemoglobinClass(StrEnum):
    """Anaemia by haemoglobin (g/dL), bands of the ILP forms for adolescent girls (WHO)."""

    NORMAL = "normal"  # >= 12 (>= 11 in pregnancy)
    MILD = "mild"  # 11-11.9 (10-10.9 in pregnancy)
    MODERATE = "moderate"  # 8-10.9 (7-9.9 in pregnancy)
    SEVERE = "severe"  # < 8 (< 7 in pregnancy)


def haemoglobin_class(g_dl: float, *, pregnant: bool = False) -> HaemoglobinClass:
    """The anaemia band of a haemoglobin value: girls and women from 12 years with the ILP
    forms' bands, pregnant women one g/dL lower (WHO 2011, docs/sources/adult-cutoffs.md)."""
    shift = 1.0 if pregnant else 0.0
    if g_dl >= 12.0 - shift:
        return HaemoglobinClass.NORMAL
    if g_dl >= 11.0 - shift:
        return HaemoglobinClass.MILD
    if g_dl >= 8.0 - shift:
        return HaemoglobinClass.MODERATE
    return HaemoglobinClass.SEVERE


def kek(lila_cm: float) -> bool:
    """True for chronic energy deficiency (KEK): a LILA below 23.5 cm, the cut-off for women of
    reproductive age and in pregnancy (domain/growth/classify.py, docs/sources/lila-muac.md)."""
    return lila_cm < KEK_BELOW_CM


@dataclass(frozen=True, slots=True)
class PregnancyDates:
    """Gestational age on a day, counted from the first day of the last period (HPHT)."""

    weeks: int
    days: int  # 0-6 beyond the weeks
    due_on: date  # HPL, Naegele's rule: HPHT + 280 days
    trimester: int  # 1: to 13 weeks, 2: 14-27 weeks, 3: from 28 weeks


# Naegele's rule (Buku KIA): the expected delivery date is 280 days after the HPHT; a pregnancy
# lasting beyond 44 weeks is not a pregnancy any more but a wrong date.
PREGNANCY_DAYS = 280
LONGEST_PREGNANCY_WEEKS = 44


def pregnancy_dates(hpht: date, on: date) -> PregnancyDates | None:
    """Gestational age on `on`; None when the HPHT is after `on` or more than 44 weeks before."""
    days = (on - hpht).days
    if days < 0 or days > LONGEST_PREGNANCY_WEEKS * 7:
        return None
    weeks = days // 7
    trimester = 1 if weeks < 14 else 2 if weeks < 28 else 3
    return PregnancyDates(weeks, days % 7, hpht + timedelta(PREGNANCY_DAYS), trimester)

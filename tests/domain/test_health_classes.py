"""The ILP classifications beyond child growth, each table tested at its boundaries."""

from datetime import date

import pytest

from posyandu_desktop.domain.health_classes import (
    AdultBmiClass,
    BloodPressureClass,
    HaemoglobinClass,
    LabClass,
    adult_bmi_class,
    blood_pressure_class,
    cholesterol_class,
    haemoglobin_class,
    kek,
    pregnancy_dates,
    random_glucose_class,
    uric_acid_class,
    waist_at_risk,
)
from posyandu_desktop.domain.people import Sex

B = AdultBmiClass


@pytest.mark.parametrize(
    ("bmi", "expected"),
    [
        (16.9, B.SEVERELY_THIN),
        (16.96, B.THIN),  # rounds to 17.0
        (17.0, B.THIN),
        (18.4, B.THIN),
        (18.5, B.NORMAL),
        (25.0, B.NORMAL),
        (25.04, B.NORMAL),
        (25.1, B.OVERWEIGHT),
        (27.0, B.OVERWEIGHT),
        (27.1, B.OBESE),
    ],
)
def test_adult_bmi_classes_at_their_boundaries(bmi, expected):
    assert adult_bmi_class(bmi) is expected


@pytest.mark.parametrize(
    ("sex", "cm", "risk"),
    [
        (Sex.MALE, 90.0, False),
        (Sex.MALE, 90.1, True),
        (Sex.FEMALE, 80.0, False),
        (Sex.FEMALE, 80.1, True),
    ],
)
def test_waist_risk_by_sex(sex, cm, risk):
    assert waist_at_risk(sex, cm) is risk


P = BloodPressureClass


@pytest.mark.parametrize(
    ("sys", "dia", "expected"),
    [
        (119, 79, P.NORMAL),
        (120, 70, P.PREHYPERTENSION),
        (110, 80, P.PREHYPERTENSION),
        (139, 89, P.PREHYPERTENSION),
        (140, 70, P.STAGE_1),
        (120, 90, P.STAGE_1),
        (159, 99, P.STAGE_1),
        (160, 80, P.STAGE_2),
        (130, 100, P.STAGE_2),
    ],
)
def test_blood_pressure_takes_the_higher_category(sys, dia, expected):
    assert blood_pressure_class(sys, dia) is expected


@pytest.mark.parametrize(
    ("judge", "value", "expected"),
    [
        (random_glucose_class, 89, LabClass.NORMAL),
        (random_glucose_class, 90, LabClass.BORDERLINE),
        (random_glucose_class, 199, LabClass.BORDERLINE),
        (random_glucose_class, 200, LabClass.HIGH),
        (cholesterol_class, 199, LabClass.NORMAL),
        (cholesterol_class, 200, LabClass.BORDERLINE),
        (cholesterol_class, 239, LabClass.BORDERLINE),
        (cholesterol_class, 240, LabClass.HIGH),
    ],
)
def test_glucose_and_cholesterol_cut_offs(judge, value, expected):
    assert judge(value) is expected


def test_uric_acid_line_depends_on_sex():
    assert uric_acid_class(Sex.MALE, 7.0) is LabClass.NORMAL
    assert uric_acid_class(Sex.MALE, 7.1) is LabClass.HIGH
    assert uric_acid_class(Sex.FEMALE, 6.0) is LabClass.NORMAL
    assert uric_acid_class(Sex.FEMALE, 6.1) is LabClass.HIGH


H = HaemoglobinClass


@pytest.mark.parametrize(
    ("g_dl", "pregnant", "expected"),
    [
        (12.0, False, H.NORMAL),
        (11.9, False, H.MILD),
        (11.0, False, H.MILD),
        (10.9, False, H.MODERATE),
        (8.0, False, H.MODERATE),
        (7.9, False, H.SEVERE),
        (11.0, True, H.NORMAL),
        (10.9, True, H.MILD),
        (6.9, True, H.SEVERE),
    ],
)
def test_haemoglobin_bands(g_dl, pregnant, expected):
    assert haemoglobin_class(g_dl, pregnant=pregnant) is expected


def test_kek_below_23_5_cm():
    assert kek(23.4) and not kek(23.5)


def test_gestational_age_and_due_date_from_hpht():
    dates = pregnancy_dates(date(2026, 1, 1), date(2026, 4, 10))
    assert dates is not None
    assert (dates.weeks, dates.days, dates.trimester) == (14, 1, 2)
    assert dates.due_on == date(2026, 10, 8)  # 280 days
    assert pregnancy_dates(date(2026, 1, 1), date(2026, 1, 1)).trimester == 1  # type: ignore[union-attr]
    assert pregnancy_dates(date(2026, 1, 1), date(2026, 3, 25)).trimester == 1  # type: ignore[union-attr]
    assert pregnancy_dates(date(2026, 1, 1), date(2026, 7, 16)).trimester == 3  # type: ignore[union-attr]


def test_an_hpht_in_the_future_or_beyond_44_weeks_gives_no_dates():
    assert pregnancy_dates(date(2026, 5, 2), date(2026, 5, 1)) is None
    assert pregnancy_dates(date(2025, 1, 1), date(2025, 11, 5)) is not None  # 44 weeks
    assert pregnancy_dates(date(2025, 1, 1), date(2025, 11, 6)) is None

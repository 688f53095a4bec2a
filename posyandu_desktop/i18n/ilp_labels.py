"""Words for the ILP life-stage forms and the Pelayanan desk: classes, questionnaire items,
vaccines, PMT kinds, contraception and referral reasons."""

from __future__ import annotations

from posyandu_desktop.domain.health_classes import (
    AdultBmiClass,
    BloodPressureClass,
    HaemoglobinClass,
    LabClass,
)
from posyandu_desktop.domain.immunisation import Antigen, Dose, DosePlace
from posyandu_desktop.domain.screenings import (
    AdolescentRisk,
    BarthelItem,
    DangerSign,
    Dependency,
    PumaSymptom,
    ReferralReason,
    Screening,
    Smoking,
    TbSymptom,
)
from posyandu_desktop.domain.services_due import FamilyPlanning, PmtKind
from posyandu_desktop.i18n.catalog import NP_, translator
from posyandu_desktop.i18n.words import register, words

register(
    {
        AdultBmiClass.SEVERELY_THIN: NP_("adult BMI", "Severely thin"),
        AdultBmiClass.THIN: NP_("adult BMI", "Thin"),
        AdultBmiClass.NORMAL: NP_("adult BMI", "Normal"),
        AdultBmiClass.OVERWEIGHT: NP_("adult BMI", "Overweight"),
        AdultBmiClass.OBESE: NP_("adult BMI", "Obese"),
    }
)
register(
    {
        BloodPressureClass.NORMAL: NP_("blood pressure", "Normal"),
        BloodPressureClass.PREHYPERTENSION: NP_("blood pressure", "Prehypertension"),
        BloodPressureClass.STAGE_1: NP_("blood pressure", "Hypertension grade 1"),
        BloodPressureClass.STAGE_2: NP_("blood pressure", "Hypertension grade 2"),
    }
)
register(
    {
        LabClass.NORMAL: NP_("lab", "Normal"),
        LabClass.BORDERLINE: NP_("lab", "Borderline"),
        LabClass.HIGH: NP_("lab", "High"),
    }
)
register(
    {
        HaemoglobinClass.NORMAL: NP_("anaemia", "No anaemia"),
        HaemoglobinClass.MILD: NP_("anaemia", "Mild anaemia"),
        HaemoglobinClass.MODERATE: NP_("anaemia", "Moderate anaemia"),
        HaemoglobinClass.SEVERE: NP_("anaemia", "Severe anaemia"),
    }
)
register(
    {
        Screening.TB: NP_("screening", "Tuberculosis symptoms"),
        Screening.PREGNANCY: NP_("screening", "Pregnancy"),
        Screening.ADOLESCENT: NP_("screening", "Adolescent questions"),
        Screening.SMOKING: NP_("screening", "Smoking"),
        Screening.PUMA: NP_("screening", "Lung check (PUMA)"),
        Screening.BARTHEL: NP_("screening", "Daily activities (Barthel)"),
    }
)
register(
    {
        TbSymptom.COUGH_2_WEEKS: NP_("TB", "Cough for 2 weeks or more"),
        TbSymptom.FEVER_2_WEEKS: NP_("TB", "Fever for 2 weeks or more"),
        TbSymptom.WEIGHT_NOT_RISING: NP_("TB", "Weight not rising or falling"),
        TbSymptom.TB_CONTACT: NP_("TB", "Lives with a person with TB"),
    }
)
register(
    {
        DangerSign.BLEEDING: NP_("danger sign", "Bleeding"),
        DangerSign.SEVERE_VOMITING: NP_("danger sign", "Vomits everything, cannot eat"),
        DangerSign.HIGH_FEVER: NP_("danger sign", "High fever"),
        DangerSign.SWELLING_HEADACHE_FITS: NP_(
            "danger sign", "Swollen face or hands, bad headache, fits"
        ),
        DangerSign.BABY_MOVES_LESS: NP_("danger sign", "Baby moves less"),
        DangerSign.WATERS_BREAK_EARLY: NP_("danger sign", "Waters broke early"),
    }
)
register(
    {
        AdolescentRisk.HOME: NP_("adolescent", "Problems at home"),
        AdolescentRisk.SCHOOL: NP_("adolescent", "Problems at school"),
        AdolescentRisk.BODY_IMAGE: NP_("adolescent", "Unhappy with own body"),
        AdolescentRisk.FRIENDS: NP_("adolescent", "No friends or bullied"),
        AdolescentRisk.SUBSTANCES: NP_("adolescent", "Smoking, alcohol or drugs"),
        AdolescentRisk.SEX: NP_("adolescent", "Sexually active"),
        AdolescentRisk.UNSAFE_AREA: NP_("adolescent", "Feels unsafe where they live"),
        AdolescentRisk.SUICIDAL_THOUGHTS: NP_("adolescent", "Thoughts of self-harm"),
    }
)
register(
    {
        Smoking.NEVER: NP_("smoking", "Never smoked"),
        Smoking.FORMER: NP_("smoking", "Stopped smoking"),
        Smoking.CURRENT: NP_("smoking", "Smokes"),
    }
)
register(
    {
        PumaSymptom.BREATHLESS: NP_("PUMA", "Short of breath walking fast or uphill"),
        PumaSymptom.SPUTUM: NP_("PUMA", "Phlegm without a cold"),
        PumaSymptom.COUGH: NP_("PUMA", "Usually coughs without a cold"),
        PumaSymptom.SPIROMETRY_BEFORE: NP_("PUMA", "Breathing tested before (spirometry)"),
    }
)
register(
    {
        BarthelItem.FEEDING: NP_("Barthel", "Eating"),
        BarthelItem.BATHING: NP_("Barthel", "Bathing"),
        BarthelItem.GROOMING: NP_("Barthel", "Grooming"),
        BarthelItem.DRESSING: NP_("Barthel", "Dressing"),
        BarthelItem.BOWELS: NP_("Barthel", "Bowel control"),
        BarthelItem.BLADDER: NP_("Barthel", "Bladder control"),
        BarthelItem.TOILET: NP_("Barthel", "Using the toilet"),
        BarthelItem.TRANSFER: NP_("Barthel", "Moving from bed to chair"),
        BarthelItem.MOBILITY: NP_("Barthel", "Walking"),
        BarthelItem.STAIRS: NP_("Barthel", "Stairs"),
    }
)
register(
    {
        Dependency.INDEPENDENT: NP_("dependency", "Independent"),
        Dependency.MILD: NP_("dependency", "Mild dependency"),
        Dependency.MODERATE: NP_("dependency", "Moderate dependency"),
        Dependency.SEVERE: NP_("dependency", "Severe dependency"),
        Dependency.TOTAL: NP_("dependency", "Total dependency"),
    }
)
register(
    {
        ReferralReason.GROWTH: NP_("referral", "Growth (T, BGM, severe status)"),
        ReferralReason.KEK: NP_("referral", "KEK (LILA under 23.5 cm)"),
        ReferralReason.ANAEMIA: NP_("referral", "Anaemia"),
        ReferralReason.HYPERTENSION: NP_("referral", "High blood pressure"),
        ReferralReason.HIGH_GLUCOSE: NP_("referral", "High blood sugar"),
        ReferralReason.HIGH_CHOLESTEROL: NP_("referral", "High cholesterol"),
        ReferralReason.HIGH_URIC_ACID: NP_("referral", "High uric acid"),
        ReferralReason.TB_SYMPTOMS: NP_("referral", "TB symptoms"),
        ReferralReason.COPD: NP_("referral", "Possible COPD (PUMA 6 or more)"),
        ReferralReason.PREGNANCY_DANGER: NP_("referral", "Pregnancy danger sign"),
        ReferralReason.DEPENDENCY: NP_("referral", "Severe dependency"),
        ReferralReason.ADOLESCENT_RISK: NP_("referral", "Adolescent at risk"),
        ReferralReason.OTHER: NP_("referral", "Other reason"),
    }
)
register(
    {
        PmtKind.CHILD_RECOVERY: NP_("PMT", "Recovery PMT for the child"),
        PmtKind.PREGNANT_KEK: NP_("PMT", "PMT for pregnant woman with KEK"),
        PmtKind.EDUCATION: NP_("PMT", "PMT snack (counselling)"),
    }
)
register(
    {
        FamilyPlanning.PILL: NP_("family planning", "Pill"),
        FamilyPlanning.INJECTION: NP_("family planning", "Injection"),
        FamilyPlanning.IMPLANT: NP_("family planning", "Implant"),
        FamilyPlanning.IUD: NP_("family planning", "IUD"),
        FamilyPlanning.CONDOM: NP_("family planning", "Condom"),
        FamilyPlanning.TUBECTOMY: NP_("family planning", "Tubectomy (MOW)"),
        FamilyPlanning.VASECTOMY: NP_("family planning", "Vasectomy (MOP)"),
        FamilyPlanning.LAM: NP_("family planning", "Breastfeeding method (MAL)"),
        FamilyPlanning.NONE: NP_("family planning", "No method"),
    }
)
register(
    {
        Antigen.HEPATITIS_B: NP_("vaccine", "Hepatitis B"),
        Antigen.BCG: NP_("vaccine", "BCG"),
        Antigen.OPV: NP_("vaccine", "Polio drops (OPV)"),
        Antigen.IPV: NP_("vaccine", "Polio injection (IPV)"),
        Antigen.DPT_HB_HIB: NP_("vaccine", "DPT-HB-Hib"),
        Antigen.PCV: NP_("vaccine", "PCV"),
        Antigen.ROTAVIRUS: NP_("vaccine", "Rotavirus"),
        Antigen.MR: NP_("vaccine", "Measles-rubella (MR)"),
        Antigen.JE: NP_("vaccine", "Japanese encephalitis (JE)"),
        Antigen.DT: NP_("vaccine", "DT"),
        Antigen.TD: NP_("vaccine", "Td"),
        Antigen.HPV: NP_("vaccine", "HPV"),
    }
)
register(
    {
        DosePlace.POSYANDU: NP_("dose place", "Posyandu"),
        DosePlace.ENDEMIC: NP_("dose place", "Endemic districts"),
        DosePlace.SCHOOL: NP_("dose place", "School (BIAS)"),
        DosePlace.PUSKESMAS: NP_("dose place", "Puskesmas"),
    }
)


def dose_label(dose: Dose, lang: str | None = None) -> str:
    """A dose as a cadre writes it: "PCV 2", "Hepatitis B 0"."""
    return (
        translator(lang)
        .pgettext("dose", "{vaccine} {number}")
        .format(vaccine=words(dose.antigen, lang=lang), number=dose.number)
    )

"""Words for the registry's codes: service problems, start-up problems, life stages, vitamin A
capsules, the coded vocabularies (roles, desks, services, visit reasons ...), alerts and the
steps of the monthly export. English source
strings here; Indonesian in the catalog. Vocabulary words carry their enum's name as context,
because one English word ("Other") may need different Indonesian ones."""

from __future__ import annotations

from enum import StrEnum

from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
from posyandu_desktop.domain.problems import Problem, StartupProblem
from posyandu_desktop.domain.vocabulary import (
    AlertKind,
    AuditAction,
    BackupKind,
    CadreRole,
    Desk,
    ExportStep,
    KeyState,
    MeasurementSource,
    ServiceKind,
    TrainingGrade,
    Venue,
    VisitReason,
)
from posyandu_desktop.i18n.catalog import N_, NP_
from posyandu_desktop.i18n.words import register, words

# {found} is the value the service reports with the problem (a length, a queue number ...).
register(
    {
        Problem.POSYANDU_NOT_FOUND: N_("Posyandu not found"),
        Problem.CADRE_NOT_FOUND: N_("Cadre not found"),
        Problem.CADRE_INACTIVE: N_("This cadre is no longer active"),
        Problem.HOUSEHOLD_NOT_FOUND: N_("Household not found"),
        Problem.PERSON_NOT_FOUND: N_("Person not found"),
        Problem.DAY_NOT_FOUND: N_("Posyandu day not found"),
        Problem.ARRIVAL_NOT_FOUND: N_("Registration not found"),
        Problem.MEASUREMENT_NOT_FOUND: N_("Measurement not found"),
        Problem.HOME_VISIT_NOT_FOUND: N_("Home visit not found"),
        Problem.REQUIRED: N_("Required"),
        Problem.TOO_LONG: N_("Too long (at most {found} characters)"),
        Problem.OUT_OF_RANGE: N_("{found} is not plausible: check it"),
        Problem.NIK_INVALID: N_("The NIK is not valid"),
        Problem.NIK_TAKEN: N_("This NIK is already registered"),
        Problem.NIK_BIRTH_DATE_DIFFERS: N_("The birth date differs from the one in the NIK"),
        Problem.NIK_SEX_DIFFERS: N_("The sex differs from the one in the NIK"),
        Problem.CODE_TAKEN: N_("This Posyandu code is already used"),
        Problem.POSSIBLE_DUPLICATE: N_(
            "Possibly registered already (same name, birth date and mother)"
        ),
        Problem.NOT_FEMALE: N_("Must be a woman"),
        Problem.DATE_IN_FUTURE: N_("The date is in the future"),
        Problem.BEFORE_BIRTH: N_("The date is before the birth date"),
        Problem.ALREADY_LEFT: N_("This person has already moved away or died"),
        Problem.ALREADY_PREGNANT: N_("A pregnancy is already recorded"),
        Problem.NOT_PREGNANT: N_("No pregnancy is recorded"),
        Problem.DAY_ALREADY_OPENED: N_("A Posyandu day is already open for this date"),
        Problem.DAY_CLOSED: N_("This Posyandu day is closed"),
        Problem.ALREADY_ARRIVED: N_("Already registered today (queue {found})"),
        Problem.LEFT_BEFORE_ARRIVING: N_("The leaving time is before the arrival time"),
        Problem.NOTHING_MEASURED: N_("Nothing has been measured yet"),
        Problem.NOTHING_CHANGED: N_("Nothing was changed"),
        Problem.HAS_HISTORY: N_("This child already has weighings: the KMS weight is not needed"),
        Problem.NOT_AN_EARLIER_MONTH: N_("The KMS weight must be from an earlier month"),
        Problem.POSITION_WITHOUT_LENGTH: N_("A position was chosen but no length/height typed"),
        Problem.DIASTOLIC_NOT_BELOW_SYSTOLIC: N_("Diastolic must be lower than systolic"),
        Problem.DAY_AND_VISIT: N_("Choose a Posyandu day or a home visit, not both"),
        Problem.CAPSULE_NEEDED: N_("Choose the vitamin A capsule colour"),
        Problem.SERVICE_CODE_UNKNOWN: N_("Choose what was given (a vaccine dose, a method ...)"),
        Problem.CAPSULE_ONLY_FOR_VITAMIN_A: N_("A capsule colour is only for vitamin A"),
        Problem.NO_CADRES: N_("Name the cadres who visited"),
        Problem.NO_ONE_VISITED: N_("Name the person or household visited"),
        Problem.LATER_MONTH_EXPORTED: N_(
            "{found} has already been exported: an earlier month can no longer be exported"
        ),
        Problem.NO_VERIFIED_FILES: N_("No file passed the check: nothing to merge"),
        Problem.PUSKESMAS_KEY_MISSING: N_(
            "No puskesmas key is registered, so the file cannot be encrypted for the puskesmas."
            " Register the key the puskesmas gives you in Settings > Puskesmas key (or with"
            " 'posyandu-desktop set-puskesmas-key'), then export again."
        ),
        Problem.EXPORT_BUSY: N_(
            "Another export of {found} is being made at the same time: wait for it, then try again"
        ),
        Problem.NOT_A_FUTURE_MONTH: N_(
            "{found} is not in the future: only a month exported under a wrong clock can be"
            " withdrawn. A real month is corrected by exporting it again."
        ),
        Problem.MIXED_MONTHS: N_("The files are for different months ({found}): merge one month"),
        Problem.COORDINATOR_ONLY: N_("Only the coordinator can do this"),
        Problem.WRONG_CODE: N_("The one-time code is wrong. Ask the coordinator for it again"),
        Problem.PIN_ALREADY_SET: N_("This cadre already has a PIN"),
    }
)

register(
    {
        StartupProblem.DAMAGED: N_("The data file is damaged. Restore the newest backup?"),
        StartupProblem.TOO_NEW: N_(
            "This data was saved by a newer version of the app. Please update the app."
        ),
        StartupProblem.NOT_OURS: N_("This file is not Posyandu data."),
        StartupProblem.MISSING: N_(
            "The data file is missing or empty, but this folder has backups or exports of a"
            " Posyandu. Restore the newest backup?"
        ),
        StartupProblem.NO_FOLDER: N_("The data folder does not exist. Check the folder name."),
        StartupProblem.READ_ONLY: N_(
            "The data folder cannot be written (it is read-only). Nothing is damaged: ask for"
            " the folder to be made writable, or copy it to this laptop."
        ),
        StartupProblem.IN_USE: N_(
            "Posyandu Desktop is already open with this data. Use the window that is open."
        ),
    }
)

register(
    {
        LifeStage.PREGNANT_OR_POSTPARTUM: NP_("life stage", "Pregnant or postpartum"),
        LifeStage.UNDER_FIVE: NP_("life stage", "Infant and under five"),
        LifeStage.PRESCHOOL: NP_("life stage", "Preschool"),
        LifeStage.SCHOOL_AGE_ADOLESCENT: NP_("life stage", "School age and adolescent"),
        LifeStage.ADULT: NP_("life stage", "Adult"),
        LifeStage.ELDERLY: NP_("life stage", "Elderly"),
    }
)

register(
    {
        VitaminACapsule.BLUE: NP_("vitamin A", "Blue capsule (100,000 IU)"),
        VitaminACapsule.RED: NP_("vitamin A", "Red capsule (200,000 IU)"),
    }
)
# The colour alone, for a narrow column.
register(
    {
        VitaminACapsule.BLUE: NP_("capsule colour", "blue"),
        VitaminACapsule.RED: NP_("capsule colour", "red"),
    },
    "colour",
)

# Pairs, not a dict: StrEnum members of different classes with the same value ("other") are
# equal, so they would collide as keys.
_VOCABULARY_WORDS: tuple[tuple[StrEnum, tuple[str, str]], ...] = (
    (Venue.OWN_BUILDING, NP_("Venue", "Own building")),
    (Venue.RESIDENT_HOUSE, NP_("Venue", "A resident's house")),
    (Venue.OTHER, NP_("Venue", "Other place")),
    (CadreRole.CHAIR, NP_("CadreRole", "Chair")),
    (CadreRole.SECRETARY, NP_("CadreRole", "Secretary")),
    (CadreRole.TREASURER, NP_("CadreRole", "Treasurer")),
    (CadreRole.MEMBER, NP_("CadreRole", "Member")),
    (TrainingGrade.PURWA, NP_("TrainingGrade", "Purwa (basic)")),
    (TrainingGrade.MADYA, NP_("TrainingGrade", "Madya (intermediate)")),
    (TrainingGrade.UTAMA, NP_("TrainingGrade", "Utama (advanced)")),
    (Desk.REGISTRATION, NP_("Desk", "Registration")),
    (Desk.MEASURING, NP_("Desk", "Weighing and measuring")),
    (Desk.RECORDING, NP_("Desk", "Recording")),
    (Desk.HEALTH_SERVICE, NP_("Desk", "Health services")),
    (Desk.COUNSELLING, NP_("Desk", "Counselling")),
    (MeasurementSource.TYPED, NP_("MeasurementSource", "Typed")),
    (MeasurementSource.SERIAL_SCALE, NP_("MeasurementSource", "Cable scale")),
    (MeasurementSource.BLUETOOTH_SCALE, NP_("MeasurementSource", "Bluetooth scale")),
    (ServiceKind.VITAMIN_A, NP_("ServiceKind", "Vitamin A")),
    (ServiceKind.DEWORMING, NP_("ServiceKind", "Deworming")),
    (ServiceKind.IRON_TABLETS, NP_("ServiceKind", "Iron tablets (TTD)")),
    (ServiceKind.PMT, NP_("ServiceKind", "Supplementary food (PMT)")),
    (ServiceKind.IMMUNISATION, NP_("ServiceKind", "Immunisation")),
    (ServiceKind.REFERRAL, NP_("ServiceKind", "Referral")),
    (ServiceKind.BREASTFEEDING, NP_("ServiceKind", "Exclusive breastfeeding")),
    (ServiceKind.FAMILY_PLANNING, NP_("ServiceKind", "Family planning (KB)")),
    (VisitReason.ABSENT_FROM_WEIGHING, NP_("VisitReason", "Missed the weighing")),
    (VisitReason.TWO_T, NP_("VisitReason", "2T (no weight gain twice)")),
    (VisitReason.BGM, NP_("VisitReason", "BGM (below the red line)")),
    (VisitReason.NEW_BABY, NP_("VisitReason", "New baby")),
    (VisitReason.PREGNANT_WOMAN, NP_("VisitReason", "Pregnant woman")),
    (VisitReason.SICK_ELDER, NP_("VisitReason", "Sick elder")),
    (VisitReason.OTHER, NP_("VisitReason", "Other reason")),
    (AuditAction.CREATE, NP_("AuditAction", "Created")),
    (AuditAction.UPDATE, NP_("AuditAction", "Changed")),
    (AuditAction.DELETE, NP_("AuditAction", "Deleted")),
    (BackupKind.DAILY, NP_("BackupKind", "Daily")),
    (BackupKind.PRE_EXPORT, NP_("BackupKind", "Before export")),
    (BackupKind.PRE_IMPORT, NP_("BackupKind", "Before import")),
    (BackupKind.PRE_MIGRATION, NP_("BackupKind", "Before update")),
    (BackupKind.PRE_RESTORE, NP_("BackupKind", "Before restore")),
    (BackupKind.MANUAL, NP_("BackupKind", "Manual")),
)

register(_VOCABULARY_WORDS)

# The signing key in the About box (a present key shows its fingerprint instead).
register(
    {
        KeyState.PRESENT: N_("The key is ready."),
        KeyState.MISSING: N_("Not made yet: it is made when the app starts."),
        KeyState.UNREADABLE: N_("The key file cannot be read."),
        KeyState.NOT_USED: N_("— (puskesmas laptop)"),
    }
)

# The alert's name as cadres say it (the home screen's alert list); a colour repeats it.
register(
    {
        AlertKind.REMEASURE: N_("Measure again"),
        AlertKind.REFER: N_("Refer"),
        AlertKind.NEW_STUNTING: N_("New stunting"),
        AlertKind.SUSPECTED_STUNTING: N_("Stunting?"),
        AlertKind.KEK_PREGNANT: N_("KEK (pregnant)"),
    }
)

# What the monthly export is doing, under its progress bar.
register(
    {
        ExportStep.BACKUP: N_("Backing up the data…"),
        ExportStep.READING: N_("Reading the data…"),
        ExportStep.REPORT: N_("Making the monthly report…"),
        ExportStep.SIGNING: N_("Signing the file…"),
        ExportStep.SAVING: N_("Saving the file on the laptop…"),
    }
)

VOCABULARIES = (
    Venue,
    CadreRole,
    TrainingGrade,
    Desk,
    MeasurementSource,
    ServiceKind,
    VisitReason,
    AuditAction,
    BackupKind,
)


def problem_label(problem: Problem, lang: str | None = None) -> str:
    """Why a service refused the input; a template with {found} for some problems."""
    return words(problem, lang=lang)


def startup_problem_label(problem: StartupProblem, lang: str | None = None) -> str:
    """Why the data file could not be opened, and what to do."""
    return words(problem, lang=lang)


def life_stage_label(stage: LifeStage, lang: str | None = None) -> str:
    """The ILP group's name."""
    return words(stage, lang=lang)


def capsule_label(capsule: VitaminACapsule, lang: str | None = None) -> str:
    """A vitamin A capsule's colour and dose."""
    return words(capsule, lang=lang)


def vocabulary_label(member: StrEnum, lang: str | None = None) -> str:
    """The word for any member of the coded vocabularies (roles, desks, services ...)."""
    return words(member, lang=lang)


# A desk passed, as the button that marks it says it (Hasil hari ini).
register(
    {
        Desk.REGISTRATION: NP_("Desk passed", "Registered"),
        Desk.MEASURING: NP_("Desk passed", "Measured"),
        Desk.RECORDING: NP_("Desk passed", "Recorded"),
        Desk.HEALTH_SERVICE: NP_("Desk passed", "Served"),
        Desk.COUNSELLING: NP_("Desk passed", "Counselled"),
    },
    "passed",
)

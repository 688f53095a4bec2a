"""Why a service refused its input, or why the registry file could not be opened: codes that
`i18n/labels.py` turns into words (Indonesian first)."""

from __future__ import annotations

from enum import StrEnum


class Problem(StrEnum):
    """Why a service refused its input (or, as a warning, what looks wrong but was saved)."""

    # Something named by id does not exist, or cannot be used.
    POSYANDU_NOT_FOUND = "posyandu_not_found"
    CADRE_NOT_FOUND = "cadre_not_found"
    CADRE_INACTIVE = "cadre_inactive"
    HOUSEHOLD_NOT_FOUND = "household_not_found"
    PERSON_NOT_FOUND = "person_not_found"
    DAY_NOT_FOUND = "day_not_found"
    ARRIVAL_NOT_FOUND = "arrival_not_found"
    MEASUREMENT_NOT_FOUND = "measurement_not_found"
    HOME_VISIT_NOT_FOUND = "home_visit_not_found"
    # Fields.
    REQUIRED = "required"  # empty
    TOO_LONG = "too_long"  # found: the maximum length
    OUT_OF_RANGE = "out_of_range"  # found: the value; a slip of the keyboard, not a rare child
    NIK_INVALID = "nik_invalid"  # found: the NikProblem code; a warning for BAD_PROVINCE
    NIK_TAKEN = "nik_taken"  # found: id of the person or cadre who has it
    NIK_BIRTH_DATE_DIFFERS = "nik_birth_date_differs"  # warning: NIK and birth date disagree
    NIK_SEX_DIFFERS = "nik_sex_differs"  # warning: NIK and sex disagree
    CODE_TAKEN = "code_taken"  # found: id of the Posyandu with that code
    POSSIBLE_DUPLICATE = "possible_duplicate"  # found: id of the person already registered
    NOT_FEMALE = "not_female"  # a mother, or a pregnancy, needs a woman
    DATE_IN_FUTURE = "date_in_future"
    BEFORE_BIRTH = "before_birth"
    # The person's life (domain/life_events.py).
    ALREADY_LEFT = "already_left"  # moved away or died before: nothing more is recorded
    ALREADY_PREGNANT = "already_pregnant"
    NOT_PREGNANT = "not_pregnant"  # no pregnancy to end
    # Posyandu days.
    DAY_ALREADY_OPENED = "day_already_opened"  # found: id of that day
    DAY_CLOSED = "day_closed"
    ALREADY_ARRIVED = "already_arrived"  # found: the queue number given earlier
    LEFT_BEFORE_ARRIVING = "left_before_arriving"
    # Measurements, services, visits.
    NOTHING_MEASURED = "nothing_measured"
    NOTHING_CHANGED = "nothing_changed"
    HAS_HISTORY = "has_history"  # last month's KMS weight only for a child never weighed here
    NOT_AN_EARLIER_MONTH = "not_an_earlier_month"  # the KMS weight is from a month before this
    POSITION_WITHOUT_LENGTH = "position_without_length"
    DIASTOLIC_NOT_BELOW_SYSTOLIC = "diastolic_not_below_systolic"
    DAY_AND_VISIT = "day_and_visit"  # a record belongs to a Posyandu day or a home visit
    CAPSULE_NEEDED = "capsule_needed"  # vitamin A outside 6-59 months: choose the colour
    SERVICE_CODE_UNKNOWN = "service_code_unknown"  # found: the code (a dose, a method ...)
    CAPSULE_ONLY_FOR_VITAMIN_A = "capsule_only_for_vitamin_a"
    NO_CADRES = "no_cadres"  # a home visit names who went
    NO_ONE_VISITED = "no_one_visited"  # a home visit names a person or a household
    # Monthly export and the puskesmas merge.
    LATER_MONTH_EXPORTED = "later_month_exported"  # found: that month ("2026-11")
    NO_VERIFIED_FILES = "no_verified_files"  # nothing left to merge after verification
    PUSKESMAS_KEY_MISSING = "puskesmas_key_missing"  # no puskesmas key registered to seal to
    EXPORT_BUSY = "export_busy"  # found: the month another export kept taking
    NOT_A_FUTURE_MONTH = "not_a_future_month"  # only a month after today's may be withdrawn
    MIXED_MONTHS = "mixed_months"  # found: the months given ("2026-09, 2026-10")
    # Who may do what.
    COORDINATOR_ONLY = "coordinator_only"  # only the Posyandu's coordinator may do this
    WRONG_CODE = "wrong_code"  # the one-time code for a first PIN does not match
    PIN_ALREADY_SET = "pin_already_set"  # a first PIN, but the cadre has one


class StartupProblem(StrEnum):
    """Why the registry file was not opened."""

    DAMAGED = "damaged"  # quick_check failed or not a database: offer the newest good backup
    TOO_NEW = "too_new"  # written by a newer version of the app: update the app
    NOT_OURS = "not_ours"  # a database, but not a Posyandu registry
    # The registry is missing or empty, but backups, exports or a signing key show that this
    # folder held a Posyandu: restore, never silently start an empty one.
    MISSING = "missing"
    NO_FOLDER = "no_folder"  # the data folder named does not exist (a typing mistake?)
    READ_ONLY = "read_only"  # the data folder or file cannot be written: not damaged
    IN_USE = "in_use"  # another window or command writes in this data folder

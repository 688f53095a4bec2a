"""Why a service refused its input, or why the registry file could not be opened: codes that
`i18n/vocabulary_words.py` turns into words (Indonesian first)."""

from __future__ import annotations

from enum import StrEnum

from posyandu_desktop.domain.growth.plausibility import Quantity


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


class Field(StrEnum):
    """The input a problem concerns: the values are the services' argument names, so that a
    screen can put the problem under the field it came from."""

    # Ids of things named by the caller.
    POSYANDU_ID = "posyandu_id"
    PERSON_ID = "person_id"
    HOUSEHOLD_ID = "household_id"
    MOTHER_ID = "mother_id"
    SEX = "sex"
    FATHER_ID = "father_id"
    CAREGIVER_ID = "caregiver_id"
    CADRE_ID = "cadre_id"
    BY_CADRE_ID = "by_cadre_id"
    CADRE_IDS = "cadre_ids"  # the cadres who went on a home visit
    RECORDED_BY = "recorded_by"
    ENTERED_BY = "entered_by"
    DAY_ID = "day_id"
    ARRIVAL_ID = "arrival_id"
    HOME_VISIT_ID = "home_visit_id"
    MEASUREMENT_ID = "measurement_id"
    # A person.
    NAME = "name"
    NIK = "nik"
    PHONE = "phone"
    BIRTH_DATE = "birth_date"
    BIRTH_WEIGHT_KG = "birth_weight_kg"
    BIRTH_LENGTH_CM = "birth_length_cm"
    PREGNANT = "pregnant"
    DELIVERED_ON = "delivered_on"
    MOTHER_NIK = "mother_nik"
    BPJS_KETENAGAKERJAAN = "bpjs_ketenagakerjaan"
    # A new mother registered with her child: her own fields, kept apart from the child's.
    MOTHER_NAME = "mother_name"
    MOTHER_BIRTH_DATE = "mother_birth_date"
    MOTHER_BIRTH_WEIGHT_KG = "mother_birth_weight_kg"
    MOTHER_BIRTH_LENGTH_CM = "mother_birth_length_cm"
    MOTHER_PREGNANT = "mother_pregnant"
    MOTHER_DELIVERED_ON = "mother_delivered_on"
    MOTHER_HOUSEHOLD_ID = "mother_household_id"
    MOTHER_FATHER_ID = "mother_father_id"
    MOTHER_CAREGIVER_ID = "mother_caregiver_id"
    # A life event (moved away, died, pregnancy) and the baby registered at a birth.
    EVENT_ON = "on"
    BABY_NAME = "baby_name"
    BABY_SEX = "baby_sex"
    BABY_NIK = "baby_nik"
    BABY_BIRTH_DATE = "baby_birth_date"
    BABY_BIRTH_WEIGHT_KG = "baby_birth_weight_kg"
    BABY_BIRTH_LENGTH_CM = "baby_birth_length_cm"
    # A household.
    HEAD_NAME = "head_name"
    ADDRESS = "address"
    RT = "rt"
    RW = "rw"
    KELURAHAN = "kelurahan"
    # The Posyandu and its days.
    CODE = "code"
    KECAMATAN = "kecamatan"
    KOTA = "kota"
    PUSKESMAS = "puskesmas"
    PLACE = "place"
    HELD_ON = "held_on"
    LEFT_AT = "left_at"
    # Cadres.
    PIN = "pin"
    CADRES = "cadres"
    TITLE = "title"
    ISSUER = "issuer"
    NUMBER = "number"  # a certificate number
    SKILL = "skill"
    ASSESSOR = "assessor"
    ASSESSED_ON = "assessed_on"
    KMS_VERSION = "version"  # the KMS reading chosen in Settings
    ISSUED_ON = "issued_on"
    # A measurement (the measured quantities keep `Quantity`'s values).
    MEASURED_ON = "measured_on"
    LAST_MONTH_KG = "last_month_kg"  # last month's weight copied from the KMS page
    WEIGHT_KG = "weight_kg"
    LENHEI_CM = "lenhei_cm"
    POSITION = "position"
    HEADC_CM = "headc_cm"
    LILA_CM = "lila_cm"
    WAIST_CM = "waist_cm"
    GLUCOSE_MG_DL = "glucose_mg_dl"
    HAEMOGLOBIN_G_DL = "haemoglobin_g_dl"
    CHOLESTEROL_MG_DL = "cholesterol_mg_dl"
    URIC_ACID_MG_DL = "uric_acid_mg_dl"
    SYSTOLIC_MMHG = "systolic_mmhg"
    DIASTOLIC_MMHG = "diastolic_mmhg"
    REASON = "reason"
    # Services given and home visits.
    CAPSULE = "capsule"
    DETAIL = "detail"
    QUANTITY = "quantity"
    GIVEN_ON = "given_on"
    VISITED_ON = "visited_on"
    FINDINGS = "findings"
    FOLLOW_UP = "follow_up"
    # The monthly file and the puskesmas merge.
    MONTH = "month"
    FILES = "files"


# The field of each measured quantity.
QUANTITY_FIELDS: dict[Quantity, Field] = {
    Quantity.WEIGHT_KG: Field.WEIGHT_KG,
    Quantity.LENHEI_CM: Field.LENHEI_CM,
    Quantity.HEADC_CM: Field.HEADC_CM,
    Quantity.LILA_CM: Field.LILA_CM,
    Quantity.WAIST_CM: Field.WAIST_CM,
    Quantity.GLUCOSE_MG_DL: Field.GLUCOSE_MG_DL,
    Quantity.SYSTOLIC_MMHG: Field.SYSTOLIC_MMHG,
    Quantity.DIASTOLIC_MMHG: Field.DIASTOLIC_MMHG,
    Quantity.HAEMOGLOBIN_G_DL: Field.HAEMOGLOBIN_G_DL,
    Quantity.CHOLESTEROL_MG_DL: Field.CHOLESTEROL_MG_DL,
    Quantity.URIC_ACID_MG_DL: Field.URIC_ACID_MG_DL,
}

# A new mother's field for each field of a person (fields already about the mother stay).
# The baby's field for each field of a person registered at the mother's delivery.
BABY_FIELDS: dict[Field, Field] = {
    Field.NAME: Field.BABY_NAME,
    Field.SEX: Field.BABY_SEX,
    Field.NIK: Field.BABY_NIK,
    Field.BIRTH_DATE: Field.BABY_BIRTH_DATE,
    Field.BIRTH_WEIGHT_KG: Field.BABY_BIRTH_WEIGHT_KG,
    Field.BIRTH_LENGTH_CM: Field.BABY_BIRTH_LENGTH_CM,
}

MOTHER_FIELDS: dict[Field, Field] = {
    Field.NAME: Field.MOTHER_NAME,
    Field.NIK: Field.MOTHER_NIK,
    Field.BIRTH_DATE: Field.MOTHER_BIRTH_DATE,
    Field.BIRTH_WEIGHT_KG: Field.MOTHER_BIRTH_WEIGHT_KG,
    Field.BIRTH_LENGTH_CM: Field.MOTHER_BIRTH_LENGTH_CM,
    Field.PREGNANT: Field.MOTHER_PREGNANT,
    Field.DELIVERED_ON: Field.MOTHER_DELIVERED_ON,
    Field.HOUSEHOLD_ID: Field.MOTHER_HOUSEHOLD_ID,
    Field.FATHER_ID: Field.MOTHER_FATHER_ID,
    Field.CAREGIVER_ID: Field.MOTHER_CAREGIVER_ID,
}

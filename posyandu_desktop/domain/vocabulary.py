"""The coded values the registry stores: cadre roles, desks, sources, services, visit reasons.

They live in `domain` so that `i18n/vocabulary_words.py` can name them and the demo generator
can use them.
The values are what SQLite stores: short, lower-case and never renamed (CHECK constraints list
them; a rename needs a migration).
"""

from __future__ import annotations

from enum import Enum, StrEnum


class Venue(StrEnum):
    """Where the Posyandu meets."""

    OWN_BUILDING = "own_building"
    RESIDENT_HOUSE = "resident_house"  # a resident's house or porch, lent for the day
    OTHER = "other"  # balai RT, mosque, school ...


class CadreRole(StrEnum):
    """A cadre's standing role in the Posyandu's organisation."""

    CHAIR = "chair"  # ketua
    SECRETARY = "secretary"  # sekretaris
    TREASURER = "treasurer"  # bendahara
    MEMBER = "member"  # anggota


class TrainingGrade(StrEnum):
    """Cadre competence grade after Kemenkes training
    (docs/sources/ilp-life-stages.md#cadre-competence)."""

    PURWA = "purwa"
    MADYA = "madya"
    UTAMA = "utama"


class Desk(StrEnum):
    """The five ILP steps ("5 langkah", docs/sources/ilp-life-stages.md), in the order a visitor
    passes them."""

    REGISTRATION = "registration"  # pendaftaran
    MEASURING = "measuring"  # penimbangan dan pengukuran
    RECORDING = "recording"  # pencatatan
    HEALTH_SERVICE = "health_service"  # pelayanan kesehatan
    COUNSELLING = "counselling"  # penyuluhan


class MeasurementSource(StrEnum):
    """Where a measured value came from."""

    TYPED = "typed"
    SERIAL_SCALE = "serial_scale"
    BLUETOOTH_SCALE = "bluetooth_scale"


class MeasurementOrigin(StrEnum):
    """Where a measurement was taken, when not at this Posyandu or on its home visits."""

    IMPORTED = "imported"  # "impor": from an e-PPGBM export or the Posyandu's own register
    KIA_BOOK = "kia_book"  # "buku KIA": copied from the child's KMS page


class ServiceKind(StrEnum):
    """A service given or noted at the post."""

    VITAMIN_A = "vitamin_a"  # February and August; capsule colour by age
    DEWORMING = "deworming"  # obat cacing
    IRON_TABLETS = "iron_tablets"  # TTD (tablet tambah darah)
    PMT = "pmt"  # pemberian makanan tambahan, supplementary food
    IMMUNISATION = "immunisation"  # usually copied from the Buku KIA, given by the health worker
    REFERRAL = "referral"  # rujukan to the puskesmas; code: domain.screenings.ReferralReason
    BREASTFEEDING = "breastfeeding"  # ASI eksklusif, month by month: code E0-E6 or "no"
    FAMILY_PLANNING = "family_planning"  # KB: code domain.services_due.FamilyPlanning


class VisitReason(StrEnum):
    """Why cadres visit a home."""

    ABSENT_FROM_WEIGHING = "absent_from_weighing"
    TWO_T = "two_t"  # weight did not rise twice in a row
    BGM = "bgm"  # below the red line of the KMS
    NEW_BABY = "new_baby"
    PREGNANT_WOMAN = "pregnant_woman"
    SICK_ELDER = "sick_elder"
    OTHER = "other"


class VisitAction(StrEnum):
    """What cadres did on a home visit, so the next month shows whether the child recovered."""

    COUNSELLING = "counselling"  # told the mother what to do (feeding, care, the next weighing)
    PMT = "pmt"  # gave or arranged supplementary food
    REFERRAL = "referral"  # sent the child to the puskesmas


class AuditAction(StrEnum):
    """What happened to a row."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class BackupKind(StrEnum):
    """Why a backup was taken; each kind keeps its own number of copies."""

    DAILY = "daily"
    PRE_EXPORT = "pre-export"
    PRE_IMPORT = "pre-import"
    PRE_MIGRATION = "pre-migration"
    PRE_RESTORE = "pre-restore"
    MANUAL = "manual"


# Codes no table stores, shown to the cadre as words.


class AlertKind(Enum):
    """Why a person is on the alert list, most urgent first."""

    REMEASURE = "remeasure"  # a value saved as doubtful this month: measure again
    REFER = "refer"  # a reason of the one referral rule (domain/referral.py)
    NEW_STUNTING = "new_stunting"  # a confirmed new stunting case this month
    SUSPECTED_STUNTING = "suspected_stunting"  # one stunted length after a normal one: remeasure
    KEK_PREGNANT = "kek_pregnant"  # pregnant with LILA below 23.5 cm


class ExportStep(Enum):
    """What the monthly export is doing, for the progress bar (in order)."""

    BACKUP = "backup"
    READING = "reading"
    REPORT = "report"
    SIGNING = "signing"
    SAVING = "saving"


class KeyState(Enum):
    """What the About box can say about this laptop's signing key."""

    PRESENT = "present"
    MISSING = "missing"  # not made yet: start-up makes it in the background
    UNREADABLE = "unreadable"  # damaged or locked; never replaced, the puskesmas registered it
    NOT_USED = "not_used"  # a puskesmas laptop checks files, it signs none

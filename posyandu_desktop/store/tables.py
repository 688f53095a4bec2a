"""The registry's tables as typed SQLAlchemy classes. Only `store` sees these classes.

Conventions: integer ids; a random `uid` on the records a monthly export carries, so they keep
their identity when the puskesmas merges files from many laptops; dates as `*_on`, aware UTC
times as `*_at`; units in column names. Enum columns store the enum's value with a CHECK.
Migrations are written from these classes (store/migrations/versions), and a test checks the two
agree.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Enum,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    Category,
    LengthHeightForAgeCategory,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_events import LeftReason
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.screenings import Dependency, Smoking
from posyandu_desktop.domain.vocabulary import (
    AuditAction,
    CadreRole,
    Desk,
    MeasurementOrigin,
    MeasurementSource,
    ServiceKind,
    TrainingGrade,
    Venue,
    VisitAction,
    VisitReason,
)
from posyandu_desktop.store.columns import (
    ALL_DESKS_MASK,
    CategoryColumn,
    DeskSet,
    QuantitySetColumn,
    SexColumn,
    UtcDateTime,
    category_codes,
    coded,
    one_of,
    utc_now,
)

# Stable constraint names: Alembic's batch mode (SQLite's way to alter a table) needs them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_uid() -> str:
    """A random 32-hex identity that survives export and merge."""
    return uuid.uuid4().hex


def _uid() -> Mapped[str]:
    return mapped_column(String(32), unique=True, default=new_uid)


def _created() -> Mapped[datetime]:
    return mapped_column(UtcDateTime, default=utc_now)


class Posyandu(Base):
    """This laptop's post (normally the only row)."""

    __tablename__ = "posyandu"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(30), unique=True)
    kelurahan: Mapped[str] = mapped_column(String(60), default="")
    kecamatan: Mapped[str] = mapped_column(String(60), default="")
    kota: Mapped[str] = mapped_column(String(60), default="")
    puskesmas: Mapped[str] = mapped_column(String(100), default="")
    venue: Mapped[Venue] = mapped_column(coded(Venue, "venue"))
    created_at: Mapped[datetime] = _created()
    # Added by 0007: the KMS reading (resources/kms) new judgements use; None is the default one.
    kbm_version: Mapped[str | None] = mapped_column(String(40))


class Cadre(Base):
    __tablename__ = "cadre"
    __table_args__ = (
        Index("ix_cadre_nik", "nik", unique=True, sqlite_where=text("nik IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    nik: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str] = mapped_column(String(20), default="")
    role: Mapped[CadreRole] = mapped_column(coded(CadreRole, "role"))
    training_grade: Mapped[TrainingGrade | None] = mapped_column(
        coded(TrainingGrade, "training_grade")
    )
    bpjs_ketenagakerjaan: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = _created()
    # Added by 0002. The login PIN as one scrypt string (salt, parameters, hash;
    # services/cadres.py);
    # None until the cadre's first login sets it.
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    # May manage cadres and settings. The server default fills rows that existed before 0002.
    is_coordinator: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class CadreLogin(Base):
    """Failed PIN tries, the wait they impose and a one-time code for a first PIN (added by
    0004). Apart from `cadre`, which travels in the monthly export: none of this may."""

    __tablename__ = "cadre_login"
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), primary_key=True)
    failed_tries: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    wait_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    code_hash: Mapped[str | None] = mapped_column(String(200))  # scrypt, as the PIN's


class CadreCertificate(Base):
    __tablename__ = "cadre_certificate"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[date]
    issuer: Mapped[str] = mapped_column(String(100), default="")
    number: Mapped[str | None] = mapped_column(String(60))  # added by 0007, as printed


class CadreSkillAssessment(Base):
    """One assessment of one basic skill of a cadre (added by 0007). Skills are codes of
    resources/cadre/competence.json; the latest assessment of a skill is the one that counts."""

    __tablename__ = "cadre_skill_assessment"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    skill: Mapped[str] = mapped_column(String(10))
    passed: Mapped[bool] = mapped_column(Boolean)
    assessed_on: Mapped[date]
    assessor: Mapped[str] = mapped_column(String(100))
    entered_by: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    created_at: Mapped[datetime] = _created()


class Household(Base):
    __tablename__ = "household"
    __table_args__ = (
        # RT and RW are small positive numbers; forms write them zero-padded ("003/005").
        CheckConstraint("rt IS NULL OR rt BETWEEN 1 AND 999", name="rt"),
        CheckConstraint("rw IS NULL OR rw BETWEEN 1 AND 999", name="rw"),
        Index("ix_household_rw_rt", "rw", "rt"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    head_name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    rt: Mapped[int | None]
    rw: Mapped[int | None]
    kelurahan: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = _created()


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_nik", "nik", unique=True, sqlite_where=text("nik IS NOT NULL")),
        Index("ix_person_name_key_birth_date", "name_key", "birth_date"),
        CheckConstraint("sex IN (1, 2)", name="sex"),
        CheckConstraint("mother_id IS NULL OR mother_id <> id", name="not_own_mother"),
        CheckConstraint("birth_weight_kg IS NULL OR birth_weight_kg > 0", name="birth_weight"),
        CheckConstraint("birth_length_cm IS NULL OR birth_length_cm > 0", name="birth_length"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    nik: Mapped[str | None] = mapped_column(String(16))
    # Infants often have no NIK yet: the mother's NIK identifies them (SATUSEHAT nik-ibu,
    # docs/sources/satusehat.md).
    mother_nik: Mapped[str | None] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # Lower-case, accents and punctuation removed: what as-you-type search compares against.
    name_key: Mapped[str] = mapped_column(String(100))
    sex: Mapped[Sex] = mapped_column(SexColumn)
    birth_date: Mapped[date] = mapped_column(index=True)
    birth_weight_kg: Mapped[float | None] = mapped_column(Float)
    birth_length_cm: Mapped[float | None] = mapped_column(Float)
    mother_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    father_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    caregiver_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # Life stage is derived from age and these two (domain/life_stage.py), never stored.
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    delivered_on: Mapped[date | None]
    # Moved away or died: kept, but out of the due list and the S denominator.
    left_on: Mapped[date | None]
    created_at: Mapped[datetime] = _created()
    # Added by 0008: why the person left (moved or died), set with `left_on`.
    left_reason: Mapped[LeftReason | None] = mapped_column(
        Enum(
            LeftReason,
            native_enum=False,
            create_constraint=False,
            length=8,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        )
    )


class PosyanduDay(Base):
    """One Posyandu session."""

    __tablename__ = "posyandu_day"
    __table_args__ = (
        UniqueConstraint("posyandu_id", "held_on"),
        CheckConstraint("(closed_at IS NULL) = (closed_by IS NULL)", name="closed_by_whom"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"))
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("cadre.id"))


class Arrival(Base):
    """A person registered at a session, with a queue number."""

    __tablename__ = "arrival"
    __table_args__ = (
        UniqueConstraint("day_id", "person_id"),
        UniqueConstraint("day_id", "queue_number"),
        CheckConstraint("queue_number > 0", name="queue_number"),
        CheckConstraint(f"desks_passed BETWEEN 0 AND {ALL_DESKS_MASK}", name="desks_passed"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("posyandu_day.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    queue_number: Mapped[int]
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime)
    desks_passed: Mapped[frozenset[Desk]] = mapped_column(DeskSet, default=frozenset())


class CadreAttendance(Base):
    """Who served at which session, at which desk, from when to when."""

    __tablename__ = "cadre_attendance"
    __table_args__ = (
        UniqueConstraint("day_id", "cadre_id", "desk"),
        CheckConstraint("left_at IS NULL OR left_at >= arrived_at", name="left_after_arrival"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("posyandu_day.id"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    desk: Mapped[Desk] = mapped_column(coded(Desk, "desk"))
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class HomeVisit(Base):
    __tablename__ = "home_visit"
    __table_args__ = (
        CheckConstraint(
            "person_id IS NOT NULL OR household_id IS NOT NULL", name="person_or_household"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    visited_on: Mapped[date] = mapped_column(index=True)
    reason: Mapped[VisitReason] = mapped_column(coded(VisitReason, "reason"))
    findings: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    created_at: Mapped[datetime] = _created()


class HomeVisitCadre(Base):
    """One of the cadres who went on a home visit (often two)."""

    __tablename__ = "home_visit_cadre"
    __table_args__ = (UniqueConstraint("home_visit_id", "cadre_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    home_visit_id: Mapped[int] = mapped_column(ForeignKey("home_visit.id"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)


class HomeVisitAction(Base):
    """One thing done on a home visit (counselling, PMT, referral); a visit may have several."""

    __tablename__ = "home_visit_action"
    __table_args__ = (UniqueConstraint("home_visit_id", "action"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    home_visit_id: Mapped[int] = mapped_column(ForeignKey("home_visit.id"), index=True)
    action: Mapped[VisitAction] = mapped_column(coded(VisitAction, "action"))


def _source(value_column: str, source: str) -> CheckConstraint:
    """A measured value and its source are present together or not at all."""
    return CheckConstraint(
        f"({value_column} IS NULL) = ({source} IS NULL)", name=f"{value_column}_has_source"
    )


def _category_check(column: str, *enums: type[Category]) -> CheckConstraint:
    return CheckConstraint(one_of(column, category_codes(*enums)), name=column)


class Measurement(Base):
    """What was measured on one occasion, each value with its source, and what the domain made
    of it (z-scores at full precision, Permenkes categories, KMS status) with the engine version.
    Corrections update the row, count themselves in `corrections`, and leave the old values in
    the audit trail."""

    __tablename__ = "measurement"
    __table_args__ = (
        CheckConstraint(
            "day_id IS NULL OR home_visit_id IS NULL", name="posyandu_day_or_home_visit"
        ),
        _source("weight_kg", "weight_source"),
        _source("lenhei_cm", "lenhei_source"),
        _source("headc_cm", "headc_source"),
        _source("lila_cm", "lila_source"),
        _source("waist_cm", "waist_source"),
        _source("glucose_mg_dl", "glucose_source"),
        _source("systolic_mmhg", "bp_source"),
        CheckConstraint(
            "(systolic_mmhg IS NULL) = (diastolic_mmhg IS NULL)", name="bp_both_values"
        ),
        CheckConstraint("position IS NULL OR lenhei_cm IS NOT NULL", name="position_needs_length"),
        CheckConstraint("weight_kg IS NULL OR weight_kg > 0", name="weight_positive"),
        CheckConstraint("lenhei_cm IS NULL OR lenhei_cm > 0", name="lenhei_positive"),
        CheckConstraint("corrections >= 0", name="corrections"),
        _category_check("wfa_category", WeightForAgeCategory),
        _category_check("lhfa_category", LengthHeightForAgeCategory),
        _category_check("wflh_category", WeightForLengthHeightCategory),
        _category_check("bfa_category", WeightForLengthHeightCategory, BmiForAge5To18Category),
        # The due list asks "when was this child last weighed?" for every balita.
        Index("ix_measurement_person_id_measured_on", "person_id", "measured_on", "weight_kg"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day_id: Mapped[int | None] = mapped_column(ForeignKey("posyandu_day.id"), index=True)
    home_visit_id: Mapped[int | None] = mapped_column(ForeignKey("home_visit.id"), index=True)
    measured_on: Mapped[date] = mapped_column(index=True)
    entered_by: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    entered_at: Mapped[datetime] = _created()
    corrections: Mapped[int] = mapped_column(default=0)

    weight_kg: Mapped[float | None] = mapped_column(Float)
    weight_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "weight_source")
    )
    lenhei_cm: Mapped[float | None] = mapped_column(Float)  # as measured, before the 0.7 cm
    lenhei_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "lenhei_source")
    )
    position: Mapped[Position | None] = mapped_column(coded(Position, "position"))
    headc_cm: Mapped[float | None] = mapped_column(Float)
    headc_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "headc_source")
    )
    lila_cm: Mapped[float | None] = mapped_column(Float)
    lila_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "lila_source")
    )
    oedema: Mapped[bool] = mapped_column(Boolean, default=False)
    # ILP adult fields (docs/sources/ilp-life-stages.md): blood pressure, waist, random blood
    # glucose.
    systolic_mmhg: Mapped[int | None]
    diastolic_mmhg: Mapped[int | None]
    bp_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "bp_source")
    )
    waist_cm: Mapped[float | None] = mapped_column(Float)
    waist_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "waist_source")
    )
    glucose_mg_dl: Mapped[float | None] = mapped_column(Float)
    glucose_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "glucose_source")
    )
    # Added by 0007 (plain ADD COLUMN, so no CHECKs): the ILP laboratory strips.
    haemoglobin_g_dl: Mapped[float | None] = mapped_column(Float)
    haemoglobin_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "haemoglobin_source", check=False)
    )
    cholesterol_mg_dl: Mapped[float | None] = mapped_column(Float)
    cholesterol_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "cholesterol_source", check=False)
    )
    uric_acid_mg_dl: Mapped[float | None] = mapped_column(Float)
    uric_acid_source: Mapped[MeasurementSource | None] = mapped_column(
        coded(MeasurementSource, "uric_acid_source", check=False)
    )

    # Computed by the domain when saved (and again on correction).
    age_days: Mapped[int]
    waz: Mapped[float | None] = mapped_column(Float)  # full precision; WHO reports 2 decimals
    haz: Mapped[float | None] = mapped_column(Float)
    whz: Mapped[float | None] = mapped_column(Float)
    baz: Mapped[float | None] = mapped_column(Float)
    hcz: Mapped[float | None] = mapped_column(Float)
    acz: Mapped[float | None] = mapped_column(Float)
    bmi: Mapped[float | None] = mapped_column(Float)  # from the position-corrected length
    wfa_category: Mapped[Category | None] = mapped_column(CategoryColumn)
    lhfa_category: Mapped[Category | None] = mapped_column(CategoryColumn)
    wflh_category: Mapped[Category | None] = mapped_column(CategoryColumn)
    bfa_category: Mapped[Category | None] = mapped_column(CategoryColumn)
    lila_status: Mapped[LilaStatus | None] = mapped_column(coded(LilaStatus, "lila_status"))
    growth_status: Mapped[GrowthStatus | None] = mapped_column(coded(GrowthStatus, "growth_status"))
    two_t: Mapped[bool] = mapped_column(Boolean, default=False)
    engine_version: Mapped[str] = mapped_column(String(40))
    kbm_version: Mapped[str | None] = mapped_column(String(40))
    # Added by 0006: None for a measurement taken here; else imported or copied from the KMS.
    origin: Mapped[MeasurementOrigin | None] = mapped_column(
        Enum(
            MeasurementOrigin,
            native_enum=False,
            create_constraint=False,
            length=12,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        )
    )
    # Added by 0007: the quantities saved as doubtful ("diragukan") once the cadre confirmed
    # them, e.g. "weight_kg"; "" when every value is valid (docs/DECISIONS.md#doubtful-values).
    doubtful: Mapped[frozenset[Quantity]] = mapped_column(
        QuantitySetColumn(length=120), default=frozenset(), server_default=""
    )


class ServiceGiven(Base):
    """A service given (or noted from the Buku KIA) for one person."""

    __tablename__ = "service_given"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'vitamin_a') = (capsule IS NOT NULL)", name="capsule_only_for_vitamin_a"
        ),
        CheckConstraint("quantity IS NULL OR quantity > 0", name="quantity"),
        CheckConstraint("day_id IS NULL OR home_visit_id IS NULL", name="posyandu_day_or_visit"),
        Index("ix_service_given_person_id_kind_given_on", "person_id", "kind", "given_on"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day_id: Mapped[int | None] = mapped_column(ForeignKey("posyandu_day.id"), index=True)
    home_visit_id: Mapped[int | None] = mapped_column(ForeignKey("home_visit.id"))
    given_on: Mapped[date]
    kind: Mapped[ServiceKind] = mapped_column(coded(ServiceKind, "kind"))
    capsule: Mapped[VitaminACapsule | None] = mapped_column(coded(VitaminACapsule, "capsule"))
    detail: Mapped[str] = mapped_column(String(200), default="")  # vaccine, PMT item, referral to
    quantity: Mapped[int | None]  # tablets, packs
    from_kia_book: Mapped[bool] = mapped_column(Boolean, default=False)
    entered_by: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    created_at: Mapped[datetime] = _created()
    # Added by 0007: what exactly was given, by kind (domain/services_due.py): the dose code
    # (pcv2), the PMT kind, E0-E6 or "no", the contraception method, the referral reason.
    code: Mapped[str | None] = mapped_column(String(24))


class HealthCheck(Base):
    """The questionnaires of a life-stage form asked on one occasion (added by 0007): answers as
    space-separated codes (None: not asked, "": asked, nothing said yes) and the results the
    reports count, from domain/health_check.py."""

    __tablename__ = "health_check"
    __table_args__ = (
        CheckConstraint("day_id IS NULL OR home_visit_id IS NULL", name="posyandu_day_or_visit"),
        CheckConstraint("puma_score IS NULL OR puma_score BETWEEN 0 AND 9", name="puma_score"),
        CheckConstraint(
            "barthel_score IS NULL OR barthel_score BETWEEN 0 AND 20", name="barthel_score"
        ),
        Index("ix_health_check_person_id_checked_on", "person_id", "checked_on"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    measurement_id: Mapped[int | None] = mapped_column(ForeignKey("measurement.id"), index=True)
    day_id: Mapped[int | None] = mapped_column(ForeignKey("posyandu_day.id"), index=True)
    home_visit_id: Mapped[int | None] = mapped_column(ForeignKey("home_visit.id"))
    checked_on: Mapped[date]
    entered_by: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    created_at: Mapped[datetime] = _created()
    tb_symptoms: Mapped[str | None] = mapped_column(String(120))
    tb_presumptive: Mapped[bool | None] = mapped_column(Boolean)
    hpht: Mapped[date | None]
    gestational_weeks: Mapped[int | None]
    pregnancy_class: Mapped[bool | None] = mapped_column(Boolean)
    danger_signs: Mapped[str | None] = mapped_column(String(200))
    adolescent_risks: Mapped[str | None] = mapped_column(String(200))
    smoking: Mapped[Smoking | None] = mapped_column(coded(Smoking, "smoking"))
    pack_years: Mapped[float | None] = mapped_column(Float)
    puma_symptoms: Mapped[str | None] = mapped_column(String(120))
    puma_score: Mapped[int | None]
    barthel_items: Mapped[str | None] = mapped_column(String(200))  # "feeding=2 bathing=1 ..."
    barthel_score: Mapped[int | None]
    dependency: Mapped[Dependency | None] = mapped_column(coded(Dependency, "dependency"))


class ExportLedger(Base):
    """One monthly export file written on this laptop (added by 0003). Re-exporting a month adds
    revision N+1 beside the earlier ones: the ledger is how the next export finds its base and
    the manifest hash it chains to."""

    __tablename__ = "export_ledger"
    __table_args__ = (
        UniqueConstraint("posyandu_id", "period", "revision"),
        CheckConstraint("revision > 0", name="revision"),
        # "YYYY-MM" (month 01 to 12), as in the file name and the manifest.
        CheckConstraint(
            "period GLOB '[0-9][0-9][0-9][0-9]-0[1-9]'"
            " OR period GLOB '[0-9][0-9][0-9][0-9]-1[0-2]'",
            name="period",
        ),
        # The content covers the audit events (audit_after, audit_upto].
        CheckConstraint("audit_after >= 0 AND audit_upto >= audit_after", name="audit_window"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"))
    period: Mapped[str] = mapped_column(String(7))
    revision: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(200))
    file_sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    previous_manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    audit_after: Mapped[int]
    audit_upto: Mapped[int]
    counts: Mapped[str] = mapped_column(Text)  # JSON {table: rows exported}
    created_at: Mapped[datetime] = _created()
    created_by: Mapped[int | None] = mapped_column(ForeignKey("cadre.id"))
    # Added by 0005. Set when a coordinator withdrew the export (a month exported under a wrong
    # clock); who did it is in the audit trail.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ExportCopy(Base):
    """One copy of an export written to a destination (a USB stick, a folder), and whether
    reading it back verified it."""

    __tablename__ = "export_copy"
    id: Mapped[int] = mapped_column(primary_key=True)
    export_id: Mapped[int] = mapped_column(ForeignKey("export_ledger.id"), index=True)
    destination: Mapped[str] = mapped_column(Text)
    copied_at: Mapped[datetime] = mapped_column(UtcDateTime)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEvent(Base):
    """One change to one row. Append-only: SQLite triggers refuse UPDATE and DELETE (see the
    0001 migration). No foreign keys, so the trail outlives anything it describes."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_table_name_row_id", "table_name", "row_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    cadre_id: Mapped[int | None]  # who was at the keyboard; None for the system
    action: Mapped[AuditAction] = mapped_column(coded(AuditAction, "action"))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int]
    changes: Mapped[str] = mapped_column(Text)  # JSON: {column: value} or {column: [old, new]}
    reason: Mapped[str | None] = mapped_column(Text)


# SQLite enforces append-only in the file itself, whatever code or tool opens it.
AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
)

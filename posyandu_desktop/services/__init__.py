"""Use cases in the cadre's words, one module per workflow. Each call opens one transaction and
returns frozen read-models (or problem codes); nothing here imports SQLAlchemy or Qt.

The UI imports only this package: the values it passes in (MeasuredValues, Reading, the coded
vocabularies) and the read-models it gets back are re-exported here from the store.
"""

from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import (
    BackupKind,
    CadreRole,
    Desk,
    MeasurementSource,
    ServiceKind,
    TrainingGrade,
    Venue,
    VisitReason,
)
from posyandu_desktop.services.care import record_service
from posyandu_desktop.services.data_folder import (
    back_up_now,
    list_backups,
    open_data_folder,
    restore_backup,
)
from posyandu_desktop.services.due_list import DueChild, DueList, due_list, due_today
from posyandu_desktop.services.home_visits import HomeVisitResult, record_home_visit
from posyandu_desktop.services.measuring import (
    correct_measurement,
    measurement_history,
    measurements_of,
    record_measurement,
)
from posyandu_desktop.services.outcome import Issue, Outcome
from posyandu_desktop.services.people import (
    PersonMatch,
    PersonQuery,
    find_people,
    parse_person_query,
)
from posyandu_desktop.services.posyandu_day import (
    DaySummary,
    close_posyandu_day,
    mark_present_on_login,
    open_posyandu_day,
    pass_desk,
    record_cadre_attendance,
    register_arrival,
    reopen_posyandu_day,
)
from posyandu_desktop.services.registration import (
    NewHousehold,
    NewPerson,
    record_pregnancy,
    register_household,
    register_newcomer,
    register_person,
)
from posyandu_desktop.services.setup import (
    add_cadre_certificate,
    register_cadre,
    set_cadre_active,
    set_up_posyandu,
)
from posyandu_desktop.store import (
    Backup,
    BackupError,
    Database,
    Opened,
    Refused,
    StartupProblem,
    StorageError,
)
from posyandu_desktop.store.records import (
    ArrivalRecord,
    AttendanceRecord,
    AuditRecord,
    BloodPressure,
    CadreRecord,
    CertificateRecord,
    DayCounts,
    DayRecord,
    GrowthFindings,
    HomeVisitRecord,
    HouseholdRecord,
    MeasuredValues,
    MeasurementRecord,
    PersonListing,
    PersonRecord,
    PosyanduRecord,
    Reading,
    ServiceRecord,
)

__all__ = [
    "ArrivalRecord",
    "AttendanceRecord",
    "AuditRecord",
    "Backup",
    "BackupError",
    "BackupKind",
    "BloodPressure",
    "CadreRecord",
    "CadreRole",
    "CertificateRecord",
    "Database",
    "DayCounts",
    "DayRecord",
    "DaySummary",
    "Desk",
    "DueChild",
    "DueList",
    "GrowthFindings",
    "HomeVisitRecord",
    "HomeVisitResult",
    "HouseholdRecord",
    "Issue",
    "MeasuredValues",
    "MeasurementRecord",
    "MeasurementSource",
    "NewHousehold",
    "NewPerson",
    "Opened",
    "Outcome",
    "PersonListing",
    "PersonMatch",
    "PersonQuery",
    "PersonRecord",
    "PosyanduRecord",
    "Problem",
    "Reading",
    "Refused",
    "ServiceKind",
    "ServiceRecord",
    "StartupProblem",
    "StorageError",
    "TrainingGrade",
    "Venue",
    "VisitReason",
    "add_cadre_certificate",
    "back_up_now",
    "close_posyandu_day",
    "correct_measurement",
    "due_list",
    "due_today",
    "find_people",
    "list_backups",
    "mark_present_on_login",
    "measurement_history",
    "measurements_of",
    "open_data_folder",
    "open_posyandu_day",
    "parse_person_query",
    "pass_desk",
    "record_cadre_attendance",
    "record_home_visit",
    "record_measurement",
    "record_pregnancy",
    "record_service",
    "register_arrival",
    "register_cadre",
    "register_household",
    "register_newcomer",
    "register_person",
    "reopen_posyandu_day",
    "restore_backup",
    "set_cadre_active",
    "set_up_posyandu",
]

"""The registry on disk: the only package that imports SQLAlchemy and Alembic.

Services use `Database.transaction()` / `Database.reading()` and the functions in
`store.queries`; they get frozen records (`store.records`) back, never ORM rows.
"""

from posyandu_desktop.domain.problems import StartupProblem
from posyandu_desktop.store.backup import Backup, BackupError
from posyandu_desktop.store.database import Database, StorageError, Tx
from posyandu_desktop.store.migrate import HEAD, REVISIONS, MigrationError
from posyandu_desktop.store.startup import Opened, Refused, open_registry

__all__ = [
    "HEAD",
    "REVISIONS",
    "Backup",
    "BackupError",
    "Database",
    "MigrationError",
    "Opened",
    "Refused",
    "StartupProblem",
    "StorageError",
    "Tx",
    "open_registry",
]

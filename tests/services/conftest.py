import pytest

from posyandu_desktop.store import Database, migrate
from tests.store.helpers import Post, new_database, set_up_post


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """One migrated file per session; each test gets a copy (migrating costs ~0.1 s)."""
    path = tmp_path_factory.mktemp("template") / "posyandu.sqlite"
    migrate.upgrade(path)
    return path


@pytest.fixture
def db(tmp_path, migrated):
    database = new_database(tmp_path, migrated)
    yield database
    database.close()


@pytest.fixture
def post(db: Database) -> Post:
    return set_up_post(db)

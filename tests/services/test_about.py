"""The About box's facts: on a real data folder, the key's fingerprint as exports sign with it and
never a key made just by looking; the WHO tables' sources from PROVENANCE.md, and a changed table
caught by SHA256SUMS."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from posyandu_desktop import __version__
from posyandu_desktop.domain.growth import Table
from posyandu_desktop.domain.growth.standards import WhoStandard
from posyandu_desktop.domain.vocabulary import KeyState
from posyandu_desktop.exchange import signing
from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services.export import signing_fingerprint
from posyandu_desktop.services.housekeeping import about, check_who_sums
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import HEAD


@pytest.fixture
def posyandu_data(tmp_path: Path) -> Path:
    """A data folder as a Posyandu laptop has it: a migrated registry and a signing key."""
    data = tmp_path / "data"
    opened = open_data_folder(data)
    assert isinstance(opened, Opened)
    opened.database.close()
    signing_fingerprint(data)  # start-up makes the key like this
    return data


@pytest.fixture
def who_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "who"
    shutil.copytree(resource_path("who"), folder)
    return folder


def test_a_posyandu_laptop_shows_the_key_that_signs_its_exports(posyandu_data: Path) -> None:
    info = about(posyandu_data, with_key=True)
    assert info.key_state is KeyState.PRESENT
    assert info.key_fingerprint == signing_fingerprint(posyandu_data)
    assert info.app_version == __version__
    assert info.data_dir == posyandu_data
    assert info.database_file == posyandu_data / "posyandu.sqlite"
    assert info.database_file.is_file()
    assert info.log_folder == posyandu_data / "logs"
    assert info.schema_revision == HEAD


def test_a_puskesmas_laptop_gets_no_key(tmp_path: Path) -> None:
    data = tmp_path / "puskesmas"
    info = about(data, with_key=False)
    assert info.key_state is KeyState.NOT_USED and info.key_fingerprint is None
    assert not signing.keys_dir(data).exists()
    assert not data.exists()  # looking makes nothing


def test_a_posyandu_laptop_without_a_key_yet_is_told_so_and_none_is_made(tmp_path: Path) -> None:
    data = tmp_path / "data"
    info = about(data, with_key=True)
    assert info.key_state is KeyState.MISSING and info.key_fingerprint is None
    assert signing.load_signing_key(signing.keys_dir(data)) is None


def test_a_damaged_key_is_reported_and_left_alone(posyandu_data: Path) -> None:
    key_file = signing.keys_dir(posyandu_data) / signing.KEY_FILE
    key_file.write_bytes(b"-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n")
    info = about(posyandu_data, with_key=True)
    assert info.key_state is KeyState.UNREADABLE and info.key_fingerprint is None
    assert b"broken" in key_file.read_bytes()


def test_every_shipped_table_has_its_source_and_matches(tmp_path: Path) -> None:
    info = about(tmp_path, with_key=False)
    assert info.who_tables_match
    assert [t.file for t in info.who_tables]  # not empty
    assert {t.file for t in info.who_tables} == {f"{t.value}.csv" for t in Table}
    assert all(t.matches for t in info.who_tables)
    wfa = next(t for t in info.who_tables if t.file == "who2006_wfa.csv")
    assert wfa.indicator == "weight-for-age"
    assert wfa.standard is WhoStandard.CHILD_GROWTH_2006
    assert wfa.source is not None
    assert wfa.source.repository == "WorldHealthOrganization/anthro"
    assert wfa.source.url == (
        "https://github.com/WorldHealthOrganization/anthro/blob/"
        "b776d8a12b1c97369c748b561159fd2ec4f4db58/data-raw/growthstandards/weianthro.txt"
    )
    reference = [t for t in info.who_tables if t.standard is WhoStandard.GROWTH_REFERENCE_2007]
    assert len(reference) == 3
    assert {t.source.repository for t in reference if t.source} == {
        "WorldHealthOrganization/anthroplus"
    }


def test_a_changed_table_no_longer_matches(tmp_path: Path, who_copy: Path) -> None:
    table = who_copy / "who2006_wfh.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("0.08", "0.09", 1), encoding="utf-8")
    info = about(tmp_path, with_key=False, who_folder=who_copy)
    assert not info.who_tables_match
    assert [t.file for t in info.who_tables if not t.matches] == ["who2006_wfh.csv"]
    assert check_who_sums(who_copy).changed == ("who2006_wfh.csv",)


def test_a_missing_table_or_sums_file_is_no_match(who_copy: Path) -> None:
    assert check_who_sums(who_copy).ok
    (who_copy / "who2007_wfa.csv").unlink()
    assert check_who_sums(who_copy).changed == ("who2007_wfa.csv",)
    (who_copy / "SHA256SUMS").unlink()
    assert not check_who_sums(who_copy).ok


def test_without_provenance_the_list_is_empty_but_the_check_still_runs(
    tmp_path: Path, who_copy: Path
) -> None:
    (who_copy / "PROVENANCE.md").unlink()
    info = about(tmp_path, with_key=False, who_folder=who_copy)
    assert info.who_tables == ()
    assert info.who_tables_match

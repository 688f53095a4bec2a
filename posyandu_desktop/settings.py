"""Where things live: shipped resources (from source or a PyInstaller bundle), the data folder
with the registry and its backups, and shared loaders."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from posyandu_desktop import files
from posyandu_desktop.domain.cadre_sheet import SheetColumn, parse_sheet_columns
from posyandu_desktop.domain.competence import Competence, parse_competence
from posyandu_desktop.domain.growth.standards import GrowthStandards
from posyandu_desktop.domain.growth.weight_gain import (
    KBM_BUKU_KIA_2023,
    KmsVersion,
    parse_kms_version,
)
from posyandu_desktop.domain.immunisation import ImmunisationSchedule, parse_schedule

APP_NAME = "posyandu-desktop"
DATA_DIR_ENV = "POSYANDU_DATA_DIR"
DATABASE_FILE = "posyandu.sqlite"
_PREFERENCES_FILE = "preferences.json"


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, from a source checkout or from a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return base.joinpath("resources", *parts)


@cache
def who_standards() -> GrowthStandards:
    """The WHO tables shipped in resources/who; each table is parsed on first use."""
    folder = resource_path("who")
    return GrowthStandards(lambda stem: (folder / f"{stem}.csv").read_text(encoding="utf-8"))


@cache
def kms_versions() -> tuple[KmsVersion, ...]:
    """The KMS readings shipped in resources/kms, the default (docs/DECISIONS.md) first."""
    found = [
        parse_kms_version(path.read_text(encoding="utf-8"))
        for path in sorted(resource_path("kms").glob("*.json"))
    ]
    return tuple(sorted(found, key=lambda v: v.version != KBM_BUKU_KIA_2023.version))


def kms_version_named(name: str | None) -> KmsVersion:
    """The shipped KMS version of this name (a Posyandu's choice), else the default."""
    versions = kms_versions()
    return next((v for v in versions if v.version == name), versions[0])


@cache
def cadre_competence() -> Competence:
    """The cadres' basic skills, their groups and the stratum rule (resources/cadre)."""
    return parse_competence(resource_path("cadre", "competence.json").read_text(encoding="utf-8"))


CADRE_SHEET_FILE = "cadre-sheet.json"  # a city's own choice of indicators, in the data folder


def cadre_sheet_columns(data: Path | None = None) -> tuple[SheetColumn, ...]:
    """The indicators of the monthly cadre sheet: the data folder's cadre-sheet.json when the
    city put one there, else the shipped resources/cadre/sheet.json. ValueError for a bad file."""
    own = None if data is None else data / CADRE_SHEET_FILE
    path = own if own is not None and own.is_file() else resource_path("cadre", "sheet.json")
    return parse_sheet_columns(path.read_text(encoding="utf-8"))


def immunisation_schedule() -> ImmunisationSchedule:
    """The national immunisation schedule shipped in resources/immunisation
    (docs/sources/immunisation-schedule.md)."""
    text = (resource_path("immunisation") / "schedule.csv").read_text(encoding="utf-8")
    return parse_schedule(text)


def data_dir(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """The data folder: `--data-dir`, else $POSYANDU_DATA_DIR, else the per-user data folder
    (never the install folder, which the uninstaller removes)."""
    chosen = option or environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_path  # imported late: start-up speed

    return user_data_path(APP_NAME, appauthor=False, roaming=False)


def database_path(data: Path) -> Path:
    """The registry file in a data folder."""
    return data / DATABASE_FILE


def _preferences(data: Path) -> dict[str, object]:
    try:
        stored = json.loads((data / _PREFERENCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def backups_dir(data: Path) -> Path:
    """Where backups go: the folder the user chose (e.g. on a USB stick), else <data>/backups."""
    folder = _preferences(data).get("backups_dir")
    return Path(folder) if isinstance(folder, str) and folder else data / "backups"


def preference(data: Path, key: str) -> object:
    """One stored preference of the data folder (None when not set)."""
    return _preferences(data).get(key)


def remember(data: Path, key: str, value: object) -> None:
    """Store one preference of the data folder (see `_remember`)."""
    _remember(data, key, value)


def _remember(data: Path, key: str, value: object) -> None:
    """Store one preference; the file is written atomically."""
    preferences = _preferences(data)
    preferences[key] = value
    data.mkdir(parents=True, exist_ok=True)
    target = data / _PREFERENCES_FILE
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as f:
        f.write(json.dumps(preferences, indent=2, ensure_ascii=False))
        f.flush()
        os.fsync(f.fileno())
    files.replace(temporary, target)


def choose_backups_dir(data: Path, folder: Path | None) -> None:
    """Remember a backup folder (None: back to <data>/backups)."""
    _remember(data, "backups_dir", None if folder is None else str(folder))


POSYANDU_MODE, PUSKESMAS_MODE = "posyandu", "puskesmas"


def app_mode(data: Path) -> str:
    """What this laptop is for, chosen at set-up: a Posyandu's registry (the default) or the
    puskesmas, which checks and merges the Posyandu's monthly files."""
    return PUSKESMAS_MODE if _preferences(data).get("mode") == PUSKESMAS_MODE else POSYANDU_MODE


def choose_app_mode(data: Path, mode: str) -> None:
    if mode not in (POSYANDU_MODE, PUSKESMAS_MODE):
        raise ValueError(f"unknown mode {mode!r}")
    _remember(data, "mode", mode)

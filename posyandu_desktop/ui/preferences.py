"""The UI language chosen in the settings, kept in the data folder's preferences.json (beside
settings.py's backup folder choice), so a demo folder and a real one can differ.

Stdlib only: app.py reads it before the first window, when nothing heavy may be imported yet
(any `services` import pulls in SQLAlchemy).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from posyandu_desktop import files
from posyandu_desktop.i18n import LANGUAGES

PREFERENCES_FILE = "preferences.json"  # the file settings.choose_backups_dir also writes
_LANGUAGE = "language"


def _read(data: Path) -> dict[str, object]:
    try:
        stored = json.loads((data / PREFERENCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def ui_language(data: Path) -> str | None:
    """The language chosen in the settings ("id", "en"), or None when never chosen."""
    chosen = _read(data).get(_LANGUAGE)
    return chosen if isinstance(chosen, str) and chosen in LANGUAGES else None


def choose_ui_language(data: Path, lang: str) -> None:
    """Remember the UI language; written atomically, keeping the other preferences."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    preferences = _read(data)
    preferences[_LANGUAGE] = lang
    data.mkdir(parents=True, exist_ok=True)
    target = data / PREFERENCES_FILE
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as f:
        f.write(json.dumps(preferences, indent=2, ensure_ascii=False))
        f.flush()
        os.fsync(f.fileno())
    files.replace(temporary, target)

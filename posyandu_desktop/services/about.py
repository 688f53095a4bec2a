"""What the About box shows: the version, where the data lives, this laptop's signing key, and
where the WHO tables came from, checked against the SHA-256 sums recorded when they were copied in.

Read-only: on a puskesmas laptop (and on a Posyandu laptop whose key is not made yet) no key is
made here; start-up makes the Posyandu's key, and a puskesmas signs nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from posyandu_desktop import __version__
from posyandu_desktop.exchange import signing
from posyandu_desktop.services.preferences import log_folder
from posyandu_desktop.settings import database_path, resource_path
from posyandu_desktop.store import HEAD

SUMS_FILE = "SHA256SUMS"
PROVENANCE_FILE = "PROVENANCE.md"
_GITHUB = "https://github.com/"
# PROVENANCE.md's "Sources" table writes "same" for the repository of the row above.
_SAME_REPOSITORY = "same"


class KeyState(Enum):
    """What the About box can say about this laptop's signing key."""

    PRESENT = "present"
    MISSING = "missing"  # not made yet: start-up makes it in the background
    UNREADABLE = "unreadable"  # damaged or locked; never replaced, the puskesmas registered it
    NOT_USED = "not_used"  # a puskesmas laptop checks files, it signs none


class WhoStandard(Enum):
    """The two WHO publications the tables belong to; the value is the file names' prefix."""

    CHILD_GROWTH_2006 = "who2006"  # WHO Child Growth Standards, 0-60 months
    GROWTH_REFERENCE_2007 = "who2007"  # WHO Growth Reference, 5-19 years


@dataclass(frozen=True, slots=True)
class WhoSource:
    """The upstream file a table was copied from, pinned to a commit."""

    repository: str  # "WorldHealthOrganization/anthro"
    commit: str
    path: str

    @property
    def url(self) -> str:
        return f"{_GITHUB}{self.repository}/blob/{self.commit}/{self.path}"

    @property
    def repository_url(self) -> str:
        """The repository as it was at that commit."""
        return f"{_GITHUB}{self.repository}/tree/{self.commit}"


@dataclass(frozen=True, slots=True)
class WhoTable:
    """One shipped table: what PROVENANCE.md says of it, and whether the file is unchanged."""

    file: str  # "who2006_wfa.csv"
    indicator: str  # PROVENANCE.md's own (English) words, e.g. "weight-for-age"
    source: WhoSource | None  # None: PROVENANCE.md names no source for it
    matches: bool  # the file's SHA-256 is the one PROVENANCE.md records

    @property
    def standard(self) -> WhoStandard | None:
        prefix = self.file.split("_", 1)[0]
        return next((s for s in WhoStandard if s.value == prefix), None)


@dataclass(frozen=True, slots=True)
class SumsCheck:
    """The shipped tables against SHA256SUMS: which it lists, which differ or are missing."""

    listed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Every listed table is there unchanged (and SHA256SUMS lists at least one)."""
        return bool(self.listed) and not self.changed


@dataclass(frozen=True, slots=True)
class AboutInfo:
    """Everything the About box shows except the Python and Qt versions (the UI knows those)."""

    app_version: str
    data_dir: Path
    database_file: Path
    log_folder: Path
    schema_revision: str  # the registry revision this version of the app writes
    key_state: KeyState
    key_fingerprint: str | None  # only when key_state is PRESENT
    who_tables: tuple[WhoTable, ...]
    who_tables_match: bool  # every table in SHA256SUMS is shipped unchanged


def about(data: Path, *, with_key: bool, who_folder: Path | None = None) -> AboutInfo:
    """The About box's facts; `with_key` on a Posyandu laptop (the key is read, never made)."""
    folder = resource_path("who") if who_folder is None else who_folder
    digest = _digests(folder)
    state, fingerprint = _key(data) if with_key else (KeyState.NOT_USED, None)
    return AboutInfo(
        app_version=__version__,
        data_dir=data,
        database_file=database_path(data),
        log_folder=log_folder(data),
        schema_revision=HEAD,
        key_state=state,
        key_fingerprint=fingerprint,
        who_tables=_who_tables(folder, digest),
        who_tables_match=_check_sums(folder, digest).ok,
    )


def check_who_sums(folder: Path) -> SumsCheck:
    """Hash every table SHA256SUMS lists in `folder` (e.g. resources/who) and compare."""
    return _check_sums(folder, _digests(folder))


def _key(data: Path) -> tuple[KeyState, str | None]:
    try:
        key = signing.load_signing_key(signing.keys_dir(data))
    except (signing.SigningKeyError, OSError):
        return KeyState.UNREADABLE, None
    if key is None:
        return KeyState.MISSING, None
    return KeyState.PRESENT, signing.key_fingerprint(key)


def _digests(folder: Path) -> Callable[[str], str | None]:
    """SHA-256 of a file in `folder` by name (None: missing or unreadable), each hashed once."""
    known: dict[str, str | None] = {}

    def digest(name: str) -> str | None:
        if name not in known:
            try:
                known[name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
            except OSError:
                known[name] = None
        return known[name]

    return digest


def _check_sums(folder: Path, digest: Callable[[str], str | None]) -> SumsCheck:
    try:
        lines = (folder / SUMS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return SumsCheck((), ())
    listed: list[str] = []
    changed: list[str] = []
    for line in lines:
        parts = line.split(maxsplit=1)
        if len(parts) != 2:
            continue
        recorded, name = parts[0].lower(), parts[1].strip().lstrip("*")  # "*": sha256sum -b
        listed.append(name)
        if digest(name) != recorded:
            changed.append(name)
    return SumsCheck(tuple(listed), tuple(changed))


def _who_tables(folder: Path, digest: Callable[[str], str | None]) -> tuple[WhoTable, ...]:
    """The tables PROVENANCE.md lists under "## Files", with their rows of "## Sources"."""
    try:
        text = (folder / PROVENANCE_FILE).read_text(encoding="utf-8")
    except OSError:
        return ()
    sources: dict[str, WhoSource] = {}
    repository = ""
    # | output | repository @ commit | path | SHA-256 of the source file |
    for cells in _table_rows(text, "Sources"):
        if len(cells) < 3:
            continue
        if cells[1] != _SAME_REPOSITORY:
            repository = cells[1]
        if "@" not in repository:  # a "same" with nothing above it, or not a pinned source
            continue
        name, _at, commit = repository.partition("@")
        sources[cells[0]] = WhoSource(name.strip(), commit.strip(), cells[2])
    # | file | indicator | x range (unit) | rows | SHA-256 of the CSV |
    return tuple(
        WhoTable(
            file=cells[0],
            indicator=cells[1],
            source=sources.get(cells[0]),
            matches=digest(cells[0]) == cells[-1].lower(),
        )
        for cells in _table_rows(text, "Files")
        if len(cells) >= 3
    )


def _table_rows(markdown: str, heading: str) -> Iterator[list[str]]:
    """The body rows of the first table under `## heading`, as stripped cells."""
    inside = False
    seen_rule = False
    for line in markdown.splitlines():
        if line.startswith("## "):
            if inside:
                return
            inside = line[3:].strip() == heading
            continue
        if not inside or not line.startswith("|"):
            if inside and seen_rule:
                return  # the table has ended
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if all(set(cell) <= set("-: ") for cell in cells):
            seen_rule = True  # the header's rule: body rows follow
        elif seen_rule:
            yield cells

"""Looking after the laptop: the data folder and its backups, the backup vault, the clock check,
preferences and the About page.

What the About box shows: the version, where the data lives, this laptop's signing key, and
where the WHO tables came from, checked against the SHA-256 sums recorded when they were copied in.

Read-only: on a puskesmas laptop (and on a Posyandu laptop whose key is not made yet) no key is
made here; start-up makes the Posyandu's key, and a puskesmas signs nothing.

Backups written outside the data folder (a USB stick) are sealed with the backup recovery key.

The coordinator is shown the recovery key once (32 letters and digits, to write down or print);
the laptop keeps only its public half (`<data>/keys/backup-recovery.txt`), so it can seal every
new backup but a finder of the stick, or of the laptop, cannot open one. A sealed backup keeps
its name (rotation and listing work by name) and starts with a marker line; restoring it asks
for the recovery key. The construction is the monthly file's sealed box (exchange/sealing.py,
docs/DECISIONS.md). Backups inside the data folder stay plain SQLite: they share the disk, and
the protection, of the registry itself.

Opening the data folder at start-up, backups on demand, and restoring one.

Is the laptop's clock plausible? A dead CMOS battery sets it years back, a wrong setting
may put it ahead: both would date records, ages and backups wrongly without a word.

At start (after login, before any screen can save) the clock is compared with the newest
record change, export and backup in the data folder. Earlier than those, or more than
FAR_AHEAD after them, the cadre confirms the date shown in words; her answer is audited.

Where backups and logs go, from the data folder's preferences (settings.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from posyandu_desktop import __version__, settings
from posyandu_desktop.domain.growth.standards import WhoStandard
from posyandu_desktop.domain.vocabulary import BackupKind, KeyState
from posyandu_desktop.exchange import sealing, signing
from posyandu_desktop.settings import backups_dir, database_path, resource_path
from posyandu_desktop.store import (
    HEAD,
    Backup,
    BackupError,
    Database,
    Opened,
    Refused,
    lock,
    open_registry,
)
from posyandu_desktop.store import backup as backups
from posyandu_desktop.store.queries import audit

SUMS_FILE = "SHA256SUMS"
PROVENANCE_FILE = "PROVENANCE.md"
_GITHUB = "https://github.com/"
# PROVENANCE.md's "Sources" table writes "same" for the repository of the row above.
_SAME_REPOSITORY = "same"


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


__all__ = [
    "RecoveryKeyError",
    "backup_is_sealed",
    "has_recovery_key",
    "make_recovery_key",
    "open_backup",
    "seal_external_backups",
]

RECOVERY_FILE = "backup-recovery.txt"
_MAGIC = b"POSYANDU-SEALED-BACKUP 1\n"
_SECRET_BYTES = 20  # 160 bits: 32 base32 characters
_GROUP = 4
_MAX_BACKUP_BYTES = 2 << 30  # what a registry could ever grow to; bounds the inflation


class RecoveryKeyError(ValueError):
    """The typed recovery key is not one, or does not open this backup."""


def _format(secret: bytes) -> str:
    text = base64.b32encode(secret).decode("ascii")
    return " ".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))


def _parse(text: str) -> bytes:
    cleaned = "".join(text.split()).upper().replace("-", "")
    try:
        secret = base64.b32decode(cleaned)
    except ValueError as exc:
        raise RecoveryKeyError("not a recovery key") from exc
    if len(secret) != _SECRET_BYTES:
        raise RecoveryKeyError("not a recovery key")
    return secret


def has_recovery_key(data: Path) -> bool:
    """Whether backups outside the data folder can be sealed (a recovery key was made)."""
    return (signing.keys_dir(data) / RECOVERY_FILE).exists()


def make_recovery_key(data: Path) -> str:
    """Make a new recovery key, keep its public half, and return it (shown once, never kept:
    write it down). Backups sealed with an earlier key still need that one."""
    secret = secrets.token_bytes(_SECRET_BYTES)
    public = sealing.public_of(sealing.recovery_private_key(secret), "backup recovery")
    sealing.register_key_file(signing.keys_dir(data) / RECOVERY_FILE, public)
    return _format(secret)


def _recovery_public(data: Path) -> sealing.PuskesmasKey | None:
    path = signing.keys_dir(data) / RECOVERY_FILE
    return sealing.read_key_line_file(path) if path.exists() else None


def backup_is_sealed(path: Path) -> bool:
    """Whether a backup file is sealed (needs the recovery key to restore)."""
    try:
        with path.open("rb") as f:
            return f.read(len(_MAGIC)) == _MAGIC
    except OSError:
        return False


def seal_external_backups(data: Path) -> int:
    """Seal the plain backups in a backup folder outside the data folder (a USB stick), each
    replaced atomically; returns how many. Nothing happens without a recovery key, or when the
    backups are in the data folder."""
    public = _recovery_public(data)
    if public is None or uses_default_backup_folder(data):
        return 0
    folder = settings.backups_dir(data)
    sealed = 0
    for path in sorted(folder.glob("posyandu-*.sqlite")) if folder.is_dir() else ():
        if backup_is_sealed(path):
            continue
        box = sealing.seal(path.read_bytes(), public)
        header = json.dumps(
            {
                "scheme": sealing.SCHEME,
                "recipient": public.fingerprint,
                "ephemeral_key": base64.b64encode(box.ephemeral_raw).decode("ascii"),
                "nonce": base64.b64encode(box.nonce).decode("ascii"),
            },
            sort_keys=True,
        ).encode("ascii")
        temporary = path.with_name(f".{path.name}.sealing")
        with temporary.open("wb") as f:
            f.write(_MAGIC + header + b"\n" + box.ciphertext)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
        sealed += 1
    return sealed


def open_backup(path: Path, recovery_key: str, target: Path) -> Path:
    """Write the plain SQLite backup inside sealed `path` to `target`, with the recovery key;
    RecoveryKeyError if the key is not one or not this backup's, OSError if unreadable."""
    secret = _parse(recovery_key)
    raw = path.read_bytes()
    if not raw.startswith(_MAGIC):
        raise RecoveryKeyError("not a sealed backup")
    header_line, _, ciphertext = raw[len(_MAGIC) :].partition(b"\n")
    try:
        header = json.loads(header_line)
        box = sealing.Sealed(
            base64.b64decode(header["ephemeral_key"]), base64.b64decode(header["nonce"]), ciphertext
        )
        plain = sealing.open_sealed(box, sealing.recovery_private_key(secret), _MAX_BACKUP_BYTES)
    except (ValueError, KeyError, TypeError, sealing.SealError) as exc:
        raise RecoveryKeyError("this recovery key does not open this backup") from exc
    target.write_bytes(plain)
    return target


_log = logging.getLogger(__name__)
LOCAL_BACKUPS = "backups"  # settings.backups_dir's default, inside the data folder


def _local_now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def usable_backups_dir(data: Path) -> tuple[Path, Path | None]:
    """The backup folder for automatic backups now, and the chosen one when it is missing (a
    USB stick that is not plugged in: the local folder is used, and the caller warns)."""
    chosen, local = backups_dir(data), data / LOCAL_BACKUPS
    if chosen == local or chosen.exists():
        return chosen, None
    return local, chosen


def open_data_folder(
    data: Path,
    *,
    now: datetime | None = None,
    program: str = "posyandu-desktop",
    must_exist: bool = False,
    new_registry: bool = False,
) -> Opened | Refused:
    """Open the registry in `data` holding the folder's lock: create or upgrade it (after a
    backup), take the day's backup, or refuse, naming the newest good backup. A missing
    registry in a folder with backups, exports or a signing key is refused (MISSING) unless
    `new_registry` (a coordinator confirmed "start a new Posyandu here")."""
    backups, _missing = usable_backups_dir(data)
    opened = open_registry(
        database_path(data),
        backups,
        now=_local_now(now),
        program=program,
        must_exist=must_exist,
        new_registry=new_registry,
        other_backups=(data / LOCAL_BACKUPS, backups_dir(data)),
        traces=(data / "exports", data / "keys"),
    )
    _seal_external(data)
    return opened


def _seal_external(data: Path) -> None:
    # Backups on a stick are sealed as soon as they are written (services/backup_vault.py); a
    # stick pulled out meanwhile must not stop the app.
    try:
        seal_external_backups(data)
    except (OSError, ValueError):
        _log.warning("backups outside the data folder could not be sealed", exc_info=True)


def back_up_now(
    db: Database, data: Path, kind: BackupKind = BackupKind.MANUAL, *, now: datetime | None = None
) -> Backup:
    """Take a checked backup now (before an export: kind PRE_EXPORT); raises BackupError. A
    manual backup goes to the chosen folder or fails (the cadre expects it on the stick); an
    automatic one falls back to the data folder when the stick is not plugged in."""
    folder = backups_dir(data) if kind is BackupKind.MANUAL else usable_backups_dir(data)[0]
    taken = backups.back_up(db.path, folder, kind, now=_local_now(now))
    _seal_external(data)
    return taken


def list_backups(data: Path) -> tuple[Backup, ...]:
    """The backups in the backup folder, newest first."""
    return backups.list_backups(usable_backups_dir(data)[0])


def restore_backup(
    data: Path,
    backup: Path,
    *,
    open_db: Database | None = None,
    now: datetime | None = None,
    recovery_key: str | None = None,
) -> Backup | None:
    """Replace the registry with a checked copy of `backup`, keeping the current file as a
    PRE_RESTORE backup (returned). Closes `open_db` first; open the folder again afterwards.
    A sealed backup (from a stick) needs the recovery key: RecoveryKeyError without it."""
    # Only the holder of the folder's lock may swap the file (raises FolderLockedError), and
    # never under an open connection.
    lock.acquire(data, "posyandu-desktop restore")
    plain = backup
    if backup_is_sealed(backup):
        if recovery_key is None:
            raise RecoveryKeyError("this backup is sealed: the recovery key is needed")
        plain = open_backup(backup, recovery_key, data / f".{backup.name}.opened")
    if open_db is not None and not open_db.close():
        raise BackupError("the registry is still in use: not restored")
    try:
        previous = backups.restore(
            plain, database_path(data), usable_backups_dir(data)[0], now=_local_now(now)
        )
    finally:
        if plain != backup:
            plain.unlink(missing_ok=True)
    _seal_external(data)
    return previous


# Clocks of laptops without internet drift by minutes; a save 10 minutes "before" the newest
# one is drift, not a dead battery.
ALLOWANCE = timedelta(minutes=10)
# A Posyandu meets monthly and the laptop is used in between (home visits, reports); three
# months without a single record means the clock jumped ahead more likely than not
# (docs/DECISIONS.md, "Wrong clocks").
FAR_AHEAD = timedelta(days=92)


class ClockDoubt(StrEnum):
    BEHIND = "behind"  # earlier than the newest record, export or backup
    AHEAD = "ahead"  # far later than all of them


@dataclass(frozen=True, slots=True)
class ClockCheck:
    doubt: ClockDoubt
    laptop_time: datetime  # aware, local
    newest: datetime  # aware: the newest record, export or backup


def check_clock(db: Database, data: Path, *, now: datetime) -> ClockCheck | None:
    """A doubt about `now` (aware) against the data folder, or None when it is plausible.
    Backups count only for "behind": the day's backup, just taken, carries `now` itself."""
    with db.reading() as tx:
        record = audit.newest_time(tx)
    listed = backups.list_backups(usable_backups_dir(data)[0])
    # Backup names are the laptop's local wall-clock time.
    backup = max(b.taken_at for b in listed).astimezone() if listed else None
    newest = max((t for t in (record, backup) if t is not None), default=None)
    if newest is not None and now < newest - ALLOWANCE:
        return ClockCheck(ClockDoubt.BEHIND, now, newest)
    if record is not None and now > record + FAR_AHEAD:
        return ClockCheck(ClockDoubt.AHEAD, now, record)
    return None


def record_clock_answer(db: Database, check: ClockCheck, *, cadre_id: int, right: bool) -> None:
    """Audit the cadre's answer to "is the laptop's date right?"."""
    with db.transaction(cadre_id=cadre_id, reason="clock check") as tx:
        audit.record_clock_answer(
            tx, laptop_time=check.laptop_time, newest=check.newest, right=right
        )


def backup_folder(data: Path) -> Path:
    """Where backups go: the chosen folder (e.g. on a USB stick), else <data>/backups."""
    return settings.backups_dir(data)


def uses_default_backup_folder(data: Path) -> bool:
    """True when no backup folder was chosen."""
    return settings.backups_dir(data) == data / "backups"


def choose_backup_folder(data: Path, folder: Path | None) -> None:
    """Remember the backup folder (None: back to <data>/backups)."""
    settings.choose_backups_dir(data, folder)


def log_folder(data: Path) -> Path:
    """Where the app writes its log files."""
    return data / "logs"


def is_puskesmas(data: Path) -> bool:
    """True when this laptop was set up for the puskesmas (check and merge monthly files)."""
    return settings.app_mode(data) == settings.PUSKESMAS_MODE


def choose_puskesmas_mode(data: Path, puskesmas: bool) -> None:
    """Remember what this laptop is for (set-up asks once)."""
    settings.choose_app_mode(data, settings.PUSKESMAS_MODE if puskesmas else settings.POSYANDU_MODE)

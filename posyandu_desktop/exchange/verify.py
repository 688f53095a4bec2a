"""The puskesmas's check of export files: is each one whole, signed by its Posyandu's key, named
for what it holds, the newest revision of its month, and linked to the month before?

Every member is read and hashed (zip metadata proves nothing), and nothing a file holds can make
this raise: every problem becomes a Finding with a detail (a member name, a month ...).

A hostile file (a zip bomb, thousands of members) costs little: the file size and the number of
entries are capped before anything is inflated; the manifest is read up to a cap, its signature
and its signer's registration are checked next, and only a file signed by a registered key has
its members inflated, each never beyond the size the signed manifest declares.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import logging
import os
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from posyandu_desktop.exchange import sealing
from posyandu_desktop.exchange.findings import Finding, KeyStatus
from posyandu_desktop.exchange.package import (
    MANIFEST,
    SEALED_MEMBER,
    SIGNATURE,
    Manifest,
    Member,
    PackageError,
    Period,
    export_file_name,
    file_name_code,
    parse_export_file_name,
    public_key_of,
)
from posyandu_desktop.exchange.signing import TrustedKey, normalise_fingerprint

__all__ = ["FileReport", "Finding", "KeyStatus", "Received", "verify_files"]

_log = logging.getLogger(__name__)

# A real manifest is a few kB; the cap keeps a hostile "manifest" from filling the memory.
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
# A real file is a few MB with some 30 members; these caps are far above that and far below
# what would hurt a puskesmas laptop.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 200
MAX_CONTENT_BYTES = 512 * 1024 * 1024  # all members together, as the manifest declares them
# manifest.sig is exactly the base64 of a 64-byte Ed25519 signature and a newline.
_SIGNATURE_TEXT = re.compile(rb"[A-Za-z0-9+/]{86}==\n")


@dataclass(frozen=True)
class Received:
    """An export the puskesmas already holds, for the revision and chain checks."""

    code: str
    period: Period
    revision: int
    manifest_sha256: str


@dataclass(frozen=True)
class FileReport:
    """What was found in one file; `members` (name -> bytes) only when it is fit to merge."""

    path: Path
    manifest: Manifest | None
    key_status: KeyStatus
    findings: tuple[tuple[Finding, str], ...]
    members: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No fatal finding: the file may be merged."""
        return not any(finding.fatal for finding, _ in self.findings)


@dataclass
class _Reading:
    """One file while it is being checked."""

    path: Path
    manifest: Manifest | None = None
    manifest_sha256: str = ""
    key_status: KeyStatus = KeyStatus.NOT_CHECKED
    findings: list[tuple[Finding, str]] = field(default_factory=list)
    members: dict[str, bytes] = field(default_factory=dict)

    def add(self, finding: Finding, detail: str = "") -> None:
        self.findings.append((finding, detail))

    @property
    def sound(self) -> bool:
        return not any(finding.fatal for finding, _ in self.findings)

    def report(self) -> FileReport:
        members = self.members if self.sound else {}
        return FileReport(self.path, self.manifest, self.key_status, tuple(self.findings), members)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """At most `limit` + 1 bytes of a member (one more shows it is too long, and a whole member
    is read to its end, where zipfile checks the CRC); None if it cannot be decompressed."""
    try:
        with archive.open(info) as f:
            return f.read(limit + 1)
    except Exception:  # a damaged member can raise zlib, zipfile, EOF, struct or value errors
        return None


def _check_signature(
    reading: _Reading, archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, manifest_raw: bytes
) -> bool:
    manifest = reading.manifest
    assert manifest is not None
    if info is None:
        reading.add(Finding.SIGNATURE_MISSING)
        return False
    text = _read_member(archive, info, 128)
    if text is None:
        reading.add(Finding.MEMBER_CHANGED, SIGNATURE)
        return False
    if not _SIGNATURE_TEXT.fullmatch(text):
        reading.add(Finding.SIGNATURE_INVALID)
        return False
    try:
        public_key_of(manifest).verify(base64.b64decode(text.strip()), manifest_raw)
    except (InvalidSignature, binascii.Error, ValueError):
        reading.add(Finding.SIGNATURE_INVALID)
        return False
    return True


def _check_key(reading: _Reading, trusted: Sequence[TrustedKey] | None) -> bool:
    """Whether the signer's key is registered to this Posyandu; without a list, it is not."""
    manifest = reading.manifest
    assert manifest is not None
    if trusted is None:
        reading.key_status = KeyStatus.NOT_CHECKED
        reading.add(Finding.KEY_NOT_CHECKED, manifest.fingerprint)
        return False
    codes = {
        key.posyandu_code
        for key in trusted
        if normalise_fingerprint(key.fingerprint) == manifest.fingerprint
    }
    # Codes are typed by hand into the trust file: case does not make another Posyandu.
    own = manifest.posyandu.code.casefold()
    if any(code.casefold() == own for code in codes):
        reading.key_status = KeyStatus.REGISTERED
        return True
    if codes:
        reading.key_status = KeyStatus.OTHER_POSYANDU
        reading.add(Finding.KEY_OTHER_POSYANDU, ", ".join(sorted(codes)))
    else:
        reading.key_status = KeyStatus.UNKNOWN
        reading.add(Finding.KEY_UNKNOWN, manifest.fingerprint)
    return False


def _stored(manifest: Manifest) -> list[Member]:
    """The members as the archive stores them: the listed ones, or the one sealed member."""
    if manifest.sealing is None:
        return list(manifest.members)
    return [Member(SEALED_MEMBER, manifest.sealing.sha256, manifest.sealing.size)]


def _unseal(reading: _Reading, sealed: bytes, opener: X25519PrivateKey | None) -> None:
    """Open the sealed member with the puskesmas's key and split it into the listed members."""
    manifest = reading.manifest
    assert manifest is not None and manifest.sealing is not None
    if opener is None:
        reading.add(Finding.SEALED_NO_KEY, manifest.sealing.recipient)
        return
    if sealing.public_of(opener, "").fingerprint != manifest.sealing.recipient:
        reading.add(Finding.SEALED_OTHER_KEY, manifest.sealing.recipient)
        return
    total = sum(member.size for member in manifest.members)
    try:
        plain = sealing.open_sealed(manifest.sealing.sealed(sealed), opener, total)
    except sealing.SealError:
        reading.add(Finding.MEMBER_CHANGED, SEALED_MEMBER)
        return
    if len(plain) != total:
        reading.add(Finding.MEMBER_CHANGED, SEALED_MEMBER)
        return
    start = 0
    for member in manifest.members:
        data = plain[start : start + member.size]
        start += member.size
        if hashlib.sha256(data).hexdigest() != member.sha256:
            reading.add(Finding.MEMBER_CHANGED, member.name)
            continue
        reading.members[member.name] = data


def _check_members(
    reading: _Reading,
    archive: zipfile.ZipFile,
    entries: Mapping[str, zipfile.ZipInfo],
    opener: X25519PrivateKey | None,
) -> None:
    manifest = reading.manifest
    assert manifest is not None
    stored = _stored(manifest)
    listed = {member.name for member in stored}
    for member in stored:
        info = entries.get(member.name)
        if info is None:
            reading.add(Finding.MEMBER_MISSING, member.name)
            continue
        data = _read_member(archive, info, member.size)
        if (
            data is None
            or len(data) != member.size
            or hashlib.sha256(data).hexdigest() != member.sha256
        ):
            reading.add(Finding.MEMBER_CHANGED, member.name)
            continue
        if manifest.sealing is None:
            reading.members[member.name] = data
        else:
            _unseal(reading, data, opener)
    for name in entries:
        if name not in listed and name not in (MANIFEST, SIGNATURE):
            reading.add(Finding.MEMBER_EXTRA, name)
    # Archive order is part of the format: the same members in another order is another file.
    wanted = [MANIFEST, SIGNATURE, *(member.name for member in stored)]
    present = [name for name in wanted if name in entries]
    found = [name for name in entries if name in set(wanted)]
    for expected, actual in zip(present, found, strict=True):
        if expected != actual:
            reading.add(Finding.MEMBERS_REORDERED, actual)
            break


def _check_name(reading: _Reading) -> None:
    manifest = reading.manifest
    assert manifest is not None
    proper = export_file_name(manifest.posyandu.code, manifest.period, manifest.revision)
    parsed = parse_export_file_name(reading.path.name)
    if parsed is None:
        reading.add(Finding.NAME_NOT_STANDARD, proper)
        return
    code, period, revision = parsed
    # Case-insensitive, as the name is on FAT sticks and Windows.
    same_code = code.casefold() == file_name_code(manifest.posyandu.code).casefold()
    if not (same_code and period == manifest.period and revision == manifest.revision):
        reading.add(Finding.NAME_MISMATCH, proper)


def _check_file(
    path: Path, trusted: Sequence[TrustedKey] | None, opener: X25519PrivateKey | None
) -> _Reading:
    reading = _Reading(path)
    try:
        with path.open("rb") as f:
            # The size first: read(n) would reserve n bytes before reading any.
            size = os.fstat(f.fileno()).st_size
            raw = f.read() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        reading.add(Finding.UNREADABLE, exc.strerror or type(exc).__name__)
        return reading
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        reading.add(Finding.TOO_LARGE, f"> {MAX_FILE_BYTES // 2**20} MB")
        return reading
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except Exception as exc:  # a truncated or foreign file can raise many kinds of error
        reading.add(Finding.UNREADABLE, str(exc) or type(exc).__name__)
        return reading
    with archive:
        if len(infos) > MAX_ENTRIES:
            reading.add(Finding.TOO_LARGE, str(len(infos)))
            return reading
        # zipfile keeps every entry of a repeated name; only infolist() shows them all.
        repeated = Counter(info.filename for info in infos)
        for name, count in repeated.items():
            if count > 1:
                reading.add(Finding.MEMBER_DUPLICATE, name)
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            entries.setdefault(info.filename, info)
        if MANIFEST not in entries:
            reading.add(Finding.MANIFEST_MISSING)
            return reading
        manifest_raw = _read_member(archive, entries[MANIFEST], MAX_MANIFEST_BYTES)
        if manifest_raw is None or len(manifest_raw) > MAX_MANIFEST_BYTES:
            reading.add(Finding.MEMBER_CHANGED, MANIFEST)
            return reading
        try:
            reading.manifest = Manifest.from_json_bytes(manifest_raw)
        except PackageError as exc:
            reading.add(exc.problem, exc.detail)
            return reading
        reading.manifest_sha256 = hashlib.sha256(manifest_raw).hexdigest()
        _check_name(reading)
        sealed = reading.manifest.sealing
        declared = sum(m.size for m in reading.manifest.members) + (sealed.size if sealed else 0)
        if declared > MAX_CONTENT_BYTES:
            reading.add(Finding.TOO_LARGE, f"{declared // 2**20} MB")
            return reading
        # Nothing is inflated for a file whose signer is not known to be its Posyandu.
        if _check_signature(reading, archive, entries.get(SIGNATURE), manifest_raw) and _check_key(
            reading, trusted
        ):
            _check_members(reading, archive, entries, opener)
    return reading


def _label(period: Period, revision: int) -> str:
    return f"{period} r{revision}"


def _check_set(readings: Sequence[_Reading], received: Sequence[Received]) -> None:
    """Revisions and the chain, among the sound files and what the puskesmas already holds."""
    sound = [r for r in readings if r.sound and r.manifest is not None]
    # (code, period, revision) -> manifest hashes of exports known to exist.
    seen: defaultdict[tuple[str, Period, int], set[str]] = defaultdict(set)
    for record in received:
        seen[record.code, record.period, record.revision].add(record.manifest_sha256)
    for reading in sound:
        assert reading.manifest is not None
        m = reading.manifest
        seen[m.posyandu.code, m.period, m.revision].add(reading.manifest_sha256)
    # A sound re-export also vouches for the revision it supersedes, so a chain that links to
    # a superseded revision can still be checked.
    vouched: defaultdict[tuple[str, Period, int], set[str]] = defaultdict(set, seen)
    for reading in sound:
        assert reading.manifest is not None
        m = reading.manifest
        if m.supersedes is not None:
            key = (m.posyandu.code, m.period, m.supersedes.revision)
            vouched[key] = vouched[key] | {m.supersedes.manifest_sha256}
    # Exports a sound file says its Posyandu withdrew (made under a wrong clock).
    withdrawn = {
        (r.manifest.posyandu.code, w.period, w.revision, w.manifest_sha256)
        for r in sound
        if r.manifest is not None
        for w in r.manifest.withdrawn
    }
    for reading in sound:
        assert reading.manifest is not None
        m = reading.manifest
        code = m.posyandu.code
        if (code, m.period, m.revision, reading.manifest_sha256) in withdrawn:
            reading.add(Finding.WITHDRAWN, _label(m.period, m.revision))
        newer = [rev for c, p, rev in seen if (c, p) == (code, m.period) and rev > m.revision]
        if newer:
            reading.add(Finding.SUPERSEDED, str(max(newer)))
        if seen[code, m.period, m.revision] != {reading.manifest_sha256}:
            reading.add(Finding.REVISION_CONFLICT, _label(m.period, m.revision))
        if m.supersedes is not None:
            hashes = seen.get((code, m.period, m.supersedes.revision))
            if hashes and m.supersedes.manifest_sha256 not in hashes:
                reading.add(Finding.CHAIN_BROKEN, _label(m.period, m.supersedes.revision))
        if m.previous is not None:
            link = _label(m.previous.period, m.previous.revision)
            hashes = vouched.get((code, m.previous.period, m.previous.revision))
            if not hashes:
                reading.add(Finding.CHAIN_GAP, link)
            elif m.previous.manifest_sha256 not in hashes:
                reading.add(Finding.CHAIN_BROKEN, link)


def verify_files(
    paths: Sequence[Path],
    trusted: Sequence[TrustedKey] | None = None,
    received: Sequence[Received] = (),
    opener: X25519PrivateKey | None = None,
) -> tuple[FileReport, ...]:
    """Check each file alone, then the set together with `received`; one report per path, in
    order. Without `trusted` no file is valid: its signer is not registered. `opener` is the
    puskesmas's key, which opens sealed (version 2) files."""
    readings = []
    for path in paths:
        try:
            readings.append(_check_file(Path(path), trusted, opener))
        except Exception as exc:
            # A bug must not stop the other 78 files of a merge: this file alone is refused.
            _log.exception("checking %s failed", path)
            failed = _Reading(Path(path))
            failed.add(Finding.UNREADABLE, str(exc) or type(exc).__name__)
            readings.append(failed)
    _check_set(readings, received)
    return tuple(reading.report() for reading in readings)

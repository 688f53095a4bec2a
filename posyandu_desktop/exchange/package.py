"""The monthly export file: a zip whose first member is a canonical JSON manifest, the second its
Ed25519 signature. The signature covers the manifest, and the manifest covers every member by
its SHA-256 and size.

Format version 1 stores the members as they are. Version 2 seals them, one after another, into a
single `sealed.bin` for the puskesmas's key (`sealing.py`); the manifest, still readable, lists
the members and names the sealed bytes' hash and size, so origin and integrity are checked
before anything is decrypted or inflated."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from posyandu_desktop.domain.export_contract import FORMAT_VERSION, READABLE_VERSIONS
from posyandu_desktop.domain.months import Period as Period  # noqa: PLC0414 (re-exported)
from posyandu_desktop.exchange import sealing
from posyandu_desktop.exchange.findings import Finding
from posyandu_desktop.exchange.signing import fingerprint, key_fingerprint, public_key_b64

FORMAT = "posyandu-desktop-export"
# The version of a new file is the tables' contract's (domain/export_contract.py); version 1
# carried the members in the clear, every later one seals them to the puskesmas key.
PLAIN_VERSION = 1
SEALED_MEMBER = "sealed.bin"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"

_SHA256 = re.compile(r"[0-9a-f]{64}")
# Greedy code: a code may itself hold underscores; the month and revision anchor the end.
_FILE_NAME = re.compile(r"posyandu_(.+)_(\d{4}-\d{2})_r([1-9]\d*)\.zip", re.IGNORECASE)
_UNSAFE_IN_CODE = re.compile(r"[^A-Za-z0-9-]")
# Zip timestamps start in 1980 (MS-DOS dates).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_ZIP_LEVEL = 9


class PackageError(Exception):
    """A manifest that cannot be read; `problem` says why, `detail` names the key or value."""

    def __init__(self, problem: Finding, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class PosyanduIdentity:
    """Who made the export, and which puskesmas it goes to."""

    code: str
    name: str
    kelurahan: str
    kecamatan: str
    kota: str
    puskesmas: str


@dataclass(frozen=True)
class PreviousLink:
    """The export this one follows, so a month that never arrived shows."""

    period: Period
    revision: int
    manifest_sha256: str


@dataclass(frozen=True)
class Supersedes:
    """The earlier revision of the same month that this export replaces."""

    revision: int
    manifest_sha256: str


@dataclass(frozen=True)
class Member:
    """One file of the archive as the manifest lists it."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Sealing:
    """How the members of a version 2 file are sealed: for which puskesmas key, and what the
    sealed member is (hash and size of the ciphertext)."""

    recipient: str  # the puskesmas key's fingerprint
    ephemeral_key: str  # base64
    nonce: str  # base64
    sha256: str
    size: int
    scheme: str = sealing.SCHEME

    def to_json(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme,
            "recipient": self.recipient,
            "ephemeral_key": self.ephemeral_key,
            "nonce": self.nonce,
            "sha256": self.sha256,
            "size": self.size,
        }

    def sealed(self, ciphertext: bytes) -> sealing.Sealed:
        return sealing.Sealed(
            base64.b64decode(self.ephemeral_key), base64.b64decode(self.nonce), ciphertext
        )


@dataclass(frozen=True)
class Manifest:
    """What the signature vouches for: who, which month, which records, and every member."""

    posyandu: PosyanduIdentity
    period: Period
    revision: int
    created_at: datetime
    app_version: str
    schema_revision: str
    audit_after: int  # the content covers audit_event ids in (audit_after, audit_upto]
    audit_upto: int
    counts: Mapping[str, int]  # rows per table
    deleted: Mapping[str, int]  # deleted ids per table
    members: tuple[Member, ...]  # in archive order, without the manifest and its signature
    previous: PreviousLink | None
    supersedes: Supersedes | None
    public_key: str  # base64 of the raw Ed25519 public key
    fingerprint: str
    sealing: Sealing | None = None
    # Earlier exports the Posyandu withdrew (made under a wrong clock): the puskesmas drops them.
    withdrawn: tuple[PreviousLink, ...] = ()
    format: str = FORMAT

    @property
    def format_version(self) -> int:
        return PLAIN_VERSION if self.sealing is None else FORMAT_VERSION

    def __post_init__(self) -> None:
        if self.created_at.utcoffset() is None:
            raise ValueError("created_at must carry a time zone")

    def to_json(self) -> dict[str, Any]:
        """The manifest as plain JSON values."""
        return (
            {
                "format": self.format,
                "format_version": self.format_version,
                "posyandu": {
                    "code": self.posyandu.code,
                    "name": self.posyandu.name,
                    "kelurahan": self.posyandu.kelurahan,
                    "kecamatan": self.posyandu.kecamatan,
                    "kota": self.posyandu.kota,
                    "puskesmas": self.posyandu.puskesmas,
                },
                "period": str(self.period),
                "revision": self.revision,
                "created_at": self.created_at.astimezone(UTC).isoformat(),
                "app_version": self.app_version,
                "schema_revision": self.schema_revision,
                "audit_after": self.audit_after,
                "audit_upto": self.audit_upto,
                "counts": dict(self.counts),
                "deleted": dict(self.deleted),
                "members": [
                    {"name": m.name, "sha256": m.sha256, "size": m.size} for m in self.members
                ],
                "previous": None
                if self.previous is None
                else {
                    "period": str(self.previous.period),
                    "revision": self.previous.revision,
                    "manifest_sha256": self.previous.manifest_sha256,
                },
                "supersedes": None
                if self.supersedes is None
                else {
                    "revision": self.supersedes.revision,
                    "manifest_sha256": self.supersedes.manifest_sha256,
                },
                "public_key": self.public_key,
                "fingerprint": self.fingerprint,
            }
            | ({} if self.sealing is None else {"sealing": self.sealing.to_json()})
            | (
                {}
                if not self.withdrawn
                else {
                    "withdrawn": [
                        {
                            "period": str(w.period),
                            "revision": w.revision,
                            "manifest_sha256": w.manifest_sha256,
                        }
                        for w in self.withdrawn
                    ]
                }
            )
        )

    def to_json_bytes(self) -> bytes:
        """The canonical UTF-8 JSON that is signed and hashed."""
        return canonical_json(self.to_json())

    @classmethod
    def from_json_bytes(cls, raw: bytes) -> Manifest:
        """Read a manifest; PackageError unless it is a well-formed, canonical one."""
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise PackageError(Finding.MANIFEST_INVALID, "json") from exc
        if not isinstance(value, dict) or value.get("format") != FORMAT:
            found = value.get("format") if isinstance(value, dict) else None
            raise PackageError(Finding.NOT_AN_EXPORT, str(found or ""))
        version = value.get("format_version")
        if version not in READABLE_VERSIONS or isinstance(version, bool):
            raise PackageError(Finding.UNSUPPORTED_VERSION, str(version))
        manifest = _manifest_from_json(value)
        # Only a canonical manifest hashes the same read here and re-written by to_json_bytes,
        # and the chain links name manifests by that hash.
        if manifest.to_json_bytes() != raw:
            raise PackageError(Finding.MANIFEST_INVALID, "canonical")
        return manifest

    def sha256(self) -> str:
        """Hex SHA-256 of the canonical manifest bytes, as `previous` and `supersedes` name it."""
        return hashlib.sha256(self.to_json_bytes()).hexdigest()


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8 as is: one byte string for one value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


# --- reading a manifest: every value is checked, the key names what is wrong ----------------


def _get(obj: Mapping[str, Any], key: str, kind: type, where: str = "") -> Any:
    value = obj.get(key)
    # bool is an int to Python, not to the format.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise PackageError(Finding.MANIFEST_INVALID, where + key)
    return value


def _count(obj: Mapping[str, Any], key: str, where: str = "", minimum: int = 0) -> int:
    value: int = _get(obj, key, int, where)
    if value < minimum:
        raise PackageError(Finding.MANIFEST_INVALID, where + key)
    return value


def _sha(obj: Mapping[str, Any], key: str, where: str) -> str:
    value: str = _get(obj, key, str, where)
    if not _SHA256.fullmatch(value):
        raise PackageError(Finding.MANIFEST_INVALID, where + key)
    return value


def _period(obj: Mapping[str, Any], key: str, where: str = "") -> Period:
    try:
        return Period.parse(_get(obj, key, str, where))
    except ValueError as exc:
        raise PackageError(Finding.MANIFEST_INVALID, where + key) from exc


def _tally(obj: Mapping[str, Any], key: str) -> dict[str, int]:
    found: dict[str, Any] = _get(obj, key, dict)
    return {table: _count(found, table, key + ".") for table in found}


def is_safe_member_name(name: str) -> bool:
    """A relative POSIX path that unpacks inside its folder and is not the manifest or its
    signature."""
    parts = name.split("/")
    return (
        name not in (MANIFEST, SIGNATURE, SEALED_MEMBER)
        and all(part not in ("", ".", "..") for part in parts)
        and "\\" not in name
        and ":" not in name
        and all(ch.isprintable() for ch in name)
    )


def _members(value: Mapping[str, Any]) -> tuple[Member, ...]:
    members = []
    for entry in _get(value, "members", list):
        if not isinstance(entry, dict):
            raise PackageError(Finding.MANIFEST_INVALID, "members")
        name = _get(entry, "name", str, "members.")
        if not is_safe_member_name(name):
            raise PackageError(Finding.MANIFEST_INVALID, "members.name")
        sha256, size = _sha(entry, "sha256", "members."), _count(entry, "size", "members.")
        members.append(Member(name, sha256, size))
    if len({m.name for m in members}) != len(members):
        raise PackageError(Finding.MANIFEST_INVALID, "members")
    return tuple(members)


def _public_key_raw(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text, validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:  # binascii.Error is one too
        return None
    return raw


def public_key_of(manifest: Manifest) -> Ed25519PublicKey:
    """The key that signed `manifest` (checked when the manifest was read)."""
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(manifest.public_key))


def _manifest_from_json(value: Mapping[str, Any]) -> Manifest:
    who = _get(value, "posyandu", dict)
    identity = PosyanduIdentity(
        *(
            _get(who, key, str, "posyandu.")
            for key in ("code", "name", "kelurahan", "kecamatan", "kota", "puskesmas")
        )
    )
    period = _period(value, "period")
    revision = _count(value, "revision", minimum=1)
    try:
        created_at = datetime.fromisoformat(_get(value, "created_at", str))
    except ValueError as exc:
        raise PackageError(Finding.MANIFEST_INVALID, "created_at") from exc
    if created_at.utcoffset() is None:
        raise PackageError(Finding.MANIFEST_INVALID, "created_at")
    previous = None
    if value.get("previous") is not None:
        link = _get(value, "previous", dict)
        previous = PreviousLink(
            _period(link, "period", "previous."),
            _count(link, "revision", "previous.", minimum=1),
            _sha(link, "manifest_sha256", "previous."),
        )
        if previous.period >= period:
            raise PackageError(Finding.MANIFEST_INVALID, "previous.period")
    supersedes = None
    if value.get("supersedes") is not None:
        earlier = _get(value, "supersedes", dict)
        supersedes = Supersedes(
            _count(earlier, "revision", "supersedes.", minimum=1),
            _sha(earlier, "manifest_sha256", "supersedes."),
        )
        if supersedes.revision >= revision:
            raise PackageError(Finding.MANIFEST_INVALID, "supersedes.revision")
    public_key = _get(value, "public_key", str)
    raw_key = _public_key_raw(public_key)
    if raw_key is None:
        raise PackageError(Finding.MANIFEST_INVALID, "public_key")
    if _get(value, "fingerprint", str) != fingerprint(raw_key):
        raise PackageError(Finding.MANIFEST_INVALID, "fingerprint")
    sealed = None
    if value["format_version"] != PLAIN_VERSION:
        found = _get(value, "sealing", dict)
        if _get(found, "scheme", str, "sealing.") != sealing.SCHEME:
            raise PackageError(Finding.UNSUPPORTED_VERSION, str(found["scheme"]))
        sealed = Sealing(
            recipient=_get(found, "recipient", str, "sealing."),
            ephemeral_key=_b64(found, "ephemeral_key", 32),
            nonce=_b64(found, "nonce", 12),
            sha256=_sha(found, "sha256", "sealing."),
            size=_count(found, "size", "sealing."),
        )
    withdrawn = []
    for link in value.get("withdrawn") or ():
        if not isinstance(link, dict):
            raise PackageError(Finding.MANIFEST_INVALID, "withdrawn")
        withdrawn.append(
            PreviousLink(
                _period(link, "period", "withdrawn."),
                _count(link, "revision", "withdrawn.", minimum=1),
                _sha(link, "manifest_sha256", "withdrawn."),
            )
        )
    audit_after = _count(value, "audit_after")
    audit_upto = _count(value, "audit_upto")
    if audit_upto < audit_after:
        raise PackageError(Finding.MANIFEST_INVALID, "audit_upto")
    return Manifest(
        posyandu=identity,
        period=period,
        revision=revision,
        created_at=created_at.astimezone(UTC),
        app_version=_get(value, "app_version", str),
        schema_revision=_get(value, "schema_revision", str),
        audit_after=audit_after,
        audit_upto=audit_upto,
        counts=_tally(value, "counts"),
        deleted=_tally(value, "deleted"),
        members=_members(value),
        previous=previous,
        supersedes=supersedes,
        public_key=public_key,
        fingerprint=fingerprint(raw_key),
        sealing=sealed,
        withdrawn=tuple(withdrawn),
    )


def _b64(obj: Mapping[str, Any], key: str, length: int) -> str:
    text: str = _get(obj, key, str, "sealing.")
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise PackageError(Finding.MANIFEST_INVALID, "sealing." + key) from exc
    if len(raw) != length:
        raise PackageError(Finding.MANIFEST_INVALID, "sealing." + key)
    return text


def read_manifest(archive: bytes) -> Manifest:
    """The manifest of an export file's bytes, unchecked beyond its form (the laptop reading
    its own kept exports; a received file goes through `verify.verify_files`). PackageError
    if it is not an export."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            raw = opened.read(MANIFEST)
    except KeyError as exc:
        raise PackageError(Finding.MANIFEST_MISSING) from exc
    except Exception as exc:  # a damaged zip raises zipfile, zlib, EOF or value errors
        raise PackageError(Finding.UNREADABLE, str(exc) or type(exc).__name__) from exc
    return Manifest.from_json_bytes(raw)


# --- file names -----------------------------------------------------------------------------


def file_name_code(code: str) -> str:
    """A Posyandu code as it appears in a file name: anything but ASCII letters, digits and '-'
    becomes '_' (safe on FAT-formatted sticks and in every shell)."""
    return _UNSAFE_IN_CODE.sub("_", code) or "_"


def export_file_name(code: str, period: Period, revision: int) -> str:
    """'posyandu_PSY-01_2026-10_r1.zip'."""
    if revision < 1:
        raise ValueError(f"revision must be 1 or more, not {revision}")
    return f"posyandu_{file_name_code(code)}_{period}_r{revision}.zip"


def parse_export_file_name(name: str) -> tuple[str, Period, int] | None:
    """(code as in the name, period, revision) of an export file name; None for other names."""
    found = _FILE_NAME.fullmatch(name)
    if found is None:
        return None
    try:
        period = Period.parse(found[2])
    except ValueError:
        return None
    return found[1], period, int(found[3])


# --- writing --------------------------------------------------------------------------------


def _zip_time(created_at: datetime) -> tuple[int, int, int, int, int, int]:
    # The members carry the export's own time (UTC): identical input, identical bytes, and an
    # archive tool still shows when the export was made.
    utc = created_at.astimezone(UTC)
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    return max(stamp, _ZIP_EPOCH)


def _zip_entry(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix on every platform, so Windows and Linux build the same bytes
    info.external_attr = 0o100644 << 16  # a plain file, rw-r--r--
    return info


def pack(
    *,
    posyandu: PosyanduIdentity,
    period: Period,
    revision: int,
    created_at: datetime,
    app_version: str,
    schema_revision: str,
    audit_after: int,
    audit_upto: int,
    counts: Mapping[str, int],
    deleted: Mapping[str, int],
    previous: PreviousLink | None,
    supersedes: Supersedes | None,
    members: Sequence[tuple[str, bytes]],
    key: Ed25519PrivateKey,
    recipient: sealing.PuskesmasKey | None = None,
    withdrawn: Sequence[PreviousLink] = (),
) -> tuple[bytes, Manifest]:
    """The whole export file in memory, and its manifest (signed with `key`); with a
    `recipient`, the members are sealed to that puskesmas key (format version 2)."""
    if created_at.utcoffset() is None:
        raise ValueError("created_at must carry a time zone")
    names = [name for name, _ in members]
    bad = [name for name in names if not is_safe_member_name(name)]
    if bad or len(set(names)) != len(names):
        raise ValueError(f"member names must be unique, relative and not reserved: {names}")
    manifest = Manifest(
        posyandu=posyandu,
        period=period,
        revision=revision,
        created_at=created_at.astimezone(UTC),
        app_version=app_version,
        schema_revision=schema_revision,
        audit_after=audit_after,
        audit_upto=audit_upto,
        counts=dict(counts),
        deleted=dict(deleted),
        members=tuple(
            Member(name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in members
        ),
        previous=previous,
        supersedes=supersedes,
        public_key=public_key_b64(key),
        fingerprint=key_fingerprint(key),
        withdrawn=tuple(withdrawn),
    )
    stored = list(members)
    if recipient is not None:
        box = sealing.seal(b"".join(data for _, data in members), recipient)
        manifest = replace(
            manifest,
            sealing=Sealing(
                recipient=recipient.fingerprint,
                ephemeral_key=base64.b64encode(box.ephemeral_raw).decode("ascii"),
                nonce=base64.b64encode(box.nonce).decode("ascii"),
                sha256=hashlib.sha256(box.ciphertext).hexdigest(),
                size=len(box.ciphertext),
            ),
        )
        stored = [(SEALED_MEMBER, box.ciphertext)]
    manifest_bytes = manifest.to_json_bytes()
    try:  # whatever pack writes, verify must accept: the same checks as a received file
        Manifest.from_json_bytes(manifest_bytes)
    except PackageError as exc:
        raise ValueError(f"not a valid manifest: {exc}") from exc
    signature = base64.b64encode(key.sign(manifest_bytes)) + b"\n"
    date_time = _zip_time(created_at)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as archive:
        for name, data in ((MANIFEST, manifest_bytes), (SIGNATURE, signature), *stored):
            archive.writestr(_zip_entry(name, date_time), data, compresslevel=_ZIP_LEVEL)
    return out.getvalue(), manifest

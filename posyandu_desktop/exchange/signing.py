"""The laptop's Ed25519 signing key, its fingerprint, and the puskesmas's list of registered keys.

The key lives in `<data>/keys/signing-key.pem`, readable by the user alone, and never leaves the
laptop (not exported, not backed up): the puskesmas trusts a file because it was signed by the
key whose fingerprint the cadre registered in person.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from posyandu_desktop import files

KEY_FILE = "signing-key.pem"
# 16 of the SHA-256 bytes: 128 bits is out of reach of a forged key, and 32 hex digits can still
# be read aloud over the phone or compared with the QR code on the Settings page.
_FINGERPRINT_BYTES = 16
_GROUP_DIGITS = 4
_HEX_DIGITS = 2 * _FINGERPRINT_BYTES
_HEX = re.compile(r"[0-9A-Fa-f]+")


class SigningKeyError(Exception):
    """The key file exists but holds no Ed25519 private key (never silently replaced: the
    puskesmas has registered its fingerprint)."""


class TrustFileError(ValueError):
    """A line of a trust file is not `<fingerprint> <posyandu code> [name...]`."""

    def __init__(self, line_number: int, line: str) -> None:
        super().__init__(f"line {line_number}: {line!r}")
        self.line_number = line_number
        self.line = line


@dataclass(frozen=True)
class TrustedKey:
    """A key the puskesmas registered for a Posyandu; `fingerprint` as `fingerprint()` writes it."""

    fingerprint: str
    posyandu_code: str
    name: str = ""


def keys_dir(data: Path) -> Path:
    """Where the signing key lives inside the data folder."""
    return data / "keys"


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder, and NTFS journals it anyway.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    """Write `data` to `path` through a temporary file in the same folder: a crash leaves the
    old file or the new one, never half of one."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # The mode is given to open(), so the secret is never readable by others, not even briefly.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        files.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


def _read_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"{path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path}: not an Ed25519 key")
    return key


def load_signing_key(folder: Path) -> Ed25519PrivateKey | None:
    """The key in `folder` (see `keys_dir`), None if there is none yet; SigningKeyError if the
    file is damaged."""
    path = folder / KEY_FILE
    if not path.exists():
        return None
    return _read_key(path)


def ensure_signing_key(folder: Path) -> Ed25519PrivateKey:
    """The key in `folder`, made (folder 0o700, file 0o600) on first use; the same key after."""
    existing = load_signing_key(folder)
    if existing is not None:
        return existing
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)  # mkdir's mode is cut by the umask, and the folder may have existed
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path = folder / KEY_FILE
    # Another start-up may have made one meanwhile: keep it, its fingerprint may be registered.
    if path.exists():
        return _read_key(path)
    _atomic_write(path, pem, 0o600)
    return key


def _public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw 32-byte public key in base64, as the manifest carries it."""
    return base64.b64encode(_public_raw(key)).decode("ascii")


def _grouped(hex_digits: str) -> str:
    upper = hex_digits.upper()
    return " ".join(upper[i : i + _GROUP_DIGITS] for i in range(0, len(upper), _GROUP_DIGITS))


def fingerprint(public_raw: bytes) -> str:
    """'3F2A 9C01 ...': the first 16 bytes of SHA-256 of the raw public key, in 8 groups."""
    return _grouped(hashlib.sha256(public_raw).digest()[:_FINGERPRINT_BYTES].hex())


def key_fingerprint(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The fingerprint of a key (private or public)."""
    return fingerprint(_public_raw(key))


def normalise_fingerprint(text: str) -> str | None:
    """A typed fingerprint (any case, spaces anywhere or none) as `fingerprint()` writes it;
    None if it is not 32 hex digits."""
    digits = "".join(text.split())
    if len(digits) != _HEX_DIGITS or not _HEX.fullmatch(digits):
        return None
    return _grouped(digits)


def _parse_trust_line(line: str) -> TrustedKey | None:
    """None if the line does not hold a key; the fingerprint may be split at any space."""
    tokens = line.split()
    digits = ""
    while tokens and len(digits) < _HEX_DIGITS and _HEX.fullmatch(tokens[0]):
        digits += tokens.pop(0)
    found = normalise_fingerprint(digits)
    if found is None or not tokens:
        return None
    return TrustedKey(found, tokens[0], " ".join(tokens[1:]))


def read_trust_file(path: Path) -> tuple[TrustedKey, ...]:
    """The keys of a trust file: one `<fingerprint> <posyandu code> [name...]` a line; blank
    lines and lines starting with `#` are skipped. TrustFileError names the first bad line;
    OSError if the file cannot be read."""
    keys: list[TrustedKey] = []
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")  # Notepad's byte order mark
    for number, raw_line in enumerate(raw.split(b"\n"), start=1):
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError:
            # Older Notepad saves "ANSI" (Windows-1252): a name like "Melati é" is still a name.
            line = raw_line.decode("cp1252", "replace")
        text = line.strip()
        # Whole-line comments only: a Posyandu's name may hold a '#' ("Melati #2").
        if not text or text.startswith("#"):
            continue
        key = _parse_trust_line(text)
        if key is None:
            raise TrustFileError(number, line.strip())
        keys.append(key)
    return tuple(keys)


def write_trust_file(path: Path, keys: Sequence[TrustedKey]) -> None:
    """Write `keys` as a trust file that `read_trust_file` reads back (atomically)."""
    lines = ["# Registered Posyandu signing keys: <fingerprint> <posyandu code> [name]"]
    for key in keys:
        found = normalise_fingerprint(key.fingerprint)
        code = key.posyandu_code.strip()
        if found is None or not code or len(code.split()) != 1:
            raise ValueError(f"not a trusted key: {key!r}")
        lines.append(" ".join(part for part in (found, code, " ".join(key.name.split())) if part))
    _atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"), 0o644)

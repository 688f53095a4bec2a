"""The puskesmas's X25519 key, and sealing the monthly file's contents to it.

A sealed box in the ECIES pattern, built only from reviewed primitives of `cryptography`
(docs/DECISIONS.md, "What leaves the laptop"): a fresh X25519 key per file, its shared secret
with the puskesmas's key through HKDF-SHA256 (bound to both public keys), and ChaCha20-Poly1305.
Only the holder of the puskesmas's private key can open it; the Posyandu's Ed25519 signature
over the manifest (which names the sealed bytes' SHA-256) says who made it.

The puskesmas's key travels to a Posyandu laptop as one line of text (a file or a QR code):
`posyandu-puskesmas-key <base64 public key> <puskesmas name>`; the cadre compares its
fingerprint, read out by the puskesmas, before registering it.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import zlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from posyandu_desktop.exchange.signing import _atomic_write, fingerprint

SCHEME = "x25519-hkdf-sha256-chacha20poly1305"
LINE_PREFIX = "posyandu-puskesmas-key"
PRIVATE_KEY_FILE = "puskesmas-key.pem"  # in the puskesmas's keys folder
REGISTERED_KEY_FILE = "puskesmas-key.txt"  # in a Posyandu's keys folder: the registered line
_INFO = b"posyandu-desktop export v2"
_NONCE_BYTES = 12
# A line or key file is a few hundred bytes; anything far larger is not one.
_MAX_LINE_FILE_BYTES = 64 * 1024


class SealError(Exception):
    """Sealed bytes that do not open with this key (another recipient, or damaged)."""


class PuskesmasKeyError(ValueError):
    """Text that is not a puskesmas key line, or a key file that cannot be read."""


@dataclass(frozen=True)
class PuskesmasKey:
    """A puskesmas's public key as a Posyandu registers it."""

    public_raw: bytes
    name: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_raw)

    @property
    def line(self) -> str:
        """The one line a Posyandu laptop registers (fits a QR code)."""
        encoded = base64.b64encode(self.public_raw).decode("ascii")
        name = " ".join(self.name.split())
        return " ".join(part for part in (LINE_PREFIX, encoded, name) if part)

    def public_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.public_raw)


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def parse_key_line(text: str) -> PuskesmasKey:
    """The key of a line as `PuskesmasKey.line` writes it (surrounding blank lines and a
    Notepad byte order mark are ignored); PuskesmasKeyError otherwise."""
    lines = [line.strip() for line in text.removeprefix("\ufeff").splitlines() if line.strip()]
    parts = lines[0].split(maxsplit=2) if len(lines) == 1 else []
    if len(parts) < 2 or parts[0] != LINE_PREFIX:
        raise PuskesmasKeyError("not a puskesmas key line")
    try:
        raw = base64.b64decode(parts[1], validate=True)
        X25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise PuskesmasKeyError("the key in the line is damaged") from exc
    return PuskesmasKey(raw, parts[2] if len(parts) > 2 else "")


def read_key_line_file(path: Path) -> PuskesmasKey:
    """The key line saved in a file (UTF-8 or plain ASCII); PuskesmasKeyError or OSError."""
    with path.open("rb") as f:
        raw = f.read(_MAX_LINE_FILE_BYTES + 1)
    if len(raw) > _MAX_LINE_FILE_BYTES:
        raise PuskesmasKeyError("not a puskesmas key line")
    try:
        return parse_key_line(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PuskesmasKeyError("not a puskesmas key line") from exc


def registered_key(keys_folder: Path) -> PuskesmasKey | None:
    """The puskesmas key this Posyandu registered (None: none yet). PuskesmasKeyError if the
    saved line is damaged."""
    path = keys_folder / REGISTERED_KEY_FILE
    if not path.exists():
        return None
    return read_key_line_file(path)


def register_key(keys_folder: Path, key: PuskesmasKey) -> None:
    """Save `key` as the one this Posyandu's files are sealed to (replacing any earlier one)."""
    register_key_file(keys_folder / REGISTERED_KEY_FILE, key)


def register_key_file(path: Path, key: PuskesmasKey) -> None:
    """Save `key`'s line in `path` (atomically; the folder made private if new)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _atomic_write(path, (key.line + "\n").encode("utf-8"), 0o644)


def load_private_key(keys_folder: Path) -> X25519PrivateKey | None:
    """The puskesmas's private key (None: this folder has none). PuskesmasKeyError if damaged."""
    path = keys_folder / PRIVATE_KEY_FILE
    if not path.exists():
        return None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise PuskesmasKeyError(f"{path}: {exc}") from exc
    if not isinstance(key, X25519PrivateKey):
        raise PuskesmasKeyError(f"{path}: not an X25519 key")
    return key


def ensure_private_key(keys_folder: Path) -> X25519PrivateKey:
    """The puskesmas's key pair, made (file 0o600) on first use and the same key after."""
    existing = load_private_key(keys_folder)
    if existing is not None:
        return existing
    keys_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = X25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _atomic_write(keys_folder / PRIVATE_KEY_FILE, pem, 0o600)
    return key


def public_of(key: X25519PrivateKey, name: str) -> PuskesmasKey:
    """The line-ready public half of the puskesmas's key."""
    return PuskesmasKey(_raw(key.public_key()), name)


def recovery_private_key(secret: bytes) -> X25519PrivateKey:
    """The X25519 key a backup recovery key stands for (its 160 random bits through HKDF)."""
    raw = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"posyandu-desktop backup recovery"
    ).derive(secret)
    return X25519PrivateKey.from_private_bytes(raw)


def _key(shared: bytes, ephemeral_raw: bytes, recipient_raw: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral_raw + recipient_raw, info=_INFO
    ).derive(shared)


@dataclass(frozen=True)
class Sealed:
    """The sealed bytes and what the recipient needs besides its key."""

    ephemeral_raw: bytes
    nonce: bytes
    ciphertext: bytes


def seal(plaintext: bytes, recipient: PuskesmasKey) -> Sealed:
    """`plaintext` compressed and encrypted so that only `recipient` can open it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = _raw(ephemeral.public_key())
    shared = ephemeral.exchange(recipient.public_key())
    nonce = secrets.token_bytes(_NONCE_BYTES)
    box = ChaCha20Poly1305(_key(shared, ephemeral_raw, recipient.public_raw))
    return Sealed(ephemeral_raw, nonce, box.encrypt(nonce, zlib.compress(plaintext, 9), _INFO))


def open_sealed(sealed: Sealed, key: X25519PrivateKey, max_size: int) -> bytes:
    """The plaintext, never inflated beyond `max_size` bytes; SealError if the key does not
    open it or the result is larger than declared."""
    try:
        ephemeral = X25519PublicKey.from_public_bytes(sealed.ephemeral_raw)
        shared = key.exchange(ephemeral)
        box = ChaCha20Poly1305(_key(shared, sealed.ephemeral_raw, _raw(key.public_key())))
        compressed = box.decrypt(sealed.nonce, sealed.ciphertext, _INFO)
    except (InvalidTag, ValueError) as exc:
        raise SealError("cannot be opened with this key") from exc
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(compressed, max_size + 1)
    except zlib.error as exc:
        raise SealError("damaged") from exc
    if len(plain) > max_size or not inflater.eof:
        raise SealError("larger than declared")
    return plain

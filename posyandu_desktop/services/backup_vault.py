"""Backups written outside the data folder (a USB stick) are sealed with the backup recovery key.

The coordinator is shown the recovery key once (32 letters and digits, to write down or print);
the laptop keeps only its public half (`<data>/keys/backup-recovery.txt`), so it can seal every
new backup but a finder of the stick, or of the laptop, cannot open one. A sealed backup keeps
its name (rotation and listing work by name) and starts with a marker line; restoring it asks
for the recovery key. The construction is the monthly file's sealed box (exchange/sealing.py,
docs/DECISIONS.md). Backups inside the data folder stay plain SQLite: they share the disk, and
the protection, of the registry itself.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from posyandu_desktop import settings
from posyandu_desktop.exchange import sealing, signing
from posyandu_desktop.services.preferences import uses_default_backup_folder

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

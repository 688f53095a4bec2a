"""The keys of the monthly exchange, both sides: the puskesmas's X25519 key pair (its laptop
opens the files with it) and, on a Posyandu laptop, the puskesmas key its files are sealed to.

Everything lives in the data folder's `keys/` (docs/DECISIONS.md, "What leaves the laptop").
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from posyandu_desktop import settings
from posyandu_desktop.exchange import sealing, signing
from posyandu_desktop.exchange.sealing import PuskesmasKey, PuskesmasKeyError
from posyandu_desktop.services.puskesmas import register_key

__all__ = [
    "DEMO_PUSKESMAS_FOLDER",
    "PuskesmasKey",
    "PuskesmasKeyError",
    "ensure_own_puskesmas_key",
    "make_puskesmas_folder",
    "own_puskesmas_key",
    "pair_demo_puskesmas",
    "puskesmas_opener",
    "read_puskesmas_key",
    "register_puskesmas_key",
    "registered_puskesmas_key",
]

DEMO_PUSKESMAS_FOLDER = "demo-puskesmas"


def make_puskesmas_folder(data: Path, name: str) -> PuskesmasKey:
    """Make `data` a Puskesmas-mode folder with its key pair (the same key if it has one)."""
    data.mkdir(parents=True, exist_ok=True)
    settings.choose_app_mode(data, settings.PUSKESMAS_MODE)
    folder = signing.keys_dir(data)
    key = sealing.ensure_private_key(folder)
    earlier = sealing.registered_key(folder)
    public = sealing.public_of(key, name or (earlier.name if earlier else ""))
    # The puskesmas keeps its own line beside its key, so `puskesmas-key` can print it again.
    sealing.register_key(folder, public)
    return public


def own_puskesmas_key(data: Path) -> PuskesmasKey | None:
    """The line this puskesmas gives its Posyandu (None: the folder has no key pair)."""
    key = puskesmas_opener(data)
    if key is None:
        return None
    line = sealing.registered_key(signing.keys_dir(data))
    return sealing.public_of(key, line.name if line else "")


def ensure_own_puskesmas_key(data: Path) -> PuskesmasKey:
    """This puskesmas's key line, its key pair made on first use (Puskesmas mode)."""
    return own_puskesmas_key(data) or make_puskesmas_folder(data, "")


def puskesmas_opener(data: Path) -> X25519PrivateKey | None:
    """The puskesmas's private key, which opens sealed files (None: not a puskesmas folder)."""
    return sealing.load_private_key(signing.keys_dir(data))


def registered_puskesmas_key(data: Path) -> PuskesmasKey | None:
    """The puskesmas key this Posyandu's files are sealed to (None: none registered yet)."""
    try:
        return sealing.registered_key(signing.keys_dir(data))
    except (OSError, PuskesmasKeyError):
        return None


def read_puskesmas_key(line_or_file: str) -> PuskesmasKey:
    """A key from the line itself (pasted, or read from a QR code) or from a file holding it;
    PuskesmasKeyError when it is neither, OSError when the file cannot be read."""
    text = line_or_file.strip()
    if text.startswith(sealing.LINE_PREFIX):
        return sealing.parse_key_line(text)
    return sealing.read_key_line_file(Path(text))


def register_puskesmas_key(data: Path, key: PuskesmasKey) -> None:
    """Seal this Posyandu's next files to `key` (after the cadre compared its fingerprint)."""
    sealing.register_key(signing.keys_dir(data), key)


def pair_demo_puskesmas(data: Path, posyandu_code: str, posyandu_name: str) -> Path:
    """A demo Puskesmas-mode folder at `<data>/demo-puskesmas`, with this laptop's signing key
    registered there and its key registered here, so demo exports verify out of the box."""
    folder = data / DEMO_PUSKESMAS_FOLDER
    public = make_puskesmas_folder(folder, "Puskesmas Demo")
    fingerprint = signing.key_fingerprint(signing.ensure_signing_key(signing.keys_dir(data)))
    register_key(folder, signing.TrustedKey(fingerprint, posyandu_code, posyandu_name))
    register_puskesmas_key(data, public)
    return folder

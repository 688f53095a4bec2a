"""Logging in: choosing your name, a 4-6 digit PIN set on first use, and who coordinates.

PINs are stored as salted scrypt hashes (memory-hard, so a stolen laptop's file does not give up
PINs to a GPU), as one string: `scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`. The parameters travel
with the hash, so they can be raised later without breaking stored PINs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import auth, posyandu
from posyandu_desktop.store.queries.auth import LoginCadre
from posyandu_desktop.store.records import CadreRecord

PIN_LENGTHS = range(4, 7)  # 4 to 6 digits: short enough for a busy morning
# scrypt cost: 2**14 x 8 x 128 B = 16 MiB and ~50 ms per check here, ~100-200 ms on a low-end
# laptop (RFC 7914 section 2's interactive-login example uses N=2**14, r=8, p=1).
_N, _R, _P = 2**14, 8, 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_MAX_MEMORY = 64 * 1024 * 1024  # OpenSSL's default cap (32 MiB) is too close to 16 MiB

__all__ = [
    "PIN_LENGTHS",
    "LoginCadre",
    "check_pin",
    "is_coordinator",
    "list_cadres_for_login",
    "needs_pin",
    "pin_is_well_formed",
    "reset_pin",
    "set_coordinator",
    "set_pin",
]


def pin_is_well_formed(pin: str) -> bool:
    """True for 4 to 6 ASCII digits."""
    return pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=_HASH_BYTES
    )


def _hash(pin: str) -> str:
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(pin, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def _matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = _scrypt(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:  # a damaged hash never lets anyone in
        return False
    return hmac.compare_digest(computed, bytes.fromhex(digest))


def list_cadres_for_login(db: Database, *, posyandu_id: int) -> tuple[LoginCadre, ...]:
    """The active cadres to choose from at login, by name, with the effective coordinator flag."""
    with db.reading() as tx:
        cadres = auth.login_cadres(tx, posyandu_id)
    if any(c.is_coordinator for c in cadres):
        return cadres
    # Nobody is marked coordinator (e.g. the last one left): the chair coordinates, so that
    # somebody can always reach the settings.
    return tuple(
        LoginCadre(c.id, c.name, c.role, c.role is CadreRole.CHAIR, c.has_pin) for c in cadres
    )


def is_coordinator(db: Database, *, posyandu_id: int, cadre_id: int) -> bool:
    """Whether this cadre may manage cadres and settings (see `list_cadres_for_login`)."""
    return any(
        c.id == cadre_id and c.is_coordinator
        for c in list_cadres_for_login(db, posyandu_id=posyandu_id)
    )


def needs_pin(db: Database, cadre_id: int) -> bool:
    """True when the cadre has no PIN yet (their first login sets it)."""
    with db.reading() as tx:
        return auth.pin_hash(tx, cadre_id) is None


def check_pin(db: Database, cadre_id: int, pin: str) -> bool:
    """True when `pin` is this active cadre's PIN (False with no PIN set)."""
    with db.reading() as tx:
        stored = auth.pin_hash(tx, cadre_id)
        active = posyandu.cadre_active(tx, cadre_id)
    return bool(active) and stored is not None and _matches(pin, stored)


def set_pin(db: Database, cadre_id: int, pin: str) -> Outcome[CadreRecord]:
    """Set (or change) a cadre's PIN; refused unless it is 4 to 6 digits."""
    if not pin_is_well_formed(pin):
        return refused([Issue(Problem.OUT_OF_RANGE, "pin")])
    hashed = _hash(pin)  # outside the transaction: the write lock is held only for the write

    def work(tx: Tx) -> Outcome[CadreRecord]:
        _checks.cadre(tx, cadre_id)
        auth.set_pin_hash(tx, cadre_id, hashed)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=cadre_id)


def reset_pin(db: Database, *, cadre_id: int, by_cadre_id: int) -> Outcome[CadreRecord]:
    """Forget a cadre's PIN (they forgot it): their next login sets a new one."""

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if posyandu.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id))
        auth.set_pin_hash(tx, cadre_id, None)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=by_cadre_id)


def set_coordinator(
    db: Database, *, cadre_id: int, is_coordinator: bool, by_cadre_id: int | None = None
) -> Outcome[CadreRecord]:
    """Let a cadre manage cadres and settings, or take that away."""

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if posyandu.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id))
        auth.set_coordinator(tx, cadre_id, is_coordinator)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=by_cadre_id)

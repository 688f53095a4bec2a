"""The cadres: logging in with a PIN, the coordinator's rights, the team and who served when.

Logging in: choosing your name, a 4-6 digit PIN, and who coordinates.

The coordinator sets her PIN in the setup wizard; every other cadre sets her first PIN with a
one-time code the coordinator gives her (which also resets a forgotten PIN), so nobody takes a
name by picking it first. Wrong PINs are counted per cadre in the registry, with growing waits.

PINs are stored as salted scrypt hashes (memory-hard, so a stolen laptop's file does not give up
PINs to a GPU), as one string: `scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`. The parameters travel
with the hash, so they can be raised later without breaking stored PINs.

The Posyandu's team: listing cadres with their certificates and correcting a cadre's profile.

Who served when: today's cadre attendance and sessions attended per cadre in a month.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.domain.months import Period
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadres, days, posyandu
from posyandu_desktop.store.queries.cadres import LoginCadre
from posyandu_desktop.store.records import AttendanceRecord, CadreRecord, DayRecord

PIN_LENGTHS = range(4, 7)  # 4 to 6 digits: short enough for a busy morning
# scrypt cost: 2**14 x 8 x 128 B = 16 MiB and ~50 ms per check here, ~100-200 ms on a low-end
# laptop (RFC 7914 section 2's interactive-login example uses N=2**14, r=8, p=1).
_N, _R, _P = 2**14, 8, 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_MAX_MEMORY = 64 * 1024 * 1024  # OpenSSL's default cap (32 MiB) is too close to 16 MiB

__all__ = [
    "MAX_TRIES",
    "PIN_LENGTHS",
    "FirstPin",
    "LoginAttempt",
    "LoginCadre",
    "attempt_login",
    "check_pin",
    "first_pin",
    "give_one_time_code",
    "is_coordinator",
    "list_cadres_for_login",
    "needs_pin",
    "pin_is_well_formed",
    "reset_pin",
    "set_coordinator",
    "set_first_pin",
    "set_pin",
    "wait_after",
]


def pin_is_well_formed(pin: str) -> bool:
    """True for 4 to 6 ASCII digits."""
    return pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=_HASH_BYTES
    )


def hash_pin(pin: str) -> str:
    """The stored form of a PIN or one-time code (salted scrypt, parameters included)."""
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
        team = cadres.login_cadres(tx, posyandu_id)
    if any(c.is_coordinator for c in team):
        return team
    # Nobody is marked coordinator (e.g. the last one left): the chair coordinates, so that
    # somebody can always reach the settings.
    return tuple(
        LoginCadre(c.id, c.name, c.role, c.role is CadreRole.CHAIR, c.has_pin) for c in team
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
        return cadres.pin_hash(tx, cadre_id) is None


def check_pin(db: Database, cadre_id: int, pin: str) -> bool:
    """True when `pin` is this active cadre's PIN (False with no PIN set)."""
    with db.reading() as tx:
        stored = cadres.pin_hash(tx, cadre_id)
        active = posyandu.cadre_active(tx, cadre_id)
    return bool(active) and stored is not None and _matches(pin, stored)


def set_pin(db: Database, cadre_id: int, pin: str) -> Outcome[CadreRecord]:
    """Set (or change) a cadre's PIN; refused unless it is 4 to 6 digits."""
    if not pin_is_well_formed(pin):
        return refused([Issue(Problem.OUT_OF_RANGE, "pin")])
    hashed = hash_pin(pin)  # outside the transaction: the write lock is held only for the write

    def work(tx: Tx) -> Outcome[CadreRecord]:
        _checks.cadre(tx, cadre_id)
        cadres.set_pin_hash(tx, cadre_id, hashed)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=cadre_id)


def reset_pin(db: Database, *, cadre_id: int, by_cadre_id: int) -> Outcome[CadreRecord]:
    """A coordinator forgets a cadre's PIN (they forgot it); `give_one_time_code` also lets
    the cadre set a new one."""
    with db.reading() as tx:
        cadre = posyandu.get_cadre(tx, cadre_id)
    if cadre is None:
        return refused([Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id)])
    if not is_coordinator(db, posyandu_id=cadre.posyandu_id, cadre_id=by_cadre_id):
        return refused([Issue(Problem.COORDINATOR_ONLY, "by_cadre_id", by_cadre_id)])

    def work(tx: Tx) -> Outcome[CadreRecord]:
        cadres.set_pin_hash(tx, cadre_id, None)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=by_cadre_id)


def set_coordinator(
    db: Database, *, cadre_id: int, is_coordinator: bool, by_cadre_id: int | None = None
) -> Outcome[CadreRecord]:
    """Let a cadre manage cadres and settings, or take that away."""

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if posyandu.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id))
        cadres.set_coordinator(tx, cadre_id, is_coordinator)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=by_cadre_id)


# Wrong PINs: the first MAX_TRIES - 1 in a row cost nothing; then every wrong PIN makes the next
# try wait, 30 s doubling up to 15 min. Counted per cadre in the registry, so neither a new
# login dialog nor a restart gives fresh tries. A 4-digit PIN is a lock against a curious
# visitor; at 15 min a try, guessing one takes about 50 days on average.
MAX_TRIES = 5
FIRST_WAIT_S = 30
LONGEST_WAIT_S = 15 * 60
CODE_DIGITS = 6


def wait_after(failed: int) -> int:
    """Seconds the next try waits after `failed` wrong PINs in a row."""
    if failed < MAX_TRIES:
        return 0
    return int(min(FIRST_WAIT_S * 2 ** (failed - MAX_TRIES), LONGEST_WAIT_S))


@dataclass(frozen=True, slots=True)
class LoginAttempt:
    ok: bool
    tries_left: int  # wrong PINs still possible before a wait
    wait_s: int  # seconds before the next try is taken (0: none)


def _waiting_s(guard: cadres.LoginGuard, now: datetime) -> int:
    if guard.wait_until is None:
        return 0
    left = (guard.wait_until - now).total_seconds()
    # A wait far longer than any we set comes from a clock that was ahead: it is over.
    return math.ceil(left) if 0 < left <= LONGEST_WAIT_S else 0


def _count_try(db: Database, cadre_id: int, right: bool, now: datetime) -> LoginAttempt:
    with db.transaction(cadre_id=cadre_id) as tx:
        failed = 0 if right else cadres.login_guard(tx, cadre_id).failed_tries + 1
        wait = wait_after(failed)
        until = now + timedelta(seconds=wait) if wait else None
        cadres.set_failed_tries(tx, cadre_id, failed, until)
    return LoginAttempt(right, max(0, MAX_TRIES - failed), wait)


def _guard(db: Database, cadre_id: int) -> cadres.LoginGuard:
    with db.reading() as tx:
        return cadres.login_guard(tx, cadre_id)


def attempt_login(db: Database, cadre_id: int, pin: str, *, now: datetime) -> LoginAttempt:
    """Check the PIN of an active cadre, counting wrong ones across dialogs and restarts."""
    waiting = _waiting_s(_guard(db, cadre_id), now)
    if waiting:
        return LoginAttempt(False, 0, waiting)
    return _count_try(db, cadre_id, check_pin(db, cadre_id, pin), now)


class FirstPin(StrEnum):
    """How a cadre gets her PIN."""

    HAS_PIN = "has_pin"  # she types it
    SETS_OWN = "sets_own"  # the coordinator of a Posyandu where nobody has a PIN yet
    NEEDS_CODE = "needs_code"  # with a one-time code the coordinator gives her


def first_pin(db: Database, *, posyandu_id: int, cadre_id: int) -> FirstPin:
    """Whether this cadre types her PIN, or how she sets her first one. Only the coordinator
    of a registry where nobody has a PIN (set up before the wizard asked for hers) sets her
    own; everyone else needs a one-time code, so a name is never taken by whoever picks it."""
    with db.reading() as tx:
        if cadres.pin_hash(tx, cadre_id) is not None:
            return FirstPin.HAS_PIN
        nobody = not cadres.anyone_has_pin(tx, posyandu_id)
    coordinator = is_coordinator(db, posyandu_id=posyandu_id, cadre_id=cadre_id)
    return FirstPin.SETS_OWN if nobody and coordinator else FirstPin.NEEDS_CODE


def set_first_pin(
    db: Database, *, posyandu_id: int, cadre_id: int, pin: str, code: str = "", now: datetime
) -> Outcome[CadreRecord]:
    """Set a cadre's first PIN: with the coordinator's one-time code (used up), or without one
    where `first_pin` says SETS_OWN. A wrong code counts as a wrong PIN."""
    how = first_pin(db, posyandu_id=posyandu_id, cadre_id=cadre_id)
    if how is FirstPin.HAS_PIN:
        return refused([Issue(Problem.PIN_ALREADY_SET, "pin")])
    if not pin_is_well_formed(pin):
        return refused([Issue(Problem.OUT_OF_RANGE, "pin")])
    if how is FirstPin.NEEDS_CODE:
        guard = _guard(db, cadre_id)
        waiting = _waiting_s(guard, now)
        if waiting:
            return refused([Issue(Problem.WRONG_CODE, "code", waiting)])
        right = guard.code_hash is not None and _matches(code.strip(), guard.code_hash)
        tried = _count_try(db, cadre_id, right, now)
        if not right:
            return refused([Issue(Problem.WRONG_CODE, "code", tried.wait_s)])
    hashed = hash_pin(pin)

    def work(tx: Tx) -> Outcome[CadreRecord]:
        _checks.cadre(tx, cadre_id)
        cadres.set_pin_hash(tx, cadre_id, hashed)
        if how is FirstPin.NEEDS_CODE:
            cadres.set_code_hash(tx, cadre_id, None)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=cadre_id)


def give_one_time_code(
    db: Database, *, posyandu_id: int, cadre_id: int, by_cadre_id: int
) -> Outcome[str]:
    """A coordinator lets a cadre set a new PIN: her PIN (if any) is cleared and a one-time
    code of CODE_DIGITS digits is returned for the coordinator to give her (audited, by the
    coordinator). The same call resets a forgotten PIN."""
    if not is_coordinator(db, posyandu_id=posyandu_id, cadre_id=by_cadre_id):
        return refused([Issue(Problem.COORDINATOR_ONLY, "by_cadre_id", by_cadre_id)])
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    hashed = hash_pin(code)

    def work(tx: Tx) -> Outcome[str]:
        _checks.cadre(tx, cadre_id)
        cadres.set_pin_hash(tx, cadre_id, None)
        cadres.set_code_hash(tx, cadre_id, hashed)
        cadres.set_failed_tries(tx, cadre_id, 0, None)
        return Outcome(code)

    return attempt(db, work, cadre_id=by_cadre_id)


def list_cadres(
    db: Database, posyandu_id: int, *, active_only: bool = False
) -> tuple[CadreRecord, ...]:
    """The Posyandu's cadres with certificates: active ones first, then by name."""
    with db.reading() as tx:
        team = cadres.cadres(tx, posyandu_id)
    return tuple(c for c in team if c.active) if active_only else team


def update_cadre(
    db: Database,
    *,
    cadre_id: int,
    name: str,
    role: CadreRole,
    nik: str | None = None,
    phone: str = "",
    training_grade: TrainingGrade | None = None,
    bpjs_ketenagakerjaan: str | None = None,
    by_cadre_id: int | None = None,
    today: date | None = None,
) -> Outcome[CadreRecord]:
    """Change a cadre's profile (after training, a new phone ...); checked as at registration."""
    problems, warnings, digits = _checks.cadre_profile(
        name, phone, bpjs_ketenagakerjaan, nik, today or date.today()
    )
    bpjs = (bpjs_ketenagakerjaan or "").strip()
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if posyandu.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id))
        taken = None if digits is None else posyandu.cadre_id_by_nik(tx, digits)
        if taken is not None and taken != cadre_id:
            raise InputError(Issue(Problem.NIK_TAKEN, "nik", taken))
        cadres.update_cadre(
            tx,
            cadre_id,
            name=name.strip(),
            nik=digits,
            phone=phone.strip(),
            role=role,
            training_grade=training_grade,
            bpjs_ketenagakerjaan=bpjs or None,
        )
        return Outcome(posyandu.get_cadre(tx, cadre_id), warnings=tuple(warnings))

    return attempt(db, work, cadre_id=by_cadre_id)


@dataclass(frozen=True, slots=True)
class DayAttendance:
    """A date's Posyandu session (None if it was not held) and the cadres who signed in."""

    on: date
    day: DayRecord | None
    attendance: tuple[AttendanceRecord, ...]  # by arrival time


@dataclass(frozen=True, slots=True)
class CadreMonth:
    cadre: CadreRecord
    days_served: tuple[date, ...]  # the sessions this cadre attended, by date


@dataclass(frozen=True, slots=True)
class MonthlyAttendance:
    year: int
    month: int
    sessions: tuple[DayRecord, ...]  # the Posyandu days held in the month
    cadres: tuple[CadreMonth, ...]  # every cadre who is active or served that month


def attendance_on(db: Database, posyandu_id: int, on: date) -> DayAttendance:
    """The session held on this date, if any, and which cadre served at which desk."""
    with db.reading() as tx:
        day = days.day_on(tx, posyandu_id, on)
        served = () if day is None else days.attendance(tx, day.id)
    return DayAttendance(on, day, served)


def monthly_attendance(
    db: Database, posyandu_id: int, *, year: int, month: int
) -> MonthlyAttendance:
    """Sessions held in a month and the ones each cadre attended (for the honorarium list and
    the cadre's activity record)."""
    period = Period(year, month)
    first, last = period.first_day, period.last_day
    with db.reading() as tx:
        sessions = cadres.days_between(tx, posyandu_id, first, last)
        held_on = {d.id: d.held_on for d in sessions}
        served = cadres.attendance_of_days(tx, list(held_on))
        team = cadres.cadres(tx, posyandu_id)
    dates: dict[CadreId, set[date]] = {}
    for a in served:  # a cadre may serve at two desks on one day: one session
        dates.setdefault(a.cadre_id, set()).add(held_on[a.day_id])
    rows = tuple(
        CadreMonth(c, tuple(sorted(dates.get(c.id, ())))) for c in team if c.active or c.id in dates
    )
    return MonthlyAttendance(year, month, sessions, rows)

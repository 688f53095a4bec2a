"""The first run: this laptop's Posyandu and its first cadres, saved together or not at all
(a half-finished set-up would leave a Posyandu nobody can log in to)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade, Venue
from posyandu_desktop.services import _checks
from posyandu_desktop.services.auth import hash_pin, pin_is_well_formed
from posyandu_desktop.services.outcome import Issue, Outcome, attempt, refused
from posyandu_desktop.services.setup import add_posyandu, posyandu_issues
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import auth, posyandu
from posyandu_desktop.store.records import CadreRecord, PosyanduRecord

PHONE_MAX = 20  # the phone columns' length


@dataclass(frozen=True, slots=True)
class FirstCadre:
    """A cadre typed into the setup wizard."""

    name: str
    role: CadreRole
    phone: str = ""
    training_grade: TrainingGrade | None = None
    is_coordinator: bool = False


@dataclass(frozen=True, slots=True)
class FirstRun:
    posyandu: PosyanduRecord
    cadres: tuple[CadreRecord, ...]


def cadre_issues(cadre: FirstCadre) -> list[Issue]:
    """What is wrong with one typed cadre (checked as they are added to the list)."""
    return _checks.text_issues(
        cadre.name, "name", _checks.NAME_MAX, required=True
    ) + _checks.text_issues(cadre.phone, "phone", PHONE_MAX, required=False)


def set_up_first_run(
    db: Database,
    *,
    name: str,
    code: str,
    venue: Venue,
    kelurahan: str = "",
    kecamatan: str = "",
    kota: str = "",
    puskesmas: str = "",
    cadres: Sequence[FirstCadre],
    coordinator_pin: str | None = None,
) -> Outcome[FirstRun]:
    """Register the Posyandu and its first cadres; the one marked coordinator (else the first)
    may manage cadres and settings, and gets `coordinator_pin` (the wizard asks for it, so no
    one else can take her name at the first login). Cadre problems name the field `cadres`."""
    problems = posyandu_issues(name, code, kelurahan, kecamatan, kota, puskesmas)
    if coordinator_pin is not None and not pin_is_well_formed(coordinator_pin):
        problems.append(Issue(Problem.OUT_OF_RANGE, "pin"))
    if not cadres:
        problems.append(Issue(Problem.REQUIRED, "cadres"))
    for cadre in cadres:
        problems += [Issue(i.problem, "cadres", i.found) for i in cadre_issues(cadre)]
    if problems:
        return refused(problems)
    coordinator = next((i for i, c in enumerate(cadres) if c.is_coordinator), 0)
    hashed = None if coordinator_pin is None else hash_pin(coordinator_pin)

    def work(tx: Tx) -> Outcome[FirstRun]:
        post = add_posyandu(
            tx,
            name=name,
            code=code,
            venue=venue,
            kelurahan=kelurahan,
            kecamatan=kecamatan,
            kota=kota,
            puskesmas=puskesmas,
        )
        added = []
        for i, cadre in enumerate(cadres):
            row = posyandu.add_cadre(
                tx,
                posyandu_id=post.id,
                name=cadre.name.strip(),
                nik=None,
                phone=cadre.phone.strip(),
                role=cadre.role,
                training_grade=cadre.training_grade,
                bpjs_ketenagakerjaan=None,
            )
            if i == coordinator:
                auth.set_coordinator(tx, row.id, True)
                if hashed is not None:
                    auth.set_pin_hash(tx, row.id, hashed)
            added.append(row)
        return Outcome(FirstRun(post, tuple(added)))

    return attempt(db, work)

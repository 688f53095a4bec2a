"""The Posyandu's team: listing cadres with their certificates and correcting a cadre's profile."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadre_activity, posyandu
from posyandu_desktop.store.records import CadreRecord


def list_cadres(
    db: Database, posyandu_id: int, *, active_only: bool = False
) -> tuple[CadreRecord, ...]:
    """The Posyandu's cadres with certificates: active ones first, then by name."""
    with db.reading() as tx:
        team = cadre_activity.cadres(tx, posyandu_id)
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
        cadre_activity.update_cadre(
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

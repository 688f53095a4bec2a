"""Setting up this laptop's Posyandu and its cadres."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade, Venue
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import posyandu
from posyandu_desktop.store.records import CadreRecord, CertificateRecord, PosyanduRecord


def posyandu_issues(
    name: str, code: str, kelurahan: str, kecamatan: str, kota: str, puskesmas: str
) -> list[Issue]:
    """What is wrong with a typed Posyandu identity (setup and the first-run wizard)."""
    return (
        _checks.text_issues(name, "name", 100, required=True)
        + _checks.text_issues(code, "code", 30, required=True)
        + _checks.text_issues(kelurahan, "kelurahan", 60, required=False)
        + _checks.text_issues(kecamatan, "kecamatan", 60, required=False)
        + _checks.text_issues(kota, "kota", 60, required=False)
        + _checks.text_issues(puskesmas, "puskesmas", 100, required=False)
    )


def add_posyandu(
    tx: Tx,
    *,
    name: str,
    code: str,
    venue: Venue,
    kelurahan: str,
    kecamatan: str,
    kota: str,
    puskesmas: str,
) -> PosyanduRecord:
    """Insert the Posyandu, refusing a code already used (inside the caller's transaction)."""
    taken = posyandu.posyandu_id_by_code(tx, code.strip())
    if taken is not None:
        raise InputError(Issue(Problem.CODE_TAKEN, "code", taken))
    return posyandu.add_posyandu(
        tx,
        name=name.strip(),
        code=code.strip(),
        kelurahan=kelurahan.strip(),
        kecamatan=kecamatan.strip(),
        kota=kota.strip(),
        puskesmas=puskesmas.strip(),
        venue=venue,
    )


def set_up_posyandu(
    db: Database,
    *,
    name: str,
    code: str,
    venue: Venue,
    kelurahan: str = "",
    kecamatan: str = "",
    kota: str = "",
    puskesmas: str = "",
) -> Outcome[PosyanduRecord]:
    """Register the Posyandu this laptop serves."""
    problems = posyandu_issues(name, code, kelurahan, kecamatan, kota, puskesmas)
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[PosyanduRecord]:
        return Outcome(
            add_posyandu(
                tx,
                name=name,
                code=code,
                venue=venue,
                kelurahan=kelurahan,
                kecamatan=kecamatan,
                kota=kota,
                puskesmas=puskesmas,
            )
        )

    return attempt(db, work)


def register_cadre(
    db: Database,
    *,
    posyandu_id: int,
    name: str,
    role: CadreRole,
    nik: str | None = None,
    phone: str = "",
    training_grade: TrainingGrade | None = None,
    bpjs_ketenagakerjaan: str | None = None,
    by_cadre_id: int | None = None,
    today: date | None = None,
) -> Outcome[CadreRecord]:
    """Add a cadre to the Posyandu's team."""
    problems, warnings, digits = _checks.cadre_profile(
        name, phone, bpjs_ketenagakerjaan, nik, today or date.today()
    )
    bpjs = (bpjs_ketenagakerjaan or "").strip()
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if posyandu.get_posyandu(tx, posyandu_id) is None:
            raise InputError(Issue(Problem.POSYANDU_NOT_FOUND, "posyandu_id", posyandu_id))
        if digits is not None and (taken := posyandu.cadre_id_by_nik(tx, digits)):
            raise InputError(Issue(Problem.NIK_TAKEN, "nik", taken))
        added = posyandu.add_cadre(
            tx,
            posyandu_id=posyandu_id,
            name=name.strip(),
            nik=digits,
            phone=phone.strip(),
            role=role,
            training_grade=training_grade,
            bpjs_ketenagakerjaan=bpjs or None,
        )
        return Outcome(added, warnings=tuple(warnings))

    return attempt(db, work, cadre_id=by_cadre_id)


def add_cadre_certificate(
    db: Database,
    *,
    cadre_id: int,
    title: str,
    issued_on: date,
    issuer: str = "",
    number: str = "",
    by_cadre_id: int | None = None,
    today: date | None = None,
) -> Outcome[CertificateRecord]:
    """Note a training certificate a cadre holds, with its number as printed."""
    problems = _checks.text_issues(title, "title", 200, required=True)
    problems += _checks.text_issues(issuer, "issuer", 100, required=False)
    problems += _checks.text_issues(number, "number", 60, required=False)
    problems += _checks.not_future(issued_on, "issued_on", today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[CertificateRecord]:
        if posyandu.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id))
        added = posyandu.add_certificate(
            tx,
            cadre_id=cadre_id,
            title=title.strip(),
            issued_on=issued_on,
            issuer=issuer.strip(),
            number=number.strip() or None,
        )
        return Outcome(added)

    return attempt(db, work, cadre_id=by_cadre_id)


def set_cadre_active(
    db: Database, *, cadre_id: int, active: bool, by_cadre_id: int | None = None
) -> Outcome[CadreRecord]:
    """Mark a cadre as serving or no longer serving (cadres are never deleted)."""

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if posyandu.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, "cadre_id", cadre_id))
        posyandu.set_cadre_active(tx, cadre_id, active)
        return Outcome(posyandu.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=by_cadre_id)

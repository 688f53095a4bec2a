"""Setting a laptop up: the Posyandu and its first coordinator, and the demo Posyandu.

Fill an empty registry with a realistic synthetic Posyandu (domain/demo.py), for trying the
app, screenshots and benchmarks. Records go through the store with the same z-score and KMS
logic as `record_measurement`, one transaction per Posyandu day, and are audited as demo data.

Setting up this laptop's Posyandu and its cadres.

The first run: this laptop's Posyandu and its first cadres, saved together or not at all
(a half-finished set-up would leave a Posyandu nobody can log in to).

The KMS version (KBM row and lines) the Posyandu judges N and T with: the coordinator chooses
one of the shipped readings (docs/sources/kms.md#versions).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from posyandu_desktop.domain.competence import SkillAssessment
from posyandu_desktop.domain.demo import (
    DemoAttendance,
    DemoMeasurement,
    DemoPosyandu,
    DemoService,
    generate,
)
from posyandu_desktop.domain.growth.weight_gain import KmsVersion
from posyandu_desktop.domain.ids import CadreId, PosyanduId
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.domain.vocabulary import CadreRole, Desk, TrainingGrade, Venue
from posyandu_desktop.services import _checks, measuring
from posyandu_desktop.services.cadres import hash_pin, is_coordinator, pin_is_well_formed
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.settings import kms_version_named, kms_versions, who_standards
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadres as cadres_q
from posyandu_desktop.store.queries import days, people, posyandu, visits
from posyandu_desktop.store.records import (
    BloodPressure,
    CadreRecord,
    CertificateRecord,
    MeasuredValues,
    PersonRecord,
    PosyanduRecord,
    Reading,
)

_REASON = "demo data"
_OPENS, _CLOSES = time(8, 0), time(11, 30)


def _local(on: date, at: time) -> datetime:
    """An aware local time (the store keeps only aware datetimes)."""
    return datetime.combine(on, at).astimezone()


class RegistryNotEmptyError(Exception):
    """Demo data goes only into a registry with no Posyandu yet, never beside real records."""


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """Who the demo logs in as: the Posyandu and its first cadre (the chair)."""

    posyandu_id: PosyanduId
    cadre_id: CadreId
    cadre_name: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    posyandu_id: PosyanduId
    name: str
    people: int
    measurements: int
    days: int


def load_demo(
    db: Database,
    *,
    today: date,
    children: int = 60,
    months: int = 12,
    seed: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Generate a synthetic Posyandu and write it into this empty registry."""
    with db.reading() as tx:
        if posyandu.first_posyandu(tx) is not None:
            raise RegistryNotEmptyError
    demo = generate(who_standards(), seed=seed, children=children, months=months, today=today)
    ids = _Ids()
    with db.transaction(reason=_REASON) as tx:
        _registry(tx, demo, ids, seed)
    measured: defaultdict[int, list[DemoMeasurement]] = defaultdict(list)
    for m in demo.measurements:
        measured[m.day_key].append(m)
    given: defaultdict[int, list[DemoService]] = defaultdict(list)
    for s in demo.services:
        given[s.day_key].append(s)
    present: defaultdict[int, list[DemoAttendance]] = defaultdict(list)
    for a in demo.attendance:
        present[a.day_key].append(a)
    for done, day in enumerate(demo.days, start=1):
        with db.transaction(reason=_REASON) as tx:
            _day(tx, demo, ids, day.on, measured[day.key], given[day.key], present[day.key])
        if on_progress is not None:
            on_progress(done, len(demo.days) + 1)
    with db.transaction(reason=_REASON) as tx:
        for v in demo.home_visits:
            visits.add_home_visit(
                tx,
                person_id=ids.people[v.person_key],
                household_id=None,
                visited_on=v.on,
                reason=v.reason,
                findings="",
                follow_up="",
                entered_by=ids.cadres[v.cadre_key],
                cadre_ids=[ids.cadres[v.cadre_key]],
            )
    if on_progress is not None:
        on_progress(len(demo.days) + 1, len(demo.days) + 1)
    return DemoSummary(
        ids.posyandu, demo.name, len(demo.people), len(demo.measurements), len(demo.days)
    )


def demo_login(db: Database) -> DemoLogin:
    """The Posyandu and the cadre a demo session starts with."""
    with db.reading() as tx:
        found = posyandu.first_posyandu(tx)
        if found is None:
            raise LookupError("no Posyandu in this registry")
        cadre = cadres_q.first_cadre(tx, found.id)
        if cadre is None:
            raise LookupError("no cadre in this registry")
        return DemoLogin(found.id, cadre.id, cadre.name)


class _Ids:
    """Demo keys -> registry ids."""

    def __init__(self) -> None:
        self.posyandu = PosyanduId(0)
        self.cadres: dict[int, CadreId] = {}
        self.households: dict[int, int] = {}
        self.people: dict[int, int] = {}
        self.records: dict[int, PersonRecord] = {}


def _registry(tx: Tx, demo: DemoPosyandu, ids: _Ids, seed: int) -> None:
    ids.posyandu = posyandu.add_posyandu(
        tx,
        name=demo.name,
        code=f"DEMO-{seed}",
        kelurahan=demo.kelurahan,
        kecamatan=demo.kecamatan,
        kota=demo.kota,
        puskesmas=demo.puskesmas,
        venue=Venue.RESIDENT_HOUSE,
    ).id
    for c in demo.cadres:
        cadre = cadres_q.add_cadre(
            tx,
            posyandu_id=ids.posyandu,
            name=c.name,
            nik=c.nik,
            phone=c.phone,
            role=c.role,
            training_grade=c.training_grade,
            bpjs_ketenagakerjaan=None,
        )
        ids.cadres[c.key] = cadre.id
        for cert in c.certificates:
            cadres_q.add_certificate(
                tx,
                cadre_id=cadre.id,
                title=cert.title,
                issued_on=cert.issued_on,
                issuer=cert.issuer,
                number=cert.number,
            )
        for skill, on in c.skills_passed:
            cadres_q.add_skill_assessment(
                tx,
                cadre_id=cadre.id,
                assessment=SkillAssessment(skill, True, on, "Tim Puskesmas"),
                entered_by=cadre.id,
            )
    for h in demo.households:
        ids.households[h.key] = people.add_household(
            tx,
            head_name=h.head_name,
            address=h.address,
            rt=h.rt,
            rw=h.rw,
            kelurahan=demo.kelurahan,
            phone=h.phone,
        ).id
    pregnancies = {p.person_key: p for p in demo.pregnancies}
    # Oldest first, so parents exist before the children that point at them.
    for p in sorted(demo.people, key=lambda p: (p.birth_date, p.key)):
        pregnancy = pregnancies.get(p.key)
        person = people.add_person(
            tx,
            name=p.name,
            sex=p.sex,
            birth_date=p.birth_date,
            household_id=ids.households[p.household_key],
            nik=p.nik,
            mother_nik=p.mother_nik,
            birth_weight_kg=p.birth_weight_kg,
            birth_length_cm=p.birth_length_cm,
            mother_id=None if p.mother_key is None else ids.people[p.mother_key],
            father_id=None if p.father_key is None else ids.people[p.father_key],
            pregnant=pregnancy is not None and pregnancy.delivered_on is None,
            delivered_on=None if pregnancy is None else pregnancy.delivered_on,
        )
        ids.people[p.key], ids.records[p.key] = person.id, person


def _day(
    tx: Tx,
    demo: DemoPosyandu,
    ids: _Ids,
    on: date,
    measured: list[DemoMeasurement],
    given: list[DemoService],
    present: list[DemoAttendance],
) -> None:
    opened = _local(on, _OPENS)
    first_cadre = ids.cadres[demo.cadres[0].key]
    day = days.add_day(
        tx,
        posyandu_id=ids.posyandu,
        held_on=on,
        place=demo.name,
        opened_by=first_cadre,
        opened_at=opened,
    )
    for a in present:
        days.put_attendance(
            tx,
            day_id=day.id,
            cadre_id=ids.cadres[a.cadre_key],
            desk=a.desk,
            arrived_at=opened - timedelta(minutes=20),
            left_at=_local(on, _CLOSES),
        )
    # On `today` the morning is still going on: the last third have registered and are
    # waiting at the measuring desk.
    waiting = len(measured) // 3 if on == demo.today else 0
    for queue, m in enumerate(measured):
        person_id = ids.people[m.person_key]
        arrival = days.add_arrival(
            tx, day_id=day.id, person_id=person_id, arrived_at=opened + timedelta(minutes=queue)
        )
        days.pass_desk(tx, arrival.id, Desk.REGISTRATION)  # registering passes the first desk
        if queue >= len(measured) - waiting:
            continue
        values = MeasuredValues(
            weight_kg=None if m.weight_kg is None else Reading(m.weight_kg),
            lenhei_cm=None if m.lenhei_cm is None else Reading(m.lenhei_cm),
            position=m.position,
            headc_cm=None if m.headc_cm is None else Reading(m.headc_cm),
            lila_cm=None if m.lila_cm is None else Reading(m.lila_cm),
            blood_pressure=(
                None
                if m.systolic_mmhg is None or m.diastolic_mmhg is None
                else BloodPressure(m.systolic_mmhg, m.diastolic_mmhg)
            ),
            waist_cm=None if m.waist_cm is None else Reading(m.waist_cm),
            glucose_mg_dl=None if m.glucose_mg_dl is None else Reading(float(m.glucose_mg_dl)),
        )
        # The desk's rules: a value the desk would refuse never enters the demo; a doubtful
        # one (its deliberate typos) is saved as doubtful, as after a cadre's confirmation.
        refused_here = measuring.value_issues(values)
        if refused_here:
            raise ValueError(f"demo measurement the desk would refuse: {refused_here}")
        measuring.save_assessed_measurement(
            tx,
            ids.records[m.person_key],
            measured_on=on,
            values=values,
            entered_by=ids.cadres[m.cadre_key],
            day_id=day.id,
            answers=m.answers,
        )
        days.pass_desk(tx, arrival.id, Desk.MEASURING)
    for s in given if not waiting else ():
        people.add_service(
            tx,
            person_id=ids.people[s.person_key],
            given_on=on,
            kind=s.kind,
            entered_by=first_cadre,
            capsule=s.capsule,
            day_id=day.id,
        )
    if on < demo.today:  # today's session stays open, as on a real Posyandu morning
        days.close_day(tx, day.id, closed_by=first_cadre, closed_at=_local(on, _CLOSES))


def posyandu_issues(
    name: str, code: str, kelurahan: str, kecamatan: str, kota: str, puskesmas: str
) -> list[Issue]:
    """What is wrong with a typed Posyandu identity (setup and the first-run wizard)."""
    return (
        _checks.text_issues(name, Field.NAME, 100, required=True)
        + _checks.text_issues(code, Field.CODE, 30, required=True)
        + _checks.text_issues(kelurahan, Field.KELURAHAN, 60, required=False)
        + _checks.text_issues(kecamatan, Field.KECAMATAN, 60, required=False)
        + _checks.text_issues(kota, Field.KOTA, 60, required=False)
        + _checks.text_issues(puskesmas, Field.PUSKESMAS, 100, required=False)
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
        raise InputError(Issue(Problem.CODE_TAKEN, Field.CODE, taken))
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
    posyandu_id: PosyanduId,
    name: str,
    role: CadreRole,
    nik: str | None = None,
    phone: str = "",
    training_grade: TrainingGrade | None = None,
    bpjs_ketenagakerjaan: str | None = None,
    by_cadre_id: CadreId | None = None,
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
            raise InputError(Issue(Problem.POSYANDU_NOT_FOUND, Field.POSYANDU_ID, posyandu_id))
        if digits is not None and (taken := cadres_q.cadre_id_by_nik(tx, digits)):
            raise InputError(Issue(Problem.NIK_TAKEN, Field.NIK, taken))
        added = cadres_q.add_cadre(
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
    cadre_id: CadreId,
    title: str,
    issued_on: date,
    issuer: str = "",
    number: str = "",
    by_cadre_id: CadreId | None = None,
    today: date | None = None,
) -> Outcome[CertificateRecord]:
    """Note a training certificate a cadre holds, with its number as printed."""
    problems = _checks.text_issues(title, Field.TITLE, 200, required=True)
    problems += _checks.text_issues(issuer, Field.ISSUER, 100, required=False)
    problems += _checks.text_issues(number, Field.NUMBER, 60, required=False)
    problems += _checks.not_future(issued_on, Field.ISSUED_ON, today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[CertificateRecord]:
        if cadres_q.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, Field.CADRE_ID, cadre_id))
        added = cadres_q.add_certificate(
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
    db: Database, *, cadre_id: CadreId, active: bool, by_cadre_id: CadreId | None = None
) -> Outcome[CadreRecord]:
    """Mark a cadre as serving or no longer serving (cadres are never deleted)."""

    def work(tx: Tx) -> Outcome[CadreRecord]:
        if cadres_q.get_cadre(tx, cadre_id) is None:
            raise InputError(Issue(Problem.CADRE_NOT_FOUND, Field.CADRE_ID, cadre_id))
        cadres_q.set_cadre_active(tx, cadre_id, active)
        return Outcome(cadres_q.get_cadre(tx, cadre_id))

    return attempt(db, work, cadre_id=by_cadre_id)


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
        cadre.name, Field.NAME, _checks.NAME_MAX, required=True
    ) + _checks.text_issues(cadre.phone, Field.PHONE, PHONE_MAX, required=False)


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
        problems.append(Issue(Problem.OUT_OF_RANGE, Field.PIN))
    if not cadres:
        problems.append(Issue(Problem.REQUIRED, Field.CADRES))
    for cadre in cadres:
        problems += [Issue(i.problem, Field.CADRES, i.found) for i in cadre_issues(cadre)]
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
            row = cadres_q.add_cadre(
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
                cadres_q.set_coordinator(tx, row.id, True)
                if hashed is not None:
                    cadres_q.set_pin_hash(tx, row.id, hashed)
            added.append(row)
        return Outcome(FirstRun(post, tuple(added)))

    return attempt(db, work)


def kms_version(db: Database, *, posyandu_id: PosyanduId) -> KmsVersion:
    """The KMS reading new judgements use: the chosen one, else the default."""
    with db.reading() as tx:
        return kms_version_named(posyandu.kbm_version(tx, posyandu_id))


def choose_kms_version(
    db: Database, *, posyandu_id: PosyanduId, version: str, by_cadre_id: CadreId
) -> Outcome[KmsVersion]:
    """The coordinator chooses one of the shipped KMS readings (audited)."""
    names = [v.version for v in kms_versions()]
    if version not in names:
        return refused([Issue(Problem.OUT_OF_RANGE, Field.KMS_VERSION, version)])
    if not is_coordinator(db, posyandu_id=posyandu_id, cadre_id=by_cadre_id):
        return refused([Issue(Problem.COORDINATOR_ONLY, Field.BY_CADRE_ID, by_cadre_id)])

    def work(tx: Tx) -> Outcome[None]:
        if posyandu.get_posyandu(tx, posyandu_id) is None:
            raise InputError(Issue(Problem.POSYANDU_NOT_FOUND, Field.POSYANDU_ID, posyandu_id))
        posyandu.set_kbm_version(tx, posyandu_id, version)
        return Outcome(None)

    saved = attempt(db, work, cadre_id=by_cadre_id, reason="KMS version")
    if saved.problems:
        return refused(saved.problems)
    return Outcome(kms_version(db, posyandu_id=posyandu_id))

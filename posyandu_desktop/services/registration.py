"""Registering households and people, with duplicate detection."""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.nik import NikMismatch, compare_nik
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.services import _checks
from posyandu_desktop.services.outcome import InputError, Issue, Outcome, attempt, refused
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import HouseholdRecord, PersonRecord

# RT/RW numbers are small (household CHECK constraint).
RT_RW_MAX = 999
# Birth weight and length as written in the Buku KIA; the limits only catch typing slips.
BIRTH_WEIGHT_KG = (0.3, 7.0)
BIRTH_LENGTH_CM = (20.0, 70.0)

_MISMATCH = {
    NikMismatch.BIRTH_DATE: Problem.NIK_BIRTH_DATE_DIFFERS,
    NikMismatch.SEX: Problem.NIK_SEX_DIFFERS,
}


def register_household(
    db: Database,
    *,
    cadre_id: CadreId,
    head_name: str,
    address: str = "",
    rt: int | None = None,
    rw: int | None = None,
    kelurahan: str = "",
    phone: str = "",
) -> Outcome[HouseholdRecord]:
    """Register a household (kepala keluarga, address down to RT/RW)."""
    problems = _checks.text_issues(head_name, "head_name", _checks.NAME_MAX, required=True)
    problems += _checks.text_issues(address, "address", 200, required=False)
    problems += _checks.text_issues(kelurahan, "kelurahan", 60, required=False)
    problems += _checks.text_issues(phone, "phone", 20, required=False)
    problems += _checks.in_range(rt, "rt", 1, RT_RW_MAX)
    problems += _checks.in_range(rw, "rw", 1, RT_RW_MAX)
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[HouseholdRecord]:
        _checks.cadre(tx, cadre_id)
        added = people.add_household(
            tx,
            head_name=head_name.strip(),
            address=address.strip(),
            rt=rt,
            rw=rw,
            kelurahan=kelurahan.strip(),
            phone=phone.strip(),
        )
        return Outcome(added)

    return attempt(db, work, cadre_id=cadre_id)


def register_person(
    db: Database,
    *,
    cadre_id: CadreId,
    name: str,
    sex: Sex,
    birth_date: date,
    household_id: int | None = None,
    nik: str | None = None,
    mother_id: PersonId | None = None,
    father_id: PersonId | None = None,
    caregiver_id: PersonId | None = None,
    mother_nik: str | None = None,
    birth_weight_kg: float | None = None,
    birth_length_cm: float | None = None,
    pregnant: bool = False,
    delivered_on: date | None = None,
    not_a_duplicate: bool = False,
    today: date | None = None,
) -> Outcome[PersonRecord]:
    """Register a person. A NIK already registered is refused; the same name, birth date and
    mother as someone registered is refused as POSSIBLE_DUPLICATE unless the cadre confirms
    with `not_a_duplicate` (twins are rarely given the same name)."""
    today = today or date.today()
    problems = _checks.text_issues(name, "name", _checks.NAME_MAX, required=True)
    problems += _checks.not_future(birth_date, "birth_date", today)
    problems += _checks.in_range(birth_weight_kg, "birth_weight_kg", *BIRTH_WEIGHT_KG)
    problems += _checks.in_range(birth_length_cm, "birth_length_cm", *BIRTH_LENGTH_CM)
    if (pregnant or delivered_on) and sex is not Sex.FEMALE:
        problems.append(Issue(Problem.NOT_FEMALE, "pregnant"))
    if delivered_on is not None:
        problems += _checks.not_future(delivered_on, "delivered_on", today)
    warnings: list[Issue] = []
    digits = mother_digits = None
    if nik:
        info, nik_problems, warnings = _checks.nik_issues(nik, "nik", today)
        problems += nik_problems
        if info is not None:
            digits = info.nik
            mismatches = compare_nik(info, birth_date=birth_date, sex=sex)
            warnings += [Issue(_MISMATCH[m], "nik") for m in mismatches]
    if mother_nik:
        mother_info, nik_problems, _ = _checks.nik_issues(mother_nik, "mother_nik", today)
        problems += nik_problems
        mother_digits = None if mother_info is None else mother_info.nik
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        if household_id is not None and people.get_household(tx, household_id) is None:
            raise InputError(Issue(Problem.HOUSEHOLD_NOT_FOUND, "household_id", household_id))
        for field, relative_id in (
            ("mother_id", mother_id),
            ("father_id", father_id),
            ("caregiver_id", caregiver_id),
        ):
            if relative_id is not None:
                relative = _checks.person(tx, relative_id, field)
                if field == "mother_id" and relative.sex is not Sex.FEMALE:
                    raise InputError(Issue(Problem.NOT_FEMALE, field, relative_id))
        if digits is not None and (taken := people.person_id_by_nik(tx, digits)):
            raise InputError(Issue(Problem.NIK_TAKEN, "nik", taken))
        if not not_a_duplicate:
            same = people.possible_duplicates(
                tx, name=name, birth_date=birth_date, mother_id=mother_id, mother_nik=mother_digits
            )
            if same:
                raise InputError(Issue(Problem.POSSIBLE_DUPLICATE, "name", same[0]))
        added = people.add_person(
            tx,
            name=" ".join(name.split()),
            sex=sex,
            birth_date=birth_date,
            household_id=household_id,
            nik=digits,
            mother_nik=mother_digits,
            birth_weight_kg=birth_weight_kg,
            birth_length_cm=birth_length_cm,
            mother_id=mother_id,
            father_id=father_id,
            caregiver_id=caregiver_id,
            pregnant=pregnant,
            delivered_on=delivered_on,
        )
        return Outcome(added, warnings=tuple(warnings))

    return attempt(db, work, cadre_id=cadre_id)


def record_pregnancy(
    db: Database,
    *,
    cadre_id: CadreId,
    person_id: PersonId,
    pregnant: bool,
    delivered_on: date | None = None,
    today: date | None = None,
) -> Outcome[PersonRecord]:
    """Note that a woman is pregnant, or has delivered (which starts the 42 days of nifas)."""
    problems = []
    if delivered_on is not None:
        problems += _checks.not_future(delivered_on, "delivered_on", today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        woman = _checks.person(tx, person_id)
        if woman.sex is not Sex.FEMALE:
            raise InputError(Issue(Problem.NOT_FEMALE, "person_id", person_id))
        if delivered_on is not None and delivered_on < woman.birth_date:
            raise InputError(Issue(Problem.BEFORE_BIRTH, "delivered_on", delivered_on.isoformat()))
        people.set_pregnancy(tx, person_id, pregnant=pregnant, delivered_on=delivered_on)
        return Outcome(people.get_person(tx, person_id))

    return attempt(db, work, cadre_id=cadre_id)

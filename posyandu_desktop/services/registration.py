"""Registering households and people, with duplicate detection."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from posyandu_desktop.domain.ids import CadreId, HouseholdId, PersonId
from posyandu_desktop.domain.nik import NikMismatch, compare_nik
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import MOTHER_FIELDS, Field, Problem
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


@dataclass(frozen=True, slots=True)
class NewHousehold:
    """A household to register: kepala keluarga and address down to RT/RW."""

    head_name: str
    address: str = ""
    rt: int | None = None
    rw: int | None = None
    kelurahan: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class NewPerson:
    """A person to register, as typed (relations to registered people are given apart)."""

    name: str
    sex: Sex
    birth_date: date
    nik: str | None = None
    mother_nik: str | None = None
    birth_weight_kg: float | None = None
    birth_length_cm: float | None = None
    pregnant: bool = False
    delivered_on: date | None = None
    not_a_duplicate: bool = False


def _household_issues(household: NewHousehold) -> list[Issue]:
    problems = _checks.text_issues(
        household.head_name, Field.HEAD_NAME, _checks.NAME_MAX, required=True
    )
    problems += _checks.text_issues(household.address, Field.ADDRESS, 200, required=False)
    problems += _checks.text_issues(household.kelurahan, Field.KELURAHAN, 60, required=False)
    problems += _checks.text_issues(household.phone, Field.PHONE, 20, required=False)
    problems += _checks.in_range(household.rt, Field.RT, 1, RT_RW_MAX)
    problems += _checks.in_range(household.rw, Field.RW, 1, RT_RW_MAX)
    return problems


def _add_household(tx: Tx, household: NewHousehold) -> HouseholdRecord:
    return people.add_household(
        tx,
        head_name=household.head_name.strip(),
        address=household.address.strip(),
        rt=household.rt,
        rw=household.rw,
        kelurahan=household.kelurahan.strip(),
        phone=household.phone.strip(),
    )


def _person_issues(person: NewPerson, today: date) -> tuple[list[Issue], list[Issue], NewPerson]:
    """(problems, warnings, the person with NIKs as their 16 digits)."""
    problems = _checks.text_issues(person.name, Field.NAME, _checks.NAME_MAX, required=True)
    problems += _checks.not_future(person.birth_date, Field.BIRTH_DATE, today)
    problems += _checks.in_range(person.birth_weight_kg, Field.BIRTH_WEIGHT_KG, *BIRTH_WEIGHT_KG)
    problems += _checks.in_range(person.birth_length_cm, Field.BIRTH_LENGTH_CM, *BIRTH_LENGTH_CM)
    if (person.pregnant or person.delivered_on) and person.sex is not Sex.FEMALE:
        problems.append(Issue(Problem.NOT_FEMALE, Field.PREGNANT))
    if person.delivered_on is not None:
        problems += _checks.not_future(person.delivered_on, Field.DELIVERED_ON, today)
    warnings: list[Issue] = []
    digits = mother_digits = None
    if person.nik:
        info, nik_problems, warnings = _checks.nik_issues(person.nik, Field.NIK, today)
        problems += nik_problems
        if info is not None:
            digits = info.nik
            mismatches = compare_nik(info, birth_date=person.birth_date, sex=person.sex)
            warnings += [Issue(_MISMATCH[m], Field.NIK) for m in mismatches]
    if person.mother_nik:
        mother_info, nik_problems, _ = _checks.nik_issues(
            person.mother_nik, Field.MOTHER_NIK, today
        )
        problems += nik_problems
        mother_digits = None if mother_info is None else mother_info.nik
    return problems, warnings, replace(person, nik=digits, mother_nik=mother_digits)


def _add_person(
    tx: Tx,
    person: NewPerson,
    *,
    household_id: int | None = None,
    mother_id: PersonId | None = None,
    father_id: PersonId | None = None,
    caregiver_id: PersonId | None = None,
) -> PersonRecord:
    """Add a person checked by `_person_issues`; raises InputError for what the registry
    refuses (a NIK already registered, a possible duplicate, missing relatives)."""
    if household_id is not None and people.get_household(tx, household_id) is None:
        raise InputError(Issue(Problem.HOUSEHOLD_NOT_FOUND, Field.HOUSEHOLD_ID, household_id))
    for field, relative_id in (
        (Field.MOTHER_ID, mother_id),
        (Field.FATHER_ID, father_id),
        (Field.CAREGIVER_ID, caregiver_id),
    ):
        if relative_id is not None:
            relative = _checks.person(tx, relative_id, field)
            if field is Field.MOTHER_ID and relative.sex is not Sex.FEMALE:
                raise InputError(Issue(Problem.NOT_FEMALE, field, relative_id))
    if person.nik is not None and (taken := people.person_id_by_nik(tx, person.nik)):
        raise InputError(Issue(Problem.NIK_TAKEN, Field.NIK, taken))
    if not person.not_a_duplicate:
        same = people.possible_duplicates(
            tx,
            name=person.name,
            birth_date=person.birth_date,
            mother_id=mother_id,
            mother_nik=person.mother_nik,
        )
        if same:
            raise InputError(Issue(Problem.POSSIBLE_DUPLICATE, Field.NAME, same[0]))
    return people.add_person(
        tx,
        name=" ".join(person.name.split()),
        sex=person.sex,
        birth_date=person.birth_date,
        household_id=household_id,
        nik=person.nik,
        mother_nik=person.mother_nik,
        birth_weight_kg=person.birth_weight_kg,
        birth_length_cm=person.birth_length_cm,
        mother_id=mother_id,
        father_id=father_id,
        caregiver_id=caregiver_id,
        pregnant=person.pregnant,
        delivered_on=person.delivered_on,
    )


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
    household = NewHousehold(head_name, address, rt, rw, kelurahan, phone)
    if problems := _household_issues(household):
        return refused(problems)

    def work(tx: Tx) -> Outcome[HouseholdRecord]:
        _checks.cadre(tx, cadre_id)
        return Outcome(_add_household(tx, household))

    return attempt(db, work, cadre_id=cadre_id)


def register_person(
    db: Database,
    *,
    cadre_id: CadreId,
    name: str,
    sex: Sex,
    birth_date: date,
    household_id: HouseholdId | None = None,
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
    person = NewPerson(
        name,
        sex,
        birth_date,
        nik,
        mother_nik,
        birth_weight_kg,
        birth_length_cm,
        pregnant,
        delivered_on,
        not_a_duplicate,
    )
    problems, warnings, person = _person_issues(person, today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        added = _add_person(
            tx,
            person,
            household_id=household_id,
            mother_id=mother_id,
            father_id=father_id,
            caregiver_id=caregiver_id,
        )
        return Outcome(added, warnings=tuple(warnings))

    return attempt(db, work, cadre_id=cadre_id)


def _as_mother(issue: Issue) -> Issue:
    """A problem with the new mother, on her field: `nik` -> `mother_nik`, and so on."""
    if issue.field is None:
        return issue
    return replace(issue, field=MOTHER_FIELDS.get(issue.field, issue.field))


def register_newcomer(
    db: Database,
    *,
    cadre_id: CadreId,
    person: NewPerson,
    household: NewHousehold | int | None = None,
    mother: NewPerson | PersonId | None = None,
    today: date | None = None,
) -> Outcome[PersonRecord]:
    """Register a person with, when needed, a new household and a new mother, in one
    transaction: all of them are saved, or none.

    `household` and `mother` are someone/something registered (an id), new, or None. A new
    mother already registered (her NIK, or the same name and birth date) is that woman, not a
    duplicate. Problems name the person's fields, the household's (`head_name`, `rt`, ...),
    and the mother's with a `mother_` prefix (`mother_name`, `mother_nik`, ...)."""
    today = today or date.today()
    problems, warnings, person = _person_issues(person, today)
    if isinstance(household, NewHousehold):
        problems += _household_issues(household)
    if isinstance(mother, NewPerson):
        mother_problems, mother_warnings, mother = _person_issues(mother, today)
        problems += [_as_mother(i) for i in mother_problems]
        warnings += [_as_mother(i) for i in mother_warnings]
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        household_id = (
            _add_household(tx, household).id if isinstance(household, NewHousehold) else household
        )
        mother_id = (
            mother if not isinstance(mother, NewPerson) else _mother_id(tx, mother, household_id)
        )
        added = _add_person(tx, person, household_id=household_id, mother_id=mother_id)
        return Outcome(added, warnings=tuple(warnings))

    return attempt(db, work, cadre_id=cadre_id)


def _mother_id(tx: Tx, mother: NewPerson, household_id: int | None) -> PersonId:
    """The new mother registered now, or the registered woman she is."""
    try:
        return _add_person(tx, mother, household_id=household_id).id
    except InputError as error:  # raised before anything was written
        known = [
            i.found
            for i in error.issues
            if i.problem in (Problem.POSSIBLE_DUPLICATE, Problem.NIK_TAKEN)
            and isinstance(i.found, int)
        ]
        if not known:
            raise InputError(*(_as_mother(i) for i in error.issues)) from error
        return PersonId(known[0])


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
        problems += _checks.not_future(delivered_on, Field.DELIVERED_ON, today or date.today())
    if problems:
        return refused(problems)

    def work(tx: Tx) -> Outcome[PersonRecord]:
        _checks.cadre(tx, cadre_id)
        woman = _checks.person(tx, person_id)
        if woman.sex is not Sex.FEMALE:
            raise InputError(Issue(Problem.NOT_FEMALE, Field.PERSON_ID, person_id))
        if delivered_on is not None and delivered_on < woman.birth_date:
            raise InputError(
                Issue(Problem.BEFORE_BIRTH, Field.DELIVERED_ON, delivered_on.isoformat())
            )
        people.set_pregnancy(tx, person_id, pregnant=pregnant, delivered_on=delivered_on)
        return Outcome(people.get_person(tx, person_id))

    return attempt(db, work, cadre_id=cadre_id)

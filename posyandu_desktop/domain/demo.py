"""A deterministic synthetic Posyandu: households, people, cadres and months of Posyandu days.

For demos, screenshots, tests and benchmarks. Everything comes from one `random.Random(seed)`
and the `today` passed in, so a seed always gives the same Posyandu. Names and streets are
invented; the place is a real kelurahan of Kota Bontang. Children's weights and lengths are drawn
on personal WHO z-tracks shifted to Indonesian levels (see `_LAZ_*`, `_WHZ_*`), so the z-scores,
N/T statuses and prevalences look like a real register. A few values are deliberately mistyped
(`DemoMeasurement.deliberate_typo`) to exercise the re-measure flags; everything else is plausible.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from posyandu_desktop.domain.growth.classify import KEK_BELOW_CM, LILA_CHILD_FROM_MONTHS, is_bgm
from posyandu_desktop.domain.growth.curves import value_for_age, weight_for_lenhei_at_z
from posyandu_desktop.domain.growth.standards import GrowthStandards
from posyandu_desktop.domain.growth.weight_gain import growth_statuses
from posyandu_desktop.domain.growth.zscore import (
    LYING_BEFORE_DAYS,
    Indicator,
    Position,
    weight_for_age,
)
from posyandu_desktop.domain.life_stage import (
    ADULT_FROM_YEARS,
    ELDERLY_FROM_YEARS,
    UNDER_FIVE_BELOW_MONTHS,
    VitaminACapsule,
    vitamin_a_due,
)
from posyandu_desktop.domain.people import DAYS_PER_MONTH, Age, Sex
from posyandu_desktop.domain.screenings import ScreeningAnswers
from posyandu_desktop.domain.vocabulary import (
    CadreRole,
    Desk,
    ServiceKind,
    TrainingGrade,
    VisitReason,
)

# The questionnaires the demo asks its adults: the TB screen, nobody with a symptom (no random
# draw, so the demo's numbers stay those of its seed).
_ADULT_ANSWERS = ScreeningAnswers(tb=frozenset())


class Relation(StrEnum):
    """Place in the household, as on the Kartu Keluarga."""

    HEAD = "head"  # kepala keluarga
    WIFE = "wife"  # istri
    CHILD = "child"  # anak
    PARENT = "parent"  # orang tua / mertua


@dataclass(frozen=True, slots=True)
class DemoHousehold:
    key: int
    head_name: str
    address: str  # street and house number; the kelurahan is the Posyandu's
    rt: int
    rw: int
    phone: str


@dataclass(frozen=True, slots=True)
class DemoPerson:
    key: int
    household_key: int
    name: str
    sex: Sex
    birth_date: date
    relation: Relation
    nik: str | None  # None for infants not registered yet: they go by `mother_nik`
    mother_nik: str | None = None  # children only (SATUSEHAT nik-ibu)
    mother_key: int | None = None
    father_key: int | None = None
    birth_weight_kg: float | None = None  # children who were balita during the window
    birth_length_cm: float | None = None


@dataclass(frozen=True, slots=True)
class DemoPregnancy:
    person_key: int
    hpht: date  # hari pertama haid terakhir, last menstrual period
    due_date: date  # HPHT + 280 days (Naegele)
    delivered_on: date | None  # None while still pregnant on `today`


@dataclass(frozen=True, slots=True)
class DemoCertificate:
    title: str
    issued_on: date
    issuer: str


@dataclass(frozen=True, slots=True)
class DemoCadre:
    key: int
    name: str
    sex: Sex
    nik: str
    phone: str
    role: CadreRole
    training_grade: TrainingGrade
    joined_on: date
    certificates: tuple[DemoCertificate, ...]


@dataclass(frozen=True, slots=True)
class DemoDay:
    key: int
    on: date


@dataclass(frozen=True, slots=True)
class DemoAttendance:
    """A cadre who came on a Posyandu day (absent cadres have no record)."""

    day_key: int
    cadre_key: int
    desk: Desk


@dataclass(frozen=True, slots=True)
class DemoMeasurement:
    person_key: int
    day_key: int
    on: date
    cadre_key: int  # who entered it
    weight_kg: float | None = None
    lenhei_cm: float | None = None  # as measured, in `position`
    position: Position | None = None
    headc_cm: float | None = None
    lila_cm: float | None = None
    waist_cm: float | None = None
    systolic_mmhg: int | None = None
    diastolic_mmhg: int | None = None
    glucose_mg_dl: int | None = None
    answers: ScreeningAnswers | None = None  # the life-stage questionnaires, when asked
    deliberate_typo: bool = False  # e.g. 95 kg for 9.5 kg: must be flagged for re-measurement


@dataclass(frozen=True, slots=True)
class DemoService:
    person_key: int
    day_key: int
    on: date
    kind: ServiceKind
    capsule: VitaminACapsule | None = None  # vitamin A only


@dataclass(frozen=True, slots=True)
class DemoHomeVisit:
    person_key: int
    cadre_key: int
    on: date
    reason: VisitReason
    after_day_key: int | None  # the Posyandu day that prompted it; None for a new baby


@dataclass(frozen=True, slots=True)
class DemoPosyandu:
    name: str
    kelurahan: str
    kecamatan: str
    kota: str
    puskesmas: str
    today: date
    households: tuple[DemoHousehold, ...]
    people: tuple[DemoPerson, ...]
    pregnancies: tuple[DemoPregnancy, ...]
    cadres: tuple[DemoCadre, ...]
    days: tuple[DemoDay, ...]  # oldest first, one per month, none after `today`
    attendance: tuple[DemoAttendance, ...]
    measurements: tuple[DemoMeasurement, ...]  # grouped by person, oldest first
    services: tuple[DemoService, ...]
    home_visits: tuple[DemoHomeVisit, ...]


_KELURAHAN, _KECAMATAN, _KOTA = "Api-Api", "Bontang Utara", "Kota Bontang"
# NIK area codes (docs/sources/nik.md): Kalimantan Timur 64, Kota Bontang 74, its three kecamatan
# 01-03. Which number is Bontang Utara was not verified against the Kemendagri list [U]; 01 is
# assumed.
_NIK_REGENCY = "6474"
_HOME_DISTRICT = 1
_STREETS = (
    "Jl. Bakau Raya", "Jl. Api-Api Indah", "Gg. Nuri", "Jl. Kenari", "Gg. Teratai",
    "Jl. Pesisir Baru", "Gg. Cempaka", "Jl. Pelita", "Gg. Kepiting", "Jl. Mangrove Asri",
    "Gg. Rukun", "Jl. Samudra", "Gg. Delima", "Jl. Flamboyan",
)  # fmt: skip
_POSYANDU_NAMES = ("Melati", "Mawar", "Anggrek", "Kenanga", "Dahlia", "Seroja")
_MEN = (
    "Muhammad", "Ahmad", "Rizky", "Andi", "Budi", "Agus", "Fajar", "Dimas", "Arif", "Hendra",
    "Irwan", "Syahrul", "Rahmat", "Aditya", "Bayu", "Yusuf", "Ilham", "Taufik", "Hasan",
    "Ridwan", "Wahyu", "Dedi", "Eko", "Akbar", "Fikri", "Hamzah", "Ismail", "Samuel", "Yohanes",
    "Firman", "Yudi", "Anwar", "Iwan", "Rudi", "Asrul", "Ardi",
)  # fmt: skip
_MEN_SECOND = (
    "Pratama", "Saputra", "Hidayat", "Setiawan", "Ramadhan", "Kurniawan", "Nugroho",
    "Firmansyah", "Maulana", "Hakim", "Wijaya", "Santoso", "Syahputra", "Ardiansyah", "Gunawan",
    "Prasetyo", "Rahman", "Fauzi", "Abdullah", "Saleh", "Rizky", "Akbar",
)  # fmt: skip
_WOMEN = (
    "Siti", "Nur", "Dewi", "Sri", "Fitri", "Rina", "Ayu", "Putri", "Aisyah", "Nabila", "Wulan",
    "Indah", "Ratna", "Sari", "Yuni", "Mega", "Intan", "Kartika", "Rahma", "Fatimah", "Dian",
    "Eka", "Rini", "Nurul", "Maria", "Hasna", "Anisa", "Lina", "Winda", "Desi",
)  # fmt: skip
_WOMEN_SECOND = (
    "Rahmawati", "Handayani", "Lestari", "Wulandari", "Permatasari", "Anggraini", "Safitri",
    "Kurniasih", "Maharani", "Amelia", "Ramadhani", "Oktaviani", "Aulia", "Utami", "Hasanah",
    "Rahayu", "Fitriani", "Susanti", "Nurhayati", "Puspitasari",
)  # fmt: skip
_BOYS = (
    "Arkan", "Zidan", "Alif", "Rafa", "Daffa", "Azka", "Kenzo", "Raffi", "Fathan", "Abizar",
    "Gibran", "Rayyan", "Muhammad", "Ahmad", "Rizky", "Farel", "Athar", "Bima",
)  # fmt: skip
_GIRLS = (
    "Aqila", "Keisha", "Naura", "Alya", "Zahra", "Humaira", "Khanza", "Shafa", "Aira", "Kirana",
    "Nadhira", "Syifa", "Azzahra", "Salsabila", "Aisyah", "Nayla", "Adiba", "Hafizah",
)  # fmt: skip
_ELDER_MEN = (
    "Sukardi", "Darman", "Suparman", "Muhammad Saleh", "Abdul Rahman", "Syamsuddin",
    "Baharuddin", "Jumadi", "Sunarto", "Mappiasse", "La Ode Hasim", "Daeng Tompo",
)  # fmt: skip
_ELDER_WOMEN = (
    "Sumiati", "Hasnah", "Saenab", "Juhriah", "Maemunah", "Suwarni", "Sitti Aminah",
    "Darmawati", "Sulastri", "Nurhayati", "Marhani", "Hadijah",
)  # fmt: skip
# Cellular prefixes of the Indonesian operators; the 0555 middle block marks the numbers as
# made up for a reader (no operator block is reserved for fiction in Indonesia).
_PHONE_PREFIXES = ("0811", "0812", "0813", "0821", "0852", "0853", "0857", "0877", "0895")


# SSGI 2022 (Kemenkes): stunting 21.6%, wasting 7.7%, underweight 17.1% nationally. Length-for-age
# falls from about -0.5 at birth to -1.2 by two years (the usual Indonesian pattern); with the
# personal offset's SD this puts ~20% below -2 SD. Weight-for-length ~ N(-0.45, 1): ~7% wasted.
_LAZ_AT_BIRTH, _LAZ_FROM_TWO_YEARS, _LAZ_SD = -0.5, -1.2, 1.05
_WHZ_MEAN, _WHZ_SD = -0.45, 1.0
# Month-to-month: an AR(1) wobble in weight-for-length, scale and board noise on top.
_WHZ_AR, _WHZ_STEP_SD = 0.7, 0.06
_LENGTH_NOISE_CM = 0.2
# 12% of children falter for 2-4 months, losing 0.25 SD a month, then slowly recover.
_FALTER_SHARE, _FALTER_STEP, _FALTER_RECOVERY = 0.12, 0.25, 0.8
# Tracks stay inside the WHO plausibility limits (docs/sources/who-zscores.md#flags) so only typos
# are flagged.
_Z_LOW, _Z_HIGH = -3.8, 3.2
# Kemenkes scales (Kepmenkes HK.01.07/MENKES/51/2022): baby scale 10 g, standing scale 100 g.
_BABY_SCALE_KG, _STANDING_SCALE_KG = 0.01, 0.1
# A child's attendance: most come nearly every month, some rarely (~15% absent months overall).
_ATTENDANCE = ((0.93, 0.75), (0.75, 0.2), (0.45, 0.05))  # (monthly chance, share of children)
# Riskesdas 2018: KEK in 17.3% of pregnant women (LILA < 23.5 cm, docs/sources/lila-muac.md).
_LILA_PREGNANT_MEAN, _LILA_PREGNANT_SD = 26.2, 2.9


@dataclass(slots=True)
class _Track:
    """A child's personal growth track (working state while generating)."""

    laz_offset: float
    whz_level: float
    hcz: float
    attendance: float
    falter_at: int  # index of the Posyandu day where faltering starts; -1 for none
    falter_months: int


@dataclass(slots=True)
class _Adult:
    """An adult's body and risk levels, stable across visits."""

    height_cm: float
    bmi: float
    waist_cm: float
    systolic: float
    diastolic: float
    glucose: float
    visit_chance: float


def generate(
    standards: GrowthStandards, *, seed: int, children: int = 60, months: int = 12, today: date
) -> DemoPosyandu:
    """A synthetic Posyandu with `children` balita on `today` and `months` monthly days."""
    if children < 0 or months < 1:
        raise ValueError("children must be >= 0 and months >= 1")
    return _Builder(standards, random.Random(seed), today, months).build(children)


class _Builder:
    def __init__(self, standards: GrowthStandards, rng: random.Random, today: date, months: int):
        self.standards, self.rng, self.today = standards, rng, today
        # The name first, so that a seed keeps its Posyandu whatever the size asked for.
        self.name = f"Posyandu {rng.choice(_POSYANDU_NAMES)} {rng.randint(1, 30)}"
        self.puskesmas = f"Puskesmas {_KECAMATAN} {rng.randint(1, 2)}"
        self.days = _posyandu_days(rng, today, months)
        self.households: list[DemoHousehold] = []
        self.people: list[DemoPerson] = []
        self.pregnancies: list[DemoPregnancy] = []
        self.cadres: list[DemoCadre] = []
        self.attendance: list[DemoAttendance] = []
        self.measurements: list[DemoMeasurement] = []
        self.services: list[DemoService] = []
        self.visits: list[DemoHomeVisit] = []
        self.tracks: dict[int, _Track] = {}
        self.adults: dict[int, _Adult] = {}
        self.present: dict[int, list[int]] = {}  # day key -> cadres who came
        self.pregnant: dict[int, list[tuple[date, date]]] = {}  # person key -> (HPHT, end)
        self.child_rows: list[int] = []  # indices of balita measurements, for the typos
        self.serials: defaultdict[str, int] = defaultdict(int)

    def build(self, children: int) -> DemoPosyandu:
        self._cadres()
        self._population(children)
        for p in self.pregnancies:
            self.pregnant.setdefault(p.person_key, []).append(
                (p.hpht, p.delivered_on or p.due_date)
            )
        for person in self.people:
            self._measure(person)
        for pregnancy in self.pregnancies:
            self._measure_pregnancy(pregnancy)
        self._mistype()
        return DemoPosyandu(
            name=self.name,
            kelurahan=_KELURAHAN,
            kecamatan=_KECAMATAN,
            kota=_KOTA,
            puskesmas=self.puskesmas,
            today=self.today,
            households=tuple(self.households),
            people=tuple(self.people),
            pregnancies=tuple(self.pregnancies),
            cadres=tuple(self.cadres),
            days=tuple(DemoDay(key, on) for key, on in enumerate(self.days, 1)),
            attendance=tuple(self.attendance),
            measurements=tuple(self.measurements),
            services=tuple(self.services),
            home_visits=tuple(self.visits),
        )

    def _name(self, sex: Sex, birth: date) -> str:
        rng = self.rng
        if birth.year < 1966:
            return rng.choice(_ELDER_MEN if sex is Sex.MALE else _ELDER_WOMEN)
        if birth.year >= 2012:
            first = rng.choice(_BOYS if sex is Sex.MALE else _GIRLS)
        else:
            first = rng.choice(_MEN if sex is Sex.MALE else _WOMEN)
        if rng.random() < 0.25:  # single names are common in Indonesia
            return first
        second = rng.choice(_MEN_SECOND if sex is Sex.MALE else _WOMEN_SECOND)
        return first if second == first else f"{first} {second}"

    def _nik(self, birth: date, sex: Sex, district: int = _HOME_DISTRICT) -> str:
        day = birth.day + (40 if sex is Sex.FEMALE else 0)  # docs/sources/nik.md
        prefix = f"{_NIK_REGENCY}{district:02d}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        self.serials[prefix] += 1  # one serial per area and birth date keeps NIKs unique
        return f"{prefix}{self.serials[prefix]:04d}"

    def _adult_nik(self, birth: date, sex: Sex) -> str:
        return self._nik(birth, sex, self.rng.choice((1, 1, 1, 2, 3)))  # some first lived elsewhere

    def _phone(self) -> str:
        return f"{self.rng.choice(_PHONE_PREFIXES)}-0555-{self.rng.randrange(10000):04d}"

    def _birth(self, min_years: float, max_years: float) -> date:
        return self.today - timedelta(days=int(self.rng.uniform(min_years, max_years) * 365.25))

    def _cadres(self) -> None:
        rng = self.rng
        grades = list(TrainingGrade)
        roles = [CadreRole.CHAIR, CadreRole.SECRETARY, CadreRole.TREASURER]
        roles += [CadreRole.MEMBER] * (rng.randint(5, 8) - len(roles))
        for key, role in enumerate(roles, 1):
            sex = Sex.FEMALE if rng.random() < 0.9 else Sex.MALE  # most cadres are women
            birth = self._birth(24, 58)
            joined = self.today - timedelta(days=rng.randint(300, 15 * 365))
            # The chair has usually been trained longest.
            grade = rng.choices(grades, (1, 3, 3) if role is CadreRole.CHAIR else (5, 3, 2))[0]
            certificates, issued = [], joined
            for level in grades[: grades.index(grade) + 1]:  # one certificate per grade reached
                issued = min(issued + timedelta(days=rng.randint(60, 700)), self.today)
                title = f"Pelatihan Kader Posyandu ILP tingkat {level.value.title()}"
                certificates.append(DemoCertificate(title, issued, "Dinas Kesehatan Kota Bontang"))
            self.cadres.append(
                DemoCadre(
                    key=key,
                    name=self._name(sex, birth),
                    sex=sex,
                    nik=self._adult_nik(birth, sex),
                    phone=self._phone(),
                    role=role,
                    training_grade=grade,
                    joined_on=joined,
                    certificates=tuple(certificates),
                )
            )
        desks = list(Desk)
        for day_key in range(1, len(self.days) + 1):
            # The chair always comes (she opens the day); the others most months.
            came = [c.key for c in self.cadres if c.role is CadreRole.CHAIR or rng.random() < 0.85]
            self.present[day_key] = came
            for i, cadre_key in enumerate(came):
                self.attendance.append(DemoAttendance(day_key, cadre_key, desks[i % len(desks)]))

    def _population(self, children: int) -> None:
        """Households until `children` balita (0-59 months on `today`) are registered."""
        under_five = 0
        while under_five < children:
            if len(self.households) % 9 == 8:
                self._elderly_household()
            else:
                under_five += self._family(children - under_five)

    def _household(self, head_name: str) -> int:
        rng = self.rng
        key = len(self.households) + 1
        address = f"{rng.choice(_STREETS)} No. {rng.randint(1, 140)}"
        rt, rw = rng.randint(1, 24), rng.randint(1, 4)
        self.households.append(DemoHousehold(key, head_name, address, rt, rw, self._phone()))
        return key

    def _family(self, balita_wanted: int) -> int:
        """A couple (or a mother alone) and their children; returns how many are balita."""
        rng, today = self.rng, self.today
        mother_birth = self._birth(19, 45)
        births: list[date] = []
        born = mother_birth + timedelta(days=int(rng.uniform(18, 30) * 365.25))
        while born <= today and len(births) < 4:
            births.append(born)
            born += timedelta(days=int(rng.uniform(15, 60) * DAYS_PER_MONTH))
        # Adults have moved out.
        births = [b for b in births if _months(b, today) < ADULT_FROM_YEARS * 12]
        balita = sum(_months(b, today) < UNDER_FIVE_BELOW_MONTHS for b in births)
        if balita > balita_wanted:  # never more balita than asked for: the youngest are dropped
            births, balita = births[: len(births) - balita + balita_wanted], balita_wanted
        # Families whose children were never balita during the window come less often: they
        # only bring school-age children and adults.
        window_balita = any(_months(b, self.days[0]) < UNDER_FIVE_BELOW_MONTHS for b in births)
        if not window_balita and rng.random() > 0.25:
            return 0

        mother_name = self._name(Sex.FEMALE, mother_birth)
        father_birth = mother_birth - timedelta(days=rng.randint(0, 8 * 365))
        father_name = self._name(Sex.MALE, father_birth) if rng.random() < 0.9 else None
        household = self._household(father_name or mother_name)
        father: DemoPerson | None = None
        if father_name is not None:
            father = self._adult_person(
                household, father_name, Sex.MALE, father_birth, Relation.HEAD
            )
        mother = self._adult_person(
            household,
            mother_name,
            Sex.FEMALE,
            mother_birth,
            Relation.WIFE if father else Relation.HEAD,
        )
        for birth in births:
            self._child(household, birth, mother, father)
        if rng.random() < 0.2:  # a grandparent living with them
            sex = rng.choice((Sex.MALE, Sex.FEMALE))
            self._adult_person(household, None, sex, self._birth(60, 82), Relation.PARENT)
        # Pregnant now: likelier with no child yet; not within a year of the last birth.
        can_be_pregnant = _months(mother_birth, today) < 42 * 12 and (
            not births or (today - births[-1]).days > 365
        )
        if can_be_pregnant and rng.random() < (0.15 if births else 0.5):
            hpht = today - timedelta(days=rng.randint(14, 270))
            self.pregnancies.append(DemoPregnancy(mother.key, hpht, hpht + timedelta(280), None))
        return balita

    def _child(
        self, household: int, birth: date, mother: DemoPerson, father: DemoPerson | None
    ) -> None:
        rng, st = self.rng, self.standards
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        # Many infants get their NIK (akta kelahiran, then a new KK) only months after birth.
        infant = (self.today - birth).days < 365
        nik = None if infant and rng.random() < 0.6 else self._nik(birth, sex)
        track = self._track() if _months(birth, self.days[0]) < UNDER_FIVE_BELOW_MONTHS else None
        birth_weight = birth_length = None
        if track is not None:  # written in the Buku KIA, copied at registration
            at_birth = Age(0, 0.0)
            laz = track.laz_offset + _LAZ_AT_BIRTH
            length = _must(value_for_age(st, _LHFA, sex, at_birth, laz))
            weight_z = _clip(0.6 * laz + rng.gauss(-0.1, 0.8))
            birth_length = round(length + rng.gauss(0, 0.3), 1)
            birth_weight = round(_must(value_for_age(st, _WFA, sex, at_birth, weight_z)), 2)
        child = DemoPerson(
            key=len(self.people) + 1,
            household_key=household,
            name=self._name(sex, birth),
            sex=sex,
            birth_date=birth,
            relation=Relation.CHILD,
            nik=nik,
            mother_nik=mother.nik,
            mother_key=mother.key,
            father_key=father.key if father else None,
            birth_weight_kg=birth_weight,
            birth_length_cm=birth_length,
        )
        self.people.append(child)
        if track is not None:
            self.tracks[child.key] = track
        if birth > self.days[0]:  # her pregnancy fell (partly) in the window
            hpht = birth - timedelta(days=rng.randint(259, 290))  # born at 37-41 weeks
            self.pregnancies.append(
                DemoPregnancy(mother.key, hpht, hpht + timedelta(days=280), birth)
            )

    def _adult_person(
        self, household: int, name: str | None, sex: Sex, birth: date, relation: Relation
    ) -> DemoPerson:
        name = name or self._name(sex, birth)
        nik = self._adult_nik(birth, sex)
        person = DemoPerson(len(self.people) + 1, household, name, sex, birth, relation, nik)
        self.people.append(person)
        self.adults[person.key] = self._adult(sex, birth)
        return person

    def _elderly_household(self) -> None:
        rng = self.rng
        sex = Sex.MALE if rng.random() < 0.6 else Sex.FEMALE  # widows often live alone
        birth = self._birth(60, 85)
        name = self._name(sex, birth)
        household = self._household(name)
        self._adult_person(household, name, sex, birth, Relation.HEAD)
        if sex is Sex.MALE and rng.random() < 0.7:
            wife_birth = min(birth + timedelta(days=rng.randint(0, 2500)), self._birth(60, 60))
            self._adult_person(household, None, Sex.FEMALE, wife_birth, Relation.WIFE)

    def _track(self) -> _Track:
        rng = self.rng
        chances, shares = zip(*_ATTENDANCE, strict=True)
        return _Track(
            laz_offset=rng.gauss(0.0, _LAZ_SD),
            whz_level=rng.gauss(_WHZ_MEAN, _WHZ_SD),
            hcz=rng.gauss(-0.2, 0.9),
            attendance=rng.choices(chances, shares)[0],
            falter_at=rng.randrange(len(self.days)) if rng.random() < _FALTER_SHARE else -1,
            falter_months=rng.randint(2, 4),
        )

    def _adult(self, sex: Sex, birth: date) -> _Adult:
        rng = self.rng
        elder = _months(birth, self.today) >= ELDERLY_FROM_YEARS * 12
        male = sex is Sex.MALE
        bmi = min(max(rng.gauss(24.0, 4.0), 16.0), 40.0)
        # Riskesdas 2018: hypertension by measurement in a third of adults, most elders; diabetes
        # in about one in ten (here: random glucose >= 200 mg/dL).
        systolic = min(max(rng.gauss(140, 20) if elder else rng.gauss(121, 14), 95), 210)
        # ILP serves adults, but few come every month; elders come most months.
        participates = rng.random() < (0.8 if elder else 0.2)
        return _Adult(
            height_cm=rng.gauss(162 if male else 151, 6) - (3 if elder else 0),
            bmi=bmi,
            waist_cm=2.3 * bmi + (31 if male else 27) + rng.gauss(0, 4),
            systolic=systolic,
            diastolic=0.45 * systolic + rng.gauss(24, 6),
            glucose=rng.gauss(240, 50) if rng.random() < 0.1 else rng.gauss(110, 18),
            visit_chance=(0.7 if elder else 0.35) if participates else 0.0,
        )

    def _measure(self, person: DemoPerson) -> None:
        track = self.tracks.get(person.key)
        if track is not None:
            self._measure_balita(person, track)
        if person.relation is Relation.CHILD and self.rng.random() < 0.15:
            self._measure_school_age(person)
        adult = self.adults.get(person.key)
        if adult is not None and adult.visit_chance > 0.0:
            self._measure_adult(person, adult)

    def _measure_balita(self, child: DemoPerson, track: _Track) -> None:
        rng, st, sex, birth = self.rng, self.standards, child.sex, child.birth_date
        weighings: list[tuple[date, float]] = []
        day_of: dict[date, int] = {}
        wobble = dip = 0.0
        for day_key, on, age in self._days_aged(birth, 0.0, 60.0):
            wobble = _WHZ_AR * wobble + rng.gauss(0.0, _WHZ_STEP_SD)
            falter = track.falter_at <= day_key - 1 < track.falter_at + track.falter_months
            dip = dip - _FALTER_STEP if falter else dip * _FALTER_RECOVERY
            if rng.random() > track.attendance:
                if rng.random() < 0.5:
                    self._visit(child.key, on, VisitReason.ABSENT_FROM_WEIGHING, day_key)
                continue
            laz = _clip(_laz_mean(age.months) + track.laz_offset)
            whz = _clip(track.whz_level + wobble + dip)
            lying = age.days < LYING_BEFORE_DAYS  # length lying before 731 days (WHO, Permenkes)
            length = _must(value_for_age(st, _LHFA, sex, age, laz))
            weight = weight_for_lenhei_at_z(st, sex, age, length, whz)
            if weight is None:  # shorter than 45 cm: no weight-for-length row
                weight = _must(value_for_age(st, _WFA, sex, age, (laz + whz) / 2))
            scale = _BABY_SCALE_KG if lying else _STANDING_SCALE_KG
            weight_kg = round(round(weight / scale) * scale, 2)
            headc = lila = None
            if lying and rng.random() < 0.5:
                hc = value_for_age(st, _HCFA, sex, age, _clip(track.hcz + rng.gauss(0, 0.15)))
                headc = round(_must(hc), 1)
            if age.months >= LILA_CHILD_FROM_MONTHS and rng.random() < 0.15:  # LILA screening
                acz = _clip(0.8 * whz + rng.gauss(0, 0.4))
                lila = round(_must(value_for_age(st, _ACFA, sex, age, acz)), 1)
            self.child_rows.append(len(self.measurements))
            self.measurements.append(
                DemoMeasurement(
                    child.key,
                    day_key,
                    on,
                    rng.choice(self.present[day_key]),
                    weight_kg=weight_kg,
                    lenhei_cm=round(length + rng.gauss(0, _LENGTH_NOISE_CM), 1),
                    position=Position.LYING if lying else Position.STANDING,
                    headc_cm=headc,
                    lila_cm=lila,
                )
            )
            weighings.append((on, weight_kg))
            day_of[on] = day_key
            capsule = vitamin_a_due(birth, on)
            if capsule is not None:  # Bulan Vitamin A; deworming with it from 12 months
                self.services.append(
                    DemoService(child.key, day_key, on, ServiceKind.VITAMIN_A, capsule)
                )
                if capsule is VitaminACapsule.RED:
                    self.services.append(DemoService(child.key, day_key, on, ServiceKind.DEWORMING))
            if whz < -2.0:  # PMT for wasted children
                self.services.append(DemoService(child.key, day_key, on, ServiceKind.PMT))
            if is_bgm(weight_for_age(st, sex, age, weight_kg)):
                self._visit(child.key, on, VisitReason.BGM, day_key)
        for result in growth_statuses(birth, weighings).results:
            if result.two_t:
                self._visit(child.key, result.on, VisitReason.TWO_T, day_of[result.on])
        if birth >= self.days[0]:
            self._visit(child.key, birth, VisitReason.NEW_BABY, None)

    def _measure_school_age(self, person: DemoPerson) -> None:
        """A few school-age children and adolescents, measured now and then (WHO 2007)."""
        rng, st, sex = self.rng, self.standards, person.sex
        hfa_z, bfa_z = _clip(rng.gauss(-0.8, 1.0)), _clip(rng.gauss(-0.2, 1.1))
        for day_key, on, age in self._days_aged(person.birth_date, 61.0, ADULT_FROM_YEARS * 12.0):
            if rng.random() > 0.3:
                continue
            height = _must(value_for_age(st, _LHFA, sex, age, hfa_z))
            bmi = _must(value_for_age(st, _BFA, sex, age, bfa_z))
            years = age.months / 12
            lila = None
            if sex is Sex.FEMALE and years >= 10:  # LILA for remaja putri
                lila = round(rng.gauss(18 + 0.6 * years, 1.5), 1)
            systolic = diastolic = None
            if years >= 15:  # blood pressure from 15 years (docs/sources/ilp-life-stages.md)
                systolic = round(rng.gauss(110, 9))
                diastolic = round(0.5 * systolic + rng.gauss(17, 5))
            self.measurements.append(
                DemoMeasurement(
                    person.key,
                    day_key,
                    on,
                    rng.choice(self.present[day_key]),
                    weight_kg=round(bmi * (height / 100) ** 2, 1),
                    lenhei_cm=round(height + rng.gauss(0, 0.2), 1),
                    position=Position.STANDING,
                    lila_cm=lila,
                    systolic_mmhg=systolic,
                    diastolic_mmhg=diastolic,
                )
            )

    def _measure_adult(self, person: DemoPerson, adult: _Adult) -> None:
        rng = self.rng
        pregnant = self.pregnant.get(person.key, ())
        height_taken = False
        for day_key, on in enumerate(self.days, 1):
            if rng.random() > adult.visit_chance or any(a <= on <= b for a, b in pregnant):
                continue
            weight = adult.bmi * (adult.height_cm / 100) ** 2 * (1 + rng.gauss(0, 0.01))
            glucose = round(adult.glucose + rng.gauss(0, 12)) if rng.random() < 0.4 else None
            self.measurements.append(
                DemoMeasurement(
                    person.key,
                    day_key,
                    on,
                    rng.choice(self.present[day_key]),
                    weight_kg=round(weight, 1),
                    # Height once, at the first visit in the window.
                    lenhei_cm=None if height_taken else round(adult.height_cm, 1),
                    position=None if height_taken else Position.STANDING,
                    waist_cm=round(adult.waist_cm + rng.gauss(0, 1), 1),
                    systolic_mmhg=round(adult.systolic + rng.gauss(0, 6)),
                    diastolic_mmhg=round(adult.diastolic + rng.gauss(0, 4)),
                    glucose_mg_dl=glucose,
                    answers=_ADULT_ANSWERS,
                )
            )
            height_taken = True

    def _measure_pregnancy(self, pregnancy: DemoPregnancy) -> None:
        rng = self.rng
        adult = self.adults[pregnancy.person_key]
        lila_cm = rng.gauss(_LILA_PREGNANT_MEAN, _LILA_PREGNANT_SD)
        before_kg = adult.bmi * (adult.height_cm / 100) ** 2
        # Some hypertension in pregnancy (>= 140/90), the rest normal for young women.
        systolic = rng.gauss(148, 8) if rng.random() < 0.06 else rng.gauss(111, 9)
        first = pregnancy.hpht + timedelta(days=42)  # a pregnancy is known from ~6 weeks
        end = pregnancy.delivered_on or self.today + timedelta(days=1)
        for day_key, on in enumerate(self.days, 1):
            if not first <= on < end or rng.random() > 0.85:
                continue
            weeks = (on - pregnancy.hpht).days / 7
            gain_kg = 0.5 + 0.42 * max(weeks - 13, 0.0)  # ~0.4 kg a week from the 2nd trimester
            lila = round(lila_cm + rng.gauss(0, 0.2), 1)
            sys_mmhg = round(systolic + rng.gauss(0, 5))
            self.measurements.append(
                DemoMeasurement(
                    pregnancy.person_key,
                    day_key,
                    on,
                    rng.choice(self.present[day_key]),
                    weight_kg=round(before_kg + gain_kg + rng.gauss(0, 0.3), 1),
                    lila_cm=lila,
                    systolic_mmhg=sys_mmhg,
                    diastolic_mmhg=round(0.55 * sys_mmhg + rng.gauss(12, 4)),
                    answers=ScreeningAnswers(
                        tb=frozenset(), hpht=pregnancy.hpht, danger_signs=frozenset()
                    ),
                )
            )
            self.services.append(
                DemoService(pregnancy.person_key, day_key, on, ServiceKind.IRON_TABLETS)
            )
            if lila < KEK_BELOW_CM:  # PMT for pregnant women with KEK
                self.services.append(
                    DemoService(pregnancy.person_key, day_key, on, ServiceKind.PMT)
                )

    def _days_aged(
        self, birth: date, from_months: float, below_months: float
    ) -> Iterator[tuple[int, date, Age]]:
        """The Posyandu days (key, date, age) when someone born on `birth` is in the age band."""
        for index in range(bisect_left(self.days, birth), len(self.days)):
            on = self.days[index]
            days = (on - birth).days
            age = Age(days, days / DAYS_PER_MONTH)  # as Age.between, without its checks
            if age.months >= below_months:
                return
            if age.months >= from_months:
                yield index + 1, on, age

    def _visit(
        self, person_key: int, after: date, reason: VisitReason, day_key: int | None
    ) -> None:
        """A home visit 1-7 days after `after`, if that is not after today."""
        rng = self.rng
        on = after + timedelta(days=rng.randint(1, 7))
        if on <= self.today:
            cadre = rng.choice(self.cadres).key
            self.visits.append(DemoHomeVisit(person_key, cadre, on, reason, day_key))

    def _mistype(self) -> None:
        """A handful of typos a cadre might make (decimal point slipped), marked as such."""
        rng, rows = self.rng, self.child_rows
        for i in rng.sample(rows, min(len(rows), max(2, len(rows) // 250))):
            m = self.measurements[i]
            if m.lenhei_cm is not None and rng.random() < 0.3:  # 87.0 typed as 8.7
                typo = replace(m, lenhei_cm=round(m.lenhei_cm / 10, 2), deliberate_typo=True)
            else:  # 9.5 typed as 95 (every balita measurement has a weight)
                typo = replace(
                    m, weight_kg=round((m.weight_kg or 0.0) * 10, 2), deliberate_typo=True
                )
            self.measurements[i] = typo


_LHFA, _WFA, _BFA = Indicator.LENGTH_HEIGHT_FOR_AGE, Indicator.WEIGHT_FOR_AGE, Indicator.BMI_FOR_AGE
_HCFA, _ACFA = Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, Indicator.ARM_CIRCUMFERENCE_FOR_AGE


def _posyandu_days(rng: random.Random, today: date, months: int) -> list[date]:
    """One day a month, oldest first, on the Posyandu's own date moved off the weekend."""
    day_of_month = rng.randint(5, 20)  # "setiap tanggal 12": each Posyandu keeps its date
    days: list[date] = []
    year, month = today.year, today.month
    while len(days) < months:
        on = date(year, month, day_of_month)
        on += timedelta(days={5: -1, 6: 1}.get(on.weekday(), 0))  # Sat -> Fri, Sun -> Mon
        if on <= today:
            days.append(on)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days[::-1]


def _months(birth: date, on: date) -> float:
    return (on - birth).days / DAYS_PER_MONTH


def _laz_mean(age_months: float) -> float:
    return _LAZ_AT_BIRTH + (_LAZ_FROM_TWO_YEARS - _LAZ_AT_BIRTH) * min(age_months, 24.0) / 24.0


def _clip(z: float) -> float:
    return min(max(z, _Z_LOW), _Z_HIGH)


def _must(value: float | None) -> float:
    # The tracks stay within +/-4 SD and the ages inside the tables, so a value always exists.
    assert value is not None
    return value

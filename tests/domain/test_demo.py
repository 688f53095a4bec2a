"""The synthetic Posyandu: deterministic, valid NIKs, WHO-like growth, and coherent records."""

import statistics
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import cache

import pytest

from posyandu_desktop.domain.competence import SkillAssessment, stratum
from posyandu_desktop.domain.demo import (
    DemoCadre,
    DemoHomeVisit,
    DemoMeasurement,
    DemoPerson,
    DemoPosyandu,
    DemoService,
    Relation,
    generate,
)
from posyandu_desktop.domain.growth import Indicator, Measurements, Position, assess
from posyandu_desktop.domain.growth.weight_gain import (
    GrowthStatus,
    completed_months,
    growth_statuses,
)
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.nik import compare_nik, parse_nik
from posyandu_desktop.domain.people import Age
from posyandu_desktop.domain.vocabulary import ServiceKind, TrainingGrade, VisitReason
from posyandu_desktop.settings import cadre_competence, who_standards

TODAY = date(2025, 3, 20)
CHILDREN, MONTHS = 300, 24


@cache
def demo() -> DemoPosyandu:
    return generate(who_standards(), seed=7, children=CHILDREN, months=MONTHS, today=TODAY)


@cache
def people() -> dict[int, DemoPerson]:
    return {p.key: p for p in demo().people}


def balita_rows() -> list[tuple[DemoPerson, Age, Measurements, bool]]:
    """Every measurement of a child under 60 months: (child, age, measurements, typo)."""
    rows = []
    for m in demo().measurements:
        person = people()[m.person_key]
        age = Age.between(person.birth_date, m.on)
        assert age is not None
        if person.relation is Relation.CHILD and age.months < 60:
            measured = Measurements(
                person.sex, age, m.weight_kg, m.lenhei_cm, m.position, m.headc_cm, m.lila_cm
            )
            rows.append((person, age, measured, m.deliberate_typo))
    return rows


def test_a_seed_gives_the_same_posyandu_and_another_seed_another() -> None:
    standards = who_standards()
    first = generate(standards, seed=3, children=40, months=6, today=TODAY)
    assert first == generate(standards, seed=3, children=40, months=6, today=TODAY)
    other = generate(standards, seed=4, children=40, months=6, today=TODAY)
    assert other.people != first.people and other.measurements != first.measurements


def test_size_days_and_cadres() -> None:
    d = demo()
    balita = [
        p
        for p in d.people
        if p.relation is Relation.CHILD and completed_months(p.birth_date, TODAY) < 60
    ]
    assert len(balita) == CHILDREN
    assert len(d.days) == MONTHS
    ons = [day.on for day in d.days]
    assert ons == sorted(ons) and ons[-1] <= TODAY
    assert len({(on.year, on.month) for on in ons}) == MONTHS  # one a month
    assert all(on.weekday() < 5 for on in ons)  # never on a weekend
    assert 5 <= len(d.cadres) <= 8
    for cadre in d.cadres:
        assert len(cadre.certificates) == 1 + list(type(cadre.training_grade)).index(
            cadre.training_grade
        )
        assert cadre.phone.startswith("08")
    assert 0 < len(d.attendance) <= len(d.days) * len(d.cadres)
    assert generate(who_standards(), seed=1, children=0, months=1, today=TODAY).people == ()


def test_keys_refer_to_existing_records() -> None:
    d = demo()
    households = {h.key for h in d.households}
    day_of = {day.key: day.on for day in d.days}
    cadres = {c.key for c in d.cadres}
    for p in d.people:
        assert p.household_key in households
        assert p.mother_key is None or people()[p.mother_key].sex.value == 2
        assert p.father_key is None or people()[p.father_key].sex.value == 1
    for m in d.measurements:
        assert m.person_key in people() and m.cadre_key in cadres and day_of[m.day_key] == m.on
    for s in d.services:
        assert s.person_key in people() and day_of[s.day_key] == s.on
    for a in d.attendance:
        assert a.day_key in day_of and a.cadre_key in cadres
    for v in d.home_visits:
        assert v.person_key in people() and v.cadre_key in cadres
        assert v.after_day_key is None or day_of[v.after_day_key] < v.on


def test_every_nik_is_valid_unique_and_agrees_with_the_person() -> None:
    d = demo()
    niks = [p.nik for p in d.people if p.nik] + [c.nik for c in d.cadres]
    assert len(niks) == len(set(niks))
    whos: list[DemoPerson | DemoCadre] = [*d.people, *d.cadres]
    for who in whos:
        if who.nik is None:
            continue
        result = parse_nik(who.nik, today=TODAY)
        assert result.ok and not result.problems and result.info is not None, who
        assert result.info.regency_code == "6474"  # Kota Bontang, Kalimantan Timur
        assert result.info.district_code[4:] in ("01", "02", "03")
        birth = who.birth_date if isinstance(who, DemoPerson) else None
        assert compare_nik(result.info, birth_date=birth, sex=who.sex) == (), who
    # Infants without a NIK yet are registered with their mother's.
    without = [p for p in d.people if p.nik is None]
    assert without
    for p in without:
        assert p.relation is Relation.CHILD and (TODAY - p.birth_date).days < 365
        assert p.mother_key is not None and p.mother_nik == people()[p.mother_key].nik


def test_growth_follows_indonesian_levels_of_the_who_distributions() -> None:
    standards = who_standards()
    laz, whz = [], []
    for _, _, measured, typo in balita_rows():
        scores = assess(standards, measured)
        flagged = [i for i, z in scores.scores.items() if z.flagged]
        assert bool(flagged) == typo, (measured, flagged)  # only the deliberate typos
        if not typo:
            laz.append(scores[Indicator.LENGTH_HEIGHT_FOR_AGE].rounded)
            whz.append(scores[Indicator.WEIGHT_FOR_LENGTH_HEIGHT].rounded)
    assert all(z is not None for z in laz)
    lazs = [z for z in laz if z is not None]
    whzs = [z for z in whz if z is not None]
    assert -1.3 <= statistics.mean(lazs) <= -0.5
    assert 0.10 <= sum(z < -2 for z in lazs) / len(lazs) <= 0.35  # stunting
    assert 0.03 <= sum(z < -2 for z in whzs) / len(whzs) <= 0.15  # wasting
    assert sum(typo for *_, typo in balita_rows()) >= 2


def test_measured_as_the_instruments_allow() -> None:
    for _, age, measured, typo in balita_rows():
        if typo:
            continue
        lying = age.days < 731
        assert measured.position is (Position.LYING if lying else Position.STANDING)
        assert measured.weight_kg is not None and measured.lenhei_cm is not None
        decimals = 2 if lying else 1  # baby scale 10 g, standing scale 100 g
        assert round(measured.weight_kg, decimals) == measured.weight_kg
        assert round(measured.lenhei_cm, 1) == measured.lenhei_cm
        assert measured.headc_cm is None or lying


def test_some_children_do_not_gain_and_some_months_are_missed() -> None:
    statuses: Counter[GrowthStatus] = Counter()
    two_t = 0
    by_child: defaultdict[int, list[tuple[date, float]]] = defaultdict(list)
    for m in demo().measurements:
        person = people()[m.person_key]
        balita = person.relation is Relation.CHILD and (m.on - person.birth_date).days < 1826
        if balita and not m.deliberate_typo and m.weight_kg:
            by_child[person.key].append((m.on, m.weight_kg))
    for key, ws in by_child.items():
        for result in growth_statuses(people()[key].birth_date, ws).results:
            statuses[result.status] += 1
            two_t += result.two_t
    assert statuses[GrowthStatus.T] > 0 and two_t > 0 and statuses[GrowthStatus.O] > 0
    assert statuses[GrowthStatus.N] > statuses[GrowthStatus.T] / 2
    # Missed months: the children under five on a day who were not weighed that day.
    expected = sum(
        1
        for key in by_child
        for day in demo().days
        if 0 <= (day.on - people()[key].birth_date).days < 1826
    )
    missed = 1 - sum(len(ws) for ws in by_child.values()) / expected
    assert 0.05 <= missed <= 0.30
    reasons = Counter(v.reason for v in demo().home_visits)
    generated = (
        VisitReason.ABSENT_FROM_WEIGHING,
        VisitReason.TWO_T,
        VisitReason.BGM,
        VisitReason.NEW_BABY,
    )
    assert all(reasons[r] > 0 for r in generated)


def test_vitamin_a_only_in_february_and_august_with_the_capsule_for_the_age() -> None:
    given = [s for s in demo().services if s.kind is ServiceKind.VITAMIN_A]
    assert {s.capsule for s in given} == {VitaminACapsule.BLUE, VitaminACapsule.RED}
    for s in given:
        assert s.on.month in (2, 8)
        months = completed_months(people()[s.person_key].birth_date, s.on)
        assert 6 <= months < 60
        assert s.capsule is (VitaminACapsule.BLUE if months < 12 else VitaminACapsule.RED)
    kinds = {s.kind for s in demo().services}
    assert kinds == {
        ServiceKind.VITAMIN_A,
        ServiceKind.DEWORMING,
        ServiceKind.IRON_TABLETS,
        ServiceKind.PMT,
    }


def test_dates_are_after_birth_and_not_after_today() -> None:
    d = demo()
    records: list[DemoMeasurement | DemoService | DemoHomeVisit] = [
        *d.measurements,
        *d.services,
        *d.home_visits,
    ]
    for record in records:
        assert people()[record.person_key].birth_date <= record.on <= TODAY
    for p in d.people:
        assert p.birth_date <= TODAY


def test_pregnant_women_adults_and_elders() -> None:
    d = demo()
    pregnant_keys = {p.person_key for p in d.pregnancies}
    assert any(p.delivered_on is None for p in d.pregnancies)  # pregnant today
    for p in d.pregnancies:
        assert p.due_date == p.hpht + timedelta(days=280)
        assert people()[p.person_key].sex.value == 2
    lila = [m.lila_cm for m in d.measurements if m.person_key in pregnant_keys and m.lila_cm]
    kek = sum(x < 23.5 for x in lila) / len(lila)
    assert 0.05 < kek < 0.4
    adults = [m for m in d.measurements if m.systolic_mmhg is not None]
    hypertensive = [
        m for m in adults if (m.systolic_mmhg or 0) >= 140 or (m.diastolic_mmhg or 0) >= 90
    ]
    assert 0 < len(hypertensive) < len(adults)
    assert any(m.glucose_mg_dl for m in adults) and any(m.waist_cm for m in adults)
    elders = [p for p in d.people if (TODAY - p.birth_date).days >= 60 * 365.25]
    assert elders and any(m.person_key in {e.key for e in elders} for m in adults)
    school_age = {
        m.person_key
        for m in d.measurements
        if people()[m.person_key].relation is Relation.CHILD
        and completed_months(people()[m.person_key].birth_date, m.on) >= 61
    }
    assert school_age


def test_a_large_posyandu_is_quick() -> None:
    # The benchmark builds ~10,000 people; 500 balita over 24 months takes ~0.3-0.5 s here.
    # Generous bound: only a pathological slowdown should fail on a busy CI machine.
    start = time.perf_counter()
    d = generate(who_standards(), seed=1, children=500, months=24, today=TODAY)
    assert time.perf_counter() - start < 5.0
    assert len(d.measurements) > 10_000


@pytest.mark.parametrize("today", [date(2024, 2, 29), date(2025, 12, 31), date(2026, 1, 3)])
def test_any_today(today: date) -> None:
    d = generate(who_standards(), seed=11, children=30, months=13, today=today)
    assert d.days[-1].on <= today and len(d.days) == 13


def test_each_demo_cadres_assessed_skills_give_her_training_grade() -> None:
    framework = cadre_competence()
    for cadre in demo().cadres:
        found = [
            SkillAssessment(code, True, on, "Tim Puskesmas") for code, on in cadre.skills_passed
        ]
        assert stratum(framework, found) is cadre.training_grade, cadre.name
        assert len(cadre.certificates) == list(TrainingGrade).index(cadre.training_grade) + 1
        assert all(c.number for c in cadre.certificates)

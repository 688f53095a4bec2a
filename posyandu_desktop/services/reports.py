"""What is printed: the monthly report, the growth card and the typing aids (registers).

The printed outputs' data: one month's F2 report and one child's KMS card, each read in one
transaction and handed to `reports` as frozen plain values.

The typing aids drawn from the registry: the month's e-PPGBM entry pack and the year's SIP
register, each read in one transaction and handed to `reports` as plain values.

The printed outputs as files: a child's KMS card and the monthly report, written as PDFs with
names a person can read in a folder (the UI opens them in the system viewer, which prints).

The ILP page of a month (domain/ilp_report.py) from the registry: who was seen in which life
stage, what their values and answers show, and the services given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import growth_statuses
from posyandu_desktop.domain.growth.zscore import LYING_BEFORE_DAYS
from posyandu_desktop.domain.health_check import assess_health
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.ilp_report import (
    IlpMonth,
    IlpService,
    IlpVisit,
    ilp_month,
    judged_and_found,
)
from posyandu_desktop.domain.life_stage import (
    ADOLESCENT_FROM_YEARS,
    ADULT_FROM_YEARS,
    UNDER_FIVE_BELOW_MONTHS,
    LifeStage,
    VitaminACapsule,
    capsule_for_age,
    life_stage,
)
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.reports.data import (
    CardChart,
    CardMonth,
    GrowthCardData,
    MonthlyReportData,
    PosyanduHeader,
)
from posyandu_desktop.reports.eppgbm_pack import (
    EppgbmPack,
    PackRow,
    write_pack,
)
from posyandu_desktop.reports.growth_card import write_growth_card
from posyandu_desktop.reports.monthly_report import write_monthly_report
from posyandu_desktop.reports.sip_register import SipRegister, SipRow, write_register
from posyandu_desktop.services.people import growth_chart_points
from posyandu_desktop.settings import immunisation_schedule, resource_path
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadres, exports, measurements, people, posyandu
from posyandu_desktop.store.queries.exports import ChildRow, PersonRow, TakenRow
from posyandu_desktop.store.records import PosyanduRecord

__all__ = [
    "EppgbmPack",
    "GrowthCardData",
    "MonthlyReportData",
    "SipRegister",
    "cadre_performance",
    "eppgbm_pack",
    "growth_card_data",
    "growth_card_file_name",
    "monthly_report_data",
    "print_growth_card",
    "print_monthly_report",
    "sip_register",
    "this_posyandu_id",
    "write_eppgbm_pack",
    "write_sip_register",
]

# Page 1 of the card: the KMS (weight-for-age); page 2: length/height, weight-for-length/height
# and head circumference of the first two years.
_CARD_CHARTS = (
    Chart.WEIGHT_FOR_AGE_0_24,
    Chart.WEIGHT_FOR_AGE_24_60,
    Chart.LENGTH_FOR_AGE_0_24,
    Chart.HEIGHT_FOR_AGE_24_60,
    Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24,
)


def _header(found: PosyanduRecord | None) -> PosyanduHeader:
    if found is None:
        return PosyanduHeader("")
    return PosyanduHeader(found.name, found.kelurahan, found.kecamatan, found.kota, found.puskesmas)


def _local_midnight(on: date) -> datetime:
    return datetime.combine(on, time()).astimezone()


@dataclass(frozen=True, slots=True)
class _Read:
    posyandu: PosyanduHeader
    inputs: ind.MonthInputs
    ilp: IlpMonth


def _read_month(tx: Tx, posyandu_id: int, year: int, month: int, today: date) -> _Read:
    first, last = ind.month_bounds(year, month)
    persons = exports.people(tx)
    rows = exports.measurements_until(tx, last)
    next_month = Period(year, month).plus(1).first_day
    by_id = {p.id: p for p in persons}
    children = tuple(
        ind.Child(p.id, p.name, p.sex, p.birth_date, p.left_on, p.kia_book_seen)
        # Anyone under five at some point of the trend window (S is decided per month).
        for p in persons
        if completed_months(p.birth_date, max(p.birth_date, last)) < UNDER_FIVE_BELOW_MONTHS + 12
    )
    child_ids = {c.person_id for c in children}
    child_rows = tuple(
        ind.ChildMeasurement(
            r.person_id,
            r.measured_on,
            r.id,
            r.weight_kg,
            r.growth_status,
            r.two_t,
            r.wfa_category,
            r.lhfa_category,
            r.wflh_category,
            r.bfa_category,
            r.oedema,
            r.lila_cm,
        )
        for r in rows
        if r.person_id in child_ids
    )
    in_month = [r for r in rows if r.measured_on >= first]
    adult_rows = tuple(
        ind.AdultMeasurement(
            r.person_id,
            p.name,
            p.birth_date,
            r.measured_on,
            r.id,
            r.systolic_mmhg,
            r.diastolic_mmhg,
            r.lila_cm,
            ind.pregnant_on(
                r.measured_on, pregnant_now=p.pregnant, delivered_on=p.delivered_on, today=today
            ),
        )
        for r in in_month
        if (p := by_id[r.person_id]) and (r.systolic_mmhg is not None or r.lila_cm is not None)
    )
    team = cadres.cadres(tx, posyandu_id)
    inputs = ind.MonthInputs(
        year=year,
        month=month,
        children=children,
        child_measurements=child_rows,
        adult_measurements=adult_rows,
        services=tuple(ind.ServiceGiven(*s) for s in exports.services_between(tx, first, last)),
        home_visits=tuple(ind.HomeVisit(*v) for v in exports.home_visits_between(tx, first, last)),
        cadres=tuple(ind.Cadre(c.id, c.name, c.active) for c in team),
        sessions=tuple(
            ind.Session(*s) for s in exports.sessions_between(tx, posyandu_id, first, last)
        ),
        work=tuple(ind.CadreWork(r.entered_by, r.person_id, r.measured_on) for r in in_month),
        corrections=exports.corrections_by_cadre(
            tx, _local_midnight(first), _local_midnight(next_month)
        ),
    )
    ilp = ilp_of_month(tx, persons, year, month, today=today)
    return _Read(_header(posyandu.get_posyandu(tx, posyandu_id)), inputs, ilp)


def this_posyandu_id(db: Database) -> int | None:
    """This laptop's Posyandu (the first set up), or None before set-up."""
    with db.reading() as tx:
        found = posyandu.first_posyandu(tx)
    return None if found is None else found.id


def monthly_report_data(
    db: Database, posyandu_id: int, year: int, month: int, *, today: date | None = None
) -> MonthlyReportData:
    """Every number of the month's F2 report, the 12-month trend and the cadre sheet.
    `today` dates the current pregnancies (default: the real today)."""
    with db.reading() as tx:
        read = _read_month(tx, posyandu_id, year, month, today or date.today())
    return MonthlyReportData(
        read.posyandu, year, month, ind.monthly_indicators(read.inputs), read.ilp
    )


@dataclass(frozen=True, slots=True)
class MonthReport:
    """The month's report and, for the puskesmas recap, the children it counted one by one."""

    data: MonthlyReportData
    roster: tuple[ind.RosterChild, ...]
    kek_person_ids: frozenset[int]


def month_report(
    db: Database, posyandu_id: int, year: int, month: int, *, today: date
) -> MonthReport:
    """`monthly_report_data` with the per-child roster the SKDN was counted from."""
    with db.reading() as tx:
        read = _read_month(tx, posyandu_id, year, month, today)
    indicators = ind.monthly_indicators(read.inputs)
    return MonthReport(
        MonthlyReportData(read.posyandu, year, month, indicators, read.ilp),
        ind.month_roster(read.inputs),
        frozenset(p.person_id for p in indicators.kek_pregnant),
    )


def cadre_performance(
    db: Database, posyandu_id: int, year: int, month: int
) -> tuple[ind.CadrePerformance, ...]:
    """The month's cadre performance sheet: sessions attended, people measured, home visits
    and records corrected per cadre."""
    return monthly_report_data(db, posyandu_id, year, month).cadre_performance


def growth_card_data(db: Database, person_id: PersonId) -> GrowthCardData | None:
    """One child's KMS card: header, WHO charts with the child's points, the monthly rows;
    None when there is no such person."""
    with db.reading() as tx:
        person = people.get_person(tx, person_id)
        if person is None:
            return None
        mother = None if person.mother_id is None else people.get_person(tx, person.mother_id)
        history = measurements.history(tx, person_id)
        capsules = [
            s
            for s in people.services_of(tx, person_id)
            if s.kind is ServiceKind.VITAMIN_A and s.capsule is not None
        ]
        found = posyandu.first_posyandu(tx)
    last_age = (history[-1].measured_on - person.birth_date).days if history else 0
    wfl = (
        Chart.WEIGHT_FOR_LENGTH_45_110
        if last_age < LYING_BEFORE_DAYS
        else Chart.WEIGHT_FOR_HEIGHT_65_120
    )
    charts = []
    for chart in (*_CARD_CHARTS[:4], wfl, _CARD_CHARTS[4]):
        drawn = growth_chart_points(chart, person, history)  # the profile screen's own points
        charts.append(
            CardChart(
                chart,
                tuple((c.z, c.points) for c in drawn.curves),
                tuple((p.x, p.value) for p in drawn.points),
            )
        )
    # The month's weighing is its last one, which carries the stored KMS status (_growth.py).
    weighed = {}
    for w in history:
        if w.values.weight_kg is not None and w.measured_on >= person.birth_date:
            weighed[(w.measured_on.year, w.measured_on.month)] = w
    kg = [(m.measured_on, m.values.weight_kg.value) for m in weighed.values() if m.values.weight_kg]
    gains = {
        (r.on.year, r.on.month): r.gain_g for r in growth_statuses(person.birth_date, kg).results
    }
    doses = {(s.given_on.year, s.given_on.month): s for s in capsules}
    months = []
    for key in sorted(set(weighed) | set(doses)):
        m, dose = weighed.get(key), doses.get(key)
        on = m.measured_on if m is not None else dose.given_on if dose is not None else None
        assert on is not None
        months.append(
            CardMonth(
                key[0],
                key[1],
                completed_months(person.birth_date, max(on, person.birth_date)),
                None if m is None or m.values.weight_kg is None else m.values.weight_kg.value,
                gains.get(key),
                None if m is None else m.findings.growth_status,
                None if dose is None else dose.capsule,
            )
        )
    mother_nik = mother.nik if mother is not None and mother.nik else person.mother_nik
    return GrowthCardData(
        name=person.name,
        sex=person.sex,
        birth_date=person.birth_date,
        nik=person.nik,
        mother_nik=mother_nik,
        mother_name=None if mother is None else mother.name,
        posyandu=_header(found),
        charts=tuple(charts),
        months=tuple(months),
    )


# Children born more than five years before the period are never listed (a little margin:
# the exact cut is completed_months below).
_BORN_AFTER_YEARS = 6


def _posyandu_name(tx: Tx) -> str:
    found = posyandu.first_posyandu(tx)
    return "" if found is None else found.name


def _under_five_in(child: ChildRow, first: date, last: date) -> bool:
    """Under five at some day from `first` to `last`, born by `last` and not gone before."""
    return (
        child.birth_date <= last
        and (
            child.birth_date >= first
            or completed_months(child.birth_date, first) < UNDER_FIVE_BELOW_MONTHS
        )
        and (child.left_on is None or child.left_on >= first)
    )


def _children(tx: Tx, first: date, last: date) -> list[ChildRow]:
    born_after = date(first.year - _BORN_AFTER_YEARS, 1, 1)
    return [
        c for c in exports.children_born_after(tx, born_after) if _under_five_in(c, first, last)
    ]


def _pack_row(child: ChildRow, taken: TakenRow | None, capsule: VitaminACapsule | None) -> PackRow:
    identity = PackRow(
        child.nik or "",
        child.name,
        child.sex,
        child.birth_date,
        child.address,
        child.rt,
        child.rw,
        child.mother or child.father,
        capsule=capsule,
    )
    if taken is None:
        return identity
    return replace(
        identity,
        measured_on=taken.measured_on,
        weight_kg=taken.weight_kg,
        height_cm=taken.lenhei_cm,
        position=taken.position,
        lila_cm=taken.lila_cm,
        headc_cm=taken.headc_cm,
    )


def eppgbm_pack(db: Database, year: int, month: int) -> EppgbmPack:
    """The month's entry pack. A child is new to e-PPGBM when it has no measurement here
    before this month (neither weighed nor imported, e.g. from an e-PPGBM export) and was
    registered or measured this month (docs/DECISIONS.md)."""
    period = Period(year, month)
    first, last = period.first_day, period.last_day
    with db.reading() as tx:
        name = _posyandu_name(tx)
        children = _children(tx, first, last)
        taken = exports.taken_between(tx, first, last)
        known = exports.measured_before(tx, first)
        capsules = {
            g.person_id: g.capsule
            for g in exports.given_between(tx, first, last)
            if g.kind is ServiceKind.VITAMIN_A
        }
    by_child: dict[int, list[TakenRow]] = defaultdict(list)
    for row in taken:
        by_child[row.person_id].append(row)
    new: list[PackRow] = []
    measured: list[PackRow] = []
    for child in children:
        own = by_child.get(child.id, [])
        capsule = capsules.get(child.id)
        registered = first <= child.created_at.astimezone().date() <= last
        if child.id not in known and (registered or own):
            new.append(_pack_row(child, own[0] if own else None, capsule))
        measured += [_pack_row(child, t, capsule) for t in own]
    return EppgbmPack(name, year, month, tuple(new), tuple(measured))


def write_eppgbm_pack(db: Database, year: int, month: int, folder: Path) -> tuple[Path, Path]:
    """Write `Ketik_ePPGBM_YYYY-MM.xlsx` and `.pdf` into `folder` (made if missing)."""
    pack = eppgbm_pack(db, year, month)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"Ketik_ePPGBM_{year:04d}-{month:02d}"
    fonts = resource_path("fonts")
    return (
        write_pack(pack, stem.with_suffix(".xlsx"), fonts),
        write_pack(pack, stem.with_suffix(".pdf"), fonts),
    )


def write_sip_register(db: Database, year: int, folder: Path) -> tuple[Path, Path]:
    """Write `Register_Bayi_Balita_YYYY.xlsx` and `.pdf` into `folder` (made if missing)."""
    register = sip_register(db, year)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"Register_Bayi_Balita_{year:04d}"
    fonts = resource_path("fonts")
    return (
        write_register(register, stem.with_suffix(".xlsx"), fonts),
        write_register(register, stem.with_suffix(".pdf"), fonts),
    )


def sip_register(db: Database, year: int) -> SipRegister:
    """The year's register: every child under five at some time of the year; per month the
    last weight taken that month; the vitamin A of January-June as the February round and of
    July-December as the August round (sweeping continues after the round month)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    with db.reading() as tx:
        name = _posyandu_name(tx)
        children = _children(tx, first, last)
        taken = exports.taken_between(tx, first, last)
        given = exports.given_between(tx, first, last)
    weights: dict[int, list[float | None]] = defaultdict(lambda: [None] * 12)
    for t in taken:
        if t.weight_kg is not None:
            weights[t.person_id][t.measured_on.month - 1] = t.weight_kg
    rounds: dict[int, list[VitaminACapsule | None]] = defaultdict(lambda: [None, None])
    shots: dict[int, list[str]] = defaultdict(list)
    for g in given:
        if g.kind is ServiceKind.VITAMIN_A:
            rounds[g.person_id][g.given_on.month > 6] = g.capsule
        elif g.kind is ServiceKind.IMMUNISATION:
            shots[g.person_id].append(f"{g.detail} {g.given_on.day}-{g.given_on.month}".strip())
    rows = tuple(
        SipRow(
            c.name,
            c.nik or "",
            c.sex,
            c.birth_date,
            c.birth_weight_kg,
            c.father,
            c.mother,
            tuple(weights[c.id]),
            (rounds[c.id][0], rounds[c.id][1]),
            tuple(shots[c.id]),
            c.left_on if c.left_on is not None and c.left_on <= last else None,
        )
        for c in children
    )
    return SipRegister(name, year, rows)


def _safe(text: str) -> str:
    """A name fit for a file on any system: letters, digits, '-' and '_' only."""
    cleaned = re.sub(r"[^\w-]+", "_", text.strip(), flags=re.UNICODE).strip("_")
    return cleaned or "tanpa_nama"


def growth_card_file_name(name: str, on: date) -> str:
    return f"KMS_{_safe(name)}_{on.isoformat()}.pdf"


def print_growth_card(
    db: Database, *, person_id: PersonId, folder: Path, lang: str | None = None, today: date
) -> Path | None:
    """Write the child's KMS card into `folder`; None when there is no such person."""
    card = growth_card_data(db, person_id)
    if card is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / growth_card_file_name(card.name, today)
    return write_growth_card(card, target, resource_path("fonts"), lang=lang, printed_on=today)


def print_monthly_report(
    db: Database,
    *,
    posyandu_id: int,
    year: int,
    month: int,
    folder: Path,
    lang: str | None = None,
    today: date,
) -> Path:
    """Write the month's F2 report with the cadre sheet into `folder`."""
    data = monthly_report_data(db, posyandu_id, year, month, today=today)
    with db.reading() as tx:
        found = posyandu.get_posyandu(tx, posyandu_id)
    code = _safe(found.code if found is not None and found.code else data.posyandu.name)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"Laporan_{code}_{year:04d}-{month:02d}.pdf"
    return write_monthly_report(data, target, resource_path("fonts"), lang=lang, printed_on=today)


# The obese categories of a child's weight-for-length/height and BMI-for-age (Permenkes 2/2020).
_OBESE = {WeightForLengthHeightCategory.OBESE, BmiForAge5To18Category.OBESE}
_VALUES = (
    Quantity.LILA_CM,
    Quantity.WAIST_CM,
    Quantity.GLUCOSE_MG_DL,
    Quantity.SYSTOLIC_MMHG,
    Quantity.DIASTOLIC_MMHG,
    Quantity.HAEMOGLOBIN_G_DL,
)


def _stage(person: PersonRow, on: date, today: date) -> LifeStage:
    pregnant = ind.pregnant_on(
        on, pregnant_now=person.pregnant, delivered_on=person.delivered_on, today=today
    )
    return life_stage(
        person.birth_date,
        max(on, person.birth_date),
        pregnant=pregnant,
        delivered_on=person.delivered_on,
    )


def _antigen(code: str | None, detail: str) -> str:
    """An immunisation's antigen: from its dose code in the schedule, else as typed."""
    dose = None if code is None else immunisation_schedule().dose(code)
    return detail if dose is None else dose.antigen.value


def ilp_of_month(
    tx: Tx, persons: tuple[PersonRow, ...], year: int, month: int, *, today: date
) -> IlpMonth:
    """The month's ILP page; `persons` as the monthly report read them."""
    first, last = ind.month_bounds(year, month)
    by_id = {p.id: p for p in persons}
    visits = []
    for row in exports.ilp_measurements_between(tx, first, last):
        person = by_id[row.person_id]
        stage = _stage(person, row.measured_on, today)
        months = completed_months(person.birth_date, max(row.measured_on, person.birth_date))
        values = {
            quantity: float(value)
            for quantity in _VALUES
            if (value := getattr(row, quantity.value)) is not None
        }
        findings = assess_health(
            stage=stage,
            sex=person.sex,
            age_months=months,
            on=row.measured_on,
            values=values,
            bmi=row.bmi,
        )
        child_category = row.wflh_category or row.bfa_category
        child_obese = (
            None
            if child_category is None or months // 12 >= ADULT_FROM_YEARS
            else child_category in _OBESE
        )
        findings = replace(findings, tb_presumptive=row.tb_presumptive, dependency=row.dependency)
        judged, found = judged_and_found(findings, child_obese=child_obese)
        visits.append(IlpVisit(person.id, stage, person.sex, judged, found))
    services = [
        IlpService(
            s.person_id,
            s.given_on,
            s.kind,
            _stage(by_id[s.person_id], s.given_on, today),
            by_id[s.person_id].sex,
            s.capsule,
            _antigen(s.code, s.detail),
        )
        for s in exports.ilp_services_between(tx, first, last)
    ]
    due = dict.fromkeys(VitaminACapsule, 0)
    for p in persons:
        if (p.left_on is not None and p.left_on <= last) or p.birth_date > last:
            continue
        capsule = capsule_for_age(completed_months(p.birth_date, last))
        if capsule is not None:
            due[capsule] += 1
    girls = frozenset(
        v.person_id
        for v in visits
        if v.sex is Sex.FEMALE
        and v.stage is LifeStage.SCHOOL_AGE_ADOLESCENT
        and completed_months(by_id[v.person_id].birth_date, last) // 12 >= ADOLESCENT_FROM_YEARS
    )
    return ilp_month(year, month, visits, services, vitamin_a_due=due, adolescent_girl_ids=girls)

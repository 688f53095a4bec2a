"""What is printed: the monthly report, the growth card and the typing aids (registers).

The printed outputs' data: one month's F2 report and one child's KMS card, each read in one
transaction and handed to `reports` as frozen plain values.

The typing aids drawn from the registry: the month's e-PPGBM entry pack and the year's SIP
register, each read in one transaction and handed to `reports` as plain values.

The printed outputs as files: a child's KMS card and the monthly report, written as PDFs with
names a person can read in a folder (the UI opens them in the system viewer, which prints).

The month's data quality (per Posyandu and per cadre) and the monthly cadre sheet for the city
(domain/quality.py, domain/cadre_sheet.py).
The ILP page of a month (domain/ilp_report.py) from the registry: who was seen in which life
stage, what their values and answers show, and the services given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.cadre_sheet import CadreSheetRow, served_per_stage
from posyandu_desktop.domain.competence import stratum
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus, growth_statuses
from posyandu_desktop.domain.growth.zscore import LYING_BEFORE_DAYS
from posyandu_desktop.domain.health_check import assess_health
from posyandu_desktop.domain.ids import PersonId, PosyanduId
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
    under_five_during,
)
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.quality import QualityFigures, data_quality, quality_per
from posyandu_desktop.domain.vocabulary import Desk, ServiceKind
from posyandu_desktop.reports.cadre_sheet import write_cadre_sheet
from posyandu_desktop.reports.data import (
    AtRiskChild,
    CadreSheet,
    CardChart,
    CardMonth,
    EarlyWarningSection,
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
from posyandu_desktop.services.people import early_warning_in, growth_chart_points
from posyandu_desktop.settings import (
    cadre_competence,
    cadre_sheet_columns,
    immunisation_schedule,
    kms_version_named,
    resource_path,
)
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadres, exports, measurements, people, posyandu
from posyandu_desktop.store.queries.exports import ChildRow, PersonRow, TakenRow
from posyandu_desktop.store.records import CadreRecord, MeasurementRecord, PosyanduRecord

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
    quality: QualityFigures
    ilp: IlpMonth


def _bp_doubtful(doubtful: frozenset[Quantity]) -> bool:
    return bool(doubtful & {Quantity.SYSTOLIC_MMHG, Quantity.DIASTOLIC_MMHG})


def _child_inputs(
    persons: Sequence[exports.PersonRow], rows: Sequence[exports.MeasurementRow], last: date
) -> tuple[tuple[ind.Child, ...], tuple[ind.ChildMeasurement, ...]]:
    """The children (anyone under five at some point of the trend window ending `last`) and
    their measurements, as the domain's indicators take them."""
    children = tuple(
        ind.Child(p.id, p.name, p.sex, p.birth_date, p.left_on, p.kia_book_seen, p.birth_length_cm)
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
            r.doubtful,
        )
        for r in rows
        if r.person_id in child_ids
    )
    return children, child_rows


def month_children(
    tx: Tx, month: Period
) -> tuple[tuple[ind.Child, ...], tuple[ind.ChildMeasurement, ...]]:
    """The children and what the domain's month rules (referrals, new stunting) need of their
    measurements, outside the printed report: the home screen's alerts."""
    rows = exports.measurements_until(tx, month.last_day, month_of=month.first_day)
    return _child_inputs(exports.people(tx), rows, month.last_day)


def _read_month(tx: Tx, posyandu_id: int, year: int, month: int, today: date) -> _Read:
    first, last = ind.month_bounds(year, month)
    persons = exports.people(tx)
    rows = exports.measurements_until(tx, last)
    next_month = Period(year, month).plus(1).first_day
    by_id = {p.id: p for p in persons}
    children, child_rows = _child_inputs(persons, rows, last)
    in_month = [r for r in rows if r.measured_on >= first]
    adult_rows = tuple(
        ind.AdultMeasurement(
            r.person_id,
            p.name,
            p.birth_date,
            r.measured_on,
            r.id,
            # Doubtful values count for nothing (docs/DECISIONS.md#doubtful-values).
            None if _bp_doubtful(r.doubtful) else r.systolic_mmhg,
            None if _bp_doubtful(r.doubtful) else r.diastolic_mmhg,
            None if Quantity.LILA_CM in r.doubtful else r.lila_cm,
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
    facts = exports.quality_facts(tx, first, last)
    ilp = ilp_of_month(tx, persons, year, month, today=today)
    return _Read(
        _header(posyandu.get_posyandu(tx, posyandu_id)),
        inputs,
        data_quality(f for _, f in facts),
        ilp,
    )


def this_posyandu_id(db: Database) -> PosyanduId | None:
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
        warning = _early_warning(tx, year, month, today or date.today())
    indicators = ind.monthly_indicators(read.inputs)
    return MonthlyReportData(
        read.posyandu, year, month, indicators, read.quality, early_warning=warning, ilp=read.ilp
    )


def _early_warning(tx: Tx, year: int, month: int, today: date) -> EarlyWarningSection:
    found = early_warning_in(tx, year, month, today=today)
    return EarlyWarningSection(
        tuple(AtRiskChild(c.name, c.risk) for c in found.children), found.backtest
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
        warning = _early_warning(tx, year, month, today)
    indicators = ind.monthly_indicators(read.inputs)
    return MonthReport(
        MonthlyReportData(
            read.posyandu,
            year,
            month,
            indicators,
            read.quality,
            early_warning=warning,
            ilp=read.ilp,
        ),
        ind.month_roster(read.inputs),
        frozenset(p.person_id for p in indicators.kek_pregnant),
    )


def cadre_performance(
    db: Database, posyandu_id: int, year: int, month: int
) -> tuple[ind.CadrePerformance, ...]:
    """The month's cadre performance sheet: sessions attended, people measured, home visits
    and records corrected per cadre."""
    return monthly_report_data(db, posyandu_id, year, month).cadre_performance


def _judged_kbm_g(m: MeasurementRecord, birth: date) -> int | None:
    """The KBM an N or T letter was decided with: that of the measurement's own KMS version."""
    if m.findings.growth_status not in (GrowthStatus.N, GrowthStatus.T):
        return None
    kbm = kms_version_named(m.findings.kbm_version).kbm
    return kbm.kbm_g(completed_months(birth, m.measured_on))


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
        kms = kms_version_named(posyandu.laptop_kbm_version(tx))
    last_age = (history[-1].measured_on - person.birth_date).days if history else 0
    wfl = (
        Chart.WEIGHT_FOR_LENGTH_45_110
        if last_age < LYING_BEFORE_DAYS
        else Chart.WEIGHT_FOR_HEIGHT_65_120
    )
    charts = []
    for chart in (*_CARD_CHARTS[:4], wfl, _CARD_CHARTS[4]):
        drawn = growth_chart_points(chart, person, history)  # the profile screen's own points
        points = [(p.x, p.value) for p in drawn.points if not p.doubtful]
        if chart is Chart.WEIGHT_FOR_AGE_0_24 and person.birth_weight_kg is not None:
            points.insert(0, (0.0, person.birth_weight_kg))  # the KMS starts at the birth weight
        charts.append(
            CardChart(
                chart,
                tuple((c.z, c.points) for c in drawn.curves),
                tuple(points),
                tuple((p.x, p.value) for p in drawn.points if p.doubtful),
            )
        )
    # The month's weighing is its last valid one, which carries the stored KMS status; a month
    # with only doubtful weighings shows the last of them, marked, without a letter.
    weighed: dict[tuple[int, int], MeasurementRecord] = {}
    for w in sorted(history, key=lambda w: Quantity.WEIGHT_KG not in w.findings.doubtful):
        if w.values.weight_kg is not None and w.measured_on >= person.birth_date:
            weighed[(w.measured_on.year, w.measured_on.month)] = w
    kg = [
        (m.measured_on, m.values.weight_kg.value)
        for m in weighed.values()
        if m.values.weight_kg and Quantity.WEIGHT_KG not in m.findings.doubtful
    ]
    kg.sort()
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
                m is not None and Quantity.WEIGHT_KG in m.findings.doubtful,
                None if m is None else _judged_kbm_g(m, person.birth_date),
            )
        )
    birth_month = (person.birth_date.year, person.birth_date.month)
    if person.birth_weight_kg is not None and birth_month not in weighed:
        born = CardMonth(*birth_month, 0, person.birth_weight_kg, None, None, None)
        months = [born, *(m for m in months if (m.year, m.month) != birth_month)]
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
        kms=kms,
    )


# Children born more than five years before the period are never listed (a little margin:
# the exact cut is completed_months below).
_BORN_AFTER_YEARS = 6


def _posyandu_name(tx: Tx) -> str:
    found = posyandu.first_posyandu(tx)
    return "" if found is None else found.name


def _children(tx: Tx, first: date, last: date) -> list[ChildRow]:
    born_after = date(first.year - _BORN_AFTER_YEARS, 1, 1)
    return [
        c
        for c in exports.children_born_after(tx, born_after)
        if under_five_during(c.birth_date, c.left_on, first, last)
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


@dataclass(frozen=True, slots=True)
class MonthQuality:
    """The month's data-quality figures of the whole Posyandu and of each cadre (by id)."""

    posyandu: QualityFigures
    per_cadre: dict[int, QualityFigures]


def _month_quality(tx: Tx, first: date, last: date) -> MonthQuality:
    facts = exports.quality_facts(tx, first, last)
    return MonthQuality(data_quality(f for _, f in facts), quality_per(facts))


def month_quality(db: Database, year: int, month: int) -> MonthQuality:
    """The data-quality figures of the children's measurements taken in the month."""
    period = Period(year, month)
    with db.reading() as tx:
        return _month_quality(tx, period.first_day, period.last_day)


def cadre_sheet(
    db: Database,
    posyandu_id: int,
    year: int,
    month: int,
    *,
    data_dir: Path | None = None,
    today: date | None = None,
) -> CadreSheet:
    """Per cadre who is active or served this month: days and desks, people served per life
    stage, home visits, referrals, records corrected, data quality, stratum and certificates.
    The columns come from the data folder's cadre-sheet.json, else the shipped default."""
    period = Period(year, month)
    first, last = period.first_day, period.last_day
    today = today or date.today()
    report = monthly_report_data(db, posyandu_id, year, month, today=today)
    performance = {p.cadre_id: p for p in report.cadre_performance}
    framework = cadre_competence()
    with db.reading() as tx:
        team: dict[int, CadreRecord] = {c.id: c for c in cadres.cadres(tx, posyandu_id)}
        sessions = cadres.days_between(tx, posyandu_id, first, last)
        attendance = cadres.attendance_of_days(tx, [d.id for d in sessions])
        assessed = cadres.skill_assessments(tx, team, last)
        month_quality_ = _month_quality(tx, first, last)
        referrals = exports.referrals_by_cadre(tx, first, last)
        served_rows = exports.served(tx, first, last)
        header = posyandu.get_posyandu(tx, posyandu_id)
    held_on = {d.id: d.held_on for d in sessions}
    desks: dict[int, set[Desk]] = {}
    days: dict[int, set[date]] = {}
    for a in attendance:
        desks.setdefault(a.cadre_id, set()).add(a.desk)
        days.setdefault(a.cadre_id, set()).add(held_on[a.day_id])
    served = served_per_stage(
        (
            s.cadre_id,
            s.person_id,
            s.on,
            s.birth_date,
            ind.pregnant_on(
                s.on, pregnant_now=s.pregnant, delivered_on=s.delivered_on, today=today
            ),
        )
        for s in served_rows
    )
    empty = data_quality(())
    rows = []
    for cadre_id, p in performance.items():
        cadre = team.get(cadre_id)
        if cadre is None:
            continue
        certificates = tuple(c.number or c.title for c in cadre.certificates)
        rows.append(
            CadreSheetRow(
                cadre_id=cadre_id,
                name=cadre.name,
                stratum=stratum(framework, assessed.get(cadre_id, ()), last),
                certificates=certificates,
                days_served=len(days.get(cadre_id, ())),
                desks=tuple(d for d in Desk if d in desks.get(cadre_id, ())),
                served=served.get(cadre_id, {}),
                home_visits=p.home_visits,
                referrals=referrals.get(cadre_id, 0),
                records_corrected=p.records_corrected,
                quality=month_quality_.per_cadre.get(cadre_id, empty),
            )
        )
    return CadreSheet(
        posyandu=PosyanduHeader("")
        if header is None
        else PosyanduHeader(
            header.name, header.kelurahan, header.kecamatan, header.kota, header.puskesmas
        ),
        year=year,
        month=month,
        sessions=len(sessions),
        columns=cadre_sheet_columns(data_dir),
        rows=tuple(sorted(rows, key=lambda r: (r.name.casefold(), r.cadre_id))),
        quality=month_quality_.posyandu,
    )


def write_cadre_sheet_files(
    db: Database,
    *,
    posyandu_id: int,
    year: int,
    month: int,
    folder: Path,
    data_dir: Path,
    lang: str | None = None,
    today: date | None = None,
) -> tuple[Path, Path]:
    """Write `Lembar_Kader_YYYY-MM.xlsx` and `.pdf` into `folder` (made if missing)."""
    sheet = cadre_sheet(db, posyandu_id, year, month, data_dir=data_dir, today=today)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"Lembar_Kader_{year:04d}-{month:02d}"
    fonts = resource_path("fonts")
    return (
        write_cadre_sheet(sheet, stem.with_suffix(".xlsx"), fonts, lang=lang),
        write_cadre_sheet(sheet, stem.with_suffix(".pdf"), fonts, lang=lang, printed_on=today),
    )


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

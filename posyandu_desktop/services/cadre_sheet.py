"""The month's data quality (per Posyandu and per cadre) and the monthly cadre sheet for the city
(domain/quality.py, domain/cadre_sheet.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from posyandu_desktop import settings
from posyandu_desktop.domain import indicators as ind
from posyandu_desktop.domain.cadre_sheet import CadreSheetRow, served_per_stage
from posyandu_desktop.domain.competence import stratum
from posyandu_desktop.domain.months import Period
from posyandu_desktop.domain.quality import QualityFigures, data_quality, quality_per
from posyandu_desktop.domain.vocabulary import Desk
from posyandu_desktop.reports.cadre_sheet import write_cadre_sheet
from posyandu_desktop.reports.data import CadreSheet, PosyanduHeader
from posyandu_desktop.services.reports import monthly_report_data
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import cadre_activity, competence, posyandu, quality
from posyandu_desktop.store.records import CadreRecord


@dataclass(frozen=True, slots=True)
class MonthQuality:
    """The month's data-quality figures of the whole Posyandu and of each cadre (by id)."""

    posyandu: QualityFigures
    per_cadre: dict[int, QualityFigures]


def _month_quality(tx: Tx, first: date, last: date) -> MonthQuality:
    facts = quality.child_measurements(tx, first, last)
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
    framework = settings.cadre_competence()
    with db.reading() as tx:
        team: dict[int, CadreRecord] = {c.id: c for c in cadre_activity.cadres(tx, posyandu_id)}
        sessions = cadre_activity.days_between(tx, posyandu_id, first, last)
        attendance = cadre_activity.attendance_of_days(tx, [d.id for d in sessions])
        assessed = competence.skill_assessments(tx, team, last)
        month_quality_ = _month_quality(tx, first, last)
        referrals = quality.referrals_by_cadre(tx, first, last)
        served_rows = quality.served(tx, first, last)
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
        columns=settings.cadre_sheet_columns(data_dir),
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
    fonts = settings.resource_path("fonts")
    return (
        write_cadre_sheet(sheet, stem.with_suffix(".xlsx"), fonts, lang=lang),
        write_cadre_sheet(sheet, stem.with_suffix(".pdf"), fonts, lang=lang, printed_on=today),
    )

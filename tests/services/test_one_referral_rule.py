"""One referral rule (domain/referral.py) behind the desk's advice, the home screen's alerts,
the KMS card's footnote and the monthly report's list, compared on the demo registry."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop.domain.ids import MeasurementId, PersonId
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.referral import REFERRING, ReferralReason
from posyandu_desktop.domain.vocabulary import AlertKind
from posyandu_desktop.reports.growth_card import render_growth_card
from posyandu_desktop.reports.monthly_report import render_monthly_report
from posyandu_desktop.services.day import alerts_today
from posyandu_desktop.services.measuring import preview_measurement
from posyandu_desktop.services.reports import (
    growth_card_data,
    monthly_report_data,
    this_posyandu_id,
)
from posyandu_desktop.settings import database_path
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import measurements
from tests.reports.expected import pdf_lines
from tests.reports.helpers import FONTS, TODAY, demo_folder

MONTHS = (Period(2026, 10), Period(2026, 6), Period(2026, 1))
REMEASURE = ReferralReason.REMEASURE


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("rule") / "data")


@pytest.fixture(scope="module")
def db(folder: Path) -> Iterator[Database]:
    database = Database(database_path(folder))
    yield database
    database.close()


def _only_measurement_of_the_month(folder: Path, month: Period) -> dict[int, int]:
    """Balita (under five all month) measured once in the month -> that measurement's id."""
    con = sqlite3.connect(database_path(folder))
    rows = con.execute(
        "SELECT m.person_id, MIN(m.id), p.birth_date FROM measurement m "
        "JOIN person p ON p.id = m.person_id WHERE m.measured_on BETWEEN ? AND ? "
        "GROUP BY m.person_id HAVING COUNT(*) = 1",
        (month.first_day.isoformat(), month.last_day.isoformat()),
    ).fetchall()
    con.close()
    return {
        pid: mid
        for pid, mid, birth in rows
        if completed_months(date.fromisoformat(birth), month.last_day) < UNDER_FIVE_BELOW_MONTHS
    }


@pytest.mark.parametrize("month", MONTHS, ids=str)
def test_report_home_and_desk_give_the_same_reasons(
    folder: Path, db: Database, month: Period
) -> None:
    posyandu_id = this_posyandu_id(db)
    assert posyandu_id is not None
    today = min(month.last_day, TODAY)
    data = monthly_report_data(db, posyandu_id, month.year, month.month, today=today)
    report = {
        r.person_id: r.reasons for r in (*data.indicators.referrals, *data.indicators.remeasure)
    }
    assert report, "the demo refers somebody every month"

    home: defaultdict[int, set[ReferralReason]] = defaultdict(set)
    for alert in alerts_today(db, today=today):
        if alert.kind is AlertKind.REFER:
            home[alert.person_id] |= set(alert.reasons)
        elif alert.kind is AlertKind.REMEASURE:
            home[alert.person_id].add(REMEASURE)
    assert dict(home) == {pid: set(reasons) for pid, reasons in report.items()}

    # The desk's advice, judged again on each balita's only measurement of the month.
    checked = 0
    for pid, measurement_id in _only_measurement_of_the_month(folder, month).items():
        with db.reading() as tx:
            m = measurements.get_measurement(tx, MeasurementId(measurement_id))
        assert m is not None
        preview = preview_measurement(
            db, person_id=PersonId(pid), on=m.measured_on, values=m.values
        ).unwrap()
        assert set(preview.referral) == set(report.get(pid, ())), pid
        checked += 1
    assert checked > 10


def test_card_and_report_print_the_same_rule(db: Database) -> None:
    posyandu_id = this_posyandu_id(db)
    assert posyandu_id is not None
    data = monthly_report_data(db, posyandu_id, 2026, 10, today=TODAY)
    report = " ".join(pdf_lines(render_monthly_report(data, FONTS, lang="en", printed_on=TODAY)))
    child = data.indicators.referrals[0].person_id
    card_data = growth_card_data(db, PersonId(child))
    assert card_data is not None
    card = " ".join(pdf_lines(render_growth_card(card_data, FONTS, lang="en", printed_on=TODAY)))
    rule = re.compile(r"Refer to the puskesmas when: (.*?)\.(?:\s|$)")
    (in_report,), (on_card,) = rule.findall(report), rule.findall(card)
    assert in_report == on_card
    assert in_report.count(", ") == len(REFERRING) - 1  # every reason of the rule, in words

"""The report services on a small Posyandu built through the services themselves."""

from __future__ import annotations

from datetime import date, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.ids import DayId, PersonId
from posyandu_desktop.domain.indicators import AgeGroup, SkdnCounts
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.vocabulary import Desk, ServiceKind, VisitReason
from posyandu_desktop.services.reports import (
    cadre_performance,
    growth_card_data,
    monthly_report_data,
    this_posyandu_id,
)
from posyandu_desktop.store import Database
from tests.store.helpers import TODAY, Post


def _weigh(db: Database, post: Post, on: date, kg: float, day_id: DayId | None = None) -> None:
    services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=on,
        values=services.MeasuredValues(weight_kg=services.Reading(kg)),
        day_id=day_id,
        today=TODAY,
    ).unwrap()


def test_month_of_a_small_post(db: Database, post: Post) -> None:
    _weigh(db, post, date(2025, 12, 10), 8.0)
    day = services.open_posyandu_day(
        db,
        cadre_id=post.cadre.id,
        posyandu_id=post.posyandu_id,
        held_on=date(2026, 1, 12),
        today=TODAY,
    ).unwrap()
    services.record_cadre_attendance(
        db,
        recorded_by=post.cadre.id,
        day_id=day.id,
        cadre_id=post.cadre.id,
        desk=Desk.MEASURING,
        arrived_at=datetime(2026, 1, 12, 8).astimezone(),
    ).unwrap()
    _weigh(db, post, date(2026, 1, 12), 8.1, day.id)  # +100 g < KBM 200 g: T
    services.record_service(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        kind=ServiceKind.VITAMIN_A,
        capsule=VitaminACapsule.BLUE,
        given_on=date(2026, 1, 12),
        day_id=day.id,
    ).unwrap()
    services.record_home_visit(
        db,
        entered_by=post.cadre.id,
        cadre_ids=[post.cadre.id],
        visited_on=date(2026, 1, 20),
        reason=VisitReason.TWO_T,
        person_id=post.child.id,
        today=TODAY,
    ).unwrap()
    assert this_posyandu_id(db) == post.posyandu_id
    data = monthly_report_data(db, post.posyandu_id, 2026, 1, today=TODAY)
    ind = data.indicators
    # Born 15 Mar 2025: 9 completed months on 12 Jan 2026.
    assert ind.skdn.cells[(Sex.MALE, AgeGroup.M6_11)] == SkdnCounts(s=1, k=1, d=1, t=1)
    assert ind.skdn.identity_holds
    assert [r.name for r in ind.referrals] == ["Ahmad Fauzi"]
    assert ind.services == {(ServiceKind.VITAMIN_A, VitaminACapsule.BLUE): 1}
    assert (ind.home_visits, ind.sessions, ind.cadres_active, ind.cadres_registered) == (1, 1, 1, 1)
    sheet = cadre_performance(db, post.posyandu_id, 2026, 1)
    assert [(p.name, p.sessions_attended, p.people_measured, p.home_visits) for p in sheet] == [
        ("Sri Wahyuni", 1, 1, 1)
    ]
    assert data.posyandu.name == "Posyandu Melati"


def test_growth_card_of_the_child(db: Database, post: Post) -> None:
    _weigh(db, post, date(2025, 12, 10), 8.0)
    _weigh(db, post, date(2026, 1, 12), 8.4)
    card = growth_card_data(db, post.child.id)
    assert card is not None
    assert (card.name, card.sex, card.mother_name, card.mother_nik) == (
        "Ahmad Fauzi",
        Sex.MALE,
        "Siti Aminah",
        "6474014204960003",
    )
    assert [(m.month, m.age_months, m.weight_kg, m.gain_g, m.status) for m in card.months] == [
        (3, 0, 3.1, None, None),  # the birth weight, plotted at month 0
        (12, 8, 8.0, None, GrowthStatus.B),
        (1, 9, 8.4, 400, GrowthStatus.N),
    ]
    assert growth_card_data(db, PersonId(999)) is None


def test_empty_month_has_no_ratios(db: Database, post: Post) -> None:
    total = monthly_report_data(db, post.posyandu_id, 2024, 1, today=TODAY).indicators.skdn.total()
    assert total == SkdnCounts()
    assert total.d_s is None

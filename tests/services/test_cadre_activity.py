"""The team: listing and correcting cadre profiles, attendance per day and per month."""

from datetime import UTC, date, datetime

from posyandu_desktop import services
from posyandu_desktop.domain.ids import CadreId, DayId
from posyandu_desktop.domain.vocabulary import CadreRole, Desk, TrainingGrade
from posyandu_desktop.services import Issue, Problem
from posyandu_desktop.services.cadres import (
    attendance_on,
    list_cadres,
    monthly_attendance,
    update_cadre,
)
from posyandu_desktop.store import Database
from tests.store.helpers import TODAY, Post


def cadre(db: Database, post: Post, name: str, nik: str | None = None) -> CadreId:
    return (
        services.register_cadre(
            db,
            posyandu_id=post.posyandu_id,
            name=name,
            role=CadreRole.MEMBER,
            nik=nik,
            today=TODAY,
        )
        .unwrap()
        .id
    )


def test_active_cadres_first_with_their_certificates(db, post):
    gone = cadre(db, post, "Ani")
    cadre(db, post, "Yuni")
    services.set_cadre_active(db, cadre_id=gone, active=False).unwrap()
    services.add_cadre_certificate(
        db, cadre_id=post.cadre.id, title="Pelatihan Purwa", issued_on=date(2024, 5, 1)
    ).unwrap()
    team = list_cadres(db, post.posyandu_id)
    assert [c.name for c in team] == ["Sri Wahyuni", "Yuni", "Ani"]
    assert [c.title for c in team[0].certificates] == ["Pelatihan Purwa"]
    assert [c.name for c in list_cadres(db, post.posyandu_id, active_only=True)] == [
        "Sri Wahyuni",
        "Yuni",
    ]


def test_updating_a_profile(db, post):
    saved = update_cadre(
        db,
        cadre_id=post.cadre.id,
        name=" Sri Wahyuni ",
        role=CadreRole.CHAIR,
        phone="0812 1111",
        training_grade=TrainingGrade.MADYA,
        bpjs_ketenagakerjaan="12345678901",
        nik="6474014204960003",
        today=TODAY,
    ).unwrap()
    assert (saved.name, saved.training_grade, saved.phone) == (
        "Sri Wahyuni",
        TrainingGrade.MADYA,
        "0812 1111",
    )
    assert (saved.nik, saved.bpjs_ketenagakerjaan) == ("6474014204960003", "12345678901")
    # Saving the same NIK again is not "taken"; another cadre's NIK is.
    again = update_cadre(
        db, cadre_id=post.cadre.id, name="Sri", role=CadreRole.CHAIR, nik=saved.nik, today=TODAY
    )
    assert again.ok
    other = cadre(db, post, "Yuni")
    taken = update_cadre(
        db, cadre_id=other, name="Yuni", role=CadreRole.MEMBER, nik=saved.nik, today=TODAY
    )
    assert taken.problems == (Issue(Problem.NIK_TAKEN, "nik", post.cadre.id),)


def test_a_profile_needs_a_name(db, post):
    refused = update_cadre(db, cadre_id=post.cadre.id, name="  ", role=CadreRole.MEMBER)
    assert refused.problems == (Issue(Problem.REQUIRED, "name"),)
    assert list_cadres(db, post.posyandu_id)[0].name == "Sri Wahyuni"


def _day(db: Database, post: Post, on: date) -> DayId:
    at = datetime(on.year, on.month, on.day, 8, tzinfo=UTC)
    return (
        services.open_posyandu_day(
            db,
            cadre_id=post.cadre.id,
            posyandu_id=post.posyandu_id,
            held_on=on,
            now=at,
            today=TODAY,
        )
        .unwrap()
        .id
    )


def _served(db: Database, post: Post, day_id: DayId, cadre_id: CadreId, desk: Desk) -> None:
    services.record_cadre_attendance(
        db,
        recorded_by=post.cadre.id,
        day_id=day_id,
        cadre_id=cadre_id,
        desk=desk,
        arrived_at=datetime(2026, 2, 5, 7, 30, tzinfo=UTC),
    ).unwrap()


def test_sessions_attended_in_a_month(db, post):
    yuni, ani = cadre(db, post, "Yuni"), cadre(db, post, "Ani")
    january = _day(db, post, date(2026, 1, 8))
    _served(db, post, january, yuni, Desk.MEASURING)
    february = _day(db, post, date(2026, 2, 5))
    _served(db, post, february, post.cadre.id, Desk.REGISTRATION)
    _served(db, post, february, post.cadre.id, Desk.MEASURING)  # two desks, one session
    _served(db, post, february, ani, Desk.RECORDING)
    services.set_cadre_active(db, cadre_id=ani, active=False).unwrap()
    month = monthly_attendance(db, post.posyandu_id, year=2026, month=2)
    assert [d.held_on for d in month.sessions] == [date(2026, 2, 5)]
    assert {c.cadre.name: c.days_served for c in month.cadres} == {
        "Sri Wahyuni": (date(2026, 2, 5),),
        "Yuni": (),
        "Ani": (date(2026, 2, 5),),  # no longer active, but served that month
    }


def test_attendance_of_a_day(db, post):
    assert attendance_on(db, post.posyandu_id, TODAY).day is None
    day = _day(db, post, TODAY)
    _served(db, post, day, post.cadre.id, Desk.REGISTRATION)
    today = attendance_on(db, post.posyandu_id, TODAY)
    assert today.day is not None and today.day.id == day
    assert [(a.cadre_id, a.desk) for a in today.attendance] == [(post.cadre.id, Desk.REGISTRATION)]

"""The KMS version the coordinator chooses (audited, used by the next judgement) and the skill
assessments that give a cadre's stratum."""

import sqlite3
from datetime import date

from posyandu_desktop import services
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.domain.vocabulary import CadreRole, TrainingGrade
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import audit
from posyandu_desktop.store.records import MeasuredValues, Reading
from tests.store.helpers import TODAY, Post

# The child of set_up_post is born 2025-03-15: 6 completed months on 2025-09-20, 7 on 2025-10-20.
SIX, SEVEN = date(2025, 9, 20), date(2025, 10, 20)


def _weigh(db: Database, post: Post, on: date, kg: float) -> tuple[str, str]:
    """The KMS letter and KBM version stored for the new weighing, read with plain SQL."""
    saved = services.record_measurement(
        db,
        cadre_id=post.cadre.id,
        person_id=post.child.id,
        measured_on=on,
        values=MeasuredValues(weight_kg=Reading(kg)),
        today=TODAY,
    ).unwrap()
    connection = sqlite3.connect(db.path)
    try:
        query = "SELECT growth_status, kbm_version FROM measurement WHERE id = ?"
        found: tuple[str, str] = connection.execute(query, (saved.id,)).fetchone()
        return found
    finally:
        connection.close()


def test_a_gain_of_350_g_at_month_7_is_n_by_default_and_t_with_the_400_g_reading(db, post):
    _weigh(db, post, SIX, 7.60)
    assert _weigh(db, post, SEVEN, 7.95) == ("N", "buku-kia-2023")

    chosen = services.choose_kms_version(
        db, posyandu_id=post.posyandu_id, version="buku-kia-2023-m7-400", by_cadre_id=post.cadre.id
    ).unwrap()
    assert chosen.kbm.kbm_g(7) == 400
    with db.reading() as tx:
        (event,) = audit.trail(tx, "posyandu", post.posyandu_id)[1:]
    assert event.changes == {"kbm_version": [None, "buku-kia-2023-m7-400"]}
    assert event.cadre_id == post.cadre.id

    # A later weighing the same month is that month's, judged with the chosen reading.
    assert _weigh(db, post, date(2025, 10, 25), 7.95) == ("T", "buku-kia-2023-m7-400")


def test_only_a_coordinator_chooses_and_only_a_shipped_version(db, post):
    member = services.register_cadre(
        db, posyandu_id=post.posyandu_id, name="Rina", role=CadreRole.MEMBER
    ).unwrap()
    refused = services.choose_kms_version(
        db, posyandu_id=post.posyandu_id, version="buku-kia-2023-m11-300", by_cadre_id=member.id
    )
    assert [i.problem for i in refused.problems] == [Problem.COORDINATOR_ONLY]
    unknown = services.choose_kms_version(
        db, posyandu_id=post.posyandu_id, version="kia-1999", by_cadre_id=post.cadre.id
    )
    assert [i.problem for i in unknown.problems] == [Problem.OUT_OF_RANGE]
    assert services.kms_version(db, posyandu_id=post.posyandu_id).version == "buku-kia-2023"


def test_skill_assessments_give_the_stratum(db, post):
    def assess(skill: str, passed: bool = True):  # type: ignore[no-untyped-def]
        return services.record_skill_assessment(
            db,
            cadre_id=post.cadre.id,
            skill=skill,
            passed=passed,
            assessed_on=date(2026, 1, 5),
            assessor="Bidan Sari",
            by_cadre_id=post.cadre.id,
            today=TODAY,
        )

    for group in "ABC":
        for i in range(1, 6):
            result = assess(f"{group}{i}").unwrap()
    assert result.stratum is TrainingGrade.PURWA and len(result.mastered) == 15
    assert assess("B3", passed=False).unwrap().stratum is None
    bad = assess("Z9")
    assert [i.problem for i in bad.problems] == [Problem.OUT_OF_RANGE]

"""Desks 3-5: situations from today's facts, and the shipped messages file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posyandu_desktop.domain.counselling import (
    LOCAL,
    Action,
    BookError,
    Situation,
    TodayFacts,
    parse_book,
    situations,
)
from posyandu_desktop.domain.early_warning import RiskReason
from posyandu_desktop.domain.growth.classify import (
    LengthHeightForAgeCategory,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus

ROOT = Path(__file__).resolve().parents[2]
BOOK_FILE = ROOT / "resources" / "counselling" / "messages.json"


def book_text() -> str:
    return BOOK_FILE.read_text(encoding="utf-8")


def test_nothing_found_is_its_own_situation() -> None:
    assert situations(TodayFacts()) == (Situation.NO_FINDING,)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (TodayFacts(growth_status=GrowthStatus.N), (Situation.GREW_WELL,)),
        (TodayFacts(growth_status=GrowthStatus.T), (Situation.NOT_GAINED,)),
        # 2T replaces the single T message, it does not repeat it.
        (TodayFacts(growth_status=GrowthStatus.T, two_t=True), (Situation.TWO_T,)),
        (TodayFacts(growth_status=GrowthStatus.B), (Situation.FIRST_WEIGHING,)),
        (TodayFacts(growth_status=GrowthStatus.O), (Situation.FIRST_WEIGHING,)),
        (
            TodayFacts(
                growth_status=GrowthStatus.T,
                bgm=True,
                wfa=WeightForAgeCategory.SEVERELY_UNDERWEIGHT,
                wflh=WeightForLengthHeightCategory.WASTED,
                lhfa=LengthHeightForAgeCategory.STUNTED,
            ),
            (Situation.BGM, Situation.NOT_GAINED, Situation.WASTED, Situation.STUNTED),
        ),
        (TodayFacts(wfa=WeightForAgeCategory.RISK_OF_OVERWEIGHT), (Situation.ABOVE_ORANGE,)),
        (TodayFacts(lila_status=LilaStatus.KEK), (Situation.KEK,)),
        (TodayFacts(lila_status=LilaStatus.MAM), (Situation.WASTED,)),
        (TodayFacts(lila_status=LilaStatus.NORMAL), (Situation.NO_FINDING,)),
        (
            TodayFacts(high_blood_pressure=True, waist_risk=True),
            (Situation.HIGH_BLOOD_PRESSURE, Situation.WAIST_RISK),
        ),
        # A doubtful value comes first: advice on a wrong number is wrong.
        (
            TodayFacts(doubtful=True, growth_status=GrowthStatus.N),
            (Situation.DOUBTFUL, Situation.GREW_WELL),
        ),
    ],
)
def test_situations(facts: TodayFacts, expected: tuple[Situation, ...]) -> None:
    assert situations(facts) == expected


def test_the_shipped_book_has_every_situation_with_an_existing_source() -> None:
    book = parse_book(book_text())
    assert set(book.messages) == set(Situation)
    assert set(book.at_risk) == set(RiskReason)
    for message in (*book.messages.values(), *book.at_risk.values()):
        if message.source != LOCAL:
            file, _, section = message.source.partition("#")
            text = (ROOT / file).read_text(encoding="utf-8")
            if section:
                headings = [
                    line.lstrip("#").strip().lower().replace(" ", "-")
                    for line in text.splitlines()
                    if line.startswith("#")
                ]
                assert section in headings, message.source
        assert message.text("id") != message.text("en")


def test_actions_follow_the_book_once_each_in_order() -> None:
    book = parse_book(book_text())
    found = (Situation.BGM, Situation.NOT_GAINED, Situation.WASTED)
    assert book.actions(book.advice(found)) == (Action.REFER, Action.COUNSEL, Action.PMT)
    assert book.actions(book.advice((Situation.DOUBTFUL,))) == (Action.REMEASURE,)
    assert [m.situation for m in book.advice(found)] == list(found)


def test_a_child_at_risk_gets_the_message_of_each_reason_heaviest_first() -> None:
    book = parse_book(book_text())
    said = book.at_risk_advice((RiskReason.LENGTH_FALLING, RiskReason.MOTHER_KEK))
    assert [m.situation for m in said] == [RiskReason.LENGTH_FALLING, RiskReason.MOTHER_KEK]
    assert "lauk hewani" in said[0].text("id")
    assert "animal-source food" in said[0].text("en")
    assert said[0].source == "docs/sources/early-warning.md#counselling"
    # Today's 2T is said once, in today's words; the other reasons follow today's findings.
    today = book.said_today((Situation.TWO_T,), (RiskReason.TWO_T, RiskReason.MOTHER_KEK))
    assert [m.situation for m in today] == [Situation.TWO_T, RiskReason.MOTHER_KEK]
    assert book.said_today((Situation.GREW_WELL,), ()) == book.advice((Situation.GREW_WELL,))


def test_a_broken_book_is_refused() -> None:
    data = json.loads(book_text())
    data["messages"] = data["messages"][1:]
    with pytest.raises(BookError, match="doubtful"):
        parse_book(json.dumps(data))
    data = json.loads(book_text())
    data["messages"][0]["source"] = "somewhere"
    with pytest.raises(BookError, match="source"):
        parse_book(json.dumps(data))
    data = json.loads(book_text())
    data["at_risk"] = data["at_risk"][1:]
    with pytest.raises(BookError, match="length_falling"):
        parse_book(json.dumps(data))
    with pytest.raises(BookError, match="at_risk"):
        parse_book(json.dumps({"version": "x", "messages": json.loads(book_text())["messages"]}))


def test_facts_of_a_stored_measurement() -> None:
    from posyandu_desktop.domain.counselling import facts_of
    from posyandu_desktop.domain.growth.zscore import Indicator, ZScore

    def facts(**changes: object) -> TodayFacts:
        given: dict[str, object] = {
            "scores": [ZScore(Indicator.WEIGHT_FOR_AGE, -3.4)],
            "growth_status": GrowthStatus.T,
            "two_t": True,
            "oedema": False,
            "categories": {"wfa": WeightForAgeCategory.SEVERELY_UNDERWEIGHT},
            "lila_status": None,
            "systolic_mmhg": None,
            "diastolic_mmhg": None,
            "waist_at_risk": None,
        }
        return facts_of(**(given | changes))  # type: ignore[arg-type]

    below_red = facts()
    assert below_red.bgm and below_red.two_t and not below_red.doubtful
    # A weight WHO flags as implausible makes no BGM and no 2T: it is measured again first.
    flagged = facts(scores=[ZScore(Indicator.WEIGHT_FOR_AGE, -6.2)])
    assert flagged.doubtful and not flagged.bgm and not flagged.two_t
    assert facts(systolic_mmhg=140, diastolic_mmhg=85).high_blood_pressure
    assert not facts(systolic_mmhg=139, diastolic_mmhg=89).high_blood_pressure
    assert facts(waist_at_risk=True).waist_risk
    assert facts(doubted=True).doubtful

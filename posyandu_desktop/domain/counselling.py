"""Desks 3-5 (recording, health services, counselling): from what was measured today to the
situations a cadre acts on, what to do (refer, counsel, measure again, give PMT) and the short
message to say.

The messages and the actions of each situation are versioned data
(`resources/counselling/messages.json`, sources in docs/sources/counselling.md); the same book
has a section `at_risk` with what to tell the mother of a child on the early-warning list, one
message per `RiskReason` (sources in docs/sources/early-warning.md#counselling). This module
reads the book from text and decides which situations apply. Situations are listed most urgent
first: a doubtful value comes before everything, since advice on a wrong number is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from posyandu_desktop.domain.early_warning import RiskReason
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    Category,
    LengthHeightForAgeCategory,
    LilaStatus,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
    stored_bgm,
)
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Indicator, ZScore
from posyandu_desktop.domain.health_classes import blood_pressure_class, hypertensive


class Situation(StrEnum):
    """What today's measurement shows, as the counselling messages are keyed; most urgent first."""

    DOUBTFUL = "doubtful"
    BGM = "bgm"
    TWO_T = "two_t"
    NOT_GAINED = "not_gained"
    WASTED = "wasted"
    ABOVE_ORANGE = "above_orange"
    STUNTED = "stunted"
    KEK = "kek"
    HIGH_BLOOD_PRESSURE = "high_blood_pressure"
    WAIST_RISK = "waist_risk"
    FIRST_WEIGHING = "first_weighing"
    GREW_WELL = "grew_well"
    NO_FINDING = "no_finding"


class Action(StrEnum):
    """What a cadre does about a situation."""

    REFER = "refer"  # rujuk to the puskesmas or a health worker
    COUNSEL = "counsel"  # konseling: the message
    REMEASURE = "remeasure"  # ukur ulang
    PMT = "pmt"  # pemberian makanan tambahan


_WASTED = {
    WeightForLengthHeightCategory.SEVERELY_WASTED,
    WeightForLengthHeightCategory.WASTED,
    BmiForAge5To18Category.SEVERELY_THIN,
    BmiForAge5To18Category.THIN,
}
_STUNTED = {LengthHeightForAgeCategory.SEVERELY_STUNTED, LengthHeightForAgeCategory.STUNTED}


@dataclass(frozen=True, slots=True)
class TodayFacts:
    """What the measuring desk found about one person today (plain values)."""

    growth_status: GrowthStatus | None = None
    two_t: bool = False
    bgm: bool = False
    doubtful: bool = False  # a WHO flag or a value outside the usual ranges
    wfa: Category | None = None
    lhfa: Category | None = None
    wflh: Category | None = None
    bfa: Category | None = None
    lila_status: LilaStatus | None = None
    high_blood_pressure: bool = False
    waist_risk: bool = False


def situations(facts: TodayFacts) -> tuple[Situation, ...]:
    """The situations today's facts show, most urgent first; NO_FINDING when there is none."""
    found = {
        Situation.DOUBTFUL: facts.doubtful,
        Situation.BGM: facts.bgm,
        Situation.TWO_T: facts.two_t,
        Situation.NOT_GAINED: facts.growth_status is GrowthStatus.T and not facts.two_t,
        Situation.WASTED: facts.wflh in _WASTED
        or facts.bfa in _WASTED
        or facts.lila_status in (LilaStatus.SAM, LilaStatus.MAM),
        Situation.ABOVE_ORANGE: facts.wfa is WeightForAgeCategory.RISK_OF_OVERWEIGHT,
        Situation.STUNTED: facts.lhfa in _STUNTED,
        Situation.KEK: facts.lila_status is LilaStatus.KEK,
        Situation.HIGH_BLOOD_PRESSURE: facts.high_blood_pressure,
        Situation.WAIST_RISK: facts.waist_risk,
        Situation.FIRST_WEIGHING: facts.growth_status in (GrowthStatus.B, GrowthStatus.O),
        Situation.GREW_WELL: facts.growth_status is GrowthStatus.N,
    }
    chosen = tuple(situation for situation, applies in found.items() if applies)
    return chosen or (Situation.NO_FINDING,)


def facts_of(
    *,
    scores: Iterable[ZScore],
    growth_status: GrowthStatus | None,
    two_t: bool,
    oedema: bool,
    categories: Mapping[str, Category | None],
    lila_status: LilaStatus | None,
    systolic_mmhg: int | None,
    diastolic_mmhg: int | None,
    waist_at_risk: bool | None,
    doubted: bool = False,
) -> TodayFacts:
    """Today's facts from a stored measurement: `scores` its z-scores (a WHO flag makes it
    doubtful, and a flagged weight makes no BGM), `categories` by index key ("wfa", "lhfa",
    "wflh", "bfa"), `doubted` for a value the desk had to confirm."""
    flagged = {score.indicator for score in scores if score.flagged}
    waz = next((s.z for s in scores if s.indicator is Indicator.WEIGHT_FOR_AGE), None)
    weight_plausible = Indicator.WEIGHT_FOR_AGE not in flagged
    high_bp = (
        systolic_mmhg is not None
        and diastolic_mmhg is not None
        and hypertensive(blood_pressure_class(systolic_mmhg, diastolic_mmhg))
    )
    return TodayFacts(
        growth_status=growth_status,
        two_t=two_t and weight_plausible,
        bgm=weight_plausible and stored_bgm(waz, oedema=oedema),
        doubtful=doubted or bool(flagged),
        wfa=categories.get("wfa"),
        lhfa=categories.get("lhfa"),
        wflh=categories.get("wflh"),
        bfa=categories.get("bfa"),
        lila_status=lila_status,
        high_blood_pressure=high_bp,
        waist_risk=bool(waist_at_risk),
    )


LOCAL = "local"  # a message the Posyandu chose, with no outside source


@dataclass(frozen=True, slots=True)
class Message:
    situation: Situation | RiskReason  # a situation of today, or a reason of the early warning
    actions: tuple[Action, ...]
    text_id: str
    text_en: str
    source: str  # a docs/sources file (with #section), or LOCAL

    def text(self, lang: str) -> str:
        return self.text_id if lang == "id" else self.text_en


# An early-warning reason today's measurement already shows is said once, in today's words.
_SAID_TODAY = {RiskReason.TWO_T: Situation.TWO_T}


@dataclass(frozen=True, slots=True)
class CounsellingBook:
    version: str
    messages: Mapping[Situation, Message]
    at_risk: Mapping[RiskReason, Message]

    def advice(self, found: Iterable[Situation]) -> tuple[Message, ...]:
        return tuple(self.messages[situation] for situation in found)

    def at_risk_advice(self, reasons: Iterable[RiskReason]) -> tuple[Message, ...]:
        """What to tell the mother of a child on the early-warning list, in the reasons' order
        (the heaviest first)."""
        return tuple(self.at_risk[reason] for reason in reasons)

    def said_today(
        self, found: tuple[Situation, ...], reasons: Iterable[RiskReason]
    ) -> tuple[Message, ...]:
        """The messages of today's situations, then those of the child's early-warning reasons
        (none when the child is not on the list) that today's situations do not already say."""
        return self.advice(found) + self.at_risk_advice(
            r for r in reasons if _SAID_TODAY.get(r) not in found
        )

    @staticmethod
    def actions(messages: Iterable[Message]) -> tuple[Action, ...]:
        """Every action of the messages, once each, in Action order."""
        wanted = {action for message in messages for action in message.actions}
        return tuple(action for action in Action if action in wanted)


class BookError(ValueError):
    """The messages file is not as this module expects (a broken resource, never user input)."""


def _message(entry: Mapping[str, Any], key: Situation | RiskReason) -> Message:
    actions = tuple(Action(str(a)) for a in entry["actions"])
    text_id, text_en, source = str(entry["id"]), str(entry["en"]), str(entry["source"])
    if not actions or not text_id.strip() or not text_en.strip():
        raise BookError(f"{key}: no action or no text")
    if source != LOCAL and not source.startswith("docs/sources/"):
        raise BookError(f"{key}: source {source!r} is not in docs/sources/")
    return Message(key, actions, text_id, text_en, source)


_Key = TypeVar("_Key", Situation, RiskReason)


def _section(
    entries: Iterable[Mapping[str, Any]], field: str, keys: type[_Key]
) -> dict[_Key, Message]:
    """One message per key of `keys`, each entry naming its key in `field`."""
    found: dict[_Key, Message] = {}
    for entry in entries:
        key = keys(str(entry[field]))
        if key in found:
            raise BookError(f"two messages for {key}")
        found[key] = _message(entry, key)
    missing = set(keys) - set(found)
    if missing:
        raise BookError(f"no message for {sorted(missing)}")
    return found


def parse_book(text: str) -> CounsellingBook:
    """The counselling book from the JSON text of resources/counselling/messages.json: every
    situation (`messages`) and every early-warning reason (`at_risk`) has exactly one message
    with at least one action, both texts and a source."""
    try:
        data = json.loads(text)
        return CounsellingBook(
            str(data["version"]),
            _section(data["messages"], "situation", Situation),
            _section(data["at_risk"], "reason", RiskReason),
        )
    except (KeyError, TypeError, json.JSONDecodeError) as e:
        raise BookError(f"counselling book: {e!r}") from None

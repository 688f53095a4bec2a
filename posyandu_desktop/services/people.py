"""Finding people as the cadre types: by name fragment, NIK, mother's name or RT/RW."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.growth.weight_gain import completed_months
from posyandu_desktop.domain.life_stage import LifeStage, life_stage
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import people
from posyandu_desktop.store.records import PersonListing

NIK_DIGITS = 16
# "rt 3", "RT.03", "rw:5"; and "3/5" or "003/005" as forms write RT/RW.
_RT_RW = re.compile(r"\b(rt|rw)\s*[.:]?\s*(\d{1,3})\b", re.IGNORECASE)
_SLASHED = re.compile(r"\b(\d{1,3})\s*/\s*(\d{1,3})\b")
_NIK_PART = re.compile(r"^[\d.\-]+$")


@dataclass(frozen=True, slots=True)
class PersonQuery:
    """What a search box's text asks for."""

    words: tuple[str, ...] = ()  # normalised name fragments
    nik_prefix: str = ""
    rt: int | None = None
    rw: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.nik_prefix or self.rt or self.rw)


@dataclass(frozen=True, slots=True)
class PersonMatch:
    person: PersonListing
    age_months: int
    life_stage: LifeStage


def parse_person_query(text: str) -> PersonQuery:
    """Split search text into name words, a NIK prefix (digits, spaces and dots allowed) and
    RT/RW ("rt 3 rw 5" or "3/5")."""
    rt = rw = None
    for kind, number in _RT_RW.findall(text):
        if kind.lower() == "rt":
            rt = int(number)
        else:
            rw = int(number)
    text = _RT_RW.sub(" ", text)
    slashed = _SLASHED.search(text)
    if slashed:
        rt, rw = int(slashed.group(1)), int(slashed.group(2))
        text = _SLASHED.sub(" ", text)
    nik = ""
    words: list[str] = []
    for token in text.split():
        if _NIK_PART.match(token):
            nik += re.sub(r"\D", "", token)
        else:
            words += people.name_key(token).split()
    return PersonQuery(tuple(words), nik[:NIK_DIGITS], rt, rw)


def find_people(
    db: Database,
    text: str,
    *,
    rt: int | None = None,
    rw: int | None = None,
    limit: int = 30,
    today: date | None = None,
) -> tuple[PersonMatch, ...]:
    """People matching the search text (see `parse_person_query`), own-name matches first; the
    `rt`/`rw` arguments narrow it further. Empty text finds nobody."""
    query = parse_person_query(text)
    if query.empty and rt is None and rw is None:
        return ()
    today = today or date.today()
    with db.reading() as tx:
        found = people.search(
            tx,
            words=query.words,
            nik_prefix=query.nik_prefix,
            rt=rt if rt is not None else query.rt,
            rw=rw if rw is not None else query.rw,
            limit=limit,
        )
    return tuple(_match(p, today) for p in found)


def _match(person: PersonListing, today: date) -> PersonMatch:
    on = max(today, person.birth_date)  # a birth date typed in the future counts as today
    stage = life_stage(
        person.birth_date, on, pregnant=person.pregnant, delivered_on=person.delivered_on
    )
    return PersonMatch(person, completed_months(person.birth_date, on), stage)

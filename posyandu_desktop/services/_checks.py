"""Checks shared by the services: text fields, ranges, and lookups that refuse by raising."""

from __future__ import annotations

import math
from datetime import date

from posyandu_desktop.domain.nik import NikInfo, NikProblem, parse_nik
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.services.outcome import InputError, Issue
from posyandu_desktop.store import Tx
from posyandu_desktop.store.queries import cadres, days, people
from posyandu_desktop.store.records import DayRecord, PersonRecord

NAME_MAX = 100  # the name columns' length


def text_issues(value: str, field: Field, max_length: int, *, required: bool) -> list[Issue]:
    """REQUIRED or TOO_LONG for a text field (compared after stripping spaces)."""
    value = value.strip()
    if required and not value:
        return [Issue(Problem.REQUIRED, field)]
    if len(value) > max_length:
        return [Issue(Problem.TOO_LONG, field, max_length)]
    return []


def in_range(value: float | None, field: Field, low: float, high: float) -> list[Issue]:
    """OUT_OF_RANGE unless `value` is None or a finite number within [low, high]."""
    if value is None or (math.isfinite(value) and low <= value <= high):
        return []
    return [Issue(Problem.OUT_OF_RANGE, field, value)]


def not_future(on: date, field: Field, today: date) -> list[Issue]:
    """DATE_IN_FUTURE for a date after today."""
    return [Issue(Problem.DATE_IN_FUTURE, field, on.isoformat())] if on > today else []


def nik_issues(
    nik: str, field: Field, today: date
) -> tuple[NikInfo | None, list[Issue], list[Issue]]:
    """(what the NIK encodes, problems, warnings) for a typed NIK; no info when it has
    blocking problems."""
    result = parse_nik(nik, today=today)
    problems = [
        Issue(Problem.NIK_INVALID, field, issue.problem.value)
        for issue in result.problems
        if not issue.problem.is_warning
    ]
    warnings = [
        Issue(Problem.NIK_INVALID, field, NikProblem.BAD_PROVINCE.value)
        for issue in result.problems
        if issue.problem.is_warning
    ]
    return (None if problems else result.info), problems, warnings


def cadre(tx: Tx, cadre_id: int, field: Field = Field.CADRE_ID) -> None:
    """Refuse unless a cadre with this id exists and still serves."""
    active = cadres.cadre_active(tx, cadre_id)
    if active is None:
        raise InputError(Issue(Problem.CADRE_NOT_FOUND, field, cadre_id))
    if not active:
        raise InputError(Issue(Problem.CADRE_INACTIVE, field, cadre_id))


def person(tx: Tx, person_id: int, field: Field = Field.PERSON_ID) -> PersonRecord:
    """The person with this id, or refuse."""
    found = people.get_person(tx, person_id)
    if found is None:
        raise InputError(Issue(Problem.PERSON_NOT_FOUND, field, person_id))
    return found


def open_day(tx: Tx, day_id: int, field: Field = Field.DAY_ID) -> DayRecord:
    """The Posyandu day with this id if it is still open, or refuse."""
    found = days.get_day(tx, day_id)
    if found is None:
        raise InputError(Issue(Problem.DAY_NOT_FOUND, field, day_id))
    if not found.is_open:
        raise InputError(Issue(Problem.DAY_CLOSED, field, day_id))
    return found


def cadre_profile(
    name: str, phone: str, bpjs_ketenagakerjaan: str | None, nik: str | None, today: date
) -> tuple[list[Issue], list[Issue], str | None]:
    """Problems, warnings and the NIK's digits for a cadre's profile (registration and edits)."""
    problems = text_issues(name, Field.NAME, NAME_MAX, required=True)
    problems += text_issues(phone, Field.PHONE, 20, required=False)
    problems += text_issues(
        (bpjs_ketenagakerjaan or "").strip(), Field.BPJS_KETENAGAKERJAAN, 20, required=False
    )
    if not (nik and nik.strip()):
        return problems, [], None
    info, nik_problems, warnings = nik_issues(nik, Field.NIK, today)
    return problems + nik_problems, warnings, None if info is None else info.nik

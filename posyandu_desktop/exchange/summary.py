"""`report/summary.json` of the monthly export: one Posyandu's month for the puskesmas recap.

The month's report lines per child (indicators.RosterChild) with who each child is (uid, NIK,
name; the mother's NIK and the birth date where known, which identify a baby without a NIK), the
pregnant women with KEK, cadres, sessions and home visits, and the totals the
Posyandu's own report printed, so the puskesmas can check that the lines add up to them.
Canonical JSON like the manifest (sorted keys, no spaces, UTF-8), so one month's data always
gives the same bytes. Codes are written as their enum values; a category under its index's key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date
from typing import Any, TypeVar, cast

from posyandu_desktop.domain.early_warning import RiskReason
from posyandu_desktop.domain.growth.classify import Category
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.ilp_report import (
    STAGE_FINDINGS,
    Count,
    Coverage,
    IlpMonth,
    StageRow,
)
from posyandu_desktop.domain.indicators import (
    AgeGroup,
    MonthlyIndicators,
    RosterChild,
    SkdnCounts,
    StatusIndex,
)
from posyandu_desktop.domain.life_stage import LifeStage, VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.domain.recap import (
    EarlyWarningFigures,
    KekWoman,
    PersonKey,
    PosyanduMonth,
    RecapChild,
    ReportTotals,
    posyandu_month,
)
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.domain.safe_text import strip_bidi_controls

SUMMARY_FORMAT = "posyandu-desktop-summary"
SUMMARY_VERSION = 1
_SKDN_FIELDS = ("s", "k", "d", "n", "t", "two_t", "o", "b", "bgm")

__all__ = ["SUMMARY_FORMAT", "SUMMARY_VERSION", "month_bytes", "read_summary", "summary_bytes"]


def summary_bytes(
    *,
    code: str,
    name: str,
    indicators: MonthlyIndicators,
    roster: Sequence[RosterChild],
    people: Mapping[int, PersonKey],
    kelurahan: str = "",
    puskesmas: str = "",
    quality: QualityFigures | None = None,
    early_warning: EarlyWarningFigures | None = None,
    ilp: IlpMonth | None = None,
) -> bytes:
    """The summary of one Posyandu month; `people` names every person id of the roster and
    of the KEK list (ValueError if one is missing)."""
    month = posyandu_month(
        code=code,
        name=name,
        indicators=indicators,
        roster=roster,
        people=people,
        kelurahan=kelurahan,
        puskesmas=puskesmas,
        quality=quality,
        ilp=ilp,
    )
    return month_bytes(replace(month, early_warning=early_warning))


def month_bytes(month: PosyanduMonth) -> bytes:
    """A `PosyanduMonth` as canonical summary JSON."""
    document = {
        "format": SUMMARY_FORMAT,
        "format_version": SUMMARY_VERSION,
        "posyandu": {
            "code": month.code,
            "name": month.name,
            "kelurahan": month.kelurahan,
            "puskesmas": month.puskesmas,
        },
        "period": f"{month.year:04d}-{month.month:02d}",
        "children": [_child(c) for c in month.children],
        "kek_pregnant": [
            {**_person(w.person), "age_years": w.age_years, "lila_cm": w.lila_cm} for w in month.kek
        ],
        "pregnant_lila_measured": month.pregnant_lila_measured,
        "cadres": {"registered": month.cadres_registered, "active": month.cadres_active},
        "sessions": month.sessions,
        "attendance": [{"date": on.isoformat(), "cadres": n} for on, n in month.attendance],
        "home_visits": month.home_visits,
        "totals": {
            "skdn": {f: getattr(month.reported.skdn, f) for f in _SKDN_FIELDS},
            "status": {
                index.value: {c.value: n for c, n in counts.items()}
                for index, counts in month.reported.status.items()
            },
            "new_stunting": month.reported.new_stunting,
            "referrals": month.reported.referrals,
            "kek": month.reported.kek,
        },
    }
    # Added within format version 1 (see `_person`): written only when known.
    if month.quality is not None:
        document["quality"] = {
            f.name: getattr(month.quality, f.name) for f in fields(QualityFigures)
        }
    # Added within format version 1, so written only when known (as _person's fields).
    if month.early_warning is not None:
        document["early_warning"] = _early_warning(month.early_warning)
    # Added within format version 1, written only when the laptop made an ILP page: a month
    # without one gives the bytes earlier versions wrote.
    if month.ilp is not None:
        document["ilp"] = _ilp(month.ilp)
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def _early_warning(figures: EarlyWarningFigures) -> dict[str, Any]:
    return {
        "at_risk": [
            {**_person(person), "reasons": [r.value for r in reasons]}
            for person, reasons in figures.at_risk
        ],
        "months": figures.months,
        "cases": figures.cases,
        "warned": figures.warned,
        "recovered": figures.recovered,
        "mean_list_size": figures.mean_list_size,
    }


def _ilp(ilp: IlpMonth) -> dict[str, Any]:
    def cover(c: Coverage) -> dict[str, Any]:
        return {"given": c.given, "of": c.of}

    return {
        "stages": {
            row.stage.value: {
                "seen": row.seen,
                "findings": {
                    f.value: {"found": n.found, "judged": n.judged} for f, n in row.counts.items()
                },
            }
            for row in ilp.stages
        },
        "vitamin_a_round": ilp.vitamin_a_round,
        "vitamin_a": {capsule.value: cover(c) for capsule, c in ilp.vitamin_a.items()},
        "ttd_pregnant": cover(ilp.ttd_pregnant),
        "ttd_adolescent_girls": cover(ilp.ttd_adolescent_girls),
        "immunisation": [{"antigen": a, "doses": n} for a, n in ilp.immunisation],
    }


def _read_ilp(obj: Any, year: int, month: int) -> IlpMonth:
    where = "ilp"

    def cover(c: Any, at: str) -> Coverage:
        return Coverage(_get(c, "given", int, at), _optional(c, "of", int, at))

    stages = _get(obj, "stages", dict, where)
    rows = []
    for stage in LifeStage:
        at = f"{where}.stages.{stage.value}"
        row = _get(stages, stage.value, dict, f"{where}.stages")
        findings = _get(row, "findings", dict, at)
        rows.append(
            StageRow(
                stage,
                _get(row, "seen", int, at),
                {
                    f: Count(
                        _get(_get(findings, f.value, dict, at), "found", int, f"{at}.{f.value}"),
                        _get(findings[f.value], "judged", int, f"{at}.{f.value}"),
                    )
                    for f in STAGE_FINDINGS[stage]
                },
            )
        )
    vitamin_a = _get(obj, "vitamin_a", dict, where)
    return IlpMonth(
        year,
        month,
        tuple(rows),
        _get(obj, "vitamin_a_round", bool, where),
        {
            capsule: cover(_get(vitamin_a, capsule.value, dict, f"{where}.vitamin_a"), where)
            for capsule in VitaminACapsule
        },
        cover(_get(obj, "ttd_pregnant", dict, where), where),
        cover(_get(obj, "ttd_adolescent_girls", dict, where), where),
        tuple(
            (
                _get(i, "antigen", str, f"{where}.immunisation"),
                _get(i, "doses", int, f"{where}.immunisation"),
            )
            for i in _get(obj, "immunisation", list, where)
        ),
    )


def _person(person: PersonKey) -> dict[str, Any]:
    found: dict[str, Any] = {"uid": person.uid, "nik": person.nik, "name": person.name}
    # Added within format version 1, so written only when known: a month without them gives the
    # bytes earlier versions wrote, and readers take a missing one as unknown.
    if person.mother_nik is not None:
        found["mother_nik"] = person.mother_nik
    if person.birth_date is not None:
        found["birth_date"] = person.birth_date.isoformat()
    return found


def _group_text(group: AgeGroup) -> str:
    return f"{group.first}-{group.last}"


def _child(child: RecapChild) -> dict[str, Any]:
    line = child.line
    return {
        **_person(child.person),
        "person_id": line.person_id,
        "sex": line.sex.value,
        "age_months": line.age_months,
        "age_group": None if line.age_group is None else _group_text(line.age_group),
        "in_s": line.in_s,
        "k": line.k,
        "weighed_on": None if line.weighed_on is None else line.weighed_on.isoformat(),
        "status": None if line.status is None else line.status.value,
        "two_t": line.two_t,
        "bgm": line.bgm,
        "categories": {index.value: c.value for index, c in line.categories.items()},
        "new_stunting": line.new_stunting,
        "referral": [reason.value for reason in line.referral],
    }


# Reading ------------------------------------------------------------------------------------

_T = TypeVar("_T")


class _SummaryError(Exception):
    """The first thing wrong in a summary, with where it is ("children[3].sex")."""


def _get(obj: Any, key: str, kind: type[_T], where: str) -> _T:
    if not isinstance(obj, dict) or key not in obj:
        raise _SummaryError(f"{where}: '{key}' is missing")
    value = obj[key]
    # bool is an int to Python, never to this format.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _SummaryError(f"{where}.{key}: expected {kind.__name__}, found {value!r}")
    if isinstance(value, str):
        # Names reach the recap PDF, XLSX and screens: no bidi control may reorder them.
        return cast(_T, strip_bidi_controls(value))
    return value


def _optional(obj: Any, key: str, kind: type[_T], where: str) -> _T | None:
    if isinstance(obj, dict) and obj.get(key, 0) is None:
        return None
    return _get(obj, key, kind, where)


def _added(obj: Any, key: str, kind: type[_T], where: str) -> _T | None:
    """A field added within the format version: missing or null is None."""
    if isinstance(obj, dict) and obj.get(key) is None:
        return None
    return _get(obj, key, kind, where)


def _number(obj: Any, key: str, where: str) -> float:
    value = obj.get(key) if isinstance(obj, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _SummaryError(f"{where}.{key}: expected a number, found {value!r}")
    return float(value)


def _code(parse: Callable[[Any], _T], value: Any, where: str) -> _T:
    try:
        return parse(value)
    except (ValueError, KeyError, TypeError):
        raise _SummaryError(f"{where}: unknown code {value!r}") from None


def _date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _SummaryError(f"{where}: not a date: {text!r}") from None


def _category(index: StatusIndex, value: Any, where: str) -> Category:
    found = next((c for c in index.categories if c.value == value), None)
    if found is None:
        raise _SummaryError(f"{where}: unknown {index.value} category {value!r}")
    return found


def _age_group(text: str, where: str) -> AgeGroup:
    found = next((g for g in AgeGroup if _group_text(g) == text), None)
    if found is None:
        raise _SummaryError(f"{where}: unknown age group {text!r}")
    return found


def _read_person(obj: Any, where: str) -> PersonKey:
    born = _added(obj, "birth_date", str, where)
    return PersonKey(
        _get(obj, "uid", str, where),
        _optional(obj, "nik", str, where),
        _get(obj, "name", str, where),
        mother_nik=_added(obj, "mother_nik", str, where),
        birth_date=None if born is None else _date(born, f"{where}.birth_date"),
    )


def _read_child(obj: Any, where: str) -> RecapChild:
    group = _optional(obj, "age_group", str, where)
    weighed = _optional(obj, "weighed_on", str, where)
    status = _optional(obj, "status", str, where)
    categories = {
        _code(StatusIndex, key, f"{where}.categories"): value
        for key, value in _get(obj, "categories", dict, where).items()
    }
    line = RosterChild(
        person_id=_get(obj, "person_id", int, where),
        sex=_code(Sex, _get(obj, "sex", int, where), f"{where}.sex"),
        age_months=_get(obj, "age_months", int, where),
        age_group=None if group is None else _age_group(group, f"{where}.age_group"),
        in_s=_get(obj, "in_s", bool, where),
        k=_get(obj, "k", bool, where),
        weighed_on=None if weighed is None else _date(weighed, f"{where}.weighed_on"),
        status=None if status is None else _code(GrowthStatus, status, f"{where}.status"),
        two_t=_get(obj, "two_t", bool, where),
        bgm=_get(obj, "bgm", bool, where),
        categories={
            index: _category(index, value, f"{where}.categories")
            for index, value in categories.items()
        },
        new_stunting=_get(obj, "new_stunting", bool, where),
        referral=tuple(
            _code(ReferralReason, r, f"{where}.referral")
            for r in _get(obj, "referral", list, where)
        ),
    )
    return RecapChild(_read_person(obj, where), line)


def _read_totals(obj: Any) -> ReportTotals:
    where = "totals"
    skdn = _get(obj, "skdn", dict, where)
    status: dict[StatusIndex, dict[Category, int]] = {}
    for key, counts in _get(obj, "status", dict, where).items():
        index = _code(StatusIndex, key, f"{where}.status")
        if not isinstance(counts, dict):
            raise _SummaryError(f"{where}.status.{key}: expected dict")
        status[index] = {
            _category(index, c, f"{where}.status.{key}"): _get(counts, c, int, f"{where}.status")
            for c in counts
        }
    return ReportTotals(
        skdn=SkdnCounts(*(_get(skdn, f, int, f"{where}.skdn") for f in _SKDN_FIELDS)),
        status=status,
        new_stunting=_get(obj, "new_stunting", int, where),
        referrals=_get(obj, "referrals", int, where),
        kek=_get(obj, "kek", int, where),
    )


def _read_early_warning(doc: Any) -> EarlyWarningFigures | None:
    found = _added(doc, "early_warning", dict, "summary")
    if found is None:
        return None
    where = "early_warning"
    at_risk = []
    for i, entry in enumerate(_get(found, "at_risk", list, where)):
        here = f"{where}.at_risk[{i}]"
        reasons = tuple(
            _code(RiskReason, r, f"{here}.reasons") for r in _get(entry, "reasons", list, here)
        )
        at_risk.append((_read_person(entry, here), reasons))
    return EarlyWarningFigures(
        at_risk=tuple(at_risk),
        months=_get(found, "months", int, where),
        cases=_get(found, "cases", int, where),
        warned=_get(found, "warned", int, where),
        recovered=_get(found, "recovered", int, where),
        mean_list_size=_number(found, "mean_list_size", where),
    )


def _read(doc: Any) -> PosyanduMonth:
    if _get(doc, "format", str, "summary") != SUMMARY_FORMAT:
        raise _SummaryError(f"not a Posyandu summary (format {doc['format']!r})")
    version = _get(doc, "format_version", int, "summary")
    if version != SUMMARY_VERSION:
        raise _SummaryError(f"summary format version {version} is not supported (this app reads 1)")
    posyandu = _get(doc, "posyandu", dict, "summary")
    period = _get(doc, "period", str, "summary")
    try:
        year, month = (int(part) for part in period.split("-"))
        date(year, month, 1)
    except ValueError:
        raise _SummaryError(f"summary.period: not a month: {period!r}") from None
    cadres = _get(doc, "cadres", dict, "summary")
    attendance = _get(doc, "attendance", list, "summary")
    return PosyanduMonth(
        code=_get(posyandu, "code", str, "posyandu"),
        name=_get(posyandu, "name", str, "posyandu"),
        year=year,
        month=month,
        children=tuple(
            _read_child(c, f"children[{i}]")
            for i, c in enumerate(_get(doc, "children", list, "summary"))
        ),
        kek=tuple(
            KekWoman(
                _read_person(w, f"kek_pregnant[{i}]"),
                _get(w, "age_years", int, f"kek_pregnant[{i}]"),
                _number(w, "lila_cm", f"kek_pregnant[{i}]"),
            )
            for i, w in enumerate(_get(doc, "kek_pregnant", list, "summary"))
        ),
        pregnant_lila_measured=_get(doc, "pregnant_lila_measured", int, "summary"),
        cadres_registered=_get(cadres, "registered", int, "cadres"),
        cadres_active=_get(cadres, "active", int, "cadres"),
        sessions=_get(doc, "sessions", int, "summary"),
        attendance=tuple(
            (
                _date(_get(a, "date", str, f"attendance[{i}]"), f"attendance[{i}].date"),
                _get(a, "cadres", int, f"attendance[{i}]"),
            )
            for i, a in enumerate(attendance)
        ),
        home_visits=_get(doc, "home_visits", int, "summary"),
        reported=_read_totals(_get(doc, "totals", dict, "summary")),
        kelurahan=_get(posyandu, "kelurahan", str, "posyandu"),
        puskesmas=_get(posyandu, "puskesmas", str, "posyandu"),
        quality=_read_quality(_added(doc, "quality", dict, "summary")),
        early_warning=_read_early_warning(doc),
        ilp=None
        if (ilp := _added(doc, "ilp", dict, "summary")) is None
        else _read_ilp(ilp, year, month),
    )


def _read_quality(obj: dict[str, Any] | None) -> QualityFigures | None:
    """The data-quality figures a Posyandu sent (None from a file without them)."""
    if obj is None:
        return None
    where = "quality"
    values: dict[str, Any] = {}
    for f in fields(QualityFigures):
        if f.name.startswith(("sd_", "weight_digit", "lenhei_digit")):
            value = obj.get(f.name)
            if value is not None and not isinstance(value, int | float):
                raise _SummaryError(f"{where}.{f.name}: expected a number")
            values[f.name] = None if value is None else float(value)
        else:
            values[f.name] = _get(obj, f.name, int, where)
    return QualityFigures(**values)


def read_summary(raw: bytes) -> PosyanduMonth:
    """A summary back as a `PosyanduMonth`; ValueError naming the first thing wrong."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ValueError(f"summary.json is not UTF-8 text: {e}") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"summary.json is not valid JSON: {e}") from None
    try:
        return _read(doc)
    except _SummaryError as e:
        raise ValueError(f"summary.json: {e}") from None

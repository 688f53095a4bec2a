"""Every number of the monthly report as JSON, with person ids in the lists
(`posyandu-desktop report --format json`).

The document is built from sections, one function each, in `SECTIONS` order: a new part of the
report (data quality, early warning) adds its own section function there and nothing else
changes. Keys are English codes (the enum values the store keeps), never translated words, so
a script or the city's spreadsheet reads the same keys in every language.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from posyandu_desktop.domain.indicators import MonthlyIndicators, Skdn, SkdnCounts
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.domain.stunting_incidence import INCIDENCE_2026
from posyandu_desktop.reports.data import MonthlyReportData

Json = dict[str, Any]
Section = Callable[[MonthlyReportData], Json]

# Bumped when a key changes meaning or goes away; new sections and keys keep the version.
JSON_VERSION = 1


def _counts(c: SkdnCounts) -> Json:
    return {
        "s": c.s,
        "k": c.k,
        "d": c.d,
        "n": c.n,
        "t": c.t,
        "two_t": c.two_t,
        "o": c.o,
        "b": c.b,
        "bgm": c.bgm,
        "d_s": c.d_s,
        "k_s": c.k_s,
        "d_k": c.d_k,
        "n_d": c.n_d,
        "n_s": c.n_s,
    }


def _skdn_json(skdn: Skdn) -> Json:
    cells = [
        {"sex": int(sex), "age_months": [group.first, group.last], **_counts(counts)}
        for (sex, group), counts in sorted(
            skdn.cells.items(), key=lambda item: (int(item[0][0]), item[0][1].first)
        )
    ]
    return {"cells": cells, "total": _counts(skdn.total())}


def _ids(items: Any) -> list[int]:
    return sorted(item.person_id for item in items)


def header(data: MonthlyReportData) -> Json:
    p = data.posyandu
    return {
        "json_version": JSON_VERSION,
        "month": f"{data.year:04d}-{data.month:02d}",
        "posyandu": {
            "name": p.name,
            "kelurahan": p.kelurahan,
            "kecamatan": p.kecamatan,
            "kota": p.kota,
            "puskesmas": p.puskesmas,
        },
    }


def children(data: MonthlyReportData) -> Json:
    ind: MonthlyIndicators = data.indicators
    lists = ind.stunting
    reasons = {
        reason.value: _ids(r for r in (*ind.referrals, *ind.remeasure) if reason in r.reasons)
        for reason in ReferralReason
    }
    return {
        "skdn": _skdn_json(ind.skdn),
        "status": {
            index.value: {
                "measured": ind.status_measured[index],
                "categories": {c.value: n for c, n in ind.status_counts[index].items()},
            }
            for index in ind.status_counts
        },
        "new_stunting": {
            "rule": INCIDENCE_2026.version,
            "confirmed": list(lists.confirmed),
            "suspected": list(lists.suspected),
            "at_registration": list(lists.at_registration),
            "born_short": list(lists.born_short),
        },
        "referrals": _ids(ind.referrals),
        "referral_reasons": reasons,
        "remeasure": _ids(ind.remeasure),
    }


def adults(data: MonthlyReportData) -> Json:
    ind = data.indicators
    bp = ind.blood_pressure
    return {
        "kek_pregnant": _ids(ind.kek_pregnant),
        "pregnant_lila_measured": ind.pregnant_lila_measured,
        "blood_pressure": {
            "measured_adults": bp.measured_adults,
            "high_adults": bp.high_adults,
            "measured_elders": bp.measured_elders,
            "high_elders": bp.high_elders,
            "high": _ids(bp.people),
        },
    }


def activities(data: MonthlyReportData) -> Json:
    ind = data.indicators
    return {
        "home_visits": ind.home_visits,
        "home_visits_by_reason": {r.value: n for r, n in ind.home_visits_by_reason.items()},
        "sessions": ind.sessions,
        "attendance_by_session": [
            {"date": on.isoformat(), "cadres": n} for on, n in ind.attendance_by_session
        ],
        "services": [
            {"kind": kind.value, "capsule": None if cap is None else cap.value, "people": n}
            for (kind, cap), n in sorted(
                ind.services.items(), key=lambda i: (i[0][0].value, str(i[0][1]))
            )
        ],
        "cadres_registered": ind.cadres_registered,
        "cadres_active": ind.cadres_active,
        "cadre_performance": [
            {
                "cadre_id": c.cadre_id,
                "registered_active": c.registered_active,
                "sessions_attended": c.sessions_attended,
                "people_measured": c.people_measured,
                "home_visits": c.home_visits,
                "records_corrected": c.records_corrected,
            }
            for c in ind.cadre_performance
        ],
        "trend": [
            {"month": f"{t.year:04d}-{t.month:02d}", "d_s": t.d_s, "n_d": t.n_d} for t in ind.trend
        ],
    }


def _quality_json(q: QualityFigures) -> Json:
    """Data quality (domain/quality.py): counts, shares in percent and scores, None where there
    was nothing to compute."""
    return {
        "measurements": q.measurements,
        "values": q.values,
        "doubtful": q.doubtful,
        "doubtful_percent": q.doubtful_percent,
        "weight_digit_score": q.weight_digit_score,
        "length_digit_score": q.lenhei_digit_score,
        "under_two_measured": q.under_two_measured,
        "under_two_lying": q.under_two_lying,
        "length_due": q.length_due,
        "length_missing": q.length_missing,
        "lila_due": q.lila_due,
        "lila_missing": q.lila_missing,
        "sd": {"waz": q.sd_waz, "haz": q.sd_haz, "whz": q.sd_whz},
        "sd_outside_expected": list(q.sds_outside_expected),
        "twice_same_day": q.twice_same_day,
        "corrected_records": q.corrected_records,
        "corrections": q.corrections,
    }


def quality(data: MonthlyReportData) -> Json:
    return {"quality": None if data.quality is None else _quality_json(data.quality)}


def early_warning(data: MonthlyReportData) -> Json:
    """The early-warning list at the month's end and the backtest of the twelve months up to it
    (domain/early_warning.py): the confirmed new cases, those on the list one to three months
    before, the children who left the list without becoming a case, the list's size a month."""
    found = data.early_warning
    if found is None:
        return {}
    bt = found.backtest
    return {
        "early_warning": {
            "at_risk": sorted(c.risk.person_id for c in found.children),
            "reasons": {
                str(c.risk.person_id): [r.value for r in c.risk.reasons] for c in found.children
            },
            "cases": len(bt.cases),
            "warned": len(bt.warned),
            "sensitivity": None if bt.sensitivity is None else round(bt.sensitivity, 4),
            "recovered": len(bt.recovered),
            "case_ids": sorted(pid for pid, _month in bt.cases),
            "warned_ids": sorted(bt.warned),
            "recovered_ids": list(bt.recovered),
            "list_size": {str(m): n for m, n in zip(bt.months, bt.list_sizes, strict=True)},
        }
    }


# The report's sections in order; each returns top-level keys of the document. A new part of the
# report plugs in here as a further section.
SECTIONS: tuple[Section, ...] = (header, children, adults, activities, quality, early_warning)


def monthly_json(data: MonthlyReportData, sections: tuple[Section, ...] = SECTIONS) -> Json:
    """The month's report as one JSON object: the sections' keys, in order."""
    document: Json = {}
    for section in sections:
        part = section(data)
        clash = document.keys() & part.keys()
        if clash:
            raise ValueError(f"two sections give {sorted(clash)}")
        document.update(part)
    return document


def dumps(data: MonthlyReportData) -> str:
    """The document as indented UTF-8 JSON text (names as written, not escaped)."""
    return json.dumps(monthly_json(data), ensure_ascii=False, indent=2) + "\n"

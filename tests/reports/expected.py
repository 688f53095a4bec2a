"""Counts for the monthly report computed straight from the registry file with sqlite3 and plain
Python, without `domain.indicators`, so the PDF is checked against an independent reading."""

from __future__ import annotations

import calendar
import json
import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pypdf

Row = dict[str, Any]  # one registry row as a dict
GROUPS = ((0, 5), (6, 11), (12, 23), (24, 35), (36, 59))
LETTERS = ("s", "k", "d", "n", "t", "two_t", "o", "b", "bgm")


def months_old(birth: date, on: date) -> int:
    """Completed months: a month completes on the birth day, or the month's last day."""
    months = (on.year - birth.year) * 12 + on.month - birth.month
    if on.day < min(birth.day, calendar.monthrange(on.year, on.month)[1]):
        months -= 1
    return months


def group_of(months: int) -> int | None:
    return next((i for i, (a, b) in enumerate(GROUPS) if a <= months <= b), None)


def _d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class Registry:
    """The registry's rows, read once with sqlite3."""

    def __init__(self, path: Path) -> None:
        con = sqlite3.connect(path)
        con.row_factory = sqlite3.Row
        self.con = con
        book = {
            r[0] for r in con.execute("SELECT person_id FROM service_given WHERE from_kia_book")
        }
        self.people = {
            r["id"]: {
                "name": r["name"],
                "sex": r["sex"],
                "birth": _d(r["birth_date"]),
                "left": _d(r["left_on"]),
                "kms": r["birth_weight_kg"] is not None or r["id"] in book,
                "pregnant": bool(r["pregnant"]),
                "delivered": _d(r["delivered_on"]),
            }
            for r in con.execute("SELECT * FROM person")
        }
        self.measurements = [
            dict(r, on=_d(r["measured_on"]))
            for r in con.execute("SELECT * FROM measurement ORDER BY measured_on, id")
        ]

    def month_weighings(self, year: int, month: int) -> dict[int, Row]:
        last: dict[int, Row] = {}
        for m in self.measurements:
            if (
                (m["on"].year, m["on"].month) == (year, month)
                and m["weight_kg"] is not None
                and not self.doubtful(m, "weight_kg")  # a doubtful weight is no weighing
            ):
                last[m["person_id"]] = m
        return last

    def skdn(self, year: int, month: int) -> dict[tuple[int, int], Counter[str]]:
        """(sex 1/2, group index) -> letter counts."""
        end = date(year, month, calendar.monthrange(year, month)[1])
        weighed = self.month_weighings(year, month)
        cells: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
        for pid, p in self.people.items():
            w = weighed.get(pid)
            if w is None and p["left"] is not None and p["left"] <= end:
                continue
            on = end if w is None else w["on"]
            if on < p["birth"]:
                continue
            g = group_of(months_old(p["birth"], on))
            if g is None:
                continue
            cell = cells[(p["sex"], g)]
            cell["s"] += 1
            cell["k"] += p["kms"]
            if w is not None:
                cell["d"] += 1
                status = w["growth_status"]
                if status:
                    cell[status.lower()] += 1
                cell["two_t"] += status == "T" and bool(w["two_t"])
                cell["bgm"] += w["wfa_category"] == "wfa.severely_underweight"
        return cells

    def balita_month(self, year: int, month: int) -> list[Row]:
        return [
            m
            for m in self.measurements
            if m["on"].year == year
            and m["on"].month == month
            and months_old(self.people[m["person_id"]]["birth"], m["on"]) < 60
        ]

    def status_counts(self, year: int, month: int) -> dict[str, Counter[str]]:
        rows = self.balita_month(year, month)
        out = {}
        for column in ("wfa_category", "lhfa_category", "wflh_category", "bfa_category"):
            latest = {m["person_id"]: m[column] for m in rows if m[column] is not None}
            out[column] = Counter(latest.values())
        return out

    def new_stunting(self, year: int, month: int) -> list[str]:
        """Names of the confirmed new cases: the second stunted valid length in a row after a
        non-stunted one, in the month, under five, not within 12 months of an earlier case."""
        end = date(year, month, calendar.monthrange(year, month)[1])
        history: dict[int, list[Row]] = defaultdict(list)
        for m in sorted(self.measurements, key=lambda m: (m["on"], m["id"])):
            if m["lhfa_category"] is not None and m["on"] <= end:  # doubtful: no category
                history[m["person_id"]].append(m)
        stunted = ("lhfa.stunted", "lhfa.severely_stunted")
        names = []
        for pid, rows in history.items():
            birth = self.people[pid]["birth"]
            normal_seen, run, cases = False, 0, list[int]()
            for m in rows:
                if m["lhfa_category"] not in stunted:
                    normal_seen, run = True, 0
                    continue
                run += normal_seen
                at = m["on"].year * 12 + m["on"].month
                if (
                    run == 2
                    and (not cases or at - cases[-1] >= 12)
                    and months_old(birth, m["on"]) < 60
                ):
                    cases.append(at)
            if cases and cases[-1] == year * 12 + month:
                names.append(self.people[pid]["name"])
        return sorted(names, key=str.casefold)

    def doubtful(self, m: Row, quantity: str) -> bool:
        return quantity in (m["doubtful"] or "").split(",")

    def referrals(self, year: int, month: int) -> tuple[list[str], Counter[str], list[str]]:
        """Referred names, the tally of reasons, and the names that only need a re-measure."""
        rows = self.balita_month(year, month)
        reasons: dict[int, list[str]] = defaultdict(list)
        weighing = {
            m["person_id"]: m
            for m in rows
            if m["weight_kg"] is not None and not self.doubtful(m, "weight_kg")
        }
        lila = {
            m["person_id"]: m
            for m in rows
            if m["lila_cm"] is not None and not self.doubtful(m, "lila_cm")
        }
        for pid in {m["person_id"] for m in rows}:
            w = weighing.get(pid)
            oedema = any(m["oedema"] for m in rows if m["person_id"] == pid)
            if w is not None and w["growth_status"] == "T":
                reasons[pid].append("t")
                if w["two_t"]:
                    reasons[pid].append("two_t")
            if w is not None and w["wfa_category"] == "wfa.severely_underweight":
                reasons[pid].append("bgm")
            if w is not None and w["wfa_category"] == "wfa.risk_of_overweight":
                reasons[pid].append("above_orange")
            if oedema:
                reasons[pid].append("oedema")
            arm = lila.get(pid)
            if (
                arm
                and not oedema
                and months_old(self.people[pid]["birth"], arm["on"]) >= 6
                and arm["lila_cm"] < 11.5
            ):
                reasons[pid].append("muac")
        again = {m["person_id"] for m in rows if m["doubtful"]}
        tally = Counter(r for rs in reasons.values() for r in rs)
        names = sorted(
            (self.people[pid]["name"] for pid, rs in reasons.items() if rs), key=str.casefold
        )
        remeasure = sorted(
            (self.people[pid]["name"] for pid in again if not reasons[pid]), key=str.casefold
        )
        return names, tally, remeasure

    def pregnant_on(self, pid: int, on: date, today: date) -> bool:
        p = self.people[pid]
        d = p["delivered"]
        if d is not None and (d - on).days <= 280 and on < d:
            return True
        return p["pregnant"] and (d is None or on >= d) and (today - on).days <= 280

    def kek(self, year: int, month: int, today: date) -> tuple[int, int]:
        latest = {}
        for m in self.measurements:
            in_month = (m["on"].year, m["on"].month) == (year, month)
            if (
                in_month
                and m["lila_cm"] is not None
                and self.pregnant_on(m["person_id"], m["on"], today)
            ):
                latest[m["person_id"]] = m["lila_cm"]
        return sum(v < 23.5 for v in latest.values()), len(latest)

    def blood_pressure(self, year: int, month: int) -> dict[str, int]:
        latest = {}
        for m in self.measurements:
            if (m["on"].year, m["on"].month) == (year, month) and m["systolic_mmhg"] is not None:
                years = months_old(self.people[m["person_id"]]["birth"], m["on"]) // 12
                if years >= 18:
                    latest[m["person_id"]] = (years, m["systolic_mmhg"], m["diastolic_mmhg"])
        out: Counter[str] = Counter()
        for years, sys_, dia in latest.values():
            who = "elders" if years >= 60 else "adults"
            out[who] += 1
            out[f"high_{who}"] += sys_ >= 140 or dia >= 90
        return dict(out)

    def between(self, sql: str, year: int, month: int) -> list[sqlite3.Row]:
        first = date(year, month, 1).isoformat()
        last = date(year, month, calendar.monthrange(year, month)[1]).isoformat()
        return list(self.con.execute(sql, (first, last)))

    def cadre_sheet(self, year: int, month: int) -> dict[str, tuple[int, int, int, int]]:
        sessions = Counter(
            r[0]
            for r in self.between(
                "SELECT DISTINCT a.cadre_id, d.id FROM cadre_attendance a JOIN posyandu_day d "
                "ON d.id = a.day_id WHERE d.held_on BETWEEN ? AND ?",
                year,
                month,
            )
        )
        measured = Counter(
            r[0]
            for r in self.between(
                "SELECT DISTINCT entered_by, person_id FROM measurement "
                "WHERE measured_on BETWEEN ? AND ?",
                year,
                month,
            )
        )
        visits = Counter(
            r[0]
            for r in self.between(
                "SELECT c.cadre_id, v.id FROM home_visit_cadre c JOIN home_visit v "
                "ON v.id = c.home_visit_id WHERE v.visited_on BETWEEN ? AND ?",
                year,
                month,
            )
        )
        start = datetime.combine(date(year, month, 1), time()).astimezone()
        end = datetime.combine(date(year + month // 12, month % 12 + 1, 1), time()).astimezone()
        corrected: Counter[int] = Counter()
        for cadre_id, at, changes in self.con.execute(
            "SELECT cadre_id, at, changes FROM audit_event "
            "WHERE table_name = 'measurement' AND action = 'update'"
        ):
            when = datetime.fromisoformat(at)
            when = when.replace(tzinfo=UTC)  # stored as naive UTC text
            if (
                cadre_id is not None
                and start <= when < end
                and "corrections" in json.loads(changes)
            ):
                corrected[cadre_id] += 1
        out = {}
        for cid, name, active in self.con.execute("SELECT id, name, active FROM cadre"):
            row = (sessions[cid], measured[cid], visits[cid], corrected[cid])
            if active or any(row):
                out[name] = row
        return out


def pdf_lines(pdf: bytes | Path) -> list[str]:
    """Every text line of a PDF, pages in order, stripped."""
    import io

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    reader = pypdf.PdfReader(source)
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]


def after(lines: list[str], label: str, count: int, start: int = 0) -> list[str]:
    """The `count` lines that follow the first line equal to `label` (from `start`)."""
    i = lines.index(label, start)
    return lines[i + 1 : i + 1 + count]

"""The typing aids drawn from the registry: the month's e-PPGBM entry pack and the year's SIP
register, each read in one transaction and handed to `reports` as plain values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS, VitaminACapsule
from posyandu_desktop.domain.months import Period, completed_months
from posyandu_desktop.domain.vocabulary import ServiceKind
from posyandu_desktop.reports.eppgbm_pack import (
    EppgbmPack,
    PackRow,
    write_pack,
)
from posyandu_desktop.reports.sip_register import SipRegister, SipRow, write_register
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import Database, Tx
from posyandu_desktop.store.queries import posyandu, registers
from posyandu_desktop.store.queries.registers import ChildRow, TakenRow

__all__ = [
    "EppgbmPack",
    "SipRegister",
    "eppgbm_pack",
    "sip_register",
    "write_eppgbm_pack",
    "write_sip_register",
]

# Children born more than five years before the period are never listed (a little margin:
# the exact cut is completed_months below).
_BORN_AFTER_YEARS = 6


def _posyandu_name(tx: Tx) -> str:
    found = posyandu.first_posyandu(tx)
    return "" if found is None else found.name


def _under_five_in(child: ChildRow, first: date, last: date) -> bool:
    """Under five at some day from `first` to `last`, born by `last` and not gone before."""
    return (
        child.birth_date <= last
        and (
            child.birth_date >= first
            or completed_months(child.birth_date, first) < UNDER_FIVE_BELOW_MONTHS
        )
        and (child.left_on is None or child.left_on >= first)
    )


def _children(tx: Tx, first: date, last: date) -> list[ChildRow]:
    born_after = date(first.year - _BORN_AFTER_YEARS, 1, 1)
    return [
        c for c in registers.children_born_after(tx, born_after) if _under_five_in(c, first, last)
    ]


def _pack_row(child: ChildRow, taken: TakenRow | None, capsule: VitaminACapsule | None) -> PackRow:
    identity = PackRow(
        child.nik or "",
        child.name,
        child.sex,
        child.birth_date,
        child.address,
        child.rt,
        child.rw,
        child.mother or child.father,
        capsule=capsule,
    )
    if taken is None:
        return identity
    return replace(
        identity,
        measured_on=taken.measured_on,
        weight_kg=taken.weight_kg,
        height_cm=taken.lenhei_cm,
        position=taken.position,
        lila_cm=taken.lila_cm,
        headc_cm=taken.headc_cm,
    )


def eppgbm_pack(db: Database, year: int, month: int) -> EppgbmPack:
    """The month's entry pack. A child is new to e-PPGBM when it has no measurement here
    before this month (neither weighed nor imported, e.g. from an e-PPGBM export) and was
    registered or measured this month (docs/DECISIONS.md)."""
    period = Period(year, month)
    first, last = period.first_day, period.last_day
    with db.reading() as tx:
        name = _posyandu_name(tx)
        children = _children(tx, first, last)
        taken = registers.taken_between(tx, first, last)
        known = registers.measured_before(tx, first)
        capsules = {
            g.person_id: g.capsule
            for g in registers.given_between(tx, first, last)
            if g.kind is ServiceKind.VITAMIN_A
        }
    by_child: dict[int, list[TakenRow]] = defaultdict(list)
    for row in taken:
        by_child[row.person_id].append(row)
    new: list[PackRow] = []
    measured: list[PackRow] = []
    for child in children:
        own = by_child.get(child.id, [])
        capsule = capsules.get(child.id)
        registered = first <= child.created_at.astimezone().date() <= last
        if child.id not in known and (registered or own):
            new.append(_pack_row(child, own[0] if own else None, capsule))
        measured += [_pack_row(child, t, capsule) for t in own]
    return EppgbmPack(name, year, month, tuple(new), tuple(measured))


def write_eppgbm_pack(db: Database, year: int, month: int, folder: Path) -> tuple[Path, Path]:
    """Write `Ketik_ePPGBM_YYYY-MM.xlsx` and `.pdf` into `folder` (made if missing)."""
    pack = eppgbm_pack(db, year, month)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"Ketik_ePPGBM_{year:04d}-{month:02d}"
    fonts = resource_path("fonts")
    return (
        write_pack(pack, stem.with_suffix(".xlsx"), fonts),
        write_pack(pack, stem.with_suffix(".pdf"), fonts),
    )


def write_sip_register(db: Database, year: int, folder: Path) -> tuple[Path, Path]:
    """Write `Register_Bayi_Balita_YYYY.xlsx` and `.pdf` into `folder` (made if missing)."""
    register = sip_register(db, year)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"Register_Bayi_Balita_{year:04d}"
    fonts = resource_path("fonts")
    return (
        write_register(register, stem.with_suffix(".xlsx"), fonts),
        write_register(register, stem.with_suffix(".pdf"), fonts),
    )


def sip_register(db: Database, year: int) -> SipRegister:
    """The year's register: every child under five at some time of the year; per month the
    last weight taken that month; the vitamin A of January-June as the February round and of
    July-December as the August round (sweeping continues after the round month)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    with db.reading() as tx:
        name = _posyandu_name(tx)
        children = _children(tx, first, last)
        taken = registers.taken_between(tx, first, last)
        given = registers.given_between(tx, first, last)
    weights: dict[int, list[float | None]] = defaultdict(lambda: [None] * 12)
    for t in taken:
        if t.weight_kg is not None:
            weights[t.person_id][t.measured_on.month - 1] = t.weight_kg
    rounds: dict[int, list[VitaminACapsule | None]] = defaultdict(lambda: [None, None])
    shots: dict[int, list[str]] = defaultdict(list)
    for g in given:
        if g.kind is ServiceKind.VITAMIN_A:
            rounds[g.person_id][g.given_on.month > 6] = g.capsule
        elif g.kind is ServiceKind.IMMUNISATION:
            shots[g.person_id].append(f"{g.detail} {g.given_on.day}-{g.given_on.month}".strip())
    rows = tuple(
        SipRow(
            c.name,
            c.nik or "",
            c.sex,
            c.birth_date,
            c.birth_weight_kg,
            c.father,
            c.mother,
            tuple(weights[c.id]),
            (rounds[c.id][0], rounds[c.id][1]),
            tuple(shots[c.id]),
            c.left_on if c.left_on is not None and c.left_on <= last else None,
        )
        for c in children
    )
    return SipRegister(name, year, rows)

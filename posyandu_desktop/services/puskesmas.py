"""The puskesmas side: check the files Posyandu bring on USB sticks, and merge one month's files
into a recap (PDF and spreadsheet) and the e-PPGBM entry pack of every Posyandu (the typing aid
the Posyandu also make for themselves, services/reports.py). Needs no registry: the terminal
commands and the app's Puskesmas mode call the same functions, with the registered keys and the
received files kept as small files in the data folder.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from posyandu_desktop import files
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_stage import VitaminACapsule, under_five_during
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.domain.recap import PosyanduMonth, Recap, RecapChild, SharedKind, recap
from posyandu_desktop.domain.vocabulary import MeasurementOrigin, ServiceKind
from posyandu_desktop.exchange import signing, summary
from posyandu_desktop.exchange.package import Period
from posyandu_desktop.exchange.tables import table_rows
from posyandu_desktop.exchange.verify import (
    FileReport,
    Finding,
    KeyStatus,
    Received,
    verify_files,
)
from posyandu_desktop.reports.eppgbm_pack import (
    AREA_NOTE,
    SENT_EARLIER_NOTE,
    EppgbmPack,
    PackRow,
    shared_note,
    unnamed_note,
    write_pack,
)
from posyandu_desktop.reports.recap import write_recap_pdf
from posyandu_desktop.reports.recap_xlsx import write_recap_xlsx
from posyandu_desktop.services.outcome import Issue
from posyandu_desktop.settings import resource_path

TrustedKey = signing.TrustedKey
TrustFileError = signing.TrustFileError
normalise_fingerprint = signing.normalise_fingerprint

__all__ = [
    "FileReport",
    "Finding",
    "KeyStatus",
    "MergeResult",
    "Received",
    "TrustFileError",
    "TrustedKey",
    "check_files",
    "merge_files",
    "normalise_fingerprint",
    "read_received",
    "register_key",
    "registered_keys",
    "remember_received",
    "unregister_key",
]

TRUST_FILE = "registered-keys.txt"
RECEIVED_FILE = "received.json"
SUMMARY_MEMBER = "report/summary.json"


def registered_keys(data: Path) -> tuple[signing.TrustedKey, ...]:
    """The Posyandu keys this puskesmas has registered (none yet: an empty tuple)."""
    path = data / TRUST_FILE
    return signing.read_trust_file(path) if path.exists() else ()


def register_key(data: Path, key: signing.TrustedKey) -> tuple[signing.TrustedKey, ...]:
    """Register (or replace) the key of one Posyandu code; returns the new list."""
    kept = [k for k in registered_keys(data) if k.fingerprint != key.fingerprint]
    code = key.posyandu_code.casefold()  # verification compares codes ignoring case
    kept = [k for k in kept if k.posyandu_code.casefold() != code] + [key]
    kept.sort(key=lambda k: k.posyandu_code)
    data.mkdir(parents=True, exist_ok=True)
    signing.write_trust_file(data / TRUST_FILE, kept)
    return tuple(kept)


def unregister_key(data: Path, fingerprint: str) -> tuple[signing.TrustedKey, ...]:
    kept = [k for k in registered_keys(data) if k.fingerprint != fingerprint]
    signing.write_trust_file(data / TRUST_FILE, kept)
    return tuple(kept)


def read_received(data: Path) -> tuple[Received, ...]:
    """The files accepted earlier (code, month, revision, manifest hash): an older revision or a
    broken chain is then caught even when the earlier file is not given again."""
    try:
        rows = json.loads((data / RECEIVED_FILE).read_text(encoding="utf-8"))
        return tuple(
            Received(r["code"], Period.parse(r["period"]), int(r["revision"]), r["manifest_sha256"])
            for r in rows
        )
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def remember_received(data: Path, reports: Sequence[FileReport]) -> None:
    """Add the files that passed to the received list (written atomically)."""
    known = {(r.code, str(r.period), r.revision): r for r in read_received(data)}
    for report in reports:
        m = report.manifest
        if report.ok and m is not None:
            known[(m.posyandu.code, str(m.period), m.revision)] = Received(
                m.posyandu.code, m.period, m.revision, m.sha256()
            )
            # A withdrawn export (a wrong clock) must not make the real months look older.
            for w in m.withdrawn:
                held = known.get((m.posyandu.code, str(w.period), w.revision))
                if held is not None and held.manifest_sha256 == w.manifest_sha256:
                    del known[(m.posyandu.code, str(w.period), w.revision)]
    rows = [
        {
            "code": r.code,
            "period": str(r.period),
            "revision": r.revision,
            "manifest_sha256": r.manifest_sha256,
        }
        for r in sorted(known.values(), key=lambda r: (r.code, str(r.period), r.revision))
    ]
    data.mkdir(parents=True, exist_ok=True)
    target = data / RECEIVED_FILE
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    files.replace(temporary, target)


def check_files(
    paths: Sequence[Path],
    trusted: Sequence[signing.TrustedKey] | None,
    received: Sequence[Received] = (),
    opener: X25519PrivateKey | None = None,
) -> tuple[FileReport, ...]:
    """Verify each file: signature, registered key, every member's hash, revision and chain;
    `opener` (the puskesmas's key) opens sealed files."""
    return verify_files(list(paths), trusted, received, opener)


@dataclass(frozen=True, slots=True)
class MergeResult:
    reports: tuple[FileReport, ...]  # every file given, in order
    recap: Recap | None
    pdf: Path | None
    xlsx: Path | None
    problems: tuple[Issue, ...] = ()
    # The e-PPGBM entry pack (None when no merged file carries named rows), and the Posyandu
    # ("name (code)") whose files carry none, so are not in it.
    pack_xlsx: Path | None = None
    pack_pdf: Path | None = None
    unnamed: tuple[str, ...] = ()

    @property
    def merged(self) -> tuple[FileReport, ...]:
        """The files whose data is in the recap (the newest revision per Posyandu)."""
        if self.recap is None:
            return ()
        codes = {row.code for row in self.recap.rows}
        return tuple(
            r for r in self.reports if r.ok and r.manifest and r.manifest.posyandu.code in codes
        )


def _newest_per_posyandu(reports: Sequence[FileReport]) -> list[FileReport]:
    """The newest revision of each Posyandu's month: revisions count within a month, so two
    months of one Posyandu stay two files (and the merge refuses the mix)."""
    newest: dict[tuple[str, Period], FileReport] = {}
    for report in reports:
        m = report.manifest
        if not report.ok or m is None:
            continue
        held = newest.get((m.posyandu.code, m.period))
        if held is None or held.manifest is None or held.manifest.revision < m.revision:
            newest[m.posyandu.code, m.period] = report
    return [newest[key] for key in sorted(newest)]


def _month_of(report: FileReport) -> PosyanduMonth | None:
    """The month's summary of a verified file; None (left out) if it is unreadable or speaks
    for another Posyandu than the one that signed the file."""
    try:
        month = summary.read_summary(report.members[SUMMARY_MEMBER])
    except (KeyError, ValueError):
        return None
    signed_by = report.manifest.posyandu.code if report.manifest else None
    return month if month.code == signed_by else None


def merge_files(
    paths: Sequence[Path],
    out: Path,
    *,
    trusted: Sequence[signing.TrustedKey] | None = None,
    received: Sequence[Received] = (),
    opener: X25519PrivateKey | None = None,
    lang: str | None = None,
    today: date | None = None,
) -> MergeResult:
    """Verify the files and merge the ones that pass (one month, newest revision of each
    Posyandu) into `Rekap_<month>.pdf` and `.xlsx` in `out`. Files that fail are left out and
    named in the result; nothing is written when none passes or the months differ."""
    reports = check_files(paths, trusted, received, opener)
    chosen = _newest_per_posyandu(reports)
    if not chosen:
        return MergeResult(reports, None, None, None, (Issue(Problem.NO_VERIFIED_FILES),))
    months = sorted({str(r.manifest.period) for r in chosen if r.manifest})
    if len(months) > 1:
        problem = Issue(Problem.MIXED_MONTHS, Field.FILES, ", ".join(months))
        return MergeResult(reports, None, None, None, (problem,))
    read = [(r, m) for r in chosen if (m := _month_of(r)) is not None]
    if not read:
        return MergeResult(reports, None, None, None, (Issue(Problem.NO_VERIFIED_FILES),))
    merged = recap([m for _, m in read])
    pack, unnamed = entry_pack(read, merged)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"Rekap_{months[0]}"
    fonts = resource_path("fonts")
    pdf = write_recap_pdf(merged, out / f"{stem}.pdf", fonts, lang=lang, printed_on=today)
    xlsx = write_recap_xlsx(merged, out / f"{stem}.xlsx", lang=lang)
    pack_xlsx = pack_pdf = None
    pack_stem = out / f"Ketik_ePPGBM_{months[0]}"
    if pack is not None:
        pack_xlsx = write_pack(pack, pack_stem.with_suffix(".xlsx"), fonts)
        pack_pdf = write_pack(pack, pack_stem.with_suffix(".pdf"), fonts)
    else:  # an earlier merge's pack of the month would outlive the files it came from
        for old in (pack_stem.with_suffix(".xlsx"), pack_stem.with_suffix(".pdf")):
            old.unlink(missing_ok=True)
    return MergeResult(reports, merged, pdf, xlsx, (), pack_xlsx, pack_pdf, unnamed)


# The e-PPGBM entry pack -----------------------------------------------------------------------

_PACK_TABLES = ("person", "household", "measurement", "service_given")
_SEEN_BEFORE = (GrowthStatus.N, GrowthStatus.T, GrowthStatus.O)  # a weighing before this one


def entry_pack(
    read: Sequence[tuple[FileReport, PosyanduMonth]], merged: Recap
) -> tuple[EppgbmPack | None, tuple[str, ...]]:
    """One entry pack over the merged files (verified, the newest of each Posyandu) and the
    Posyandu whose files carry no named rows; no pack when none does."""
    new: list[PackRow] = []
    measured: list[PackRow] = []
    unnamed: list[str] = []
    sent_earlier = False
    for report, month in read:
        label = f"{month.name} ({month.code})"
        try:
            tables = {t: table_rows(report.members[f"data/{t}.json"]) for t in _PACK_TABLES}
            found = _posyandu_rows(tables, month, label)
        except (KeyError, ValueError, TypeError):  # an older or damaged file: no names
            unnamed.append(label)
            continue
        new += found[0]
        measured += found[1]
        sent_earlier |= found[2]
    if len(unnamed) == len(read):
        return None, tuple(unnamed)
    notes = [AREA_NOTE]
    if sent_earlier:
        notes.append(SENT_EARLIER_NOTE)
    shared = [(p.names[0], p.posyandu) for p in merged.shared if p.kind is SharedKind.CHILD]
    if shared:
        notes.append(shared_note(shared))
    if unnamed:
        notes.append(unnamed_note(unnamed))
    puskesmas = merged.puskesmas
    if puskesmas and not puskesmas.casefold().startswith("puskesmas"):
        puskesmas = f"Puskesmas {puskesmas}"
    return EppgbmPack(
        ", ".join(filter(None, (puskesmas, f"{len(read) - len(unnamed)} Posyandu"))),
        merged.year,
        merged.month,
        tuple(new),
        tuple(measured),
        tuple(notes),
    ), tuple(unnamed)


def _posyandu_rows(
    tables: Mapping[str, list[dict[str, Any]]], month: PosyanduMonth, label: str
) -> tuple[list[PackRow], list[PackRow], bool]:
    """One Posyandu's new children and measurements of the month, from what its file carries:
    the rows changed since its previous export and the month's report lines (who each child is,
    the KMS letter of its weighing). New to e-PPGBM, as the Posyandu's own pack decides it
    (docs/DECISIONS.md): no measurement here before the month (none in the file, and the
    weighing is no N, T or O unless that came from a Buku KIA weight), and registered or
    measured this month. A weighing of the month whose row went in an earlier file (the
    previous month's export was made after it) has its date only (True is then returned)."""
    first = date(month.year, month.month, 1)
    last = Period(month.year, month.month).last_day
    persons = {r["id"]: r for r in tables["person"]}
    homes = {r["id"]: r for r in tables["household"]}
    lines = {c.line.person_id: c for c in month.children}
    earlier: set[int] = set()
    from_kia: set[int] = set()
    taken: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in sorted(tables["measurement"], key=lambda r: (r["measured_on"], r["id"])):
        on = date.fromisoformat(m["measured_on"])
        if m.get("origin") == MeasurementOrigin.KIA_BOOK:
            from_kia.add(m["person_id"])
        elif on < first:
            earlier.add(m["person_id"])
        elif on <= last:
            taken[m["person_id"]].append(m)
    capsules = {
        s["person_id"]: None if s["capsule"] is None else VitaminACapsule(s["capsule"])
        for s in sorted(tables["service_given"], key=lambda r: (r["given_on"], r["id"]))
        if s["kind"] == ServiceKind.VITAMIN_A and first <= date.fromisoformat(s["given_on"]) <= last
    }
    children = {
        pid: _identity(persons.get(pid), lines.get(pid), persons, homes, label)
        for pid in {*lines, *(p for p, r in persons.items() if _under_five(r, first, last))}
    }
    new: list[PackRow] = []
    measured: list[PackRow] = []
    sent_earlier = False
    for pid, child in sorted(children.items(), key=lambda c: _order(c, persons)):
        own = [_measured(child, m) for m in taken.get(pid, [])]
        line = lines.get(pid)
        if not own and line is not None and line.line.weighed_on is not None:
            own, sent_earlier = [replace(child, measured_on=line.line.weighed_on)], True
        status = None if line is None else line.line.status
        known = pid in earlier or (status in _SEEN_BEFORE and pid not in from_kia)
        person = persons.get(pid)
        registered = person is not None and first <= _local_day(person["created_at"]) <= last
        capsule = capsules.get(pid)
        if not known and (registered or own):
            new.append(replace(own[0] if own else child, capsule=capsule))
        measured += [replace(row, capsule=capsule) for row in own]
    return new, measured, sent_earlier


def _under_five(person: Mapping[str, Any], first: date, last: date) -> bool:
    left = person["left_on"]
    born = date.fromisoformat(person["birth_date"])
    return under_five_during(born, None if left is None else date.fromisoformat(left), first, last)


def _local_day(timestamp: str) -> date:
    return datetime.fromisoformat(timestamp).astimezone().date()


def _identity(
    person: Mapping[str, Any] | None,
    line: RecapChild | None,
    persons: Mapping[int, Mapping[str, Any]],
    homes: Mapping[int, Mapping[str, Any]],
    label: str,
) -> PackRow:
    """Who the child is: from its row when the file carries it (changed since the previous
    export), else from its report line, which does not say where it lives or who its parents
    are."""
    if person is None:
        assert line is not None
        key = line.person
        sex, nik = line.line.sex, key.nik or ""
        return PackRow(nik, key.name, sex, key.birth_date, "", None, None, "", posyandu=label)
    home = homes.get(person["household_id"], {})
    parents = (persons.get(person[k]) for k in ("mother_id", "father_id") if person[k] is not None)
    return PackRow(
        person["nik"] or "",
        person["name"],
        Sex(person["sex"]),
        date.fromisoformat(person["birth_date"]),
        home.get("address", ""),
        home.get("rt"),
        home.get("rw"),
        next((p["name"] for p in parents if p is not None and p["name"]), ""),
        posyandu=label,
    )


def _measured(child: PackRow, m: Mapping[str, Any]) -> PackRow:
    return replace(
        child,
        measured_on=date.fromisoformat(m["measured_on"]),
        weight_kg=m["weight_kg"],
        height_cm=m["lenhei_cm"],
        position=None if m["position"] is None else Position(m["position"]),
        lila_cm=m["lila_cm"],
        headc_cm=m["headc_cm"],
    )


def _order(
    child: tuple[int, PackRow], persons: Mapping[int, Mapping[str, Any]]
) -> tuple[str, date, int]:
    """As the Posyandu lists its children: by name key, birth date, id."""
    pid, row = child
    name_key = (persons.get(pid) or {}).get("name_key") or row.name.casefold()
    return name_key, row.birth_date or date.min, pid

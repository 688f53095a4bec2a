"""The puskesmas side: check the files Posyandu bring on USB sticks, and merge one month's files
into a recap (PDF and spreadsheet). Needs no registry: the terminal commands and the app's
Puskesmas mode call the same functions, with the registered keys and the received files kept as
small files in the data folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from posyandu_desktop import files
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.domain.recap import PosyanduMonth, Recap, recap
from posyandu_desktop.exchange import signing, summary
from posyandu_desktop.exchange.package import Period
from posyandu_desktop.exchange.verify import (
    FileReport,
    Finding,
    KeyStatus,
    Received,
    verify_files,
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
    posyandu_months = [m for r in chosen if (m := _month_of(r)) is not None]
    if not posyandu_months:
        return MergeResult(reports, None, None, None, (Issue(Problem.NO_VERIFIED_FILES),))
    merged = recap(posyandu_months)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"Rekap_{months[0]}"
    fonts = resource_path("fonts")
    pdf = write_recap_pdf(merged, out / f"{stem}.pdf", fonts, lang=lang, printed_on=today)
    xlsx = write_recap_xlsx(merged, out / f"{stem}.xlsx", lang=lang)
    return MergeResult(reports, merged, pdf, xlsx)

"""The monthly file: writing, signing and copying it, and the Posyandu's exchange keys.

The monthly export: one signed file per month for the puskesmas, kept in the data folder with a
ledger, and copied to a USB stick that is read back before the cadre is told to pull it out.

A month's file carries every row created, changed or deleted since the previous export (found in
the audit trail, so corrections to earlier months travel too) plus the month's full report,
sealed to the registered puskesmas key; cadres' NIK, phone and BPJS numbers and households'
phone numbers stay on the laptop unless the coordinator chose to send them (docs/DECISIONS.md).
A re-export of a month is a new revision over the same base, superseding the earlier one; its
number continues past every revision in the ledger and in `exports/`, and a kept file is never
replaced.

The keys of the monthly exchange, both sides: the puskesmas's X25519 key pair (its laptop
opens the files with it) and, on a Posyandu laptop, the puskesmas key its files are sealed to.

Everything lives in the data folder's `keys/` (docs/DECISIONS.md, "What leaves the laptop").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from posyandu_desktop import __version__, settings
from posyandu_desktop.domain import export_contract as contract
from posyandu_desktop.domain.export_contract import MeasurementRow, PersonRow
from posyandu_desktop.domain.ids import CadreId
from posyandu_desktop.domain.problems import Field, Problem
from posyandu_desktop.domain.recap import EarlyWarningFigures, PersonKey
from posyandu_desktop.domain.vocabulary import BackupKind, ExportStep
from posyandu_desktop.exchange import fhir, sealing, signing, summary, usb
from posyandu_desktop.exchange.package import (
    PackageError,
    Period,
    PosyanduIdentity,
    PreviousLink,
    Supersedes,
    export_file_name,
    file_name_code,
    pack,
    parse_export_file_name,
    read_manifest,
)
from posyandu_desktop.exchange.sealing import PuskesmasKey, PuskesmasKeyError
from posyandu_desktop.exchange.tables import table_csv, table_json
from posyandu_desktop.reports.monthly_report import render_monthly_report
from posyandu_desktop.services import cadres, reports
from posyandu_desktop.services.housekeeping import back_up_now
from posyandu_desktop.services.outcome import Issue, Outcome
from posyandu_desktop.services.puskesmas import register_key
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import HEAD, Database
from posyandu_desktop.store.queries import exports as q
from posyandu_desktop.store.queries import posyandu as posyandu_q
from posyandu_desktop.store.records import Changes, ExportEntry

__all__ = [
    "DEMO_PUSKESMAS_FOLDER",
    "CopyError",
    "CopyProblem",
    "Drive",
    "ExportEntry",
    "ExportStep",
    "Period",
    "PuskesmasKey",
    "PuskesmasKeyError",
    "copy_to_drive",
    "ensure_own_puskesmas_key",
    "export_copies",
    "export_folder",
    "export_history",
    "export_month",
    "make_puskesmas_folder",
    "own_puskesmas_key",
    "pair_demo_puskesmas",
    "puskesmas_opener",
    "read_puskesmas_key",
    "register_puskesmas_key",
    "registered_puskesmas_key",
    "removable_drives",
    "signing_fingerprint",
]

Drive = usb.Drive
CopyError = usb.CopyError
CopyProblem = usb.CopyProblem
removable_drives = usb.removable_drives


Progress = Callable[[ExportStep, float], None]  # step, fraction of the whole export done

_STEP_START = {
    ExportStep.BACKUP: 0.0,
    ExportStep.READING: 0.1,
    ExportStep.REPORT: 0.35,
    ExportStep.SIGNING: 0.7,
    ExportStep.SAVING: 0.85,
}


def export_folder(data: Path) -> Path:
    """Where every export is kept (besides the USB copies)."""
    return data / "exports"


def signing_fingerprint(data: Path) -> str:
    """The fingerprint of this laptop's signing key (made now if set-up predates it)."""
    return signing.key_fingerprint(signing.ensure_signing_key(signing.keys_dir(data)))


def export_copies(db: Database) -> dict[int, Path]:
    """Where each export was last copied to (a USB folder), by export id."""
    with db.reading() as tx:
        return {c.export_id: Path(c.destination).parent for c in q.all_copies(tx) if c.verified}


def export_history(db: Database) -> tuple[ExportEntry, ...]:
    """Every export of this Posyandu, oldest first."""
    posyandu_id = reports.this_posyandu_id(db)
    if posyandu_id is None:
        return ()
    with db.reading() as tx:
        return q.exports(tx, posyandu_id)


@dataclass(frozen=True, slots=True)
class _Base:
    revision: int
    audit_after: int
    previous: PreviousLink | None
    supersedes: Supersedes | None


def _base(ledger: Sequence[ExportEntry], period: Period) -> _Base | Issue:
    """Where this month's export starts: after the previous month's, or over the same base as
    an earlier revision of this month (withdrawn exports do not count)."""
    done = [e for e in ledger if e.withdrawn_at is None]
    key = str(period)
    later = [e.period for e in done if e.period > key]
    if later:
        return Issue(Problem.LATER_MONTH_EXPORTED, Field.MONTH, max(later))
    same = [e for e in done if e.period == key]
    earlier = [e for e in done if e.period < key]
    if same:
        first, last = same[0], same[-1]
        before = next(
            (e for e in earlier if e.manifest_sha256 == first.previous_manifest_sha256), None
        )
        return _Base(
            last.revision + 1,
            first.audit_after,
            _link(before),
            Supersedes(last.revision, last.manifest_sha256),
        )
    previous = earlier[-1] if earlier else None
    return _Base(1, previous.audit_upto if previous else 0, _link(previous), None)


def _past_kept_files(base: _Base, data: Path, code: str, period: Period) -> _Base:
    """`base` with a revision past every kept file of this month in `exports/`: a registry
    restored from an older backup must never make a second, different file of a revision."""
    kept: list[tuple[int, str]] = []
    for path in export_folder(data).glob("*.zip"):
        parsed = parse_export_file_name(path.name)
        if parsed is None or parsed[1] != period:
            continue
        if parsed[0].casefold() != file_name_code(code).casefold():
            continue
        try:
            kept.append((parsed[2], read_manifest(path.read_bytes()).sha256()))
        except (OSError, PackageError):
            kept.append((parsed[2], ""))
    if not kept or max(kept)[0] < base.revision:
        return base
    revision, manifest_sha256 = max(kept)
    supersedes = Supersedes(revision, manifest_sha256) if manifest_sha256 else base.supersedes
    return _Base(revision + 1, base.audit_after, base.previous, supersedes)


def _link(entry: ExportEntry | None) -> PreviousLink | None:
    if entry is None:
        return None
    return PreviousLink(Period.parse(entry.period), entry.revision, entry.manifest_sha256)


def _people_keys(db: Database, person_ids: set[int]) -> dict[int, PersonKey]:
    with db.reading() as tx:
        rows = q.rows_by_id(tx, PersonRow, sorted(person_ids))
        mother_ids = {r.mother_id for r in rows if r.mother_id is not None}
        mothers = {m.id: m for m in q.rows_by_id(tx, PersonRow, mother_ids)}

    def mother_nik(row: PersonRow) -> str | None:
        # The mother's own record is the better source; the NIK written on the child's record
        # is for a mother not registered here (as the growth card reads it).
        mother = mothers.get(row.mother_id) if row.mother_id is not None else None
        return mother.nik if mother and mother.nik else row.mother_nik

    return {
        r.id: PersonKey(r.uid, r.nik, r.name, mother_nik=mother_nik(r), birth_date=r.birth_date)
        for r in rows
    }


def sends_contact_details(data: Path) -> bool:
    """Whether the monthly file carries cadres' NIK, phone and BPJS numbers and households'
    phone numbers (a coordinator's choice; off unless chosen)."""
    return settings.preference(data, "send_contact_details") is True


def choose_send_contact_details(data: Path, send: bool) -> None:
    """Remember the coordinator's choice (see `sends_contact_details`)."""
    settings.remember(data, "send_contact_details", send)


def _members(changes: Changes, *, contacts: bool) -> list[tuple[str, bytes]]:
    """`data/<table>.json` and `csv/<table>.csv` for every table of the contract, with exactly
    its columns (the contact columns only when the coordinator sends them)."""
    names = {t: contract.column_names(t, contacts=contacts) for t in contract.EXPORTED_TABLES}
    rows = {t: [contract.as_json(r, names[t]) for r in changes.rows[t]] for t in names}
    members = [
        (f"data/{t}.json", table_json(t, names[t], rows[t], changes.deleted[t])) for t in names
    ]
    members += [(f"csv/{t}.csv", table_csv(names[t], rows[t])) for t in names]
    return members


def export_month(
    db: Database,
    data: Path,
    period: Period,
    *,
    cadre_id: int | None,
    now: datetime,
    lang: str | None = None,
    progress: Progress | None = None,
) -> Outcome[ExportEntry]:
    """Make the month's signed, sealed export file in the data folder and record it in the
    ledger. Refused (nothing written) for a month in the future, one before a month already
    exported, or when no puskesmas key is registered."""

    def step(which: ExportStep) -> None:
        if progress is not None:
            progress(which, _STEP_START[which])

    today = now.astimezone().date()
    if (period.year, period.month) > (today.year, today.month):
        return Outcome(problems=(Issue(Problem.DATE_IN_FUTURE, Field.MONTH, str(period)),))
    posyandu_id = reports.this_posyandu_id(db)
    if posyandu_id is None:
        return Outcome(problems=(Issue(Problem.POSYANDU_NOT_FOUND),))
    with db.reading() as tx:
        found = posyandu_q.get_posyandu(tx, posyandu_id)
    assert found is not None  # this_posyandu_id just read it
    recipient = registered_puskesmas_key(data)
    if recipient is None and found.code.startswith(DEMO_CODE_PREFIX):
        # Demo data (the app's --demo, selfcheck) gets its own demo puskesmas to send to.
        pair_demo_puskesmas(data, found.code, found.name)
        recipient = registered_puskesmas_key(data)
    if recipient is None:
        return Outcome(problems=(Issue(Problem.PUSKESMAS_KEY_MISSING),))
    for _attempt in range(_ATTEMPTS):
        made = _export(db, data, period, posyandu_id, recipient, cadre_id, now, lang, step)
        if made is not None:
            if progress is not None:
                progress(ExportStep.SAVING, 1.0)
            return made
    # Another export of this month kept taking the revision numbers (two windows at once).
    return Outcome(problems=(Issue(Problem.EXPORT_BUSY, Field.MONTH, str(period)),))


DEMO_CODE_PREFIX = "DEMO-"
_ATTEMPTS = 3


def _export(
    db: Database,
    data: Path,
    period: Period,
    posyandu_id: int,
    recipient: PuskesmasKey,
    cadre_id: int | None,
    now: datetime,
    lang: str | None,
    step: Callable[[ExportStep], None],
) -> Outcome[ExportEntry] | None:
    """One try at the export; None when another export took its revision meanwhile."""
    today = now.astimezone().date()
    step(ExportStep.BACKUP)
    back_up_now(db, data, BackupKind.PRE_EXPORT, now=now)

    step(ExportStep.READING)
    with db.reading() as tx:
        found = posyandu_q.get_posyandu(tx, posyandu_id)
        assert found is not None  # this_posyandu_id just read it
        ledger = q.exports(tx, posyandu_id)
        base = _base(ledger, period)
        if isinstance(base, Issue):
            return Outcome(problems=(base,))
        base = _past_kept_files(base, data, found.code, period)
        withdrawn = [link for e in ledger if e.withdrawn_at and (link := _link(e))]
        upto = q.audit_head(tx)
        changes = q.changes_since(tx, base.audit_after, upto)
        measured = {r.person_id for r in changes.of(MeasurementRow)}
        missing = measured - {r.id for r in changes.of(PersonRow)}
        referenced = q.rows_by_id(tx, PersonRow, sorted(missing))
    identity = PosyanduIdentity(
        found.code, found.name, found.kelurahan, found.kecamatan, found.kota, found.puskesmas
    )

    step(ExportStep.REPORT)
    month = reports.month_report(db, posyandu_id, period.year, period.month, today=today)
    report_name = f"report/Laporan_{file_name_code(found.code)}_{period}.pdf"
    pdf = render_monthly_report(month.data, resource_path("fonts"), lang=lang, printed_on=today)
    warning = month.data.early_warning
    at_risk = [] if warning is None else [c.risk for c in warning.children]
    people = _people_keys(
        db,
        {c.person_id for c in month.roster} | month.kek_person_ids | {r.person_id for r in at_risk},
    )
    summary_json = summary.summary_bytes(
        code=identity.code,
        name=identity.name,
        indicators=month.data.indicators,
        roster=month.roster,
        people=people,
        kelurahan=identity.kelurahan,
        puskesmas=identity.puskesmas,
        quality=month.data.quality,
        early_warning=None
        if warning is None
        else EarlyWarningFigures.of(
            [(people[r.person_id], r.reasons) for r in at_risk], warning.backtest
        ),
        ilp=month.data.ilp,
    )
    bundle = fhir.transaction_bundle(
        identity,
        [*changes.of(PersonRow), *referenced],
        changes.of(MeasurementRow),
        created_at=now,
        deleted_measurements=changes.deleted_uids["measurement"],
        deleted_persons=changes.deleted_uids["person"],
    )
    members = _members(changes, contacts=sends_contact_details(data))
    members += [
        ("report/summary.json", summary_json),
        (report_name, pdf),
        ("fhir/bundle.json", _json_bytes(bundle)),
    ]

    step(ExportStep.SIGNING)
    key = signing.ensure_signing_key(signing.keys_dir(data))
    raw, manifest = pack(
        posyandu=identity,
        period=period,
        revision=base.revision,
        created_at=now,
        app_version=__version__,
        schema_revision=HEAD,
        audit_after=base.audit_after,
        audit_upto=upto,
        counts={t: len(changes.rows[t]) for t in contract.EXPORTED_TABLES},
        deleted={t: len(changes.deleted[t]) for t in contract.EXPORTED_TABLES},
        previous=base.previous,
        supersedes=base.supersedes,
        members=members,
        key=key,
        recipient=recipient,
        withdrawn=withdrawn,
    )

    step(ExportStep.SAVING)
    name = export_file_name(found.code, period, base.revision)
    export_folder(data).mkdir(parents=True, exist_ok=True)
    try:
        usb.write_verified(export_folder(data), name, raw, overwrite=False)
    except FileExistsError:
        return None
    with db.transaction(cadre_id=cadre_id, reason="monthly export") as tx:
        entry = q.add_export(
            tx,
            posyandu_id=posyandu_id,
            period=str(period),
            revision=base.revision,
            file_name=name,
            file_sha256=hashlib.sha256(raw).hexdigest(),
            manifest_sha256=manifest.sha256(),
            previous_manifest_sha256=None
            if base.previous is None
            else base.previous.manifest_sha256,
            audit_after=base.audit_after,
            audit_upto=upto,
            counts=dict(manifest.counts),
            created_at=now,
            created_by=cadre_id,
        )
    db.checkpoint()  # the ledger row in the .sqlite file itself, not only in its -wal
    return Outcome(entry)


def withdraw_month(
    db: Database, period: Period, *, cadre_id: CadreId, now: datetime
) -> Outcome[int]:
    """A coordinator withdraws a month exported under a wrong clock (a month still in the
    future), so the real months can be exported again; audited, and the next file tells the
    puskesmas. Returns how many files of the month were withdrawn."""
    posyandu_id = reports.this_posyandu_id(db)
    if posyandu_id is None:
        return Outcome(problems=(Issue(Problem.POSYANDU_NOT_FOUND),))
    if not cadres.is_coordinator(db, posyandu_id=posyandu_id, cadre_id=cadre_id):
        return Outcome(problems=(Issue(Problem.COORDINATOR_ONLY),))
    today = now.astimezone().date()
    if (period.year, period.month) <= (today.year, today.month):
        return Outcome(problems=(Issue(Problem.NOT_A_FUTURE_MONTH, Field.MONTH, str(period)),))
    with db.transaction(cadre_id=cadre_id, reason=f"export of {period} withdrawn") as tx:
        count = q.withdraw_exports(tx, posyandu_id, str(period), now)
    return Outcome(count)


def puskesmas_key_needed(db: Database, data: Path) -> bool:
    """Whether an export would be refused for want of a registered puskesmas key (demo data
    pairs itself with a demo puskesmas)."""
    if registered_puskesmas_key(data) is not None:
        return False
    posyandu_id = reports.this_posyandu_id(db)
    with db.reading() as tx:
        found = posyandu_q.get_posyandu(tx, posyandu_id) if posyandu_id is not None else None
    return found is None or not found.code.startswith(DEMO_CODE_PREFIX)


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def copy_to_drive(
    db: Database,
    data: Path,
    entry: ExportEntry,
    folder: Path,
    *,
    cadre_id: int | None,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Copy a kept export to `folder` (a USB stick), read it back and check it, and note the
    copy in the ledger. Raises usb.CopyError (nothing under the final name) when the stick is
    full, pulled out or read-only, and OSError/ValueError if the kept file itself is damaged."""
    raw = (export_folder(data) / entry.file_name).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry.file_sha256:
        raise ValueError(f"{entry.file_name}: the kept copy differs from the ledger")
    written = usb.write_verified(folder, entry.file_name, raw, progress=progress)
    with db.transaction(cadre_id=cadre_id, reason="export copied") as tx:
        q.add_copy(tx, entry.id, str(written), now, True)
    return written


def months_to_offer(today: date, count: int = 6) -> tuple[Period, ...]:
    """The months a cadre may pick, newest first (this month and the ones before)."""
    return tuple(Period.of(today).plus(-back) for back in range(count))


DEMO_PUSKESMAS_FOLDER = "demo-puskesmas"


def make_puskesmas_folder(data: Path, name: str) -> PuskesmasKey:
    """Make `data` a Puskesmas-mode folder with its key pair (the same key if it has one)."""
    data.mkdir(parents=True, exist_ok=True)
    settings.choose_app_mode(data, settings.PUSKESMAS_MODE)
    folder = signing.keys_dir(data)
    key = sealing.ensure_private_key(folder)
    earlier = sealing.registered_key(folder)
    public = sealing.public_of(key, name or (earlier.name if earlier else ""))
    # The puskesmas keeps its own line beside its key, so `puskesmas-key` can print it again.
    sealing.register_key(folder, public)
    return public


def own_puskesmas_key(data: Path) -> PuskesmasKey | None:
    """The line this puskesmas gives its Posyandu (None: the folder has no key pair)."""
    key = puskesmas_opener(data)
    if key is None:
        return None
    line = sealing.registered_key(signing.keys_dir(data))
    return sealing.public_of(key, line.name if line else "")


def ensure_own_puskesmas_key(data: Path) -> PuskesmasKey:
    """This puskesmas's key line, its key pair made on first use (Puskesmas mode)."""
    return own_puskesmas_key(data) or make_puskesmas_folder(data, "")


def puskesmas_opener(data: Path) -> X25519PrivateKey | None:
    """The puskesmas's private key, which opens sealed files (None: not a puskesmas folder)."""
    return sealing.load_private_key(signing.keys_dir(data))


def registered_puskesmas_key(data: Path) -> PuskesmasKey | None:
    """The puskesmas key this Posyandu's files are sealed to (None: none registered yet)."""
    try:
        return sealing.registered_key(signing.keys_dir(data))
    except (OSError, PuskesmasKeyError):
        return None


def read_puskesmas_key(line_or_file: str) -> PuskesmasKey:
    """A key from the line itself (pasted, or read from a QR code) or from a file holding it;
    PuskesmasKeyError when it is neither, OSError when the file cannot be read."""
    text = line_or_file.strip()
    if text.startswith(sealing.LINE_PREFIX):
        return sealing.parse_key_line(text)
    return sealing.read_key_line_file(Path(text))


def register_puskesmas_key(data: Path, key: PuskesmasKey) -> None:
    """Seal this Posyandu's next files to `key` (after the cadre compared its fingerprint)."""
    sealing.register_key(signing.keys_dir(data), key)


def pair_demo_puskesmas(data: Path, posyandu_code: str, posyandu_name: str) -> Path:
    """A demo Puskesmas-mode folder at `<data>/demo-puskesmas`, with this laptop's signing key
    registered there and its key registered here, so demo exports verify out of the box."""
    folder = data / DEMO_PUSKESMAS_FOLDER
    public = make_puskesmas_folder(folder, "Puskesmas Demo")
    fingerprint = signing.key_fingerprint(signing.ensure_signing_key(signing.keys_dir(data)))
    register_key(folder, signing.TrustedKey(fingerprint, posyandu_code, posyandu_name))
    register_puskesmas_key(data, public)
    return folder

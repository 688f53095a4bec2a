"""Faults and attacks on the monthly exchange, each as it was reproduced: files that leak, files
that cost the puskesmas minutes and gigabytes, files that pass without a registered key, names
that turn into formulas or read backwards, revisions that overwrite a kept file, and command
mistakes that used to end in a traceback."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import threading
import time
import tracemalloc
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from posyandu_desktop.commands.export import main as export_command
from posyandu_desktop.commands.merge import main as merge_command
from posyandu_desktop.commands.verify import main as verify_command
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.exchange.package import MANIFEST, Period, canonical_json
from posyandu_desktop.exchange.tables import table_csv
from posyandu_desktop.exchange.verify import Finding, verify_files
from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services import puskesmas as pk
from posyandu_desktop.services.export import (
    export_folder,
    export_history,
    export_month,
    make_puskesmas_folder,
    pair_demo_puskesmas,
    puskesmas_opener,
    register_puskesmas_key,
    withdraw_month,
)
from posyandu_desktop.services.setup import demo_login
from posyandu_desktop.store import Database
from posyandu_desktop.store.tables import AuditEvent, Cadre, ExportLedger, Person, Posyandu
from tests.exchange.conftest import LAPTOP_KEY, MELATI, OCTOBER, SEPTEMBER, pack_export
from tests.reports.helpers import demo_folder

NOW = datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
RLO = "\u202e"
FORMULA_NAME = '=HYPERLINK("http://example.invalid","Budi")'


def _melati_trust() -> tuple[pk.TrustedKey, ...]:
    from posyandu_desktop.exchange.signing import key_fingerprint

    return (pk.TrustedKey(key_fingerprint(LAPTOP_KEY), MELATI.code),)


def _open(data: Path) -> Database:
    opened = open_data_folder(data)
    assert isinstance(opened, Opened)
    return opened.database


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo Posyandu (DEMO-2); its first export pairs it with <data>/demo-puskesmas."""
    return demo_folder(tmp_path / "data")


# --- what leaves the laptop -------------------------------------------------------------------


def test_the_file_on_the_stick_holds_no_nik_or_name_in_clear(demo, tmp_path):
    db = _open(demo)
    try:
        with db.reading() as tx:
            person = tx.query(Person).filter(Person.nik.is_not(None)).first()
            assert person is not None and person.nik is not None
            nik, name = person.nik, person.name
        entry = export_month(db, demo, OCTOBER, cadre_id=None, now=NOW).unwrap()
    finally:
        db.close()
    raw = (export_folder(demo) / entry.file_name).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        assert archive.namelist() == ["manifest.json", "manifest.sig", "sealed.bin"]
        plain = b"".join(archive.read(n) for n in archive.namelist())
    assert nik.encode() not in plain and name.encode() not in plain
    # Only the puskesmas's key opens it; another puskesmas's key is named, not guessed at.
    puskesmas = demo / "demo-puskesmas"
    (opened,) = verify_files(
        [export_folder(demo) / entry.file_name],
        pk.registered_keys(puskesmas),
        opener=puskesmas_opener(puskesmas),
    )
    assert opened.ok and nik.encode() in opened.members["data/person.json"]
    other = make_puskesmas_folder(tmp_path / "other", "Puskesmas Lain")
    (refused,) = verify_files(
        [export_folder(demo) / entry.file_name],
        pk.registered_keys(puskesmas),
        opener=puskesmas_opener(tmp_path / "other"),
    )
    assert not refused.ok and refused.members == {}
    assert [f for f, _ in refused.findings] == [Finding.SEALED_OTHER_KEY]
    assert other.fingerprint != opened.manifest.sealing.recipient  # type: ignore[union-attr]


def test_an_export_without_a_registered_puskesmas_key_is_refused(demo):
    db = _open(demo)
    try:
        with db.transaction(reason="test: a real Posyandu") as tx:
            for row in tx.query(Posyandu):
                row.code = "6474-MEL-01"
        made = export_month(db, demo, OCTOBER, cadre_id=None, now=NOW)
        assert [i.problem for i in made.problems] == [Problem.PUSKESMAS_KEY_MISSING]
        assert export_history(db) == ()
        register_puskesmas_key(demo, make_puskesmas_folder(demo.parent / "pkm", "PKM"))
        assert export_month(db, demo, OCTOBER, cadre_id=None, now=NOW).ok
    finally:
        db.close()


# --- the puskesmas side -----------------------------------------------------------------------


def test_verify_without_registered_keys_calls_no_file_valid(tmp_path, capsys):
    data, _manifest, _members = pack_export()
    path = tmp_path / "posyandu_PSY-01_2026-10_r1.zip"
    path.write_bytes(data)
    assert verify_command([str(path)]) == 1
    assert "DITOLAK" in capsys.readouterr().out
    (report,) = verify_files([path])
    assert not report.ok and report.members == {}


def _bomb(path: Path, good: bytes, inflated_mb: int) -> None:
    """`good`'s manifest, edited to declare a huge person table (so its signature no longer
    matches), and that member replaced by `inflated_mb` MB of zeros (a few hundred kB packed)."""
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        entries = [(i.filename, source.read(i)) for i in source.infolist()]
    manifest = json.loads(entries[0][1])
    for member in manifest["members"]:
        if member["name"] == "data/person.json":
            member["size"] = inflated_mb << 20
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            if name == MANIFEST:
                archive.writestr(name, canonical_json(manifest))
            elif name == "data/person.json":
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as f:
                    for _ in range(inflated_mb):
                        f.write(bytes(1 << 20))
            else:
                archive.writestr(name, content)


def test_a_zip_bomb_with_a_bad_signature_is_refused_fast_and_small(tmp_path):
    good, _manifest, _members = pack_export()
    path = tmp_path / "posyandu_PSY-01_2026-10_r1.zip"
    _bomb(path, good, 200)
    assert path.stat().st_size < 2 << 20
    tracemalloc.start()
    started = time.perf_counter()
    (report,) = verify_files([path], _melati_trust())
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [f for f, _ in report.findings] == [Finding.SIGNATURE_INVALID]
    # Reading the bomb would take 200 MB and seconds; nothing of it is inflated.
    assert peak < 16 << 20 and elapsed < 5


def test_a_file_with_thousands_of_members_is_refused_before_reading_any(tmp_path):
    good, _manifest, _members = pack_export()
    path = tmp_path / "posyandu_PSY-01_2026-10_r1.zip"
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        entries = [(i.filename, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
        for n in range(5000):
            archive.writestr(f"x/{n}", b"")
    (report,) = verify_files([path], _melati_trust())
    assert report.findings == ((Finding.TOO_LARGE, str(len(entries) + 5000)),)
    assert report.manifest is None


def test_merge_never_mixes_two_months_of_one_posyandu(tmp_path):
    paths = []
    for period, revision in ((SEPTEMBER, 3), (OCTOBER, 1)):
        data, _manifest, _members = pack_export(period=period, revision=revision)
        path = tmp_path / f"posyandu_PSY-01_{period}_r{revision}.zip"
        path.write_bytes(data)
        paths.append(path)
    result = pk.merge_files(paths, tmp_path / "rekap", trusted=_melati_trust())
    assert [i.problem for i in result.problems] == [Problem.MIXED_MONTHS]
    assert result.problems[0].found == "2026-09, 2026-10"
    assert result.pdf is None and not (tmp_path / "rekap").exists()


def test_names_never_become_formulas_or_read_backwards(demo, tmp_path, capsys):
    db = _open(demo)
    try:
        with db.transaction(reason="test: a hostile name") as tx:
            for row in tx.query(Posyandu):
                row.name = f"{FORMULA_NAME}{RLO}lanretxe"
        entry = export_month(db, demo, OCTOBER, cadre_id=None, now=NOW).unwrap()
    finally:
        db.close()
    path = export_folder(demo) / entry.file_name
    puskesmas = demo / "demo-puskesmas"
    out = tmp_path / "rekap"
    assert merge_command([str(path), "--out", str(out), "--data-dir", str(puskesmas)]) == 0
    terminal = capsys.readouterr()
    assert RLO not in terminal.out + terminal.err
    book = load_workbook(out / "Rekap_2026-10.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    names = [c.value for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert names and all(RLO not in n and n.startswith("=HYPERLINK") for n in names)
    text = "".join(page.extract_text() for page in PdfReader(out / "Rekap_2026-10.pdf").pages)
    assert "lanretxe" in text and RLO not in text
    # The CSV members of the file keep text as text too.
    csv = table_csv(["name"], [{"name": FORMULA_NAME}]).decode("utf-8-sig")
    assert csv.splitlines()[1] == '"\'=HYPERLINK(""http://example.invalid"",""Budi"")"'


# --- revisions --------------------------------------------------------------------------------


def test_a_restored_registry_never_reuses_a_revision_or_overwrites_a_kept_file(demo):
    db = _open(demo)
    try:
        first = export_month(db, demo, OCTOBER, cadre_id=None, now=NOW).unwrap()
        second = export_month(db, demo, OCTOBER, cadre_id=None, now=NOW.replace(hour=4)).unwrap()
        kept = (export_folder(demo) / second.file_name).read_bytes()
        # An older backup restored: the ledger knows r1 only, exports/ still holds r2.
        with db.transaction(reason="test: restored from before r2") as tx:
            tx.query(ExportLedger).filter(ExportLedger.revision == 2).delete()
        third = export_month(db, demo, OCTOBER, cadre_id=None, now=NOW.replace(hour=5)).unwrap()
    finally:
        db.close()
    assert (first.revision, second.revision, third.revision) == (1, 2, 3)
    assert (export_folder(demo) / second.file_name).read_bytes() == kept
    puskesmas = demo / "demo-puskesmas"
    paths = [export_folder(demo) / e.file_name for e in (first, second, third)]
    reports = verify_files(paths, pk.registered_keys(puskesmas), opener=puskesmas_opener(puskesmas))
    assert reports[2].ok, reports[2].findings
    assert reports[2].manifest is not None and reports[2].manifest.supersedes is not None
    assert reports[2].manifest.supersedes.revision == 2


def test_two_exports_of_a_month_at_once_leave_no_traceback_and_a_matching_ledger(demo):
    pair_demo_puskesmas(demo, "DEMO-2", "Posyandu demo")
    databases = {hour: _open(demo) for hour in (4, 5)}  # two windows on one folder
    errors: list[BaseException] = []
    outcomes = []

    def run(hour: int) -> None:
        try:
            at = NOW.replace(hour=hour)
            outcomes.append(export_month(databases[hour], demo, OCTOBER, cadre_id=None, now=at))
        except BaseException as error:  # the test names any failure
            errors.append(error)

    threads = [threading.Thread(target=run, args=(hour,)) for hour in databases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        ledger = export_history(databases[4])
    finally:
        for db in databases.values():
            db.close()
    assert all(o.ok or [i.problem for i in o.problems] == [Problem.EXPORT_BUSY] for o in outcomes)
    assert ledger and len({e.revision for e in ledger}) == len(ledger)
    for entry in ledger:
        kept = (export_folder(demo) / entry.file_name).read_bytes()
        assert hashlib.sha256(kept).hexdigest() == entry.file_sha256


def test_a_month_exported_under_a_wrong_clock_is_withdrawn_and_the_puskesmas_told(demo):
    future = Period(2027, 3)
    db = _open(demo)
    try:
        chair = demo_login(db).cadre_id
        ahead = export_month(db, demo, future, cadre_id=chair, now=datetime(2027, 3, 9, tzinfo=UTC))
        wrong = ahead.unwrap()
        refused = export_month(db, demo, OCTOBER, cadre_id=chair, now=NOW)
        assert [i.problem for i in refused.problems] == [Problem.LATER_MONTH_EXPORTED]
        # Only the coordinator, and only a month still in the future.
        others = [c for c in _cadre_ids(db) if c != chair]
        denied = withdraw_month(db, future, cadre_id=others[0], now=NOW)
        assert [i.problem for i in denied.problems] == [Problem.COORDINATOR_ONLY]
        real = withdraw_month(db, SEPTEMBER, cadre_id=chair, now=NOW)
        assert [i.problem for i in real.problems] == [Problem.NOT_A_FUTURE_MONTH]
        assert withdraw_month(db, future, cadre_id=chair, now=NOW).unwrap() == 1
        october = export_month(db, demo, OCTOBER, cadre_id=chair, now=NOW).unwrap()
        with db.reading() as tx:
            reasons = [e.reason for e in tx.query(AuditEvent).order_by(AuditEvent.id)]
        assert "export of 2027-03 withdrawn" in reasons
    finally:
        db.close()
    puskesmas = demo / "demo-puskesmas"
    paths = [export_folder(demo) / e.file_name for e in (wrong, october)]
    first, second = verify_files(
        paths, pk.registered_keys(puskesmas), opener=puskesmas_opener(puskesmas)
    )
    assert second.ok and second.manifest is not None
    assert [str(w.period) for w in second.manifest.withdrawn] == ["2027-03"]
    assert (Finding.WITHDRAWN, "2027-03 r1") in first.findings and not first.ok


def _cadre_ids(db: Database) -> list[int]:
    with db.reading() as tx:
        return [c.id for c in tx.query(Cadre).order_by(Cadre.id)]


# --- command mistakes: one sentence, a non-zero exit, no traceback ------------------------------


def test_merge_out_pointing_at_a_file_is_one_sentence(tmp_path, capsys):
    taken = tmp_path / "rekap.pdf"
    taken.write_bytes(b"%PDF")
    code = merge_command([str(tmp_path / "x.zip"), "--out", str(taken)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and "bukan folder" in err
    assert taken.read_bytes() == b"%PDF"


def test_export_out_a_missing_folder_says_the_folder_does_not_exist(demo, tmp_path, capsys):
    missing = tmp_path / "E:" / "no-such-folder"
    code = export_command(["--data-dir", str(demo), "--month", "2026-10", "--out", str(missing)])
    err = capsys.readouterr().err
    assert code == 1 and "tidak ada" in err and "dicabut" not in err
    assert err.count("\n") == 1


def test_a_trust_file_saved_as_windows_1252_is_read(tmp_path, capsys):
    from posyandu_desktop.exchange.signing import key_fingerprint

    data, _manifest, _members = pack_export()
    path = tmp_path / "posyandu_PSY-01_2026-10_r1.zip"
    path.write_bytes(data)
    trust = tmp_path / "kunci.txt"
    line = f"{key_fingerprint(LAPTOP_KEY)} PSY-01 Posyandu Melati – RW 03 café\r\n"
    trust.write_bytes(line.encode("cp1252"))
    assert verify_command([str(path), "--trust", str(trust)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_the_demo_pairs_a_puskesmas_so_the_round_trip_works(tmp_path, capsys):
    from posyandu_desktop.__main__ import main as dispatch

    data, usb = tmp_path / "demo", tmp_path / "usb"
    usb.mkdir()
    assert (
        dispatch(
            [
                "demo",
                "--data-dir",
                str(data),
                "--children",
                "6",
                "--months",
                "2",
                "--today",
                "2026-10-20",
            ]
        )
        == 0
    )
    puskesmas = data / "demo-puskesmas"
    assert (
        dispatch(["export", "--data-dir", str(data), "--month", "2026-10", "--out", str(usb)]) == 0
    )
    (made,) = usb.glob("*.zip")
    assert dispatch(["verify", str(made), "--data-dir", str(puskesmas)]) == 0
    capsys.readouterr()
    assert dispatch(["puskesmas-key", "--data-dir", str(puskesmas)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("posyandu-puskesmas-key ")
    other = tmp_path / "other"
    assert (
        dispatch(
            [
                "init",
                "--data-dir",
                str(other),
                "--posyandu-name",
                "Posyandu Kenanga",
                "--code",
                "6474-KEN-04",
                "--puskesmas",
                "Bontang Utara",
            ]
        )
        == 0
    )
    assert dispatch(["set-puskesmas-key", "--data-dir", str(other), line]) == 0
    assert dispatch(["set-puskesmas-key", "--data-dir", str(other), "not a key"]) == 1
    shutil.rmtree(other)


# --- backups on a stick -----------------------------------------------------------------------


def test_backups_on_a_stick_are_sealed_and_restore_only_with_the_recovery_key(demo, tmp_path):
    from posyandu_desktop.services import restore_backup
    from posyandu_desktop.services.housekeeping import (
        RecoveryKeyError,
        back_up_now,
        choose_backup_folder,
        make_recovery_key,
    )

    stick = tmp_path / "stick"
    stick.mkdir()  # a plugged-in stick: a missing one gets no automatic backups
    choose_backup_folder(demo, stick)
    recovery = make_recovery_key(demo)
    assert len(recovery.replace(" ", "")) == 32
    db = _open(demo)  # the day's backup goes onto the stick, sealed
    try:
        with db.reading() as tx:
            person = tx.query(Person).filter(Person.nik.is_not(None)).first()
            assert person is not None and person.nik is not None
            nik = person.nik
        taken = back_up_now(db, demo)
    finally:
        db.close()
    files = sorted(stick.glob("posyandu-*.sqlite"))
    assert taken.path in files and len(files) >= 2
    for path in files:
        raw = path.read_bytes()
        assert not raw.startswith(b"SQLite format 3") and nik.encode() not in raw
    with pytest.raises(RecoveryKeyError):
        restore_backup(demo, taken.path)
    with pytest.raises(RecoveryKeyError):
        restore_backup(demo, taken.path, recovery_key=make_recovery_key(tmp_path / "other"))
    restore_backup(demo, taken.path, recovery_key=recovery.lower())
    db = _open(demo)
    try:
        with db.reading() as tx:
            assert tx.query(Person).filter(Person.nik == nik).count() == 1
    finally:
        db.close()
    assert not list(demo.glob(".*.opened"))

"""The monthly export end to end on real demo registries: the signed file, the ledger and its
revisions, the USB copy, and the puskesmas side (verify, merge) checked against the databases."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from openpyxl import load_workbook
from pypdf import PdfReader

from posyandu_desktop.domain.export_contract import (
    EXPORTED_TABLES,
    ExportRow,
    as_json,
    column_names,
)
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.measurement import MeasuredValues, Reading
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Problem
from posyandu_desktop.exchange import signing
from posyandu_desktop.exchange.package import Period, export_file_name, pack, read_manifest
from posyandu_desktop.exchange.verify import Finding
from posyandu_desktop.reports.eppgbm_pack import (
    HEAD_ROW,
    HEADER,
    MONTH_SHEET,
    NEW_SHEET,
    d_m_yyyy,
)
from posyandu_desktop.services import open_data_folder, record_measurement, register_person
from posyandu_desktop.services import puskesmas as pk
from posyandu_desktop.services.export import (
    DEMO_PUSKESMAS_FOLDER,
    CopyError,
    CopyProblem,
    choose_send_contact_details,
    copy_to_drive,
    export_folder,
    export_history,
    export_month,
    make_puskesmas_folder,
    puskesmas_opener,
    register_puskesmas_key,
    signing_fingerprint,
)
from posyandu_desktop.services.reports import (
    eppgbm_pack,
    monthly_report_data,
    this_posyandu_id,
    write_eppgbm_pack,
)
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.store import Database, Opened
from posyandu_desktop.store.queries import exports as q
from posyandu_desktop.store.records import ExportEntry
from posyandu_desktop.store.tables import Cadre, Household, Measurement, Person, Posyandu

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 10:00 in Bontang
OCTOBER, NOVEMBER = Period(2026, 10), Period(2026, 11)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data folder (30 children, 6 months) per session; tests copy it."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    opened = open_data_folder(folder)
    assert isinstance(opened, Opened)
    load_demo(opened.database, today=TODAY, children=30, months=6)
    opened.database.close()
    return Path(folder)


def _open_copy(template: Path, target: Path, code: str | None = None) -> Database:
    """A copy of the demo folder; with `code`, another Posyandu that sends to the puskesmas at
    <target>/../puskesmas."""
    shutil.copytree(template, target)
    if code is not None:
        register_puskesmas_key(target, make_puskesmas_folder(target.parent / "puskesmas", "PKM"))
    opened = open_data_folder(target)
    assert isinstance(opened, Opened)
    if code is not None:
        with opened.database.transaction(reason="test: another Posyandu") as tx:
            for row in tx.query(Posyandu):
                row.code, row.name = code, f"Posyandu {code}"
    return opened.database


@pytest.fixture
def folder(tmp_path, demo_template):
    data = tmp_path / "data"
    db = _open_copy(demo_template, data)
    yield db, data
    db.close()


def _export(db: Database, data: Path, period: Period, now: datetime = NOW) -> ExportEntry:
    made = export_month(db, data, period, cadre_id=None, now=now)
    assert made.ok, made.problems
    assert made.value is not None
    return made.value


def _puskesmas_of(path: Path) -> Path:
    """The puskesmas folder an export in <data>/exports/ is sealed to (see `_open_copy`)."""
    data = path.parent.parent
    demo = data / DEMO_PUSKESMAS_FOLDER
    return demo if demo.exists() else data.parent / "puskesmas"


def _members(path: Path) -> dict[str, bytes]:
    """The manifest and the members of an export, opened with its puskesmas's key."""
    puskesmas = _puskesmas_of(path)
    opener = puskesmas_opener(puskesmas)
    trusted = [pk.TrustedKey(signing_fingerprint(path.parent.parent), "DEMO-1")]
    (report,) = pk.check_files([path], trusted, opener=opener)
    with zipfile.ZipFile(path) as archive:
        return {"manifest.json": archive.read("manifest.json"), **report.members}


def _replay(files: list[Path]) -> dict[str, dict[int, dict[str, Any]]]:
    """What a puskesmas holds after importing the files in order."""
    held: dict[str, dict[int, dict[str, Any]]] = {t: {} for t in q.EXPORTED_TABLES}
    for path in files:
        members = _members(path)
        for table in q.EXPORTED_TABLES:
            content = json.loads(members[f"data/{table}.json"])
            for row_id in content["deleted"]:
                held[table].pop(row_id, None)
            for row in content["rows"]:
                held[table][row["id"]] = row
    return held


def _laptop(db: Database, contacts: bool = False) -> dict[str, dict[int, dict[str, Any]]]:
    """The laptop's rows as the files carry them (without contact numbers unless sent)."""
    with db.reading() as tx:
        rows = q.all_rows(tx)

    def sent(row: ExportRow) -> dict[str, Any]:
        return as_json(row, column_names(row.table, contacts=contacts))

    return {t: {r.id: sent(r) for r in rows[t]} for t in q.EXPORTED_TABLES}


def test_exports_in_order_hold_exactly_the_laptops_data_corrections_and_deletions_included(folder):
    db, data = folder
    october = _export(db, data, OCTOBER)
    # After the October file: a correction to an October weighing, a new child, a deletion.
    with db.transaction(cadre_id=None, reason="salah ketik") as tx:
        weighing = tx.query(Measurement).filter(Measurement.measured_on < date(2026, 11, 1)).first()
        assert weighing is not None and weighing.weight_kg is not None
        weighing.weight_kg += 0.1
        weighing.corrections += 1
        corrected = weighing.id
        child = tx.query(Person).order_by(Person.id.desc()).first()
        assert child is not None
        removed = tx.query(Measurement).filter(Measurement.person_id == child.id).first()
        removed_id = removed.id if removed is not None else None
        if removed is not None:
            tx.delete(removed)
    november = _export(db, data, NOVEMBER, NOW.replace(day=21))

    files = [export_folder(data) / e.file_name for e in (october, november)]
    assert _replay(files) == _laptop(db)
    second = json.loads(_members(files[1])["data/measurement.json"])
    assert corrected in {r["id"] for r in second["rows"]}  # an October row, in November's file
    if removed_id is not None:
        assert removed_id in second["deleted"]
    assert october.audit_upto == november.audit_after
    assert november.previous_manifest_sha256 == october.manifest_sha256
    assert all("pin_hash" not in r for r in _replay(files)["cadre"].values())


def test_every_table_of_the_file_has_exactly_the_contracts_columns(folder):
    db, data = folder
    for hour, contacts in ((5, False), (6, True)):
        choose_send_contact_details(data, contacts)
        entry = _export(db, data, OCTOBER, NOW.replace(hour=hour))
        members = _members(export_folder(data) / entry.file_name)
        assert {n for n in members if n.startswith(("data/", "csv/"))} == {
            name for t in EXPORTED_TABLES for name in (f"data/{t}.json", f"csv/{t}.csv")
        }
        for table in EXPORTED_TABLES:
            names = column_names(table, contacts=contacts)
            content = json.loads(members[f"data/{table}.json"])
            assert (content["table"], content["columns"]) == (table, list(names))
            assert content["rows"], table  # the first file of a demo year carries every table
            assert all(set(row) == set(names) for row in content["rows"]), table
            csv_text = members[f"csv/{table}.csv"].decode("utf-8-sig")
            assert csv_text.split("\r\n", 1)[0] == ",".join(names)


def test_contact_numbers_stay_on_the_laptop_unless_the_coordinator_sends_them(folder):
    db, data = folder
    october = _export(db, data, OCTOBER)
    cadres = json.loads(_members(export_folder(data) / october.file_name)["data/cadre.json"])
    assert cadres["rows"] and not {"nik", "phone", "bpjs_ketenagakerjaan"} & set(cadres["columns"])
    assert all(set(r) == set(cadres["columns"]) for r in cadres["rows"])
    households = json.loads(
        _members(export_folder(data) / october.file_name)["data/household.json"]
    )
    assert households["rows"] and "phone" not in households["columns"]
    choose_send_contact_details(data, True)
    again = _export(db, data, OCTOBER, NOW.replace(hour=6))
    files = [export_folder(data) / again.file_name]
    assert _replay(files)["cadre"] == _laptop(db, contacts=True)["cadre"]
    assert _replay(files)["household"] == _laptop(db, contacts=True)["household"]


def test_the_file_holds_every_member_the_issue_names_and_verifies(folder):
    db, data = folder
    entry = _export(db, data, OCTOBER)
    path = export_folder(data) / entry.file_name
    assert path.name == "posyandu_DEMO-1_2026-10_r1.zip"
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    assert manifest["period"] == "2026-10" and manifest["revision"] == 1
    assert manifest["posyandu"]["code"] == "DEMO-1"
    assert manifest["previous"] is None
    assert manifest["fingerprint"] == signing_fingerprint(data)
    assert {m["name"] for m in manifest["members"]} == set(members) - {"manifest.json"}
    with zipfile.ZipFile(path) as archive:  # on the stick, the contents are sealed
        assert archive.namelist() == ["manifest.json", "manifest.sig", "sealed.bin"]
    assert manifest["counts"]["person"] == len(json.loads(members["data/person.json"])["rows"])
    report = PdfReader(io.BytesIO(members["report/Laporan_DEMO-1_2026-10.pdf"]))
    assert "2026" in report.pages[0].extract_text()
    bundle = json.loads(members["fhir/bundle.json"])
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "transaction"
    csv_head = members["csv/person.csv"].decode("utf-8-sig").splitlines()[0]
    assert csv_head.startswith("id,uid,")
    # Without a list of registered keys no file is valid, and nothing is opened.
    (report_check,) = pk.check_files([path], None)
    assert not report_check.ok and report_check.members == {}
    assert {f for f, _ in report_check.findings} == {Finding.KEY_NOT_CHECKED}


def test_a_re_export_is_a_new_revision_over_the_same_base_and_the_old_one_is_caught(folder):
    db, data = folder
    october = _export(db, data, OCTOBER)
    first = _export(db, data, NOVEMBER)
    second = _export(db, data, NOVEMBER, NOW.replace(hour=5))
    assert (first.revision, second.revision) == (1, 2)
    assert second.audit_after == first.audit_after == october.audit_upto
    assert second.previous_manifest_sha256 == first.previous_manifest_sha256
    manifest = json.loads(_members(export_folder(data) / second.file_name)["manifest.json"])
    assert manifest["supersedes"] == {"revision": 1, "manifest_sha256": first.manifest_sha256}
    assert [e.revision for e in export_history(db)] == [1, 1, 2]

    paths = [export_folder(data) / e.file_name for e in (october, first, second)]
    trusted = [pk.TrustedKey(signing_fingerprint(data), "DEMO-1")]
    opener = puskesmas_opener(data / DEMO_PUSKESMAS_FOLDER)
    reports = {r.path.name: r for r in pk.check_files(paths, trusted, opener=opener)}
    assert reports[first.file_name].ok is False
    assert Finding.SUPERSEDED in {f for f, _ in reports[first.file_name].findings}
    assert reports[second.file_name].ok and reports[october.file_name].ok


def test_months_before_an_exported_one_and_future_months_are_refused(folder):
    db, data = folder
    _export(db, data, NOVEMBER)
    earlier = export_month(db, data, OCTOBER, cadre_id=None, now=NOW)
    assert [i.problem for i in earlier.problems] == [Problem.LATER_MONTH_EXPORTED]
    future = export_month(db, data, Period(2026, 12), cadre_id=None, now=NOW)
    assert [i.problem for i in future.problems] == [Problem.DATE_IN_FUTURE]
    assert len(export_history(db)) == 1


def test_a_pulled_stick_leaves_no_file_on_it_and_the_export_can_be_copied_again(folder, tmp_path):
    db, data = folder
    entry = _export(db, data, OCTOBER)
    gone = tmp_path / "usb-pulled-out"
    with pytest.raises(CopyError) as caught:
        copy_to_drive(db, data, entry, gone, cadre_id=None, now=NOW)
    assert caught.value.problem is CopyProblem.DEVICE_GONE
    assert (export_folder(data) / entry.file_name).exists()  # the kept copy is safe
    stick = tmp_path / "usb"
    stick.mkdir()
    written = copy_to_drive(db, data, entry, stick, cadre_id=None, now=NOW)
    assert written.read_bytes() == (export_folder(data) / entry.file_name).read_bytes()
    assert sorted(p.name for p in stick.iterdir()) == [entry.file_name]
    with db.reading() as tx:
        assert [c.destination for c in q.copies(tx, entry.id)] == [str(written)]


def test_the_signing_key_is_private_and_never_leaves_the_data_folder(folder, tmp_path):
    db, data = folder
    entry = _export(db, data, OCTOBER)
    key = data / "keys" / "signing-key.pem"
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    pem = key.read_bytes()
    assert pem not in (export_folder(data) / entry.file_name).read_bytes()
    backups = [p for p in (data / "backups").rglob("*") if p.is_file()]
    assert backups and all(b"PRIVATE KEY" not in p.read_bytes() for p in backups)


def _two_posyandu(tmp_path: Path, template: Path) -> tuple[Database, Database]:
    a = _open_copy(template, tmp_path / "a", "BTG-01")
    b = _open_copy(template, tmp_path / "b", "BTG-02")
    return a, b


def test_merge_counts_equal_each_registry_and_a_shared_nik_is_counted_once(tmp_path, demo_template):
    a, b = _two_posyandu(tmp_path, demo_template)
    try:
        # The demo copies hold the same people: give B new NIKs except one child, who is then
        # registered in both Posyandu.
        with b.transaction(reason="test: other people") as tx:
            people = tx.query(Person).filter(Person.nik.is_not(None)).order_by(Person.id).all()
            young = [p for p in people if p.birth_date >= date(2023, 1, 1)]
            shared = young[0]
            for n, person in enumerate(people):
                if person is not shared:
                    person.nik = f"6474{n:012d}"
            shared_nik, shared_name = shared.nik, shared.name
        files = []
        for db, folder in ((a, tmp_path / "a"), (b, tmp_path / "b")):
            entry = _export(db, folder, OCTOBER)
            files.append(export_folder(folder) / entry.file_name)
        trust = [
            pk.TrustedKey(signing_fingerprint(tmp_path / "a"), "BTG-01"),
            pk.TrustedKey(signing_fingerprint(tmp_path / "b"), "BTG-02"),
        ]
        opener = puskesmas_opener(tmp_path / "puskesmas")
        result = pk.merge_files(
            files, tmp_path / "rekap", trusted=trust, opener=opener, today=TODAY
        )
        assert not result.problems and result.recap is not None
        expected = {}
        for code, db in (("BTG-01", a), ("BTG-02", b)):
            posyandu_id = this_posyandu_id(db)
            assert posyandu_id is not None
            report = monthly_report_data(db, posyandu_id, 2026, 10, today=TODAY)
            expected[code] = report.indicators.skdn.total()
        assert {row.code: row.counts.skdn for row in result.recap.rows} == expected
        assert all(row.matches_report for row in result.recap.rows)
        # The shared child is in S of both and counted once in the puskesmas total.
        plain = expected["BTG-01"] + expected["BTG-02"]
        assert result.recap.total.skdn.s == plain.s - 1
        assert [p.nik for p in result.recap.shared] == [shared_nik]
        assert sorted(result.recap.shared[0].posyandu) == ["BTG-01", "BTG-02"]
        # The e-PPGBM entry pack asks to type that child once.
        assert result.pack_xlsx is not None
        note = load_workbook(result.pack_xlsx)[MONTH_SHEET]["A3"].value
        assert f"ketik sekali saja: {shared_name} (BTG-01, BTG-02)." in note
        assert result.pdf is not None and result.xlsx is not None
        text = "".join(page.extract_text() for page in PdfReader(result.pdf).pages)
        assert "BTG-01" in text and "BTG-02" in text
        assert load_workbook(result.xlsx).sheetnames
    finally:
        a.close()
        b.close()


def _registered(db: Database, name: str, on: date, *, weighed: bool) -> None:
    """A baby registered on `on` (a day of the demo's past) and, if `weighed`, weighed then."""
    with db.reading() as tx:
        cadre_id = tx.query(Cadre.id).order_by(Cadre.id).limit(1).scalar()
        home_id = tx.query(Household.id).order_by(Household.id).limit(1).scalar()
    person = register_person(
        db, cadre_id=cadre_id, name=name, sex=Sex.FEMALE, birth_date=on - timedelta(days=200),
        household_id=home_id, today=on,
    ).unwrap()  # fmt: skip
    with db.transaction(reason="test: registered that day") as tx:
        tx.get_one(Person, person.id).created_at = datetime.combine(on, time(2), UTC)
    if weighed:
        values = MeasuredValues(Reading(7.05), Reading(64.3), Position.LYING, lila_cm=Reading(14.1))
        record_measurement(
            db, cadre_id=cadre_id, person_id=person.id, measured_on=on, values=values, today=on
        ).unwrap()


def _sheet_rows(path: Path, sheet: str) -> list[list[Any]]:
    book = load_workbook(path)
    return [list(r) for r in book[sheet].iter_rows(min_row=HEAD_ROW, values_only=True)]


def test_the_merge_writes_one_e_ppgbm_entry_pack_of_every_posyandu(tmp_path, demo_template):
    a, b = _two_posyandu(tmp_path, demo_template)
    try:
        _registered(a, "Bayi Baru Oktober", date(2026, 10, 15), weighed=True)
        _registered(b, "Anak Daftar Saja", date(2026, 10, 16), weighed=False)
        files = [
            export_folder(tmp_path / folder) / _export(db, tmp_path / folder, OCTOBER).file_name
            for db, folder in ((a, "a"), (b, "b"))
        ]
        trust = [
            pk.TrustedKey(signing_fingerprint(tmp_path / "a"), "BTG-01"),
            pk.TrustedKey(signing_fingerprint(tmp_path / "b"), "BTG-02"),
        ]
        opener = puskesmas_opener(tmp_path / "puskesmas")
        result = pk.merge_files(files, tmp_path / "rekap", trusted=trust, opener=opener)
        xlsx, pdf = result.pack_xlsx, result.pack_pdf
        assert xlsx is not None and pdf is not None
        assert xlsx == tmp_path / "rekap" / "Ketik_ePPGBM_2026-10.xlsx"
        assert pdf == tmp_path / "rekap" / "Ketik_ePPGBM_2026-10.pdf"
        assert result.unnamed == ()
        # A first file carries every row: each Posyandu's part is its own pack, row for row,
        # behind a Posyandu column.
        for sheet in (NEW_SHEET, MONTH_SHEET):
            merged = _sheet_rows(xlsx, sheet)
            assert merged[0] == ["Posyandu", *HEADER]
            expected = []
            for code, db in (("BTG-01", a), ("BTG-02", b)):
                own, _pdf = write_eppgbm_pack(db, 2026, 10, tmp_path / code)
                expected += [[f"Posyandu {code} ({code})", *r] for r in _sheet_rows(own, sheet)[1:]]
            assert merged[1:] == expected and expected
        new = _sheet_rows(xlsx, NEW_SHEET)
        assert [r[2] for r in new[1:]] == ["Bayi Baru Oktober", "Anak Daftar Saja"]
        baby = next(r for r in _sheet_rows(xlsx, MONTH_SHEET) if r[2] == "Bayi Baru Oktober")
        assert baby[9:14] == ["15-10-2026", 7.05, 64.3, "Terlentang", 14.1]
        # NIK and names stay text.
        sheet = load_workbook(xlsx)[MONTH_SHEET]
        niks = [row[1] for row in sheet.iter_rows(min_row=HEAD_ROW + 1) if row[1].value]
        assert niks and all(c.data_type == "s" and c.number_format == "@" for c in niks)
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        for words in ("Bahan ketik e-PPGBM", "bukan templat impor resmi", "Bayi Baru Oktober",
                      "Posyandu BTG-01 (BTG-01)", "Posyandu BTG-02 (BTG-02)"):  # fmt: skip
            assert words in text
    finally:
        a.close()
        b.close()


def test_a_later_month_s_file_gives_the_pack_what_it_carries_and_says_what_not(folder):
    db, data = folder
    _export(db, data, OCTOBER)  # made on 20 November: it carries November's weighings too
    _registered(db, "Bayi Baru November", date(2026, 11, 18), weighed=True)
    file = export_folder(data) / _export(db, data, NOVEMBER, NOW + timedelta(hours=1)).file_name
    trust = [
        pk.TrustedKey(signing_fingerprint(data), read_manifest(file.read_bytes()).posyandu.code)
    ]
    opener = puskesmas_opener(data / DEMO_PUSKESMAS_FOLDER)
    result = pk.merge_files([file], data.parent / "rekap", trusted=trust, opener=opener)
    assert result.pack_xlsx is not None
    own = eppgbm_pack(db, 2026, 11)
    merged = _sheet_rows(result.pack_xlsx, MONTH_SHEET)[1:]
    # Every weighing of the month is listed; the values only of those the file carries.
    assert sorted((r[2], r[9]) for r in merged) == sorted(
        (r.name, d_m_yyyy(r.measured_on)) for r in own.measurements
    )
    values = {r[2]: r[10] for r in merged}
    assert values.pop("Bayi Baru November") == 7.05
    assert values and set(values.values()) == {None}
    new = _sheet_rows(result.pack_xlsx, NEW_SHEET)[1:]
    assert sorted(r[2] for r in new) == sorted(r.name for r in own.new_children)
    assert "Bayi Baru November" in [r[2] for r in new]
    note = load_workbook(result.pack_xlsx)[MONTH_SHEET]["A3"].value
    assert "sudah terkirim dalam file bulan sebelumnya" in note


def test_a_file_without_names_or_without_the_key_makes_no_empty_pack(tmp_path, demo_template):
    a, b = _two_posyandu(tmp_path, demo_template)
    try:
        sealed = export_folder(tmp_path / "a") / _export(a, tmp_path / "a", OCTOBER).file_name
        good = export_folder(tmp_path / "b") / _export(b, tmp_path / "b", OCTOBER).file_name
    finally:
        a.close()
        b.close()
    trust = [
        pk.TrustedKey(signing_fingerprint(tmp_path / "a"), "BTG-01"),
        pk.TrustedKey(signing_fingerprint(tmp_path / "b"), "BTG-02"),
    ]
    opener = puskesmas_opener(tmp_path / "puskesmas")
    # Without the puskesmas key no sealed file opens: nothing is merged, no pack is written.
    locked = pk.merge_files([sealed, good], tmp_path / "locked", trusted=trust)
    assert locked.pack_xlsx is None and locked.recap is None
    assert {f for r in locked.reports for f, _ in r.findings} == {Finding.SEALED_NO_KEY}
    assert not (tmp_path / "locked").exists()
    # A file in the clear that carries the report but no tables (no names): the recap counts
    # it, the pack says it is not in it, and a pack of that file alone is not written.
    (report,) = pk.check_files([sealed], trust, opener=opener)
    manifest = report.manifest
    assert manifest is not None
    kept = [
        (m.name, report.members[m.name]) for m in manifest.members if m.name.startswith("report/")
    ]
    key = signing.ensure_signing_key(signing.keys_dir(tmp_path / "a"))
    raw, _ = pack(
        posyandu=manifest.posyandu, period=manifest.period, revision=1, created_at=NOW,
        app_version=manifest.app_version, schema_revision=manifest.schema_revision,
        audit_after=0, audit_upto=manifest.audit_upto, counts={}, deleted={}, previous=None,
        supersedes=None, members=kept, key=key,
    )  # fmt: skip
    unnamed = tmp_path / "usb" / export_file_name("BTG-01", OCTOBER, 1)
    unnamed.parent.mkdir()
    unnamed.write_bytes(raw)
    alone = pk.merge_files([unnamed], tmp_path / "alone", trusted=trust, opener=opener)
    assert alone.recap is not None and alone.pdf is not None
    assert alone.pack_xlsx is None and alone.unnamed == ("Posyandu BTG-01 (BTG-01)",)
    assert not list((tmp_path / "alone").glob("Ketik_ePPGBM_*"))
    both = pk.merge_files([unnamed, good], tmp_path / "both", trusted=trust, opener=opener)
    assert both.pack_xlsx is not None and both.unnamed == ("Posyandu BTG-01 (BTG-01)",)
    rows = _sheet_rows(both.pack_xlsx, MONTH_SHEET)[1:]
    assert rows and {r[0] for r in rows} == {"Posyandu BTG-02 (BTG-02)"}
    note = load_workbook(both.pack_xlsx)[MONTH_SHEET]["A3"].value
    assert "file tanpa data nama anak): Posyandu BTG-01 (BTG-01)" in note
    # Merged again without a file that has names, the month's earlier pack is not left behind.
    again = pk.merge_files([unnamed], tmp_path / "both", trusted=trust, opener=opener)
    assert again.pack_xlsx is None and not list((tmp_path / "both").glob("Ketik_ePPGBM_*"))


def test_merge_leaves_out_a_tampered_file_and_names_it(tmp_path, demo_template):
    a, b = _two_posyandu(tmp_path, demo_template)
    try:
        good = export_folder(tmp_path / "a") / _export(a, tmp_path / "a", OCTOBER).file_name
        bad = export_folder(tmp_path / "b") / _export(b, tmp_path / "b", OCTOBER).file_name
        with zipfile.ZipFile(bad) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
        sealed = bytearray(members["sealed.bin"])
        sealed[100] ^= 1
        members["sealed.bin"] = bytes(sealed)
        with zipfile.ZipFile(bad, "w") as archive:
            for name, content in members.items():
                archive.writestr(name, content)
        trust = [
            pk.TrustedKey(signing_fingerprint(tmp_path / "a"), "BTG-01"),
            pk.TrustedKey(signing_fingerprint(tmp_path / "b"), "BTG-02"),
        ]
        opener = puskesmas_opener(tmp_path / "puskesmas")
        result = pk.merge_files(
            [good, bad], tmp_path / "rekap", trusted=trust, opener=opener, today=TODAY
        )
        assert result.recap is not None
        assert [row.code for row in result.recap.rows] == ["BTG-01"]
        rejected = next(r for r in result.reports if r.path == bad)
        assert not rejected.ok
        assert (Finding.MEMBER_CHANGED, "sealed.bin") in rejected.findings
        # Nor are its children in the e-PPGBM entry pack.
        assert result.pack_xlsx is not None
        for sheet in (NEW_SHEET, MONTH_SHEET):
            rows = _sheet_rows(result.pack_xlsx, sheet)[1:]
            assert {r[0] for r in rows} <= {"Posyandu BTG-01 (BTG-01)"}
        assert _sheet_rows(result.pack_xlsx, MONTH_SHEET)[1:]
    finally:
        a.close()
        b.close()


def test_a_measurement_deleted_after_an_export_is_deleted_from_the_next_fhir_bundle(folder):
    db, data = folder
    october = _export(db, data, OCTOBER)
    with db.transaction(cadre_id=None, reason="salah anak") as tx:
        removed = (
            tx.query(Measurement)
            .filter(Measurement.measured_on < date(2026, 11, 1), Measurement.weight_kg.is_not(None))
            .order_by(Measurement.id)
            .first()
        )
        assert removed is not None
        uid = removed.uid
        tx.delete(removed)
    november = _export(db, data, NOVEMBER, NOW.replace(day=21))

    def bundle(entry: ExportEntry) -> dict[str, Any]:
        members = _members(export_folder(data) / entry.file_name)
        found: dict[str, Any] = json.loads(members["fhir/bundle.json"])
        Bundle.model_validate(found)
        return found

    def urls(found: dict[str, Any], method: str) -> set[str]:
        return {
            e["request"]["url"]
            for e in found["entry"]
            if e["request"]["method"] == method and f"|{uid}-" in e["request"]["url"]
        }

    sent = urls(bundle(october), "PUT")
    assert any(url.endswith(f"|{uid}-weight") for url in sent)
    later = bundle(november)
    deletes = urls(later, "DELETE")
    assert sent <= deletes  # every Observation October put, November deletes
    every_value = {
        "weight",
        "lenhei",
        "headc",
        "lila",
        "bp",
        "bmi",
        "waist",
        "glucose",
        "haemoglobin",
    }
    assert {url.rpartition("-")[2] for url in deletes} == every_value
    assert urls(later, "PUT") == set()
    assert all(url.startswith("Observation?identifier=") for url in deletes)


def test_the_summary_carries_the_month_s_early_warning_list(folder):
    from posyandu_desktop.exchange.summary import read_summary
    from posyandu_desktop.services.people import early_warning_of_month

    db, data = folder
    entry = _export(db, data, OCTOBER)
    month = read_summary(_members(export_folder(data) / entry.file_name)["report/summary.json"])
    expected = early_warning_of_month(db, 2026, 10, today=TODAY)
    figures = month.early_warning
    assert figures is not None
    assert [(p.name, reasons) for p, reasons in figures.at_risk] == [
        (c.name, c.risk.reasons) for c in expected.children
    ]
    assert (figures.months, figures.cases, figures.warned, figures.recovered) == (
        12,
        len(expected.backtest.cases),
        len(expected.backtest.warned),
        len(expected.backtest.recovered),
    )

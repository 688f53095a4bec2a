"""The Puskesmas window on real export files: verdicts in colour and words, the reasons for a
rejection, registering a key (typed, or from a file after comparing fingerprints), merging into
a PDF and a spreadsheet, and an older revision caught after the newer one was received."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.reports.eppgbm_pack import HEAD_ROW
from posyandu_desktop.services import Field, Issue, Problem
from posyandu_desktop.services.export import puskesmas_opener
from posyandu_desktop.services.puskesmas import (
    Finding,
    MergeResult,
    check_files,
    merge_files,
    registered_keys,
)
from posyandu_desktop.ui.puskesmas.files_table_model import Column, FilesTableModel
from posyandu_desktop.ui.puskesmas.keys_table_model import Column as KeyColumn
from posyandu_desktop.ui.puskesmas.merge_panel import merge_text
from posyandu_desktop.ui.puskesmas.puskesmas_window import PuskesmasWindow
from posyandu_desktop.ui.theme import SEVERITY_COLOURS
from posyandu_desktop.ui.widgets.messages import MessageKind
from tests.ui.puskesmas.conftest import register, tamper

WAIT_MS = 20_000


def _cells(model: Any, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _add(qtbot: Any, window: PuskesmasWindow, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.files_page.check_did_finish, timeout=WAIT_MS):
        window.files_page.add_files(paths)


def test_the_table_model_says_what_each_file_is_in_words(stick, puskesmas_data):
    melati, mawar, _anggrek = stick.laptops
    register(puskesmas_data, melati)
    paths = [stick.copy(melati.newest), stick.copy(mawar.newest)]
    reports = check_files(
        paths, registered_keys(puskesmas_data), opener=puskesmas_opener(puskesmas_data)
    )
    model = FilesTableModel()
    model.set_rows(reports)

    assert _cells(model, Column.FILE) == [p.name for p in paths]
    assert _cells(model, Column.POSYANDU) == [
        "Posyandu Melati (6474-MEL-01)",
        "Posyandu Mawar (6474-MAW-02)",
    ]
    assert _cells(model, Column.MONTH) == ["Oktober 2026", "Oktober 2026"]
    assert _cells(model, Column.REVISION) == ["2", "1"]
    assert _cells(model, Column.VERDICT) == ["Sah", "Ditolak"]
    assert _cells(model, Column.KEY) == ["terdaftar", "tidak dikenal"]
    # Colour and words together: green "Sah", red "Ditolak".
    background = Qt.ItemDataRole.BackgroundRole
    green = model.data(model.index(0, Column.VERDICT), background).color().name()
    red = model.data(model.index(1, Column.VERDICT), background).color().name()
    assert (green, red) == (
        SEVERITY_COLOURS[Severity.NORMAL][0],
        SEVERITY_COLOURS[Severity.SEVERE][0],
    )
    assert "tidak terdaftar" in model.data(
        model.index(1, Column.VERDICT), Qt.ItemDataRole.ToolTipRole
    )


def test_files_signed_by_unknown_keys_are_rejected_until_the_key_is_registered(
    qtbot, stick, desktop, make_window, puskesmas_data
):
    window = make_window()
    page = window.files_page
    assert page.empty_hint.isVisibleTo(page) and not page.merge_button.isEnabled()
    desktop.files = stick.newest()
    with qtbot.waitSignal(page.check_did_finish, timeout=WAIT_MS):
        page.add_button.click()

    assert _cells(page.model, Column.VERDICT) == ["Ditolak"] * 3
    assert _cells(page.model, Column.KEY) == ["tidak dikenal"] * 3
    melati = stick.laptops[0]
    page.select(desktop.files[0])
    details = page.details.toPlainText()
    assert "Ditolak: file ini tidak akan digabungkan" in details
    assert f"Ditandatangani dengan kunci yang tidak terdaftar: {melati.fingerprint}" in details
    assert page.register_button.isVisibleTo(page)

    # The user compares the fingerprint with the one from Melati's Settings screen: the same.
    with qtbot.waitSignal(page.check_did_finish, timeout=WAIT_MS):
        page.register_button.click()
    kind, question = desktop.shown[-1]
    assert kind is MessageKind.QUESTION
    assert melati.fingerprint in question and "Pengaturan" in question
    assert registered_keys(puskesmas_data) == (melati.key(),)
    assert _cells(page.model, Column.VERDICT) == ["Sah", "Ditolak", "Ditolak"]
    assert _cells(page.model, Column.KEY)[0] == "terdaftar"
    assert _cells(window.keys_page.model, KeyColumn.CODE) == ["6474-MEL-01"]
    assert window.tabs.tabText(1) == "Kunci terdaftar (1)"
    assert not page.register_button.isVisibleTo(page)  # Melati is still selected, now valid


def test_a_key_is_not_registered_when_the_fingerprints_differ(
    qtbot, stick, desktop, make_window, puskesmas_data
):
    window = make_window()
    _add(qtbot, window, stick.newest()[:1])
    desktop.answers = [False]  # "Batal": not the fingerprint the Posyandu gave
    window.files_page.register_button.click()
    assert registered_keys(puskesmas_data) == ()
    assert _cells(window.files_page.model, Column.VERDICT) == ["Ditolak"]


def test_a_tampered_file_is_rejected_with_its_reason(
    qtbot, stick, desktop, make_window, puskesmas_data
):
    register(puskesmas_data, *stick.laptops)
    paths = stick.newest()
    tamper(paths[1])
    window = make_window()
    _add(qtbot, window, paths)
    page = window.files_page

    assert _cells(page.model, Column.VERDICT) == ["Sah", "Ditolak", "Sah"]
    assert _cells(page.model, Column.KEY) == ["terdaftar"] * 3
    assert page.status.text() == "3 file: 2 sah, 1 ditolak"
    page.select(paths[1])
    details = page.details.toPlainText()
    assert "Ada bagian file yang diubah atau rusak: sealed.bin" in details
    assert "Posyandu Mawar (6474-MAW-02)" in details
    assert not page.register_button.isVisibleTo(page)  # its key is registered: nothing to add


def test_merging_makes_the_recap_and_says_what_was_left_out(
    qtbot, stick, desktop, make_window, puskesmas_data, tmp_path
):
    register(puskesmas_data, *stick.laptops)
    paths = stick.newest()
    tamper(paths[2])
    window = make_window()
    _add(qtbot, window, paths)
    page = window.files_page
    desktop.folder = tmp_path / "rekap"
    with qtbot.waitSignal(page.merge_did_finish, timeout=60_000):
        page.merge_button.click()

    # The folder dialog opened in <data>/rekap/<month>.
    assert desktop.folder_starts == [puskesmas_data / "rekap" / "2026-10"]
    panel = page.merge_panel
    assert panel.isVisibleTo(page)
    text = panel.text.text()
    assert text.startswith("2 file digabung ke rekap Oktober 2026.")
    assert "1 file tidak diikutkan:" in text
    assert f"{paths[2].name}: Ada bagian file yang diubah atau rusak: sealed.bin" in text

    pdf, xlsx = desktop.folder / "Rekap_2026-10.pdf", desktop.folder / "Rekap_2026-10.xlsx"
    assert pdf.exists() and xlsx.exists()
    pdf_text = "".join(page_.extract_text() for page_ in PdfReader(pdf).pages)
    assert "Posyandu Melati" in pdf_text and "Posyandu Mawar" in pdf_text
    assert "Posyandu Anggrek" not in pdf_text
    cells = {
        str(cell.value)
        for sheet in load_workbook(xlsx).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert any("6474-MEL-01" in c for c in cells) and any("6474-MAW-02" in c for c in cells)
    assert not any("6474-ANG-03" in c for c in cells)

    # The e-PPGBM typing aid of the two merged Posyandu, beside the recap.
    assert "Bahan ketik e-PPGBM Posyandu yang digabung ada di folder yang sama." in text
    pack_pdf = desktop.folder / "Ketik_ePPGBM_2026-10.pdf"
    pack_xlsx = desktop.folder / "Ketik_ePPGBM_2026-10.xlsx"
    posyandu = {
        row[0]
        for sheet in load_workbook(pack_xlsx).worksheets
        for row in sheet.iter_rows(min_row=HEAD_ROW + 1, values_only=True)
    }
    assert posyandu == {"Posyandu Melati (6474-MEL-01)", "Posyandu Mawar (6474-MAW-02)"}
    assert all(b.isVisibleTo(page) for b in (panel.open_pack_pdf_button, panel.pack_label))

    panel.open_pdf_button.click()
    panel.open_xlsx_button.click()
    panel.open_pack_pdf_button.click()
    panel.open_pack_xlsx_button.click()
    panel.open_folder_button.click()
    assert desktop.opened == [pdf, xlsx, pack_pdf, pack_xlsx, desktop.folder]

    received = json.loads((puskesmas_data / "received.json").read_text(encoding="utf-8"))
    assert sorted(r["code"] for r in received) == ["6474-MAW-02", "6474-MEL-01"]


def test_an_older_revision_is_caught_after_the_newer_one_was_merged(
    qtbot, stick, desktop, make_window, puskesmas_data, tmp_path
):
    melati = stick.laptops[0]
    register(puskesmas_data, melati)
    old, new = (stick.copy(path) for path in melati.files)
    window = make_window()
    page = window.files_page
    _add(qtbot, window, [new])
    desktop.folder = tmp_path / "rekap"
    with qtbot.waitSignal(page.merge_did_finish, timeout=60_000):
        page.merge()
    with qtbot.waitSignal(page.check_did_finish, timeout=WAIT_MS):
        page.clear_button.click()
    assert page.model.rowCount() == 0 and not page.merge_panel.isVisibleTo(page)

    # Next week revision 1 turns up again on its own: the puskesmas remembers revision 2.
    _add(qtbot, window, [old])
    report = page.model.record(0)
    assert (report.ok, report.findings) == (False, ((Finding.SUPERSEDED, "2"),))
    page.select(old)
    assert "Revisi lama: sudah diganti oleh revisi 2 untuk bulan ini" in page.details.toPlainText()


def test_nothing_to_merge_is_said_without_asking_for_a_folder(qtbot, stick, desktop, make_window):
    window = make_window()
    _add(qtbot, window, stick.newest())  # no key registered: all rejected
    window.files_page.merge_button.click()
    assert desktop.folder_starts == []
    assert desktop.shown == [
        (MessageKind.ERROR, "Tidak ada file yang lolos pemeriksaan: tidak ada yang digabungkan")
    ]


def test_dropped_files_and_folders_are_added_once_and_other_files_passed_over(
    qtbot, stick, desktop, make_window
):
    paths = stick.newest()
    note = stick.folder / "catatan.txt"
    note.write_text("bukan file Posyandu", encoding="utf-8")
    window = make_window()
    page = window.files_page
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(stick.folder)), QUrl.fromLocalFile(str(paths[0]))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(page.check_did_finish, timeout=WAIT_MS):
        page.dropEvent(event)
    assert sorted(_cells(page.model, Column.FILE)) == sorted(p.name for p in paths)

    assert page.add_files([note]) == 0
    assert page.status.text() == "1 file bukan file .zip dan tidak ditambahkan."


def test_removing_files_from_the_list_checks_the_rest_again(
    qtbot, stick, desktop, make_window, puskesmas_data
):
    melati = stick.laptops[0]
    register(puskesmas_data, melati)
    old, new = (stick.copy(path) for path in melati.files)
    window = make_window()
    page = window.files_page
    _add(qtbot, window, [old, new])
    assert (Finding.SUPERSEDED, "2") in page.model.record(0).findings
    page.select(new)
    with qtbot.waitSignal(page.check_did_finish, timeout=WAIT_MS):
        page.remove_button.click()
    assert _cells(page.model, Column.FILE) == [old.name]
    assert _cells(page.model, Column.VERDICT) == ["Sah"]  # no newer revision in the list now


def test_keys_are_registered_by_typing_replaced_after_asking_and_removed(
    qtbot, stick, desktop, make_window, puskesmas_data
):
    melati, mawar, _anggrek = stick.laptops
    window = make_window()
    keys = window.keys_page

    qtbot.keyClicks(keys.code, "6474-MEL-01")
    qtbot.keyClicks(keys.fingerprint, "12AB 34")
    keys.add_button.click()
    assert "32 huruf dan angka" in keys.message.text()
    assert registered_keys(puskesmas_data) == ()

    keys.fingerprint.clear()
    # Typed in small letters and without spaces: the same fingerprint.
    qtbot.keyClicks(keys.fingerprint, melati.fingerprint.replace(" ", "").lower())
    qtbot.keyClicks(keys.name, "Posyandu Melati")
    with qtbot.waitSignal(window.files_page.check_did_finish, timeout=WAIT_MS):
        keys.add_button.click()
    assert registered_keys(puskesmas_data) == (melati.key(),)
    assert keys.message.text() == "Kunci 6474-MEL-01 sudah terdaftar."
    assert keys.code.text() == "" and keys.fingerprint.text() == ""
    assert _cells(keys.model, KeyColumn.FINGERPRINT) == [melati.fingerprint]
    assert window.tabs.tabText(1) == "Kunci terdaftar (1)"

    # Melati got a new laptop: its key replaces the old one only after a "yes".
    qtbot.keyClicks(keys.code, "6474-MEL-01")
    qtbot.keyClicks(keys.fingerprint, mawar.fingerprint)
    desktop.answers = [False]
    keys.add_button.click()
    assert registered_keys(puskesmas_data) == (melati.key(),)
    assert melati.fingerprint in desktop.shown[-1][1]
    keys.add_button.click()  # and now "Ganti"
    assert [k.fingerprint for k in registered_keys(puskesmas_data)] == [mawar.fingerprint]

    keys.table.selectRow(0)
    assert keys.remove_button.isEnabled()
    with qtbot.waitSignal(window.files_page.check_did_finish, timeout=WAIT_MS):
        keys.remove_button.click()
    assert registered_keys(puskesmas_data) == ()
    assert keys.model.rowCount() == 0 and window.tabs.tabText(1) == "Kunci terdaftar (0)"


def test_a_code_with_spaces_or_no_code_is_refused(qtbot, stick, desktop, make_window):
    keys = make_window().keys_page
    qtbot.keyClicks(keys.fingerprint, stick.laptops[0].fingerprint)
    keys.add_button.click()
    assert "kode Posyandu" in keys.message.text()
    qtbot.keyClicks(keys.code, "MEL 01")
    keys.add_button.click()
    assert "spasi" in keys.message.text()


def test_a_damaged_key_list_is_explained(qtbot, desktop, make_window, puskesmas_data):
    puskesmas_data.mkdir(parents=True, exist_ok=True)
    (puskesmas_data / "registered-keys.txt").write_text("not a key line\n", encoding="utf-8")
    window = make_window()
    assert "Baris 1" in window.keys_page.message.text()
    assert window.keys_page.model.rowCount() == 0


def test_a_merge_that_cannot_write_says_so_and_checks_again(
    qtbot, stick, desktop, make_window, puskesmas_data, tmp_path
):
    register(puskesmas_data, *stick.laptops)
    window = make_window()
    page = window.files_page
    _add(qtbot, window, stick.newest())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    desktop.folder = blocker  # a file where the folder should be: nothing can be written
    with qtbot.waitSignal(page.check_did_finish, timeout=60_000):
        page.merge_button.click()
    assert [kind for kind, _text in desktop.shown] == [MessageKind.ERROR]
    assert desktop.shown[0][1].startswith("Rekap tidak dapat dibuat")
    assert not page.merge_panel.isVisibleTo(page)
    assert page.merge_button.isEnabled() and page.add_button.isEnabled()
    assert _cells(page.model, Column.VERDICT) == ["Sah"] * 3
    assert not (puskesmas_data / "received.json").exists()


def test_a_merge_of_several_months_is_refused_in_words(stick, puskesmas_data):
    register(puskesmas_data, stick.laptops[0])
    reports = check_files(
        [stick.copy(stick.laptops[0].newest)],
        registered_keys(puskesmas_data),
        opener=puskesmas_opener(puskesmas_data),
    )
    months = Issue(Problem.MIXED_MONTHS, Field.FILES, "2026-09, 2026-10")
    text = merge_text(MergeResult(reports, None, None, None, (months,)))
    assert text.startswith("Tidak ada yang digabungkan.\n")
    assert "2026-09, 2026-10" in text
    assert f"{reports[0].path.name}: Tidak digabungkan" in text


def test_a_posyandu_without_names_in_its_file_is_named_under_the_recap(
    stick, puskesmas_data, tmp_path
):
    register(puskesmas_data, stick.laptops[0])
    result = merge_files(
        [stick.copy(stick.laptops[0].newest)],
        tmp_path / "rekap",
        trusted=registered_keys(puskesmas_data),
        opener=puskesmas_opener(puskesmas_data),
    )
    assert result.pack_xlsx is not None
    text = merge_text(replace(result, pack_xlsx=None, pack_pdf=None, unnamed=("Posyandu X (X-1)",)))
    assert "ada di folder yang sama" not in text
    assert "Tidak ada di bahan ketik e-PPGBM (file tanpa data nama anak): Posyandu X (X-1)" in text

"""The monthly export screen through its real widgets: the drive it finds, the one button that
makes the signed file and copies it (a real zip on the fake stick and in the data folder, read
back by the verifier), revisions, refusals, and copies that fail or wait for a stick."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from posyandu_desktop.exchange.copy_problems import CopyProblem
from posyandu_desktop.exchange.verify import verify_files
from posyandu_desktop.exchange.words import copy_problem_text
from posyandu_desktop.services.export import (
    Period,
    export_folder,
    export_history,
    make_puskesmas_folder,
    puskesmas_opener,
    register_puskesmas_key,
    signing_fingerprint,
)
from posyandu_desktop.services.puskesmas import TrustedKey, register_key, registered_keys
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.exchange import export_page
from posyandu_desktop.ui.exchange.export_page import ExportPage, default_month
from posyandu_desktop.ui.exchange.exports_table_model import Column, month_text
from tests.ui.conftest import MORNING

NOVEMBER, OCTOBER = Period(2026, 11), Period(2026, 10)


@pytest.fixture
def puskesmas(ui_session: UiSession, tmp_path: Path) -> Path:
    """The puskesmas folder whose key the small registry has registered."""
    folder = tmp_path / "puskesmas"
    register_puskesmas_key(ui_session.data_dir, make_puskesmas_folder(folder, "PKM Bontang"))
    register_key(folder, TrustedKey(signing_fingerprint(ui_session.data_dir), "6474-MEL-01"))
    return folder


@pytest.fixture
def session(ui_session: UiSession, puskesmas: Path) -> UiSession:
    """The small registry on a clock that moves a minute per reading: two exports in one test
    get their own backup and their own time in the ledger."""
    minutes = iter(range(10_000))
    return replace(ui_session, now=lambda: MORNING + timedelta(minutes=next(minutes)))


def _verify(paths: list[Path], puskesmas: Path) -> tuple[Any, ...]:
    return verify_files(paths, registered_keys(puskesmas), opener=puskesmas_opener(puskesmas))


def _page(qtbot: Any, session: UiSession) -> ExportPage:
    page = ExportPage(session)
    qtbot.addWidget(page)
    page.resize(1136, 690)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    _settle(qtbot)
    assert page.export_button.isEnabled()
    return page


def _settle(qtbot: Any) -> None:
    background.wait_for_all()
    qtbot.wait(20)  # deliver the results on the GUI thread


def _press(qtbot: Any, page: ExportPage, button: Any) -> None:
    button.click()
    assert page.task is not None and not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: page.task is None, timeout=60_000)
    _settle(qtbot)


def _ledger(page: ExportPage) -> list[list[str]]:
    model = page.ledger
    return [
        [model.index(row, column).data() for column in Column] for row in range(model.rowCount())
    ]


def _only_zip(folder: Path) -> Path:
    files = sorted(folder.iterdir())
    assert len(files) == 1, files  # no temporary left beside it
    assert files[0].suffix == ".zip"
    return files[0]


def test_the_page_lists_the_stick_and_offers_this_month(qtbot, session, stick):
    page = _page(qtbot, session)
    assert page.picker.count() == 1
    assert page.picker.chosen_folder() == stick
    shown = page.picker.drives.item(0).text()
    assert "KADER" in shown and str(stick) in shown and "sisa" in shown
    assert not page.picker.no_drive.isVisibleTo(page)
    assert page.chosen_month() == NOVEMBER  # nothing exported yet: this month
    assert page.month.itemText(0) == "November 2026"
    assert page.empty.isVisibleTo(page) and not page.table.isVisibleTo(page)
    assert not page.copy_again.isEnabled()


def test_one_press_makes_the_file_copies_it_and_says_safe_to_remove(
    qtbot, session, stick, puskesmas
):
    page = _page(qtbot, session)
    assert not page.progress.isVisible()  # idle, an empty bar would look like a text box
    _press(qtbot, page, page.export_button)
    assert page.progress.isVisible()

    title, text = page.result_message()
    on_stick = _only_zip(stick)
    kept = export_folder(session.data_dir) / on_stick.name
    assert title == "Aman dicabut"
    assert on_stick.name in text and str(stick) in text
    assert on_stick.name == "posyandu_6474-MEL-01_2026-11_r1.zip"
    assert hashlib.sha256(on_stick.read_bytes()).digest() == (
        hashlib.sha256(kept.read_bytes()).digest()
    )
    (report,) = _verify([on_stick], puskesmas)
    assert report.ok, report.findings
    assert report.manifest is not None and report.manifest.revision == 1
    assert page.progress.value() == page.progress.maximum()

    (row,) = _ledger(page)
    entry = export_history(session.db)[-1]
    assert row[Column.MONTH] == "November 2026"
    assert row[Column.REVISION] == "1"
    assert row[Column.MADE_BY] == "Siti Aminah"
    assert row[Column.ROWS] == str(sum(entry.counts.values())) and entry.counts["person"] == 5
    assert row[Column.FILE] == on_stick.name
    assert row[Column.COPIED_TO] == str(stick)
    assert page.chosen_export() == entry  # the new row is selected for "copy again"
    assert page.copy_again.isEnabled()
    assert page.month.currentText() == "November 2026 (sudah dibuat, revisi 1)"


def test_a_second_export_of_the_month_is_revision_2(qtbot, session, stick, puskesmas):
    page = _page(qtbot, session)
    _press(qtbot, page, page.export_button)
    assert page.chosen_month() == NOVEMBER
    _press(qtbot, page, page.export_button)

    names = sorted(p.name for p in stick.iterdir())
    assert names == [
        "posyandu_6474-MEL-01_2026-11_r1.zip",
        "posyandu_6474-MEL-01_2026-11_r2.zip",
    ]
    newest, older = _ledger(page)
    assert newest[Column.REVISION] == "2 (pengganti r1)"
    assert older[Column.REVISION] == "1"
    assert newest[Column.FILE].endswith("_r2.zip")
    assert page.month.currentText() == "November 2026 (sudah dibuat, revisi 2)"
    reports = _verify(sorted(stick.iterdir()), puskesmas)
    second = reports[1].manifest
    assert second is not None and second.supersedes is not None
    assert second.supersedes.revision == 1


def test_progress_arrives_on_the_gui_thread_and_only_goes_up(qtbot, session, stick, monkeypatch):
    seen: list[tuple[int, str, bool]] = []
    advanced = ExportPage._advanced

    def spy(self: ExportPage, permille: int, what: str) -> None:
        gui = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]
        seen.append((permille, what, gui))
        advanced(self, permille, what)

    monkeypatch.setattr(ExportPage, "_advanced", spy)
    page = _page(qtbot, session)
    _press(qtbot, page, page.export_button)
    assert seen and all(gui for *_rest, gui in seen)
    values = [permille for permille, *_rest in seen]
    assert values == sorted(values) and values[-1] == 1000
    steps = [what for _permille, what, _gui in seen]
    assert "Menandatangani file…" in steps
    assert steps[-1].startswith("Menyalin ke flashdisk")
    # Making the file fills 70 % of the bar; the copy's bytes move the rest.
    assert 700 in values and values.index(700) < len(values) - 1


def test_a_vanished_stick_explains_and_leaves_no_file(qtbot, session, stick):
    page = _page(qtbot, session)
    stick.rmdir()  # pulled out after it was listed
    _press(qtbot, page, page.export_button)

    title, text = page.result_message()
    assert title == "Belum tersalin ke flashdisk"
    assert copy_problem_text(CopyProblem.DEVICE_GONE) in text
    assert "Data di laptop aman" in text and "Salin lagi ke flashdisk" in text
    assert not stick.exists()
    kept = _only_zip(export_folder(session.data_dir))
    (row,) = _ledger(page)
    assert row[Column.FILE] == kept.name and row[Column.COPIED_TO] == "\u2014"

    stick.mkdir()  # plugged in again: copy the kept file
    _press(qtbot, page, page.copy_again)
    assert page.result_message()[0] == "Aman dicabut"
    assert _only_zip(stick).read_bytes() == kept.read_bytes()
    assert _ledger(page)[0][Column.COPIED_TO] == str(stick)


def test_a_full_stick_explains_and_leaves_no_file(qtbot, session, stick, monkeypatch):
    from posyandu_desktop.exchange import usb

    real = shutil.disk_usage

    def usage(path: Any) -> Any:
        found = real(path)
        if Path(path) == stick:  # a stick with 1 kB left
            return found._replace(free=1024)
        return found

    monkeypatch.setattr(usb, "shutil", SimpleNamespace(disk_usage=usage))
    page = _page(qtbot, session)
    _press(qtbot, page, page.export_button)
    title, text = page.result_message()
    assert title == "Belum tersalin ke flashdisk"
    assert copy_problem_text(CopyProblem.NO_SPACE).split("\n")[0] in text
    assert "Flashdisk penuh" in text
    assert os.listdir(stick) == []
    assert _only_zip(export_folder(session.data_dir))


def _writes_are_refused(folder: Path) -> bool:
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return True
    (folder / "probe").unlink()
    return False


@pytest.fixture
def locked(stick: Path) -> Iterator[Path]:
    stick.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if not _writes_are_refused(stick):
            pytest.skip("this user may write into read-only folders (root)")
        yield stick
    finally:
        stick.chmod(stat.S_IRWXU)


def test_a_read_only_stick_explains_and_leaves_no_file(qtbot, session, locked):
    page = _page(qtbot, session)
    _press(qtbot, page, page.export_button)
    title, text = page.result_message()
    assert title == "Belum tersalin ke flashdisk"
    assert copy_problem_text(CopyProblem.READ_ONLY) in text
    assert os.listdir(locked) == []


def test_without_a_stick_the_file_is_kept_and_copied_later(qtbot, session, sticks, tmp_path):
    page = _page(qtbot, session)
    assert page.picker.count() == 0 and page.picker.chosen_folder() is None
    assert page.picker.no_drive.isVisibleTo(page) and not page.picker.drives.isVisibleTo(page)
    assert "Colokkan" in page.picker.no_drive.text()

    _press(qtbot, page, page.export_button)
    title, text = page.result_message()
    kept = _only_zip(export_folder(session.data_dir))
    assert title == "File sudah dibuat, tetapi belum disalin"
    assert kept.name in text and "Salin lagi ke flashdisk" in text
    assert page.progress.value() == page.progress.maximum()

    page.copy_again.click()  # still no stick: told what to do, nothing runs
    assert page.task is None
    assert page.result_message()[0] == "Belum ada flashdisk"

    stick = tmp_path / "later"
    sticks.plug(stick)
    page.picker.refresh.click()
    _settle(qtbot)
    assert page.picker.chosen_folder() == stick
    _press(qtbot, page, page.copy_again)
    assert page.result_message()[0] == "Aman dicabut"
    assert _only_zip(stick).read_bytes() == kept.read_bytes()


def test_the_chosen_month_stays_chosen_after_its_export(qtbot, session, stick):
    page = _page(qtbot, session)
    page.month.setCurrentIndex(page.month.findData(str(OCTOBER)))
    _press(qtbot, page, page.export_button)
    assert page.chosen_month() == OCTOBER
    assert page.month.currentText() == "Oktober 2026 (sudah dibuat, revisi 1)"
    assert _only_zip(stick).name.endswith("_2026-10_r1.zip")
    page.refresh()  # shown again later: the month after the newest export is offered
    _settle(qtbot)
    assert page.chosen_month() == OCTOBER
    fresh = _page(qtbot, session)
    assert fresh.chosen_month() == NOVEMBER


def test_another_folder_can_be_chosen(qtbot, session, sticks, tmp_path, monkeypatch):
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    page = _page(qtbot, session)
    monkeypatch.setattr(page.picker, "ask_for_folder", lambda: elsewhere)
    page.picker.choose_folder.click()
    assert page.picker.count() == 1 and page.picker.chosen_folder() == elsewhere
    assert page.picker.drives.item(0).text() == f"Folder lain: {elsewhere}"
    page.picker.refresh.click()  # looking for sticks again keeps the chosen folder
    _settle(qtbot)
    assert page.picker.chosen_folder() == elsewhere
    _press(qtbot, page, page.export_button)
    assert _only_zip(elsewhere).name.endswith("_2026-11_r1.zip")


def test_a_refused_month_is_explained(qtbot, session, stick):
    page = _page(qtbot, session)
    _press(qtbot, page, page.export_button)  # November
    october = page.month.findData(str(OCTOBER))
    assert not page.month.model().item(october).isEnabled()  # type: ignore[attr-defined]
    page.month.setCurrentIndex(october)  # forced past the disabled item
    _press(qtbot, page, page.export_button)
    title, text = page.result_message()
    assert title == "File tidak dibuat"
    assert "2026-11" in text and "sudah dikirim" in text
    assert len(export_history(session.db)) == 1


def test_an_unexpected_failure_is_explained(qtbot, session, stick, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(export_page, "export_month", broken)
    page = _page(qtbot, session)
    _press(qtbot, page, page.export_button)
    title, text = page.result_message()
    assert title == "File tidak dibuat" and "OSError" in text
    assert page.export_button.isEnabled()


def test_the_default_month_follows_the_newest_export():
    offered = tuple(Period(2026, m) for m in range(11, 5, -1))  # November back to June
    assert default_month(offered, ()) == NOVEMBER
    assert default_month(offered, ("2026-08", "2026-09")) == OCTOBER  # none skipped
    assert default_month(offered, ("2026-10",)) == NOVEMBER
    assert default_month(offered, ("2026-11",)) == NOVEMBER  # again: a new revision
    assert default_month(offered, ("2025-12",)) == Period(2026, 6)  # the oldest offered
    assert default_month((Period(2027, 1),), ("2026-12",)) == Period(2027, 1)
    # Nothing exported yet: the month the Reports screen opens on (the latest session's).
    assert default_month(offered, (), OCTOBER) == OCTOBER
    assert default_month(offered, (), Period(2020, 1)) == NOVEMBER  # not offered: this month


def test_a_month_exported_under_a_wrong_clock_is_withdrawn_by_the_coordinator(
    qtbot, session, stick, monkeypatch
):
    ahead = replace(session, now=lambda: MORNING + timedelta(days=200))
    future = export_month_for_test(ahead)
    page = _page(qtbot, session)
    assert page.notice.isVisible() and page.withdraw_button.isVisible()
    assert month_text(future.period) in page.notice_text.text()
    monkeypatch.setattr(export_page, "ask", lambda *args: True)
    page.withdraw_button.click()
    _settle(qtbot)
    assert page.result_message()[0] == "Ditarik"
    assert not page.notice.isVisible()
    assert [e.withdrawn_at is not None for e in export_history(session.db)] == [True]
    _press(qtbot, page, page.export_button)  # the real month goes now
    assert page.result_message()[0] != "File tidak dibuat"


def test_without_a_puskesmas_key_the_page_says_where_to_register_it(qtbot, ui_session, stick):
    page = ExportPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    _settle(qtbot)
    assert page.notice.isVisible() and not page.withdraw_button.isVisible()
    assert "Pengaturan > Kunci puskesmas" in page.notice_text.text()


def export_month_for_test(session: UiSession) -> Any:
    from posyandu_desktop.services.export import export_month

    now = session.now()
    return export_month(
        session.db,
        session.data_dir,
        Period(now.year, now.month),
        cadre_id=session.cadre_id,
        now=now,
    ).unwrap()

"""The coordinator's import: the file is checked first (nothing changes), then imported."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from posyandu_desktop import services
from posyandu_desktop.ui.imports.import_dialog import ImportDialog
from posyandu_desktop.ui.settings.settings_page import SettingsPage
from tests.importing_files import Kid, Visit, eppgbm_rows, write_html_xls

SCREENSHOT = os.environ.get("POSYANDU_IMPORT_SCREENSHOT")  # a PNG path to look at the dialog


def _export(tmp_path: Path) -> Path:
    visits = [Visit(date(2026, m, 10), 8.0 + 0.3 * m, 70.0 + m, "Terlentang") for m in (7, 8, 9)]
    kids = [
        Kid("6474011203250001", "Putri Ayu", "P", date(2025, 3, 12), visits),
        Kid("", "Aisyah Putri", "P", date(2025, 6, 10), [Visit(date(2026, 7, 12), 6.9)]),
    ]
    return write_html_xls(tmp_path / "data_pengukuran.xls", eppgbm_rows(kids))


def test_the_file_is_checked_before_it_is_imported(qtbot, ui_session, tmp_path):
    dialog = ImportDialog(ui_session)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.check(_export(tmp_path))
    text = dialog.report.toPlainText()
    assert "Uji coba" in text and "1 baru" in text and "1 perlu dipastikan" in text
    assert "Aisyah Putri" in text  # same name and birth date as a registered child
    assert services.find_people(ui_session.db, "putri ayu", today=date(2026, 11, 14)) == ()
    assert dialog.confirm.isVisibleTo(dialog)
    if SCREENSHOT:
        dialog.resize(1366, 728)
        dialog.grab().save(SCREENSHOT)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Cadangan" in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled()
    (putri,) = services.find_people(ui_session.db, "putri ayu", today=date(2026, 11, 14))
    assert len(services.measurements_of(ui_session.db, putri.person.id)) == 3


def test_a_file_that_cannot_be_used_is_explained(qtbot, ui_session, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        "posyandu_desktop.ui.imports.import_dialog.show_error", lambda _w, text: shown.append(text)
    )
    bad = tmp_path / "x.csv"
    bad.write_text("Nama;Alamat\nAni;Jl. Contoh\n", "utf-8")
    dialog = ImportDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.check(bad)
    assert shown and "tidak punya kolom" in shown[0]
    assert not dialog.import_button.isEnabled()


def test_only_the_coordinator_may_import(qtbot, ui_session):
    from dataclasses import replace

    page = SettingsPage(replace(ui_session, is_coordinator=False))
    qtbot.addWidget(page)
    assert not page.import_button.isEnabled()


def test_children_to_confirm_come_in_once_the_coordinator_confirms(qtbot, ui_session, tmp_path):
    dialog = ImportDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.check(_export(tmp_path))
    dialog.confirm.setChecked(True)  # checks the file again
    assert "0 perlu dipastikan" in dialog.report.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (aisyah,) = services.find_people(ui_session.db, "aisyah putri", today=date(2026, 11, 14))
    assert len(services.measurements_of(ui_session.db, aisyah.person.id)) == 4  # 3 + July

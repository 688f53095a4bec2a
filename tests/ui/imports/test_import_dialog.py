"""The coordinator's import: the file's columns are shown (and chosen where the app does not
know them), the file is checked (nothing changes), then imported; the work runs in the
background while the dialog says so and cannot be closed."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from posyandu_desktop import services
from posyandu_desktop.i18n import install
from posyandu_desktop.services.importing import MAPPING_FILE, import_file
from posyandu_desktop.ui.imports.import_dialog import ImportDialog
from posyandu_desktop.ui.layout_check import check_widget
from posyandu_desktop.ui.settings.settings_page import SettingsPage
from tests.importing_files import Kid, Visit, eppgbm_rows, write_csv, write_html_xls
from tests.ui.conftest import BUSY_MACHINE_MS, TODAY

SCREENSHOT = os.environ.get("POSYANDU_IMPORT_SCREENSHOT")  # a PNG path to look at the dialog
REGISTER_HEADER = [
    "No", "Nama Lengkap Anak", "Kelamin", "Tgl. Lahir Anak", "NIK Ibu Kandung",
    "Tanggal Timbang", "BB (kg)", "PB/TB (cm)", "Alamat",
]  # fmt: skip
# The register's columns the app does not know by name, as the coordinator chooses them.
CHOICES = {
    "name": "Nama Lengkap Anak",
    "birth_date": "Tgl. Lahir Anak",
    "measured_on": "Tanggal Timbang",
    "lenhei": "PB/TB (cm)",
    "mother_nik": "NIK Ibu Kandung",
}


def _export(tmp_path: Path) -> Path:
    visits = [Visit(date(2026, m, 10), 8.0 + 0.3 * m, 70.0 + m, "Terlentang") for m in (7, 8, 9)]
    kids = [
        Kid("6474011203250001", "Putri Ayu", "P", date(2025, 3, 12), visits),
        Kid("", "Aisyah Putri", "P", date(2025, 6, 10), [Visit(date(2026, 7, 12), 6.9)]),
    ]
    return write_html_xls(tmp_path / "data_pengukuran.xls", eppgbm_rows(kids))


def _register(path: Path, children: list[tuple[str, str, str, str]]) -> Path:
    """A register typed into Excel: one line per child and month, its own column names."""
    rows, n = [REGISTER_HEADER], 0
    for name, sex, born, mother in children:
        for month, kg, cm in ((8, "9,1", "74,5"), (9, "9,4", "75,2"), (10, "9,8", "76,0")):
            n += 1
            rows.append(
                [str(n), name, sex, born, mother, f"15/{month:02}/2026", kg, cm, "Jl. Contoh 3"]
            )
    return write_csv(path, rows)


def _dialog(qtbot: Any, session: Any) -> ImportDialog:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _open(qtbot: Any, dialog: ImportDialog, path: Path) -> None:
    """Choose `path` and wait until it is read (and checked, when nothing is missing)."""
    dialog.check(path)
    assert dialog.busy and dialog.progress.isVisible() and dialog.status.text()
    _wait(qtbot, dialog)


def _wait(qtbot: Any, dialog: ImportDialog) -> None:
    qtbot.waitUntil(dialog.is_idle, timeout=BUSY_MACHINE_MS)


def _choose(qtbot: Any, dialog: ImportDialog, field: str, column: str) -> None:
    """Pick a column in a field's drop-down with the keyboard, as a coordinator does."""
    combo = dialog.mapping.combos[field]
    combo.setFocus()
    qtbot.keyClicks(combo, column)
    assert combo.currentText() == column


def _people(session: Any, name: str) -> Any:
    return services.find_people(session.db, name, today=TODAY)


def test_an_eppgbm_export_needs_no_mapping_and_is_checked_first(qtbot, ui_session, tmp_path):
    dialog = _dialog(qtbot, ui_session)
    assert not dialog.import_button.isEnabled()
    _open(qtbot, dialog, _export(tmp_path))
    combos = dialog.mapping.combos
    assert combos["name"].currentText() == "Nama"
    assert combos["measured_on"].currentText() == "Tanggal Pengukuran"
    assert "12-3-2025" in dialog.mapping.examples["birth_date"].toolTip()
    assert combos["armc"].currentText() == "LiLA"  # in the file, if empty
    text = dialog.report.toPlainText()
    assert "Uji coba" in text and "1 baru" in text and "1 perlu dipastikan" in text
    assert "Aisyah Putri" in text  # same name and birth date as a registered child
    assert _people(ui_session, "putri ayu") == ()
    assert dialog.confirm.isVisible()
    if SCREENSHOT:
        dialog.grab().save(SCREENSHOT)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # The import runs in the background: the dialog says so and cannot be closed meanwhile.
    assert dialog.busy and "jangan tutup" in dialog.status.text()
    assert dialog.progress.isVisible()
    assert not dialog.close_button.isEnabled() and not dialog.choose.isEnabled()
    dialog.reject()  # Escape, or the window's close button
    assert dialog.isVisible()
    _wait(qtbot, dialog)
    assert "Cadangan" in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled() and dialog.close_button.isEnabled()
    (putri,) = _people(ui_session, "putri ayu")
    assert len(services.measurements_of(ui_session.db, putri.person.id)) == 3
    assert not (ui_session.data_dir / MAPPING_FILE).exists()  # nothing was mapped by hand
    dialog.reject()
    assert not dialog.isVisible()


def test_a_register_is_mapped_in_the_dropdowns_and_remembered(qtbot, ui_session, tmp_path):
    first = _register(
        tmp_path / "register_agustus.csv",
        [
            ("Bima Saputra", "L", "02/01/2025", "6474014101950001"),
            ("Citra Lestari", "P", "20/03/2025", "6474015203960002"),
        ],
    )
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, first)
    assert dialog.mapping.combos["sex"].currentText() == "Kelamin"  # known by its name
    assert dialog.mapping.combos["weight"].currentText() == "BB (kg)"
    assert dialog.mapping.combos["name"].currentText() == "— tidak ada di file —"
    # A column of the field's own name is read unless another field takes it.
    assert not dialog.mapping.combos["sex"].model().item(0).isEnabled()  # type: ignore[attr-defined]
    assert dialog.mapping.combos["name"].model().item(0).isEnabled()  # type: ignore[attr-defined]
    assert "Nama anak" in dialog.status.text() and "Tanggal lahir" in dialog.status.text()
    assert dialog.report.toPlainText() == "" and not dialog.import_button.isEnabled()
    for field, column in CHOICES.items():
        _choose(qtbot, dialog, field, column)
        _wait(qtbot, dialog)  # the check starts once every required column is chosen
    assert "02/01/2025" in dialog.mapping.examples["birth_date"].toolTip()
    text = dialog.report.toPlainText()
    assert "2 baru" in text and "6 baru" in text, text
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    (bima,) = _people(ui_session, "bima saputra")
    weighings = services.measurements_of(ui_session.db, bima.person.id)
    values = [(m.measured_on, m.values.weight_kg, m.values.lenhei_cm) for m in weighings]
    assert sorted((on, kg and kg.value, cm and cm.value) for on, kg, cm in values) == [
        (date(2026, 8, 15), 9.1, 74.5),
        (date(2026, 9, 15), 9.4, 75.2),
        (date(2026, 10, 15), 9.8, 76.0),
    ]
    remembered = json.loads((ui_session.data_dir / MAPPING_FILE).read_text("utf-8"))
    assert remembered == CHOICES | {"sex": "Kelamin", "weight": "BB (kg)"}

    # Next month's register, same columns: the columns come chosen and it is checked at once.
    second = _register(
        tmp_path / "register_november.csv", [("Dimas Pratama", "L", "11/11/2024", "")]
    )
    again = _dialog(qtbot, ui_session)
    _open(qtbot, again, second)
    assert {f: again.mapping.combos[f].currentText() for f in CHOICES} == CHOICES
    assert "1 baru" in again.report.toPlainText()
    qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, again)
    (dimas,) = _people(ui_session, "dimas pratama")
    assert len(services.measurements_of(ui_session.db, dimas.person.id)) == 3


def test_a_required_field_left_unmapped_blocks_the_check(qtbot, ui_session, tmp_path):
    path = _register(tmp_path / "register.csv", [("Bima Saputra", "L", "02/01/2025", "")])
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, path)
    for field, column in CHOICES.items():
        _choose(qtbot, dialog, field, column)
        _wait(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    dialog.mapping.choose("birth_date", "")  # "not in the file"
    assert not dialog.busy  # no check without a birth date
    assert "Tanggal lahir" in dialog.status.text()
    assert not dialog.import_button.isEnabled() and dialog.report.toPlainText() == ""
    assert "color: #b71c1c" in dialog.mapping.labels["birth_date"].styleSheet()
    _choose(qtbot, dialog, "birth_date", "Tgl. Lahir Anak")
    _wait(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    # The column the app knows as the sex, given to the mother's NIK, is no longer the sex.
    dialog.mapping.choose("mother_nik", "Kelamin")
    assert dialog.mapping.combos["sex"].currentText() == "— tidak ada di file —"
    assert "Jenis kelamin" in dialog.status.text() and not dialog.import_button.isEnabled()
    assert _people(ui_session, "bima saputra") == ()


def test_a_file_that_cannot_be_used_is_explained(qtbot, ui_session, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        "posyandu_desktop.ui.imports.import_dialog.show_error", lambda _w, text: shown.append(text)
    )
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(200))  # an Excel 97-2003 binary file
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, old)
    assert shown and "tidak dapat dibaca" in shown[0]
    assert not dialog.import_button.isEnabled() and not dialog.mapping.isEnabled()
    # A table without the children's columns: the mapping step says what is missing.
    bad = tmp_path / "x.csv"
    bad.write_text("Nama;Alamat\nAni;Jl. Contoh\n", "utf-8")
    _open(qtbot, dialog, bad)
    assert "Tanggal lahir" in dialog.status.text() and not dialog.import_button.isEnabled()


def test_an_unexpected_failure_ends_in_a_message(qtbot, ui_session, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        "posyandu_desktop.ui.imports.import_dialog.show_error", lambda _w, text: shown.append(text)
    )

    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("posyandu_desktop.ui.imports.import_dialog.import_file", broken)
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, _export(tmp_path))
    assert shown and "RuntimeError" in shown[0] and "log" in shown[0]
    assert not dialog.import_button.isEnabled() and dialog.close_button.isEnabled()


def test_the_window_stays_responsive_while_the_file_is_checked(
    qtbot, ui_session, tmp_path, monkeypatch
):
    """The check waits in the background until the test lets it go: meanwhile the dialog
    answers, says what it does, and a column changed then is checked once the first ends."""
    from posyandu_desktop.ui.imports import import_dialog

    gate, mappings = threading.Event(), []

    def held(*args: Any, **kw: Any) -> Any:
        mappings.append(kw["mapping"])
        assert gate.wait(BUSY_MACHINE_MS / 1000)
        return import_file(*args, **kw)

    monkeypatch.setattr(import_dialog, "import_file", held)
    dialog = _dialog(qtbot, ui_session)
    dialog.check(_export(tmp_path))
    qtbot.waitUntil(lambda: mappings != [], timeout=BUSY_MACHINE_MS)
    qtbot.wait(50)  # events are handled while the check runs
    assert dialog.busy and dialog.status.text() == "Memeriksa file…"
    assert dialog.progress.isVisible() and not dialog.import_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    # The columns may still change: the file's NIK column is the mother's, say.
    dialog.mapping.choose("mother_nik", "NIK")
    assert dialog.mapping.combos["nik"].currentText() == "— tidak ada di file —"
    gate.set()
    _wait(qtbot, dialog)
    assert len(mappings) == 2 and mappings[0] is None
    assert mappings[1]["mother_nik"] == "NIK" and "nik" not in mappings[1]
    assert "1 baru" in dialog.report.toPlainText() and dialog.import_button.isEnabled()


def test_only_the_coordinator_may_import(qtbot, ui_session):
    from dataclasses import replace

    page = SettingsPage(replace(ui_session, is_coordinator=False))
    qtbot.addWidget(page)
    assert not page.import_button.isEnabled()


def test_children_to_confirm_come_in_once_the_coordinator_confirms(qtbot, ui_session, tmp_path):
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, _export(tmp_path))
    dialog.confirm.setChecked(True)  # checks the file again
    _wait(qtbot, dialog)
    assert "0 perlu dipastikan" in dialog.report.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    (aisyah,) = _people(ui_session, "aisyah putri")
    assert len(services.measurements_of(ui_session.db, aisyah.person.id)) == 4  # 3 + July


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_mapping_step_fits_its_dialog(qtbot, ui_session, tmp_path, lang):
    install(lang)  # the fixture puts Indonesian back afterwards
    path = _register(tmp_path / "register.csv", [("Bima Saputra", "L", "02/01/2025", "")])
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, path)
    assert dialog.width() <= 1280 and dialog.height() <= 680 - 30  # the smallest window, title bar
    assert check_widget(dialog) == []


def test_a_column_name_the_file_repeats_can_be_given_to_either_field(qtbot, ui_session, tmp_path):
    # A register with "BB" twice (birth weight, then the weighing): neither is the weight
    # until the coordinator says which, and giving one to the birth weight breaks nothing.
    path = write_csv(
        tmp_path / "register.csv",
        [
            ["Nama Anak", "Jenis Kelamin", "Tanggal Lahir", "BB", "Tanggal Pengukuran", "BB"],
            ["Rafa Akbar", "L", "01/03/2025", "3,1", "15/10/2026", "9,8"],
        ],
    )
    dialog = _dialog(qtbot, ui_session)
    _open(qtbot, dialog, path)
    assert dialog.mapping.combos["weight"].currentText() == "— tidak ada di file —"
    assert not dialog.import_button.isEnabled()
    _choose(qtbot, dialog, "name", "Nama Anak")
    dialog.mapping.choose("birth_weight", "BB (1)")  # (typing "BB" would cycle the two)
    assert "3,1" in dialog.mapping.examples["birth_weight"].toolTip()
    assert dialog.mapping.combos["weight"].currentText() == "— tidak ada di file —"
    _wait(qtbot, dialog)
    assert not dialog.import_button.isEnabled()  # the weight is still missing
    dialog.mapping.choose("weight", "BB (2)")
    _wait(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    (rafa,) = _people(ui_session, "rafa akbar")
    (weighed,) = services.measurements_of(ui_session.db, rafa.person.id)
    assert weighed.values.weight_kg is not None and weighed.values.weight_kg.value == 9.8
    connection = sqlite3.connect(ui_session.db.path)
    query = "SELECT birth_weight_kg FROM person WHERE id = ?"
    assert connection.execute(query, (rafa.person.id,)).fetchone() == (3.1,)
    connection.close()

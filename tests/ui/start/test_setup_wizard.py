"""The first run: the Posyandu and its first cadres, saved together on the last page."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from posyandu_desktop.services import (
    CadreRole,
    Database,
    Opened,
    TrainingGrade,
    Venue,
    open_data_folder,
)
from posyandu_desktop.services.cadres import list_cadres_for_login
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.ui.start.setup_wizard import DEFAULT_KOTA, SetupWizard


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    opened = open_data_folder(tmp_path / "data")
    assert isinstance(opened, Opened)
    yield opened.database
    opened.database.close()


def _wizard(qtbot: Any, db: Database) -> SetupWizard:
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    return wizard


def _add(qtbot: Any, wizard: SetupWizard, name: str, role: CadreRole, **kw: Any) -> None:
    page = wizard.cadres_page
    qtbot.keyClicks(page.name, name)
    page.role.setCurrentIndex(page.role.findData(role))
    if "grade" in kw:
        page.grade.setCurrentIndex(page.grade.findData(kw["grade"]))
    page.coordinator.setChecked(kw.get("coordinator", False))
    page.add_typed_cadre()


def test_a_first_run_saves_the_posyandu_and_its_cadres(qtbot, empty_db):
    wizard = _wizard(qtbot, empty_db)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    page = wizard.posyandu_page
    assert page.kota.text() == DEFAULT_KOTA
    assert not next_button.isEnabled()  # name and code are needed
    qtbot.keyClicks(page.name, "Posyandu Melati")
    qtbot.keyClicks(page.code, "6474-MEL-01")
    page.venue.setCurrentIndex(page.venue.findData(Venue.RESIDENT_HOUSE))
    assert next_button.isEnabled()
    wizard.next()

    assert wizard.currentPage() is wizard.cadres_page
    assert not wizard.cadres_page.isComplete()
    _add(qtbot, wizard, "Siti Aminah", CadreRole.CHAIR, grade=TrainingGrade.UTAMA)
    _add(qtbot, wizard, "Nur Hidayah", CadreRole.SECRETARY, coordinator=True)
    _add(qtbot, wizard, "Rina Wati", CadreRole.MEMBER)
    assert [c.is_coordinator for c in wizard.cadres_page.cadres] == [False, True, False]
    assert wizard.cadres_page.table.rowCount() == 3
    wizard.next()

    # The coordinator makes up her PIN before anything is saved: nobody can take her name.
    assert wizard.currentPage() is wizard.pin_page
    assert "Nur Hidayah" in wizard.pin_page.subTitle()
    qtbot.keyClicks(wizard.pin_page.pin, "2468")
    qtbot.keyClicks(wizard.pin_page.confirm, "2469")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() != QDialog.DialogCode.Accepted  # two different PINs
    assert this_posyandu(empty_db) is None
    qtbot.keyClicks(wizard.pin_page.confirm, "2468")
    wizard.button(QWizard.WizardButton.FinishButton).click()  # saves

    assert wizard.result() == QDialog.DialogCode.Accepted
    posyandu = this_posyandu(empty_db)
    assert posyandu is not None
    assert (posyandu.name, posyandu.code, posyandu.kota, posyandu.venue) == (
        "Posyandu Melati",
        "6474-MEL-01",
        "Bontang",
        Venue.RESIDENT_HOUSE,
    )
    cadres = list_cadres_for_login(empty_db, posyandu_id=posyandu.id)
    assert [(c.name, c.role, c.is_coordinator, c.has_pin) for c in cadres] == [
        ("Nur Hidayah", CadreRole.SECRETARY, True, True),
        ("Rina Wati", CadreRole.MEMBER, False, False),
        ("Siti Aminah", CadreRole.CHAIR, False, False),
    ]


def test_the_first_cadre_coordinates_unless_another_is_chosen(qtbot, empty_db):
    wizard = _wizard(qtbot, empty_db)
    _add(qtbot, wizard, "Siti Aminah", CadreRole.CHAIR)
    _add(qtbot, wizard, "Rina Wati", CadreRole.MEMBER)
    assert [c.is_coordinator for c in wizard.cadres_page.cadres] == [True, False]
    wizard.cadres_page.table.selectRow(0)
    wizard.cadres_page._remove_selected()
    assert [(c.name, c.is_coordinator) for c in wizard.cadres_page.cadres] == [("Rina Wati", True)]


def test_enter_in_a_cadre_field_adds_the_cadre_and_does_not_finish(qtbot, empty_db):
    wizard = _wizard(qtbot, empty_db)
    wizard.posyandu_page.name.setText("Posyandu Melati")
    wizard.posyandu_page.code.setText("6474-MEL-01")
    wizard.next()
    qtbot.keyClicks(wizard.cadres_page.name, "Siti Aminah")
    qtbot.keyClick(wizard.cadres_page.name, Qt.Key.Key_Return)
    assert [c.name for c in wizard.cadres_page.cadres] == ["Siti Aminah"]
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert this_posyandu(empty_db) is None


def test_a_cadre_without_a_name_is_not_added(qtbot, empty_db):
    wizard = _wizard(qtbot, empty_db)
    wizard.cadres_page.add_typed_cadre()
    assert wizard.cadres_page.cadres == []
    assert wizard.cadres_page.message.text() == "Wajib diisi"


def test_nothing_is_saved_when_refused(qtbot, empty_db):
    wizard = _wizard(qtbot, empty_db)
    wizard.posyandu_page.name.setText("   ")  # only spaces: the service refuses
    wizard.posyandu_page.code.setText("X")
    _add(qtbot, wizard, "Siti Aminah", CadreRole.CHAIR)
    wizard.pin_page.pin.setText("2468")
    wizard.pin_page.confirm.setText("2468")
    assert not wizard.save()
    assert wizard.pin_page.message.text() == "Wajib diisi"
    assert this_posyandu(empty_db) is None

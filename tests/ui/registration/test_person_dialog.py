"""Adding a new person: live NIK checks, the mother and household, duplicates, and the arrival
registered right after saving. The dialog is opened with `open()`, never `exec()`."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posyandu_desktop import services
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.services.day import latest_arrivals
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.registration.person_dialog import PersonDialog
from posyandu_desktop.ui.registration.registration_page import RegistrationPage
from tests.store.helpers import row_counts
from tests.ui.conftest import MORNING, TODAY, Registry


@pytest.fixture
def dialog(qtbot: QtBot, ui_session: UiSession) -> PersonDialog:
    widget = PersonDialog(ui_session)
    qtbot.addWidget(widget)
    widget.open()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def people_named(registry: Registry, name: str) -> list[services.PersonMatch]:
    return [
        m for m in services.find_people(registry.db, name, today=TODAY) if m.person.name == name
    ]


def fill_baby(qtbot: Any, dialog: PersonDialog, name: str = "Bima Saputra") -> None:
    qtbot.keyClicks(dialog.name_edit, name)
    dialog.male.setChecked(True)
    qtbot.keyClicks(dialog.birth.edit, "02/09/2026")


def pick_mother(qtbot: Any, dialog: PersonDialog, typed: str = "dewi") -> None:
    qtbot.keyClicks(dialog.mother_search, typed)
    assert dialog.mother_results.count() == 1  # Dewi; her daughters are too young
    qtbot.keyClick(dialog.mother_search, Qt.Key.Key_Return)


def test_an_invalid_nik_is_explained_and_blocks_saving(qtbot, dialog, registry):
    fill_baby(qtbot, dialog)
    assert "2 bulan" in dialog.age_label.text()
    assert dialog.birth_weight.isVisibleTo(dialog) and not dialog.pregnant.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.nik_edit, "6474 0102")
    assert "16 angka" in dialog.nik_note.text()
    dialog.save()
    assert dialog.result() == 0 and dialog.saved_person_id is None
    assert people_named(registry, "Bima Saputra") == []

    # A valid NIK whose birth date differs: a warning, and saving goes ahead.
    dialog.nik_edit.clear()
    qtbot.keyClicks(dialog.nik_edit, "6474010209260001")
    assert "✓" in dialog.nik_note.text()
    dialog.nik_edit.clear()
    qtbot.keyClicks(dialog.nik_edit, "6474010309260001")
    assert "3 September 2026" in dialog.nik_note.text()
    pick_mother(qtbot, dialog)
    dialog.save()
    assert dialog.saved_person_id is not None
    [bima] = people_named(registry, "Bima Saputra")
    assert bima.person.nik == "6474010309260001" and bima.person.mother_name == "Dewi Lestari"
    assert (bima.person.rt, bima.person.rw) == (3, 1)  # the mother's household by default


def test_a_possible_duplicate_names_who_and_can_be_confirmed(qtbot, dialog, registry):
    qtbot.keyClicks(dialog.name_edit, "Aisyah Putri")
    dialog.female.setChecked(True)
    qtbot.keyClicks(dialog.birth.edit, "10/06/2025")
    pick_mother(qtbot, dialog)
    dialog.save()
    assert dialog.saved_person_id is None
    assert dialog.duplicate.isVisibleTo(dialog)
    assert "Aisyah Putri" in dialog.duplicate_text.text()
    assert "Dewi Lestari" in dialog.duplicate_text.text()
    qtbot.mouseClick(dialog.not_same_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_person_id is not None
    assert len(people_named(registry, "Aisyah Putri")) == 2


def test_a_duplicate_can_be_the_registered_person(qtbot, dialog, registry):
    qtbot.keyClicks(dialog.name_edit, "Aisyah Putri")
    dialog.female.setChecked(True)
    qtbot.keyClicks(dialog.birth.edit, "10/06/2025")
    pick_mother(qtbot, dialog)
    dialog.save()
    qtbot.mouseClick(dialog.use_existing_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_person_id == registry.person_ids["Aisyah Putri"]
    assert len(people_named(registry, "Aisyah Putri")) == 1


def test_a_new_mother_and_household_are_registered_too(qtbot, dialog, registry):
    fill_baby(qtbot, dialog, "Citra Lestari")
    dialog.female.setChecked(True)
    qtbot.keyClicks(dialog.mother_search, "Maya Sari")
    assert dialog.new_mother.isVisibleTo(dialog)
    dialog.save()  # her birth date is missing
    assert dialog.saved_person_id is None and "tanggal lahir" in dialog.mother_nik_note.text()
    qtbot.keyClicks(dialog.mother_birth.edit, "14/03/1998")
    assert dialog.household_combo.currentData() is None  # a new household
    qtbot.keyClicks(dialog.head_name, "Andi Wijaya")
    qtbot.keyClicks(dialog.address, "Jl. Melati 7")
    qtbot.keyClicks(dialog.rt, "4")
    qtbot.keyClicks(dialog.rw, "2")
    dialog.save()
    assert dialog.saved_person_id is not None
    [citra] = people_named(registry, "Citra Lestari")
    assert citra.person.mother_name == "Maya Sari"
    assert (citra.person.address, citra.person.rt, citra.person.rw) == ("Jl. Melati 7", 4, 2)
    [maya] = people_named(registry, "Maya Sari")
    assert maya.person.sex is Sex.FEMALE and maya.person.birth_date == date(1998, 3, 14)


def test_a_refused_child_leaves_no_new_mother_or_household(qtbot, dialog, registry):
    fill_baby(qtbot, dialog, "Citra Lestari")
    qtbot.keyClicks(dialog.nik_edit, "6474012001930002")  # Budi Santoso's
    qtbot.keyClicks(dialog.mother_search, "Maya Sari")
    qtbot.keyClicks(dialog.mother_birth.edit, "14/03/1998")
    qtbot.keyClicks(dialog.head_name, "Andi Wijaya")
    qtbot.keyClicks(dialog.rt, "4")
    before = row_counts(registry.db.path)
    dialog.save()
    assert dialog.saved_person_id is None and dialog.duplicate.isVisibleTo(dialog)
    assert "Budi Santoso" in dialog.duplicate_text.text()
    assert row_counts(registry.db.path) == before
    dialog.nik_edit.clear()
    dialog.save()  # saved once, with one new mother and one new household
    assert dialog.saved_person_id is not None
    after = row_counts(registry.db.path)
    assert (after["person"], after["household"]) == (before["person"] + 2, before["household"] + 1)
    assert len(people_named(registry, "Maya Sari")) == 1


def test_required_fields_are_named(qtbot, dialog):
    dialog.save()
    assert dialog.name_note.isVisibleTo(dialog) and dialog.sex_note.isVisibleTo(dialog)
    assert dialog.saved_person_id is None


def test_enter_moves_on_and_never_closes_the_dialog(qtbot, dialog):
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.name_edit.hasFocus()


def test_after_saving_the_page_registers_the_arrival(qtbot, ui_session, registry):
    day = services.open_posyandu_day(
        registry.db,
        cadre_id=registry.cadre_ids[0],
        posyandu_id=registry.posyandu_id,
        held_on=TODAY,
        now=MORNING,
        today=TODAY,
    ).unwrap()
    page = RegistrationPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(page.isActiveWindow)
    page.refresh()
    qtbot.keyClicks(page.search, "Bima Saputra")
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page._dialog
    assert dialog is not None and dialog.name_edit.text() == "Bima Saputra"
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.male.setChecked(True)
    qtbot.keyClicks(dialog.birth.edit, "02/09/2026")
    pick_mother(qtbot, dialog)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    [arrival] = latest_arrivals(registry.db, day.id, today=TODAY)
    assert arrival.person.name == "Bima Saputra" and arrival.arrival.queue_number == 1
    assert page.queue_number.text() == "1"


def test_sex_is_chosen_with_the_l_and_p_keys(qtbot, dialog):
    qtbot.keyClicks(dialog.name_edit, "Bima Saputra")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() in (dialog.male, dialog.female)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_P)
    assert dialog.female.isChecked() and dialog.focusWidget() is dialog.female
    qtbot.keyClick(dialog.female, Qt.Key.Key_L)
    assert dialog.male.isChecked() and not dialog.female.isChecked()


def test_ages_count_completed_months_to_the_end_of_a_short_month(qtbot, ui_session):
    # Born 29 February 2016, she completes 120 months (remaja age) on 28 February 2026, when
    # the dialog asks about a pregnancy.
    feb_28 = datetime(2026, 2, 28, 9, 0).astimezone()
    widget = PersonDialog(dataclasses.replace(ui_session, now=lambda: feb_28))
    qtbot.addWidget(widget)
    widget.female.setChecked(True)
    qtbot.keyClicks(widget.birth.edit, "29/02/2016")
    assert widget.pregnant.isVisibleTo(widget)
    widget.birth.edit.clear()
    qtbot.keyClicks(widget.birth.edit, "01/03/2016")
    assert not widget.pregnant.isVisibleTo(widget)

"""The home visits screen on a real registry: suggestions, recording a visit by two cadres with
a weighing, a household visit, and a refusal that saves nothing."""

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.i18n import problem_label, vocabulary_label
from posyandu_desktop.services import Problem, Reading, VisitReason, measurements_of
from posyandu_desktop.services.visits import home_visits_between, visit_suggestions
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.visits.home_visits_page import HomeVisitsPage
from posyandu_desktop.ui.visits.suggestions_table_model import (
    SuggestionColumn,
    SuggestionsTableModel,
)
from posyandu_desktop.ui.visits.visits_table_model import VisitColumn
from tests.ui.conftest import TODAY

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def page_for(qtbot: QtBot, session: UiSession) -> HomeVisitsPage:
    page = HomeVisitsPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # Enter moves focus only in the active window
    qtbot.waitUntil(page.isActiveWindow)
    return page


def choose(qtbot: Any, page: HomeVisitsPage, text: str) -> None:
    picker = page.form.picker
    qtbot.keyClicks(picker.search, text)
    assert picker.results.count() >= 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.person is not None


def tick(page: HomeVisitsPage, cadre_ids: list[int]) -> None:
    page.form.set_cadres(cadre_ids)


def test_a_visit_by_two_cadres_with_a_weighing(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    choose(qtbot, page, "rizky")
    assert "Rizky Pratama" in page.form.picker.selected.text()
    tick(page, registry.cadre_ids[:2])
    page.form.set_reason(VisitReason.ABSENT_FROM_WEIGHING)
    qtbot.keyClicks(page.form.findings, "Anak batuk pilek, tidak datang")
    qtbot.keyClicks(page.form.follow_up, "Datang bulan depan")
    qtbot.keyClicks(page.form.weight, "10,4")
    qtbot.keyClick(page.form.weight, Qt.Key.Key_Return)
    assert page.form.length.hasFocus()
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)

    (saved,) = home_visits_between(registry.db, *NOVEMBER)
    assert saved.visit.person_id == registry.person_ids["Rizky Pratama"]
    assert set(saved.visit.cadre_ids) == set(registry.cadre_ids[:2])
    assert saved.visit.reason is VisitReason.ABSENT_FROM_WEIGHING
    assert (saved.visit.findings, saved.visit.follow_up) == (
        "Anak batuk pilek, tidak datang",
        "Datang bulan depan",
    )
    assert saved.visit.visited_on == TODAY
    latest = measurements_of(registry.db, registry.person_ids["Rizky Pratama"])[-1]
    assert latest.home_visit_id == saved.visit.id
    assert latest.values.weight_kg == Reading(10.4)
    assert latest.values.lenhei_cm is None
    # The list shows it and the form is empty again, ready for the next visit.
    assert page.visits.rowCount() == 1
    notes = page.visits.text(saved, VisitColumn.NOTES).split("\n")
    assert notes[:2] == ["Anak batuk pilek, tidak datang", "Tindak lanjut: Datang bulan depan"]
    assert notes[2].startswith("Kader: ") and notes[2].endswith("diukur: 10,4 kg")
    assert {"Siti Aminah", "Nur Hidayah"} <= set(
        notes[2][len("Kader: ") :].split(" \u00b7 ")[0].split(", ")
    )
    assert page.form.picker.person is None
    assert page.form.findings.toPlainText() == ""


def test_a_household_visit(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    choose(qtbot, page, "nabila")
    assert page.form.whole_household.isEnabled()
    page.form.whole_household.setChecked(True)
    assert not page.form.weight.isEnabled()
    page.form.set_reason(VisitReason.NEW_BABY)
    page.save()
    (saved,) = home_visits_between(registry.db, *NOVEMBER)
    assert saved.visit.person_id is None
    assert saved.visit.household_id is not None
    assert saved.household_head == "Budi Santoso"


def test_without_cadres_nothing_is_saved(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    choose(qtbot, page, "aisyah")
    tick(page, [])
    page.save()
    assert home_visits_between(registry.db, *NOVEMBER) == ()
    assert problem_label(Problem.NO_CADRES) in page.form.problems.text()
    assert page.form.picker.person is not None  # what was typed stays


def test_nobody_chosen_is_explained(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    page.save()
    assert problem_label(Problem.NO_ONE_VISITED) in page.form.problems.text()


def test_a_suggestion_fills_the_form(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    # Nabila gained 100 g twice, under the KBM of 200 g (2T), and is below the red line.
    assert [s.person.name for s in page.suggestions.records()] == ["Nabila Zahra"]
    page.visit_suggested(0)
    assert page.form.picker.person is not None
    assert page.form.picker.person.name == "Nabila Zahra"
    assert page.form.reason.value() is VisitReason.BGM
    assert page.form.findings.hasFocus()


def test_suggestions_model_without_a_window(registry):
    found = visit_suggestions(registry.db, registry.posyandu_id, today=TODAY)
    model = SuggestionsTableModel(found)
    (nabila,) = model.records()
    assert model.text(nabila, SuggestionColumn.NAME) == "Nabila Zahra"
    assert model.text(nabila, SuggestionColumn.AGE) == "3 tahun 8 bulan"
    assert nabila.reasons == (VisitReason.BGM, VisitReason.TWO_T)
    assert model.text(nabila, SuggestionColumn.REASONS) == ", ".join(
        vocabulary_label(r) for r in nabila.reasons
    )
    assert model.severity(nabila, SuggestionColumn.REASONS) is Severity.SEVERE
    assert model.text(nabila, SuggestionColumn.LAST_WEIGHED) == "12/10/2026"
    assert model.text(nabila, SuggestionColumn.PLACE) == "003/001"

"""Cadre profiles: a coordinator edits, registers, certifies and deactivates; others only read."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posyandu_desktop.i18n import problem_label
from posyandu_desktop.services import CadreRecord, Problem, TrainingGrade
from posyandu_desktop.services.cadres import list_cadres
from posyandu_desktop.ui.cadres.cadres_page import CadresPage
from posyandu_desktop.ui.cadres.certificates_table_model import CertificateColumn
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import Registry


def page_for(qtbot: QtBot, session: UiSession) -> CadresPage:
    page = CadresPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def team(registry: Registry) -> dict[str, CadreRecord]:
    return {c.name: c for c in list_cadres(registry.db, registry.posyandu_id)}


def choose(page: CadresPage, name: str) -> None:
    row = next(i for i in range(page.list.count()) if page.list.item(i).text().startswith(name))
    page.list.setCurrentRow(row)
    assert page.cadre is not None and page.cadre.name == name


def test_a_coordinator_changes_a_training_grade(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    choose(page, "Rina Wati")
    page.grade.set_value(TrainingGrade.MADYA)
    page.bpjs.setText("12345678901")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    rina = team(registry)["Rina Wati"]
    assert (rina.training_grade, rina.bpjs_ketenagakerjaan) == (TrainingGrade.MADYA, "12345678901")
    assert page.cadre is not None and page.cadre.name == "Rina Wati"


def test_a_coordinator_adds_a_certificate(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    choose(page, "Nur Hidayah")
    qtbot.keyClicks(page.certificate_title, "Pelatihan Kader Madya")
    page.certificate_date.set_value(date(2025, 8, 20))
    qtbot.keyClicks(page.certificate_issuer, "Puskesmas Bontang Utara I")
    qtbot.keyClick(page.certificate_issuer, Qt.Key.Key_Return)
    (certificate,) = team(registry)["Nur Hidayah"].certificates
    assert (certificate.title, certificate.issued_on) == (
        "Pelatihan Kader Madya",
        date(2025, 8, 20),
    )
    assert page.certificates.rowCount() == 1
    assert page.certificates.text(certificate, CertificateColumn.ISSUED_ON) == "20 Agustus 2025"


def test_a_new_cadre_and_a_missing_name(qtbot, ui_session, registry):
    page = page_for(qtbot, ui_session)
    page.new_cadre()
    assert page.cadre is None and page.name.text() == ""
    page.save_profile()
    assert problem_label(Problem.REQUIRED) in page.problems.text()
    qtbot.keyClicks(page.name, "Yuliana")
    page.phone.setText("0813-1111-2222")
    page.save_profile()
    assert "Yuliana" in team(registry)
    assert page.cadre is not None and page.cadre.name == "Yuliana"


def test_deactivating_asks_first_and_never_yourself(qtbot, ui_session, registry, monkeypatch):
    answers, errors = [False, True], []
    monkeypatch.setattr(messages, "ask", lambda *a, **k: answers.pop(0))
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: errors.append(text))
    page = page_for(qtbot, ui_session)
    choose(page, "Rina Wati")
    page.active_button.click()  # "no" to the question
    assert team(registry)["Rina Wati"].active
    page.active_button.click()
    assert not team(registry)["Rina Wati"].active
    assert "Rina Wati" in page.list.item(page.list.count() - 1).text()
    choose(page, "Siti Aminah")  # the cadre logged in
    page.active_button.click()
    assert errors and team(registry)["Siti Aminah"].active


def test_others_only_read(qtbot, ui_session, registry):
    page = page_for(qtbot, replace(ui_session, is_coordinator=False))
    assert page.read_only_note.isVisible()
    assert page.name.isReadOnly() and not page.grade.isEnabled()
    assert not page.save_button.isVisible() and not page.new_button.isVisible()
    assert not page.adding_row.isVisible() and not page.active_button.isVisible()
    choose(page, "Rina Wati")
    page.name.setText("Someone else")  # a program could, a cadre cannot type here
    page.save_profile()
    page.add_certificate()
    page.toggle_active()
    assert team(registry)["Rina Wati"].name == "Rina Wati"
    assert team(registry)["Rina Wati"].certificates == ()
    assert team(registry)["Rina Wati"].active


def test_a_coordinator_gives_a_one_time_pin_code(qtbot, ui_session, registry, monkeypatch):
    from posyandu_desktop.services.cadres import set_first_pin

    shown: list[str] = []
    monkeypatch.setattr(messages, "ask", lambda *a, **k: True)
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    page = page_for(qtbot, ui_session)
    choose(page, "Siti Aminah")  # herself: no code button
    assert not page.code_button.isVisible()
    choose(page, "Rina Wati")
    assert page.code_button.isVisible()
    page.code_button.click()
    code = shown[0].split(": ")[1].split()[0]
    rina = team(registry)["Rina Wati"].id
    set_first_pin(
        registry.db,
        posyandu_id=registry.posyandu_id,
        cadre_id=rina,
        pin="1357",
        code=code,
        now=ui_session.now(),
    ).unwrap()
    assert not replace(ui_session, is_coordinator=False).is_coordinator
    other = page_for(qtbot, replace(ui_session, is_coordinator=False))
    choose(other, "Nur Hidayah")
    assert not other.code_button.isVisible()

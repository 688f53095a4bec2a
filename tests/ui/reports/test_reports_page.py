"""Printing from the UI on the demo Posyandu: the monthly report with its SKDN preview, and the
KMS card from a child's profile. The PDF viewer is never really opened (`openUrl` is faked)."""

from __future__ import annotations

import dataclasses
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.services.people import person_profile
from posyandu_desktop.services.reports import monthly_report_data
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store.queries import exports as q
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.main_window import MainWindow
from posyandu_desktop.ui.people.profile_view import ProfileView
from posyandu_desktop.ui.reports.reports_page import ROWS, ReportsPage
from tests.ui.conftest import BUSY_MACHINE_MS, MORNING, TODAY

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        urls.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return urls


def _make(qtbot: Any, page: ReportsPage, year: int, month: int) -> None:
    page.set_month(year, month)
    page.make_button.click()
    assert page.busy.isVisibleTo(page)
    assert not page.make_button.isEnabled()
    qtbot.waitUntil(lambda: page.task is None, timeout=30_000)


def test_the_month_is_the_latest_sessions(qtbot, demo_session, ui_session):
    page = ReportsPage(demo_session)  # the demo Posyandu meets today, 13 November
    qtbot.addWidget(page)
    assert page.chosen_month() == (2026, 11)
    assert not page.open_button.isEnabled()
    later = dataclasses.replace(demo_session, now=lambda: MORNING + timedelta(days=24))
    december = ReportsPage(later)  # 7 December: no session yet this month
    qtbot.addWidget(december)
    assert december.chosen_month() == (2026, 11)
    never = ReportsPage(ui_session)  # no session ever held: this month
    qtbot.addWidget(never)
    assert never.chosen_month() == (TODAY.year, TODAY.month)


def test_the_october_report_and_its_preview(qtbot, demo_session, opened):
    page = ReportsPage(demo_session)
    qtbot.addWidget(page)
    _make(qtbot, page, 2026, 10)
    assert not page.busy.isVisibleTo(page)
    pdf = page.pdf
    assert pdf is not None and pdf.exists()
    assert pdf.parent == demo_session.data_dir / "printouts"
    assert pdf.name.endswith("_2026-10.pdf") and pdf.name.startswith("Laporan_")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Oktober 2026" in (PdfReader(pdf).pages[0].extract_text() or "")

    expected = monthly_report_data(
        demo_session.db, demo_session.posyandu_id, 2026, 10, today=TODAY
    ).indicators.skdn.total()
    model = page.model
    assert model.rowCount() == len(ROWS) and model.columnCount() == 3
    d_row = [field for field, *_rest in ROWS].index("d")
    assert expected.d > 0
    assert model.value(d_row, 2) == expected.d
    assert model.index(d_row, 2).data() == str(expected.d)
    boys, girls = model.value(d_row, 0), model.value(d_row, 1)
    assert isinstance(boys, int) and isinstance(girls, int) and boys + girls == expected.d
    assert "D = N + T + O + B" in page.check.text()

    assert page.open_button.isEnabled()
    page.open_button.click()
    assert opened == [str(pdf)]


def test_a_failed_report_is_explained(qtbot, demo_session, monkeypatch):
    from posyandu_desktop.ui.reports import reports_page

    def broken(*args: Any, **kwargs: Any) -> Path:
        raise OSError("disk full")

    shown: list[str] = []
    monkeypatch.setattr(reports_page, "print_monthly_report", broken)
    monkeypatch.setattr(reports_page, "show_error", lambda parent, text: shown.append(text))
    page = ReportsPage(demo_session)
    qtbot.addWidget(page)
    _make(qtbot, page, 2026, 10)
    assert shown and "OSError" in shown[0]
    assert page.make_button.isEnabled() and not page.open_button.isEnabled()


def _a_child_under_five(session: UiSession) -> PersonId:
    with session.db.reading() as tx:
        everyone = q.people(tx)
    for person in everyone:
        found = person_profile(session.db, person.id, today=TODAY)
        if found is not None and found.life_stage is LifeStage.UNDER_FIVE:
            return PersonId(person.id)
    raise AssertionError("no child under five in the demo")


def test_print_kms_card_from_the_profile(qtbot, demo_session, opened):
    view = ProfileView(demo_session)
    qtbot.addWidget(view)
    child = _a_child_under_five(demo_session)
    view.show_person(child)
    assert view.print_card_button.isVisibleTo(view)
    assert view.print_card_button.text() == "Cetak KMS"
    with qtbot.waitSignal(view.status_message) as said:
        view.print_card_button.click()
    qtbot.waitUntil(lambda: view.printing is None, timeout=30_000)
    pdf = view.last_printout
    assert pdf is not None and pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert pdf.parent == demo_session.data_dir / "printouts"
    assert opened == [str(pdf)]
    assert view.profile is not None
    assert view.profile.person.name in (PdfReader(pdf).pages[0].extract_text() or "")
    assert said.args is not None


def test_no_kms_card_for_an_adult(qtbot, demo_session):
    view = ProfileView(demo_session)
    qtbot.addWidget(view)
    with demo_session.db.reading() as tx:
        everyone = q.people(tx)
    adult = next(
        p.id
        for p in everyone
        if (f := person_profile(demo_session.db, p.id, today=TODAY)) is not None
        and f.life_stage is LifeStage.ADULT
    )
    view.show_person(PersonId(adult))
    assert not view.print_card_button.isVisibleTo(view)


@pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
def test_screenshot(qtbot, qapp, demo_session, opened):
    theme.apply(qapp, resource_path("fonts"))
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("reports")
    page = window.page("reports")
    assert isinstance(page, ReportsPage)
    _make(qtbot, page, 2026, 10)
    background.wait_for_all()
    qtbot.wait(50)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "reports_page.png"))


def test_without_a_pdf_viewer_the_folder_is_offered(qtbot, demo_session, monkeypatch):
    from posyandu_desktop.ui.widgets import messages

    tried: list[str] = []

    def no_viewer(url: QUrl) -> bool:
        tried.append(url.toLocalFile())
        return not url.toLocalFile().endswith(".pdf")  # folders open, PDFs do not

    asked: list[str] = []

    def answer(kind: Any, parent: Any, title: str, text: str, *_words: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(no_viewer))
    monkeypatch.setattr(messages, "present", answer)
    view = ProfileView(demo_session)
    qtbot.addWidget(view)
    view.show_person(_a_child_under_five(demo_session))
    view.print_card_button.click()
    qtbot.waitUntil(lambda: view.printing is None, timeout=BUSY_MACHINE_MS)
    pdf = view.last_printout
    assert pdf is not None
    assert tried == [str(pdf), str(pdf.parent)]
    assert len(asked) == 1 and pdf.name in asked[0] and "folder" in asked[0]

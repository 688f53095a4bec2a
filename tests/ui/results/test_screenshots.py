"""Screenshots of desks 3-5 ("Hasil hari ini") and the person's life dialog in the real main
window at 1366x728 on the demo Posyandu, in Indonesian.

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.results.results_page import ResultsPage

pytestmark = pytest.mark.skipif(
    os.environ.get("POSYANDU_SCREENSHOTS") != "1", reason="set POSYANDU_SCREENSHOTS=1"
)
from tests.ui.people.screenshots import window  # noqa: E402

SHOTS = Path(
    os.environ.get(
        "POSYANDU_SHOTS_DIR", Path(__file__).resolve().parents[3] / "docs" / "screenshots"
    )
)


@pytest.fixture(autouse=True)
def _app_theme(qapp: QApplication) -> Iterator[None]:
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def test_todays_results(qtbot, demo_session):
    shown = window(qtbot, demo_session)
    page = shown.show_page("results")
    assert isinstance(page, ResultsPage)
    # A visitor with something to do: the first whose advice includes a referral.
    rows = page.model.records()
    chosen = next((i for i, r in enumerate(rows) if len(r.messages) > 1), 0)
    page.table.selectRow(chosen)
    assert page.window().grab().save(str(SHOTS / "todays_results.png"))


def test_life_events_dialog(qtbot, demo_session):
    from posyandu_desktop.domain.people import Sex
    from posyandu_desktop.services import find_people
    from posyandu_desktop.ui.people.people_page import PeoplePage

    shown = window(qtbot, demo_session)
    page = shown.show_page("people")
    assert isinstance(page, PeoplePage)
    # A pregnant woman of the demo: the dialog offers the end of her pregnancy.
    woman = next(
        m.person
        for m in find_people(demo_session.db, "a", limit=500, today=demo_session.today())
        if m.person.sex is Sex.FEMALE and m.person.pregnant
    )
    page.show_person(woman.id)
    qtbot.wait(100)  # the profile's layout settles before the dialog opens over it
    page.profile.open_life_dialog()
    dialog = page.profile.life_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.end.click()
    assert shown.grab().save(str(SHOTS / "person_life_profile.png"))
    assert dialog.grab().save(str(SHOTS / "person_life_dialog.png"))
    dialog.reject()


def test_ilp_report_page(demo_session, tmp_path):
    import shutil
    import subprocess

    from posyandu_desktop.reports.monthly_report import render_monthly_report
    from posyandu_desktop.services.reports import monthly_report_data
    from tests.reports.expected import pdf_lines

    today = demo_session.today()
    data = monthly_report_data(
        demo_session.db, demo_session.posyandu_id, today.year, today.month, today=today
    )
    pdf = render_monthly_report(data, resource_path("fonts"), lang="id", printed_on=today)
    (tmp_path / "report.pdf").write_bytes(pdf)
    pages = pdf_lines(pdf)
    assert "ILP: siklus hidup dan layanan" in pages
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None, "install poppler-utils for pdftoppm"
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "report.pdf")
    number = next(
        i + 1
        for i, p in enumerate(reader.pages)
        if "ILP: siklus hidup dan layanan" in (p.extract_text() or "")
    )
    subprocess.run(
        [
            pdftoppm,
            "-f",
            str(number),
            "-l",
            str(number),
            "-r",
            "90",
            "-png",
            "-singlefile",
            str(tmp_path / "report.pdf"),
            str(SHOTS / "monthly_report_ilp"),
        ],
        check=True,
    )

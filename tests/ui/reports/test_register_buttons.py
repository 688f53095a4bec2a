"""The typing aids from the screens: "Bahan ketik e-PPGBM…" on the export screen and the SIP
register on the Reports screen write into <data>/printouts/ and offer to open the file."""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.exchange.export_page import ExportPage
from posyandu_desktop.ui.reports.reports_page import ReportsPage
from posyandu_desktop.ui.widgets import messages


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question answered yes, every file 'opened' into this list."""
    urls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        urls.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    monkeypatch.setattr(messages, "present", lambda *args: True)
    return urls


def _settle(qtbot: Any, button: Any) -> None:
    qtbot.waitUntil(button.isEnabled, timeout=60_000)
    background.wait_for_all()
    qtbot.wait(20)


def test_the_export_screen_makes_the_eppgbm_typing_aid(
    qtbot: Any, demo_session: UiSession, opened: list[str]
) -> None:
    page = ExportPage(demo_session)
    qtbot.addWidget(page)
    page.refresh()
    background.wait_for_all()
    qtbot.wait(20)
    period = page.chosen_month()
    assert period is not None
    page.pack_button.click()
    _settle(qtbot, page.pack_button)
    stem = demo_session.data_dir / "printouts" / f"Ketik_ePPGBM_{period}"
    xlsx, pdf = stem.with_suffix(".xlsx"), stem.with_suffix(".pdf")
    assert opened == [str(xlsx)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert openpyxl.load_workbook(xlsx).sheetnames == [
        "Anak belum di e-PPGBM",
        "Pengukuran bulan ini",
    ]


def test_the_reports_screen_makes_the_sip_register(
    qtbot: Any, demo_session: UiSession, opened: list[str]
) -> None:
    page = ReportsPage(demo_session)
    qtbot.addWidget(page)
    page.set_month(2026, 10)
    page.register_button.click()
    _settle(qtbot, page.register_button)
    xlsx = demo_session.data_dir / "printouts" / "Register_Bayi_Balita_2026.xlsx"
    assert opened == [str(xlsx)]
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None and str(sheet["A1"].value).startswith("Register Bayi dan Balita")
    assert xlsx.with_suffix(".pdf").exists()


def test_the_reports_screen_makes_the_cadre_sheet(
    qtbot: Any, demo_session: UiSession, opened: list[str]
) -> None:
    page = ReportsPage(demo_session)
    qtbot.addWidget(page)
    page.set_month(2026, 10)
    page.cadre_sheet_button.click()
    _settle(qtbot, page.cadre_sheet_button)
    xlsx = demo_session.data_dir / "printouts" / "Lembar_Kader_2026-10.xlsx"
    assert opened == [str(xlsx)]
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row > 3  # a title, the heads, a row per cadre
    assert xlsx.with_suffix(".pdf").read_bytes().startswith(b"%PDF")

"""Screenshots of the import dialog over the main window at 1366x728 (a title bar drawn above
it, as Windows adds one), on the demo Posyandu, in Indonesian: a register whose columns the
coordinator maps (docs/screenshots/import_mapping.png) and an e-PPGBM export that needs no
mapping (import_eppgbm.png, kept out of docs/).

Skipped unless POSYANDU_SCREENSHOTS=1, so that CI never rewrites docs/screenshots/."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter

from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.imports.import_dialog import ImportDialog
from tests.importing_files import Kid, Visit, eppgbm_rows, write_html_xls
from tests.ui.conftest import BUSY_MACHINE_MS
from tests.ui.imports.test_import_dialog import CHOICES, _register
from tests.ui.people.screenshots import SHOTS, app_look, only_when_asked, window

pytestmark = only_when_asked
TITLE_BAR = 30  # px Windows 10 draws above a dialog


@pytest.fixture(autouse=True)
def _look(qapp: Any) -> None:
    app_look(qapp)


def _over_the_window(qtbot: Any, session: UiSession, dialog: ImportDialog, out: Path) -> None:
    """The main window with the dialog centred on it, under a plain title bar."""
    main = window(qtbot, session)
    main.show_page("settings")
    qtbot.wait(50)
    picture = main.grab()
    inside = dialog.grab()
    height = TITLE_BAR + inside.height()
    assert height <= main.height(), f"the dialog is {height} px high"
    top_left = QPoint((main.width() - inside.width()) // 2, (main.height() - height) // 2)
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    bar = QRect(top_left, QSize(inside.width(), TITLE_BAR))
    painter.fillRect(bar, QColor("#f3f3f3"))
    painter.drawText(bar.adjusted(10, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle())
    painter.drawPixmap(top_left + QPoint(0, TITLE_BAR), inside)
    painter.setPen(QColor("#888"))
    painter.drawRect(QRect(top_left, QSize(inside.width(), height)))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    assert picture.save(str(out))


def _idle(qtbot: Any, dialog: ImportDialog) -> None:
    qtbot.waitUntil(dialog.is_idle, timeout=BUSY_MACHINE_MS)
    qtbot.wait(50)


def test_a_register_mapped_column_by_column(
    qtbot: Any, demo_session: UiSession, tmp_path: Path
) -> None:
    path = _register(
        tmp_path / "Register Balita 2026.csv",
        [
            ("Bima Saputra", "L", "02/01/2025", "6474014101950001"),
            ("Citra Lestari", "P", "20/03/2025", "6474015203960002"),
            ("Dimas Pratama", "L", "11/11/2024", ""),
        ],
    )
    dialog = ImportDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check(path)
    _idle(qtbot, dialog)
    for field in ("name", "measured_on", "lenhei"):  # the birth date still to choose
        dialog.mapping.choose(field, CHOICES[field])
    _idle(qtbot, dialog)
    _over_the_window(qtbot, demo_session, dialog, tmp_path / "import_mapping_missing.png")
    for field in ("birth_date", "mother_nik"):
        dialog.mapping.choose(field, CHOICES[field])
    _idle(qtbot, dialog)
    _over_the_window(qtbot, demo_session, dialog, SHOTS / "import_mapping.png")


def test_an_eppgbm_export(qtbot: Any, demo_session: UiSession, tmp_path: Path) -> None:
    visits = [Visit(date(2026, m, 10), 8.0 + 0.3 * m, 70.0 + m, "Terlentang") for m in (7, 8, 9)]
    kids = [
        Kid("6474011203250001", "Putri Ayu", "P", date(2025, 3, 12), visits),
        Kid("", "Rafi Hidayat", "L", date(2024, 6, 10), [Visit(date(2026, 7, 12), 10.9)]),
    ]
    path = write_html_xls(tmp_path / "data_pengukuran.xls", eppgbm_rows(kids))
    dialog = ImportDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check(path)
    _idle(qtbot, dialog)
    _over_the_window(qtbot, demo_session, dialog, tmp_path / "import_eppgbm.png")

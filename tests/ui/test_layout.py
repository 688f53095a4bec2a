"""The real main window (top bar and screen list included) at a maximized 1366×768 laptop's
size and at the smallest supported size, in Indonesian and English, on the demo Posyandu:
no text cut off, no header elided, no widgets on top of each other."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from posyandu_desktop.i18n import install
from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.layout_check import check_main_window, check_widget
from posyandu_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _app_look(qapp: Any) -> Iterator[None]:
    """The shipped fonts and the style sheet the app applies at start-up (never the machine's)."""
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def _report(found: list[Any]) -> str:
    return json.dumps([problem.as_dict() for problem in found], ensure_ascii=False, indent=1)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_screen_fits_the_real_window(qtbot, demo_session, lang):
    install(lang)
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    found = check_main_window(window)
    assert found == [], _report(found)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_ordinary_cadre_sees_all_of_the_settings(
    qtbot: Any, demo_session: UiSession, lang: str
) -> None:
    install(lang)
    window = MainWindow(dataclasses.replace(demo_session, is_coordinator=False))
    qtbot.addWidget(window)
    found = check_main_window(window)
    assert found == [], _report(found)


def test_the_check_sees_cut_words_and_overlaps(qtbot: Any) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    cut = QLabel("Berat badan normal", box)
    cut.setGeometry(0, 0, 40, 30)
    wrapped = QLabel("Sudah diukur ulang: nilai bertanda kuning memang benar", box)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 40, 120, 20)
    layout = QVBoxLayout(box)
    first, second = QLabel("a"), QLabel("b")
    layout.addWidget(first)
    layout.addWidget(second)
    box.resize(300, 200)
    box.show()
    qtbot.waitExposed(box)
    first.setGeometry(0, 100, 100, 40)
    second.setGeometry(10, 110, 100, 40)
    kinds = {(p.kind, p.text) for p in check_widget(box)}
    assert ("clipped", "Berat badan normal") in kinds
    assert ("clipped", wrapped.text()) in kinds
    assert ("overlap", "a / b") in kinds


def test_the_check_sees_content_a_scroll_area_cannot_reach(qtbot: Any) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget()
    content.setMinimumWidth(500)  # a form pushed out of sight on the right
    area.setWidget(content)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    assert [p.kind for p in check_widget(area)] == ["clipped"]
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    assert check_widget(area) == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_new_person_dialog_keeps_every_field_whole(
    qtbot: Any, demo_session: UiSession, lang: str
) -> None:
    from posyandu_desktop.ui.layout_check import settle
    from posyandu_desktop.ui.registration.person_dialog import PersonDialog

    install(lang)
    dialog = PersonDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.birth.edit, "02/09/2025")
    qtbot.keyClicks(dialog.mother_search, "sri")  # her results and the "new mother" note show
    settle()
    assert dialog.mother_results.isVisible()
    found = check_widget(dialog, screen="person dialog")
    assert found == [], _report(found)


def test_the_smoke_run_writes_the_layout_report(tmp_path: Path) -> None:
    report = tmp_path / "layout.json"
    command = [sys.executable, "-m", "posyandu_desktop", "--demo", "--smoke"]
    command += ["--data-dir", str(tmp_path / "demo"), "--layout-report", str(report)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        command, check=False, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(report.read_text(encoding="utf-8")) == []

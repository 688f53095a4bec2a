"""Qt's own texts and formats follow the UI language: Indonesian month and day names in the
calendars, no week numbers, and the app's translation of Qt's buttons and file dialogs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QCalendarWidget

from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui.qt_language import use_qt_language
from posyandu_desktop.ui.widgets.date_field import DateField

TS = resource_path("locale") / "id" / "qt" / "qtbase_id.ts"


@pytest.fixture
def indonesian_qt(qapp: Any) -> Iterator[None]:
    use_qt_language("id", resource_path("locale"))
    yield
    use_qt_language("en", resource_path("locale"))


def test_calendars_speak_indonesian_without_week_numbers(qtbot: Any, indonesian_qt: None) -> None:
    field = DateField(date(2026, 12, 7))
    qtbot.addWidget(field)
    calendar = field.calendarWidget()
    assert calendar.locale().monthName(12) == "Desember"
    assert calendar.locale().dayName(1) == "Senin"
    assert calendar.verticalHeaderFormat() is QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"


def test_qt_buttons_and_file_dialogs_in_indonesian(indonesian_qt: None) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Cari di:"
    assert QCoreApplication.translate("QCalendarWidget", "Next Month") == "Bulan berikutnya"


def test_english_has_no_translation_left_over(qapp: Any, indonesian_qt: None) -> None:
    use_qt_language("en", resource_path("locale"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QLocale().monthName(12) == "December"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease not installed")
    built = tmp_path / "qtbase_id.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(built)], check=True)
    assert built.read_bytes() == TS.with_suffix(".qm").read_bytes()

"""Fonts, sizes and colours: readable on a 1366×768 laptop, and colour never the only signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from posyandu_desktop.domain.growth.classify import Severity

FONT_FAMILY = "DejaVu Sans"
BASE_POINT_SIZE = 11
LARGE_POINT_SIZE = 18  # the measuring desk's entry fields, read at arm's length

# Background and text colour per severity; the status text always names the category too.
SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.SEVERE: ("#c62828", "#ffffff"),  # red
    Severity.MODERATE: ("#ef6c00", "#ffffff"),  # orange
    Severity.NORMAL: ("#2e7d32", "#ffffff"),  # green
    Severity.RISK_OVER: ("#f9a825", "#000000"),  # amber
    Severity.OVER: ("#6a1b9a", "#ffffff"),  # purple
}
WARNING_COLOURS = ("#fff3cd", "#5c4400")  # plausibility warnings: pale yellow, dark text


def apply(app: QApplication, fonts_dir: Path) -> str:
    """Load the shipped fonts and set the application font; returns the family in use."""
    for ttf in sorted(fonts_dir.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(ttf))
    family = FONT_FAMILY if FONT_FAMILY in QFontDatabase.families() else app.font().family()
    app.setFont(QFont(family, BASE_POINT_SIZE))
    app.setStyleSheet(
        "QPushButton { padding: 6px 14px; }"
        "QPushButton[primary='true'] { background: #1565c0; color: white; font-weight: bold; }"
        "QLineEdit, QComboBox, QDateEdit, QSpinBox { padding: 4px; }"
    )
    return family

"""Fonts, sizes and colours: readable on a 1366×768 laptop, and colour never the only signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from posyandu_desktop.domain.growth.classify import Severity

FONT_FAMILY = "DejaVu Sans"
MONO_FAMILY = "DejaVu Sans Mono"  # fingerprints: shipped, so never a machine's odd monospace
BASE_POINT_SIZE = 11
LARGE_POINT_SIZE = 18  # the measuring desk's entry fields, read at arm's length

# Background and text colour per severity; the status text always names the category too.
SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.SEVERE: ("#c62828", "#ffffff"),  # red
    Severity.MODERATE: ("#bf4f00", "#ffffff"),  # dark orange (white on a light one is 3.1:1)
    Severity.NORMAL: ("#2e7d32", "#ffffff"),  # green
    Severity.RISK_OVER: ("#f9a825", "#000000"),  # amber
    Severity.OVER: ("#6a1b9a", "#ffffff"),  # purple
}
WARNING_COLOURS = ("#fff3cd", "#5c4400")  # plausibility warnings: pale yellow, dark text


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21); text needs at least 4.5 (WCAG 1.4.3)."""

    def luminance(name: str) -> float:
        colour = QColor(name)
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def load_fonts(fonts_dir: Path | None = None) -> None:
    """Make the shipped fonts (resources/fonts) known to Qt, once."""
    if FONT_FAMILY in QFontDatabase.families() and MONO_FAMILY in QFontDatabase.families():
        return
    from posyandu_desktop.settings import resource_path

    for ttf in sorted((fonts_dir or resource_path("fonts")).glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(ttf))


def mono_font(point_size: int, *, bold: bool = False) -> QFont:
    """The shipped monospace font (letters and digits line up in groups of four)."""
    load_fonts()
    font = QFont(MONO_FAMILY, point_size)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFixedPitch(True)
    if bold:
        font.setWeight(QFont.Weight.Bold)
    return font


def apply(app: QApplication, fonts_dir: Path) -> str:
    """Load the shipped fonts and set the application font; returns the family in use."""
    load_fonts(fonts_dir)
    family = FONT_FAMILY if FONT_FAMILY in QFontDatabase.families() else app.font().family()
    app.setFont(QFont(family, BASE_POINT_SIZE))
    app.setStyleSheet(
        "QPushButton { padding: 6px 14px; }"
        "QPushButton[primary='true'] { background: #1565c0; color: white; font-weight: bold; }"
        # A primary button that cannot be pressed yet must not look pressable.
        "QPushButton[primary='true']:disabled { background: #cfd8dc; color: #455a64; }"
        "QLineEdit, QComboBox, QDateEdit, QSpinBox { padding: 4px; }"
    )
    return family

"""A nutrition-status badge: the category's words on its severity colour ("Pendek" on orange).

The text always names the status, so the colour is never the only signal (colour-blind readers,
black-and-white printouts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from posyandu_desktop.domain.growth.classify import Category, LilaStatus, Severity, severity
from posyandu_desktop.i18n import category_label, lila_label
from posyandu_desktop.ui.theme import SEVERITY_COLOURS


def badge_style(severity_: Severity) -> str:
    """The style sheet of a badge (also for a QLabel a screen builds itself)."""
    background, text = SEVERITY_COLOURS[severity_]
    return (
        f"QLabel {{ background: {background}; color: {text}; border-radius: 4px;"
        " padding: 2px 8px; font-weight: bold; }"
    )


class StatusBadge(QLabel):
    """A label showing a status in words on its severity colour; empty and plain when unset."""

    def __init__(
        self, text: str = "", severity_: Severity | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.severity: Severity | None = None
        self.set_status(text, severity_)

    def set_status(self, text: str, severity_: Severity | None) -> None:
        """Show `text` on the colour of `severity_` (no colour when None)."""
        self.severity = severity_
        self.setText(text)
        self.setStyleSheet(badge_style(severity_) if severity_ is not None and text else "")

    def set_category(self, category: Category | LilaStatus | None) -> None:
        """Show a Permenkes category or LILA status with its words and colour; clear on None."""
        if category is None:
            self.clear_status()
        elif isinstance(category, LilaStatus):
            self.set_status(lila_label(category), severity(category))
        else:
            self.set_status(category_label(category), severity(category))

    def clear_status(self) -> None:
        """Show nothing (an empty label keeps its place in the layout)."""
        self.set_status("", None)

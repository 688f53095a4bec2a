"""Opening a PDF the app wrote, on a laptop that may have no PDF viewer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from posyandu_desktop.i18n import _
from posyandu_desktop.ui.widgets import messages


def open_url(target: Path) -> bool:
    """Open a file or folder with the laptop's own program; False when none opened it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def open_document(parent: QWidget | None, document: Path) -> None:
    """Open `document`; without a program for it, offer to open the folder that holds it
    (the cadre can copy the file to a stick or print it from another laptop)."""
    if open_url(document):
        return
    if messages.ask(
        parent,
        _("No program to open the file"),
        _(
            "The file {name} is saved, but this laptop has no program to show it."
            " Open the folder that holds it?"
        ).format(name=document.name),
        yes_text=_("Open the folder"),
        no_text=_("Not now"),
    ) and not open_url(document.parent):
        messages.show_info(parent, str(document.parent), _("The folder"))


def offer_to_open(parent: QWidget | None, written: Sequence[Path]) -> None:
    """Say where the files were written and offer to open the first one."""
    if written and messages.ask(
        parent,
        _("Saved"),
        _("Saved in {folder}: {names}. Open {first} now?").format(
            folder=written[0].parent,
            names=", ".join(p.name for p in written),
            first=written[0].name,
        ),
        yes_text=_("Open"),
        no_text=_("Not now"),
    ):
        open_document(parent, written[0])

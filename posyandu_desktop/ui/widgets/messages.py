"""Message boxes for every screen: `show_error`, `show_info`, `ask`.

All three go through `present`, so a test replaces that one function
(`monkeypatch.setattr(messages, "present", fake)`) and no modal box ever opens; this works even
where a screen did `from ...messages import ask`: the helpers look `present` up at call time.
Buttons carry our own translated words ("Ya"/"Tidak"), not Qt's untranslated standard ones.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from posyandu_desktop.i18n import _, problem_label

if TYPE_CHECKING:  # the start screen uses this module before the database code is imported
    from posyandu_desktop.services import Issue


class MessageKind(enum.Enum):
    ERROR = "error"
    INFO = "info"
    QUESTION = "question"


_ICONS = {
    MessageKind.ERROR: QMessageBox.Icon.Warning,
    MessageKind.INFO: QMessageBox.Icon.Information,
    MessageKind.QUESTION: QMessageBox.Icon.Question,
}


def present(
    kind: MessageKind,
    parent: QWidget | None,
    title: str,
    text: str,
    yes_text: str = "",
    no_text: str = "",
) -> bool:
    """Show one modal message box; True when the user chose the yes/OK button."""
    box = QMessageBox(parent)
    box.setIcon(_ICONS[kind])
    box.setWindowTitle(title)
    box.setText(text)
    if kind is MessageKind.QUESTION:
        yes = box.addButton(yes_text or _("Yes"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(no_text or _("No"), QMessageBox.ButtonRole.NoRole)
        # The safe answer is the default: Enter on a question never deletes or restores by accident.
        box.setDefaultButton(no)
        box.setEscapeButton(no)
    else:
        yes = box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(yes)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, text: str, title: str = "") -> None:
    """Explain a problem in plain words (never a traceback)."""
    present(MessageKind.ERROR, parent, title or _("Something went wrong"), text)


def show_info(parent: QWidget | None, text: str, title: str = "") -> None:
    """Tell the user something finished or needs noticing."""
    present(MessageKind.INFO, parent, title or _("Posyandu"), text)


def ask(
    parent: QWidget | None, title: str, text: str, yes_text: str = "", no_text: str = ""
) -> bool:
    """Ask a yes/no question; "no" is the default button. True when the user chose yes."""
    return present(MessageKind.QUESTION, parent, title, text, yes_text, no_text)


def issue_text(issue: Issue) -> str:
    """One refused input in words ("Wajib diisi"), with the value the service reported."""
    return problem_label(issue.problem).format(found="" if issue.found is None else issue.found)


def issues_text(issues: Iterable[Issue]) -> str:
    """Several refused inputs in words, one per line, each said once."""
    return "\n".join(dict.fromkeys(issue_text(issue) for issue in issues))

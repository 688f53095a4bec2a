"""Service problems in words, with the field they concern ("Berat: 98 tidak masuk akal")."""

from __future__ import annotations

from posyandu_desktop.i18n import _, problem_label
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import Issue


def issue_text(issue: Issue) -> str:
    """One problem as a sentence, prefixed by its field when the field has a name."""
    text = problem_label(issue.problem).format(found=issue.found)
    field = "" if issue.field is None else words(issue.field)
    return _("{field}: {problem}").format(field=field, problem=text) if field else text

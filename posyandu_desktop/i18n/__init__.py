"""Words for the UI and the PDFs: `labels` turns domain enums and problem codes into Indonesian
or English. No Qt, no SQL."""

from posyandu_desktop.i18n.labels import (
    LANGUAGES,
    category_label,
    indicator_label,
    lila_group_label,
    lila_label,
    zproblem_label,
)

__all__ = [
    "LANGUAGES",
    "category_label",
    "indicator_label",
    "lila_group_label",
    "lila_label",
    "zproblem_label",
]

"""What a desk page shows instead of its queue when today's Posyandu is not open."""

from __future__ import annotations

from posyandu_desktop.i18n import _
from posyandu_desktop.services import DayRecord


def closed_day_text(day: DayRecord | None) -> str | None:
    """Why the desk cannot work today, or None when today's Posyandu is open."""
    if day is None:
        return _("Today's Posyandu is not open yet. Open it on the home page.")
    return None if day.is_open else _("Today's Posyandu is closed.")

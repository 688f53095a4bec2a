"""The home visits of a month as a table: when, who, why, and the visit's notes (findings,
follow-up, the cadres who went, what was measured), wrapped so nothing is cut off."""

from __future__ import annotations

from enum import IntEnum

from posyandu_desktop.i18n import (
    N_,
    _,
    format_date_short,
    format_decimal,
    format_rt_rw,
    format_weight,
    vocabulary_label,
)
from posyandu_desktop.services.visits import HomeVisitListing
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class VisitColumn(IntEnum):
    DATE = 0
    VISITED = 1
    REASON = 2
    NOTES = 3


_HEADERS = {
    VisitColumn.DATE: N_("Date"),
    VisitColumn.VISITED: N_("Visited"),
    VisitColumn.REASON: N_("Reason"),
    VisitColumn.NOTES: N_("Visit notes"),
}


def visited_text(v: HomeVisitListing) -> str:
    """The person visited, or the household ("Keluarga Budi Santoso"), with RT/RW."""
    if v.person_name and v.visit.person_id is not None:
        who = v.person_name
    else:
        who = _("Household of {name}").format(name=v.household_head or "?")
    if v.rt is None and v.rw is None:
        return who
    return _("{who}, RT/RW {rt_rw}").format(who=who, rt_rw=format_rt_rw(v.rt, v.rw))


def measured_text(v: HomeVisitListing) -> str:
    """What was measured on the visit: "9,4 kg, 78,0 cm"; empty when nothing."""
    parts = []
    if v.weight_kg is not None:
        parts.append(f"{format_weight(v.weight_kg)} kg")
    if v.lenhei_cm is not None:
        parts.append(f"{format_decimal(v.lenhei_cm, 1)} cm")
    return ", ".join(parts)


class VisitsTableModel(RecordTableModel[HomeVisitListing]):
    """Read-only rows over `services.visits.home_visits_between`, newest first."""

    columns = VisitColumn
    headers = _HEADERS

    def text(self, v: HomeVisitListing, column: VisitColumn) -> str:
        match column:
            case VisitColumn.DATE:
                return format_date_short(v.visit.visited_on)
            case VisitColumn.VISITED:
                return visited_text(v)
            case VisitColumn.REASON:
                return vocabulary_label(v.visit.reason)
            case VisitColumn.NOTES:
                lines = [v.visit.findings]
                if v.visit.follow_up:
                    lines.append(_("Follow-up: {text}").format(text=v.visit.follow_up))
                who = _("Cadres: {names}").format(names=", ".join(v.cadre_names))
                measured = measured_text(v)
                if measured:
                    who += " \u00b7 " + _("measured: {values}").format(values=measured)
                lines.append(who)
                return "\n".join(line for line in lines if line)

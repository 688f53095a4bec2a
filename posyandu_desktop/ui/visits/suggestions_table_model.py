"""Children to visit at home, most urgent first: BGM, 2T, missed the weighing."""

from __future__ import annotations

from enum import IntEnum

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.i18n import (
    N_,
    _,
    age_text_months,
    format_date_short,
    format_rt_rw,
    vocabulary_label,
)
from posyandu_desktop.services import VisitReason
from posyandu_desktop.services.visits import VisitSuggestion
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class SuggestionColumn(IntEnum):
    NAME = 0
    AGE = 1
    LAST_WEIGHED = 2
    PLACE = 3
    REASONS = 4  # last: it stretches, and two reasons are long


_HEADERS = {
    SuggestionColumn.NAME: N_("Child"),
    SuggestionColumn.AGE: N_("Age"),
    SuggestionColumn.REASONS: N_("Reason"),
    SuggestionColumn.LAST_WEIGHED: N_("Weighed"),
    SuggestionColumn.PLACE: N_("RT/RW"),
}
# BGM is the most serious (red), then 2T (orange); a missed weighing is a reminder, uncoloured.
_REASON_SEVERITY = {VisitReason.BGM: Severity.SEVERE, VisitReason.TWO_T: Severity.MODERATE}


class SuggestionsTableModel(RecordTableModel[VisitSuggestion]):
    """Read-only rows over `services.visits.visit_suggestions`."""

    columns = SuggestionColumn
    headers = _HEADERS

    def text(self, s: VisitSuggestion, column: SuggestionColumn) -> str:
        match column:
            case SuggestionColumn.NAME:
                return s.person.name
            case SuggestionColumn.AGE:
                return age_text_months(s.age_months)
            case SuggestionColumn.REASONS:
                return ", ".join(vocabulary_label(r) for r in s.reasons)
            case SuggestionColumn.LAST_WEIGHED:
                if s.last_weighed_on is None:
                    return _("never")
                return format_date_short(s.last_weighed_on)
            case SuggestionColumn.PLACE:
                return format_rt_rw(s.person.rt, s.person.rw)

    def tooltip(self, s: VisitSuggestion, column: SuggestionColumn) -> str | None:
        return self.text(s, column) if column is SuggestionColumn.REASONS else None

    def severity(self, s: VisitSuggestion, column: SuggestionColumn) -> Severity | None:
        if column is not SuggestionColumn.REASONS:
            return None
        return _REASON_SEVERITY.get(s.reasons[0])

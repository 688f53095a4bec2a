"""The measuring desk's queue: today's arrivals not yet measured, in queue order."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject

from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import N_, _, age_text, life_stage_label, ngettext
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.day import QueueEntry
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    AGE = 2


_HEADERS = {Column.NUMBER: N_("No."), Column.NAME: N_("Name"), Column.AGE: N_("Age")}


def sex_letter(sex: Sex) -> str:
    """L or P, as Indonesian forms write sex."""
    return words(sex, "initial")


def short_age(age_days: int, age_months: int) -> str:
    """Years alone from five years ("63 tahun"), as the queue is narrow; months below."""
    # Under five the months matter (KBM, vitamin A, immunisation); from five, years are enough.
    if age_months < UNDER_FIVE_BELOW_MONTHS:
        return age_text(age_days)
    years = age_months // 12
    return ngettext("{n} year", "{n} years", years).format(n=years)


class QueueTableModel(RecordTableModel[QueueEntry]):
    """Read-only rows over `services.day.waiting_at_desk`."""

    columns = Column
    headers = _HEADERS
    centred = frozenset({Column.NUMBER})

    def __init__(self, entries: tuple[QueueEntry, ...] = (), parent: QObject | None = None) -> None:
        super().__init__(entries, parent)

    def set_entries(self, entries: tuple[QueueEntry, ...]) -> None:
        self.set_rows(entries)

    def entry(self, row: int) -> QueueEntry:
        return self.record(row)

    def row_of(self, arrival_id: int) -> int | None:
        """The row of this arrival, or None when it left the queue."""
        return next(
            (row for row, e in enumerate(self.records()) if e.arrival.id == arrival_id), None
        )

    def tooltip(self, entry: QueueEntry, column: Column) -> str | None:
        mother = entry.person.mother_name or ""
        return _("{stage}; mother: {mother}").format(
            stage=life_stage_label(entry.life_stage), mother=mother or "-"
        )

    def text(self, entry: QueueEntry, column: Column) -> str:
        """The cell's text (also what tests read)."""
        match column:
            case Column.NUMBER:
                return str(entry.arrival.queue_number)
            case Column.NAME:
                return entry.person.name  # sex is in the header once selected: names need room
            case Column.AGE:
                return short_age(entry.age_days, entry.age_months)

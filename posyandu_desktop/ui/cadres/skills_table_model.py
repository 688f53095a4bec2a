"""A cadre's basic skills: each skill with its group and the latest assessment (result, date,
assessor), in the order of resources/cadre/competence.json."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from posyandu_desktop.i18n import N_, _, current_language, format_date
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


@dataclass(frozen=True, slots=True)
class SkillRow:
    code: str
    group: str
    title: str
    passed: bool | None  # None: never assessed
    assessed_on: date | None
    assessor: str


class SkillColumn(IntEnum):
    CODE = 0
    SKILL = 1
    RESULT = 2
    ASSESSED_ON = 3
    ASSESSOR = 4


_HEADERS = {
    SkillColumn.CODE: N_("No."),
    SkillColumn.SKILL: N_("Skill"),
    SkillColumn.RESULT: N_("Result"),
    SkillColumn.ASSESSED_ON: N_("Assessed on"),
    SkillColumn.ASSESSOR: N_("Assessor"),
}


def localised(title_id: str, title_en: str) -> str:
    """The skill's or group's title in the UI language (the data holds both)."""
    return title_en if current_language() == "en" else title_id


class SkillsTableModel(RecordTableModel[SkillRow]):
    """Read-only rows, one per skill."""

    columns = SkillColumn
    headers = _HEADERS

    def text(self, row: SkillRow, column: SkillColumn) -> str:
        match column:
            case SkillColumn.CODE:
                return row.code
            case SkillColumn.SKILL:
                return f"{row.title} ({row.group})"
            case SkillColumn.RESULT:
                if row.passed is None:
                    return _("not assessed")
                return _("passed") if row.passed else _("not yet passed")
            case SkillColumn.ASSESSED_ON:
                return "" if row.assessed_on is None else format_date(row.assessed_on)
            case SkillColumn.ASSESSOR:
                return row.assessor

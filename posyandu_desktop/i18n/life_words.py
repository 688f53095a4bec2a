"""Words for the person's life (why someone left, how a pregnancy ended) and for what desks 3-5
do about today's results. The counselling messages themselves are data with both languages
(resources/counselling/messages.json)."""

from __future__ import annotations

from posyandu_desktop.domain.counselling import Action
from posyandu_desktop.domain.ilp_report import Finding
from posyandu_desktop.domain.life_events import LeftReason, PregnancyEnd
from posyandu_desktop.i18n.catalog import NP_
from posyandu_desktop.i18n.words import register

register(
    {
        LeftReason.MOVED: NP_("left because", "Moved away"),
        LeftReason.DIED: NP_("left because", "Died"),
    }
)
register(
    {
        PregnancyEnd.DELIVERED: NP_("pregnancy ended", "Gave birth"),
        PregnancyEnd.LOST: NP_("pregnancy ended", "Miscarriage or other end"),
    }
)
register(
    {
        Action.REFER: NP_("what to do", "Refer"),
        Action.COUNSEL: NP_("what to do", "Counsel"),
        Action.REMEASURE: NP_("what to do", "Measure again"),
        Action.PMT: NP_("what to do", "PMT"),
    }
)
# The ILP page's column heads (short: six share one row).
register(
    {
        Finding.KEK: NP_("ILP finding", "KEK"),
        Finding.ANAEMIA: NP_("ILP finding", "Anaemia"),
        Finding.HYPERTENSION: NP_("ILP finding", "High BP"),
        Finding.OBESITY: NP_("ILP finding", "Obesity"),
        Finding.TB_SUSPECT: NP_("ILP finding", "TB suspect"),
        Finding.DEPENDENT: NP_("ILP finding", "Dependent"),
    },
    "short",
)

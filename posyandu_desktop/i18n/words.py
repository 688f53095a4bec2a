"""The one registry of words for the domain's enums: every enum shown to a person registers its
members' English source strings once (`register`), and every screen, PDF and spreadsheet asks
for them (`words`), translated at call time. A variant ("initial", "short" ...) is a second set
of words for the same members where a table or a heading needs fewer letters.

The Indonesian is in `resources/locale/id/LC_MESSAGES/posyandu.po`; tests/i18n/test_words.py
checks that every member of every registered enum has words in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TypeVar

from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.problems import Field
from posyandu_desktop.i18n.catalog import N_, NP_, translator

# A source string alone, or (context, source string) when one English word may need several
# Indonesian ones.
Entry = str | tuple[str, str]

# The entry of a member that is never named on its own (a field shown without a prefix).
UNNAMED = ""

E = TypeVar("E", bound=Enum)

_REGISTRY: dict[tuple[type[Enum], str], dict[Enum, Entry]] = {}


def register(entries: Mapping[E, Entry] | Iterable[tuple[E, Entry]], variant: str = "") -> None:
    """Give enum members their words (mark them with `N_` or `NP_`); pairs rather than a dict
    where StrEnum members of different enums share a value (and so are equal)."""
    for member, entry in entries.items() if isinstance(entries, Mapping) else entries:
        _REGISTRY.setdefault((type(member), variant), {})[member] = entry


def words(member: Enum, variant: str = "", lang: str | None = None) -> str:
    """The words for an enum member in the UI language, or in `lang` ("" when `UNNAMED`)."""
    entry = _REGISTRY[type(member), variant][member]
    if entry == UNNAMED:
        return ""
    tr = translator(lang)
    return tr.gettext(entry) if isinstance(entry, str) else tr.pgettext(*entry)


def registered() -> dict[tuple[type[Enum], str], dict[Enum, Entry]]:
    """Every registered enum and variant with its entries (for the tests)."""
    return dict(_REGISTRY)


# The words for a person's sex: in full, as initials in tables and column heads (L/P), for a
# child's card, and inside a sentence about the NIK.
register({Sex.MALE: NP_("sex", "Male"), Sex.FEMALE: NP_("sex", "Female")})
register({Sex.MALE: NP_("sex initial", "M"), Sex.FEMALE: NP_("sex initial", "F")}, "initial")
register({Sex.MALE: NP_("sex", "Boy"), Sex.FEMALE: NP_("sex", "Girl")}, "child")
register({Sex.MALE: NP_("NIK sex", "man"), Sex.FEMALE: NP_("NIK sex", "woman")}, "NIK")

# The KMS letters (Buku KIA): with their meaning at the measuring desk, in a table cell, and in
# full for a tooltip.
register(
    {
        GrowthStatus.N: NP_("KMS status", "N: gained enough"),
        GrowthStatus.T: NP_("KMS status", "T: did not gain enough"),
        GrowthStatus.O: NP_("KMS status", "O: not weighed last month"),
        GrowthStatus.B: NP_("KMS status", "B: first weighing here"),
    },
)
register(
    {
        GrowthStatus.N: N_("N (went up)"),
        GrowthStatus.T: N_("T (did not go up)"),
        GrowthStatus.O: N_("O (not weighed last month)"),
        GrowthStatus.B: N_("B (first weighing)"),
    },
    "short",
)
register(
    {
        GrowthStatus.N: N_("N: weight went up enough (at least the KBM)"),
        GrowthStatus.T: N_("T: weight did not go up enough"),
        GrowthStatus.O: N_("O: not weighed last month"),
        GrowthStatus.B: N_("B: first weighing here"),
    },
    "long",
)

# The fields a problem names before saying what is wrong ("Weight: 98 is not possible"); the
# others are shown without a prefix, the problem's own words say enough.
register(dict.fromkeys(Field, UNNAMED))
register(
    {
        Field.MEASURED_ON: N_("Date measured"),
        Field.VISITED_ON: N_("Visit date"),
        Field.ISSUED_ON: N_("Date issued"),
        Field.WEIGHT_KG: N_("Weight"),
        Field.EVENT_ON: N_("Date"),
        Field.BABY_NAME: N_("Baby's name"),
        Field.BABY_SEX: N_("Baby's sex"),
        Field.BABY_BIRTH_WEIGHT_KG: N_("Birth weight (kg)"),
        Field.LAST_MONTH_KG: N_("Weight last month (from the KMS)"),
        Field.LENHEI_CM: N_("Length/height"),
        Field.POSITION: N_("Position"),
        Field.HEADC_CM: N_("Head circumference"),
        Field.LILA_CM: N_("LILA"),
        Field.WAIST_CM: N_("Waist"),
        Field.GLUCOSE_MG_DL: N_("Blood glucose"),
        Field.HAEMOGLOBIN_G_DL: N_("Haemoglobin"),
        Field.CHOLESTEROL_MG_DL: N_("Cholesterol"),
        Field.URIC_ACID_MG_DL: N_("Uric acid"),
        Field.SYSTOLIC_MMHG: N_("Systolic"),
        Field.DIASTOLIC_MMHG: N_("Diastolic"),
        Field.REASON: N_("Reason"),
        Field.FINDINGS: N_("Findings"),
        Field.FOLLOW_UP: N_("Follow-up"),
        Field.CADRE_IDS: N_("Cadres who went"),
        Field.PERSON_ID: N_("Who was visited"),
        Field.HOUSEHOLD_ID: N_("Household"),
        Field.NAME: N_("Name"),
        Field.NIK: N_("NIK"),
        Field.PHONE: N_("Phone"),
        Field.BPJS_KETENAGAKERJAAN: N_("BPJS Ketenagakerjaan"),
        Field.TITLE: N_("Certificate"),
        Field.ISSUER: N_("Issued by"),
        Field.NUMBER: N_("Certificate number"),
        Field.SKILL: N_("Skill"),
        Field.ASSESSOR: N_("Assessor"),
        Field.ASSESSED_ON: N_("Date assessed"),
        Field.KMS_VERSION: N_("KMS version"),
        Field.LEFT_AT: N_("Leaving time"),
    }
)

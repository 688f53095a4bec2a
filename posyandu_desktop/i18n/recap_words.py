"""Words for the puskesmas recap's codes, shared by its PDF and its spreadsheet. The index and
referral words are the monthly report's own, so a Posyandu's report and the recap read alike."""

from __future__ import annotations

from posyandu_desktop.domain.growth.classify import MUAC_SAM_BELOW_CM
from posyandu_desktop.domain.indicators import StatusIndex
from posyandu_desktop.domain.recap import MatchedBy, SharedKind, SharedPerson
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.i18n.catalog import N_, translator
from posyandu_desktop.i18n.formats import format_decimal
from posyandu_desktop.i18n.words import register, words

register(
    {
        StatusIndex.WEIGHT_FOR_AGE: N_("Weight-for-age (BB/U)"),
        StatusIndex.LENGTH_HEIGHT_FOR_AGE: N_("Length/height-for-age (PB/U, TB/U)"),
        StatusIndex.WEIGHT_FOR_LENGTH_HEIGHT: N_("Weight-for-length/height (BB/PB, BB/TB)"),
        StatusIndex.BMI_FOR_AGE: N_("BMI-for-age (IMT/U)"),
    }
)

# The forms' own abbreviations (Permenkes 2/2020), the same in every language.
INDEX_ABBREVIATIONS: dict[StatusIndex, str] = {
    StatusIndex.WEIGHT_FOR_AGE: "BB/U",
    StatusIndex.LENGTH_HEIGHT_FOR_AGE: "PB/U, TB/U",
    StatusIndex.WEIGHT_FOR_LENGTH_HEIGHT: "BB/PB, BB/TB",
    StatusIndex.BMI_FOR_AGE: "IMT/U",
}

register(
    {
        ReferralReason.T: N_("T (weight did not go up)"),
        ReferralReason.TWO_T: N_("2T"),
        ReferralReason.BGM: N_("BGM"),
        ReferralReason.ABOVE_ORANGE: N_("above the orange line"),
        ReferralReason.OEDEMA: N_("oedema"),
        ReferralReason.MUAC: N_("MUAC < {cm} cm"),
        ReferralReason.REMEASURE: N_("measure again"),
    }
)

register(
    {
        SharedKind.CHILD: N_("Child under five"),
        SharedKind.KEK: N_("Pregnant woman with KEK"),
    }
)

# A baby without a NIK: its NIK column holds the mother's NIK, and this says so.
_BY_MOTHER_NIK = N_("Child under five without NIK: same mother's NIK, birth date and sex")


def index_label(index: StatusIndex, lang: str | None = None) -> str:
    """An index's name with its abbreviation: "Weight-for-age (BB/U)"."""
    return words(index, lang=lang)


def reason_label(reason: ReferralReason, lang: str | None = None) -> str:
    """Why a child is referred, in a few words."""
    return words(reason, lang=lang).format(cm=format_decimal(MUAC_SAM_BELOW_CM, 1, lang))


def shared_kind_label(kind: SharedKind, lang: str | None = None) -> str:
    """Who was found in two Posyandu: a child or a pregnant woman with KEK."""
    return words(kind, lang=lang)


def shared_label(person: SharedPerson, lang: str | None = None) -> str:
    """Who was found in two Posyandu, and how a baby without a NIK was matched."""
    if person.matched_by is MatchedBy.MOTHER_NIK:
        return translator(lang).gettext(_BY_MOTHER_NIK)
    return shared_kind_label(person.kind, lang)

"""The one referral rule: when a balita goes to the puskesmas, and when a value must be measured
again first.

The desk's advice, the home screen's alerts, the KMS card's footnote and the monthly report's
referral list all call `referral_reasons` (docs/DECISIONS.md#one-referral-rule). Sources:
docs/sources/kms.md#lines-and-colours (T, below the red line, above the orange line; 2T from the
2019 surveillance guidance, docs/sources/kms.md#growth-status), docs/sources/lila-muac.md
(oedema, MUAC < 11.5 cm). A doubtful value (docs/DECISIONS.md#doubtful-values) judges nothing:
its category, KMS letter and LILA status are not stored, so it can only ask for a re-measure.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum

from posyandu_desktop.domain.growth.classify import (
    BGM_CATEGORY,
    Category,
    LilaStatus,
    WeightForAgeCategory,
)
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus

# Above the orange line: weight-for-age above +1 SD, "risiko berat badan lebih"
# (docs/sources/kms.md#lines-and-colours).
ABOVE_ORANGE_CATEGORY = WeightForAgeCategory.RISK_OF_OVERWEIGHT


class ReferralReason(Enum):
    """Why a balita goes to the puskesmas, in the card's order; REMEASURE is no referral."""

    T = "t"  # weight did not rise (Buku KIA 2023 refers at one T)
    TWO_T = "two_t"  # T for the second month running
    BGM = "bgm"  # below the red line
    ABOVE_ORANGE = "above_orange"  # above the orange line
    OEDEMA = "oedema"
    MUAC = "muac"  # LILA below 11.5 cm (6-59 months)
    REMEASURE = "remeasure"  # a doubtful value: measure again ("ukur ulang")


# The reasons that send a child to the puskesmas (all but the re-measure).
REFERRING = tuple(r for r in ReferralReason if r is not ReferralReason.REMEASURE)


def referral_reasons(
    *,
    growth_status: GrowthStatus | None,
    two_t: bool,
    wfa: Category | None,
    oedema: bool,
    lila_status: LilaStatus | None,
    doubtful: Collection[Quantity] = (),
) -> tuple[ReferralReason, ...]:
    """The reasons of one balita from its month's weighing (KMS letter, 2T and weight-for-age
    category as stored: none for a doubtful weight), oedema, the child's LILA status and the
    doubtful quantities of the month; empty: nothing to do. Oedema makes any LILA "SAM"
    (classify.lila_status), so with oedema the reason is OEDEMA alone, whoever computed the
    status."""
    found = []
    if growth_status is GrowthStatus.T:
        found.append(ReferralReason.T)
        if two_t:
            found.append(ReferralReason.TWO_T)
    if wfa is BGM_CATEGORY:
        found.append(ReferralReason.BGM)
    if wfa is ABOVE_ORANGE_CATEGORY:
        found.append(ReferralReason.ABOVE_ORANGE)
    if oedema:
        found.append(ReferralReason.OEDEMA)
    if lila_status is LilaStatus.SAM and not oedema:
        found.append(ReferralReason.MUAC)
    if doubtful:
        found.append(ReferralReason.REMEASURE)
    return tuple(found)


def is_referred(reasons: Collection[ReferralReason]) -> bool:
    """True when a reason sends the child to the puskesmas (a re-measure alone does not)."""
    return any(r is not ReferralReason.REMEASURE for r in reasons)

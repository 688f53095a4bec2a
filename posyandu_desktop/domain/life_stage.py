"""ILP life stages (who a Posyandu serves at which age) and the vitamin A capsule due by age.

The ILP Posyandu (Integrasi Layanan Primer) serves the whole life cycle with four recap forms
(docs/sources/ilp-life-stages.md): pregnant/postpartum women; bayi, balita and apras; school age and
remaja; adults and lansia. The age bounds below come from the regulations cited beside each
constant; they are [S] (read from secondary copies of the regulations): check them against the ILP
Juknis (Kepmenkes HK.01.07/MENKES/2015/2023) before release.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from posyandu_desktop.domain.months import completed_months


class LifeStage(StrEnum):
    """The ILP group a person is served in today."""

    PREGNANT_OR_POSTPARTUM = "pregnant_or_postpartum"  # ibu hamil, bersalin, nifas
    UNDER_FIVE = "under_five"  # bayi and balita, 0-59 months
    PRESCHOOL = "preschool"  # apras (anak prasekolah), 60-72 months
    SCHOOL_AGE_ADOLESCENT = "school_age_adolescent"  # usia sekolah and remaja, to 18 years
    ADULT = "adult"  # usia dewasa, 18-59 years
    ELDERLY = "elderly"  # lansia, 60 years and over


# Permenkes 25/2014 (Upaya Kesehatan Anak), art. 1: anak balita 12-59 months (bayi 0-11 before
# it), anak prasekolah "60 sampai 72 bulan", anak usia sekolah "lebih dari 6 tahun sampai sebelum
# berusia 18 tahun" (remaja 10-18 inside it).
UNDER_FIVE_BELOW_MONTHS = 60
PRESCHOOL_TO_MONTHS = 72  # inclusive
ADOLESCENT_FROM_YEARS = 10  # remaja
ADULT_FROM_YEARS = 18
# UU 13/1998 (Kesejahteraan Lanjut Usia), art. 1: lansia from 60 years.
ELDERLY_FROM_YEARS = 60
# Wanita usia subur (WUS): women aged 15-49 years, whose LILA is judged against the KEK cut-off
# (docs/sources/lila-muac.md).
WUS_YEARS = (15, 49)  # inclusive
# Permenkes 21/2021, art. 1: masa nifas lasts from 6 hours to 42 days after delivery.
POSTPARTUM_DAYS = 42


def under_five_during(birth_date: date, left_on: date | None, first: date, last: date) -> bool:
    """Under five at some day from `first` to `last`, born by `last` and not gone before."""
    return (
        birth_date <= last
        and (birth_date >= first or completed_months(birth_date, first) < UNDER_FIVE_BELOW_MONTHS)
        and (left_on is None or left_on >= first)
    )


def life_stage(
    birth_date: date, on: date, *, pregnant: bool = False, delivered_on: date | None = None
) -> LifeStage:
    """The ILP group on `on`: pregnancy and the 42 days after delivery come before age.

    Raises ValueError when `on` is before the birth date, as `completed_months` does."""
    if pregnant or (
        delivered_on is not None and delivered_on <= on <= delivered_on + timedelta(POSTPARTUM_DAYS)
    ):
        return LifeStage.PREGNANT_OR_POSTPARTUM
    months = completed_months(birth_date, on)
    if months < UNDER_FIVE_BELOW_MONTHS:
        return LifeStage.UNDER_FIVE
    if months <= PRESCHOOL_TO_MONTHS:
        return LifeStage.PRESCHOOL
    years = months // 12
    if years < ADULT_FROM_YEARS:
        return LifeStage.SCHOOL_AGE_ADOLESCENT
    return LifeStage.ADULT if years < ELDERLY_FROM_YEARS else LifeStage.ELDERLY


def in_lila_woman_group(
    birth_date: date, on: date, *, pregnant: bool = False, delivered_on: date | None = None
) -> bool:
    """True for an age of WUS or a pregnancy or nifas on `on`: the women whose LILA is judged
    against the KEK cut-off (docs/sources/lila-muac.md#cut-offs); say nothing of sex."""
    years = completed_months(birth_date, on) // 12
    stage = life_stage(birth_date, on, pregnant=pregnant, delivered_on=delivered_on)
    return WUS_YEARS[0] <= years <= WUS_YEARS[1] or stage is LifeStage.PREGNANT_OR_POSTPARTUM


class VitaminACapsule(StrEnum):
    """Vitamin A capsule colours: blue 100,000 IU for infants, red 200,000 IU from 12 months."""

    BLUE = "blue"
    RED = "red"


# Bulan Vitamin A: capsules are given in February and August (docs/sources/ilp-life-stages.md): 6-11
# months blue, 12-59 months red (Kemenkes Juknis Pemberian Vitamin A).
VITAMIN_A_MONTHS = (2, 8)
_BLUE_FROM_MONTHS = 6
_RED_FROM_MONTHS = 12


def capsule_for_age(completed_months: int) -> VitaminACapsule | None:
    """The capsule for a child of this many completed months; None outside 6-59 months."""
    if _BLUE_FROM_MONTHS <= completed_months < _RED_FROM_MONTHS:
        return VitaminACapsule.BLUE
    if _RED_FROM_MONTHS <= completed_months < UNDER_FIVE_BELOW_MONTHS:
        return VitaminACapsule.RED
    return None


def vitamin_a_capsule(birth_date: date, on: date) -> VitaminACapsule | None:
    """The capsule for a child's age on `on` (any month); None outside 6-59 months."""
    return None if on < birth_date else capsule_for_age(completed_months(birth_date, on))


def vitamin_a_due(birth_date: date, on: date) -> VitaminACapsule | None:
    """The capsule a child should get on `on`: only in February and August."""
    return vitamin_a_capsule(birth_date, on) if on.month in VITAMIN_A_MONTHS else None

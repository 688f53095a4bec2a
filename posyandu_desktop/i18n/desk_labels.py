"""Words for the registration and measuring desks: measured quantities, doubts about typed
values, NIK problems while typing, and the KMS growth letters with their gain and KBM.

English source strings here; Indonesian in the catalog. Sentences are built here, not in the
UI, so the words and their numbers stay together (dates and decimals in the UI language).
"""

from __future__ import annotations

from datetime import date

from posyandu_desktop.domain.growth.plausibility import Doubt, PlausibilityIssue, Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.nik import NIK_LENGTH, NikIssue, NikMismatch, NikProblem
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n.catalog import N_, NP_, translator
from posyandu_desktop.i18n.formats import age_text, format_date, format_decimal
from posyandu_desktop.i18n.labels import indicator_label
from posyandu_desktop.i18n.words import register, words

register(
    {
        Quantity.WEIGHT_KG: NP_("quantity", "Weight"),
        Quantity.LENHEI_CM: NP_("quantity", "Length/height"),
        Quantity.HEADC_CM: NP_("quantity", "Head circumference"),
        Quantity.LILA_CM: NP_("quantity", "Upper arm circumference (LILA)"),
        Quantity.WAIST_CM: NP_("quantity", "Waist circumference"),
        Quantity.GLUCOSE_MG_DL: NP_("quantity", "Blood sugar"),
        Quantity.SYSTOLIC_MMHG: NP_("quantity", "Systolic blood pressure"),
        Quantity.DIASTOLIC_MMHG: NP_("quantity", "Diastolic blood pressure"),
        Quantity.HAEMOGLOBIN_G_DL: NP_("quantity", "Haemoglobin"),
        Quantity.CHOLESTEROL_MG_DL: NP_("quantity", "Total cholesterol"),
        Quantity.URIC_ACID_MG_DL: NP_("quantity", "Uric acid"),
    }
)
# Unit symbols are the same in every language.
UNITS: dict[Quantity, str] = {
    Quantity.WEIGHT_KG: "kg",
    Quantity.LENHEI_CM: "cm",
    Quantity.HEADC_CM: "cm",
    Quantity.LILA_CM: "cm",
    Quantity.WAIST_CM: "cm",
    Quantity.GLUCOSE_MG_DL: "mg/dL",
    Quantity.SYSTOLIC_MMHG: "mmHg",
    Quantity.DIASTOLIC_MMHG: "mmHg",
    Quantity.HAEMOGLOBIN_G_DL: "g/dL",
    Quantity.CHOLESTEROL_MG_DL: "mg/dL",
    Quantity.URIC_ACID_MG_DL: "mg/dL",
}
# Decimals a value is typed and shown with: scales read to 0.1 kg, boards and tapes to 0.1 cm.
DECIMALS: dict[Quantity, int] = {
    Quantity.WEIGHT_KG: 1,
    Quantity.LENHEI_CM: 1,
    Quantity.HEADC_CM: 1,
    Quantity.LILA_CM: 1,
    Quantity.WAIST_CM: 1,
    Quantity.GLUCOSE_MG_DL: 0,
    Quantity.SYSTOLIC_MMHG: 0,
    Quantity.DIASTOLIC_MMHG: 0,
    Quantity.HAEMOGLOBIN_G_DL: 1,
    Quantity.CHOLESTEROL_MG_DL: 0,
    Quantity.URIC_ACID_MG_DL: 1,
}

register(
    {
        Doubt.OUTSIDE_USUAL_RANGE: N_(
            "{quantity} {value} is not plausible at age {age} (usually {low} to {high})."
        ),
        Doubt.CHANGED_TOO_MUCH: N_(
            "{quantity} changed from {previous} on {previous_on} to {value}: too much for one"
            " month."
        ),
        Doubt.DECREASED: N_(
            "{quantity} {value} is less than the {previous} measured on {previous_on}."
        ),
        Doubt.WHO_FLAG: N_(
            "{quantity} {value} gives {index} z-score {z}: beyond WHO's plausible limits."
        ),
    }
)

register(
    {
        NikProblem.EMPTY: N_("Type the 16 digits of the NIK"),
        NikProblem.NOT_DIGITS: N_("A NIK has only digits"),
        NikProblem.WRONG_LENGTH: N_("A NIK has {expected} digits; this one has {found}"),
        NikProblem.BAD_PROVINCE: N_("Province code {found} is unknown: check the NIK"),
        NikProblem.BAD_MONTH: N_("Month {found} in the NIK does not exist"),
        NikProblem.BAD_DAY: N_("Day {found} in the NIK does not exist"),
        NikProblem.ZERO_SERIAL: N_("The last four digits of a NIK cannot be 0000"),
    }
)

register(
    {
        NikMismatch.BIRTH_DATE: N_("The birth date in the NIK is {nik_date}: check both"),
        NikMismatch.SEX: N_("The NIK is a {nik_sex}'s: check the sex and the NIK"),
    }
)


def quantity_label(quantity: Quantity, lang: str | None = None) -> str:
    """The name of a measured quantity."""
    return words(quantity, lang=lang)


def quantity_text(quantity: Quantity, value: float, lang: str | None = None) -> str:
    """A value with its unit, in the quantity's decimals: "12,5 kg", "120 mmHg"."""
    return f"{format_decimal(value, DECIMALS[quantity], lang)} {UNITS[quantity]}"


def doubt_text(issue: PlausibilityIssue, *, age_days: int, lang: str | None = None) -> str:
    """One sentence saying why a typed value looks wrong."""
    quantity = issue.quantity

    def amount(value: float | None) -> str:
        return "" if value is None else quantity_text(quantity, value, lang)

    previous_on = "" if issue.previous_on is None else format_date(issue.previous_on, lang)
    signed_z = (
        "" if issue.z is None else ("+" if issue.z > 0 else "") + format_decimal(issue.z, 2, lang)
    )
    return words(issue.doubt, lang=lang).format(
        quantity=quantity_label(quantity, lang),
        value=amount(issue.value),
        age=age_text(max(age_days, 0), lang),
        low=amount(issue.low),
        high=amount(issue.high),
        previous=amount(issue.previous),
        previous_on=previous_on,
        index="" if issue.indicator is None else indicator_label(issue.indicator, lang),
        z=signed_z,
    )


def nik_problem_text(issue: NikIssue, lang: str | None = None) -> str:
    """What is wrong with a typed NIK, in words."""
    return words(issue.problem, lang=lang).format(
        expected=NIK_LENGTH, found="" if issue.found is None else issue.found
    )


def nik_mismatch_text(
    mismatch: NikMismatch,
    *,
    nik_date: date | None,
    nik_female: bool | None,
    lang: str | None = None,
) -> str:
    """Where the NIK disagrees with the typed birth date or sex (a warning)."""
    sex_word = ""
    if nik_female is not None:
        sex_word = words(Sex.FEMALE if nik_female else Sex.MALE, "NIK", lang)
    return words(mismatch, lang=lang).format(
        nik_date="" if nik_date is None else format_date(nik_date, lang), nik_sex=sex_word
    )


def growth_change_text(
    status: GrowthStatus, gain_g: int | None, kbm_g: int | None, lang: str | None = None
) -> str:
    """The weight change behind N or T: "Up 450 g (KBM 300 g)", "Down 200 g (KBM 300 g)"."""
    tr = translator(lang)
    if gain_g is None:
        return words(status, lang=lang)
    if gain_g > 0:
        change = tr.gettext("Up {grams} g").format(grams=gain_g)
    elif gain_g < 0:
        change = tr.gettext("Down {grams} g").format(grams=-gain_g)
    else:
        change = tr.gettext("Weight unchanged")
    if kbm_g is None:
        # No KBM for this age: the cadre decides on the curve of the KMS.
        return tr.gettext("{change} (check the growth line on the KMS)").format(change=change)
    if status is GrowthStatus.T and gain_g > 0:
        # "T" beside "up 40 g" reads as a contradiction: say why it is not enough.
        return tr.gettext("{change}, less than the KBM of {kbm} g").format(change=change, kbm=kbm_g)
    return tr.gettext("{change} (KBM {kbm} g)").format(change=change, kbm=kbm_g)

"""Words for the early-warning list: each reason in one line with its numbers, and what a home
visit did."""

from __future__ import annotations

from posyandu_desktop.domain.early_warning import Finding, RiskReason, StuntingRisk
from posyandu_desktop.domain.vocabulary import VisitAction
from posyandu_desktop.i18n.catalog import NP_, translator
from posyandu_desktop.i18n.formats import format_decimal
from posyandu_desktop.i18n.words import register, words

register(
    {
        RiskReason.LENGTH_FALLING: NP_("RiskReason", "Length-for-age falling"),
        RiskReason.WEIGHT_FALLING: NP_("RiskReason", "Weight-for-age fell across a line"),
        RiskReason.TWO_T: NP_("RiskReason", "2T (no weight gain twice)"),
        RiskReason.T_TWICE: NP_("RiskReason", "T twice in three months"),
        RiskReason.LOW_BIRTH_WEIGHT: NP_("RiskReason", "Low birth weight (BBLR)"),
        RiskReason.SHORT_BIRTH_LENGTH: NP_("RiskReason", "Born short"),
        RiskReason.MOTHER_KEK: NP_("RiskReason", "Mother had KEK in pregnancy"),
        RiskReason.MISSED_WEIGHINGS: NP_("RiskReason", "Missed weighings"),
    }
)
register(
    {
        VisitAction.COUNSELLING: NP_("VisitAction", "Counselling"),
        VisitAction.PMT: NP_("VisitAction", "Supplementary food (PMT)"),
        VisitAction.REFERRAL: NP_("VisitAction", "Referral to the puskesmas"),
    }
)
# For the visit form's tick boxes, which share one row beside the other fields.
register(
    {
        VisitAction.COUNSELLING: NP_("VisitAction short", "Counselling"),
        VisitAction.PMT: NP_("VisitAction short", "PMT"),
        VisitAction.REFERRAL: NP_("VisitAction short", "Referral"),
    },
    "short",
)


def finding_text(finding: Finding, lang: str | None = None) -> str:
    """One reason with its numbers, e.g. 'Length-for-age falling: 0.55 SD less in 3 months,
    now -1.35'."""
    tr = translator(lang)
    name = words(finding.reason, lang=lang)
    amount, months = finding.amount, finding.months
    match finding.reason:
        case RiskReason.LENGTH_FALLING | RiskReason.WEIGHT_FALLING if amount and months:
            detail = tr.gettext("{sd} SD less in {months} months, now {z}").format(
                sd=format_decimal(amount, 2, lang),
                months=months,
                z=format_decimal(finding.z or 0.0, 2, lang),
            )
        case RiskReason.LOW_BIRTH_WEIGHT if amount:
            detail = tr.gettext("{kg} kg at birth").format(kg=format_decimal(amount, 2, lang))
        case RiskReason.SHORT_BIRTH_LENGTH if amount:
            detail = tr.gettext("{cm} cm at birth").format(cm=format_decimal(amount, 1, lang))
        case RiskReason.MOTHER_KEK if amount:
            detail = tr.gettext("LILA {cm} cm").format(cm=format_decimal(amount, 1, lang))
        case RiskReason.MISSED_WEIGHINGS if amount and months:
            detail = tr.gettext("{missed} of the last {months} months").format(
                missed=int(amount), months=months
            )
        case _:
            return name
    return f"{name}: {detail}"


def risk_line(risk: StuntingRisk, lang: str | None = None) -> str:
    """Every reason of a child on the list, heaviest first, in one line."""
    return "; ".join(finding_text(f, lang) for f in risk.findings)


def short_text(finding: Finding, lang: str | None = None) -> str:
    """One reason in a few words, for a narrow column: 'PB/U down 0.97 SD', '2T', 'BBLR 2.47 kg'."""
    tr = translator(lang)
    amount = finding.amount or 0.0
    match finding.reason:
        case RiskReason.LENGTH_FALLING:
            return tr.gettext("Length-for-age down {sd} SD").format(
                sd=format_decimal(amount, 2, lang)
            )
        case RiskReason.WEIGHT_FALLING:
            return tr.gettext("Weight-for-age down {sd} SD").format(
                sd=format_decimal(amount, 2, lang)
            )
        case RiskReason.LOW_BIRTH_WEIGHT:
            return tr.gettext("BBLR {kg} kg").format(kg=format_decimal(amount, 2, lang))
        case RiskReason.SHORT_BIRTH_LENGTH:
            return tr.gettext("Born short, {cm} cm").format(cm=format_decimal(amount, 1, lang))
        case RiskReason.MISSED_WEIGHINGS:
            return tr.gettext("Not weighed {missed} of {months} months").format(
                missed=int(amount), months=finding.months or 0
            )
        case _:
            return words(finding.reason, lang=lang)


def risk_headline(risk: StuntingRisk, lang: str | None = None) -> str:
    """The heaviest reason in a few words, and how many more there are: one short line."""
    first = short_text(risk.findings[0], lang)
    more = len(risk.findings) - 1
    if not more:
        return first
    return translator(lang).gettext("{reason} (+{more} more)").format(reason=first, more=more)

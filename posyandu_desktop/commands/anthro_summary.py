"""The `--summary` file of `posyandu-desktop anthro`: prevalences with 95 % CIs by sex and age
group, mean z-scores, and the data-quality checks, as one table for Excel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from posyandu_desktop.domain.growth.prevalence import Child, Estimate, summarise
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.exchange.tabular import Table, csv_text, write_csv, write_xlsx
from posyandu_desktop.i18n.catalog import N_, translator
from posyandu_desktop.i18n.growth_words import indicator_label
from posyandu_desktop.i18n.words import words

_MEANS = {
    "len": N_("Mean length/height-for-age z"),
    "wei": N_("Mean weight-for-age z"),
    "wfl": N_("Mean weight-for-length/height z"),
    "bmi": N_("Mean BMI-for-age z"),
}
_SEXES = {"1": N_("boys"), "2": N_("girls")}


def _group_name(key: str, tr: Callable[[str], str]) -> str:
    words = []
    for part in key.split("|"):
        kind, _, value = part.partition(":")
        if kind == "all":
            words.append(tr(N_("All children 0-59 months")))
        elif kind == "sex":
            words.append(tr(_SEXES[value]))
        else:
            words.append(tr(N_("{months} months")).format(months=value))
    return ", ".join(words)


def summary_rows(children: Sequence[Child], *, lang: str, decimal: str) -> list[list[str]]:
    """Header and rows: group, measure, n, value, 95 % CI low and high, SD."""
    gettext = translator(lang).gettext

    def name(suffix: str) -> str:
        return indicator_label(Indicator(suffix), lang)

    def num(x: float | None, digits: int = 1) -> str:
        return "" if x is None else f"{x:.{digits}f}".replace(".", decimal)

    def line(group: str, measure: str, e: Estimate, digits: int) -> list[str]:
        return [
            group,
            measure,
            str(e.n),
            num(e.value, digits),
            num(e.low, digits),
            num(e.high, digits),
            num(e.sd, 2),
        ]

    results, quality = summarise(children)
    rows = [
        [
            gettext("group"),
            gettext("measure"),
            gettext("n"),
            gettext("value"),
            gettext("95% CI low"),
            gettext("95% CI high"),
            gettext("SD"),
        ]
    ]
    for result in results:
        group = _group_name(result.group, gettext)
        for condition, estimate in result.prevalence.items():
            rows.append(line(group, words(condition, lang=lang), estimate, 1))
        for suffix, estimate in result.mean_z.items():
            rows.append(line(group, gettext(_MEANS[suffix]), estimate, 2))
    check = gettext("Data quality")
    n = str(quality.children)
    for suffix, share in quality.flagged_percent.items():
        label = gettext("Flagged z-scores, {indicator} (%)").format(indicator=name(suffix))
        rows.append([check, label, n, num(share), "", "", ""])
    for suffix, sd in quality.sd.items():
        label = gettext("SD of z-scores, {indicator}").format(indicator=name(suffix))
        rows.append([check, label, n, num(sd, 2), "", "", ""])
    for label, value in (
        (
            N_("Digit preference score, weight (0 = none, above 20 = a problem)"),
            quality.weight_digit_score,
        ),
        (
            N_("Digit preference score, length/height (0 = none, above 20 = a problem)"),
            quality.lenhei_digit_score,
        ),
        (
            N_("Ages at whole years 12-48 months, among 6-59 months (%; about 8 expected)"),
            quality.age_whole_year_percent,
        ),
        (
            N_("Age heaping score, month of age (0 = none)"),
            quality.age_month_score,
        ),
    ):
        rows.append([check, gettext(label), n, num(value), "", "", ""])
    return rows


def write_summary(target: Path, children: Sequence[Child], *, lang: str, table: Table) -> None:
    """The summary as .xlsx (by its name) or CSV in the input's separator and decimal mark."""
    if target.suffix.lower() == ".xlsx":
        rows = summary_rows(children, lang=lang, decimal=".")
        write_xlsx(target, rows[0], rows[1:], decimal=".")
    else:
        rows = summary_rows(children, lang=lang, decimal=table.decimal)
        write_csv(target, [csv_text(rows, table.delimiter)])

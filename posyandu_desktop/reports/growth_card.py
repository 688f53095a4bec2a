"""The child's growth card: the KMS of the Buku KIA (weight-for-age 0-24 and 24-60 months, with
the monthly rows under each chart) and a second page with length/height, weight-for-length/
height and head circumference.

Like the paper KMS (docs/sources/kms.md), the rows under a chart have one column per month of age,
aligned with the chart: the column of completed months k spans ages k to k+1, where the point of
a weighing at that age falls. Two calendar months weighed at the same completed age (a Posyandu
day that moved) take consecutive columns, as a cadre would write them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from posyandu_desktop.domain.growth.classify import Category, Severity
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.weight_gain import KbmTable
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS, VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.referral import REFERRING
from posyandu_desktop.i18n import (
    Translator,
    category_label,
    format_date,
    format_decimal,
    month_name,
    translator,
)
from posyandu_desktop.i18n.recap_words import reason_label
from posyandu_desktop.i18n.words import words
from posyandu_desktop.reports import sd_chart, styles
from posyandu_desktop.reports.data import CardMonth, GrowthCardData
from posyandu_desktop.reports.sd_chart import Box

_W, _H = styles.PAGE
_LEFT = styles.MARGIN + 58  # room for the row names and the y axis
_RIGHT = _W - styles.MARGIN - 14
_BOY_FILL = "#cfe2f3"  # the Buku KIA prints the boys' KMS blue and the girls' pink
_GIRL_FILL = "#f8d7e3"


def columns(months: tuple[CardMonth, ...]) -> dict[int, CardMonth]:
    """KMS column (0-59) -> the month written in it: completed months of age, moved right
    when the month before already took that column; months past 59 are left off."""
    placed: dict[int, CardMonth] = {}
    last = -1
    for m in months:
        column = max(m.age_months, last + 1)
        if column < UNDER_FIVE_BELOW_MONTHS:  # the KMS covers 0-59 completed months
            placed[column] = m
        last = column
    return placed


def weighed_decimals(weight_kg: float) -> int:
    """The fewest decimals (1-3) that print the weight exactly: 9.5 -> 1, 9.25 -> 2."""
    return next((d for d in (1, 2) if abs(round(weight_kg, d) - weight_kg) < 1e-9), 3)


def render_growth_card(
    card: GrowthCardData,
    fonts_dir: Path,
    *,
    lang: str | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The card as PDF bytes (two A4 pages)."""
    styles.register_fonts(fonts_dir)
    tr = translator(lang)
    printed = format_date(printed_on or date.today(), lang)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=styles.PAGE, pageCompression=1)
    c.setTitle(tr.gettext("Growth card (KMS)") + " - " + card.name)
    c.setAuthor("Posyandu Desktop")
    footer = tr.gettext("Method: WHO 2006 growth standards, Permenkes 2/2020. Printed {date}.")
    footer = footer.format(date=printed)
    place = columns(card.months)
    band = _band_label(lang)

    top = _header(c, card, tr, lang)
    y = top - 14
    for chart, first in ((Chart.WEIGHT_FOR_AGE_0_24, 0), (Chart.WEIGHT_FOR_AGE_24_60, 24)):
        drawn = card.chart(chart)
        if drawn is None:
            continue
        c.setFont(styles.BOLD, 8.5)
        c.setFillColor(styles.ACCENT)
        c.drawString(styles.MARGIN, y, words(chart, lang=lang))
        box = Box(_LEFT, y - 8 - 205, _RIGHT - _LEFT, 205)
        scale = sd_chart.draw(
            c,
            drawn,
            box,
            x_label=tr.gettext("Age (completed months)"),
            y_label=tr.gettext("Weight (kg)"),
            band_label=band,
            x_tick_label=_age_tick(tr),
            red_orange=(card.kms.red_line_z, card.kms.orange_line_z),
        )
        last = first + (24 if first == 0 else 36)
        y = _rows(c, scale, place, (first, last), card.kms.kbm, tr, lang) - 16
    refer = ", ".join(reason_label(r, lang) for r in REFERRING)
    notes = Paragraph(
        tr.gettext(
            "N = weight went up by at least the KBM; T = did not; O = not weighed last month;"
            " B = first weighing here. KBM = minimum weight gain (Buku KIA); gain = this weight"
            " minus last month's, in grams."
        )
        + " "
        + tr.gettext("Refer to the puskesmas when: {reasons}.").format(reasons=refer)
        + " "
        + tr.gettext(
            "? = a doubtful value, kept but not judged: measure again. An arrow at the chart's"
            " edge points to a doubtful value outside it."
        ),
        styles.style(6.5, textColor=styles.MUTED),
    )
    _, used = notes.wrapOn(c, _W - 2 * styles.MARGIN, 40)
    notes.drawOn(c, styles.MARGIN, y - used + 8)
    _footer(c, footer, tr, 1)
    c.showPage()

    top = _header(c, card, tr, lang, short=True)
    second = [
        card.chart(which)
        for which in (
            Chart.LENGTH_FOR_AGE_0_24,
            Chart.HEIGHT_FOR_AGE_24_60,
            Chart.WEIGHT_FOR_LENGTH_45_110,
            Chart.WEIGHT_FOR_HEIGHT_65_120,
            Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24,
        )
    ]
    shown = [chart for chart in second if chart is not None]
    width = (_W - 2 * styles.MARGIN - 2 * 40) / 2
    height = (top - styles.MARGIN - 3 * 42) / 2
    for i, drawn in enumerate(shown[:4]):
        column, row = i % 2, i // 2
        x = styles.MARGIN + 26 + column * (width + 40)
        y_top = top - 16 - row * (height + 44)
        c.setFont(styles.BOLD, 8.5)
        c.setFillColor(styles.ACCENT)
        c.drawString(x - 24, y_top, words(drawn.chart, lang=lang))
        x_label, y_label = _axis_labels(drawn.chart, tr)
        sd_chart.draw(
            c,
            drawn,
            Box(x, y_top - 8 - height, width, height),
            x_label=x_label,
            y_label=y_label,
            band_label=band,
        )
    _footer(c, footer, tr, 2)
    c.showPage()
    c.save()
    return buffer.getvalue()


def write_growth_card(
    card: GrowthCardData,
    target: Path,
    fonts_dir: Path,
    *,
    lang: str | None = None,
    printed_on: date | None = None,
) -> Path:
    """Render the card and write it atomically to `target`."""
    data = render_growth_card(card, fonts_dir, lang=lang, printed_on=printed_on)
    return styles.write_atomically(target, data)


def _band_label(lang: str | None) -> Callable[[Category | Severity], str | None]:
    def label(kind: Category | Severity) -> str | None:
        return None if isinstance(kind, Severity) else category_label(kind, lang)

    return label


def _age_tick(tr: Translator) -> Callable[[float], str]:
    def tick(months: float) -> str:
        whole = int(months)
        if whole and whole % 12 == 0:  # a year mark, as on the KMS
            return tr.gettext("{years} yr").format(years=whole // 12)
        return str(whole)

    return tick


def _axis_labels(chart: Chart, tr: Translator) -> tuple[str, str]:
    age = tr.gettext("Age (completed months)")
    match chart:
        case Chart.LENGTH_FOR_AGE_0_24:
            return age, tr.gettext("Length (cm)")
        case Chart.HEIGHT_FOR_AGE_24_60:
            return age, tr.gettext("Height (cm)")
        case Chart.WEIGHT_FOR_LENGTH_45_110:
            return tr.gettext("Length (cm)"), tr.gettext("Weight (kg)")
        case Chart.WEIGHT_FOR_HEIGHT_65_120:
            return tr.gettext("Height (cm)"), tr.gettext("Weight (kg)")
        case _:
            return age, tr.gettext("Head circumference (cm)")


def _header(
    c: Canvas, card: GrowthCardData, tr: Translator, lang: str | None, *, short: bool = False
) -> float:
    """Title strip and the child's details; returns the y below them."""
    top = _H - styles.MARGIN
    c.setFillColor(colors.HexColor(_BOY_FILL if card.sex is Sex.MALE else _GIRL_FILL))
    c.rect(styles.MARGIN, top - 20, _W - 2 * styles.MARGIN, 20, stroke=0, fill=1)
    c.setFillColor(styles.INK)
    c.setFont(styles.BOLD, 12)
    title = tr.gettext("Growth card (KMS)")
    c.drawString(styles.MARGIN + 6, top - 14, title)
    c.setFont(styles.BOLD, 10)
    c.drawRightString(_W - styles.MARGIN - 6, top - 14, words(card.sex, "child", lang))
    if card.nik:
        nik_label, nik = tr.gettext("NIK"), card.nik
    else:
        nik_label, nik = tr.gettext("Mother's NIK"), card.mother_nik or "-"
    fields = [
        (tr.gettext("Name"), card.name),
        (tr.gettext("Date of birth"), format_date(card.birth_date, lang)),
    ]
    if not short:
        fields += [
            (tr.gettext("Sex"), words(card.sex, "child", lang)),
            (nik_label, nik),
            (tr.gettext("Mother's name"), card.mother_name or "-"),
            (tr.gettext("Posyandu"), card.posyandu.name or "-"),
        ]
    y = top - 32
    half = (_W - 2 * styles.MARGIN) / 2
    for i, (label, value) in enumerate(fields):
        x = styles.MARGIN + (i % 2) * half
        if i and i % 2 == 0:
            y -= 12
        c.setFont(styles.FONT, 7.5)
        c.setFillColor(styles.MUTED)
        c.drawString(x + 2, y, label)
        c.setFont(styles.BOLD, 8.5)
        c.setFillColor(styles.INK)
        c.drawString(x + 78, y, value)
    return y - 6


def _rows(
    c: Canvas,
    s: sd_chart.Scale,
    place: dict[int, CardMonth],
    span: tuple[int, int],
    kbm: KbmTable,
    tr: Translator,
    lang: str | None,
) -> float:
    """The KMS rows under a chart for columns first..last-1 (`span`), the KBM row from the
    chosen KMS version; returns the y below them."""
    first, last = span
    names = [
        tr.gettext("Month"),
        tr.gettext("Weight (kg)"),
        tr.gettext("KBM (g)"),
        tr.gettext("Gain (g)"),
        tr.gettext("N/T"),
    ]
    if first == 0:  # exclusive breastfeeding is for 0-6 months: not recorded, left to write in
        names.append(tr.gettext("Excl. breastfeeding"))
    names.append(tr.gettext("Vitamin A"))
    heights = [13.0] + [8.5] * (len(names) - 1)
    top = s.box.y - 20
    y = top
    width = s.px(first + 1) - s.px(first)
    c.setLineWidth(0.3)
    c.setStrokeColor(styles.RULE)
    for r, (name, height) in enumerate(zip(names, heights, strict=True)):
        y -= height
        c.setFillColor(styles.HEADER_FILL if r == 0 else colors.white)
        c.rect(styles.MARGIN, y, _LEFT - styles.MARGIN, height, stroke=1, fill=1)
        c.setFillColor(styles.INK)
        c.setFont(styles.NARROW_BOLD, 6)
        c.drawString(styles.MARGIN + 2, y + height / 2 - 2, name)
        kbm_runs = _kbm_runs((first, last), kbm, place) if r == 2 else None
        if kbm_runs is not None:
            for start, end, grams in kbm_runs:
                x0, x1 = s.px(start), s.px(end)
                c.rect(x0, y, x1 - x0, height, stroke=1, fill=0)
                if grams is not None:
                    c.setFont(styles.NARROW, 6)
                    c.drawCentredString((x0 + x1) / 2, y + 2.4, str(grams))
            continue
        for column in range(first, last):
            x = s.px(column)
            c.rect(x, y, width, height, stroke=1, fill=0)
            month = place.get(column)
            if month is None:
                continue
            _cell(c, x + width / 2, y, width, height, r, r == len(names) - 1, month, tr, lang)
    return y


def _cell(
    c: Canvas,
    x: float,
    y: float,
    width: float,
    height: float,
    row: int,
    vitamin_row: bool,
    m: CardMonth,
    tr: Translator,
    lang: str | None,
) -> None:
    c.setFillColor(styles.INK)
    if row == 0:
        c.setFont(styles.NARROW, 5.6)
        c.drawCentredString(x, y + 7, month_name(m.month, lang)[:3])
        c.drawCentredString(x, y + 1.6, f"{m.year % 100:02d}")
    elif row == 1 and m.weight_kg is not None:
        # As many decimals as were weighed, so the printed weights give the gain exactly.
        text = format_decimal(m.weight_kg, weighed_decimals(m.weight_kg), lang)
        c.setFont(styles.NARROW, min(5.6, width / (3.1 if m.doubtful else 2.6)))
        if m.doubtful:
            c.setFillColor(styles.DOUBTFUL)
            text += "?"
        c.drawCentredString(x, y + 2.4, text)
    elif row == 3 and m.gain_g is not None:
        c.setFont(styles.NARROW, min(5.6, width / 2.6))
        c.drawCentredString(x, y + 2.4, str(m.gain_g))
    elif row == 4 and m.status is not None:
        c.setFont(styles.NARROW_BOLD, 6.5)
        c.drawCentredString(x, y + 2.2, m.status.value)
    elif vitamin_row and m.vitamin_a is not None:
        # The capsule's colour as a filled dot and its initial (blue/red), for grey printers too.
        fill = "#1e63b5" if m.vitamin_a is VitaminACapsule.BLUE else "#c62828"
        c.setFillColor(colors.HexColor(fill))
        c.circle(x - 2.4, y + height / 2, 1.8, stroke=0, fill=1)
        c.setFillColor(styles.INK)
        c.setFont(styles.NARROW_BOLD, 5.6)
        initial = (
            tr.pgettext("vitamin A capsule initial", "B")
            if m.vitamin_a is VitaminACapsule.BLUE
            else tr.pgettext("vitamin A capsule initial", "R")
        )
        c.drawString(x + 0.2, y + 2.2, initial)


def _kbm_runs(
    span: tuple[int, int], kbm: KbmTable, place: dict[int, CardMonth]
) -> list[tuple[int, int, int | None]]:
    """Columns with the same KBM merged into one cell, as the Buku KIA prints them
    (docs/sources/kms.md#kbm): the chosen version's, except where a printed letter was judged
    with another."""
    runs: list[tuple[int, int, int | None]] = []
    for column in range(*span):
        month = place.get(column)
        judged = None if month is None else month.judged_kbm_g
        grams = judged if judged is not None else kbm.kbm_g(column)
        if runs and runs[-1][2] == grams:
            runs[-1] = (runs[-1][0], column + 1, grams)
        else:
            runs.append((column, column + 1, grams))
    return runs


def _footer(c: Canvas, text: str, tr: Translator, page: int) -> None:
    styles.draw_footer(c, text, tr.gettext("Page {page} of {pages}").format(page=page, pages=2))

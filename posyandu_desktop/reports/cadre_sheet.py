"""The monthly cadre sheet for the city, as a PDF (one section per cadre) and an XLSX (one row
per cadre, one column per indicator), and the "Kualitas data" table the monthly report shares
(domain/cadre_sheet.py, domain/quality.py, docs/sources/data-quality.md)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from posyandu_desktop.domain.cadre_sheet import CadreSheetRow, SheetColumn, sheet_value
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.domain.safe_text import spreadsheet_safe, strip_bidi_controls
from posyandu_desktop.i18n import (
    Translator,
    format_date,
    format_decimal,
    format_month,
    translator,
    vocabulary_label,
)
from posyandu_desktop.i18n.quality_words import QUALITY_NOTE
from posyandu_desktop.i18n.words import words
from posyandu_desktop.reports import styles
from posyandu_desktop.reports.data import CadreSheet

_PAGE = landscape(styles.PAGE)
_WIDTH = _PAGE[0] - 2 * styles.MARGIN
_PERCENTS = {
    SheetColumn.DOUBTFUL_PERCENT,
    SheetColumn.UNDER_TWO_LYING_PERCENT,
    SheetColumn.LENGTH_MISSING_PERCENT,
    SheetColumn.LILA_MISSING_PERCENT,
}
_SCORES = {SheetColumn.WEIGHT_DIGIT_SCORE, SheetColumn.LENGTH_DIGIT_SCORE}
_SDS = {SheetColumn.SD_WAZ, SheetColumn.SD_HAZ, SheetColumn.SD_WHZ}
_GRID: list[Any] = [
    ("FONTNAME", (0, 0), (-1, -1), styles.NARROW),
    ("FONTSIZE", (0, 0), (-1, -1), 8),
    ("LEADING", (0, 0), (-1, -1), 10),
    ("GRID", (0, 0), (-1, -1), 0.3, styles.RULE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
]


def shown_value(row: CadreSheetRow, column: SheetColumn, lang: str | None) -> str:
    """An indicator as printed: words for the stratum and desks, one decimal for shares and
    scores, two for SDs, a dash where there was nothing to compute."""
    if column is SheetColumn.STRATUM:
        return "-" if row.stratum is None else words(row.stratum, lang=lang)
    if column is SheetColumn.DESKS:
        return ", ".join(vocabulary_label(d, lang) for d in row.desks) or "-"
    value = sheet_value(row, column)
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return format_decimal(value, 2 if column in _SDS else 1, lang)
    return str(value)


def _figure(value: float | None, decimals: int, lang: str | None) -> str:
    return "-" if value is None else format_decimal(value, decimals, lang)


def _share(part: int, whole: int, percent: float | None, lang: str | None) -> str:
    return "-" if percent is None else f"{part} / {whole} ({_figure(percent, 1, lang)} %)"


def quality_rows(q: QualityFigures, tr: Translator, lang: str | None) -> list[list[str]]:
    """The "Kualitas data" lines of a group of measurements: what was checked, and the figure."""
    outside = q.sds_outside_expected

    def sd(name: str, value: float | None) -> str:
        mark = " *" if name in outside else ""
        return _figure(value, 2, lang) + mark

    return [
        [tr.gettext("Children's measurements this month"), str(q.measurements)],
        [tr.gettext("Doubtful values"), _share(q.doubtful, q.values, q.doubtful_percent, lang)],
        [tr.gettext("Weight last-digit score (0.1 kg)"), _figure(q.weight_digit_score, 1, lang)],
        [tr.gettext("Length last-digit score (0.1 cm)"), _figure(q.lenhei_digit_score, 1, lang)],
        [
            tr.gettext("Under-twos measured lying"),
            _share(q.under_two_lying, q.under_two_measured, q.under_two_lying_percent, lang),
        ],
        [
            tr.gettext("Length or height missing"),
            _share(q.length_missing, q.length_due, q.length_missing_percent, lang),
        ],
        [
            tr.gettext("LILA missing (6-59 months)"),
            _share(q.lila_missing, q.lila_due, q.lila_missing_percent, lang),
        ],
        [
            tr.gettext("SD of WAZ / HAZ / WHZ"),
            " / ".join((sd("WAZ", q.sd_waz), sd("HAZ", q.sd_haz), sd("WHZ", q.sd_whz))),
        ],
        [tr.gettext("Same child measured twice a day"), str(q.twice_same_day)],
        [
            tr.gettext("Records corrected (corrections)"),
            f"{q.corrected_records} ({q.corrections})",
        ],
    ]


def quality_table(q: QualityFigures, tr: Translator, lang: str | None, width: float) -> Table:
    """The quality lines as a two-column table `width` wide."""
    table = Table(quality_rows(q, tr, lang), colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
    table.setStyle(TableStyle([*_GRID, ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    return table


def quality_section(
    q: QualityFigures, tr: Translator, lang: str | None, width: float, heading: str
) -> list[Flowable]:
    """A heading, the quality table and the note on how to read it."""
    h2 = styles.style(9.5, bold=True, textColor=styles.ACCENT, spaceBefore=7, spaceAfter=3)
    small = styles.style(7, narrow=True, textColor=styles.MUTED)
    note = tr.gettext(QUALITY_NOTE) + " " + tr.gettext("* SD outside 0.8-1.2.")
    return [
        KeepTogether([Paragraph(heading, h2), quality_table(q, tr, lang, width), Spacer(0, 2)]),
        Paragraph(note, small),
    ]


def _cell(text: str, style: Any) -> Any:
    """Long values (certificate numbers, desks) wrap inside their cell; short ones stay text."""
    return Paragraph(escape(text), style) if len(text) > 30 else text


def render_cadre_sheet(
    sheet: CadreSheet, fonts_dir: Path, *, lang: str | None = None, printed_on: date | None = None
) -> bytes:
    """The sheet as PDF bytes (A4 landscape): the Posyandu's data quality, then one section per
    cadre with every configured indicator."""
    styles.register_fonts(fonts_dir)
    tr = translator(lang)
    month = format_month(sheet.year, sheet.month, lang)
    title = tr.gettext("Monthly cadre sheet")
    h1 = styles.style(13, bold=True, textColor=styles.ACCENT)
    h2 = styles.style(10, bold=True, textColor=styles.ACCENT, spaceBefore=8, spaceAfter=3)
    body = styles.style(8.5)
    place = ", ".join(
        p for p in (sheet.posyandu.kelurahan, sheet.posyandu.kecamatan, sheet.posyandu.kota) if p
    )
    story: list[Flowable] = [
        Paragraph(escape(f"{title}: {strip_bidi_controls(sheet.posyandu.name)}, {month}"), h1),
        Paragraph(
            escape(
                tr.gettext("{place}. Posyandu sessions held: {count}. Cadres: {cadres}.").format(
                    place=place or "-", count=sheet.sessions, cadres=len(sheet.rows)
                )
            ),
            body,
        ),
        *quality_section(
            sheet.quality, tr, lang, _WIDTH / 2, tr.gettext("Data quality of the Posyandu")
        ),
    ]
    half = (len(sheet.columns) + 1) // 2
    cell_style = styles.style(8, narrow=True, alignment=TA_RIGHT)
    for number, row in enumerate(sheet.rows, start=1):
        cells: list[list[Any]] = [
            [words(c, lang=lang), _cell(shown_value(row, c, lang), cell_style)]
            for c in sheet.columns
        ]
        left, right = cells[:half], cells[half:]
        right += [["", ""]] * (len(left) - len(right))
        grid = [[*a, *b] for a, b in zip(left, right, strict=True)]
        table = Table(grid, colWidths=[_WIDTH * 0.22, _WIDTH * 0.28] * 2, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [*_GRID, ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT")]
            )
        )
        heading = escape(f"{number}. {strip_bidi_controls(row.name)}")
        story.append(KeepTogether([Paragraph(heading, h2), table]))
    if not sheet.rows:
        story.append(Paragraph(tr.gettext("No cadre served or was active this month."), body))
    footer = tr.gettext("{posyandu}, {month}. Printed {date}.").format(
        posyandu=sheet.posyandu.name,
        month=month,
        date=format_date(printed_on or date.today(), lang),
    )
    return styles.build_pdf(
        story,
        title=f"{title} - {sheet.posyandu.name} - {month}",
        footer=footer,
        page_words=tr.gettext("Page {page} of {pages}"),
        pagesize=_PAGE,
    )


def _cell_value(row: CadreSheetRow, column: SheetColumn, lang: str | None) -> Any:
    """Numbers stay numbers (shares as fractions shown as %), codes become words."""
    if column in (SheetColumn.STRATUM, SheetColumn.DESKS, SheetColumn.CERTIFICATES):
        shown = shown_value(row, column, lang)
        return "" if shown == "-" else spreadsheet_safe(shown)
    value = sheet_value(row, column)
    if isinstance(value, float) and column in _PERCENTS:
        return value / 100
    return value


def cadre_sheet_xlsx_bytes(sheet: CadreSheet, *, lang: str | None = None) -> bytes:
    """The sheet as an .xlsx workbook: a title in row 1, column names in row 3, one row per
    cadre from row 4."""
    tr = translator(lang)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = tr.gettext("Cadres")[:31]
    month = format_month(sheet.year, sheet.month, lang)
    ws.append(
        [spreadsheet_safe(f"{tr.gettext('Monthly cadre sheet')}: {sheet.posyandu.name}, {month}")]
    )
    ws["A1"].font = Font(bold=True, size=13, color="1F4E79")
    ws.append([])
    heads = [tr.gettext("No."), tr.gettext("Cadre"), *(words(c, lang=lang) for c in sheet.columns)]
    ws.append(heads)
    fill = PatternFill("solid", fgColor="DFE8F1")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="center")
    for number, row in enumerate(sheet.rows, start=1):
        ws.append(
            [
                number,
                spreadsheet_safe(row.name),
                *(_cell_value(row, c, lang) for c in sheet.columns),
            ]
        )
        for index, column in enumerate(sheet.columns, start=3):
            cell = ws.cell(row=ws.max_row, column=index)
            if column in _PERCENTS:
                cell.number_format = "0.0%"
            elif column in _SCORES:
                cell.number_format = "0.0"
            elif column in _SDS:
                cell.number_format = "0.00"
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 28
    for index in range(3, len(heads) + 1):
        ws.column_dimensions[get_column_letter(index)].width = 13
    ws.freeze_panes = "C4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_cadre_sheet(
    sheet: CadreSheet,
    target: Path,
    fonts_dir: Path,
    *,
    lang: str | None = None,
    printed_on: date | None = None,
) -> Path:
    """Write the sheet atomically: XLSX when `target` ends in .xlsx, otherwise PDF."""
    if target.suffix.lower() == ".xlsx":
        return styles.write_atomically(target, cadre_sheet_xlsx_bytes(sheet, lang=lang))
    pdf = render_cadre_sheet(sheet, fonts_dir, lang=lang, printed_on=printed_on)
    return styles.write_atomically(target, pdf)

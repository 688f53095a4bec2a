"""The puskesmas recap as a PDF (A4 landscape): SKDN and ratios per Posyandu, nutritional status,
new stunting, referrals and KEK per Posyandu, cadres and sessions, then the lists of children
and women to follow up and of people registered in two Posyandu. Each table ends with the plain
sum of its rows and the puskesmas total, where a person with one NIK in two Posyandu counts once.
Looks like the monthly report (monthly_report.py), so an officer reads both the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from posyandu_desktop.domain.growth.classify import (
    KEK_BELOW_CM,
    LILA_CHILD_FROM_MONTHS,
    MUAC_SAM_BELOW_CM,
    STUNTED,
    Category,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.ilp_report import Finding, IlpMonth, finding_total
from posyandu_desktop.domain.indicators import (
    AgeGroup,
    SkdnCounts,
    StatusIndex,
    ratio,
)
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS, LifeStage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.recap import ListedChild, PosyanduRow, Recap, RecapCounts
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.i18n import (
    Translator,
    category_label,
    format_date,
    format_decimal,
    format_month,
    translator,
)
from posyandu_desktop.i18n.quality_words import QUALITY_HEADS, QUALITY_NOTE, quality_cells
from posyandu_desktop.i18n.recap_words import (
    INDEX_ABBREVIATIONS,
    index_label,
    reason_label,
    shared_label,
)
from posyandu_desktop.i18n.words import words
from posyandu_desktop.reports import styles
from posyandu_desktop.reports.monthly_report import percent

PAGE = landscape(A4)
_WIDTH = PAGE[0] - 2 * styles.MARGIN
_LETTERS = ("s", "k", "d", "n", "t", "two_t", "o", "b", "bgm")
_LETTER_NAMES = ("S", "K", "D", "N", "T", "2T", "O", "B", "BGM")
# Two status tables of two indices each: a column per category, wide enough for whole words.
_STATUS_INDICES = tuple(StatusIndex)
_HEAD_SIZE = 6.8
_CELL_SIZE = 7.5  # the tables' text, as in _GRID
_NAME_COLUMN = 160  # room for a Posyandu name on one line
_WASTED = (WeightForLengthHeightCategory.SEVERELY_WASTED, WeightForLengthHeightCategory.WASTED)
_UNDERWEIGHT = (WeightForAgeCategory.SEVERELY_UNDERWEIGHT, WeightForAgeCategory.UNDERWEIGHT)
_OVERWEIGHT = (WeightForLengthHeightCategory.OVERWEIGHT, WeightForLengthHeightCategory.OBESE)
_GRID: list[Any] = [
    ("FONTNAME", (0, 0), (-1, -1), styles.NARROW),
    ("FONTSIZE", (0, 0), (-1, -1), _CELL_SIZE),
    ("LEADING", (0, 0), (-1, -1), 9),
    ("GRID", (0, 0), (-1, -1), 0.3, styles.RULE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    # Narrow number columns: ReportLab's 6 pt side padding would break header words apart.
    ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
]
_STRIPES = [colors.white, colors.HexColor("#f6f6f6")]
_WARNING = colors.HexColor("#c62828")


def render_recap_pdf(
    recap: Recap, fonts_dir: Path, *, lang: str | None = None, printed_on: date | None = None
) -> bytes:
    """The recap as PDF bytes (A4 landscape)."""
    styles.register_fonts(fonts_dir)
    tr = translator(lang)
    month = format_month(recap.year, recap.month, lang)
    title = tr.gettext("Puskesmas recap of the Posyandu")
    footer = tr.gettext("{puskesmas}, {month}: {count} Posyandu. Printed {date}.").format(
        puskesmas=recap.puskesmas or tr.gettext("Puskesmas"),
        month=month,
        count=len(recap.rows),
        date=format_date(printed_on or date.today(), lang),
    )
    return styles.build_pdf(
        _Story(recap, tr, lang).story(title),
        title=f"{title} - {recap.puskesmas or '-'} - {month}",
        footer=footer,
        page_words=tr.gettext("Page {page} of {pages}"),
        pagesize=PAGE,
    )


def write_recap_pdf(
    recap: Recap,
    target: Path,
    fonts_dir: Path,
    *,
    lang: str | None = None,
    printed_on: date | None = None,
) -> Path:
    """Render the recap and write it atomically to `target`."""
    pdf = render_recap_pdf(recap, fonts_dir, lang=lang, printed_on=printed_on)
    return styles.write_atomically(target, pdf)


def _table(rows: list[list[Any]], widths: Sequence[float], **options: Any) -> Table:
    # LongTable measures rows only until a page is full: a plain Table measures every
    # remaining row again at each page break, which is quadratic in a list of thousands.
    return LongTable(rows, colWidths=list(widths), hAlign="LEFT", **options)


class _Story:
    def __init__(self, recap: Recap, tr: Translator, lang: str | None) -> None:
        self.recap, self.tr, self.lang = recap, tr, lang
        self.sum = recap.rows_sum
        self.names = {r.code: r.name for r in recap.rows}
        self.h1 = styles.style(13, bold=True, textColor=styles.ACCENT)
        self.h2 = styles.style(9.5, bold=True, textColor=styles.ACCENT, spaceBefore=8, spaceAfter=3)
        self.body = styles.style(8)
        self.small = styles.style(7, narrow=True, textColor=styles.MUTED)
        self.head = styles.style(_HEAD_SIZE, bold=True, narrow=True, alignment=1)
        self.cell = styles.style(_CELL_SIZE, narrow=True)

    def story(self, title: str) -> list[Flowable]:
        return [
            *self._title(title),
            *self._skdn(),
            *self._skdn_by_age(),
            *self._status(),
            *self._cases(),
            *self._cadres(),
            *self._ilp(),
            *self._new_stunting(),
            *self._referrals(),
            *self._kek(),
            *self._shared(),
            *self._quality(),
            *self._early_warning(),
        ]

    # Shared pieces ------------------------------------------------------------------------

    def _p(self, text: str) -> Paragraph:
        return Paragraph(text, self.head)

    def _text(self, text: str, width: float) -> str | Paragraph:
        """Plain text where it fits the column, a wrapping Paragraph where it does not: a
        recap of 79 Posyandu lists thousands of children, and Paragraphs cost 40 times more."""
        if stringWidth(text, styles.NARROW, _CELL_SIZE) <= width - 6:
            return text
        return Paragraph(_escape(text), self.cell)

    def _posyandu(self, row: PosyanduRow) -> str | Paragraph:
        return self._text(row.name, _NAME_COLUMN)

    def _total_labels(self) -> tuple[Paragraph, Paragraph]:
        return (
            Paragraph("<b>{}</b>".format(self.tr.gettext("Sum of the rows")), self.cell),
            Paragraph(
                "<b>{}</b>".format(self.tr.gettext("Puskesmas total (each person once)")),
                self.cell,
            ),
        )

    def _grid(
        self, rows: list[list[Any]], widths: Sequence[float], *, header_rows: int, totals: int
    ) -> Table:
        """A numbers table: header rows, a row per Posyandu, `totals` rows at the foot."""
        table = _table(rows, widths, repeatRows=header_rows)
        commands: list[Any] = [
            *_GRID,
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), styles.HEADER_FILL),
            ("ALIGN", (0, header_rows), (0, -1), "RIGHT"),
            ("ROWBACKGROUNDS", (0, header_rows), (-1, -1 - totals), _STRIPES),
        ]
        if totals:
            commands += [
                ("BACKGROUND", (0, -totals), (-1, -1), styles.TOTAL_FILL),
                ("FONTNAME", (0, -totals), (-1, -1), styles.NARROW_BOLD),
                ("LINEABOVE", (0, -totals), (-1, -totals), 0.9, styles.INK),
                ("SPAN", (0, -1), (1, -1)),
            ]
            if totals > 1:
                commands.append(("SPAN", (0, -2), (1, -2)))
        table.setStyle(TableStyle(commands))
        return table

    def _title(self, title: str) -> list[Flowable]:
        r = self.recap
        shared = sum(1 for s in r.shared)
        details = [
            (self.tr.gettext("Puskesmas"), r.puskesmas or "-"),
            (self.tr.gettext("Month"), format_month(r.year, r.month, self.lang)),
            (self.tr.gettext("Posyandu in this recap"), str(len(r.rows))),
            (self.tr.gettext("People in two Posyandu"), str(shared)),
        ]
        table = _table(
            [[a, b, c, d] for (a, b), (c, d) in zip(details[::2], details[1::2], strict=True)],
            [110, _WIDTH / 2 - 110, 110, _WIDTH / 2 - 110],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), styles.FONT),
                    ("FONTNAME", (1, 0), (1, -1), styles.BOLD),
                    ("FONTNAME", (3, 0), (3, -1), styles.BOLD),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("TEXTCOLOR", (0, 0), (0, -1), styles.MUTED),
                    ("TEXTCOLOR", (2, 0), (2, -1), styles.MUTED),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.8, styles.ACCENT),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        note = self.tr.gettext(
            "Each Posyandu's row is that Posyandu's own monthly report. In the Puskesmas total a "
            "person registered in two Posyandu (the same NIK) is counted once: in S once, in D "
            "if weighed in either, with the KMS result of the later weighing. People without a "
            "NIK cannot be matched and are counted in each Posyandu."
        )
        return [
            Paragraph(title, self.h1),
            Spacer(0, 4),
            table,
            Spacer(0, 3),
            Paragraph(note, self.small),
        ]

    # SKDN ---------------------------------------------------------------------------------

    def _skdn_cells(self, counts: SkdnCounts) -> list[Any]:
        ratios = (counts.k_s, counts.d_s, counts.d_k, counts.n_d, counts.n_s)
        return [
            *(getattr(counts, f) for f in _LETTERS),
            *(percent(value, self.lang) for value in ratios),
        ]

    def _skdn(self) -> list[Flowable]:
        tr = self.tr
        head: list[Any] = [
            tr.gettext("No."),
            tr.gettext("Posyandu"),
            tr.gettext("Kelurahan"),
            *_LETTER_NAMES,
            "K/S",
            "D/S",
            "D/K",
            "N/D",
            "N/S",
            self._p(tr.gettext("As reported")),
        ]
        rows: list[list[Any]] = [head]
        mismatched = []
        for i, row in enumerate(self.recap.rows, start=1):
            mark = "✓" if row.matches_report else "≠"
            if not row.matches_report:
                mismatched.append(len(rows))
            rows.append(
                [i, self._posyandu(row), row.kelurahan, *self._skdn_cells(row.counts.skdn), mark]
            )
        sum_label, total_label = self._total_labels()
        rows.append([sum_label, "", "", *self._skdn_cells(self.sum.skdn), ""])
        rows.append([total_label, "", "", *self._skdn_cells(self.recap.total.skdn), ""])
        widths: list[float] = [20, 150, 84, *[29] * 9, *[38] * 5, 36]
        widths[1] = _WIDTH - sum(widths) + widths[1]
        table = self._grid(rows, widths, header_rows=1, totals=2)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                    ("ALIGN", (3, 0), (-1, 0), "CENTER"),
                    ("ALIGN", (-1, 0), (-1, -1), "CENTER"),
                    ("SPAN", (0, -1), (2, -1)),
                    ("SPAN", (0, -2), (2, -2)),
                    ("LINEBEFORE", (12, 0), (12, -1), 0.9, styles.INK),
                    ("LINEBEFORE", (-1, 0), (-1, -1), 0.9, styles.INK),
                    *[("TEXTCOLOR", (-1, r), (-1, r), _WARNING) for r in mismatched],
                    *[("FONTNAME", (-1, r), (-1, r), styles.NARROW_BOLD) for r in mismatched],
                ]
            )
        )
        total = self.recap.total.skdn
        check = tr.gettext("Check D = N + T + O + B: {d} = {n} + {t} + {o} + {b}").format(
            d=total.d, n=total.n, t=total.t, o=total.o, b=total.b
        )
        note = tr.gettext(
            "S children under five in the area, K have a KMS / Buku KIA, D weighed this month, "
            "N weight went up, T did not go up (2T: twice in a row, part of T), O not weighed "
            "last month, B weighed for the first time, BGM below the red line. D/S community "
            "participation, N/D weighing success. \u2713: the children's lines add up to the "
            "Posyandu's own report; \u2260: they do not, ask the Posyandu to export the month "
            "again."
        )
        out: list[Flowable] = [
            Paragraph(tr.gettext("1. SKDN and ratios by Posyandu"), self.h2),
            table,
            Spacer(0, 3),
            Paragraph(check, self.body),
            Paragraph(note, self.small),
        ]
        if mismatched:
            warning = tr.gettext(
                "{count} Posyandu sent figures that do not add up to their own report."
            ).format(count=len(mismatched))
            # Before the table: the first thing the officer should see.
            out.insert(1, Paragraph(f'<font color="#c62828"><b>{warning}</b></font>', self.body))
        return out

    def _skdn_by_age(self) -> list[Flowable]:
        tr = self.tr
        skdn = self.recap.skdn
        sexes = (Sex.MALE, Sex.FEMALE)
        head1: list[Any] = [tr.gettext("Indicator")]
        head2: list[Any] = [""]
        for g in AgeGroup:
            head1 += [tr.gettext("{first}-{last} mo").format(first=g.first, last=g.last), ""]
            head2 += [words(sex, "initial", self.lang) for sex in sexes]
        head1 += [tr.gettext("Total"), "", ""]
        head2 += [
            *(words(sex, "initial", self.lang) for sex in sexes),
            tr.pgettext("sex initial", "M+F"),
        ]
        rows: list[list[Any]] = [head1, head2]
        for field, letter in zip(_LETTERS, _LETTER_NAMES, strict=True):
            row: list[Any] = [letter]
            for g in AgeGroup:
                row += [getattr(skdn.cells[(sex, g)], field) for sex in sexes]
            row += [getattr(skdn.total(sex), field) for sex in sexes]
            row.append(getattr(skdn.total(), field))
            rows.append(row)
        widths: list[float] = [60, *[38] * 13]
        table = _table(rows, widths, repeatRows=2)
        spans = [("SPAN", (1 + 2 * i, 0), (2 + 2 * i, 0)) for i in range(len(AgeGroup))]
        table.setStyle(
            TableStyle(
                [
                    *_GRID,
                    *spans,
                    ("SPAN", (11, 0), (13, 0)),
                    ("SPAN", (0, 0), (0, 1)),
                    ("BACKGROUND", (0, 0), (-1, 1), styles.HEADER_FILL),
                    ("BACKGROUND", (11, 2), (-1, -1), styles.TOTAL_FILL),
                    ("FONTNAME", (0, 0), (-1, 1), styles.NARROW_BOLD),
                    ("FONTNAME", (0, 2), (0, -1), styles.NARROW_BOLD),
                    ("FONTNAME", (13, 2), (13, -1), styles.NARROW_BOLD),
                    ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        return [
            CondPageBreak(150),
            Paragraph(
                tr.gettext("2. SKDN of the Puskesmas by sex and age group (each child once)"),
                self.h2,
            ),
            table,
        ]

    # Nutritional status -------------------------------------------------------------------

    def _status_cells(self, counts: RecapCounts, indices: Sequence[StatusIndex]) -> list[Any]:
        cells: list[Any] = []
        for index in indices:
            cells += [counts.status[index][c] for c in index.categories]
            cells.append(counts.status_measured(index))
        return cells

    def _status_percent(self, counts: RecapCounts, indices: Sequence[StatusIndex]) -> list[Any]:
        cells: list[Any] = []
        for index in indices:
            measured = counts.status_measured(index)
            cells += [
                percent(ratio(counts.status[index][c], measured), self.lang)
                for c in index.categories
            ]
            cells.append("100 %" if measured else "-")
        return cells

    def _status_table(self, indices: Sequence[StatusIndex]) -> Table:
        tr = self.tr
        head1: list[Any] = [tr.gettext("No."), tr.gettext("Posyandu")]
        head2: list[Any] = ["", ""]
        spans = []
        column = 2
        for index in indices:
            size = len(index.categories) + 1
            head1 += [self._p(index_label(index, self.lang))] + [""] * (size - 1)
            head2 += [self._p(category_label(c, self.lang)) for c in index.categories]
            head2.append(self._p(tr.gettext("Measured")))
            spans.append(("SPAN", (column, 0), (column + size - 1, 0)))
            column += size
        rows: list[list[Any]] = [head1, head2]
        for i, row in enumerate(self.recap.rows, start=1):
            rows.append([i, self._posyandu(row), *self._status_cells(row.counts, indices)])
        sum_label, total_label = self._total_labels()
        rows.append([sum_label, "", *self._status_cells(self.sum, indices)])
        rows.append([total_label, "", *self._status_cells(self.recap.total, indices)])
        rows.append(
            [
                Paragraph(
                    "<b>{}</b>".format(tr.gettext("Puskesmas total, % of measured")), self.cell
                ),
                "",
                *self._status_percent(self.recap.total, indices),
            ]
        )
        # Each column as wide as the longest word of its header ("Underweight"), so no word is
        # broken in two; the Posyandu names take what is left.
        fitted = [_fit(cell.text) for cell in head2[2:]]
        if _WIDTH - 20 - max(fitted) * len(fitted) >= _NAME_COLUMN:
            fitted = [max(fitted)] * len(fitted)  # even columns where they fit
        widths: list[float] = [20, 0, *fitted]
        widths[1] = _WIDTH - sum(widths)
        table = self._grid(rows, widths, header_rows=2, totals=3)
        separators: list[Any] = []
        column = 2
        for index in indices:
            separators.append(("LINEBEFORE", (column, 0), (column, -1), 0.9, styles.INK))
            column += len(index.categories)
            separators.append(("BACKGROUND", (column, 2), (column, -4), styles.TOTAL_FILL))
            column += 1
        table.setStyle(
            TableStyle(
                [
                    *spans,
                    ("SPAN", (0, -3), (1, -3)),
                    ("SPAN", (0, 0), (0, 1)),
                    ("SPAN", (1, 0), (1, 1)),
                    ("VALIGN", (0, 0), (-1, 1), "BOTTOM"),
                    ("FONTNAME", (0, 0), (-1, 1), styles.NARROW_BOLD),
                    ("ALIGN", (2, 2), (-1, -1), "RIGHT"),
                    ("FONTSIZE", (2, -1), (-1, -1), 6.5),
                    *separators,
                ]
            )
        )
        return table

    def _status(self) -> list[Flowable]:
        tr = self.tr
        note = tr.gettext(
            "Children under five measured this month, at their latest measurement with that "
            "index (Permenkes 2/2020 categories). Stunting = short + very short (PB/U, TB/U); "
            "wasting = severely wasted + wasted (BB/PB, BB/TB); overweight or obese = above "
            "+2 SD weight-for-length/height."
        )
        first, second = _STATUS_INDICES[:2], _STATUS_INDICES[2:]
        return [
            CondPageBreak(160),
            Paragraph(tr.gettext("3. Nutritional status by Posyandu"), self.h2),
            self._status_table(first),
            Spacer(0, 6),
            CondPageBreak(120),
            self._status_table(second),
            Spacer(0, 3),
            self._key_figures(),
            Paragraph(note, self.small),
        ]

    def _key_figures(self) -> Paragraph:
        total = self.recap.total

        def share(index: StatusIndex, categories: Sequence[Category]) -> str:
            measured = total.status_measured(index)
            count = sum(total.status[index][c] for c in categories)
            return self.tr.gettext("{count} of {measured} ({percent})").format(
                count=count, measured=measured, percent=percent(ratio(count, measured), self.lang)
            )

        # The prevalences SSGI reports: below -2 SD (stunting, wasting, underweight), and
        # above +2 SD weight-for-length/height (overweight and obese).
        text = self.tr.gettext(
            "Puskesmas total: stunting {stunting}; wasting {wasting}; underweight "
            "{underweight}; overweight or obese {overweight}."
        ).format(
            stunting=share(StatusIndex.LENGTH_HEIGHT_FOR_AGE, STUNTED),
            wasting=share(StatusIndex.WEIGHT_FOR_LENGTH_HEIGHT, _WASTED),
            underweight=share(StatusIndex.WEIGHT_FOR_AGE, _UNDERWEIGHT),
            overweight=share(StatusIndex.WEIGHT_FOR_LENGTH_HEIGHT, _OVERWEIGHT),
        )
        return Paragraph(f"<b>{text}</b>", self.body)

    # Cases and cadres ---------------------------------------------------------------------

    def _case_cells(self, counts: RecapCounts) -> list[Any]:
        return [
            counts.new_stunting,
            counts.referrals,
            *(counts.referral_reasons[reason] for reason in ReferralReason),
            counts.kek,
            counts.pregnant_lila_measured,
            counts.home_visits,
        ]

    def _cases(self) -> list[Flowable]:
        tr = self.tr
        head: list[Any] = [
            tr.gettext("No."),
            tr.gettext("Posyandu"),
            self._p(tr.gettext("New stunting")),
            self._p(tr.gettext("Children referred")),
            *(self._p(reason_label(reason, self.lang)) for reason in ReferralReason),
            self._p(tr.gettext("Pregnant women with KEK")),
            self._p(tr.gettext("Pregnant women, LILA measured")),
            self._p(tr.gettext("Home visits")),
        ]
        rows: list[list[Any]] = [head]
        for i, row in enumerate(self.recap.rows, start=1):
            rows.append([i, self._posyandu(row), *self._case_cells(row.counts)])
        sum_label, total_label = self._total_labels()
        rows.append([sum_label, "", *self._case_cells(self.sum)])
        rows.append([total_label, "", *self._case_cells(self.recap.total)])
        widths: list[float] = [20, 0, 52, 52, *[46] * len(ReferralReason), 56, 62, 52]
        widths[1] = _WIDTH - sum(widths)
        table = self._grid(rows, widths, header_rows=1, totals=2)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                    ("LINEBEFORE", (4, 0), (4, -1), 0.9, styles.INK),
                    (
                        "LINEBEFORE",
                        (4 + len(ReferralReason), 0),
                        (4 + len(ReferralReason), -1),
                        0.9,
                        styles.INK,
                    ),
                ]
            )
        )
        note = tr.gettext(
            "A child with several reasons is counted once under 'Children referred' and once "
            "under each reason. Pregnant women measured for LILA: a woman measured in two "
            "Posyandu is counted in both (only women with KEK are named in the exports)."
        )
        return [
            CondPageBreak(160),
            Paragraph(
                tr.gettext("4. New stunting, referrals, KEK and home visits by Posyandu"), self.h2
            ),
            table,
            Spacer(0, 2),
            Paragraph(note, self.small),
        ]

    def _sessions_text(self, row: PosyanduRow) -> str:
        days = [
            self.tr.gettext("{date}: {count}").format(
                date=format_date(on, self.lang), count=present
            )
            for on, present in row.attendance
        ]
        return "; ".join(days) or "-"

    def _cadres(self) -> list[Flowable]:
        tr = self.tr
        head: list[Any] = [
            tr.gettext("No."),
            tr.gettext("Posyandu"),
            self._p(tr.gettext("Cadres registered")),
            self._p(tr.gettext("Cadres active this month")),
            self._p(tr.gettext("Sessions held")),
            self._p(tr.gettext("Cadres present per session")),
            self._p(tr.gettext("Cadre attendances")),
        ]
        widths: list[float] = [20, 190, 56, 56, 56, 0, 56]
        widths[5] = _WIDTH - sum(widths)
        sessions_width = widths[5]
        rows: list[list[Any]] = [head]
        for i, row in enumerate(self.recap.rows, start=1):
            c = row.counts
            rows.append(
                [
                    i,
                    self._posyandu(row),
                    c.cadres_registered,
                    c.cadres_active,
                    c.sessions,
                    self._text(self._sessions_text(row), sessions_width),
                    c.cadre_attendances,
                ]
            )
        t = self.recap.total
        total = Paragraph("<b>{}</b>".format(tr.gettext("Total")), self.cell)
        rows.append(
            [total, "", t.cadres_registered, t.cadres_active, t.sessions, "", t.cadre_attendances]
        )
        table = self._grid(rows, widths, header_rows=1, totals=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (2, 1), (4, -1), "RIGHT"),
                    ("ALIGN", (6, 1), (6, -1), "RIGHT"),
                ]
            )
        )
        note = tr.gettext(
            "Registered: cadres marked active in the Posyandu's registry. Active: cadres who "
            "signed in at a session this month. Cadre attendances: cadres present, added over "
            "the sessions."
        )
        return [
            CondPageBreak(120),
            Paragraph(tr.gettext("5. Cadres and Posyandu sessions"), self.h2),
            table,
            Spacer(0, 2),
            Paragraph(note, self.small),
        ]

    def _ilp(self) -> list[Flowable]:
        """The ILP pages of the Posyandu that sent one: each finding as "found / judged" over
        every life stage, TTD for pregnant women and immunisation doses."""
        total = self.recap.ilp_total
        if total is None:
            return []
        tr = self.tr

        def cells(ilp: IlpMonth) -> list[Any]:
            found = [finding_total(ilp, f) for f in Finding]
            pregnant = ilp.stages[list(LifeStage).index(LifeStage.PREGNANT_OR_POSTPARTUM)]
            return [
                sum(row.seen for row in ilp.stages),
                pregnant.seen,
                *(f"{c.found} / {c.judged}" for c in found),
                f"{ilp.ttd_pregnant.given} / {ilp.ttd_pregnant.of}",
                sum(n for _antigen, n in ilp.immunisation),
            ]

        head: list[Any] = [
            tr.gettext("No."),
            tr.gettext("Posyandu"),
            self._p(tr.gettext("Seen")),
            self._p(tr.gettext("Pregnant seen")),
            *(self._p(words(f, "short", self.lang)) for f in Finding),
            self._p(tr.gettext("TTD, pregnant women seen")),
            self._p(tr.gettext("Immunisation doses")),
        ]
        numbers = len(head) - 2
        widths = [20.0, 190.0] + [(_WIDTH - 210) / numbers] * numbers
        rows: list[list[Any]] = [head]
        for i, row in enumerate(self.recap.rows, start=1):
            filled = cells(row.ilp) if row.ilp else ["-"] * numbers
            rows.append([i, self._posyandu(row), *filled])
        label = Paragraph("<b>{}</b>".format(tr.gettext("Sum of the rows")), self.cell)
        rows.append([label, "", *cells(total)])
        table = self._grid(rows, widths, header_rows=1, totals=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        note = tr.gettext(
            "Each finding: people with it / people measured or asked, over every life stage"
            " that asks it. A person served in two Posyandu counts in both. '-': the Posyandu's"
            " file has no ILP page."
        )
        return [
            CondPageBreak(120),
            Paragraph(tr.gettext("ILP: life stages and services"), self.h2),
            table,
            Spacer(0, 2),
            Paragraph(note, self.small),
        ]

    # Lists --------------------------------------------------------------------------------

    def _quality(self) -> list[Flowable]:
        """Each Posyandu's data quality as it sent it (docs/sources/data-quality.md)."""
        tr = self.tr
        rows_with = [r for r in self.recap.rows if r.quality is not None]
        if not rows_with:
            return []
        head: list[Any] = [
            tr.gettext("No."),
            tr.gettext("Posyandu"),
            *(self._p(tr.gettext(h)) for h in QUALITY_HEADS),
        ]
        widths: list[float] = [20, 0, *([44] * len(QUALITY_HEADS))]
        widths[1] = _WIDTH - sum(widths)
        rows: list[list[Any]] = [head]
        for i, row in enumerate(rows_with, start=1):
            assert row.quality is not None
            rows.append(
                [i, self._text(row.name, widths[1]), *quality_cells(row.quality, self.lang)]
            )
        table = self._grid(rows, widths, header_rows=1, totals=0)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        return [
            CondPageBreak(120),
            Paragraph(tr.gettext("10. Data quality per Posyandu"), self.h2),
            table,
            Spacer(0, 2),
            Paragraph(tr.gettext(QUALITY_NOTE), self.small),
        ]

    # Lists --------------------------------------------------------------------------------

    def _where(self, codes: Sequence[str], width: float) -> str | Paragraph:
        return self._text(", ".join(self.names.get(c, c) for c in codes), width)

    def _list(
        self, rows: list[list[Any]], widths: list[float], numeric: Sequence[int] = ()
    ) -> Table:
        table = _table(rows, widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (0, 1), (0, -1), "RIGHT"),
                    *[("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric],
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), _STRIPES),
                ]
            )
        )
        return table

    def _none(self) -> Paragraph:
        return Paragraph(self.tr.gettext("None this month."), self.body)

    def _child_rows(
        self,
        children: Sequence[ListedChild],
        last: str,
        detail: Callable[[ListedChild], str],
        widths: Sequence[float],
    ) -> list[list[Any]]:
        tr = self.tr
        rows: list[list[Any]] = [
            [
                tr.gettext("No."),
                tr.gettext("Name"),
                tr.gettext("NIK"),
                tr.gettext("Posyandu"),
                self._p(tr.gettext("Sex")),
                self._p(tr.gettext("Age (months)")),
                last,
            ]
        ]
        for i, c in enumerate(children, start=1):
            rows.append(
                [
                    i,
                    self._text(c.person.name, widths[1]),
                    c.person.nik or "-",
                    self._where(c.posyandu, widths[3]),
                    words(c.sex, "initial", self.lang),
                    c.age_months,
                    self._text(detail(c), widths[6]),
                ]
            )
        return rows

    def _new_stunting(self) -> list[Flowable]:
        tr = self.tr
        found = self.recap.new_stunting
        out: list[Flowable] = [
            CondPageBreak(90),
            Paragraph(
                tr.gettext("6. New stunting cases: {count}").format(count=len(found)), self.h2
            ),
            Paragraph(
                tr.gettext(
                    "Stunted at this month's length/height and not stunted at the measurement "
                    "before (or measured for the first time)."
                ),
                self.small,
            ),
        ]
        if not found:
            return [*out, self._none()]
        widths = _fill([24, 0, 92, 200, 40, 50, 120])
        rows = self._child_rows(
            found,
            INDEX_ABBREVIATIONS[StatusIndex.LENGTH_HEIGHT_FOR_AGE],
            lambda c: (
                "-" if c.length_for_age is None else category_label(c.length_for_age, self.lang)
            ),
            widths,
        )
        return [*out, self._list(rows, widths, numeric=(5,))]

    def _referrals(self) -> list[Flowable]:
        tr = self.tr
        found = self.recap.referrals
        out: list[Flowable] = [
            CondPageBreak(90),
            Paragraph(
                tr.gettext("7. Children to refer: {count}").format(count=len(found)), self.h2
            ),
            Paragraph(
                tr.gettext(
                    "T at this month's weighing (Buku KIA 2023), 2T, BGM, oedema or MUAC below "
                    "{cm} cm ({first}-{last} months)."
                ).format(
                    cm=format_decimal(MUAC_SAM_BELOW_CM, 1, self.lang),
                    first=LILA_CHILD_FROM_MONTHS,
                    last=UNDER_FIVE_BELOW_MONTHS - 1,
                ),
                self.small,
            ),
        ]
        if not found:
            return [*out, self._none()]
        widths = _fill([24, 0, 92, 180, 40, 50, 160])
        rows = self._child_rows(
            found,
            tr.gettext("Reasons"),
            lambda c: ", ".join(reason_label(r, self.lang) for r in c.reasons),
            widths,
        )
        return [*out, self._list(rows, widths, numeric=(5,))]

    def _kek(self) -> list[Flowable]:
        tr = self.tr
        found = self.recap.kek
        out: list[Flowable] = [
            CondPageBreak(90),
            Paragraph(
                tr.gettext("8. Pregnant women with KEK (LILA < {cm} cm): {count}").format(
                    cm=format_decimal(KEK_BELOW_CM, 1, self.lang), count=len(found)
                ),
                self.h2,
            ),
        ]
        if not found:
            return [*out, self._none()]
        rows: list[list[Any]] = [
            [
                tr.gettext("No."),
                tr.gettext("Name"),
                tr.gettext("NIK"),
                tr.gettext("Posyandu"),
                tr.gettext("Age (years)"),
                tr.gettext("LILA (cm)"),
            ]
        ]
        widths = _fill([24, 0, 92, 240, 60, 60])
        rows += [
            [
                i,
                self._text(w.person.name, widths[1]),
                w.person.nik or "-",
                self._where(w.posyandu, widths[3]),
                w.age_years,
                format_decimal(w.lila_cm, 1, self.lang),
            ]
            for i, w in enumerate(found, start=1)
        ]
        return [*out, self._list(rows, widths, numeric=(4, 5))]

    def _shared(self) -> list[Flowable]:
        tr = self.tr
        found = self.recap.shared
        out: list[Flowable] = [
            CondPageBreak(90),
            Paragraph(
                tr.gettext("9. People registered in two or more Posyandu: {count}").format(
                    count=len(found)
                ),
                self.h2,
            ),
            Paragraph(
                tr.gettext(
                    "The same NIK in the exports of several Posyandu this month (for a baby "
                    "without a NIK: the same mother's NIK, birth date and sex). Counted once in "
                    "the Puskesmas totals; please agree with the cadres where each one belongs."
                ),
                self.small,
            ),
        ]
        if not found:
            return [*out, self._none()]
        rows: list[list[Any]] = [
            [
                tr.gettext("No."),
                tr.gettext("Names as registered"),
                tr.gettext("NIK"),
                tr.gettext("Posyandu"),
                tr.gettext("Who"),
            ]
        ]
        widths = _fill([24, 0, 92, 250, 120])
        rows += [
            [
                i,
                self._text(" / ".join(s.names), widths[1]),
                s.nik,
                self._where(s.posyandu, widths[3]),
                self._text(shared_label(s, self.lang), widths[4]),
            ]
            for i, s in enumerate(found, start=1)
        ]
        return [*out, self._list(rows, widths)]

    def _early_warning(self) -> list[Flowable]:
        """Each Posyandu's at-risk children beside its new cases and how early it warned."""
        tr = self.tr
        rows_with = [r for r in self.recap.rows if r.early_warning is not None]
        if not rows_with:
            return []
        head: list[Any] = [
            tr.gettext("No."),
            tr.gettext("Posyandu"),
            self._p(tr.gettext("At risk of stunting now")),
            self._p(tr.gettext("Confirmed new cases")),
            self._p(tr.gettext("Warned 1-3 months before")),
            self._p(tr.gettext("Share warned")),
            self._p(tr.gettext("Left the list, not a case")),
            self._p(tr.gettext("Children on the list a month")),
        ]
        rows: list[list[Any]] = [head]
        listed: list[list[Any]] = []
        for i, row in enumerate(rows_with, start=1):
            ew = row.early_warning
            assert ew is not None
            rows.append(
                [
                    i,
                    self._posyandu(row),
                    len(ew.at_risk),
                    ew.cases,
                    ew.warned,
                    percent(ew.sensitivity, self.lang),
                    ew.recovered,
                    format_decimal(ew.mean_list_size, 1, self.lang),
                ]
            )
            listed += [[row.code, person, reasons] for person, reasons in ew.at_risk]
        widths = _fill([20, 0, 70, 70, 70, 60, 70, 70])
        table = self._grid(rows, widths, header_rows=1, totals=0)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        months = max(r.early_warning.months for r in rows_with if r.early_warning)
        out: list[Flowable] = [
            CondPageBreak(160),
            Paragraph(
                tr.gettext("11. Early warning: children at risk and new cases by Posyandu"),
                self.h2,
            ),
            table,
            Spacer(0, 2),
            Paragraph(
                tr.gettext(
                    "Each Posyandu checks its own list against its last {months} months: a "
                    "confirmed new stunting case counts as warned when the child was on the "
                    "list one to three months before. Follow up first where the list is long "
                    "or the warnings came late."
                ).format(months=months),
                self.small,
            ),
        ]
        if listed:
            list_widths = _fill([24, 0, 200, 330])
            list_rows: list[list[Any]] = [
                [
                    tr.gettext("No."),
                    tr.gettext("Name"),
                    tr.gettext("Posyandu"),
                    tr.gettext("Reasons"),
                ]
            ]
            list_rows += [
                [
                    i,
                    self._text(person.name, list_widths[1]),
                    self._where((code,), list_widths[2]),
                    self._text(
                        "; ".join(words(r, lang=self.lang) for r in reasons), list_widths[3]
                    ),
                ]
                for i, (code, person, reasons) in enumerate(listed, start=1)
            ]
            out.append(self._list(list_rows, list_widths))
        return out


def _fill(widths: list[float]) -> list[float]:
    """Column widths with the second column (the names) taking the rest of the page."""
    widths[1] = _WIDTH - sum(widths) + widths[1]
    return widths


def _fit(header: str, least: float = 30) -> float:
    """A column width that holds the header's longest word on one line."""
    widest = max(stringWidth(word, styles.NARROW_BOLD, _HEAD_SIZE) for word in header.split())
    return max(least, widest + 6)  # the cell's padding: 2.5 pt each side, and a margin


def _escape(text: str) -> str:
    """Names go into Paragraph markup: '&' and '<' must not start a tag."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

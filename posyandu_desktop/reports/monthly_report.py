"""The monthly Posyandu report: the F2 "rekapitulasi hasil penimbangan" (SKDN by sex and age
group, ratios, the D = N + T + O + B check, nutrition status, new stunting, referrals, KEK, high
blood pressure, home visits, cadres, services), an SKDN bar chart, the 12-month trend of D/S and
N/D, and the cadre performance sheet on its own page (docs/sources/skdn-f2.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, PolyLine, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from posyandu_desktop.domain.growth.classify import (
    KEK_BELOW_CM,
)
from posyandu_desktop.domain.ilp_report import Finding
from posyandu_desktop.domain.immunisation import Antigen
from posyandu_desktop.domain.indicators import (
    HIGH_DIASTOLIC_MMHG,
    HIGH_SYSTOLIC_MMHG,
    AgeGroup,
    MonthlyIndicators,
    PersonFinding,
    SkdnCounts,
    StatusIndex,
)
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.referral import REFERRING, ReferralReason
from posyandu_desktop.domain.stunting_incidence import INCIDENCE_2026
from posyandu_desktop.domain.vocabulary import ServiceKind, VisitReason
from posyandu_desktop.i18n import (
    Translator,
    capsule_label,
    category_label,
    format_date,
    format_decimal,
    format_month,
    life_stage_label,
    month_name,
    translator,
    vocabulary_label,
)
from posyandu_desktop.i18n.early_warning_words import risk_line
from posyandu_desktop.i18n.recap_words import index_label, reason_label
from posyandu_desktop.i18n.words import words
from posyandu_desktop.reports import styles
from posyandu_desktop.reports.cadre_sheet import quality_section
from posyandu_desktop.reports.data import MonthlyReportData


def _marker(kind: str, size: float) -> Any:
    return makeMarker(kind, size=size)  # type: ignore[no-untyped-call]


def _table(rows: list[list[Any]], **options: Any) -> Table:
    """A table set flush left, like the rest of the form."""
    table = Table(rows, hAlign="LEFT", **options)
    return table


_WIDTH = styles.PAGE[0] - 2 * styles.MARGIN
_GRID: list[Any] = [
    ("FONTNAME", (0, 0), (-1, -1), styles.NARROW),
    ("FONTSIZE", (0, 0), (-1, -1), 7.5),
    ("LEADING", (0, 0), (-1, -1), 9),
    ("GRID", (0, 0), (-1, -1), 0.3, styles.RULE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
]


def render_monthly_report(
    data: MonthlyReportData,
    fonts_dir: Path,
    *,
    lang: str | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The report as PDF bytes (A4 portrait)."""
    styles.register_fonts(fonts_dir)
    tr = translator(lang)
    r = _Report(data, tr, lang)
    title = tr.gettext("Monthly weighing summary (F2)")
    month = format_month(data.year, data.month, lang)
    footer = tr.gettext("{posyandu}, {month}. Method: WHO 2006, Permenkes 2/2020. Printed {date}.")
    return styles.build_pdf(
        r.story(),
        title=f"{title} - {data.posyandu.name} - {month}",
        footer=footer.format(
            posyandu=data.posyandu.name,
            month=month,
            date=format_date(printed_on or date.today(), lang),
        ),
        page_words=tr.gettext("Page {page} of {pages}"),
    )


def write_monthly_report(
    data: MonthlyReportData,
    target: Path,
    fonts_dir: Path,
    *,
    lang: str | None = None,
    printed_on: date | None = None,
) -> Path:
    """Render the report and write it atomically to `target`."""
    pdf = render_monthly_report(data, fonts_dir, lang=lang, printed_on=printed_on)
    return styles.write_atomically(target, pdf)


def percent(value: float | None, lang: str | None) -> str:
    """A ratio as "84,1 %"; a dash where the denominator was 0."""
    return "-" if value is None else f"{format_decimal(value * 100, 1, lang)} %"


def _antigen_name(antigen: str, lang: str | None) -> str:
    """A schedule antigen in words; an antigen typed by hand as it was typed."""
    return words(Antigen(antigen), lang=lang) if antigen in set(Antigen) else antigen


class _Report:
    def __init__(self, data: MonthlyReportData, tr: Translator, lang: str | None) -> None:
        self.data, self.tr, self.lang = data, tr, lang
        self.ind: MonthlyIndicators = data.indicators
        self.h1 = styles.style(13, bold=True, textColor=styles.ACCENT)
        self.h2 = styles.style(9.5, bold=True, textColor=styles.ACCENT, spaceBefore=7, spaceAfter=3)
        self.body = styles.style(8)
        self.small = styles.style(7, narrow=True, textColor=styles.MUTED)

    def story(self) -> list[Flowable]:
        return [
            *self._title(self.tr.gettext("Monthly weighing summary (F2)")),
            *self._skdn(),
            *self._ratios_and_charts(),
            *self._status(),
            *self._children_lists(),
            *self._adults(),
            *self._visits_services_cadres(),
            *self._quality(),
            *self._early_warning(),
            *self._ilp_page(),
            PageBreak(),
            *self._title(self.tr.gettext("Cadre performance sheet")),
            *self._cadre_sheet(),
        ]

    def _title(self, title: str) -> list[Flowable]:
        p = self.data.posyandu
        where = [p.kelurahan, p.kecamatan, p.kota]
        place = ", ".join(w for w in where if w)
        details = [
            (self.tr.gettext("Posyandu"), p.name),
            (self.tr.gettext("Month"), format_month(self.data.year, self.data.month, self.lang)),
            (self.tr.gettext("Area"), place or "-"),
            (self.tr.gettext("Puskesmas"), p.puskesmas or "-"),
        ]
        table = _table(
            [[a, b, c, d] for (a, b), (c, d) in zip(details[::2], details[1::2], strict=True)],
            colWidths=[60, _WIDTH / 2 - 60, 60, _WIDTH / 2 - 60],
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
        return [Paragraph(title, self.h1), Spacer(0, 4), table]

    # SKDN --------------------------------------------------------------------------------

    def _letters(self) -> list[tuple[str, str, str]]:
        """(field, letter, meaning) for the rows of the F2 table."""
        return [
            ("s", "S", self.tr.gettext("children under five in the area")),
            ("k", "K", self.tr.gettext("have a KMS / Buku KIA")),
            ("d", "D", self.tr.gettext("weighed this month")),
            ("n", "N", self.tr.gettext("weight went up")),
            ("t", "T", self.tr.gettext("weight did not go up")),
            ("two_t", "2T", self.tr.gettext("not up twice in a row")),
            ("o", "O", self.tr.gettext("not weighed last month")),
            ("b", "B", self.tr.gettext("weighed here for the first time")),
            ("bgm", "BGM", self.tr.gettext("below the red line")),
        ]

    def _skdn(self) -> list[Flowable]:
        skdn = self.ind.skdn
        male, female = (words(sex, "initial", self.lang) for sex in (Sex.MALE, Sex.FEMALE))
        groups = list(AgeGroup)
        head1: list[Any] = [self.tr.gettext("Indicator")]
        head2: list[Any] = [""]
        for g in groups:
            head1 += [self.tr.gettext("{first}-{last} mo").format(first=g.first, last=g.last), ""]
            head2 += [male, female]
        head1 += [self.tr.gettext("Total"), "", ""]
        head2 += [male, female, self.tr.pgettext("sex initial", "M+F")]
        rows: list[list[Any]] = [head1, head2]
        for field, letter, meaning in self._letters():
            row: list[Any] = [
                Paragraph(f"<b>{letter}</b> {meaning}", styles.style(6.8, narrow=True))
            ]
            for g in groups:
                row += [getattr(skdn.cells[(sex, g)], field) for sex in (Sex.MALE, Sex.FEMALE)]
            row += [getattr(skdn.total(sex), field) for sex in (Sex.MALE, Sex.FEMALE)]
            row.append(getattr(skdn.total(), field))
            rows.append(row)
        label = 118
        table = _table(rows, colWidths=[label] + [(_WIDTH - label) / 13] * 13, repeatRows=2)
        spans = [("SPAN", (1 + 2 * i, 0), (2 + 2 * i, 0)) for i in range(len(groups))]
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
                    ("FONTNAME", (13, 2), (13, -1), styles.NARROW_BOLD),
                    ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        total = skdn.total()
        check = self.tr.gettext("Check D = N + T + O + B: {d} = {n} + {t} + {o} + {b}").format(
            d=total.d, n=total.n, t=total.t, o=total.o, b=total.b
        )
        if skdn.identity_holds:
            verdict = "<b>" + self.tr.gettext("correct in every column") + "</b>"
        else:
            verdict = '<font color="#c62828"><b>{}</b></font>'.format(
                self.tr.gettext("DOES NOT ADD UP: check the weighings of this month")
            )
        note = self.tr.gettext(
            "Ages in completed months at the weighing (else at the end of the month). 2T is part "
            "of T; BGM = weight-for-age below -3 SD. K counts children whose Buku KIA was seen "
            "(birth weight or a service copied from it)."
        )
        return [
            Paragraph(self.tr.gettext("1. SKDN by sex and age group"), self.h2),
            table,
            Spacer(0, 3),
            Paragraph(f"{check} &nbsp; {verdict}", self.body),
            Paragraph(note, self.small),
        ]

    def _ratios_and_charts(self) -> list[Flowable]:
        total = self.ind.skdn.total()
        lang = self.lang
        rows: list[list[Any]] = [
            [self.tr.gettext("Ratio"), self.tr.gettext("Meaning"), self.tr.gettext("Counts"), "%"]
        ]
        for name, meaning, part, whole in (
            ("D/S", self.tr.gettext("community participation"), total.d, total.s),
            ("K/S", self.tr.gettext("programme coverage"), total.k, total.s),
            ("D/K", self.tr.gettext("continuity of weighing"), total.d, total.k),
            ("N/D", self.tr.gettext("weighing success"), total.n, total.d),
            ("N/S", self.tr.gettext("programme result"), total.n, total.s),
        ):
            value = None if whole == 0 else part / whole
            rows.append([name, meaning, f"{part}/{whole}", percent(value, lang)])
        ratios = _table(rows, colWidths=[30, 112, 48, 48])
        ratios.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("FONTNAME", (0, 1), (0, -1), styles.NARROW_BOLD),
                    ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ]
            )
        )
        trend = self.ind.trend
        values = _table(
            [
                [
                    self.tr.gettext("Month"),
                    *(f"{month_name(p.month, lang)[:3]} {p.year % 100:02d}" for p in trend),
                ],
                ["D/S", *(percent(p.d_s, lang) for p in trend)],
                ["N/D", *(percent(p.n_d, lang) for p in trend)],
            ],
            colWidths=[30] + [(_WIDTH - 30) / len(trend)] * len(trend),
        )
        values.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("FONTSIZE", (0, 0), (-1, -1), 6.5),
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("FONTNAME", (0, 0), (0, -1), styles.NARROW_BOLD),
                    ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        layout = _table(
            [[ratios, self._bars(total)], [self._trend_chart(), ""], [values, ""]],
            colWidths=[250, _WIDTH - 250],
        )
        layout.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("SPAN", (0, 1), (1, 1)),
                    ("SPAN", (0, 2), (1, 2)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [
            CondPageBreak(300),
            Paragraph(self.tr.gettext("2. Ratios, SKDN chart and 12-month trend"), self.h2),
            layout,
        ]

    def _bars(self, total: SkdnCounts) -> Drawing:
        d = Drawing(_WIDTH - 250, 118)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 30, 14, int(_WIDTH) - 300, 84
        chart.data = [[total.s, total.k, total.d, total.n]]
        chart.categoryAxis.categoryNames = ["S", "K", "D", "N"]
        chart.categoryAxis.labels.fontName = styles.BOLD
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = max(10, round(total.s * 1.18))  # room for the bar labels
        chart.valueAxis.labels.fontName = styles.NARROW
        chart.valueAxis.labels.fontSize = 6
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.Color(0, 0, 0, alpha=0.15)
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = styles.NARROW_BOLD
        chart.barLabels.fontSize = 6.5
        chart.barLabels.nudge = 5
        chart.barWidth = 18
        chart.bars.strokeColor = styles.INK
        chart.bars.strokeWidth = 0.4
        for i, fill in enumerate(styles.SKDN_FILL):
            chart.bars[(0, i)].fillColor = fill
        d.add(chart)
        d.add(
            String(30, 110, self.tr.gettext("SKDN this month"), fontName=styles.BOLD, fontSize=7.5)
        )
        return d

    def _trend_chart(self) -> Drawing:
        trend = self.ind.trend
        d = Drawing(_WIDTH, 118)
        chart = HorizontalLineChart()
        chart.x, chart.y, chart.width, chart.height = 32, 18, int(_WIDTH) - 150, 84
        chart.data = [
            [None if p.d_s is None else round(p.d_s * 100, 1) for p in trend],
            [None if p.n_d is None else round(p.n_d * 100, 1) for p in trend],
        ]
        chart.categoryAxis.categoryNames = [
            f"{month_name(p.month, self.lang)[:3]} {p.year % 100:02d}" for p in trend
        ]
        chart.categoryAxis.labels.fontName = styles.NARROW
        chart.categoryAxis.labels.fontSize = 6
        chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
        chart.valueAxis.labels.fontName = styles.NARROW
        chart.valueAxis.labels.fontSize = 6
        chart.valueAxis.labelTextFormat = "%d %%"
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.Color(0, 0, 0, alpha=0.15)
        # ReportLab cannot join a line of one point (a Posyandu's first month): markers only then.
        chart.joinedLines = int(all(sum(v is not None for v in line) >= 2 for line in chart.data))
        # Two lines told apart without colour: solid with squares, dashed with circles.
        chart.lines[0].strokeColor = styles.SKDN_FILL[2]
        chart.lines[0].strokeWidth = 1.4
        chart.lines[0].symbol = _marker("FilledSquare", size=3.5)
        chart.lines[1].strokeColor = styles.SKDN_FILL[3]
        chart.lines[1].strokeWidth = 1.4
        chart.lines[1].strokeDashArray = [3, 2]
        chart.lines[1].symbol = _marker("FilledCircle", size=3.5)
        d.add(chart)
        for i, name in enumerate(
            (self.tr.gettext("D/S participation"), self.tr.gettext("N/D weighing success"))
        ):
            y = 92 - 14 * i
            line = PolyLine([_WIDTH - 110, y, _WIDTH - 90, y], strokeWidth=1.4)
            line.strokeColor = chart.lines[i].strokeColor
            line.strokeDashArray = [] if i == 0 else [3, 2]
            d.add(line)
            marker = _marker("FilledSquare" if i == 0 else "FilledCircle", size=3.5)
            marker.x, marker.y, marker.fillColor = _WIDTH - 100, y, chart.lines[i].strokeColor
            d.add(marker)
            d.add(String(_WIDTH - 86, y - 2.5, name, fontName=styles.NARROW, fontSize=7))
        d.add(
            String(
                32,
                108,
                self.tr.gettext("Trend over 12 months (%)"),
                fontName=styles.BOLD,
                fontSize=7.5,
            )
        )
        return d

    # Status, stunting, referrals ---------------------------------------------------------

    def _status(self) -> list[Flowable]:
        tables = []
        for index in StatusIndex:
            rows: list[list[Any]] = [[index_label(index, self.lang), ""]]
            counts = self.ind.status_counts[index]
            for category in index.categories:
                rows.append([category_label(category, self.lang), counts[category]])
            rows.append(
                [self.tr.gettext("Children with this index"), self.ind.status_measured[index]]
            )
            table = _table(rows, colWidths=[_WIDTH / 2 - 40, 30])
            table.setStyle(
                TableStyle(
                    [
                        *_GRID,
                        ("SPAN", (0, 0), (1, 0)),
                        ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                        ("BACKGROUND", (0, -1), (-1, -1), styles.TOTAL_FILL),
                        ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                        ("FONTNAME", (0, -1), (-1, -1), styles.NARROW_BOLD),
                        ("ALIGN", (1, 1), (1, -1), "RIGHT"),
                    ]
                )
            )
            tables.append(table)
        grid = _table([tables[:2], tables[2:]], colWidths=[_WIDTH / 2] * 2)
        grid.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        note = self.tr.gettext(
            "Children under five measured this month, at their latest measurement with that "
            "index (Permenkes 2/2020 categories)."
        )
        return [
            CondPageBreak(200),
            Paragraph(self.tr.gettext("3. Nutritional status"), self.h2),
            grid,
            Paragraph(note, self.small),
        ]

    def _reason(self, reason: ReferralReason) -> str:
        return reason_label(reason, self.lang)

    def _sex(self, sex: Sex) -> str:
        return words(sex, "initial", self.lang)

    def _children_lists(self) -> list[Flowable]:
        stunting, lists = self.ind.new_stunting, self.ind.stunting
        out: list[Flowable] = [
            Paragraph(
                self.tr.gettext("4. New stunting cases: {count}").format(count=len(stunting)),
                self.h2,
            ),
            Paragraph(
                self.tr.gettext(
                    "Confirmed: stunted at two valid lengths in a row after a length here that "
                    "was not (the second may be a re-measure the same month); at most once in "
                    "12 months. Suspected, to measure again: {suspected}. Already stunted at "
                    "their first length here: {registration}. Born short (under {cm} cm): "
                    "{born}."
                ).format(
                    suspected=len(lists.suspected),
                    registration=len(lists.at_registration),
                    cm=format_decimal(INCIDENCE_2026.born_short_below_cm, 0, self.lang),
                    born=len(lists.born_short),
                ),
                self.small,
            ),
        ]
        if stunting:
            rows: list[list[Any]] = [
                [
                    self.tr.gettext("No."),
                    self.tr.gettext("Name"),
                    self.tr.gettext("Age (months)"),
                    self.tr.gettext("Before"),
                    self.tr.gettext("Now"),
                ]
            ]
            rows += [
                [
                    i,
                    s.name,
                    s.age_months,
                    "-" if s.previous is None else category_label(s.previous, self.lang),
                    category_label(s.now, self.lang),
                ]
                for i, s in enumerate(stunting, start=1)
            ]
            out.append(self._list_table(rows, [24, 170, 60, 120, 120]))
        referrals = self.ind.referrals
        out += [
            Paragraph(
                self.tr.gettext("5. Children to refer: {count}").format(count=len(referrals)),
                self.h2,
            ),
            Paragraph(
                self.tr.gettext("Refer to the puskesmas when: {reasons}.").format(
                    reasons=", ".join(map(self._reason, REFERRING))
                ),
                self.small,
            ),
        ]
        counts = dict.fromkeys(REFERRING, 0)
        for r in referrals:
            for reason in r.reasons:
                if reason in counts:
                    counts[reason] += 1
        out.append(
            Paragraph(
                " &nbsp; ".join(f"{self._reason(k)}: <b>{v}</b>" for k, v in counts.items()),
                self.body,
            )
        )
        if referrals:
            rows = [
                [
                    self.tr.gettext("No."),
                    self.tr.gettext("Name"),
                    self.tr.gettext("Sex"),
                    self.tr.gettext("Age (months)"),
                    self.tr.gettext("Reasons"),
                ]
            ]
            rows += [
                [i, r.name, self._sex(r.sex), r.age_months, ", ".join(map(self._reason, r.reasons))]
                for i, r in enumerate(referrals, start=1)
            ]
            out.append(self._list_table(rows, [24, 190, 30, 60, _WIDTH - 304]))
        again = self.ind.remeasure
        out.append(
            Paragraph(
                self.tr.gettext(
                    "Doubtful values to measure again (not counted anywhere): {count}"
                ).format(count=len(again)),
                self.body,
            )
        )
        if again:
            rows = [[self.tr.gettext("No."), self.tr.gettext("Name"), self.tr.gettext("Sex")]]
            rows += [[i, r.name, self._sex(r.sex)] for i, r in enumerate(again, start=1)]
            out.append(self._list_table(rows, [24, 190, 30]))
        return out

    def _list_table(self, rows: list[list[Any]], widths: Sequence[float]) -> Table:
        table = _table(rows, colWidths=list(widths), repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    (
                        "ROWBACKGROUNDS",
                        (0, 1),
                        (-1, -1),
                        [colors.white, colors.HexColor("#f6f6f6")],
                    ),
                ]
            )
        )
        return table

    # Adults, visits, services, cadres ----------------------------------------------------

    def _people(self, found: Sequence[PersonFinding], value_name: str) -> list[Flowable]:
        if not found:
            return []
        rows: list[list[Any]] = [
            [
                self.tr.gettext("No."),
                self.tr.gettext("Name"),
                self.tr.gettext("Age (years)"),
                value_name,
            ]
        ]
        rows += [
            [i, p.name, p.age_years, p.value.replace(".", self._mark())]
            for i, p in enumerate(found, 1)
        ]
        return [self._list_table(rows, [24, 200, 60, 110])]

    def _mark(self) -> str:
        return format_decimal(0.5, 1, self.lang)[1]

    def _adults(self) -> list[Flowable]:
        kek = self.ind.kek_pregnant
        bp = self.ind.blood_pressure
        out: list[Flowable] = [
            CondPageBreak(120),
            Paragraph(
                self.tr.gettext(
                    "6. Pregnant women with KEK (LILA < {cm} cm): {count} of {measured} measured"
                ).format(
                    cm=format_decimal(KEK_BELOW_CM, 1, self.lang),
                    count=len(kek),
                    measured=self.ind.pregnant_lila_measured,
                ),
                self.h2,
            ),
            *self._people(kek, self.tr.gettext("LILA (cm)")),
            Paragraph(
                self.tr.gettext(
                    "7. High blood pressure (at least {systolic}/{diastolic} mmHg)"
                ).format(systolic=HIGH_SYSTOLIC_MMHG, diastolic=HIGH_DIASTOLIC_MMHG),
                self.h2,
            ),
        ]
        rows: list[list[Any]] = [
            [self.tr.gettext("Group"), self.tr.gettext("Measured"), self.tr.gettext("High")],
            [self.tr.gettext("Adults 18-59 years"), bp.measured_adults, bp.high_adults],
            [self.tr.gettext("Elderly 60 years and over"), bp.measured_elders, bp.high_elders],
        ]
        table = _table(rows, colWidths=[150, 60, 60])
        table.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ]
            )
        )
        out += [
            table,
            Spacer(0, 3),
            *self._people(bp.people, self.tr.gettext("Blood pressure (mmHg)")),
        ]
        return out

    def _visits_services_cadres(self) -> list[Flowable]:
        ind = self.ind
        visits: list[list[Any]] = [[self.tr.gettext("Home visits"), ind.home_visits]]
        visits += [
            [vocabulary_label(reason, self.lang), ind.home_visits_by_reason.get(reason, 0)]
            for reason in VisitReason
        ]
        services: list[list[Any]] = [[self.tr.gettext("Services given (people)"), ""]]
        for kind, capsule in (
            (ServiceKind.VITAMIN_A, VitaminACapsule.BLUE),
            (ServiceKind.VITAMIN_A, VitaminACapsule.RED),
            (ServiceKind.DEWORMING, None),
            (ServiceKind.PMT, None),
            (ServiceKind.IRON_TABLETS, None),
        ):
            name = vocabulary_label(kind, self.lang)
            if capsule is not None:
                name = f"{name}: {capsule_label(capsule, self.lang)}"
            services.append([name, ind.services.get((kind, capsule), 0)])
        cadres: list[list[Any]] = [
            [self.tr.gettext("Cadres"), ""],
            [self.tr.gettext("Registered (active in the registry)"), ind.cadres_registered],
            [self.tr.gettext("Active this month (served at a session)"), ind.cadres_active],
            [self.tr.gettext("Posyandu sessions held"), ind.sessions],
        ]
        cadres += [
            [self.tr.gettext("Cadres present on {date}").format(date=format_date(on, self.lang)), n]
            for on, n in ind.attendance_by_session
        ]
        boxes = []
        for rows in (visits, services, cadres):
            table = _table(rows, colWidths=[_WIDTH / 3 - 38, 26])
            table.setStyle(
                TableStyle(
                    [
                        *_GRID,
                        ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                        ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                    ]
                )
            )
            boxes.append(table)
        layout = _table([boxes], colWidths=[_WIDTH / 3] * 3)
        layout.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        return [
            KeepTogether(
                [Paragraph(self.tr.gettext("8. Home visits, services and cadres"), self.h2), layout]
            )
        ]

    def _quality(self) -> list[Flowable]:
        if self.data.quality is None:
            return []
        heading = self.tr.gettext("9. Data quality (children's measurements)")
        return quality_section(self.data.quality, self.tr, self.lang, _WIDTH * 0.6, heading)

    def _early_warning(self) -> list[Flowable]:
        section = self.data.early_warning
        if section is None:
            return []
        tr, bt = self.tr, section.backtest
        out: list[Flowable] = [
            CondPageBreak(120),
            Paragraph(
                tr.gettext("10. At risk of stunting (early warning): {count} children").format(
                    count=len(section.children)
                ),
                self.h2,
            ),
            Paragraph(
                tr.gettext(
                    "Children under two with a sign that comes before stunting: length-for-age "
                    "falling, weight-for-age down across a line, 2T or T twice, small at birth, "
                    "a mother with KEK in pregnancy, missed weighings. Visit the first ones first."
                ),
                self.small,
            ),
        ]
        if section.children:
            no, name, age = tr.gettext("No."), tr.gettext("Name"), tr.gettext("Age (months)")
            rows: list[list[Any]] = [[no, name, age, tr.gettext("Reasons")]]
            rows += [
                [i, c.name, c.risk.age_months, Paragraph(risk_line(c.risk, self.lang), self.body)]
                for i, c in enumerate(section.children, start=1)
            ]
            out.append(self._list_table(rows, [24, 150, 50, _WIDTH - 224]))
        out.append(
            Paragraph(
                tr.gettext(
                    "The list checked against the last {months} months: {warned} of {cases} "
                    "confirmed new stunting cases were on it one to three months before "
                    "({share}); {size} children on the list a month on average; {recovered} "
                    "left it without becoming a case."
                ).format(
                    months=len(bt.months),
                    warned=len(bt.warned),
                    cases=len(bt.cases),
                    share=percent(bt.sensitivity, self.lang),
                    size=format_decimal(bt.mean_list_size, 1, self.lang),
                    recovered=len(bt.recovered),
                ),
                self.body,
            )
        )
        return out

    # ILP ---------------------------------------------------------------------------------

    def _ilp_page(self) -> list[Flowable]:
        """Per life stage: people seen and each finding as "found / judged"; then the services."""
        ilp = self.data.ilp
        if ilp is None:
            return []
        tr = self.tr
        head: list[Any] = [tr.gettext("Life stage"), tr.gettext("Seen")]
        head += [words(finding, "short", self.lang) for finding in Finding]
        rows: list[list[Any]] = [head]
        for row in ilp.stages:
            cells: list[Any] = [life_stage_label(row.stage, self.lang), row.seen]
            for finding in Finding:
                count = row.counts.get(finding)
                cells.append("" if count is None else f"{count.found} / {count.judged}")
            rows.append(cells)
        first = 118
        stages = _table(
            rows, colWidths=[first, 34] + [(_WIDTH - first - 34) / len(Finding)] * len(Finding)
        )
        stages.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                    ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ]
            )
        )

        def share(given: int, of: int | None) -> str:
            return str(given) if of is None else f"{given} / {of}"

        services: list[list[Any]] = [[tr.gettext("Service"), tr.gettext("Given / due")]]
        for capsule, cover in ilp.vitamin_a.items():
            name = f"{vocabulary_label(ServiceKind.VITAMIN_A, self.lang)}: "
            name += capsule_label(capsule, self.lang)
            value = share(cover.given, cover.of) if ilp.vitamin_a_round else str(cover.given)
            services.append([name, value])
        services += [
            [
                tr.gettext("TTD, pregnant women seen"),
                share(ilp.ttd_pregnant.given, ilp.ttd_pregnant.of),
            ],
            [
                tr.gettext("TTD, adolescent girls seen"),
                share(ilp.ttd_adolescent_girls.given, ilp.ttd_adolescent_girls.of),
            ],
        ]
        immunisation: list[list[Any]] = [
            [tr.gettext("Immunisation (antigen)"), tr.gettext("Doses")]
        ]
        immunisation += [[_antigen_name(a, self.lang), n] for a, n in ilp.immunisation] or [
            [tr.gettext("none recorded this month"), ""]
        ]
        boxes = []
        for box in (services, immunisation):
            table = _table(box, colWidths=[_WIDTH / 2 - 86, 72])
            table.setStyle(
                TableStyle(
                    [
                        *_GRID,
                        ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                        ("FONTNAME", (0, 0), (-1, 0), styles.NARROW_BOLD),
                        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                    ]
                )
            )
            boxes.append(table)
        layout = _table([boxes], colWidths=[_WIDTH / 2] * 2)
        layout.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        round_note = (
            tr.gettext("{month} is a vitamin A month: due = children of that age in S.")
            if ilp.vitamin_a_round
            else tr.gettext("{month} is not a vitamin A month (February and August).")
        ).format(month=month_name(ilp.month, self.lang))
        return [
            PageBreak(),
            *self._title(tr.gettext("ILP: life stages and services")),
            Paragraph(tr.gettext("1. People seen and what was found"), self.h2),
            stages,
            Spacer(0, 3),
            Paragraph(
                tr.gettext(
                    "Each cell: people with the finding / people for whom it was measured or"
                    " asked this month. An empty cell: not asked at that life stage."
                ),
                self.small,
            ),
            Paragraph(tr.gettext("2. Services"), self.h2),
            layout,
            Spacer(0, 3),
            Paragraph(round_note, self.small),
        ]

    def _cadre_sheet(self) -> list[Flowable]:
        rows: list[list[Any]] = [
            [
                self.tr.gettext("No."),
                self.tr.gettext("Cadre"),
                self.tr.gettext("Sessions attended"),
                self.tr.gettext("People measured"),
                self.tr.gettext("Home visits"),
                self.tr.gettext("Records corrected"),
            ]
        ]
        perf = self.data.cadre_performance
        rows += [
            [i, p.name, p.sessions_attended, p.people_measured, p.home_visits, p.records_corrected]
            for i, p in enumerate(perf, start=1)
        ]
        header = [
            Paragraph(str(cell), styles.style(7.5, bold=True, narrow=True)) for cell in rows[0]
        ]
        rows[0] = header
        table = _table(rows, colWidths=[26, 190, 70, 70, 70, 70], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    *_GRID,
                    ("FONTSIZE", (0, 1), (-1, -1), 8.5),
                    ("LEADING", (0, 1), (-1, -1), 11),
                    ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                    ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        sessions = self.tr.gettext("Posyandu sessions held this month: {count}").format(
            count=self.ind.sessions
        )
        note = self.tr.gettext(
            "Sessions attended: days the cadre signed in at any desk. People measured: people "
            "whose measurement the cadre entered. Records corrected: measurements the cadre "
            "corrected, with a reason, this month."
        )
        signatures = _table(
            [
                [self.tr.gettext("Head of the Posyandu"), self.tr.gettext("Puskesmas officer")],
                ["", ""],
                [
                    "(....................................)",
                    "(....................................)",
                ],
            ],
            colWidths=[_WIDTH / 2] * 2,
            rowHeights=[12, 40, 12],
        )
        signatures.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), styles.FONT),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        return [
            Spacer(0, 6),
            Paragraph(sessions, self.body),
            Spacer(0, 4),
            table,
            Spacer(0, 3),
            Paragraph(note, self.small),
            Spacer(0, 18),
            signatures,
        ]

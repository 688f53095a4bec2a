"""The puskesmas recap as a spreadsheet (openpyxl), for officers who re-sort, filter or copy the
figures into the Dinkes forms: one sheet per table of the PDF (recap.py), a title in row 1, the
column names in row 3, numbers as numbers (ratios as fractions shown as %, dates as dates), the
plain sum of the Posyandu rows and the puskesmas total (each person once) at the foot.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from posyandu_desktop.domain.growth.classify import KEK_BELOW_CM
from posyandu_desktop.domain.ilp_report import Finding, IlpMonth, finding_total
from posyandu_desktop.domain.indicators import AgeGroup, StatusIndex
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.recap import ListedChild, PosyanduRow, Recap, RecapCounts
from posyandu_desktop.domain.referral import ReferralReason
from posyandu_desktop.domain.safe_text import strip_bidi_controls
from posyandu_desktop.i18n import (
    Translator,
    category_label,
    format_decimal,
    format_month,
    translator,
)
from posyandu_desktop.i18n.quality_words import QUALITY_HEADS, quality_values
from posyandu_desktop.i18n.recap_words import (
    INDEX_ABBREVIATIONS,
    reason_label,
    shared_label,
)
from posyandu_desktop.i18n.words import words
from posyandu_desktop.reports import styles

HEAD_ROW = 3  # column names; the data starts on the row below
_LETTERS = ("s", "k", "d", "n", "t", "two_t", "o", "b", "bgm")
_LETTER_NAMES = ("S", "K", "D", "N", "T", "2T", "O", "B", "BGM")
_PERCENT = "0.0%"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13, color="1F4E79")
_HEAD_FILL = PatternFill("solid", fgColor="DFE8F1")
_TOTAL_FILL = PatternFill("solid", fgColor="EEEEEE")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="bottom", horizontal="center")


def recap_xlsx_bytes(recap: Recap, *, lang: str | None = None) -> bytes:
    """The recap as an .xlsx workbook."""
    book = _Book(recap, translator(lang), lang)
    buffer = io.BytesIO()
    book.build().save(buffer)
    return buffer.getvalue()


def write_recap_xlsx(recap: Recap, target: Path, *, lang: str | None = None) -> Path:
    """Write the workbook atomically to `target`."""
    return styles.write_atomically(target, recap_xlsx_bytes(recap, lang=lang))


class _Book:
    def __init__(self, recap: Recap, tr: Translator, lang: str | None) -> None:
        self.recap, self.tr, self.lang = recap, tr, lang
        self.sum = recap.rows_sum
        self.names = {r.code: r.name for r in recap.rows}
        self.book = Workbook(write_only=True)
        # Write-only cells need a sheet to find the workbook's style tables; any sheet will do.
        self.sheet_for_cells = self.book.create_sheet("-")
        self.book.remove(self.sheet_for_cells)

    def build(self) -> Workbook:
        self._skdn()
        self._skdn_by_age()
        self._status()
        self._cases()
        self._cadres()
        self._sessions()
        self._ilp()
        self._new_stunting()
        self._referrals()
        self._kek()
        self._shared()
        self._quality()
        self._early_warning()
        return self.book

    # Writing ------------------------------------------------------------------------------

    def _sheet(
        self,
        name: str,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        totals: int = 0,
        widths: Sequence[float] = (),
        formats: dict[int, str] | None = None,
        frozen_columns: int = 0,
    ) -> None:
        """A sheet: title, column names, rows; `totals` rows at the foot in bold; `formats`
        maps a column index (0-based) to a number format."""
        # Write-only sheets stream their rows: a recap of 79 Posyandu lists thousands of
        # children, and a normal sheet keeps a styled cell object for each value.
        sheet = self.book.create_sheet(name[:31])  # Excel's limit for a sheet name
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{HEAD_ROW + 1}"
        if rows and not totals:
            last = get_column_letter(len(header))
            sheet.auto_filter.ref = f"A{HEAD_ROW}:{last}{HEAD_ROW + len(rows)}"
        month = format_month(self.recap.year, self.recap.month, self.lang)
        puskesmas = self.recap.puskesmas or self.tr.gettext("Puskesmas")
        sheet.append([self._cell(f"{title} - {puskesmas}, {month}", font=_TITLE)])
        sheet.append([])
        sheet.append(
            [self._cell(t, font=_BOLD, fill=_HEAD_FILL, alignment=_HEAD_ALIGN) for t in header]
        )
        formats = formats or {}
        first_total = len(rows) - totals
        for r, values in enumerate(rows):
            foot = r >= first_total
            sheet.append(
                [
                    self._cell(v, number_format=formats.get(c), font=_BOLD, fill=_TOTAL_FILL)
                    if foot
                    else (
                        self._cell(v, number_format=formats.get(c))
                        if c in formats or isinstance(v, str)
                        else v
                    )
                    for c, v in enumerate(values)
                ]
            )

    def _cell(self, value: Any, **style: Any) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet_for_cells, value)
        if isinstance(value, str):
            # Names come from the Posyandu's files: openpyxl would store "=HYPERLINK(...)" as a
            # live formula, so text is always a string cell, without bidi controls
            # (domain/safe_text.py).
            cell.value = strip_bidi_controls(value)
            cell.data_type = "s"
        for key, setting in style.items():
            if setting is not None:
                setattr(cell, key, setting)
        return cell

    def _where(self, codes: Sequence[str]) -> str:
        return ", ".join(self.names.get(code, code) for code in codes)

    def _per_posyandu(
        self,
        cells: Callable[[RecapCounts], list[Any]],
        *,
        before: Callable[[PosyanduRow], list[Any]] = lambda row: [],
        after: Callable[[PosyanduRow], list[Any]] = lambda row: [],
    ) -> list[list[Any]]:
        """A row per Posyandu (`before` and `after` its numbers: text columns), then the plain
        sum and the puskesmas total."""
        rows: list[list[Any]] = [
            [i, row.code, row.name, *before(row), *cells(row.counts), *after(row)]
            for i, row in enumerate(self.recap.rows, start=1)
        ]
        gap = [""] * len(before(self.recap.rows[0])) if self.recap.rows else []
        rows.append(["", "", self.tr.gettext("Sum of the rows"), *gap, *cells(self.sum)])
        total = self.tr.gettext("Puskesmas total (each person once)")
        rows.append(["", "", total, *gap, *cells(self.recap.total)])
        return rows

    def _identity(self) -> list[str]:
        tr = self.tr
        return [tr.gettext("No."), tr.gettext("Code"), tr.gettext("Posyandu")]

    # Sheets -------------------------------------------------------------------------------

    def _skdn(self) -> None:
        tr = self.tr

        def cells(c: RecapCounts) -> list[Any]:
            s = c.skdn
            return [*(getattr(s, f) for f in _LETTERS), s.k_s, s.d_s, s.d_k, s.n_d, s.n_s]

        rows = self._per_posyandu(
            cells,
            before=lambda row: [row.kelurahan],
            after=lambda row: [tr.gettext("yes") if row.matches_report else tr.gettext("NO")],
        )
        header = [
            *self._identity(),
            tr.gettext("Kelurahan"),
            *_LETTER_NAMES,
            "K/S",
            "D/S",
            "D/K",
            "N/D",
            "N/S",
            tr.gettext("Adds up to its own report"),
        ]
        formats = dict.fromkeys(range(13, 18), _PERCENT)
        self._sheet(
            "SKDN",
            tr.gettext("1. SKDN and ratios by Posyandu"),
            header,
            rows,
            totals=2,
            widths=[5, 12, 30, 18, *[7] * 9, *[8] * 5, 14],
            formats=formats,
            frozen_columns=3,
        )

    def _skdn_by_age(self) -> None:
        tr = self.tr
        skdn = self.recap.skdn
        sexes = (Sex.MALE, Sex.FEMALE)
        header = [tr.gettext("Indicator")]
        for g in AgeGroup:
            months = tr.gettext("{first}-{last} mo").format(first=g.first, last=g.last)
            header += [f"{months} {words(sex, 'initial', self.lang)}" for sex in sexes]
        total = tr.gettext("Total")
        header += [f"{total} {words(sex, 'initial', self.lang)}" for sex in sexes]
        header.append(f"{total} {tr.pgettext('sex initial', 'M+F')}")
        rows = []
        for field, letter in zip(_LETTERS, _LETTER_NAMES, strict=True):
            row: list[Any] = [letter]
            for g in AgeGroup:
                row += [getattr(skdn.cells[(sex, g)], field) for sex in sexes]
            row += [getattr(skdn.total(sex), field) for sex in sexes]
            row.append(getattr(skdn.total(), field))
            rows.append(row)
        self._sheet(
            tr.gettext("SKDN by age"),
            tr.gettext("2. SKDN of the Puskesmas by sex and age group (each child once)"),
            header,
            rows,
            widths=[12, *[10] * 13],
            frozen_columns=1,
        )

    def _status(self) -> None:
        tr = self.tr
        header = self._identity()
        for index in StatusIndex:
            short = INDEX_ABBREVIATIONS[index]
            header += [f"{short}: {category_label(c, self.lang)}" for c in index.categories]
            header.append(f"{short}: {tr.gettext('Measured')}")

        def cells(c: RecapCounts) -> list[Any]:
            out: list[Any] = []
            for index in StatusIndex:
                out += [c.status[index][category] for category in index.categories]
                out.append(c.status_measured(index))
            return out

        rows = self._per_posyandu(cells)
        self._sheet(
            tr.gettext("Nutritional status"),
            tr.gettext("3. Nutritional status by Posyandu"),
            header,
            rows,
            totals=2,
            widths=[5, 12, 30, *[12] * (len(header) - 3)],
            frozen_columns=3,
        )

    def _cases(self) -> None:
        tr = self.tr
        header = [
            *self._identity(),
            tr.gettext("New stunting"),
            tr.gettext("Children referred"),
            *(reason_label(reason, self.lang) for reason in ReferralReason),
            tr.gettext("Pregnant women with KEK"),
            tr.gettext("Pregnant women, LILA measured"),
            tr.gettext("Home visits"),
        ]

        def cells(c: RecapCounts) -> list[Any]:
            return [
                c.new_stunting,
                c.referrals,
                *(c.referral_reasons[reason] for reason in ReferralReason),
                c.kek,
                c.pregnant_lila_measured,
                c.home_visits,
            ]

        self._sheet(
            tr.gettext("Cases by Posyandu"),
            tr.gettext("4. New stunting, referrals, KEK and home visits by Posyandu"),
            header,
            self._per_posyandu(cells),
            totals=2,
            widths=[5, 12, 30, *[12] * (len(header) - 3)],
            frozen_columns=3,
        )

    def _children(self, found: Sequence[ListedChild]) -> list[list[Any]]:
        return [
            [
                i,
                c.person.name,
                c.person.nik or "",
                self._where(c.posyandu),
                ", ".join(c.posyandu),
                words(c.sex, "initial", self.lang),
                c.age_months,
            ]
            for i, c in enumerate(found, start=1)
        ]

    def _child_header(self) -> list[str]:
        tr = self.tr
        return [
            tr.gettext("No."),
            tr.gettext("Name"),
            tr.gettext("NIK"),
            tr.gettext("Posyandu"),
            tr.gettext("Code"),
            tr.gettext("Sex"),
            tr.gettext("Age (months)"),
        ]

    def _new_stunting(self) -> None:
        found = self.recap.new_stunting
        rows = self._children(found)
        for row, c in zip(rows, found, strict=True):
            lhfa = c.length_for_age
            row.append("" if lhfa is None else category_label(lhfa, self.lang))
        header = [*self._child_header(), INDEX_ABBREVIATIONS[StatusIndex.LENGTH_HEIGHT_FOR_AGE]]
        self._sheet(
            self.tr.gettext("New stunting"),
            self.tr.gettext("6. New stunting cases: {count}").format(count=len(found)),
            header,
            rows,
            widths=[5, 28, 19, 30, 12, 8, 8, 16],
        )

    def _referrals(self) -> None:
        tr = self.tr
        found = self.recap.referrals
        rows = self._children(found)
        for row, c in zip(rows, found, strict=True):
            row.append(", ".join(reason_label(r, self.lang) for r in c.reasons))
            # 1/0 per reason, so the sheet can be filtered and summed by reason.
            row += [int(reason in c.reasons) for reason in ReferralReason]
        header = [
            *self._child_header(),
            tr.gettext("Reasons"),
            *(reason_label(reason, self.lang) for reason in ReferralReason),
        ]
        self._sheet(
            tr.gettext("Referrals"),
            tr.gettext("7. Children to refer: {count}").format(count=len(found)),
            header,
            rows,
            widths=[5, 28, 19, 30, 12, 8, 8, 26, *[9] * len(ReferralReason)],
        )

    def _kek(self) -> None:
        tr = self.tr
        found = self.recap.kek
        rows = [
            [
                i,
                w.person.name,
                w.person.nik or "",
                self._where(w.posyandu),
                ", ".join(w.posyandu),
                w.age_years,
                w.lila_cm,
            ]
            for i, w in enumerate(found, start=1)
        ]
        header = [
            tr.gettext("No."),
            tr.gettext("Name"),
            tr.gettext("NIK"),
            tr.gettext("Posyandu"),
            tr.gettext("Code"),
            tr.gettext("Age (years)"),
            tr.gettext("LILA (cm)"),
        ]
        self._sheet(
            "KEK",
            tr.gettext("8. Pregnant women with KEK (LILA < {cm} cm): {count}").format(
                cm=format_decimal(KEK_BELOW_CM, 1, self.lang), count=len(found)
            ),
            header,
            rows,
            widths=[5, 28, 19, 30, 12, 10, 10],
            formats={6: "0.0"},
        )

    def _cadres(self) -> None:
        tr = self.tr
        header = [
            *self._identity(),
            tr.gettext("Cadres registered"),
            tr.gettext("Cadres active this month"),
            tr.gettext("Sessions held"),
            tr.gettext("Cadre attendances"),
        ]
        rows: list[list[Any]] = [
            [
                i,
                row.code,
                row.name,
                row.counts.cadres_registered,
                row.counts.cadres_active,
                row.counts.sessions,
                row.counts.cadre_attendances,
            ]
            for i, row in enumerate(self.recap.rows, start=1)
        ]
        t = self.recap.total
        rows.append(
            [
                "",
                "",
                tr.gettext("Total"),
                t.cadres_registered,
                t.cadres_active,
                t.sessions,
                t.cadre_attendances,
            ]
        )
        self._sheet(
            tr.gettext("Cadres"),
            tr.gettext("5. Cadres and Posyandu sessions"),
            header,
            rows,
            totals=1,
            widths=[5, 12, 30, 12, 12, 12, 12],
            frozen_columns=3,
        )

    def _ilp(self) -> None:
        """The ILP pages per Posyandu, numbers as numbers: each finding found and judged."""
        total = self.recap.ilp_total
        if total is None:
            return
        tr = self.tr
        header = [*self._identity(), tr.gettext("Seen"), tr.gettext("Pregnant seen")]
        for finding in Finding:
            name = words(finding, "short", self.lang)
            header += [name, tr.gettext("{finding}: judged").format(finding=name)]
        header += [tr.gettext("TTD, pregnant women seen"), tr.gettext("Immunisation doses")]

        def cells(ilp: IlpMonth) -> list[Any]:
            pregnant = next(r for r in ilp.stages if r.stage is LifeStage.PREGNANT_OR_POSTPARTUM)
            found: list[Any] = [sum(r.seen for r in ilp.stages), pregnant.seen]
            for finding in Finding:
                count = finding_total(ilp, finding)
                found += [count.found, count.judged]
            return [*found, ilp.ttd_pregnant.given, sum(n for _a, n in ilp.immunisation)]

        rows: list[list[Any]] = [
            [i, row.code, row.name, *(cells(row.ilp) if row.ilp else [None] * (len(header) - 3))]
            for i, row in enumerate(self.recap.rows, start=1)
        ]
        rows.append(["", "", tr.gettext("Sum of the rows"), *cells(total)])
        self._sheet(
            "ILP",
            tr.gettext("ILP: life stages and services"),
            header,
            rows,
            totals=1,
            widths=[5, 12, 30] + [11] * (len(header) - 3),
            frozen_columns=3,
        )

    def _sessions(self) -> None:
        tr = self.tr
        rows = [
            [row.code, row.name, on, present]
            for row in self.recap.rows
            for on, present in row.attendance
        ]
        header = [
            tr.gettext("Code"),
            tr.gettext("Posyandu"),
            tr.gettext("Date"),
            tr.gettext("Cadres present"),
        ]
        self._sheet(
            tr.gettext("Sessions"),
            tr.gettext("Posyandu sessions and the cadres present"),
            header,
            rows,
            widths=[12, 30, 12, 12],
            formats={2: "DD/MM/YYYY"},
        )

    def _quality(self) -> None:
        """Each Posyandu's data quality as it sent it; shares as fractions shown as %."""
        tr = self.tr
        percent_columns = {3, 6, 7, 8}
        rows = []
        for row in self.recap.rows:
            if row.quality is None:
                continue
            values = quality_values(row.quality)
            cells = [
                v / 100 if i + 2 in percent_columns and v is not None else v
                for i, v in enumerate(values)
            ]
            rows.append([row.code, row.name, *cells])
        if not rows:
            return
        formats = dict.fromkeys(percent_columns, _PERCENT)
        formats.update({4: "0.0", 5: "0.0", 9: "0.00", 10: "0.00", 11: "0.00"})
        self._sheet(
            tr.gettext("Data quality"),
            tr.gettext("Data quality per Posyandu"),
            [tr.gettext("Code"), tr.gettext("Posyandu"), *(tr.gettext(h) for h in QUALITY_HEADS)],
            rows,
            widths=[12, 30, *([12] * len(QUALITY_HEADS))],
            formats=formats,
        )

    def _shared(self) -> None:
        tr = self.tr
        found = self.recap.shared
        rows = [
            [
                i,
                s.nik,
                " / ".join(s.names),
                self._where(s.posyandu),
                ", ".join(s.posyandu),
                shared_label(s, self.lang),
            ]
            for i, s in enumerate(found, start=1)
        ]
        header = [
            tr.gettext("No."),
            tr.gettext("NIK"),
            tr.gettext("Names as registered"),
            tr.gettext("Posyandu"),
            tr.gettext("Code"),
            tr.gettext("Who"),
        ]
        self._sheet(
            tr.gettext("In two Posyandu"),
            tr.gettext("9. People registered in two or more Posyandu: {count}").format(
                count=len(found)
            ),
            header,
            rows,
            widths=[5, 19, 40, 40, 14, 24],
        )

    def _early_warning(self) -> None:
        """Each Posyandu's list beside its new cases (as the PDF's section 10), then the
        children listed with their reasons."""
        tr = self.tr
        rows_with = [r for r in self.recap.rows if r.early_warning is not None]
        if not rows_with:
            return
        figures: list[list[Any]] = []
        listed: list[list[Any]] = []
        for i, row in enumerate(rows_with, start=1):
            ew = row.early_warning
            assert ew is not None
            figures.append(
                [
                    i,
                    row.code,
                    row.name,
                    len(ew.at_risk),
                    ew.cases,
                    ew.warned,
                    ew.sensitivity,
                    ew.recovered,
                    ew.mean_list_size,
                ]
            )
            listed += [
                [row.code, person.name, person.nik or "", "; ".join(words(r) for r in reasons)]
                for person, reasons in ew.at_risk
            ]
        title = tr.gettext("11. Early warning: children at risk and new cases by Posyandu")
        self._sheet(
            tr.gettext("Early warning"),
            title,
            [
                *self._identity(),
                tr.gettext("At risk of stunting now"),
                tr.gettext("Confirmed new cases"),
                tr.gettext("Warned 1-3 months before"),
                tr.gettext("Share warned"),
                tr.gettext("Left the list, not a case"),
                tr.gettext("Children on the list a month"),
            ],
            figures,
            widths=[6, 14, 30, 16, 16, 16, 16, 16, 16],
            formats={6: _PERCENT},
        )
        self._sheet(
            tr.gettext("At risk of stunting"),
            title,
            [tr.gettext("Code"), tr.gettext("Name"), tr.gettext("NIK"), tr.gettext("Reasons")],
            listed,
            widths=[14, 30, 19, 60],
        )

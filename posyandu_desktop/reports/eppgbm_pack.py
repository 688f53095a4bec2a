"""The e-PPGBM entry pack: a typing aid for the puskesmas officer who types each month's
weighings into e-PPGBM by hand (no file import into e-PPGBM is known: docs/sources/
eppgbm-export.md). One workbook and one printable sheet, columns in the order of e-PPGBM's
forms (new child, then measurement), in two parts: the children new to e-PPGBM and all of this
month's measurements. It is not an official import template, and says so on every page.

The Posyandu's own pack covers one Posyandu; the puskesmas's, made by the merge, covers every
Posyandu of the month: the spreadsheet then starts each row with a Posyandu column (to sort and
filter by), the printout gives each Posyandu its own table under its name.

The words are e-PPGBM's own (its forms are in Indonesian), so the files are in Indonesian
whatever the app's language (docs/DECISIONS.md).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.safe_text import spreadsheet_safe, strip_bidi_controls
from posyandu_desktop.i18n import format_month
from posyandu_desktop.reports import styles

NOTE = (
    "Bahan ketik untuk e-PPGBM, bukan templat impor resmi: salin nilai-nilainya ke formulir "
    "e-PPGBM."
)
# The puskesmas's pack is made from the monthly files, which carry the rows changed since the
# Posyandu's previous export and the month's report lines (docs/DECISIONS.md).
AREA_NOTE = (
    "Dari file bulanan tiap Posyandu. Anak belum di e-PPGBM: belum pernah diukur di Posyandu "
    "sebelum bulan ini, dan terdaftar atau diukur bulan ini. Alamat, RT, RW dan nama orang tua "
    "hanya ada bila data anak, rumah tangga atau orang tuanya baru atau berubah sejak kiriman "
    "Posyandu sebelumnya; yang kosong dilihat di e-PPGBM atau register Posyandu. Vitamin A "
    "hanya tertulis bila kapsulnya tercatat dalam file bulan ini (kapsul yang sudah terkirim "
    "dalam file sebelumnya ada di bahan ketik Posyandu sendiri)."
)
SENT_EARLIER_NOTE = (
    "Tanggal ukur tanpa nilai: pengukuran itu sudah terkirim dalam file bulan sebelumnya; "
    "nilainya ada di bahan ketik yang dibuat Posyandu sendiri."
)
HEAD_ROW = 4  # column names; the data starts on the row below
HEADER = (
    "NIK",
    "Nama",
    "JK",
    "Tgl Lahir",
    "Alamat",
    "RT",
    "RW",
    "Nama Ortu",
    "Tanggal Ukur",
    "Berat (kg)",
    "Tinggi (cm)",
    "Cara Ukur",
    "LiLA (cm)",
    "Lingkar Kepala (cm)",
    "Vitamin A",
    "ASI Eksklusif",
)
NEW_SHEET = "Anak belum di e-PPGBM"
MONTH_SHEET = "Pengukuran bulan ini"
_WIDTHS = (19, 26, 4, 11, 26, 4, 4, 22, 12, 8, 8, 11, 8, 9, 9, 9)
_POSITION = {Position.LYING: "Terlentang", Position.STANDING: "Berdiri"}
_CAPSULE = {VitaminACapsule.BLUE: "Biru", VitaminACapsule.RED: "Merah"}
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DFE8F1")


@dataclass(frozen=True, slots=True)
class PackRow:
    """One child, with one measurement of the month (or none)."""

    nik: str
    name: str
    sex: Sex
    birth_date: date | None  # None: not in an older monthly file
    address: str
    rt: int | None
    rw: int | None
    parent: str
    measured_on: date | None = None
    weight_kg: float | None = None
    height_cm: float | None = None  # as measured, before any lying/standing correction
    position: Position | None = None
    lila_cm: float | None = None
    headc_cm: float | None = None
    capsule: VitaminACapsule | None = None  # vitamin A given this month
    exclusive_breastfeeding: bool | None = None  # not recorded by the app yet: left blank
    posyandu: str = ""  # "name (code)" in the puskesmas's pack of several Posyandu


@dataclass(frozen=True, slots=True)
class EppgbmPack:
    posyandu: str
    year: int
    month: int
    new_children: tuple[PackRow, ...]
    measurements: tuple[PackRow, ...]
    notes: tuple[str, ...] = ()  # said under the title (the puskesmas's pack: its rules, gaps)

    @property
    def several(self) -> bool:
        """A pack of several Posyandu (the rows say which)."""
        return any(r.posyandu for r in (*self.new_children, *self.measurements))

    @property
    def title(self) -> str:
        return f"Bahan ketik e-PPGBM - {self.posyandu}, {format_month(self.year, self.month, 'id')}"


def shared_note(children: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The children listed by two or more Posyandu (name, codes): typed once into e-PPGBM."""
    listed = "; ".join(f"{name} ({', '.join(codes)})" for name, codes in children)
    return f"Terdaftar di lebih dari satu Posyandu, ketik sekali saja: {listed}."


def unnamed_note(posyandu: Sequence[str]) -> str:
    """The Posyandu left out of the puskesmas's pack: their files carry no names."""
    return f"Tidak ada di bahan ketik ini (file tanpa data nama anak): {', '.join(posyandu)}."


def d_m_yyyy(on: date | None) -> str:
    """A date as e-PPGBM's forms take it: d-m-yyyy."""
    return "" if on is None else f"{on.day}-{on.month}-{on.year}"


def _values(row: PackRow, several: bool = False) -> list[Any]:
    breastfeeding = row.exclusive_breastfeeding
    return [
        *([row.posyandu] if several else []),
        row.nik,
        row.name,
        "L" if row.sex is Sex.MALE else "P",
        d_m_yyyy(row.birth_date),
        row.address,
        row.rt,
        row.rw,
        row.parent,
        d_m_yyyy(row.measured_on),
        row.weight_kg,
        row.height_cm,
        _POSITION.get(row.position, "") if row.position else "",
        row.lila_cm,
        row.headc_cm,
        _CAPSULE[row.capsule] if row.capsule else "",
        "" if breastfeeding is None else ("Ya" if breastfeeding else "Tidak"),
    ]


# Spreadsheet ---------------------------------------------------------------------------------


def fill_sheet(
    sheet: Worksheet,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    note: str = "",
    more: str = "",
    frozen: int = 2,
) -> None:
    """Title, `note` and `more` (rows 2 and 3), column names on HEAD_ROW, then the rows: every
    string a string cell (names and NIK never become numbers or formulas, domain/safe_text.py),
    numbers with at least one decimal; the first `frozen` columns stay in view."""
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13, color="1F4E79")
    for cell, text in (("A2", note), ("A3", more)):
        if text or cell == "A2":  # row 2 always (as ever), row 3 only with something to say
            sheet[cell] = text
            sheet[cell].font = Font(italic=True, color="555555")
    for column, (name, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = sheet.cell(HEAD_ROW, column, name)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        sheet.column_dimensions[get_column_letter(column)].width = width
    for r, values in enumerate(rows, start=HEAD_ROW + 1):
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(r, c)
            if isinstance(value, str):
                cell.value = spreadsheet_safe(value)
                cell.data_type, cell.number_format = "s", "@"
            else:
                cell.value = value
                if isinstance(value, float):
                    cell.number_format = "0.0#"
    sheet.freeze_panes = f"{get_column_letter(frozen + 1)}{HEAD_ROW + 1}"


def pack_xlsx_bytes(pack: EppgbmPack) -> bytes:
    """Two sheets; a pack of several Posyandu starts each row with the Posyandu."""
    several = pack.several
    header = ("Posyandu", *HEADER) if several else HEADER
    widths = (30, *_WIDTHS) if several else _WIDTHS
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = NEW_SHEET
    for sheet, rows, what in (
        (first, pack.new_children, "anak yang belum ada di e-PPGBM"),
        (book.create_sheet(MONTH_SHEET), pack.measurements, "pengukuran bulan ini"),
    ):
        fill_sheet(
            sheet,
            f"{pack.title}: {what}",
            header,
            [_values(r, several) for r in rows],
            widths,
            NOTE,
            " ".join(pack.notes),
            3 if several else 2,
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Printable sheet -----------------------------------------------------------------------------

_PADDING = 2  # points left and right of a cell's text


def table(
    header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float], width: float
) -> Table:
    """A table in the narrow font, widths scaled to fill `width`, column names repeated on
    every page. A value that fits its cell is a plain string, drawn many times faster than a
    paragraph (thousands of rows in the puskesmas's pack); a longer one wraps."""
    cell = styles.style(6.5, narrow=True)
    head = styles.style(6.5, bold=True, narrow=True)

    def text(value: Any, room: float) -> Paragraph | str:
        if value is None:
            return ""
        shown = strip_bidi_controls(str(value))
        if isinstance(value, float):  # 10.07, 53.4, 39.0: as typed into the web form
            shown = f"{value:.2f}"
            shown = shown[:-1] if shown.endswith("0") else shown
        if "\n" not in shown and stringWidth(shown, cell.fontName, cell.fontSize) <= room:
            return shown
        return Paragraph(escaped(shown), cell)

    scale = width / sum(widths)
    rooms = [w * scale - 2 * _PADDING for w in widths]
    found = Table(
        [
            [Paragraph(escaped(h), head) for h in header],
            *([text(v, room) for v, room in zip(r, rooms, strict=True)] for r in rows),
        ],
        colWidths=[w * scale for w in widths],
        repeatRows=1,
    )
    found.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
                ("TEXTCOLOR", (0, 1), (-1, -1), cell.textColor),
                ("GRID", (0, 0), (-1, -1), 0.3, styles.RULE),
                ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
            ]
        )
    )
    return found


def escaped(text: str) -> str:
    return strip_bidi_controls(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def heading(title: str, notes: Sequence[str] = ()) -> list[Flowable]:
    return [
        Paragraph(escaped(title), styles.style(12, bold=True, textColor=styles.ACCENT)),
        *(Paragraph(escaped(n), styles.style(8, textColor=styles.MUTED)) for n in (NOTE, *notes)),
        Spacer(0, 6),
    ]


def _by_posyandu(rows: Sequence[PackRow]) -> list[tuple[str, list[PackRow]]]:
    """The rows in runs of one Posyandu (one run, unnamed, for a Posyandu's own pack)."""
    runs: list[tuple[str, list[PackRow]]] = []
    for row in rows:
        if not runs or runs[-1][0] != row.posyandu:
            runs.append((row.posyandu, []))
        runs[-1][1].append(row)
    return runs or [("", [])]


def pack_pdf_bytes(pack: EppgbmPack, fonts_dir: Path) -> bytes:
    styles.register_fonts(fonts_dir)
    page = landscape(A4)
    width = page[0] - 2 * styles.MARGIN
    story: list[Flowable] = heading(pack.title, pack.notes)
    for what, rows in (
        (f"1. {NEW_SHEET}: {len(pack.new_children)}", pack.new_children),
        (f"2. {MONTH_SHEET}: {len(pack.measurements)}", pack.measurements),
    ):
        story += [Paragraph(escaped(what), styles.style(10, bold=True)), Spacer(0, 3)]
        for posyandu, run in _by_posyandu(rows):
            if posyandu:
                label = f"{posyandu}: {len(run)}"
                story += [Paragraph(escaped(label), styles.style(8.5, bold=True)), Spacer(0, 2)]
            story += [table(HEADER, [_values(r) for r in run], _WIDTHS, width), Spacer(0, 6)]
        story.append(Spacer(0, 4))
    return styles.build_pdf(
        story,
        title=pack.title,
        footer=f"{pack.title}. {NOTE}",
        page_words="Halaman {page} dari {pages}",
        pagesize=page,
    )


def write_pack(pack: EppgbmPack, target: Path, fonts_dir: Path) -> Path:
    """The pack as PDF when `target` ends in .pdf, else as XLSX, written atomically."""
    if target.suffix.lower() == ".pdf":
        return styles.write_atomically(target, pack_pdf_bytes(pack, fonts_dir))
    return styles.write_atomically(target, pack_xlsx_bytes(pack))

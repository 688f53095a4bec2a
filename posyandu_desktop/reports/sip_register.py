"""The SIP register "Register Bayi dan Balita" (SIP format 2): one row per child for one
calendar year, with the weight of each month January to December, the two vitamin A rounds,
exclusive breastfeeding and the immunisations recorded (docs/sources/eppgbm-export.md#sip).
As XLSX and as a landscape PDF; the words are the SIP's own, in Indonesian (docs/DECISIONS.md).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, Paragraph, Spacer

from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.reports import styles
from posyandu_desktop.reports.eppgbm_pack import d_m_yyyy, escaped, fill_sheet, table

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
HEADER = (
    "No",
    "Nama",
    "NIK",
    "JK",
    "Tgl Lahir",
    "BB Lahir (kg)",
    "Nama Ayah",
    "Nama Ibu",
    *(f"BB {m} (kg)" for m in MONTHS),
    "Vit A Feb",
    "Vit A Agu",
    "ASI Eksklusif",
    "Imunisasi",
    "Keterangan",
)
_WIDTHS = (4, 24, 19, 4, 13, 7, 18, 18, *[6.5] * 12, 7, 7, 10, 18, 15)
# The PDF leaves out the NIK (column 2): the page is full, and the register is read by name.
_PDF_COLUMNS = tuple(i for i in range(len(HEADER)) if i != 2)
_CAPSULE = {VitaminACapsule.BLUE: "Biru", VitaminACapsule.RED: "Merah"}


@dataclass(frozen=True, slots=True)
class SipRow:
    name: str
    nik: str
    sex: Sex
    birth_date: date
    birth_weight_kg: float | None
    father: str
    mother: str
    weights: tuple[float | None, ...]  # January to December, kg; None: not weighed that month
    vitamin_a: tuple[VitaminACapsule | None, VitaminACapsule | None]  # February, August rounds
    immunisations: tuple[str, ...]  # "BCG 3-2", one per recorded dose
    left_on: date | None = None
    exclusive_breastfeeding: bool | None = None  # not recorded by the app yet: left blank


@dataclass(frozen=True, slots=True)
class SipRegister:
    posyandu: str
    year: int
    rows: tuple[SipRow, ...]

    @property
    def title(self) -> str:
        return f"Register Bayi dan Balita - {self.posyandu}, Januari s/d Desember {self.year}"


def _values(number: int, row: SipRow) -> list[Any]:
    breastfeeding = row.exclusive_breastfeeding
    return [
        number,
        row.name,
        row.nik,
        "L" if row.sex is Sex.MALE else "P",
        d_m_yyyy(row.birth_date),
        row.birth_weight_kg,
        row.father,
        row.mother,
        *row.weights,
        *(_CAPSULE[c] if c else "" for c in row.vitamin_a),
        "" if breastfeeding is None else ("Ya" if breastfeeding else "Tidak"),
        ", ".join(row.immunisations),
        f"Keluar {d_m_yyyy(row.left_on)}" if row.left_on else "",
    ]


def register_xlsx_bytes(register: SipRegister) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"Register {register.year}"
    rows = [_values(i, r) for i, r in enumerate(register.rows, start=1)]
    fill_sheet(sheet, register.title, HEADER, rows, _WIDTHS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_pdf_bytes(register: SipRegister, fonts_dir: Path) -> bytes:
    styles.register_fonts(fonts_dir)
    page = landscape(A4)
    rows = [_values(i, r) for i, r in enumerate(register.rows, start=1)]
    story: list[Flowable] = [
        Paragraph(escaped(register.title), styles.style(12, bold=True, textColor=styles.ACCENT)),
        Spacer(0, 6),
        table(
            [HEADER[i] for i in _PDF_COLUMNS],
            [[r[i] for i in _PDF_COLUMNS] for r in rows],
            [_WIDTHS[i] for i in _PDF_COLUMNS],
            page[0] - 2 * styles.MARGIN,
        ),
    ]
    return styles.build_pdf(
        story,
        title=register.title,
        footer=register.title,
        page_words="Halaman {page} dari {pages}",
        pagesize=page,
    )


def write_register(register: SipRegister, target: Path, fonts_dir: Path) -> Path:
    """The register as PDF when `target` ends in .pdf, else as XLSX, written atomically."""
    if target.suffix.lower() == ".pdf":
        data = register_pdf_bytes(register, fonts_dir)
    else:
        data = register_xlsx_bytes(register)
    return styles.write_atomically(target, data)

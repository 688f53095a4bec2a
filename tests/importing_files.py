"""Synthetic e-PPGBM "data pengukuran" exports and registers, in every shape the real files come
in (docs/sources/eppgbm-export.md). Synthetic people only."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

EPPGBM_HEADER = [
    "No", "NIK", "Nama", "JK", "Tgl Lahir", "BB Lahir", "TB Lahir", "Nama Ortu", "Prov",
    "Kab/Kota", "Kec", "Pukesmas", "Desa/Kel", "Posyandu", "RT", "RW", "Alamat",
    "Usia Saat Ukur", "Tanggal Pengukuran", "Berat", "Tinggi", "Cara Ukur", "LiLA", "BB/U",
    "ZS BB/U", "TB/U", "ZS TB/U", "BB/TB", "ZS BB/TB", "Naik Berat Badan",
    "PMT Diterima (kg)", "Jml Vit A", "KPSP", "KIA", "Detail",
]  # fmt: skip


@dataclass
class Visit:
    on: date
    kg: float | None
    cm: float | None = None
    how: str = ""
    zs: dict[str, float] = field(default_factory=dict)  # "waz", "haz", "whz"


@dataclass
class Kid:
    nik: str
    name: str
    sex: str  # "L" or "P"
    born: date
    visits: list[Visit]
    parent: str = "Ibu Contoh"


def dmy(d: date, style: str) -> str:
    return f"{d.day}-{d.month}-{d.year}" if style == "d-m-yyyy" else d.strftime("%d/%m/%Y")


def eppgbm_rows(
    kids: Sequence[Kid], *, dates: str = "d-m-yyyy", comma: bool = False, grams: bool = False
) -> list[list[str]]:
    def num(x: float | None, places: int = 1) -> str:
        if x is None:
            return ""
        text = f"{x:.{places}f}"
        return text.replace(".", ",") if comma else text

    rows, n = [EPPGBM_HEADER], 0
    for kid in kids:
        for v in kid.visits:
            n += 1
            kg = "" if v.kg is None else (str(round(v.kg * 1000)) if grams else num(v.kg))
            zs = {k: num(x, 2) for k, x in v.zs.items()}
            rows.append(
                [str(n), kid.nik, kid.name, kid.sex, dmy(kid.born, dates), num(3.2), "",
                 kid.parent, "KALIMANTAN TIMUR", "BONTANG", "BONTANG UTARA", "PKM CONTOH",
                 "LOKTUAN", "MELATI", "003", "005", "Jl. Contoh", "1 Tahun - 2 Bulan - 3 Hari",
                 dmy(v.on, dates), kg, num(v.cm), v.how, "", "Normal", zs.get("waz", ""), "Normal",
                 zs.get("haz", ""), "Gizi Baik", zs.get("whz", ""), "Ya", "", "1", "", "Ya", ""]
            )  # fmt: skip
    return rows


def write_csv(
    path: Path, rows: list[list[str]], *, sep: str = ";", encoding: str = "utf-8"
) -> Path:
    text = "\r\n".join(sep.join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_html_xls(path: Path, rows: list[list[str]]) -> Path:
    """An ".xls" that is really an HTML table, as e-PPGBM writes it."""
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>\n" for r in rows
    )
    path.write_text(f"<html><body><table border='1'>\n{cells}</table></body></html>", "utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path

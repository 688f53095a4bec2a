"""Fonts, colours, page size and the page frame shared by the PDFs.

The shipped DejaVu TTFs are registered from a folder the caller passes in (settings.
resource_path("fonts")): ReportLab's Helvetica is WinAnsi-only and silently drops glyphs
(docs/ARCHITECTURE.md#printing). Every colour also differs in grey level, and every band and line is
labelled, so a page still reads on a black-and-white printer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from posyandu_desktop import files
from posyandu_desktop.domain.growth.classify import Severity

PAGE = A4
MARGIN = 14 * mm
FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
NARROW = "DejaVuSansCondensed"
NARROW_BOLD = "DejaVuSansCondensed-Bold"
_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    NARROW: "DejaVuSansCondensed.ttf",
    NARROW_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9e9e9e")
HEADER_FILL = colors.HexColor("#dfe8f1")  # light blue-grey table headers
TOTAL_FILL = colors.HexColor("#eeeeee")
ACCENT = colors.HexColor("#1f4e79")  # titles: dark blue, near-black in grey
RED_LINE = colors.HexColor("#c62828")  # KMS red line (-3 SD), docs/sources/kms.md
ORANGE_LINE = colors.HexColor("#e65100")  # KMS orange line (+1 SD), docs/sources/kms.md
# A value saved as doubtful (docs/DECISIONS.md#doubtful-values).
DOUBTFUL = colors.HexColor("#6a1b9a")

# Chart bands per severity: pale, so black points and labels read on top, and spaced in grey
# level (luminance about 0.78 / 0.86 / 0.92 / 0.96 / 0.85). The bands beyond the normal range are
# also hatched (`BAND_HATCH`), so they stay apart from the normal band without colour.
BAND_FILL: dict[Severity, colors.Color] = {
    Severity.SEVERE: colors.HexColor("#eeaaa6"),
    Severity.MODERATE: colors.HexColor("#fad49a"),
    Severity.NORMAL: colors.HexColor("#dcefd6"),
    Severity.RISK_OVER: colors.HexColor("#fff4c4"),
    Severity.OVER: colors.HexColor("#e3cfe8"),
}
# (line spacing in points, slope direction): "\\" below the normal range, "/" above it.
BAND_HATCH: dict[Severity, tuple[float, int]] = {
    Severity.SEVERE: (3.5, -1),
    Severity.RISK_OVER: (5.0, 1),
    Severity.OVER: (3.0, 1),
}
# SKDN bars: S red, K yellow, D green, N blue (docs/sources/skdn-f2.md#skdn), darkening from S to N
# for grey printers.
SKDN_FILL = (
    colors.HexColor("#f4a6a6"),
    colors.HexColor("#f2cf5b"),
    colors.HexColor("#4caf50"),
    colors.HexColor("#1f4e79"),
)


def register_fonts(fonts_dir: Path) -> None:
    """Register the DejaVu fonts once per process (ReportLab's registry is global)."""
    known = set(pdfmetrics.getRegisteredFontNames())
    for name, file in _FILES.items():
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    pdfmetrics.registerFontFamily(
        NARROW, normal=NARROW, bold=NARROW_BOLD, italic=NARROW, boldItalic=NARROW_BOLD
    )


def style(size: float = 9, *, bold: bool = False, narrow: bool = False, **extra: Any) -> Any:
    """A paragraph style in the shipped fonts."""
    font = (NARROW_BOLD if bold else NARROW) if narrow else (BOLD if bold else FONT)
    extra.setdefault("textColor", INK)
    return ParagraphStyle(
        f"{font}-{size}", fontName=font, fontSize=size, leading=size * 1.25, **extra
    )


def numbered_canvas(footer_left: str, page_words: str, page_width: float = PAGE[0]) -> type[Canvas]:
    """A canvas class that writes the footer on every page once the page count is known:
    `footer_left` at the left and `page_words` ("Halaman {page} dari {pages}") at the right,
    across a page `page_width` wide (portrait A4 unless told)."""

    class _Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset

        def save(self) -> None:
            for page in self._pages:
                self.__dict__.update(page)
                draw_footer(
                    self,
                    footer_left,
                    page_words.format(page=self.getPageNumber(), pages=len(self._pages)),
                    page_width,
                )
                super().showPage()
            super().save()

    return _Numbered


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    footer: str,
    page_words: str,
    pagesize: tuple[float, float] = PAGE,
) -> bytes:
    """The story as PDF bytes with the house margins, a title in the document information and
    the numbered footer on every page."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4,
        title=title,
        author="Posyandu Desktop",
    )
    doc.build(list(story), canvasmaker=numbered_canvas(footer, page_words, pagesize[0]))
    return buffer.getvalue()


def draw_footer(canvas: Canvas, left: str, right: str, width: float = PAGE[0]) -> None:
    """A thin rule and one line of small text at the foot of a page `width` wide."""
    y = MARGIN - 6 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + 9, width - MARGIN, y + 9)
    canvas.setFont(FONT, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, y, left)
    canvas.drawRightString(width - MARGIN, y, right)
    canvas.restoreState()


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target` atomically, never replacing a folder, device or FIFO."""
    return files.write_atomically(target, data)

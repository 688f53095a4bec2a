"""One WHO growth chart drawn on a ReportLab canvas: Permenkes bands, SD lines, the child's points.

Bands follow the Permenkes 2/2020 categories of the chart's index
(docs/sources/permenkes-2-2020.md#categories) in the grey-spaced fills of `styles.BAND_FILL`; each
band is named in its own text where it is wide enough and each SD line is labelled at its end, with
its own dash pattern, so that the chart reads on a black-and-white printer too. On weight-for-age
the -3 SD line is the KMS red line (BGM) and the +1 SD line the orange one (docs/sources/kms.md:
refer below red or above orange).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from posyandu_desktop.domain.growth.classify import (
    Category,
    LengthHeightForAgeCategory,
    Severity,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
    severity,
)
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.reports import styles
from posyandu_desktop.reports.data import CardChart

# The SD lines that bound the categories of each index
# (docs/sources/permenkes-2-2020.md#categories), low to high, and what lies between.
_WFA = ((-3.0, -2.0, 1.0), tuple(WeightForAgeCategory))
_LHFA = ((-3.0, -2.0, 3.0), tuple(LengthHeightForAgeCategory))
_WFLH = ((-3.0, -2.0, 1.0, 2.0, 3.0), tuple(WeightForLengthHeightCategory))
# Head circumference has no Permenkes category; < -2 / > +2 SD are the common cut-offs
# (docs/sources/permenkes-2-2020.md#categories note).
_HC = ((-2.0, 2.0), (Severity.MODERATE, Severity.NORMAL, Severity.MODERATE))


def _scheme(chart: Chart) -> tuple[tuple[float, ...], tuple[Category | Severity, ...]]:
    match chart:
        case Chart.WEIGHT_FOR_AGE_0_24 | Chart.WEIGHT_FOR_AGE_24_60 | Chart.WEIGHT_FOR_AGE_0_60:
            return _WFA
        case Chart.LENGTH_FOR_AGE_0_24 | Chart.HEIGHT_FOR_AGE_24_60:
            return _LHFA
        case Chart.WEIGHT_FOR_LENGTH_45_110 | Chart.WEIGHT_FOR_HEIGHT_65_120:
            return _WFLH
        case _:
            return _HC


def is_weight_for_age(chart: Chart) -> bool:
    return _scheme(chart) is _WFA


# Dash patterns per |z|: median solid and heavy, 1 dotted, 2 dashed, 3 solid.
_DASH: dict[int, tuple[float, list[float]]] = {
    0: (1.1, []),
    1: (0.6, [1, 1.6]),
    2: (0.7, [4, 2]),
    3: (0.9, []),
}


@dataclass(frozen=True, slots=True)
class Box:
    """The plot area on the page, in points."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Scale:
    x0: float
    x1: float
    y0: float
    y1: float
    box: Box

    def px(self, x: float) -> float:
        return self.box.x + (x - self.x0) / (self.x1 - self.x0) * self.box.width

    def py(self, y: float) -> float:
        return self.box.y + (y - self.y0) / (self.y1 - self.y0) * self.box.height


def _y_range(card: CardChart) -> tuple[float, float, float]:
    """Bounds and tick step that hold the +/-3 SD lines and every point."""
    values = [v for _, pts in card.curves for _, v in pts] + [v for _, v in card.points]
    low, high = min(values), max(values)
    span = high - low
    step = next(s for s in (0.5, 1, 2, 5, 10) if span / s <= 30)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def scale_for(card: CardChart, box: Box) -> Scale:
    x0, x1 = card.chart.x_range
    y0, y1, _ = _y_range(card)
    return Scale(x0, x1, y0, y1, box)


def _path(c: Canvas, points: Sequence[tuple[float, float]], close: bool = False) -> object:
    p = c.beginPath()
    p.moveTo(*points[0])
    for point in points[1:]:
        p.lineTo(*point)
    if close:
        p.close()
    return p


def draw(
    c: Canvas,
    card: CardChart,
    box: Box,
    *,
    x_label: str,
    y_label: str,
    band_label: Callable[[Category | Severity], str | None],
    x_tick_label: Callable[[float], str] | None = None,
    red_orange: tuple[float, float] = (-3.0, 1.0),
) -> Scale:
    """Draw one chart in `box` and return its scale (for rows aligned under it); on
    weight-for-age the SD lines at `red_orange` are the KMS version's red and orange lines."""
    s = scale_for(card, box)
    _, _, y_step = _y_range(card)
    curves = dict(card.curves)
    cuts, kinds = _scheme(card.chart)
    c.saveState()
    clip = c.beginPath()
    clip.rect(box.x, box.y, box.width, box.height)
    c.clipPath(clip, stroke=0, fill=0)
    # Bands between consecutive cut lines (the chart's floor and ceiling outside them).
    xs = [x for x, _ in curves[cuts[0]]]
    floor = [(x, s.y0) for x in xs]
    ceiling = [(x, s.y1) for x in xs]
    bounds = [floor, *(list(curves[z]) for z in cuts), ceiling]
    for (low, high), kind in zip(_pairs(bounds), kinds, strict=True):
        shade = kind if isinstance(kind, Severity) else severity(kind)
        c.setFillColor(styles.BAND_FILL[shade])
        outline = [(s.px(x), s.py(y)) for x, y in low] + [
            (s.px(x), s.py(y)) for x, y in reversed(high)
        ]
        c.drawPath(_path(c, outline, close=True), stroke=0, fill=1)
        if shade in styles.BAND_HATCH:
            _hatch(c, s.box, outline, *styles.BAND_HATCH[shade])
    _grid(c, s, y_step)
    for z, points in card.curves:
        width, dash = _DASH[round(abs(z))]
        colour = colors.HexColor("#333333")
        if is_weight_for_age(card.chart) and z == red_orange[0]:
            colour, width = styles.RED_LINE, 1.3
        elif is_weight_for_age(card.chart) and z == red_orange[1]:
            colour, width = styles.ORANGE_LINE, 1.1
        c.setStrokeColor(colour)
        c.setLineWidth(width)
        c.setDash(dash)
        c.drawPath(_path(c, [(s.px(x), s.py(y)) for x, y in points]), stroke=1, fill=0)
    c.setDash([])
    _band_labels(c, s, bounds, kinds, band_label)
    _points(c, s, card.points)
    _doubtful(c, s, card.doubtful)
    c.restoreState()
    _frame_and_axes(c, s, card, y_step, x_label, y_label, x_tick_label)
    return s


def _hatch(c: Canvas, box: Box, outline: list[tuple[float, float]], gap: float, slope: int) -> None:
    """Thin diagonal lines inside a band, for printers without colour."""
    c.saveState()
    c.clipPath(_path(c, outline, close=True), stroke=0, fill=0)
    c.setStrokeColor(colors.Color(0, 0, 0, alpha=0.28))
    c.setLineWidth(0.3)
    offset = -box.height
    while offset < box.width:
        x = box.x + offset
        if slope > 0:
            c.line(x, box.y, x + box.height, box.y + box.height)
        else:
            c.line(x, box.y + box.height, x + box.height, box.y)
        offset += gap * 1.41
    c.restoreState()


def _pairs(bounds: list[list[tuple[float, float]]]) -> list[tuple[list[tuple[float, float]], ...]]:
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _grid(c: Canvas, s: Scale, y_step: float) -> None:
    c.setLineWidth(0.25)
    c.setStrokeColor(colors.Color(0, 0, 0, alpha=0.18))
    x_step = 1.0 if not (s.x1 - s.x0) > 70 else 5.0
    x = math.ceil(s.x0 / x_step) * x_step
    while x <= s.x1 + 1e-9:
        c.line(s.px(x), s.box.y, s.px(x), s.box.y + s.box.height)
        x += x_step
    y = s.y0
    while y <= s.y1 + 1e-9:
        c.line(s.box.x, s.py(y), s.box.x + s.box.width, s.py(y))
        y += y_step


def _band_labels(
    c: Canvas,
    s: Scale,
    bounds: list[list[tuple[float, float]]],
    kinds: Sequence[Category | Severity],
    band_label: Callable[[Category | Severity], str | None],
) -> None:
    """Each band's name near the right end, where bands are widest, if it fits."""
    c.setFillColor(styles.INK)
    for (low, high), kind in zip(_pairs(bounds), kinds, strict=True):
        text = band_label(kind)
        if not text:
            continue
        x_at = s.x1 - 16 / s.box.width * (s.x1 - s.x0)  # clear of the SD line names
        i = min(range(len(low)), key=lambda j: abs(low[j][0] - x_at))
        bottom = max(s.py(low[i][1]), s.box.y)
        top = min(s.py(high[i][1]), s.box.y + s.box.height)
        size = min(6.5, (top - bottom) * 0.72)
        if size < 4.8:
            continue
        c.setFont(styles.NARROW, size)
        c.drawRightString(s.px(low[i][0]), (bottom + top) / 2 - size * 0.35, text)


def _points(c: Canvas, s: Scale, points: Sequence[tuple[float, float]]) -> None:
    if not points:
        return
    placed = [(s.px(x), s.py(y)) for x, y in points]
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.9)
    if len(placed) > 1:
        c.drawPath(_path(c, placed), stroke=1, fill=0)
    c.setFillColor(colors.black)
    c.setStrokeColor(colors.white)
    c.setLineWidth(0.5)
    for x, y in placed:
        c.circle(x, y, 1.9, stroke=1, fill=1)


def _doubtful(c: Canvas, s: Scale, points: Sequence[tuple[float, float]]) -> None:
    """Doubtful values: a hollow marker where the value falls, or an arrow at the chart's edge
    pointing to where it would be, so one typo never rescales the chart."""
    c.setStrokeColor(styles.DOUBTFUL)
    c.setFillColor(styles.DOUBTFUL)
    c.setLineWidth(0.9)
    top, bottom = s.box.y + s.box.height, s.box.y
    for x, y in points:
        px = s.px(x)
        if s.y0 <= y <= s.y1:
            c.circle(px, s.py(y), 2.4, stroke=1, fill=0)
            continue
        tip, base = (top - 1, top - 7) if y > s.y1 else (bottom + 1, bottom + 7)
        arrow = _path(c, [(px, tip), (px - 3, base), (px + 3, base)], close=True)
        c.drawPath(arrow, stroke=0, fill=1)


def _frame_and_axes(
    c: Canvas,
    s: Scale,
    card: CardChart,
    y_step: float,
    x_label: str,
    y_label: str,
    x_tick_label: Callable[[float], str] | None,
) -> None:
    box = s.box
    c.setStrokeColor(styles.INK)
    c.setLineWidth(0.6)
    c.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
    c.setFillColor(styles.INK)
    c.setFont(styles.NARROW, 6)
    y = s.y0
    label_every = 2 if (s.y1 - s.y0) / y_step > 16 else 1
    for i in range(round((s.y1 - s.y0) / y_step) + 1):
        if i % label_every == 0:
            value = s.y0 + i * y_step
            text = f"{value:g}"
            c.drawRightString(box.x - 2, s.py(value) - 2, text)
            c.drawString(box.x + box.width + 2, s.py(value) - 2, text)
    del y
    span = s.x1 - s.x0
    steps = (5.0, 10.0) if card.chart.x_in_cm else (1.0, 2.0, 3.0, 6.0, 12.0)
    x_step = next((t for t in steps if box.width / span * t >= 11), steps[-1])
    x = math.ceil(s.x0 / x_step) * x_step
    while x <= s.x1 + 1e-9:
        text = x_tick_label(x) if x_tick_label else f"{x:g}"
        if text:
            c.drawCentredString(s.px(x), box.y - 7, text)
        x += x_step
    c.setFont(styles.FONT, 6.5)
    c.drawCentredString(box.x + box.width / 2, box.y - 15, x_label)
    c.saveState()
    c.translate(box.x - 14, box.y + box.height / 2)
    c.rotate(90)
    c.drawCentredString(0, 0, y_label)
    c.restoreState()
    # SD line names just inside the right edge, on the line, where the band labels stop.
    c.setFont(styles.NARROW_BOLD, 5.5)
    for z, points in card.curves:
        _, y_end = points[-1]
        yy = s.py(y_end)
        if box.y <= yy <= box.y + box.height:
            name = "0" if z == 0 else f"{z:+g}".replace("-", "\u2212")
            c.setFillColor(colors.white)
            c.rect(box.x + box.width - 11, yy - 2.6, 10, 5.6, stroke=0, fill=1)
            c.setFillColor(styles.INK)
            c.drawCentredString(box.x + box.width - 6, yy - 1.9, name)

"""A WHO growth chart: the SD curves (-3 ... +3) for the child's sex and the child's points joined.

It draws a `GrowthChartData` from `services.people` and computes nothing itself. Lines are
told apart by more than colour: the median is solid green, +/-2 SD solid red, +/-3 SD thick
black dashes, +/-1 SD thin grey dots, and every line is labelled at its right end. A doubtful
value is drawn as the printed card draws it: a hollow marker apart from the child's line, never
widening the axis; off the scale, a triangle at the chart's edge. The legend names each
doubtful marker only when the chart draws one.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCharts import (
    QAbstractSeries,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QWidget

from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import _, format_date, format_decimal
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.people import Chart, ChartPoint, GrowthChartData

CHILD_COLOUR = QColor("#0d47a1")  # dark blue: apart from every SD line colour
FALL_COLOUR = QColor("#e65100")  # deep orange: a fall the early-warning list found
DOUBTFUL_COLOUR = QColor("#6a1b9a")  # purple, as on the printed card
EDGE_INSET = 0.02  # share of the y axis between an off-scale marker and the edge
SD_LABEL_ROOM_PX = 28  # right of the plot, for the SD labels at the lines' ends
LEGEND_ENTRY_PX = 30  # what a legend entry takes beside its words (its marker and gap)
LEGEND_SIDES_PX = 50  # the chart's width the legend under it does not get (margins)
# Big enough that the axis labels never elide (toolchain pitfall 11: squeezed QChartView).
MINIMUM_SIZE = (520, 340)


def sex_label(sex: Sex) -> str:
    """Laki-laki / Perempuan."""
    return words(sex)


def _axis_titles(chart: Chart) -> tuple[str, str]:
    match chart:
        case Chart.WEIGHT_FOR_AGE_0_24 | Chart.WEIGHT_FOR_AGE_24_60 | Chart.WEIGHT_FOR_AGE_0_60:
            return _("Age (months)"), _("Weight (kg)")
        case Chart.LENGTH_FOR_AGE_0_24:
            return _("Age (months)"), _("Length (cm)")
        case Chart.HEIGHT_FOR_AGE_24_60:
            return _("Age (months)"), _("Height (cm)")
        case Chart.WEIGHT_FOR_LENGTH_45_110:
            return _("Length (cm)"), _("Weight (kg)")
        case Chart.WEIGHT_FOR_HEIGHT_65_120:
            return _("Height (cm)"), _("Weight (kg)")
        case Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_24 | Chart.HEAD_CIRCUMFERENCE_FOR_AGE_0_60:
            return _("Age (months)"), _("Head circumference (cm)")


def _sd_pen(z: float) -> QPen:
    if z == 0.0:
        pen = QPen(QColor("#2e7d32"), 2.5)
    elif abs(z) == 2.0:
        pen = QPen(QColor("#c62828"), 2.0)
    elif abs(z) == 3.0:
        pen = QPen(QColor("#212121"), 2.5, Qt.PenStyle.DashLine)
    else:
        pen = QPen(QColor("#9e9e9e"), 1.0, Qt.PenStyle.DotLine)
    return pen


def _sd_name(z: float) -> str:
    """The legend entry for a pair of SD lines."""
    if z == 0.0:
        return _("Median")
    return _("{low} and {high} SD").format(low=f"\u2212{abs(z):.0f}", high=f"+{abs(z):.0f}")


def _line_label(z: float) -> str:
    return "0" if z == 0.0 else f"{'+' if z > 0 else chr(0x2212)}{abs(z):.0f}"


def _nice_step(span: float, ticks: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals."""
    raw = span / max(ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _x_step(chart: Chart) -> float:
    """Grid steps a KMS reader expects: every 2 months up to 24, 3 or 6 after; every 5 cm."""
    first, last = chart.x_range
    if chart.x_in_cm:
        return 5.0
    return 2.0 if last - first <= 24 else 3.0 if last - first <= 36 else 6.0


class GrowthChart(QChartView):
    """A growth chart; `set_data(None)` leaves it empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.data: GrowthChartData | None = None
        self._labels: list[tuple[QGraphicsSimpleTextItem, QPointF]] = []
        self._chart = QChart()
        self._chart.setMargins(QMargins(4, 4, SD_LABEL_ROOM_PX, 4))  # for the SD labels
        legend = self._chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        # Each entry drawn like its series (a dashed line, a hollow circle, a triangle).
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self._chart.plotAreaChanged.connect(self._place_labels)
        self.setChart(self._chart)
        self.child_series: QLineSeries | None = None
        self.doubtful_series: QScatterSeries | None = None  # in range: hollow circles
        self.edge_series: QScatterSeries | None = None  # off the scale: triangles at the edge
        self.fall_since: date | None = None
        self.legend_entries: list[str] = []  # the names the legend shows, in its order

    def set_data(
        self, data: GrowthChartData | None, child_name: str = "", fall_since: date | None = None
    ) -> None:
        """Draw `data` (curves and the child's points); the child's name goes in the legend.
        `fall_since`: the early-warning list found a fall from that measurement on, drawn in
        its own colour with the -1 SD line it approaches the -2 SD line from."""
        self.data = data
        self.fall_since = fall_since
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        for item, _point in self._labels:
            chart.scene().removeItem(item)
        self._labels = []
        self.child_series = self.doubtful_series = self.edge_series = None
        self.legend_entries = []
        if data is None:
            chart.setTitle("")
            return
        chart.setTitle(f"{words(data.chart)} \u2014 {sex_label(data.sex)}")
        title_font = QFont(chart.titleFont())
        title_font.setBold(True)
        title_font.setPointSizeF(max(title_font.pointSizeF(), 11.0))
        chart.setTitleFont(title_font)

        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_title, y_title = _axis_titles(data.chart)
        x_axis.setTitleText(x_title)
        y_axis.setTitleText(y_title)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self._add_curves(data, x_axis, y_axis)
        valid = [p for p in data.points if not p.doubtful]
        if valid:
            self._add_child(valid, child_name, x_axis, y_axis)
            self._add_fall(valid, x_axis, y_axis)
        self._set_ranges(data, valid, x_axis, y_axis)
        self._add_doubtful(data, x_axis, y_axis)
        self._place_labels()
        self._fit_legend()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """The legend in one row under the plot while every entry fits whole; else in a column
        on the right (a fall, doubtful values and a long name together), where none is cut."""
        legend = self._chart.legend()
        metrics = QFontMetricsF(legend.font())
        needed = sum(metrics.horizontalAdvance(n) + LEGEND_ENTRY_PX for n in self.legend_entries)
        fits = needed <= self.width() - LEGEND_SIDES_PX
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom if fits else Qt.AlignmentFlag.AlignRight)
        # On the right, clear of the SD labels at the lines' ends.
        legend.setContentsMargins(0 if fits else SD_LABEL_ROOM_PX, 0, 0, 0)

    def _add_curves(self, data: GrowthChartData, x_axis: QValueAxis, y_axis: QValueAxis) -> None:
        chart = self._chart
        named: set[float] = set()
        falling = self.fall_since is not None
        for curve in data.curves:
            series = QLineSeries()
            pen = _sd_pen(curve.z)
            if falling and curve.z == -1.0:  # the line the child fell through, made visible
                pen = QPen(FALL_COLOUR, 1.5, Qt.PenStyle.DashLine)
            series.setPen(pen)
            series.append([QPointF(x, y) for x, y in curve.points])
            series.setName(_sd_name(curve.z))
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            # One legend entry per pair (-2 and +2 look alike on purpose); none for +/-1.
            pair = abs(curve.z)
            show = (pair != 1.0 and pair not in named) or (falling and curve.z == -1.0)
            named.add(pair)
            if falling and curve.z == -1.0:
                series.setName("\u22121 SD")
            self._in_legend(series, show)
            if curve.points:
                self._add_label(_line_label(curve.z), curve.points[-1], pen.color())

    def _add_child(
        self, points: list[ChartPoint], name: str, x_axis: QValueAxis, y_axis: QValueAxis
    ) -> None:
        line = QLineSeries()
        line.setName(name or _("Child"))
        line.setPen(QPen(CHILD_COLOUR, 2.5))
        dots = QScatterSeries()
        dots.setColor(CHILD_COLOUR)
        dots.setBorderColor(QColor("white"))
        dots.setMarkerSize(10.0)
        for p in points:
            line.append(p.x, p.value)
            dots.append(p.x, p.value)
        for series in (line, dots):
            self._chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        self._in_legend(line, True)
        self._in_legend(dots, False)
        dots.hovered.connect(self._show_point)
        self.child_series = line

    def _add_fall(self, valid: list[ChartPoint], x_axis: QValueAxis, y_axis: QValueAxis) -> None:
        since = self.fall_since
        points = [p for p in valid if since is not None and p.measured_on >= since]
        if len(points) < 2:
            return
        fall = QLineSeries()
        fall.setName(_("Falling since {date}").format(date=format_date(points[0].measured_on)))
        fall.setPen(QPen(FALL_COLOUR, 5.0))
        for p in points:
            fall.append(p.x, p.value)
        self._chart.addSeries(fall)
        fall.attachAxis(x_axis)
        fall.attachAxis(y_axis)
        self._in_legend(fall, True)

    def _set_ranges(
        self,
        data: GrowthChartData,
        valid: list[ChartPoint],
        x_axis: QValueAxis,
        y_axis: QValueAxis,
    ) -> None:
        first, last = data.x_range
        x_step = _x_step(data.chart)
        x_axis.setRange(first, last)
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(first)
        x_axis.setTickInterval(x_step)
        x_axis.setLabelFormat("%d")
        values = [y for c in data.curves for _x, y in c.points] + [p.value for p in valid]
        low, high = min(values), max(values)
        y_step = _nice_step(high - low, 10)
        low = math.floor(low / y_step) * y_step
        high = math.ceil(high / y_step) * y_step
        y_axis.setRange(low, high)
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(low)
        y_axis.setTickInterval(y_step)
        y_axis.setLabelFormat("%d" if y_step >= 1 else "%.1f")

    def _add_doubtful(self, data: GrowthChartData, x_axis: QValueAxis, y_axis: QValueAxis) -> None:
        """Doubtful values apart: a hollow circle where it falls, a triangle at the edge when
        it is off the scale (the axis is never widened for it)."""
        doubtful = [p for p in data.points if p.doubtful]
        if not doubtful:
            return
        low, high = y_axis.min(), y_axis.max()
        inside = QScatterSeries()
        inside.setName(_("Doubtful: measure again"))
        inside.setColor(QColor("white"))
        inside.setBorderColor(DOUBTFUL_COLOUR)
        inside.setPen(QPen(DOUBTFUL_COLOUR, 2.5))
        inside.setMarkerSize(11.0)
        edge = QScatterSeries()
        edge.setName(_("Off the chart"))
        edge.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
        edge.setColor(DOUBTFUL_COLOUR)
        edge.setBorderColor(DOUBTFUL_COLOUR)
        edge.setMarkerSize(13.0)
        for p in doubtful:
            if low <= p.value <= high:
                inside.append(p.x, p.value)
            else:
                inset = (high - low) * EDGE_INSET  # the whole triangle inside the plot
                edge.append(p.x, high - inset if p.value > high else low + inset)
        for series in (inside, edge):
            self._chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            series.hovered.connect(self._show_point)
            self._in_legend(series, series.count() > 0)
        self.doubtful_series, self.edge_series = inside, edge

    def _in_legend(self, series: QAbstractSeries, show: bool) -> None:
        for marker in self._chart.legend().markers(series):
            marker.setVisible(show)
        if show:
            self.legend_entries.append(series.name())

    def _add_label(self, text: str, at: tuple[float, float], colour: QColor) -> None:
        item = QGraphicsSimpleTextItem(text, self._chart)
        item.setBrush(colour.darker(120))
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        self._labels.append((item, QPointF(*at)))

    def _place_labels(self, _area: QRectF | None = None) -> None:
        """Keep each SD label just right of its line's end when the chart is resized."""
        if not self._chart.series():
            return
        reference = self._chart.series()[0]
        for item, point in self._labels:
            position = self._chart.mapToPosition(point, reference)
            height = item.boundingRect().height()
            item.setPos(position.x() + 4, position.y() - height / 2)

    def _show_point(self, point: QPointF, state: bool) -> None:
        if not state or self.data is None:
            self.setToolTip("")
            return
        # Nearest by age first: a doubtful value off the scale is drawn at the edge.
        nearest = min(
            self.data.points, key=lambda p: (abs(p.x - point.x()), abs(p.value - point.y()))
        )
        value = format_decimal(nearest.value, 1) + ("?" if nearest.doubtful else "")
        self.setToolTip(f"{format_date(nearest.measured_on)}: {value}")

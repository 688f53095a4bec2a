"""The growth chart widget draws what the service gives: seven SD lines, labelled, and the
child's points joined."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import Qt

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.services.measuring import record_measurement
from posyandu_desktop.services.people import growth_charts
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store.records import MeasuredValues, Reading
from posyandu_desktop.ui import theme
from posyandu_desktop.ui.widgets.growth_chart import EDGE_INSET, MINIMUM_SIZE, GrowthChart
from tests.ui.conftest import TODAY


def test_curves_labels_and_points(qtbot, registry):
    data = growth_charts(registry.db, registry.person_ids["Aisyah Putri"], today=TODAY)[0]
    view = GrowthChart()
    qtbot.addWidget(view)
    view.set_data(data, "Aisyah Putri")
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    chart = view.chart()
    assert len(chart.series()) == 7 + 2  # SD lines, the child's line and its dots
    assert "BB/U" in chart.title()
    assert "Perempuan" in chart.title()
    assert sorted(item.text() for item, _at in view._labels) == sorted(
        ["+3", "+2", "+1", "0", "\u22121", "\u22122", "\u22123"]
    )
    child = view.child_series
    assert child is not None and child.name() == "Aisyah Putri"
    assert [(p.x(), p.y()) for p in child.points()] == [(p.x, p.value) for p in data.points]
    legend = [m.label() for m in chart.legend().markers() if m.isVisible()]
    assert len(legend) == 4  # -3/+3, -2/+2, median, the child
    assert view.minimumWidth() >= MINIMUM_SIZE[0]


def test_empty_chart(qtbot):
    view = GrowthChart()
    qtbot.addWidget(view)
    view.set_data(None)
    assert view.chart().series() == []


def _weigh_beyond_the_scale(registry: Any, person_id: PersonId) -> None:
    """Two doubtful weights: one far below the chart (WAZ < -6), one far above (WAZ > +5)."""
    for on, kg in ((date(2026, 7, 12), 4.0), (date(2026, 11, 12), 80.0)):
        record_measurement(
            registry.db,
            cadre_id=registry.cadre_ids[0],
            person_id=person_id,
            measured_on=on,
            values=MeasuredValues(weight_kg=Reading(kg), lenhei_cm=Reading(67.5)),
            today=TODAY,
        ).unwrap()


def test_a_doubtful_value_is_marked_apart_and_never_rescales(qtbot, registry):
    """As on the printed card: a doubtful weight is not joined to the line and does not widen
    the axis; off the scale it is a marker at the chart's edge."""
    aisyah = registry.person_ids["Aisyah Putri"]
    before = growth_charts(registry.db, aisyah, today=TODAY)[0]
    _weigh_beyond_the_scale(registry, aisyah)
    data = growth_charts(registry.db, aisyah, today=TODAY)[0]
    assert [(p.value, p.doubtful) for p in data.points] == [
        (4.0, True),
        (7.0, False),
        (7.3, False),
        (7.3, False),
        (80.0, True),
    ]
    shown, plain = GrowthChart(), GrowthChart()
    for view, drawn in ((shown, data), (plain, before)):
        qtbot.addWidget(view)
        view.set_data(drawn, "Aisyah Putri")
        view.show()
        qtbot.waitExposed(view)
    child = shown.child_series
    assert child is not None
    assert [p.y() for p in child.points()] == [7.0, 7.3, 7.3]  # the line joins valid values only
    y_axis, plain_axis = (v.chart().axes(Qt.Orientation.Vertical)[0] for v in (shown, plain))
    assert isinstance(y_axis, QValueAxis) and isinstance(plain_axis, QValueAxis)
    assert (y_axis.min(), y_axis.max()) == (plain_axis.min(), plain_axis.max())  # no rescale
    assert shown.doubtful_series is not None and shown.edge_series is not None
    assert [(p.x(), p.y()) for p in shown.doubtful_series.points()] == [(data.points[0].x, 4.0)]
    # 80 kg is off the scale: a triangle at the top edge, at its age.
    inset = (y_axis.max() - y_axis.min()) * EDGE_INSET
    assert [(p.x(), p.y()) for p in shown.edge_series.points()] == [
        (data.points[-1].x, y_axis.max() - inset)
    ]
    # The legend names both markers, the triangle as the printed card words it.
    assert legend_of(shown) == [
        "\u22123 dan +3 SD",
        "\u22122 dan +2 SD",
        "Median",
        "Aisyah Putri",
        "Diragukan: ukur ulang",
        "Di luar grafik",
    ]
    assert plain.doubtful_series is None
    assert legend_of(plain) == legend_of(shown)[:4]


def test_the_off_chart_entry_only_when_a_value_is_off_the_chart(qtbot, registry):
    """A doubtful value inside the chart: its hollow circle is in the legend, the triangle not."""
    aisyah = registry.person_ids["Aisyah Putri"]
    record_measurement(
        registry.db,
        cadre_id=registry.cadre_ids[0],
        person_id=aisyah,
        measured_on=date(2026, 11, 12),
        values=MeasuredValues(weight_kg=Reading(4.0), lenhei_cm=Reading(67.5)),
        today=TODAY,
    ).unwrap()
    view = GrowthChart()
    qtbot.addWidget(view)
    view.set_data(growth_charts(registry.db, aisyah, today=TODAY)[0], "Aisyah Putri")
    view.show()
    qtbot.waitExposed(view)
    assert view.edge_series is not None and view.edge_series.count() == 0
    assert legend_of(view)[-2:] == ["Aisyah Putri", "Diragukan: ukur ulang"]


def legend_of(view: GrowthChart) -> list[str]:
    return [m.label() for m in view.chart().legend().markers() if m.isVisible()]


@pytest.fixture
def shipped_fonts(qapp: Any) -> Iterator[None]:
    """The app's own fonts (the legend's room depends on its words' widths), then restored."""
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp, resource_path("fonts"))
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def test_a_legend_too_long_for_one_row_goes_to_the_right_whole(qtbot, registry, shipped_fonts):
    """A fall, doubtful values and the child's name: eight entries do not fit under a chart as
    wide as the profile's at 1366x728, so the legend stands on the right, one entry a line."""
    aisyah = registry.person_ids["Aisyah Putri"]
    _weigh_beyond_the_scale(registry, aisyah)
    data = growth_charts(registry.db, aisyah, today=TODAY)[0]
    alignments = []
    for fall_since in (None, date(2026, 8, 12)):
        view = GrowthChart()
        qtbot.addWidget(view)
        view.set_data(data, "Aisyah Putri", fall_since=fall_since)
        view.resize(900, 530)
        view.show()
        qtbot.waitExposed(view)
        alignments.append(view.chart().legend().alignment())
    assert alignments == [Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignRight]
    assert len(legend_of(view)) == 8  # +/-3, +/-2, -1 SD, median, the child, the fall, both marks
    assert view.legend_entries == legend_of(view)
    # Drawn while hidden (another tab of the profile), at the same size: the same choice.
    view.hide()
    view.set_data(data, "Aisyah Putri")
    assert view.chart().legend().alignment() == Qt.AlignmentFlag.AlignBottom
    view.set_data(data, "Aisyah Putri", fall_since=date(2026, 8, 12))
    assert view.chart().legend().alignment() == Qt.AlignmentFlag.AlignRight

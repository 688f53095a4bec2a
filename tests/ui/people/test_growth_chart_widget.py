"""The growth chart widget draws what the service gives: seven SD lines, labelled, and the
child's points joined."""

from posyandu_desktop.services.people import growth_charts
from posyandu_desktop.ui.widgets.growth_chart import MINIMUM_SIZE, GrowthChart
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

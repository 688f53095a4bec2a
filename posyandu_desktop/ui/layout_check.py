"""The layout check: text cut off or widgets on top of each other, in the real main window.

Used by the UI tests and by `posyandu-desktop --demo --smoke --layout-report FILE`. It walks the
visible widgets of each screen and compares what Qt says a widget needs (its size hint, the
height its wrapped text needs at its width, a header section's text width) with the space the
layout gave it. What it finds is a list of plain `LayoutProblem`s (empty when clean).

The sizes: 1366×728 is a maximized window on the common 1366×768 laptop with the Windows
taskbar; 1280×680 is the smallest supported window (docs/DECISIONS.md, "Window sizes").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from posyandu_desktop.ui.main_window import SMALLEST_WINDOW, MainWindow

WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1366, 728), SMALLEST_WINDOW)
_SLACK_PX = 1  # rounding between a size hint and a laid-out geometry
_HEADER_PADDING_PX = 8  # a header section's margins around its text (Fusion style)


@dataclass(frozen=True, slots=True)
class LayoutProblem:
    """One thing a cadre would see wrong: where, what, and the numbers behind it."""

    screen: str
    size: str
    kind: str  # "clipped", "elided-header", "overlap"
    widget: str
    text: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _visible_descendants(root: QWidget) -> Iterator[QWidget]:
    for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isWindow() or not child.isVisibleTo(root) or not child.isVisible():
            continue
        yield child
        yield from _visible_descendants(child)


def _name(widget: QWidget) -> str:
    name = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__}({name})" if name else type(widget).__name__


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _clipped(widget: QWidget) -> str | None:
    """Why this widget's text does not fit its geometry, or None."""
    width, height = widget.width(), widget.height()
    if widget.layout() is None and (
        width < widget.minimumWidth() - _SLACK_PX or height < widget.minimumHeight() - _SLACK_PX
    ):
        least = f"{widget.minimumWidth()}x{widget.minimumHeight()}"
        return f"squeezed to {width}x{height} px below its minimum {least}"
    if isinstance(widget, QLabel):
        if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        if widget.wordWrap():
            needed = widget.heightForWidth(width)
            if needed > height + _SLACK_PX:
                return f"wrapped text needs {needed} px height, has {height}"
            return None
        hint = widget.minimumSizeHint()
    elif isinstance(widget, QLineEdit | QAbstractSpinBox):
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            return None  # the box's own editor: the box itself is checked
        needed = widget.minimumSizeHint().height()
        if height < needed - _SLACK_PX:
            return f"entry field squeezed to {height} px height, needs {needed}"
        return None
    elif isinstance(widget, QPushButton | QCheckBox | QRadioButton | QComboBox):
        if not _text(widget):
            return None
        hint = widget.sizeHint() if not isinstance(widget, QComboBox) else widget.minimumSizeHint()
    else:
        return None
    if hint.width() > width + _SLACK_PX:
        return f"text needs {hint.width()} px width, has {width}"
    if hint.height() > height + _SLACK_PX:
        return f"text needs {hint.height()} px height, has {height}"
    return None


def _outside_parent(widget: QWidget) -> str | None:
    """A widget reaching past its parent's edge is cut there (scrolled content excepted)."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or isinstance(parent.parentWidget(), QScrollArea):
        return None
    if isinstance(parent, QAbstractScrollArea) or isinstance(
        parent.parentWidget(), QAbstractScrollArea
    ):
        return None
    inside = parent.rect()
    box = widget.geometry()
    over_x = max(0, box.right() - inside.right(), inside.left() - box.left())
    over_y = max(0, box.bottom() - inside.bottom(), inside.top() - box.top())
    if over_x > _SLACK_PX or over_y > _SLACK_PX:
        return f"reaches {over_x}x{over_y} px past its parent {_name(parent)}"
    return None


def _cut_scroll(widget: QWidget) -> str | None:
    """A scroll area that cannot scroll sideways but holds content wider than it shows: the right
    of that content is out of reach."""
    if not isinstance(widget, QScrollArea):
        return None
    content = widget.widget()
    if content is None or (
        widget.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    ):
        return None
    shown = widget.viewport().width()
    needed = max(content.width(), content.minimumSizeHint().width())
    if needed > shown + _SLACK_PX:
        return f"content needs {needed} px width, the scroll area shows {shown} and cannot scroll"
    return None


def _elided_headers(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    for header in view.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        if model is None:
            continue
        metrics = header.fontMetrics()
        for section in range(header.count()):
            if header.isSectionHidden(section) or header.sectionSize(section) == 0:
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            longest = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
            room = header.sectionSize(section) - _HEADER_PADDING_PX
            if longest > room:
                yield text, f"header text needs {longest} px, section has {room}"


def _laid_out_children(widget: QWidget) -> list[QWidget]:
    """The visible children placed by a layout (not a view's own scroll bars and viewport,
    not a stack's hidden pages)."""
    if isinstance(widget, QAbstractScrollArea | QStackedWidget | QTabWidget):
        return []
    layout = widget.layout()
    if layout is None:
        return []
    return [
        child
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisible() and not child.isWindow() and _in_layout(layout, child)
    ]


def _in_layout(layout: QLayout, child: QWidget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is child:
            return True
        inner = item.layout()
        if inner is not None and _in_layout(inner, child):
            return True
    return False


def _overlaps(widget: QWidget) -> Iterator[tuple[QWidget, QWidget, QRect]]:
    children = _laid_out_children(widget)
    for i, first in enumerate(children):
        for second in children[i + 1 :]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > _SLACK_PX and common.height() > _SLACK_PX:
                yield first, second, common


def check_widget(root: QWidget, *, screen: str = "", size: str = "") -> list[LayoutProblem]:
    """Every clipped text, elided header and overlap among the visible widgets under `root`."""
    found: list[LayoutProblem] = []
    root.grab()  # shows and lays out what was shown or changed since the last paint
    widgets = [root, *_visible_descendants(root)]
    for widget in widgets:
        why = (
            _clipped(widget)
            or _cut_scroll(widget)
            or (_outside_parent(widget) if widget is not root else None)
        )
        if why is not None:
            found.append(LayoutProblem(screen, size, "clipped", _name(widget), _text(widget), why))
        if isinstance(widget, QAbstractItemView):
            for text, detail in _elided_headers(widget):
                found.append(
                    LayoutProblem(screen, size, "elided-header", _name(widget), text, detail)
                )
        for first, second, common in _overlaps(widget):
            found.append(
                LayoutProblem(
                    screen,
                    size,
                    "overlap",
                    f"{_name(first)} / {_name(second)}",
                    f"{_text(first)} / {_text(second)}".strip(" /"),
                    f"{common.width()}x{common.height()} px in common",
                )
            )
    return found


def settle() -> None:
    """Let background reads deliver and layouts run."""
    from posyandu_desktop.ui import background

    for _round in range(3):
        background.wait_for_all()
        QCoreApplication.processEvents()


def _measuring_states(page: QWidget) -> Iterator[str]:
    """The desk with a child's ordinary values, then with values to measure again."""
    from posyandu_desktop.domain.growth.plausibility import Quantity
    from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage

    if not isinstance(page, MeasuringPage) or page.queue_model.rowCount() == 0:
        return
    page.queue_view.selectRow(0)
    for weight_kg, length_cm in ((17.8, 105.0), (4.1, 135.0)):
        page.fields[Quantity.WEIGHT_KG].set_value(weight_kg)
        page.fields[Quantity.LENHEI_CM].set_value(length_cm)
        page.preview_now()
        yield f"weight {weight_kg} kg, length {length_cm} cm"
    page.clear_values()


def _people_states(page: QWidget) -> Iterator[str]:
    """A child's profile, opened from the search."""
    from posyandu_desktop.ui.people.people_page import PeoplePage

    if not isinstance(page, PeoplePage):
        return
    page.search.setText("a")
    settle()
    if page.results.count():
        page.results.setCurrentRow(0)
        yield "first search result"


_STATES = {"measuring": _measuring_states, "people": _people_states}


def check_main_window(
    window: MainWindow, sizes: Sequence[tuple[int, int]] = WINDOW_SIZES
) -> list[LayoutProblem]:
    """Show every screen of the main window at each size, in its usual states, and check it
    (sidebar and top bar included, as the cadre sees them)."""
    found: list[LayoutProblem] = []
    window.show()
    for width, height in sizes:
        size = f"{width}x{height}"
        window.resize(width, height)
        for key in window.page_keys():
            page = window.show_page(key)
            settle()
            if (window.width(), window.height()) != (width, height):
                needed = window.minimumSizeHint()
                found.append(
                    LayoutProblem(
                        key,
                        size,
                        "too-big",
                        _name(page),
                        "",
                        f"needs {needed.width()}x{needed.height()} px",
                    )
                )
                window.resize(width, height)
            found.extend(check_widget(window, screen=key, size=size))
            for state in _STATES.get(key, lambda _page: iter(()))(page):
                settle()
                found.extend(check_widget(window, screen=f"{key}: {state}", size=size))
    return found

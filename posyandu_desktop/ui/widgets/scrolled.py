"""Content that may be taller than a small window: scrolled, never cut off or squeezed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget


class _UpAndDown(QScrollArea):
    """Scrolls up and down only; as wide as its content needs (with the scroll bar), so
    nothing is cut at the side."""

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's width changed: so does ours
        return super().eventFilter(watched, event)

    def _width(self) -> int:
        content = self.widget()
        needed = 0 if content is None else content.minimumSizeHint().width()
        return needed + self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self._width(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self._width(), super().sizeHint().height())


def scrolled(content: QWidget | QLayout) -> QScrollArea:
    """`content` in a frameless area that scrolls up and down when the window is too short."""
    if isinstance(content, QLayout):
        holder = QWidget()
        holder.setLayout(content)
        content = holder
    area = _UpAndDown()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area

"""The common part of the thin table models: read-only rows of frozen read-models, a column enum,
translated headers, and severity colours that always come with words in the cell."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.i18n import _
from posyandu_desktop.ui.theme import SEVERITY_COLOURS

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # Qt's default `parent`: the invisible root


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Subclasses set `columns` and `headers` (N_-marked English) and implement `text`."""

    columns: ClassVar[type[IntEnum]]
    headers: ClassVar[dict[Any, str]]
    centred: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, rows: tuple[R, ...] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)  # parented to the view's owner, so Qt never outlives it
        self._rows: tuple[R, ...] = ()
        self._columns = tuple(self.columns)
        # Each cell's words, worked out once per set of rows: a view asks for them many times
        # (painting, sizing columns to their contents), at every keystroke of a search.
        self._texts: dict[tuple[int, int], str] = {}
        self.set_rows(rows)  # through the subclass's set_rows, which may reorder

    def set_rows(self, rows: tuple[R, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts.clear()
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._rows[row]

    def records(self) -> tuple[R, ...]:
        return self._rows

    def text(self, record: R, column: Any) -> str:
        """The cell's words (also what tests read)."""
        raise NotImplementedError

    def severity(self, record: R, column: Any) -> Severity | None:
        """The colour class of a cell whose text names the status; None for no colour."""
        return None

    def tooltip(self, record: R, column: Any) -> str | None:
        return None

    def alignment(self, record: R, column: Any) -> Any:
        """A cell's text alignment: centred in the `centred` columns, Qt's default elsewhere."""
        return int(Qt.AlignmentFlag.AlignCenter) if column in self.centred else None

    def role_data(self, record: R, column: Any, role: int) -> Any:
        """Any other role a subclass answers (fonts, ids for the page); None by default."""
        return None

    def colours(self, record: R, column: Any) -> tuple[str, str] | None:
        """(background, text) of a cell: the severity's by default."""
        found = self.severity(record, column)
        return None if found is None else SEVERITY_COLOURS[found]

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.headers[self.columns(section)])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, number = index.row(), index.column()
        record, column = self._rows[row], self._columns[number]
        if role == Qt.ItemDataRole.DisplayRole:
            words = self._texts.get((row, number))
            if words is None:
                words = self._texts[row, number] = self.text(record, column)
            return words
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self.colours(record, column)
            if colours is None:
                return None
            background, text = colours
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else text))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(record, column)
        return self.role_data(record, column, role)

"""The import's column-mapping step: each of our fields with a drop-down of the file's columns
and a few example values, pre-filled with the columns the import recognises by name (or the
mapping remembered from the last import), required fields without a column marked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSizePolicy, QWidget

from posyandu_desktop.domain.importing import MEASURED, REQUIRED
from posyandu_desktop.domain.safe_text import strip_bidi_controls
from posyandu_desktop.i18n import _
from posyandu_desktop.i18n.importing_words import field_text
from posyandu_desktop.services.importing import MAPPED_FIELDS, FilePreview, missing_fields

_EXAMPLE_CHARS = 16  # an example value longer than this is cut (the whole one in the tooltip)
_MISSING_STYLE = "color: #b71c1c; font-weight: bold;"
_EXAMPLE_STYLE = "color: #555;"


def _shown(text: str, limit: int) -> str:
    text = " ".join(strip_bidi_controls(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Examples(QLabel):
    """A column's example values on one line, cut with "…" to the room there is (all of them
    in the tooltip)."""

    def __init__(self) -> None:
        super().__init__()
        self._whole = ""
        self.setStyleSheet(_EXAMPLE_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_values(self, values: Sequence[str]) -> None:
        self._whole = "  ·  ".join(_shown(v, _EXAMPLE_CHARS) for v in values)
        self.setToolTip("\n".join(values))
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight, self.width())
        )


class ColumnMapping(QWidget):
    """The drop-downs; `mapping_changed` when the coordinator chooses another column."""

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: FilePreview | None = None
        self._start: dict[str, int] = {}  # the columns pre-filled
        self._choices: list[int] = []  # the column of each drop-down item after the first
        self._filling = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(2, 1)
        self.labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        self.examples: dict[str, _Examples] = {}
        headings = {
            REQUIRED[0]: _("Required columns"),
            MEASURED[0]: _("At least one measurement"),
            "nik": _("If the file has them"),
        }
        row = 0
        for name in MAPPED_FIELDS:
            if name in headings:
                heading = QLabel(headings[name])
                heading.setStyleSheet("font-weight: bold;")
                grid.addWidget(heading, row, 0, 1, 3)
                row += 1
            label = self.labels[name] = QLabel(field_text(name))
            combo = self.combos[name] = QComboBox()
            combo.setMinimumContentsLength(16)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(lambda _i, name=name: self._chose(name))
            label.setBuddy(combo)
            example = self.examples[name] = _Examples()
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(example, row, 2)
            row += 1
        grid.setRowStretch(row, 1)
        self.setEnabled(False)

    def show_preview(self, preview: FilePreview) -> None:
        """Fill the drop-downs with the columns of a newly read file."""
        self.preview = preview
        self._start = {name: i for name, i in preview.columns.items() if name in self.combos}
        known = preview.columns_with({})
        self._choices = preview.choices()
        names = [_("— not in the file —")] + [_shown(preview.header[i], 40) for i in self._choices]
        self._filling = True
        for name, combo in self.combos.items():
            # Whole lists, not item by item: PySide6 6.12 on Python 3.11 drops a reference to
            # None with every call that returns nothing, and enough of them end the process.
            combo.clear()
            combo.addItems(names)
            # A column of the field's own name is read unless another field takes it.
            model = combo.model()
            assert isinstance(model, QStandardItemModel)
            model.item(0).setEnabled(name not in known)
        self._filling = False
        self._show(preview.columns)
        self.setEnabled(True)

    def clear(self) -> None:
        """No file: no columns to choose from."""
        self.preview = None
        self._choices = []
        self._filling = True
        for name, combo in self.combos.items():
            combo.clear()
            self.examples[name].show_values(())
            self.labels[name].setStyleSheet("")
        self._filling = False
        self.setEnabled(False)

    def chosen(self) -> dict[str, int]:
        """The column chosen for each field that has one."""
        found = {name: combo.currentIndex() for name, combo in self.combos.items()}
        return {name: self._choices[i - 1] for name, i in found.items() if i > 0}

    def choose(self, name: str, column: str) -> None:
        """Choose the column named `column` for the field `name` (as the coordinator does)."""
        combo = self.combos[name]
        combo.setCurrentIndex(combo.findText(column) if column else 0)

    def missing(self) -> list[str]:
        """The required fields still without a column."""
        return missing_fields(self.chosen()) if self.preview is not None else list(REQUIRED)

    def mapping(self) -> dict[str, str] | None:
        """The mapping to import with (and to remember): None when nothing was changed (the
        import then finds the same columns by itself), else every column shown."""
        chosen = self.chosen()
        if self.preview is None or chosen == self._start:
            return None
        return {name: self.preview.header[i] for name, i in chosen.items()}

    def _chose(self, name: str) -> None:
        if self._filling or self.preview is None:
            return
        # What the import will really read (a field's own-name column stays its own unless
        # another field takes it).
        self._show(self.preview.columns_with(self.preview.mapping_for(self.chosen())))
        self.mapping_changed.emit()

    def _show(self, columns: dict[str, int]) -> None:
        assert self.preview is not None
        self._filling = True
        try:
            missing = missing_fields(columns)
            for name, combo in self.combos.items():
                column = columns.get(name)
                # a column the list does not offer (one without a name) shows as none
                at = self._choices.index(column) + 1 if column in self._choices else 0
                combo.setCurrentIndex(at)
                samples = self.preview.samples[column] if column is not None else ()
                self.examples[name].show_values(samples)
                self.labels[name].setStyleSheet(_MISSING_STYLE if name in missing else "")
        finally:
            self._filling = False

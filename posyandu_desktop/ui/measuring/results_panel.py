"""The right half of the measuring desk: what the typed values mean, updated as they are typed.

Every status is a badge with the category's words on its severity colour, so colour is never
the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.growth.classify import Severity, severity
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.i18n import (
    _,
    category_label,
    format_date,
    format_decimal,
    format_weight,
    indicator_label,
)
from posyandu_desktop.i18n.desk_labels import growth_change_text
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.measuring import MeasurementPreview
from posyandu_desktop.ui.widgets.status_badge import StatusBadge

_INDICATORS = (
    Indicator.WEIGHT_FOR_AGE,
    Indicator.LENGTH_HEIGHT_FOR_AGE,
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
    Indicator.BMI_FOR_AGE,
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE,
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
)
_GROWTH_SEVERITY = {GrowthStatus.N: Severity.NORMAL, GrowthStatus.T: Severity.MODERATE}


def signed(z: float) -> str:
    """A z-score with its sign, as the KMS and WHO Anthro write it: +1,25 / -0,40."""
    return ("+" if z > 0 else "") + format_decimal(z, 2)


class _Row:
    """One line of the panel: a name, a number and a badge."""

    def __init__(self, grid: QGridLayout, row: int, name: str) -> None:
        self.name = QLabel(name)
        self.value = QLabel()
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.badge = StatusBadge()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.name, row, 0)
        grid.addWidget(self.value, row, 1)
        grid.addWidget(self.badge, row, 2)
        self.set_visible(False)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.name, self.value, self.badge):
            widget.setVisible(visible)


class ResultsPanel(QWidget):
    """Z-scores with their Permenkes category, N/T with gain and KBM, LILA status, BGM."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 1)
        self.setFont(big)

        growth_box = QGroupBox(_("Weight gain (KMS)"))
        growth_layout = QVBoxLayout(growth_box)
        self.growth_badge = StatusBadge()
        self.growth_badge.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.growth_text = QLabel()
        self.growth_text.setWordWrap(True)
        self.growth_hint = QLabel(_("Type the weight to see N or T."))
        self.growth_hint.setStyleSheet("color: #455a64;")
        self.growth_hint.setWordWrap(True)
        for widget in (self.growth_badge, self.growth_text, self.growth_hint):
            growth_layout.addWidget(widget)

        status_box = QGroupBox(_("Nutrition status"))
        grid = QGridLayout(status_box)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(2, 1)
        self.rows = {
            indicator: _Row(grid, row, indicator_label(indicator))
            for row, indicator in enumerate(_INDICATORS)
        }
        self.bmi_row = _Row(grid, len(_INDICATORS), _("BMI"))
        self.lila_row = _Row(grid, len(_INDICATORS) + 1, _("LILA"))
        self.bgm_badge = StatusBadge()
        grid.addWidget(self.bgm_badge, len(_INDICATORS) + 2, 0, 1, 3)
        self.bgm_badge.setVisible(False)
        self.empty = QLabel(_("Statuses appear here as soon as a value is typed."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #455a64;")
        grid.addWidget(self.empty, len(_INDICATORS) + 3, 0, 1, 3)

        for box in (growth_box, status_box):
            # As tall as their lines, no taller: the stretch below takes the rest.
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(growth_box)
        layout.addWidget(status_box)
        layout.addStretch(1)
        self.growth_box = growth_box

    def show_preview(self, preview: MeasurementPreview | None, *, child: bool) -> None:
        """Show what `preview` says (None: nothing typed yet); `child` shows the KMS box."""
        self.growth_box.setVisible(child)
        self._show_growth(preview)
        shown = False
        for indicator, row in self.rows.items():
            score = None if preview is None else preview.score(indicator)
            row.set_visible(score is not None)
            if score is None:
                continue
            shown = True
            row.value.setText("—" if score.z is None else signed(score.z))
            if score.flagged:
                row.badge.set_status(_("Check the value"), Severity.SEVERE)
            elif score.category is not None:
                row.badge.set_status(category_label(score.category), severity(score.category))
            else:
                row.badge.clear_status()
        bmi = None if preview is None or child else preview.bmi
        self.bmi_row.set_visible(bmi is not None)
        if bmi is not None:
            self.bmi_row.value.setText(format_decimal(bmi, 1))
            shown = True
        lila = None if preview is None else preview.lila_status
        self.lila_row.set_visible(lila is not None)
        self.lila_row.badge.set_category(lila)
        shown = shown or lila is not None
        bgm = preview is not None and preview.bgm
        self.bgm_badge.setVisible(bgm)
        self.bgm_badge.set_status(
            _("BGM: below the red line of the KMS") if bgm else "", Severity.SEVERE
        )
        self.empty.setVisible(not shown)

    def _show_growth(self, preview: MeasurementPreview | None) -> None:
        growth = None if preview is None else preview.growth
        doubtful = preview is not None and any(
            d.quantity is Quantity.WEIGHT_KG for d in preview.doubts
        )
        # A gain computed from a doubtful weight ("up 85 kg") would only mislead.
        self.growth_hint.setText(
            _("Check the weight first.") if doubtful else _("Type the weight to see N or T.")
        )
        if doubtful:
            growth = None
        self.growth_hint.setVisible(growth is None)
        self.growth_badge.setVisible(growth is not None)
        self.growth_text.setVisible(growth is not None)
        if growth is None:
            self.growth_badge.clear_status()
            self.growth_text.clear()
            return
        level = Severity.SEVERE if growth.two_t else _GROWTH_SEVERITY.get(growth.status)
        text = words(growth.status)
        if growth.two_t:
            text = _("{status} (2T: twice in a row)").format(status=text)
        self.growth_badge.set_status(text, level)
        lines = []
        if growth.status in (GrowthStatus.N, GrowthStatus.T):
            lines.append(growth_change_text(growth.status, growth.gain_g, growth.kbm_g))
        if growth.previous_on is not None and growth.previous_kg is not None:
            lines.append(
                _("Last weighing {date}: {weight} kg").format(
                    date=format_date(growth.previous_on),
                    weight=format_weight(growth.previous_kg),
                )
            )
        self.growth_text.setText("\n".join(lines))
        self.growth_text.setVisible(bool(lines))

    def category_text(self, indicator: Indicator) -> str:
        """The badge text of one index ("" when hidden): what tests read."""
        row = self.rows[indicator]
        return row.badge.text() if row.badge.isVisibleTo(self) else ""

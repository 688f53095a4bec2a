"""A person's measurements as a table: values, rounded z-scores with the Permenkes category in
words and colour, the KMS letter and whether the row was corrected."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from posyandu_desktop.domain.growth.classify import Category, LilaStatus, Severity, severity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.i18n import (
    N_,
    _,
    age_text,
    category_label,
    format_date_short,
    format_decimal,
    format_weight,
    lila_label,
)
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services import MeasurementRecord
from posyandu_desktop.ui.theme import WARNING_COLOURS
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class Column(IntEnum):
    DATE = 0
    AGE = 1
    WEIGHT = 2
    LENGTH_HEIGHT = 3
    HEAD = 4
    LILA = 5
    WEIGHT_FOR_AGE = 6
    LENGTH_HEIGHT_FOR_AGE = 7
    WEIGHT_FOR_LENGTH_HEIGHT = 8
    GROWTH = 9
    OTHER = 10


_HEADERS = {
    Column.DATE: N_("Date"),
    Column.AGE: N_("Age"),
    Column.WEIGHT: N_("Weight (kg)"),
    Column.LENGTH_HEIGHT: N_("L/H (cm)"),
    Column.HEAD: N_("Head (cm)"),
    Column.LILA: N_("LILA (cm)"),
    Column.WEIGHT_FOR_AGE: N_("BB/U"),
    Column.LENGTH_HEIGHT_FOR_AGE: N_("PB/U, TB/U"),
    Column.WEIGHT_FOR_LENGTH_HEIGHT: N_("BB/PB, BB/TB"),
    Column.GROWTH: N_("N/T"),
    Column.OTHER: N_("Blood pressure, waist, glucose"),
}

_GROWTH_SEVERITY = {GrowthStatus.N: Severity.NORMAL, GrowthStatus.T: Severity.MODERATE}
CATEGORY_COLUMNS = (
    Column.WEIGHT_FOR_AGE,
    Column.LENGTH_HEIGHT_FOR_AGE,
    Column.WEIGHT_FOR_LENGTH_HEIGHT,
)


def position_short(position: Position) -> str:
    """PB (panjang badan, lying) or TB (tinggi badan, standing), as the KIA book writes them."""
    return words(position, "short")


def _number(value: float | None, decimals: int = 1) -> str:
    return "" if value is None else format_decimal(value, decimals)


class HistoryTableModel(RecordTableModel[MeasurementRecord]):
    """Read-only rows over `services.measurements_of`, newest first."""

    columns = Column
    headers = _HEADERS
    centred = frozenset({Column.WEIGHT, Column.HEAD, Column.GROWTH})

    def set_rows(self, rows: tuple[MeasurementRecord, ...]) -> None:
        """Show these measurements (given oldest first, as the service returns them)."""
        super().set_rows(tuple(reversed(rows)))

    def measurement(self, row: int) -> MeasurementRecord:
        return self.record(row)

    def row_of(self, measurement_id: int) -> int | None:
        """The row showing this measurement, or None."""
        for row, m in enumerate(self.records()):
            if m.id == measurement_id:
                return row
        return None

    def empty_columns(self) -> list[Column]:
        """Columns with nothing in any row (an adult has no head circumference), to hide."""
        return [
            c
            for c in Column
            if c is not Column.DATE and not any(self.text(m, c) for m in self.records())
        ]

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == Column.LENGTH_HEIGHT
        ):
            return _("L: length, measured lying down; H: height, measured standing")
        return super().headerData(section, orientation, role)

    def text(self, m: MeasurementRecord, column: Column) -> str:
        """The cell's text (also what tests read)."""
        v, f = m.values, m.findings
        match column:
            case Column.DATE:  # a corrected row says so under its date
                on = format_date_short(m.measured_on)
                if not m.corrections:
                    return on
                return _("{date}\ncorrected {count}\u00d7").format(date=on, count=m.corrections)
            case Column.AGE:
                return age_text(f.age_days)
            case Column.WEIGHT:
                return "" if v.weight_kg is None else format_weight(v.weight_kg.value)
            case Column.LENGTH_HEIGHT:
                if v.lenhei_cm is None:
                    return ""
                value = _number(v.lenhei_cm.value)
                if v.position is None:
                    return value
                return f"{position_short(v.position)} {value}"
            case Column.HEAD:
                return "" if v.headc_cm is None else _number(v.headc_cm.value)
            case Column.LILA:
                if v.lila_cm is None:
                    return ""
                value = _number(v.lila_cm.value)
                status = f.lila_status
                if status is None or status is LilaStatus.NORMAL:
                    return value
                return _("{value} ({status})").format(value=value, status=lila_label(status))
            case Column.WEIGHT_FOR_AGE:
                return self._category_text(f.wfa_category, f.waz)
            case Column.LENGTH_HEIGHT_FOR_AGE:
                return self._category_text(f.lhfa_category, f.haz)
            case Column.WEIGHT_FOR_LENGTH_HEIGHT:
                return self._category_text(f.wflh_category, f.whz)
            case Column.GROWTH:
                if f.growth_status is None:
                    return ""
                return "2T" if f.two_t else f.growth_status.value
            case Column.OTHER:
                return self._other_text(m)

    @staticmethod
    def _category_text(category: Category | None, z: float | None) -> str:
        if z is None:
            return ""
        rounded = format_decimal(z, 2)
        if category is None:
            return rounded
        return _("{category} ({z})").format(category=category_label(category), z=rounded)

    @staticmethod
    def _other_text(m: MeasurementRecord) -> str:
        v = m.values
        parts = []
        if v.oedema:
            parts.append(_("oedema"))
        if v.blood_pressure is not None:
            parts.append(
                _("BP {systolic}/{diastolic}").format(
                    systolic=v.blood_pressure.systolic_mmhg,
                    diastolic=v.blood_pressure.diastolic_mmhg,
                )
            )
        if v.waist_cm is not None:
            parts.append(_("waist {value} cm").format(value=_number(v.waist_cm.value)))
        if v.glucose_mg_dl is not None:
            parts.append(_("glucose {value}").format(value=_number(v.glucose_mg_dl.value, 0)))
        return ", ".join(parts)

    @staticmethod
    def growth_text(m: MeasurementRecord) -> str:
        """The KMS letter with a word: "T (tidak naik)", "2T (dua kali tidak naik)"."""
        f = m.findings
        if f.growth_status is None:
            return ""
        return _("2T (twice not up)") if f.two_t else words(f.growth_status, "short")

    def colours(self, m: MeasurementRecord, column: Column) -> tuple[str, str] | None:
        if column is Column.DATE:
            return WARNING_COLOURS if m.corrections else None
        return super().colours(m, column)

    def severity(self, m: MeasurementRecord, column: Column) -> Severity | None:
        """The colour class of a cell: categories, the KMS letter, a LILA result; else None."""
        f = m.findings
        category: Category | LilaStatus | None = None
        match column:
            case Column.WEIGHT_FOR_AGE:
                category = f.wfa_category
            case Column.LENGTH_HEIGHT_FOR_AGE:
                category = f.lhfa_category
            case Column.WEIGHT_FOR_LENGTH_HEIGHT:
                category = f.wflh_category
            case Column.LILA:  # coloured only when its words are shown: not when normal
                if m.values.lila_cm is None or f.lila_status is LilaStatus.NORMAL:
                    return None
                category = f.lila_status
            case Column.GROWTH:
                if f.two_t:
                    return Severity.SEVERE
                return None if f.growth_status is None else _GROWTH_SEVERITY.get(f.growth_status)
            case _:
                return None
        return None if category is None else severity(category)

    def tooltip(self, m: MeasurementRecord, column: Column) -> str | None:
        """Words behind a cell: what the KMS letter means, the full category."""
        f = m.findings
        if column is Column.GROWTH and f.growth_status is not None:
            text = words(f.growth_status, "long")
            return _("2T: weight did not go up twice in a row") if f.two_t else text
        if column is Column.DATE and m.corrections:
            return _("Select the row to see what was changed and why")
        if column in CATEGORY_COLUMNS:
            return self.text(m, column) or None
        return None

"""The history table model, read without a window: words, colours, KMS letters, corrections."""

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from posyandu_desktop.domain.growth.classify import LengthHeightForAgeCategory, Severity
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.i18n import category_label
from posyandu_desktop.services import (
    MeasuredValues,
    Reading,
    correct_measurement,
    measurements_of,
    record_measurement,
)
from posyandu_desktop.ui.people.history_table_model import Column, HistoryTableModel
from posyandu_desktop.ui.theme import SEVERITY_COLOURS, WARNING_COLOURS
from tests.ui.conftest import TODAY


def cell(
    model: HistoryTableModel, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole
) -> Any:
    return model.data(model.index(row, column), role)


def test_rows_newest_first_in_indonesian(registry):
    rows = measurements_of(registry.db, registry.person_ids["Rizky Pratama"])
    model = HistoryTableModel(rows)
    assert (model.rowCount(), model.columnCount()) == (3, len(Column))
    assert cell(model, 0, Column.DATE) == "12/10/2026"
    assert cell(model, 2, Column.DATE) == "12/08/2026"
    assert cell(model, 0, Column.AGE) == "2 tahun 1 bulan"  # one way to write an age
    assert cell(model, 0, Column.WEIGHT) == "10,2"
    assert cell(model, 0, Column.LENGTH_HEIGHT) == "78,3"  # no position was noted
    assert model.headerData(Column.WEIGHT, Qt.Orientation.Horizontal) == "BB (kg)"
    assert set(model.empty_columns()) == {
        Column.HEAD,
        Column.LILA,
        Column.OTHER,
    }


def test_categories_in_words_and_colour(registry):
    rows = measurements_of(registry.db, registry.person_ids["Rizky Pratama"])
    model = HistoryTableModel(rows)
    latest = model.measurement(0)
    category = latest.findings.lhfa_category
    assert category is not None
    text = cell(model, 0, Column.LENGTH_HEIGHT_FOR_AGE)
    z = f"{latest.findings.haz:.2f}".replace(".", ",")
    assert text == f"{category_label(category)} ({z})"
    background = cell(model, 0, Column.LENGTH_HEIGHT_FOR_AGE, Qt.ItemDataRole.BackgroundRole)
    severity = model.severity(latest, Column.LENGTH_HEIGHT_FOR_AGE)
    assert severity is not None
    assert background.color().name() == SEVERITY_COLOURS[severity][0]
    assert cell(model, 0, Column.DATE, Qt.ItemDataRole.BackgroundRole) is None


def test_kms_letters_and_corrections(registry):
    child = registry.person_ids["Aisyah Putri"]  # 7.0, 7.3, 7.3 kg: B, N?, T
    rows = measurements_of(registry.db, child)
    model = HistoryTableModel(rows)
    letters = [cell(model, r, Column.GROWTH) for r in range(3)]
    assert letters[2] == "B"
    assert letters[0] == "T"
    assert cell(model, 0, Column.GROWTH, Qt.ItemDataRole.ToolTipRole).startswith("T:")
    assert model.severity(model.measurement(0), Column.GROWTH) is Severity.MODERATE
    assert cell(model, 0, Column.DATE) == "12/10/2026"
    assert cell(model, 0, Column.DATE, Qt.ItemDataRole.BackgroundRole) is None
    correct_measurement(
        registry.db,
        cadre_id=registry.cadre_ids[0],
        measurement_id=model.measurement(0).id,
        reason="salah ketik",
        values=MeasuredValues(weight_kg=Reading(7.35), lenhei_cm=Reading(67.0)),
        today=TODAY,
    ).unwrap()
    model.set_rows(measurements_of(registry.db, child))
    assert cell(model, 0, Column.DATE) == "12/10/2026\ndikoreksi 1\u00d7"
    corrected = cell(model, 0, Column.DATE, Qt.ItemDataRole.BackgroundRole)
    assert corrected.color().name() == WARNING_COLOURS[0]
    assert cell(model, 0, Column.WEIGHT) == "7,35"
    assert model.row_of(model.measurement(1).id) == 1


def test_position_and_stunting_words(registry):
    child = registry.person_ids["Aisyah Putri"]
    record_measurement(
        registry.db,
        cadre_id=registry.cadre_ids[0],
        person_id=child,
        measured_on=date(2026, 11, 13),
        values=MeasuredValues(
            weight_kg=Reading(7.4), lenhei_cm=Reading(66.9), position=Position.LYING
        ),
        today=TODAY,
    ).unwrap()
    model = HistoryTableModel(measurements_of(registry.db, child))
    assert cell(model, 0, Column.LENGTH_HEIGHT) == "PB 66,9"
    stunted = model.measurement(0).findings.lhfa_category
    assert stunted is LengthHeightForAgeCategory.SEVERELY_STUNTED
    assert cell(model, 0, Column.LENGTH_HEIGHT_FOR_AGE).startswith("Sangat pendek")

"""The measuring queue's table model, without a window."""

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import LifeStage
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.services import ArrivalRecord, PersonListing
from posyandu_desktop.services.day import QueueEntry
from posyandu_desktop.ui.measuring.queue_table_model import Column, QueueTableModel


def entry(number: int, name: str, sex: Sex, age_days: int) -> QueueEntry:
    person = PersonListing(
        id=PersonId(number * 10),
        name=name,
        nik=None,
        sex=sex,
        birth_date=date(2025, 6, 10),
        pregnant=False,
        delivered_on=None,
        mother_name="Dewi Lestari",
        address="Jl. Kenanga No. 4",
        rt=3,
        rw=1,
    )
    arrival = ArrivalRecord(
        id=number,
        day_id=1,
        person_id=person.id,
        queue_number=number,
        arrived_at=datetime(2026, 11, 13, 1, 0, tzinfo=UTC),
        desks_passed=frozenset(),
    )
    return QueueEntry(arrival, person, age_days, age_days * 12 // 365, LifeStage.UNDER_FIVE)


def test_rows_in_queue_order_in_indonesian():
    model = QueueTableModel(
        (entry(3, "Aisyah Putri", Sex.FEMALE, 521), entry(5, "Rizky Pratama", Sex.MALE, 801))
    )
    assert (model.rowCount(), model.columnCount()) == (2, len(Column))
    assert [model.data(model.index(0, c)) for c in Column] == [
        "3",
        "Aisyah Putri",
        "1 tahun 5 bulan",
    ]
    assert model.data(model.index(1, Column.AGE)) == "2 tahun 2 bulan"
    assert model.headerData(Column.NUMBER, Qt.Orientation.Horizontal) == "No."
    assert "Dewi Lestari" in model.data(model.index(0, Column.NAME), Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(5) == 1 and model.row_of(99) is None


def test_an_empty_queue():
    model = QueueTableModel()
    assert model.rowCount() == 0
    model.set_entries((entry(1, "Nabila Zahra", Sex.FEMALE, 1365),))
    assert model.entry(0).person.name == "Nabila Zahra"

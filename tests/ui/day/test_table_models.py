"""The home screen's table models, without a window: what each cell says and which person a
row opens."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from posyandu_desktop.domain.growth.zscore import Indicator
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import format_rt_rw
from posyandu_desktop.services import DueChild, PersonListing
from posyandu_desktop.services.day import Alert, AlertKind
from posyandu_desktop.ui.day.alerts_table_model import AlertsTableModel, detail_text
from posyandu_desktop.ui.day.alerts_table_model import Column as AlertColumn
from posyandu_desktop.ui.day.due_table_model import PERSON_ID_ROLE, DueTableModel
from posyandu_desktop.ui.day.due_table_model import Column as DueColumn

TODAY = date(2026, 2, 10)


def _listing(person_id: int, name: str, born: date) -> PersonListing:
    return PersonListing(
        id=PersonId(person_id),
        name=name,
        nik=None,
        sex=Sex.FEMALE,
        birth_date=born,
        pregnant=False,
        delivered_on=None,
        mother_name="Dewi Lestari",
        address="Jl. Kenanga 4",
        rt=3,
        rw=1,
    )


def test_due_rows_say_who_how_old_where_and_what_they_need(qapp):
    model = DueTableModel(TODAY)
    model.set_rows(
        (
            DueChild(_listing(7, "Aisyah", date(2025, 6, 10)), 8, date(2026, 1, 12), False, None),
            DueChild(_listing(8, "Nabila", date(2023, 2, 17)), 35, None, True, VitaminACapsule.RED),
        )
    )
    assert model.rowCount() == 2 and model.columnCount() == len(DueColumn)
    cells = [[model.data(model.index(r, c)) for c in DueColumn] for r in range(2)]
    assert cells[0] == ["Aisyah", "8 bulan", "Dewi Lestari", "003/001", "12/01/2026", ""]
    assert cells[1][DueColumn.LAST_WEIGHED] == "belum pernah"
    capsule = model.index(1, DueColumn.VITAMIN_A)
    assert model.data(capsule) == "merah"  # in words, on red
    assert isinstance(model.data(capsule, Qt.ItemDataRole.BackgroundRole), QBrush)
    assert model.data(capsule, Qt.ItemDataRole.ToolTipRole).startswith("Kapsul merah")
    assert model.data(model.index(0, DueColumn.VITAMIN_A), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 0), PERSON_ID_ROLE) == 8
    assert model.headerData(DueColumn.NAME, Qt.Orientation.Horizontal) == "Nama"


def test_rt_and_rw_are_zero_padded_as_on_the_forms():
    assert format_rt_rw(3, 12) == "003/012"
    assert format_rt_rw(None, None) == ""


def _alert(kind: AlertKind, value: float | None = None, *indicators: Indicator) -> Alert:
    return Alert(kind, 5, "Rizky", date(2024, 9, 3), TODAY, value, indicators)


def test_alert_rows_name_the_kind_in_words_on_its_colour(qapp):
    model = AlertsTableModel(TODAY)
    model.set_rows((_alert(AlertKind.BGM, -3.256), _alert(AlertKind.TWO_T)))
    kind = model.index(0, AlertColumn.KIND)
    assert model.data(kind) == "BGM"
    assert isinstance(model.data(kind, Qt.ItemDataRole.BackgroundRole), QBrush)
    assert model.data(model.index(1, AlertColumn.KIND)) == "2T"
    assert model.data(model.index(0, AlertColumn.NAME)) == "Rizky"
    assert model.data(model.index(0, AlertColumn.AGE)) == "1 tahun 5 bulan"
    assert model.data(model.index(0, AlertColumn.MEASURED_ON)) == "10/02/2026"
    assert model.data(model.index(0, AlertColumn.NAME), PERSON_ID_ROLE) == 5
    assert model.data(model.index(0, AlertColumn.NAME), Qt.ItemDataRole.BackgroundRole) is None


def test_alert_details_carry_the_number_behind_them(qapp):
    assert detail_text(_alert(AlertKind.BGM, -3.256)) == "BB/U z = -3,26"
    assert "-2,10" in detail_text(_alert(AlertKind.NEW_STUNTING, -2.104))
    assert detail_text(_alert(AlertKind.KEK_PREGNANT, 20.8)) == "LILA 20,8 cm"
    implausible = detail_text(_alert(AlertKind.IMPLAUSIBLE, None, Indicator.WEIGHT_FOR_AGE))
    assert "BB/U" in implausible
    for kind in AlertKind:  # every kind has words
        assert detail_text(_alert(kind, -2.5, Indicator.WEIGHT_FOR_AGE))

"""The registered Posyandu keys: code, name, fingerprint."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from posyandu_desktop.i18n import N_
from posyandu_desktop.services.puskesmas import TrustedKey
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class Column(IntEnum):
    CODE = 0
    NAME = 1
    FINGERPRINT = 2


_HEADERS = {
    Column.CODE: N_("Posyandu code"),
    Column.NAME: N_("Posyandu name"),
    Column.FINGERPRINT: N_("Key fingerprint"),
}


def fingerprint_font() -> QFont:
    """Fixed width, so two fingerprints are compared group by group at a glance; as large as
    the app's text (the system's fixed font is often smaller)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(QGuiApplication.font().pointSize())
    return font


class KeysTableModel(RecordTableModel[TrustedKey]):
    """Read-only rows over `services.puskesmas.registered_keys`, by code."""

    columns = Column
    headers = _HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._fixed = fingerprint_font()

    def text(self, key: TrustedKey, column: Column) -> str:
        match column:
            case Column.CODE:
                return key.posyandu_code
            case Column.NAME:
                return key.name
            case Column.FINGERPRINT:
                return key.fingerprint

    def role_data(self, key: TrustedKey, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column is Column.FINGERPRINT:
            return QFont(self._fixed)
        return None

"""A cadre's training certificates: title, number, date and issuer."""

from __future__ import annotations

from enum import IntEnum

from posyandu_desktop.i18n import N_, format_date
from posyandu_desktop.services import CertificateRecord
from posyandu_desktop.ui.widgets.record_table_model import RecordTableModel


class CertificateColumn(IntEnum):
    TITLE = 0
    NUMBER = 1
    ISSUED_ON = 2
    ISSUER = 3


_HEADERS = {
    CertificateColumn.TITLE: N_("Certificate"),
    CertificateColumn.NUMBER: N_("Number"),
    CertificateColumn.ISSUED_ON: N_("Date issued"),
    CertificateColumn.ISSUER: N_("Issued by"),
}


class CertificatesTableModel(RecordTableModel[CertificateRecord]):
    """Read-only rows over `CadreRecord.certificates`, oldest first."""

    columns = CertificateColumn
    headers = _HEADERS

    def text(self, c: CertificateRecord, column: CertificateColumn) -> str:
        match column:
            case CertificateColumn.TITLE:
                return c.title
            case CertificateColumn.NUMBER:
                return c.number or ""
            case CertificateColumn.ISSUED_ON:
                return format_date(c.issued_on)
            case CertificateColumn.ISSUER:
                return c.issuer

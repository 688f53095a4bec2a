"""The reports screen: choose a month, make its F2 report (PDF, in the background), preview the
month's SKDN table in the page and open the PDF in the system viewer (which prints it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.indicators import Skdn, SkdnCounts
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import N_, _, current_language, format_decimal, month_name, pgettext
from posyandu_desktop.i18n.words import words
from posyandu_desktop.reports.data import MonthlyReportData
from posyandu_desktop.services.day import month_to_report
from posyandu_desktop.services.reports import (
    monthly_report_data,
    print_monthly_report,
    write_sip_register,
)
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.widgets.messages import show_error
from posyandu_desktop.ui.widgets.open_file import offer_to_open, open_document

# (field, letter, meaning) of the F2 table's rows, as in the printed report.
ROWS = (
    ("s", "S", N_("children under five in the area")),
    ("k", "K", N_("have a KMS / Buku KIA")),
    ("d", "D", N_("weighed this month")),
    ("n", "N", N_("weight went up")),
    ("t", "T", N_("weight did not go up")),
    ("two_t", "2T", N_("not up twice in a row")),
    ("o", "O", N_("not weighed last month")),
    ("b", "B", N_("weighed here for the first time")),
    ("bgm", "BGM", N_("below the red line")),
    ("d_s", "D/S", N_("D/S participation")),
    ("n_d", "N/D", N_("N/D weighing success")),
)
_SEXES = (Sex.MALE, Sex.FEMALE, None)  # the columns: boys, girls, both


class SkdnTableModel(QAbstractTableModel):
    """The month's SKDN totals: a row per letter (and the two ratios), columns M, F, M+F."""

    def __init__(self) -> None:
        super().__init__()
        self.skdn: Skdn | None = None

    def set_skdn(self, skdn: Skdn | None) -> None:
        self.beginResetModel()
        self.skdn = skdn
        self.endResetModel()

    def rowCount(  # noqa: N802 (Qt's name)
        self, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> int:
        return 0 if self.skdn is None else len(ROWS)

    def columnCount(  # noqa: N802 (Qt's name)
        self, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> int:
        return len(_SEXES)

    def value(self, row: int, column: int) -> int | float | None:
        """The raw number of a cell (a ratio in 0..1, None where its denominator is 0)."""
        assert self.skdn is not None
        counts: SkdnCounts = self.skdn.total(_SEXES[column])
        found: int | float | None = getattr(counts, ROWS[row][0])
        return found

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or self.skdn is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and index.column() == 2:
            font = QFont()
            font.setBold(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        found = self.value(index.row(), index.column())
        if isinstance(found, float):
            return f"{format_decimal(found * 100, 1)} %"
        return "-" if found is None else str(found)

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = 0
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (
                words(Sex.MALE, "initial"),
                words(Sex.FEMALE, "initial"),
                pgettext("sex initial", "M+F"),
            )[section]
        _field, letter, meaning = ROWS[section]
        text = _(meaning)
        return text if text.startswith(letter) else f"{letter}  {text}"


class ReportsPage(Page):
    """Month picker, "Make the report", a busy bar, the SKDN preview and "Open PDF"."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Reports")
        self.pdf: Path | None = None
        self.data: MonthlyReportData | None = None
        self.task: background.Task | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_picker())
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.check)

    def _build_picker(self) -> QVBoxLayout:
        heading = QLabel(_("Monthly report (form F2) and cadre performance"))
        font = QFont(heading.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        heading.setFont(font)

        self.month = QComboBox()
        for number in range(1, 13):
            self.month.addItem(month_name(number), number)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        year, month = month_to_report(
            self.session.db, posyandu_id=self.session.posyandu_id, today=self.session.today()
        )
        self.year.setValue(year)
        self.month.setCurrentIndex(month - 1)
        self.make_button = QPushButton(_("Make the report"))
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make_report)
        self.open_button = QPushButton(_("Open PDF"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_pdf)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy mode: no percentage, just movement
        self.busy.setMaximumWidth(200)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)

        picker = QHBoxLayout()
        picker.addWidget(QLabel(_("Month:")))
        picker.addWidget(self.month)
        picker.addWidget(self.year)
        picker.addWidget(self.make_button)
        picker.addWidget(self.busy)
        picker.addStretch(1)
        picker.addWidget(self.open_button)
        picker.addWidget(self._build_register_button())

        self.summary = QLabel(_("Choose a month and make its report."))
        self.summary.setWordWrap(True)
        self.model = SkdnTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(90)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setMaximumWidth(640)
        self.check = QLabel()
        self.check.setWordWrap(True)
        top = QVBoxLayout()
        top.addWidget(heading)
        top.addLayout(picker)
        return top

    def _build_register_button(self) -> QPushButton:
        self.register_button = QPushButton(_("Register of babies and toddlers (SIP)…"))
        self.register_button.setToolTip(
            _(
                "The SIP register of the chosen year: one row per child, the weights of"
                " January to December, vitamin A and immunisations (spreadsheet and PDF)."
            )
        )
        self.register_button.clicked.connect(self.make_register)
        return self.register_button

    def chosen_month(self) -> tuple[int, int]:
        return self.year.value(), int(self.month.currentData())

    def set_month(self, year: int, month: int) -> None:
        self.year.setValue(year)
        self.month.setCurrentIndex(month - 1)

    def make_report(self) -> None:
        """Write the PDF and read the preview on a worker thread; show both when done."""
        if self.task is not None:
            return
        year, month = self.chosen_month()
        db, posyandu_id = self.session.db, self.session.posyandu_id
        folder = self.session.data_dir / "printouts"
        today, lang = self.session.today(), current_language()

        def work() -> tuple[Path, MonthlyReportData]:
            pdf = print_monthly_report(
                db,
                posyandu_id=posyandu_id,
                year=year,
                month=month,
                folder=folder,
                lang=lang,
                today=today,
            )
            return pdf, monthly_report_data(db, posyandu_id, year, month, today=today)

        self.make_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.busy.setVisible(True)
        self.summary.setText(_("Making the report for {month}\u2026").format(month=self._month()))
        self.task = background.run(work, self._made, self._failed)

    def _month(self) -> str:
        year, month = self.chosen_month()
        return f"{month_name(month)} {year}"

    def _finished(self) -> None:
        self.task = None
        self.busy.setVisible(False)
        self.make_button.setEnabled(True)

    def _made(self, result: object) -> None:
        self._finished()
        assert isinstance(result, tuple)
        pdf, data = result
        self.pdf, self.data = pdf, data
        self.open_button.setEnabled(True)
        skdn = data.indicators.skdn
        self.model.set_skdn(skdn)
        self.summary.setText(
            _("SKDN of {month} (all children under five). The PDF: {path}").format(
                month=f"{month_name(data.month)} {data.year}", path=pdf
            )
        )
        total = skdn.total()
        check = _("Check D = N + T + O + B: {d} = {n} + {t} + {o} + {b}").format(
            d=total.d, n=total.n, t=total.t, o=total.o, b=total.b
        )
        verdict = (
            _("correct in every column")
            if skdn.identity_holds
            else _("DOES NOT ADD UP: check the weighings of this month")
        )
        self.check.setText(f"{check}  \u2014  {verdict}")
        self.status_message.emit(_("Report saved: {path}").format(path=pdf))

    def _failed(self, error: BaseException) -> None:
        self._finished()
        self.summary.setText(_("Choose a month and make its report."))
        show_error(
            self,
            _("The report could not be made ({reason}).").format(reason=type(error).__name__),
        )

    def make_register(self) -> None:
        """Write the chosen year's SIP register into <data>/printouts/, then offer to open it."""
        db, folder = self.session.db, self.session.data_dir / "printouts"
        year = self.year.value()
        self.register_button.setEnabled(False)

        def done(written: tuple[Path, Path]) -> None:
            self.register_button.setEnabled(True)
            offer_to_open(self, written)

        def failed(error: BaseException) -> None:
            self.register_button.setEnabled(True)
            show_error(
                self,
                _("The file could not be made ({reason}).").format(reason=type(error).__name__),
            )

        background.run(lambda: write_sip_register(db, year, folder), done, failed)

    def open_pdf(self) -> None:
        """Open the report in the system's PDF viewer (print it from there)."""
        if self.pdf is not None:
            open_document(self, self.pdf)

"""The monthly export screen ("Kirim data bulanan"): choose the month and a flash drive, and one
button makes the month's signed file and copies it there, with a progress bar; below, the ledger
of every export, from which a file can be copied again.

The export, the copy, listing the drives and reading the ledger all run on `ui.background`; the
worker reports progress through a signal of an object living on the GUI thread, so the bar moves
while the window stays responsive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from posyandu_desktop.exchange.words import copy_problem_text
from posyandu_desktop.i18n import N_, _, current_language, format_month
from posyandu_desktop.services import Outcome
from posyandu_desktop.services.cadres import list_cadres
from posyandu_desktop.services.day import month_to_report
from posyandu_desktop.services.export import (
    CopyError,
    Drive,
    ExportEntry,
    ExportStep,
    Period,
    copy_to_drive,
    export_copies,
    export_folder,
    export_history,
    export_month,
    months_to_offer,
    puskesmas_key_needed,
    removable_drives,
    withdraw_month,
)
from posyandu_desktop.services.reports import write_eppgbm_pack
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.exchange.drive_picker import DrivePicker
from posyandu_desktop.ui.exchange.exports_table_model import (
    Column,
    ExportsTableModel,
    LedgerRow,
    month_text,
)
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.theme import WARNING_COLOURS
from posyandu_desktop.ui.widgets.messages import ask, issues_text, show_error
from posyandu_desktop.ui.widgets.open_file import offer_to_open

_PERMILLE = 1000
# Share of the bar for making the file when a copy follows; the copy (write, fsync, read back)
# takes the rest.
_EXPORT_SHARE = 0.7
_BIG_BUTTON_HEIGHT = 56
_BUTTON_HEIGHT = 40

_STEP_WORDS = {
    ExportStep.BACKUP: N_("Backing up the data…"),
    ExportStep.READING: N_("Reading the data…"),
    ExportStep.REPORT: N_("Making the monthly report…"),
    ExportStep.SIGNING: N_("Signing the file…"),
    ExportStep.SAVING: N_("Saving the file on the laptop…"),
}
_COPYING = N_("Copying to the flash drive and checking the copy…")


class Tone(Enum):
    """How the result panel looks: words always say the same as the colour."""

    DONE = ("#e8f5e9", "#1b5e20")
    WARNING = WARNING_COLOURS
    PROBLEM = ("#fdecea", "#8e0000")


@dataclass(frozen=True, slots=True)
class Result:
    """What the export button did: the export's outcome and, if a copy was tried, its end."""

    outcome: Outcome[ExportEntry]
    copied: Path | None = None
    copy_error: CopyError | None = None


@dataclass(frozen=True, slots=True)
class Ledger:
    exports: tuple[ExportEntry, ...]
    cadre_names: dict[int, str]
    copies: dict[int, Path]
    key_needed: bool  # no puskesmas key registered: an export would be refused
    reported: Period  # the month the Reports screen opens on


def default_month(
    offered: Sequence[Period], exported: Sequence[str], reported: Period | None = None
) -> Period:
    """The month after the newest export (so no month is skipped); when nothing was exported
    yet, the month the Reports screen opens on (`reported`: the latest session's), else this
    month; this month when it already was. `offered` is newest first."""
    if not exported:
        return reported if reported is not None and reported in offered else offered[0]
    newest = Period.parse(max(exported))
    following = newest.plus(1)
    if following > offered[0]:
        return offered[0]
    return max(following, offered[-1])


def _read_ledger(session: UiSession) -> Ledger:
    cadres = list_cadres(session.db, session.posyandu_id)
    copies = export_copies(session.db)
    return Ledger(
        export_history(session.db),
        {c.id: c.name for c in cadres},
        copies,
        puskesmas_key_needed(session.db, session.data_dir),
        Period(
            *month_to_report(session.db, posyandu_id=session.posyandu_id, today=session.today())
        ),
    )


class _Progress(QObject):
    """Made on the GUI thread; emitted from the worker, so Qt queues each call to the GUI."""

    did_advance = Signal(int, str)  # permille of the bar, what is happening (translated)


class ExportPage(Page):
    """Month, flash drive, one button with a progress bar, the result, and the ledger."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Monthly export")
        self.task: background.Task | None = None
        self.ledger = ExportsTableModel(self)
        self.exports: tuple[ExportEntry, ...] = ()
        self.reported: Period | None = None
        self.cadre_names: dict[int, str] = {}
        # Copies made from this screen, by export id (the ledger's own copy records are not
        # offered by the services yet).
        self.copies: dict[int, Path] = {}
        self._loaded = False
        self._progress = _Progress(self)
        self._progress.did_advance.connect(self._advanced)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(_("Send the month's data to the puskesmas"))
        font = QFont(heading.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            _(
                "Choose the month and the flash drive, then press the blue button. The file is"
                " signed by this laptop, encrypted so that only the puskesmas can read it, and"
                " also kept in the data folder."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self._build_notice())
        layout.addLayout(self._build_choices())
        layout.addLayout(self._build_action())
        layout.addWidget(self._build_result())
        layout.addLayout(self._build_ledger(), 1)
        self._set_busy(False)

    def _build_notice(self) -> QFrame:
        """What stops an export before the button is pressed: no puskesmas key registered, or
        a month in the future exported under a wrong clock (the coordinator withdraws it)."""
        self.notice = QFrame()
        background_colour, text_colour = WARNING_COLOURS
        self.notice.setStyleSheet(
            f"QFrame {{ background: {background_colour}; }} QLabel {{ color: {text_colour}; }}"
        )
        row = QHBoxLayout(self.notice)
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.withdraw_button = QPushButton()
        self.withdraw_button.clicked.connect(self.withdraw_future_month)
        row.addWidget(self.notice_text, 1)
        row.addWidget(self.withdraw_button)
        self.notice.hide()
        self.future: list[ExportEntry] = []
        return self.notice

    def _show_notice(self, key_needed: bool) -> None:
        current = str(Period(self.session.today().year, self.session.today().month))
        self.future = [e for e in self.exports if e.withdrawn_at is None and e.period > current]
        text = ""
        if self.future:
            month = month_text(self.future[-1].period)
            text = _(
                "{month} was exported while the laptop's date was wrong, so the real months"
                " cannot be sent. The coordinator can withdraw it; the puskesmas is told in"
                " the next file."
            ).format(month=month)
            self.withdraw_button.setText(_("Withdraw {month}…").format(month=month))
            self.withdraw_button.setEnabled(self.session.is_coordinator)
        elif key_needed:
            text = _(
                "No puskesmas key is registered yet: the file is encrypted for the puskesmas,"
                " so the coordinator registers its key first in Settings > Puskesmas key."
            )
        self.withdraw_button.setVisible(bool(self.future))
        self.notice_text.setText(text)
        self.notice.setVisible(bool(text))

    def withdraw_future_month(self) -> None:
        """Withdraw the newest month in the future, after asking."""
        if not self.future:
            return
        entry = self.future[-1]
        month = month_text(entry.period)
        if not ask(
            self,
            _("Withdraw {month}?").format(month=month),
            _(
                "The file of {month} was made while the laptop's date was wrong. Withdraw it so"
                " that the real months can be exported?"
            ).format(month=month),
        ):
            return
        outcome = withdraw_month(
            self.session.db,
            Period.parse(entry.period),
            cadre_id=self.session.cadre_id,
            now=self.session.now(),
        )
        if outcome.value is None:
            self._say(Tone.PROBLEM, _("Not withdrawn"), issues_text(outcome.problems))
        else:
            self._say(
                Tone.DONE,
                _("Withdrawn"),
                _("{month} is withdrawn; the real months can be exported now.").format(month=month),
            )
        self.refresh()

    def _build_choices(self) -> QGridLayout:
        self.month = QComboBox()
        self.month.setMinimumWidth(320)
        # "November 2026 (sudah dibuat, revisi 2)" whole, never cut.
        self.month.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker = DrivePicker()
        self.picker.refresh.clicked.connect(self.look_for_drives)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(QLabel(_("Month:")), 0, 0)
        self.pack_button = QPushButton(_("e-PPGBM typing aid…"))
        self.pack_button.setToolTip(
            _(
                "The month's new children and measurements in the order of the e-PPGBM forms,"
                " as a spreadsheet and a printable sheet, for the officer who types them into"
                " e-PPGBM. It is not an official import template."
            )
        )
        self.pack_button.clicked.connect(self.make_typing_aid)
        # In the month's row, so that the drive list keeps the page's whole width.
        month_row = QHBoxLayout()
        month_row.addWidget(self.month)
        month_row.addStretch(1)
        month_row.addWidget(self.pack_button)
        grid.addLayout(month_row, 0, 1)
        grid.addWidget(QLabel(_("Flash drive:")), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.picker, 1, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _build_action(self) -> QHBoxLayout:
        self.export_button = QPushButton(_("Make the file and copy it to the flash drive"))
        self.export_button.setProperty("primary", True)
        self.export_button.setMinimumHeight(_BIG_BUTTON_HEIGHT)
        font = QFont(self.export_button.font())
        font.setPointSize(font.pointSize() + 2)
        self.export_button.setFont(font)
        self.export_button.clicked.connect(self.export_and_copy)
        self.progress = QProgressBar()
        self.progress.setRange(0, _PERMILLE)
        self.progress.setMinimumHeight(28)
        # Idle, an empty bar looks like a text box to type in: hidden, keeping its place.
        keep_place = self.progress.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(keep_place)
        self.progress.setVisible(False)
        self.step = QLabel()
        bar = QVBoxLayout()
        bar.addWidget(self.progress)
        bar.addWidget(self.step)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addSpacing(12)
        row.addLayout(bar, 1)
        return row

    def _build_result(self) -> QFrame:
        self.result = QFrame()
        self.result.setObjectName("exportResult")
        self.result_title = QLabel()
        font = QFont(self.result_title.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.result_title.setFont(font)
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(self.result)
        column.setContentsMargins(12, 8, 12, 8)
        column.addWidget(self.result_title)
        column.addWidget(self.result_text)
        self.result.hide()
        return self.result

    def _build_ledger(self) -> QVBoxLayout:
        heading = QLabel(_("Files made"))
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.copy_again = QPushButton(_("Copy again to the flash drive"))
        self.copy_again.setMinimumHeight(_BUTTON_HEIGHT)
        self.copy_again.clicked.connect(self.copy_chosen_again)
        self.table = QTableView()
        self.table.setModel(self.ledger)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # A long folder keeps its end (the stick's name) in view; the tooltip has all of it.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.COPIED_TO, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_args: self._set_busy(self.task is not None)
        )
        self.empty = QLabel(_("No file made yet."))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.copy_again)
        column = QVBoxLayout()
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty)
        return column

    def refresh(self) -> None:
        """Read the ledger and look for flash drives (both off the GUI thread)."""
        if self.task is not None:
            return
        session = self.session
        background.run(lambda: _read_ledger(session), self._show_ledger)
        self.look_for_drives()

    def look_for_drives(self) -> None:
        """List the removable drives again (a stick was just plugged in)."""
        background.run(removable_drives, self._show_drives)

    def _show_ledger(self, ledger: Ledger) -> None:
        if not isValid(self):  # closed while the ledger was read
            return
        self.exports, self.cadre_names = ledger.exports, ledger.cadre_names
        self.reported = ledger.reported
        self.copies.update(ledger.copies)
        self._fill_months(keep=self._loaded)
        self._show_notice(ledger.key_needed)
        self._loaded = True
        self._fill_ledger()
        self._set_busy(self.task is not None)

    def _fill_months(self, *, keep: bool) -> None:
        chosen = self.chosen_month() if keep else None
        offered = months_to_offer(self.session.today())
        newest: dict[str, int] = {}
        for entry in self.exports:
            if entry.withdrawn_at is None:  # oldest first: the last one wins
                newest[entry.period] = entry.revision
        latest = max(newest, default="")
        self.month.clear()
        items = self.month.model()
        assert isinstance(items, QStandardItemModel)
        for index, period in enumerate(offered):
            words = format_month(period.year, period.month)
            if str(period) in newest:
                words = _("{month} (made, revision {revision})").format(
                    month=words, revision=newest[str(period)]
                )
            self.month.addItem(words, str(period))  # a string: findData compares it
            if str(period) < latest:
                # Each file follows on from the one before: an earlier month can no longer go.
                item = items.item(index)
                item.setEnabled(False)
                item.setToolTip(_("A later month has already been made"))
        if chosen is None or str(chosen) < latest:
            chosen = default_month(offered, tuple(newest), self.reported)
        self.month.setCurrentIndex(max(self.month.findData(str(chosen)), 0))

    def _fill_ledger(self, select_id: int | None = None) -> None:
        rows = tuple(
            LedgerRow(
                entry,
                self.cadre_names.get(entry.created_by or -1, ""),
                str(self.copies[entry.id]) if entry.id in self.copies else "",
            )
            for entry in self.exports
        )
        self.ledger.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if select_id is not None and (row := self.ledger.row_of(select_id)) is not None:
            self.table.selectRow(row)

    def _show_drives(self, drives: tuple[Drive, ...]) -> None:
        if isValid(self):  # not closed while the drives were listed
            self.picker.set_drives(drives)

    def chosen_month(self) -> Period | None:
        found = self.month.currentData()
        return Period.parse(found) if isinstance(found, str) else None

    def export_and_copy(self) -> None:
        """Make the chosen month's file and copy it to the chosen drive, off the GUI thread."""
        period = self.chosen_month()
        if self.task is not None or period is None:
            return
        session, folder = self.session, self.picker.chosen_folder()
        now, lang = session.now(), current_language()
        signal = self._progress.did_advance
        share = _EXPORT_SHARE if folder is not None else 1.0

        def exported(step: ExportStep, fraction: float) -> None:
            signal.emit(round(fraction * share * _PERMILLE), _(_STEP_WORDS[step]))

        def copied(done: int, total: int) -> None:
            fraction = share + (1 - share) * (done / total if total else 1.0)
            signal.emit(round(fraction * _PERMILLE), _(_COPYING))

        def work() -> Result:
            outcome = export_month(
                session.db,
                session.data_dir,
                period,
                cadre_id=session.cadre_id,
                now=now,
                lang=lang,
                progress=exported,
            )
            if not outcome.ok or folder is None:
                return Result(outcome)
            try:
                written = copy_to_drive(
                    session.db,
                    session.data_dir,
                    outcome.unwrap(),
                    folder,
                    cadre_id=session.cadre_id,
                    now=now,
                    progress=copied,
                )
            except CopyError as error:
                return Result(outcome, copy_error=error)
            return Result(outcome, copied=written)

        self._start(
            _("Making the file for {month}…").format(month=month_text(str(period))),
            background.run(work, self._exported, self._export_failed),
        )

    def make_typing_aid(self) -> None:
        """Write the chosen month's e-PPGBM typing aid into <data>/printouts/, then offer to
        open it."""
        period = self.chosen_month()
        if period is None:
            return
        db, folder = self.session.db, self.session.data_dir / "printouts"
        self.pack_button.setEnabled(False)

        def done(written: tuple[Path, Path]) -> None:
            if isValid(self):
                self.pack_button.setEnabled(True)
                offer_to_open(self, written)

        def failed(error: BaseException) -> None:
            if isValid(self):
                self.pack_button.setEnabled(True)
                show_error(
                    self,
                    _("The file could not be made ({reason}).").format(reason=type(error).__name__),
                )

        background.run(
            lambda: write_eppgbm_pack(db, period.year, period.month, folder), done, failed
        )

    def _start(self, what: str, task: background.Task) -> None:
        self.task = task
        self.result.hide()
        self.progress.setValue(0)
        self.step.setText(what)
        self._set_busy(True)

    def _advanced(self, permille: int, what: str) -> None:
        if not isValid(self):
            return
        self.progress.setValue(max(self.progress.value(), permille))
        self.step.setText(what)

    def _finish(self) -> None:
        self.task = None
        self._set_busy(False)
        self.step.setText("")

    def _exported(self, result: Result) -> None:
        if not isValid(self):
            return
        self._finish()
        entry = result.outcome.value
        if result.outcome.problems or entry is None:
            self.progress.setValue(0)
            self._say(Tone.PROBLEM, _("No file was made"), issues_text(result.outcome.problems))
            return
        self.status_message.emit(_("File saved: {file}").format(file=entry.file_name))
        if result.copied is not None:
            self._copied(entry, result.copied)
        elif result.copy_error is not None:
            self._not_copied(entry, result.copy_error)
        else:
            self._say(
                Tone.WARNING,
                _("The file is made, but not copied yet"),
                _(
                    "No flash drive was chosen. The file {file} is kept on the laptop in"
                    " {folder}. Plug in a flash drive, press \u201c{refresh}\u201d, then choose"
                    " the file in the list below and press \u201c{copy}\u201d."
                ).format(
                    file=entry.file_name,
                    folder=export_folder(self.session.data_dir),
                    refresh=self.picker.refresh.text(),
                    copy=self.copy_again.text(),
                ),
            )
        self.exports = (*self.exports, entry)
        self._fill_months(keep=True)
        self._fill_ledger(select_id=entry.id)

    def _export_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._finish()
        self.progress.setValue(0)
        self._say(
            Tone.PROBLEM,
            _("No file was made"),
            _("The file could not be made ({reason}). The data on the laptop is safe.").format(
                reason=type(error).__name__
            ),
        )

    def _copied(self, entry: ExportEntry, written: Path) -> None:
        self.copies[entry.id] = written.parent
        self.progress.setValue(_PERMILLE)
        self._say(
            Tone.DONE,
            _("Safe to remove"),
            _(
                "The file {file} is on the flash drive in {folder} and was read back and"
                " checked. You can pull the flash drive out now. A copy stays on the laptop."
            ).format(file=entry.file_name, folder=written.parent),
        )
        self.status_message.emit(_("Copied and checked: {path}").format(path=written))

    def _not_copied(self, entry: ExportEntry, error: CopyError) -> None:
        # The bar stays where the copy stopped: the file itself was made.
        self._say(
            Tone.PROBLEM,
            _("Not copied to the flash drive"),
            copy_problem_text(error.problem, error.detail)
            + "\n\n"
            + _(
                "The data on the laptop is safe: the file {file} is kept in {folder} and can be"
                " copied again with \u201c{copy}\u201d."
            ).format(
                file=entry.file_name,
                folder=export_folder(self.session.data_dir),
                copy=self.copy_again.text(),
            ),
        )

    def chosen_export(self) -> ExportEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.ledger.entry(rows[0].row()) if rows else None

    def copy_chosen_again(self) -> None:
        """Copy the chosen ledger row's kept file to the chosen drive."""
        entry = self.chosen_export()
        if self.task is not None or entry is None:
            return
        folder = self.picker.chosen_folder()
        if folder is None:
            self._say(
                Tone.WARNING,
                _("No flash drive"),
                _("Plug in a flash drive and press \u201c{refresh}\u201d first.").format(
                    refresh=self.picker.refresh.text()
                ),
            )
            return
        session, now = self.session, self.session.now()
        signal = self._progress.did_advance

        def copied(done: int, total: int) -> None:
            signal.emit(round(_PERMILLE * (done / total if total else 1.0)), _(_COPYING))

        def work() -> Path:
            return copy_to_drive(
                session.db,
                session.data_dir,
                entry,
                folder,
                cadre_id=session.cadre_id,
                now=now,
                progress=copied,
            )

        self._start(
            _(_COPYING),
            background.run(
                work,
                lambda written: self._copied_again(entry, written),
                lambda error: self._copy_again_failed(entry, error),
            ),
        )

    def _copied_again(self, entry: ExportEntry, written: Path) -> None:
        if not isValid(self):
            return
        self._finish()
        self._copied(entry, written)
        self._fill_ledger(select_id=entry.id)

    def _copy_again_failed(self, entry: ExportEntry, error: BaseException) -> None:
        if not isValid(self):
            return
        self._finish()
        if isinstance(error, CopyError):
            self._not_copied(entry, error)
            return
        # The kept file is missing or differs from the ledger: copying it would spread damage.
        self.progress.setValue(0)
        self._say(
            Tone.PROBLEM,
            _("Not copied to the flash drive"),
            _(
                "The file {file} kept on the laptop is missing or damaged. Make the month's"
                " file again with the blue button."
            ).format(file=entry.file_name),
        )

    def _say(self, tone: Tone, title: str, text: str) -> None:
        background_colour, text_colour = tone.value
        self.result.setStyleSheet(
            f"#exportResult {{ background: {background_colour}; border-radius: 4px; }}"
            f" #exportResult QLabel {{ color: {text_colour}; }}"
        )
        self.result_title.setText(title)
        self.result_text.setText(text)
        self.result.show()

    def _set_busy(self, busy: bool) -> None:
        ready = self._loaded and not busy
        self.progress.setVisible(busy or self.progress.value() > 0)
        self.export_button.setEnabled(ready)
        self.month.setEnabled(ready)
        self.picker.set_buttons_enabled(not busy)
        self.copy_again.setEnabled(ready and bool(self.table.selectionModel().selectedRows()))

    def result_message(self) -> tuple[str, str]:
        """The result panel's title and text (empty when hidden)."""
        if not self.result.isVisibleTo(self):
            return "", ""
        return self.result_title.text(), self.result_text.text()

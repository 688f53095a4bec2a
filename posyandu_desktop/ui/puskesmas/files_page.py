"""Check and merge: add the month's files (file picker or drag and drop), see which can be trusted
and why the others cannot, register the key of a file signed by an unknown laptop, and merge the
valid ones into the month's recap (PDF and spreadsheet).

Files are checked again, in the background, whenever the list or the registered keys change:
a verdict depends on the whole set (an older revision, the previous month).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.exchange.words import trust_file_error_text
from posyandu_desktop.i18n import _, current_language, ngettext
from posyandu_desktop.services import Issue, Problem
from posyandu_desktop.services.export import puskesmas_opener
from posyandu_desktop.services.puskesmas import (
    FileReport,
    KeyStatus,
    MergeResult,
    TrustedKey,
    check_files,
    merge_files,
    read_received,
    register_key,
    registered_keys,
    remember_received,
)
from posyandu_desktop.ui import background
from posyandu_desktop.ui.puskesmas import words
from posyandu_desktop.ui.puskesmas.files_table_model import Column, FilesTableModel
from posyandu_desktop.ui.puskesmas.merge_panel import MergePanel
from posyandu_desktop.ui.widgets.messages import ask, issues_text, show_error

log = logging.getLogger(__name__)

RECAP_FOLDER = "rekap"  # <data>/rekap/<month>: where a recap goes unless the user picks another


# The file dialogs; tests replace these (no dialog may block a test).
def ask_for_files(parent: QWidget, start: Path) -> list[Path]:
    """The export files the user picks (none when cancelled)."""
    chosen, _filter = QFileDialog.getOpenFileNames(
        parent,
        _("Add the Posyandu's monthly files"),
        str(start),
        _("Posyandu monthly files (*.zip)"),
    )
    return [Path(name) for name in chosen]


def ask_for_folder(parent: QWidget, start: Path) -> Path | None:
    """The folder the recap goes to (None when cancelled)."""
    chosen = QFileDialog.getExistingDirectory(
        parent, _("Choose the folder for the recap"), str(start)
    )
    return Path(chosen) if chosen else None


def export_files(paths: Iterable[Path]) -> tuple[list[Path], int]:
    """The .zip files among `paths` (a folder gives the .zip files in it) and how many other
    files were passed over."""
    found: list[Path] = []
    skipped = 0
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and _is_zip(p))
        elif _is_zip(path):
            found.append(path)
        else:
            skipped += 1
    return found, skipped


def _is_zip(path: Path) -> bool:
    return path.suffix.casefold() == ".zip"


def _month_folder(reports: Sequence[FileReport]) -> str:
    """The month most valid files are for ("2026-10"); the recap folder is named after it."""
    months = Counter(str(r.manifest.period) for r in reports if r.ok and r.manifest)
    return months.most_common(1)[0][0] if months else "rekap"


class FilesPage(QWidget):
    """The file list with verdicts, the selected file's findings, and the merge."""

    # A check or a merge delivered its result (tests and the window wait for these).
    check_did_finish = Signal()
    merge_did_finish = Signal()
    # A key was registered from a file: the keys tab shows it.
    keys_did_change = Signal()

    def __init__(
        self, data_dir: Path, *, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.today = today
        self.paths: list[Path] = []
        self._generation = 0  # a check is for the list as it was: later ones win
        self._busy = False
        self._last_folder = Path.home()
        self.setAcceptDrops(True)

        self.model = FilesTableModel(self)
        self.table = _files_table(self.model)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.register_button = QPushButton(_("Register this file's key…"))
        self.register_button.setMinimumHeight(40)
        self.register_button.setProperty("primary", True)  # the way to make such a file valid
        self.register_button.setVisible(False)
        self.add_button = QPushButton(_("Add files…"))
        self.remove_button = QPushButton(_("Remove from the list"))
        self.clear_button = QPushButton(_("Clear the list"))
        self.merge_button = QPushButton(_("Merge"))
        self.merge_button.setProperty("primary", True)
        for button in (self.add_button, self.remove_button, self.clear_button, self.merge_button):
            button.setMinimumHeight(40)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.empty_hint = QLabel(
            _("No files yet. Press “Add files…” or drag the files from the USB stick here.")
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #546e7a; padding: 24px;")
        self.merge_panel = MergePanel()
        self._lay_out()

        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear)
        self.merge_button.clicked.connect(self.merge)
        self.register_button.clicked.connect(self.register_selected_key)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._show_selected())
        self._update()

    def _lay_out(self) -> None:
        steps = QLabel(
            _(
                "1. Add the month's files from the Posyandu's USB sticks (or drag them here)."
                "   2. Look at the verdicts: only valid files are merged."
                "   3. Press Merge to make the month's recap and e-PPGBM typing aid."
            )
        )
        steps.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.merge_button)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.empty_hint)
        list_layout.addWidget(self.table, 1)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.details, 1)
        detail_layout.addWidget(self.register_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        # The table's six columns need about 900 px on a 1366 px screen; the findings wrap.
        self.splitter.setSizes([900, 440])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(steps)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.merge_panel)

    def choose_files(self) -> None:
        """Pick files with the file dialog (several at once)."""
        chosen = ask_for_files(self, self._last_folder)
        if chosen:
            self._last_folder = chosen[0].parent
            self.add_files(chosen)

    def add_files(self, paths: Iterable[Path]) -> int:
        """Add export files (folders give their .zip files) and check the list again; returns
        how many were new."""
        found, skipped = export_files(paths)
        known = {_same(p) for p in self.paths}
        new = []
        for path in found:
            if _same(path) not in known:
                known.add(_same(path))
                new.append(path)
        self.paths += new
        if new:
            self.check()
        if skipped:
            self.status.setText(
                ngettext(
                    "{count} file is not a .zip file and was not added.",
                    "{count} files are not .zip files and were not added.",
                    skipped,
                ).format(count=skipped)
            )
        return len(new)

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        gone = {self.model.record(row).path for row in rows}
        if gone:
            self.paths = [p for p in self.paths if p not in gone]
            self.check()

    def clear(self) -> None:
        self.paths = []
        self.merge_panel.clear()
        self.check()

    def selected_report(self) -> FileReport | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.record(index.row())

    def select(self, path: Path) -> None:
        """Select a file's row (shows its findings)."""
        row = self.model.row_of(path)
        if row is None:
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def check(self) -> None:
        """Check every file in the list again, in the background."""
        self._generation += 1
        generation = self._generation
        if not self.paths:
            self._show_reports(())
            self.check_did_finish.emit()
            return
        paths, data = tuple(self.paths), self.data_dir
        self.status.setText(
            ngettext("Checking {count} file…", "Checking {count} files…", len(paths)).format(
                count=len(paths)
            )
        )

        def work() -> tuple[FileReport, ...]:
            opener = puskesmas_opener(data)
            return check_files(paths, registered_keys(data), read_received(data), opener)

        background.run(
            work,
            lambda reports: self._checked(generation, reports),
            lambda error: self._check_failed(generation, error),
        )

    def _checked(self, generation: int, reports: tuple[FileReport, ...]) -> None:
        if generation != self._generation:
            return  # the list changed meanwhile: a newer check is on its way
        self._show_reports(reports)
        self.check_did_finish.emit()

    def _check_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        log.error("checking the files failed", exc_info=error)
        self.status.setText(_("The files could not be checked."))
        show_error(self, self._failure_text(error))
        self.check_did_finish.emit()

    def _failure_text(self, error: BaseException) -> str:
        line = getattr(error, "line_number", None)  # the list of registered keys is damaged
        if isinstance(line, int):
            return trust_file_error_text(line)
        return _(
            "The files could not be checked ({reason}). The details are in the log file."
        ).format(reason=type(error).__name__)

    def _show_reports(self, reports: Sequence[FileReport]) -> None:
        selected = self.selected_report()
        self.model.set_rows(tuple(reports))
        if reports:
            self.select(selected.path if selected is not None else reports[0].path)
            if self.selected_report() is None:
                self.select(reports[0].path)
        valid = sum(1 for r in reports if r.ok)
        summary = ngettext(
            "{count} file: {valid} valid, {rejected} rejected",
            "{count} files: {valid} valid, {rejected} rejected",
            len(reports),
        )
        self.status.setText(
            summary.format(count=len(reports), valid=valid, rejected=len(reports) - valid)
            if reports
            else ""
        )
        self._update()

    def _show_selected(self) -> None:
        report = self.selected_report()
        if report is None:
            self.details.setHtml(
                f"<p>{_('Choose a file in the list to see what the check found.')}</p>"
            )
            self.register_button.setVisible(False)
            return
        self.details.setHtml(words.details_html(report))
        self.register_button.setVisible(_can_register(report))

    def _update(self) -> None:
        has_files = bool(self.model.rowCount())
        self.empty_hint.setVisible(not self.paths)
        self.table.setVisible(bool(self.paths))
        for button in (self.remove_button, self.clear_button):
            button.setEnabled(has_files and not self._busy)
        for button in (self.add_button, self.register_button):
            button.setEnabled(not self._busy)
        self.merge_button.setEnabled(has_files and not self._busy)
        self._show_selected()

    def register_selected_key(self) -> None:
        """Register the selected file's key after the user compared its fingerprint with the
        one the Posyandu gave (from its Settings screen)."""
        report = self.selected_report()
        if report is None or not _can_register(report) or report.manifest is None:
            return
        m = report.manifest
        try:
            held = {k.posyandu_code: k for k in registered_keys(self.data_dir)}
        except ValueError as error:
            show_error(self, self._failure_text(error))
            return
        text = _(
            "This file from {posyandu} is signed with the key whose fingerprint is:\n\n"
            "{fingerprint}\n\n"
            "Compare it with the fingerprint the Posyandu gave you (it is shown in the"
            " Settings screen of the Posyandu's laptop). Register the key only if every letter"
            " and digit is the same."
        ).format(posyandu=words.posyandu_text(report), fingerprint=m.fingerprint)
        earlier = held.get(m.posyandu.code)
        if earlier is not None:
            text += "\n\n" + _(
                "This Posyandu already has a registered key ({fingerprint}). It will be"
                " replaced: files signed with the old key will no longer be accepted."
            ).format(fingerprint=earlier.fingerprint)
        if not ask(self, _("Register this key?"), text, _("Same: register"), _("Cancel")):
            return
        try:
            register_key(self.data_dir, TrustedKey(m.fingerprint, m.posyandu.code, m.posyandu.name))
        except (OSError, ValueError):
            log.exception("the key could not be registered")
            show_error(self, _("The key could not be registered in the data folder."))
            return
        self.keys_did_change.emit()
        self.check()

    def merge(self) -> None:
        """Merge the valid files into the month's recap, in a folder the user confirms."""
        reports = self.model.records()
        if not any(r.ok for r in reports):
            show_error(self, issues_text([Issue(Problem.NO_VERIFIED_FILES)]))
            return
        start = self.data_dir / RECAP_FOLDER / _month_folder(reports)
        try:
            start.mkdir(parents=True, exist_ok=True)  # the dialog opens in it
        except OSError:
            start = self.data_dir
        out = ask_for_folder(self, start)
        if out is None:
            return
        paths, data, today = tuple(self.paths), self.data_dir, self.today()
        lang = current_language()

        def work() -> MergeResult:
            result = merge_files(
                paths,
                out,
                trusted=registered_keys(data),
                received=read_received(data),
                opener=puskesmas_opener(data),
                lang=lang,
                today=today,
            )
            if result.recap is not None:
                # A replayed older revision of these files is caught from now on.
                remember_received(data, result.merged)
            return result

        self._busy = True
        self._generation += 1  # a check still running is about the list before the merge
        self.status.setText(_("Merging…"))
        self._update()
        background.run(work, self._merged, self._merge_failed)

    def _merged(self, result: MergeResult) -> None:
        self._busy = False
        self._show_reports(result.reports)
        self.merge_panel.show_result(result)
        self.merge_did_finish.emit()

    def _merge_failed(self, error: BaseException) -> None:
        self._busy = False
        log.error("the merge failed", exc_info=error)
        self.check()  # the verdicts again, as the merge's own check is lost with it
        show_error(
            self,
            _(
                "The recap could not be made ({reason}). Check that the folder is writable and"
                " not full. The details are in the log file."
            ).format(reason=type(error).__name__),
        )
        self.merge_did_finish.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        # Not during a merge: its result would replace the verdicts of files added meanwhile.
        if not self._busy and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and not self._busy:
            event.acceptProposedAction()
            self.add_files(paths)


def _files_table(model: FilesTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(Column.POSYANDU, QHeaderView.ResizeMode.Stretch)
    return table


def _can_register(report: FileReport) -> bool:
    """A key can be registered from a file whose signature holds but whose key is unknown (one
    registered to another Posyandu is never moved from here: that is the keys tab's decision)."""
    return report.manifest is not None and report.key_status is KeyStatus.UNKNOWN


def _same(path: Path) -> Path:
    """One name per file, however it was reached (a drop and the dialog give other spellings)."""
    try:
        return path.resolve()
    except OSError:
        return path

"""Settings > Import children: bring in the children and past weighings of an e-PPGBM export or
of the Posyandu's own register. After a file is chosen, each field shows the column it comes
from (the coordinator may choose others); the file is then checked (a dry run, nothing changes)
and its report shown; only then may the coordinator import it (backup, one transaction).
Reading, checking and importing run in the background, so the window never freezes; meanwhile
the buttons wait and the dialog cannot be closed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.domain.importing import ImportReport
from posyandu_desktop.domain.safe_text import strip_bidi_controls
from posyandu_desktop.i18n import _, ngettext
from posyandu_desktop.i18n.importing_words import field_text, file_problem_text, report_lines
from posyandu_desktop.services.importing import (
    FilePreview,
    ImportRefusedError,
    import_file,
    preview_file,
)
from posyandu_desktop.ui import background
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.imports.column_mapping import ColumnMapping
from posyandu_desktop.ui.widgets.messages import show_error
from posyandu_desktop.ui.widgets.scrolled import scrolled

log = logging.getLogger(__name__)
_CHECK_AFTER_MS = 500  # the file is checked again once the columns stop changing this long


class ImportDialog(QDialog):
    """Choose a file, see its columns, check it, then import it."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.busy = False
        self._check_again = False  # the columns changed while a check was running
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(_CHECK_AFTER_MS)
        self._soon.timeout.connect(self._check_now)
        self.setWindowTitle(_("Import children from e-PPGBM or a register"))
        self.setMinimumSize(960, 560)
        self.resize(1180, 640)  # with a title bar, inside the smallest window (1280x680)
        layout = QVBoxLayout(self)
        explain = QLabel(
            _(
                'Choose the e-PPGBM "data pengukuran" export (.xls, .xlsx or CSV) or your own '
                "register. Check on the left which column of the file holds each item; the app "
                "then checks the file and shows on the right what would happen. Nothing changes "
                "until you press Import."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.choose = QPushButton(_("Choose a file…"))
        self.choose.clicked.connect(self.choose_file)
        self.file_label = QLabel(_("No file chosen"))
        row.addWidget(self.choose)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        body = QHBoxLayout()
        self.mapping = ColumnMapping()
        self.mapping.mapping_changed.connect(self._mapping_changed)
        body.addWidget(scrolled(self.mapping), 5)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(_("What the file would bring in is shown here."))
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        body.addWidget(self.report, 4)
        layout.addLayout(body, 1)
        self.confirm = QCheckBox(
            _('I checked the children listed "to confirm": they are the registered children')
        )
        self.confirm.hide()
        self.confirm.toggled.connect(self._mapping_changed)
        layout.addWidget(self.confirm)
        layout.addLayout(self._bottom_row())

    def _bottom_row(self) -> QHBoxLayout:
        """What is going on (moving while busy) and the buttons."""
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # moving: the work has no known length
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setProperty("primary", True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        return bottom

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the file to import"),
            "",
            _("Tables (*.xls *.xlsx *.csv);;All files (*)"),
        )
        if name:
            self.check(Path(name))

    def check(self, path: Path) -> None:
        """Read `path`'s columns; check it at once when every required one is recognised."""
        self.path = path
        self.file_label.setText(strip_bidi_controls(path.name))
        self.report.setPlainText("")
        self._soon.stop()
        self.mapping.clear()
        self.confirm.blockSignals(True)  # a confirmation was about the children of another file
        self.confirm.setChecked(False)
        self.confirm.blockSignals(False)
        self.confirm.hide()
        data = self.session.data_dir
        self._start(_("Reading the file…"), lambda: preview_file(path, data), self._read)

    def run_import(self) -> None:
        """The real run, after a check of the same file and columns."""
        self.import_button.setEnabled(False)
        self._start(
            _("Importing… do not close the app."), self._importer(dry_run=False), self._imported
        )

    # --- the steps -----------------------------------------------------------------------------

    def _read(self, preview: FilePreview) -> None:
        assert self.path is not None
        self.file_label.setText(
            ngettext("{name}: {count} row", "{name}: {count} rows", preview.rows).format(
                name=strip_bidi_controls(self.path.name), count=preview.rows
            )
        )
        self.mapping.show_preview(preview)
        if not self._say_missing():
            self._check_now()

    def _mapping_changed(self) -> None:
        """The columns changed: check the file again in a moment (a key pressed in a closed
        drop-down moves to another column at once), or say which columns are missing."""
        self.import_button.setEnabled(False)
        self.report.setPlainText("")
        if self.busy:
            self._check_again = True  # once the check under way ends
        elif not self._say_missing():
            self.status.setText(_("Checking the file…"))
            self._soon.start()

    def _say_missing(self) -> bool:
        missing = self.mapping.missing()
        if missing:
            self.status.setText(
                _("Choose the column of: {fields}. Then the file is checked.").format(
                    fields=", ".join(field_text(name) for name in missing)
                )
            )
        return bool(missing)

    def _check_now(self) -> None:
        if not self._say_missing():
            work = self._importer(dry_run=True)
            self._start(_("Checking the file…"), work, self._checked, editable=True)

    def _checked(self, report: ImportReport) -> None:
        if self._check_again:  # about columns chosen before the last change
            self._check_again = False
            self._mapping_changed()
            return
        self._show_report(report)
        self.confirm.setVisible(bool(report.to_confirm) or self.confirm.isChecked())
        can_import = report.measurements_new > 0 or report.people_new > 0
        self.import_button.setEnabled(can_import)
        self.status.setText(
            _("Checked: press Import to bring this in.")
            if can_import
            else _("Nothing new to import from this file.")
        )

    def _imported(self, report: ImportReport) -> None:
        self._show_report(report)
        self.mapping.setEnabled(False)  # imported with these columns; another file may follow
        self.confirm.setEnabled(False)
        self.status.setText(_("Imported."))

    def _failed(self, error: BaseException) -> None:
        if self._check_again:  # the columns changed meanwhile: check those instead
            self._check_again = False
            self._mapping_changed()
            return
        self.report.setPlainText("")
        self.status.setText("")
        if isinstance(error, ImportRefusedError):
            show_error(self, file_problem_text(error.problem, error.detail))
            return
        log.error("the import failed", exc_info=error)
        show_error(
            self,
            _(
                "The file could not be checked or imported ({reason}); the registry is as it "
                "was. The details are in the log file."
            ).format(reason=type(error).__name__),
        )

    # --- running in the background -------------------------------------------------------------

    def _importer(self, *, dry_run: bool) -> Callable[[], Any]:
        """The import (or its dry run) of the chosen file with the chosen columns, as a call
        made away from the window (its arguments taken now)."""
        assert self.path is not None
        session, path, mapping = self.session, self.path, self.mapping.mapping()
        today, confirmed = session.today(), self.confirm.isChecked()
        return lambda: import_file(
            session.db,
            session.data_dir,
            path,
            mapping=mapping,
            dry_run=dry_run,
            today=today,
            cadre_id=session.cadre_id,
            confirmed=confirmed,
        )

    def _start(
        self,
        busy: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        editable: bool = False,
    ) -> None:
        """Run `work` in the background, the dialog busy meanwhile (the columns still open to
        change when `editable`), then `done` with its result."""
        self._set_busy(busy, editable=editable)

        def finished(result: Any) -> None:
            self._set_busy("")
            done(result)

        def failed(error: BaseException) -> None:
            self._set_busy("")
            self._failed(error)

        background.run(work, finished, failed)

    def _set_busy(self, text: str, *, editable: bool = False) -> None:
        self.busy = bool(text)
        self.status.setText(text)
        self.progress.setVisible(self.busy)
        for widget in (self.choose, self.close_button):
            widget.setEnabled(not self.busy)
        if self.busy:
            self.import_button.setEnabled(False)
        editable = editable or not self.busy
        self.mapping.setEnabled(editable and self.mapping.preview is not None)
        self.confirm.setEnabled(editable)

    def is_idle(self) -> bool:
        """Nothing running and no check about to start."""
        return not self.busy and not self._soon.isActive()

    def _show_report(self, report: ImportReport) -> None:
        self.report.setPlainText("\n".join(report_lines(report, listed=200)))

    def reject(self) -> None:
        if not self.busy:  # never closed in the middle of an import
            self._soon.stop()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.busy:
            event.ignore()
        else:
            super().closeEvent(event)

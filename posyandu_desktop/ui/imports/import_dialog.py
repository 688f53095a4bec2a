"""Settings > Import children: bring in the children and past weighings of an e-PPGBM export or
of the Posyandu's own register. The file is always checked first (a dry run, nothing changes)
and its report shown; only then may the coordinator import it (backup, one transaction)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _
from posyandu_desktop.i18n.importing_words import file_problem_text, report_lines
from posyandu_desktop.services.importing import ImportRefusedError, import_file
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.widgets.messages import show_error


class ImportDialog(QDialog):
    """Choose a file, check it, then import it."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.setWindowTitle(_("Import children from e-PPGBM or a register"))
        self.setMinimumSize(760, 520)
        layout = QVBoxLayout(self)
        explain = QLabel(
            _(
                'Choose the e-PPGBM "data pengukuran" export (.xls, .xlsx or CSV) or your own '
                "register. The app first checks the file and shows what would happen; nothing "
                "changes until you press Import. Children whose NIK belongs to someone else, or "
                "who only share a name and birth date with a registered child, are listed and "
                "not brought in."
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
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.report, 1)
        self.confirm = QCheckBox(
            _('I checked the children listed "to confirm": they are the registered children')
        )
        self.confirm.hide()
        self.confirm.toggled.connect(lambda _on: self.path and self.check(self.path))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setProperty("primary", True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)

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
        """Dry run: show what an import of `path` would do."""
        self.path = path
        self.file_label.setText(path.name)
        self.import_button.setEnabled(self._run(dry_run=True))

    def run_import(self) -> None:
        """The real run, after a check of the same file."""
        self.import_button.setEnabled(False)
        self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> bool:
        assert self.path is not None
        try:
            report = import_file(
                self.session.db,
                self.session.data_dir,
                self.path,
                dry_run=dry_run,
                today=self.session.today(),
                cadre_id=self.session.cadre_id,
                confirmed=self.confirm.isChecked(),
            )
        except ImportRefusedError as refused:
            self.report.setPlainText("")
            show_error(self, file_problem_text(refused.problem, refused.detail))
            return False
        self.report.setPlainText("\n".join(report_lines(report, listed=200)))
        self.confirm.setVisible(bool(report.to_confirm) or self.confirm.isChecked())
        return report.measurements_new > 0 or report.people_new > 0

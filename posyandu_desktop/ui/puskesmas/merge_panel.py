"""What the last merge did: how many files went into the recap, where it is, which files were
left out and why, and buttons that open the recap and the e-PPGBM typing aid (each as PDF and
spreadsheet) and their folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from posyandu_desktop.i18n import _, format_month, ngettext
from posyandu_desktop.services.puskesmas import MergeResult
from posyandu_desktop.ui.puskesmas import words
from posyandu_desktop.ui.widgets.messages import issues_text

_MADE_STYLE = "#mergeResult { background: #f1f8e9; border: 1px solid #aed581; border-radius: 4px; }"
_NOTHING_STYLE = (
    "#mergeResult { background: #fff3e0; border: 1px solid #ffb74d; border-radius: 4px; }"
)


def open_path(path: Path) -> None:
    """Open a file or folder with the desktop's own program (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def merge_text(result: MergeResult) -> str:
    """What a merge did, in words: how many files, where, and which were left out and why."""
    lines: list[str] = []
    recap = result.recap
    if recap is None or result.pdf is None:
        lines.append(_("Nothing was merged."))
        if result.problems:
            lines.append(issues_text(result.problems))
    else:
        count = len(result.merged)
        lines.append(
            ngettext(
                "{count} file merged into the recap for {month}.",
                "{count} files merged into the recap for {month}.",
                count,
            ).format(count=count, month=format_month(recap.year, recap.month))
        )
        lines.append(_("Saved in {folder}").format(folder=result.pdf.parent))
        if result.pack_xlsx is not None:
            lines.append(_("The e-PPGBM typing aid of the merged Posyandu is in the same folder."))
        if result.unnamed:
            lines.append(
                _("Not in the e-PPGBM typing aid (the file carries no names): {posyandu}").format(
                    posyandu=", ".join(result.unnamed)
                )
            )
        if recap.shared:
            lines.append(
                ngettext(
                    "{count} person is registered in two Posyandu: counted once, listed in the"
                    " recap.",
                    "{count} people are registered in two Posyandu: counted once, listed in the"
                    " recap.",
                    len(recap.shared),
                ).format(count=len(recap.shared))
            )
    merged = {r.path for r in result.merged}
    left_out = [r for r in result.reports if r.path not in merged]
    if left_out:
        lines.append("")
        lines.append(
            ngettext(
                "{count} file was left out:", "{count} files were left out:", len(left_out)
            ).format(count=len(left_out))
        )
        for report in left_out:
            # A valid file is left out only when the whole merge was refused (mixed months).
            reason = words.rejection_reason(report) if not report.ok else _("Not merged")
            lines.append(_("\u2022 {file}: {reason}").format(file=report.path.name, reason=reason))
    return "\n".join(lines)


class MergePanel(QFrame):
    """Hidden until a merge; then its result in words and the ways to open the recap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeResult")
        self.result: MergeResult | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_pdf_button = QPushButton(_("Open the PDF"))
        self.open_xlsx_button = QPushButton(_("Open the spreadsheet (XLSX)"))
        self.open_pack_pdf_button = QPushButton(_("Open the PDF"))
        self.open_pack_xlsx_button = QPushButton(_("Open the spreadsheet (XLSX)"))
        self.open_folder_button = QPushButton(_("Open the folder"))
        self.recap_label = QLabel(_("Recap"))
        self.pack_label = QLabel(_("e-PPGBM typing aid"))
        buttons = QGridLayout()
        for row, label, pdf, xlsx in (
            (0, self.recap_label, self.open_pdf_button, self.open_xlsx_button),
            (1, self.pack_label, self.open_pack_pdf_button, self.open_pack_xlsx_button),
        ):
            buttons.addWidget(label, row, 0)
            buttons.addWidget(pdf, row, 1)
            buttons.addWidget(xlsx, row, 2)
        buttons.addWidget(self.open_folder_button, 2, 1, 1, 2)
        buttons.setRowStretch(3, 1)
        for button, part in (
            (self.open_pdf_button, _pdf),
            (self.open_xlsx_button, _xlsx),
            (self.open_pack_pdf_button, _pack_pdf),
            (self.open_pack_xlsx_button, _pack_xlsx),
            (self.open_folder_button, _folder),
        ):
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, part=part: self._open(part))
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_result(self, result: MergeResult) -> None:
        self.result = result
        self.text.setText(merge_text(result))
        made = result.pdf is not None
        self.setStyleSheet(_MADE_STYLE if made else _NOTHING_STYLE)
        for widget in (
            self.recap_label,
            self.open_pdf_button,
            self.open_xlsx_button,
            self.open_folder_button,
        ):
            widget.setVisible(made)
        packed = result.pack_xlsx is not None
        for widget in (self.pack_label, self.open_pack_pdf_button, self.open_pack_xlsx_button):
            widget.setVisible(packed)
        self.setVisible(True)

    def clear(self) -> None:
        self.result = None
        self.setVisible(False)

    def _open(self, part: Callable[[MergeResult], Path | None]) -> None:
        target = None if self.result is None else part(self.result)
        if target is not None:
            open_path(target)


def _pdf(result: MergeResult) -> Path | None:
    return result.pdf


def _xlsx(result: MergeResult) -> Path | None:
    return result.xlsx


def _pack_pdf(result: MergeResult) -> Path | None:
    return result.pack_pdf


def _pack_xlsx(result: MergeResult) -> Path | None:
    return result.pack_xlsx


def _folder(result: MergeResult) -> Path | None:
    return None if result.pdf is None else result.pdf.parent

"""The About box: the app's name and version, where its data lives, this laptop's signing key, where
the WHO tables came from (and whether they are still the files shipped), and the font licence.

`open_about` reads the facts off the GUI thread (it hashes the WHO tables) and then opens the box
with `open()`, so the window behind it keeps painting.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Sequence
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from posyandu_desktop.domain.growth.standards import WhoStandard
from posyandu_desktop.domain.vocabulary import KeyState
from posyandu_desktop.i18n import _, ngettext, pgettext
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.housekeeping import AboutInfo, WhoTable, about
from posyandu_desktop.settings import resource_path
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.widgets.messages import show_error

log = logging.getLogger(__name__)

_ICON_PX = 96
_WIDTH_PX = 720  # a Windows data folder path fits on one line
_NAME_POINT_SIZE = 18
_FINGERPRINT_POINT_SIZE = 13  # compared by eye with what the puskesmas registered
_MATCH_STYLE = "color: #2e7d32; font-weight: bold;"
_MISMATCH_STYLE = "color: #c62828; font-weight: bold;"
_QUIET_STYLE = "color: #546e7a;"


def open_folder(folder: Path) -> None:
    """Show a folder in the desktop's file manager (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def app_icon() -> QIcon:
    """The app icon with every size drawn by installer/make_icon.py."""
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("posyandu-*.png")):
        icon.addFile(str(png))
    return icon


def standard_text(standard: WhoStandard | None) -> str:
    return _("Other WHO tables") if standard is None else words(standard)


def match_text(matches: bool) -> str:
    """The checksum verdict, in the words the cadre reads aloud to IT."""
    return pgettext("checksum", "match") if matches else pgettext("checksum", "do NOT match")


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _verdict(matches: bool) -> QLabel:
    label = QLabel(match_text(matches))
    label.setStyleSheet(_MATCH_STYLE if matches else _MISMATCH_STYLE)
    return label


def _link(url: str, text: str) -> QLabel:
    label = QLabel(f'<a href="{escape(url)}">{escape(text)}</a>')
    label.setOpenExternalLinks(True)
    label.setToolTip(url)
    return label


class AboutDialog(QDialog):
    """What this copy of the app is, where it keeps its data, and what it was built on."""

    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(_("About Posyandu Desktop"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        # No line wraps: Qt sizes a dialog of wrapped labels too short, and they overlap.
        layout.addLayout(self._heading())
        layout.addWidget(self._data_box())
        layout.addWidget(self._key_box())
        layout.addWidget(self._who_box())
        fonts = QLabel(
            _("Font: DejaVu Sans, under the Bitstream Vera licence (free to use and share).")
        )
        layout.addWidget(fonts)
        self.technical = _selectable(
            f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}"
        )
        self.technical.setStyleSheet(_QUIET_STYLE)
        layout.addWidget(self.technical)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(_WIDTH_PX)

    def _heading(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(_ICON_PX, _ICON_PX)))
        name = QLabel("Posyandu Desktop")  # the app's name is the same in every language
        font = QFont(name.font())
        font.setPointSize(_NAME_POINT_SIZE)
        font.setBold(True)
        name.setFont(font)
        self.version = _selectable(_("Version {version}").format(version=self.info.app_version))
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(name)
        words.addWidget(self.version)
        words.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(12)
        row.addLayout(words, 1)
        return row

    def _data_box(self) -> QGroupBox:
        info = self.info
        box = QGroupBox(_("Data on this laptop"))
        self.data_folder = _selectable(str(info.data_dir))
        self.open_data_folder = QPushButton(_("Open the data folder"))
        self.open_data_folder.clicked.connect(lambda: open_folder(info.data_dir))
        folder = QHBoxLayout()
        folder.addWidget(self.data_folder, 1)
        folder.addWidget(self.open_data_folder)
        form = QFormLayout(box)
        form.addRow(_("Data folder"), folder)
        if info.key_state is not KeyState.NOT_USED:  # a puskesmas keeps no registry
            form.addRow(
                _("Registry file"),
                _selectable(
                    _("{file} (schema revision {revision})").format(
                        file=info.database_file.name, revision=info.schema_revision
                    )
                ),
            )
        form.addRow(_("Log files"), _selectable(str(info.log_folder)))
        return box

    def _key_box(self) -> QGroupBox:
        box = QGroupBox(_("Signing key"))
        state = self.info.key_state
        if state is KeyState.PRESENT and self.info.key_fingerprint:
            self.fingerprint = _selectable(self.info.key_fingerprint)
            self.fingerprint.setFont(theme.mono_font(_FINGERPRINT_POINT_SIZE, bold=True))
        else:
            self.fingerprint = QLabel(words(state))
            if state is KeyState.UNREADABLE:
                self.fingerprint.setStyleSheet(_MISMATCH_STYLE)
        QVBoxLayout(box).addWidget(self.fingerprint)
        return box

    def _who_box(self) -> QGroupBox:
        box = QGroupBox(_("WHO growth standards"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(2)
        self.who_verdicts: list[QLabel] = []
        for group, tables in enumerate(_by_source(self.info.who_tables)):
            first, row = tables[0], 2 * group
            name = QLabel(
                ngettext(
                    "{standard}: {count} table", "{standard}: {count} tables", len(tables)
                ).format(standard=standard_text(first.standard), count=len(tables))
            )
            grid.addWidget(name, row, 0)
            verdict = _verdict(all(t.matches for t in tables))
            self.who_verdicts.append(verdict)
            grid.addWidget(verdict, row, 1, Qt.AlignmentFlag.AlignRight)
            if first.source is not None:
                link = _link(first.source.repository_url, f"github.com/{first.source.repository}")
                link.setContentsMargins(0, 0, 0, 8)
                grid.addWidget(link, row + 1, 0)
        grid.setColumnStretch(0, 1)
        self.who_status = QLabel(
            _("Every table is exactly the file shipped with the app (SHA-256 checked).")
            if self.info.who_tables_match
            else _("Some tables were changed or are damaged: install the app again.")
        )
        if not self.info.who_tables_match:
            self.who_status.setStyleSheet(_MISMATCH_STYLE)
        credit = QLabel(
            _("Credit: World Health Organization, WHO Multicentre Growth Reference Study Group.")
        )
        credit.setStyleSheet(_QUIET_STYLE)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addWidget(self.who_status)
        layout.addWidget(credit)
        return box


def _by_source(tables: Sequence[WhoTable]) -> list[list[WhoTable]]:
    """The tables grouped by standard and source repository, in PROVENANCE.md's order."""
    groups: dict[tuple[WhoStandard | None, str], list[WhoTable]] = {}
    for table in tables:
        key = (table.standard, table.source.repository if table.source else "")
        groups.setdefault(key, []).append(table)
    return list(groups.values())


def open_about(parent: QWidget, data: Path, *, with_key: bool) -> None:
    """Read the facts in the background, then open the About box over `parent` (or bring the
    one already open to the front)."""

    def show(info: AboutInfo) -> None:
        if not isValid(parent):
            return
        existing = parent.findChild(AboutDialog)
        if existing is not None and existing.isVisible():  # clicked twice while it was read
            existing.raise_()
            return
        dialog = AboutDialog(info, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def failed(error: BaseException) -> None:
        log.error("the About box could not be filled", exc_info=error)
        if isValid(parent):
            show_error(parent, _("The app's details could not be read."))

    background.run(lambda: about(data, with_key=with_key), show, failed)

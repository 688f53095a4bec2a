"""The app's window on a puskesmas laptop: check and merge the Posyandu's monthly files, and the
registered keys. No registry, no cadres, no login: everything it keeps is a small file in the
data folder (the registered keys, the files received)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _
from posyandu_desktop.ui.about_dialog import open_about
from posyandu_desktop.ui.puskesmas.files_page import FilesPage
from posyandu_desktop.ui.puskesmas.keys_page import KeysPage


class PuskesmasWindow(QMainWindow):
    """Two tabs: the files (check, merge) and the registered keys, which keep each other current."""

    def __init__(
        self,
        data_dir: Path,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(_("Posyandu Desktop – Puskesmas"))
        self.setMinimumSize(1000, 640)
        self.files_page = FilesPage(data_dir, today=today)
        self.keys_page = KeysPage(data_dir)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.files_page, _("Check and merge files"))
        self.tabs.addTab(self.keys_page, "")

        bar = QFrame()
        bar.setObjectName("topBar")
        bar.setStyleSheet("#topBar { background: #e3f2fd; border-bottom: 1px solid #90caf9; }")
        title = QLabel(_("Puskesmas"))
        font = QFont(title.font())
        font.setPointSize(15)
        font.setBold(True)
        title.setFont(font)
        purpose = QLabel(_("Checking and merging the Posyandu's monthly files"))
        folder = QLabel(_("Data folder: {folder}").format(folder=data_dir))
        folder.setStyleSheet("color: #546e7a;")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(16, 8, 16, 8)
        bar_layout.addWidget(title)
        bar_layout.addSpacing(16)
        bar_layout.addWidget(purpose)
        bar_layout.addStretch(1)
        bar_layout.addWidget(folder)
        self.about_button = QPushButton(_("About the app…"))
        self.about_button.clicked.connect(lambda: open_about(self, data_dir, with_key=False))
        bar_layout.addSpacing(12)
        bar_layout.addWidget(self.about_button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.files_page.keys_did_change.connect(self._keys_changed_from_files)
        self.keys_page.keys_did_change.connect(self._keys_changed_from_tab)
        self._name_keys_tab()

    def _name_keys_tab(self) -> None:
        count = self.keys_page.model.rowCount()
        self.tabs.setTabText(
            self.tabs.indexOf(self.keys_page), _("Registered keys ({count})").format(count=count)
        )

    def _keys_changed_from_files(self) -> None:
        self.keys_page.refresh()
        self._name_keys_tab()

    def _keys_changed_from_tab(self) -> None:
        self._name_keys_tab()
        self.files_page.check()  # a file's verdict depends on the keys

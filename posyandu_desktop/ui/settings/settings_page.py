"""Settings: the language, backups (where, now, restore one), where the data lives, the version,
and the fingerprint of this laptop's signing key for the puskesmas to register.

Only the coordinator changes the backup folder or restores; anyone may back up now.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
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

from posyandu_desktop import __version__
from posyandu_desktop.i18n import _, current_language
from posyandu_desktop.services import (
    BackupError,
    Database,
    back_up_now,
    list_backups,
    restore_backup,
)
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.services.export import signing_fingerprint
from posyandu_desktop.services.housekeeping import (
    backup_folder,
    choose_backup_folder,
    log_folder,
    uses_default_backup_folder,
)
from posyandu_desktop.ui import background, theme
from posyandu_desktop.ui.about_dialog import open_about
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.imports.import_dialog import ImportDialog
from posyandu_desktop.ui.pages import Page
from posyandu_desktop.ui.preferences import choose_ui_language
from posyandu_desktop.ui.settings.backups_table_model import (
    BackupRow,
    BackupsTableModel,
    Column,
    taken_at_text,
)
from posyandu_desktop.ui.settings.puskesmas_key_dialog import open_puskesmas_key
from posyandu_desktop.ui.settings.recovery_key_dialog import (
    ask_recovery_key,
    ensure_recovery_key,
    recovery_key_problem,
)
from posyandu_desktop.ui.widgets.messages import ask, show_error, show_info
from posyandu_desktop.ui.widgets.qr_code import QrCode
from posyandu_desktop.ui.widgets.scrolled import scrolled

# Each language named in itself, so someone who cannot read the current one finds theirs.
LANGUAGE_NAMES = (("id", "Bahasa Indonesia"), ("en", "English"))
_BUTTON_HEIGHT = 40
_FINGERPRINT_POINT_SIZE = 16  # read aloud over the phone or compared by eye at the puskesmas
_QR_MODULE_PX = 4  # a phone camera reads 4 px modules off a laptop screen from 30 cm


def key_qr_text(code: str, fingerprint: str) -> str:
    """What the key's QR code says: "POSYANDU-KEY <code> <fingerprint without spaces>"."""
    return f"POSYANDU-KEY {code} {fingerprint.replace(' ', '')}"


def _key_words(data: Path, db: Database) -> tuple[str, str]:
    posyandu = this_posyandu(db)
    return (posyandu.code if posyandu else ""), signing_fingerprint(data)


def _backup_rows(data: Path) -> tuple[BackupRow, ...]:
    rows = []
    for backup in list_backups(data):
        try:
            size = backup.path.stat().st_size
        except OSError:  # removed (or the USB stick pulled) since it was listed
            continue
        rows.append(BackupRow(backup, size))
    return tuple(rows)


class SettingsPage(Page):
    """Language, backups and the data folder."""

    # The main window rebuilds its screens in the new language.
    language_did_change = Signal(str)
    # The registry file was replaced: the app opens it again (and asks for a login).
    registry_did_restore = Signal()
    # A scale was set up or changed: the main window starts the scales again.
    scales_did_change = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = _("Settings")
        self.backups_model = BackupsTableModel(self)  # parented: the view never outlives it
        self._busy = False
        layout = QVBoxLayout()
        layout.setContentsMargins(16, 12, 16, 12)
        if not session.is_coordinator:
            note = QLabel(
                _("Only the coordinator can change the backup folder or restore a backup.")
            )
            note.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px;")
            note.setWordWrap(True)
            layout.addWidget(note)
        top = QHBoxLayout()
        top.addWidget(self._language_box(), 1)
        top.addWidget(self._about_box(), 2)
        layout.addLayout(top)
        layout.addWidget(self._key_box())
        layout.addWidget(self._scales_box())
        layout.addWidget(self._backups_box(), 1)  # last: its list grows with the backups
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scrolled(layout))  # a small window scrolls instead of cutting the QR code

    def _scales_box(self) -> QGroupBox:
        box = QGroupBox(_("Digital scales"))
        row = QHBoxLayout(box)
        explain = QLabel(
            _("A scale set up here sends stable weights to the measuring desk by itself.")
        )
        explain.setWordWrap(True)  # Indonesian runs longer than the row at 1366 px
        row.addWidget(explain, 1)
        for text, kind in (
            (_("Baby scale…"), "baby_scale"),
            (_("Standing scale…"), "standing_scale"),
        ):
            button = QPushButton(text)
            button.setEnabled(self.session.is_coordinator)
            button.clicked.connect(lambda _checked=False, k=kind: self.open_scale_settings(k))
            row.addWidget(button)
        return box

    def open_scale_settings(self, kind: str) -> None:
        """Open the scale set-up (not modal); once saved, the scales start again with it."""
        from posyandu_desktop.devices import DeviceKind
        from posyandu_desktop.ui.devices.scale_settings_dialog import ScaleSettingsDialog

        dialog = ScaleSettingsDialog(self.session.data_dir, DeviceKind(kind), parent=self)
        dialog.accepted.connect(self.scales_did_change)
        dialog.accepted.connect(
            lambda: self.status_message.emit(_("Scale saved: the measuring desk uses it now."))
        )
        dialog.open()
        self.scale_dialog = dialog

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(_("Language"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.apply_language = QPushButton(_("Use this language"))
        self.apply_language.setMinimumHeight(_BUTTON_HEIGHT)
        self.apply_language.clicked.connect(self.choose_language)
        layout = QVBoxLayout(box)
        layout.addWidget(self.language)
        layout.addWidget(self.apply_language)
        layout.addStretch(1)
        return box

    def _about_box(self) -> QGroupBox:
        box = QGroupBox(_("About"))
        data = self.session.data_dir
        self.data_folder = QLabel(str(data))
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_folder.setWordWrap(True)
        open_folder = QPushButton(_("Open the data folder"))
        open_folder.clicked.connect(lambda: self._open_folder(data))
        logs = QLabel(str(log_folder(data)))
        logs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        logs.setWordWrap(True)
        self.import_button = QPushButton(_("Import children…"))
        self.import_button.setToolTip(_("From an e-PPGBM export or your own register"))
        self.import_button.setEnabled(self.session.is_coordinator)
        self.import_button.clicked.connect(lambda: ImportDialog(self.session, self).exec())
        folder_row = QHBoxLayout()
        folder_row.addWidget(open_folder)
        folder_row.addWidget(self.import_button)
        folder_row.addStretch(1)
        form = QFormLayout(box)
        form.addRow(_("Data folder"), self.data_folder)
        form.addRow("", folder_row)
        form.addRow(_("Log files"), logs)
        self.about_button = QPushButton(_("About the app…"))
        self.about_button.clicked.connect(lambda: open_about(self, data, with_key=True))
        version = QHBoxLayout()  # beside the version: the box stays as short as it was
        version.addWidget(QLabel(__version__))
        version.addStretch(1)
        version.addWidget(self.about_button)
        form.addRow(_("Version"), version)
        return box

    def _key_box(self) -> QGroupBox:
        box = QGroupBox(_("Signing key"))
        self.key_qr = QrCode()
        self.key_qr.setFixedSize(self.key_qr.size_for(_QR_MODULE_PX))
        self.fingerprint = QLabel(_("Reading the key…"))
        self.fingerprint.setFont(theme.mono_font(_FINGERPRINT_POINT_SIZE, bold=True))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_code = QLabel()
        explain = QLabel(
            _(
                "Coordinator: give this code (or let the puskesmas scan the QR code) to the"
                " puskesmas once, so they register this laptop and can trust its monthly files."
            )
        )
        explain.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(self.fingerprint)
        words.addWidget(self.key_code)
        words.addWidget(explain)
        self.puskesmas_key = QPushButton(_("Puskesmas key…"))
        self.puskesmas_key.clicked.connect(
            lambda: open_puskesmas_key(
                self.session.data_dir, coordinator=self.session.is_coordinator, parent=self
            )
        )
        words.addWidget(self.puskesmas_key, 0, Qt.AlignmentFlag.AlignLeft)
        words.addStretch(1)
        row = QHBoxLayout(box)
        row.addWidget(self.key_qr)
        row.addSpacing(12)
        row.addLayout(words, 1)
        self._key_asked = False
        return box

    def _show_key(self, found: tuple[str, str]) -> None:
        if not isValid(self):
            return
        code, fingerprint = found
        self.fingerprint.setText(fingerprint)
        self.key_code.setText(_("Posyandu code: {code}").format(code=code))
        self.key_qr.set_text(key_qr_text(code, fingerprint))
        self.key_qr.setFixedSize(self.key_qr.size_for(_QR_MODULE_PX))

    def _key_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._key_asked = False  # try again when the screen is next shown
        self.fingerprint.setText(_("The key could not be read from the data folder."))

    def _backups_box(self) -> QGroupBox:
        box = QGroupBox(_("Backups"))
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_folder = QPushButton(_("Choose a folder…"))
        self.default_folder = QPushButton(_("Use the standard folder"))
        self.back_up = QPushButton(_("Back up now"))
        self.back_up.setProperty("primary", True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.restore = QPushButton(_("Restore the chosen backup…"))
        for button in (self.choose_folder, self.default_folder, self.back_up, self.restore):
            button.setMinimumHeight(_BUTTON_HEIGHT)
        self.table = QTableView()
        self.table.setModel(self.backups_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(_BUTTON_HEIGHT * 4)  # the header and three whole rows
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.FILE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(_("No backups yet."))

        coordinator = self.session.is_coordinator
        for button in (self.choose_folder, self.default_folder, self.restore):
            button.setEnabled(coordinator)
        self.choose_folder.clicked.connect(self.choose_backup_folder)
        self.default_folder.clicked.connect(self.use_default_folder)
        self.back_up.clicked.connect(self.back_up_now)
        self.restore.clicked.connect(self.restore_chosen)

        where = QHBoxLayout()
        where.addWidget(QLabel(_("Folder:")))
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose_folder)
        where.addWidget(self.default_folder)
        actions = QHBoxLayout()
        actions.addWidget(self.back_up)
        actions.addWidget(self.progress)
        actions.addStretch(1)
        actions.addWidget(self.restore)
        layout = QVBoxLayout(box)
        layout.addLayout(where)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        return box

    def refresh(self) -> None:
        """Show the backup folder and list its backups (off the GUI thread: it may be a slow
        USB stick)."""
        data = self.session.data_dir
        folder = backup_folder(data)
        if uses_default_backup_folder(data):
            self.folder.setText(_("{folder} (standard)").format(folder=folder))
        else:
            self.folder.setText(str(folder))
        background.run(lambda: _backup_rows(data), self._show_backups, self._list_failed)
        if not self._key_asked:  # the key never changes while the app runs
            self._key_asked = True
            db = self.session.db
            background.run(lambda: _key_words(data, db), self._show_key, self._key_failed)

    def _show_backups(self, rows: tuple[BackupRow, ...]) -> None:
        if not isValid(self):  # closed while the folder was read
            return
        self.backups_model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)

    def _list_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._show_backups(())
        self.empty.setText(_("The backup folder cannot be read. Is the USB stick plugged in?"))

    def choose_language(self) -> None:
        """Remember the chosen language and switch the screens to it."""
        lang = self.language.currentData()
        if lang == current_language():
            return
        try:
            choose_ui_language(self.session.data_dir, lang)
        except OSError:
            show_error(self, _("The language could not be saved in the data folder."))
            return
        self.language_did_change.emit(lang)

    def ask_for_folder(self) -> Path | None:
        """Let the coordinator pick a folder (tests replace this)."""
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose the backup folder"), str(backup_folder(self.session.data_dir))
        )
        return Path(chosen) if chosen else None

    def choose_backup_folder(self) -> None:
        """Send backups to a folder the coordinator picks (e.g. a USB stick)."""
        folder = self.ask_for_folder()
        if folder is None:
            return
        ensure_recovery_key(self.session.data_dir, self)  # backups there are sealed with it
        self._set_folder(folder)

    def use_default_folder(self) -> None:
        """Send backups to <data folder>/backups again."""
        self._set_folder(None)

    def _set_folder(self, folder: Path | None) -> None:
        try:
            choose_backup_folder(self.session.data_dir, folder)
        except OSError:
            show_error(self, _("The backup folder could not be saved."))
            return
        self.status_message.emit(_("Backup folder changed."))
        self.refresh()

    def back_up_now(self) -> None:
        """Take a backup off the GUI thread, with a busy bar meanwhile."""
        if self._busy:
            return
        db, data = self.session.db, self.session.data_dir
        self._set_busy(True)
        background.run(lambda: back_up_now(db, data), self._backed_up, self._backup_failed)

    def _backed_up(self, result: object) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.status_message.emit(_("Backup saved."))
        self.refresh()

    def _backup_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        if isinstance(error, BackupError | OSError):
            show_error(
                self,
                _(
                    "The backup could not be made. Check that the backup folder (for example a"
                    " USB stick) is still there and not full."
                ),
            )
        else:
            show_error(self, _("The backup could not be made."))

    def restore_chosen(self) -> None:
        """Replace the registry with the chosen backup, after asking."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or self._busy or not self.session.is_coordinator:
            return
        backup = self.backups_model.backup(rows[0].row())
        if not ask(
            self,
            _("Restore a backup"),
            _(
                "Replace all data with the backup of {taken_at}? Everything entered after it"
                " will be gone. The data as it is now is kept as a backup first."
            ).format(taken_at=taken_at_text(backup)),
            yes_text=_("Restore"),
            no_text=_("Cancel"),
        ):
            return
        key = ask_recovery_key(backup.path, self)  # a sealed backup from a flash drive
        if key == "":
            return
        db, data = self.session.db, self.session.data_dir
        self._set_busy(True)
        background.run(
            lambda: restore_backup(data, backup.path, open_db=db, recovery_key=key),
            self._restored,
            self._restore_failed,
        )

    def _restored(self, result: object) -> None:
        self._set_busy(False)
        show_info(self, _("The backup was restored. The data is opened again now."))
        self.registry_did_restore.emit()

    def _restore_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(
            self,
            recovery_key_problem(error)
            or _("The backup could not be restored: it may be damaged. Your data was not changed."),
        )
        # The registry was closed for the restore: open it again either way.
        self.registry_did_restore.emit()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.back_up.setEnabled(not busy)
        self.restore.setEnabled(not busy and self.session.is_coordinator)

    def _open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

"""The signing key in Settings: its fingerprint as text and as a QR code, read in the background;
and the QR widget itself, read back module by module from what it drew."""

from __future__ import annotations

import stat
from typing import Any

import pytest
import segno
from PySide6.QtGui import QColor, QImage

from posyandu_desktop.exchange.signing import KEY_FILE, keys_dir, normalise_fingerprint
from posyandu_desktop.services.export import signing_fingerprint
from posyandu_desktop.ui import background
from posyandu_desktop.ui.settings.settings_page import SettingsPage, key_qr_text
from posyandu_desktop.ui.widgets.qr_code import QUIET_MODULES, QrCode, qr_matrix
from tests.ui.conftest import BUSY_MACHINE_MS

TEXT = "POSYANDU-KEY 6474-MEL-01 3F2A9C0112345678ABCDEF0123456789"


def _dark(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).lightness() < 128


def _read_back(widget: QrCode) -> list[list[bool]]:
    """The modules as drawn: the colour at the centre of each module's square."""
    image = widget.grab().toImage()
    at = widget.geometry_for(widget.size())
    centre = at.module_px // 2
    side = widget.modules()
    return [
        [
            _dark(image, at.left + x * at.module_px + centre, at.top + y * at.module_px + centre)
            for x in range(side)
        ]
        for y in range(side)
    ]


@pytest.mark.parametrize("size_px", [148, 200, 161])
def test_the_drawn_modules_are_segnos(qtbot, size_px):
    widget = QrCode(TEXT)
    qtbot.addWidget(widget)
    widget.setFixedSize(size_px, size_px)
    widget.show()
    qtbot.waitExposed(widget)

    symbol = segno.make(TEXT, error="m", micro=False)
    width, height = symbol.symbol_size(border=0)
    assert widget.modules() == width == height
    expected = [[bool(module) for module in row] for row in symbol.matrix]
    assert _read_back(widget) == expected

    at = widget.geometry_for(widget.size())
    assert at.module_px == size_px // (width + 2 * QUIET_MODULES)  # whole pixels per module
    image = widget.grab().toImage()
    # The quiet zone, four modules wide, is white all round.
    margin = QUIET_MODULES * at.module_px
    for i in range(0, margin, 2):
        for j in range(0, size_px, 3):
            assert not _dark(image, at.left - 1 - i, j)
            assert not _dark(image, j, at.top - 1 - i)


def test_an_empty_code_draws_nothing(qtbot):
    widget = QrCode()
    qtbot.addWidget(widget)
    widget.resize(100, 100)
    assert widget.modules() == 0 and qr_matrix(TEXT)
    image = widget.grab().toImage()
    assert not any(_dark(image, x, y) for x in range(0, 100, 7) for y in range(0, 100, 7))


def _settings(qtbot: Any, session: Any) -> SettingsPage:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    background.wait_for_all()
    qtbot.waitUntil(lambda: page.key_qr.modules() > 0, timeout=BUSY_MACHINE_MS)
    return page


def test_settings_show_the_fingerprint_as_text_and_qr(qtbot, ui_session):
    page = _settings(qtbot, ui_session)
    fingerprint = signing_fingerprint(ui_session.data_dir)
    assert page.fingerprint.text() == fingerprint
    assert normalise_fingerprint(fingerprint) is not None
    assert page.key_code.text() == "Kode Posyandu: 6474-MEL-01"
    qr_text = "POSYANDU-KEY 6474-MEL-01 " + fingerprint.replace(" ", "")
    assert page.key_qr.text == qr_text == key_qr_text("6474-MEL-01", fingerprint)
    symbol = segno.make(qr_text, error="m", micro=False)
    assert page.key_qr.modules() == symbol.symbol_size(border=0)[0]
    assert _read_back(page.key_qr) == [[bool(m) for m in row] for row in symbol.matrix]
    # The key it shows is the one that signs, kept readable by this user only.
    key = keys_dir(ui_session.data_dir) / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600

    page.refresh()  # shown again: the key is not read again
    assert page.fingerprint.text() == fingerprint

"""Settings > Puskesmas key through its real widgets: a pasted line shows its fingerprint, and
the key is registered only after the coordinator ticks that the puskesmas read out the same."""

from __future__ import annotations

from posyandu_desktop.services.export import (
    make_puskesmas_folder,
    registered_puskesmas_key,
    sends_contact_details,
)
from posyandu_desktop.ui.settings.puskesmas_key_dialog import PuskesmasKeyDialog


def test_a_key_is_registered_after_its_fingerprint_is_confirmed(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    key = make_puskesmas_folder(tmp_path / "pkm", "Puskesmas Bontang Utara")
    dialog = PuskesmasKeyDialog(data, coordinator=True)
    qtbot.addWidget(dialog)
    assert "Belum ada kunci puskesmas" in dialog.current.text()
    dialog.line.setText("bukan kunci")
    assert "bukan baris kunci" in dialog.found.text() and not dialog.fingerprint.text()
    dialog.line.setText(key.line)
    assert dialog.fingerprint.text() == key.fingerprint
    assert "Puskesmas Bontang Utara" in dialog.found.text()
    assert not dialog.register.isEnabled()  # not before the fingerprints were compared
    dialog.same.setChecked(True)
    assert dialog.register.isEnabled()
    dialog.register.click()
    assert registered_puskesmas_key(data) == key
    assert not sends_contact_details(data)


def test_a_cadre_sees_the_key_but_cannot_change_it(qtbot, tmp_path):
    dialog = PuskesmasKeyDialog(tmp_path, coordinator=False)
    qtbot.addWidget(dialog)
    assert not dialog.line.isEnabled() and not dialog.register.isEnabled()

"""Login: choose a name, set the PIN on first use (typed twice), check it afterwards, and wait
after five wrong PINs."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from posyandu_desktop.services import set_cadre_active
from posyandu_desktop.services.auth import check_pin, set_pin
from posyandu_desktop.services.today import this_posyandu
from posyandu_desktop.ui.start.login_dialog import MAX_TRIES, LoginDialog
from tests.ui.conftest import Registry


def _dialog(qtbot: Any, registry: Registry, **kwargs: Any) -> LoginDialog:
    posyandu = this_posyandu(registry.db)
    assert posyandu is not None
    dialog = LoginDialog(registry.db, posyandu, **kwargs)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: LoginDialog, name: str) -> None:
    names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    dialog.names.setCurrentRow(names.index(name))


def test_the_active_cadres_are_listed_by_name(qtbot, registry):
    set_cadre_active(registry.db, cadre_id=registry.cadre_ids[2], active=False).unwrap()
    dialog = _dialog(qtbot, registry)
    names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    assert names == ["Nur Hidayah", "Siti Aminah"]


def test_a_first_login_sets_the_pin_typed_twice(qtbot, registry):
    dialog = _dialog(qtbot, registry)
    _choose(dialog, "Siti Aminah")
    assert dialog.confirm.isVisible() and dialog.first_time.isVisible()
    # The keyboard alone: the list, Enter, the PIN, Enter, the PIN again, Enter.
    dialog.names.setFocus()
    qtbot.keyClick(dialog.names, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.pin
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.confirm
    qtbot.keyClicks(dialog.confirm, "2468")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.cadre is not None and dialog.cadre.name == "Siti Aminah"
    assert dialog.cadre.is_coordinator  # the chair coordinates
    assert check_pin(registry.db, registry.cadre_ids[0], "2468")


def test_two_different_pins_are_refused(qtbot, registry):
    dialog = _dialog(qtbot, registry)
    _choose(dialog, "Siti Aminah")
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClicks(dialog.confirm, "2469")
    dialog.try_log_in()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "Kedua PIN tidak sama. Ketik lagi."
    assert not check_pin(registry.db, registry.cadre_ids[0], "2468")


def test_a_pin_too_short_is_refused(qtbot, registry):
    dialog = _dialog(qtbot, registry)
    qtbot.keyClicks(dialog.pin, "12")
    qtbot.keyClicks(dialog.confirm, "12")
    dialog.try_log_in()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "4" in dialog.message.text()


def test_the_pin_field_takes_only_digits(qtbot, registry):
    dialog = _dialog(qtbot, registry)
    qtbot.keyClicks(dialog.pin, "12ab34567")
    assert dialog.pin.text() == "123456"


def test_a_known_cadre_types_the_pin_once(qtbot, registry):
    set_pin(registry.db, registry.cadre_ids[1], "135790").unwrap()
    dialog = _dialog(qtbot, registry)
    _choose(dialog, "Nur Hidayah")
    assert not dialog.confirm.isVisible()
    qtbot.keyClicks(dialog.pin, "135790")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.cadre is not None and dialog.cadre.id == registry.cadre_ids[1]
    assert not dialog.cadre.is_coordinator


def test_five_wrong_pins_make_the_dialog_wait(qtbot, registry):
    set_pin(registry.db, registry.cadre_ids[1], "135790").unwrap()
    dialog = _dialog(qtbot, registry, wait_seconds=1)
    _choose(dialog, "Nur Hidayah")
    for attempt in range(1, MAX_TRIES + 1):
        qtbot.keyClicks(dialog.pin, "0000")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        if attempt < MAX_TRIES:
            assert dialog.message.text() == (
                f"PIN salah. Coba lagi (sisa {MAX_TRIES - attempt} kali)."
            )
    assert not dialog.pin.isEnabled() and not dialog.log_in.isEnabled()
    assert "Tunggu" in dialog.message.text()

    qtbot.waitUntil(dialog.pin.isEnabled, timeout=3000)
    qtbot.keyClicks(dialog.pin, "135790")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_quitting_logs_nobody_in(qtbot, registry):
    dialog = _dialog(qtbot, registry)
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.cadre is None

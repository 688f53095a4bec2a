"""Login: choose a name, set the PIN on first use (typed twice), check it afterwards, and wait
after five wrong PINs."""

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from posyandu_desktop.services import set_cadre_active
from posyandu_desktop.services.cadres import (
    FIRST_WAIT_S,
    LONGEST_WAIT_S,
    check_pin,
    give_one_time_code,
    set_pin,
    wait_after,
)
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.ui.start.login_dialog import MAX_TRIES, LoginDialog
from tests.ui.conftest import MORNING, Registry


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
    _choose(dialog, "Siti Aminah")
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


def test_five_wrong_pins_make_her_wait_in_every_dialog_and_longer_each_time(qtbot, registry):
    set_pin(registry.db, registry.cadre_ids[1], "135790").unwrap()
    dialog = _dialog(qtbot, registry, now=lambda: MORNING)
    _choose(dialog, "Nur Hidayah")
    for attempt in range(1, MAX_TRIES + 1):
        qtbot.keyClicks(dialog.pin, "0000")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        if attempt < MAX_TRIES:
            assert dialog.message.text() == (
                f"PIN salah. Coba lagi (sisa {MAX_TRIES - attempt} kali)."
            )
    assert not dialog.pin.isEnabled() and not dialog.log_in.isEnabled()
    assert dialog.message.text() == f"Terlalu banyak PIN salah. Tunggu {FIRST_WAIT_S} detik."

    # A new dialog (or a restart) gives no fresh tries: the registry counts them.
    again = _dialog(qtbot, registry, now=lambda: MORNING + timedelta(seconds=5))
    _choose(again, "Nur Hidayah")
    qtbot.keyClicks(again.pin, "135790")
    qtbot.keyClick(again.pin, Qt.Key.Key_Return)
    assert again.result() != QDialog.DialogCode.Accepted
    assert "Tunggu 25 detik" in again.message.text()

    # After the wait one more wrong PIN waits twice as long; the right one lets her in.
    later = MORNING + timedelta(seconds=FIRST_WAIT_S + 1)
    third = _dialog(qtbot, registry, now=lambda: later)
    _choose(third, "Nur Hidayah")
    qtbot.keyClicks(third.pin, "0000")
    qtbot.keyClick(third.pin, Qt.Key.Key_Return)
    assert f"Tunggu {2 * FIRST_WAIT_S} detik" in third.message.text()
    assert wait_after(MAX_TRIES + 20) == LONGEST_WAIT_S
    fourth = _dialog(qtbot, registry, now=lambda: later + timedelta(seconds=2 * FIRST_WAIT_S))
    _choose(fourth, "Nur Hidayah")
    qtbot.keyClicks(fourth.pin, "135790")
    qtbot.keyClick(fourth.pin, Qt.Key.Key_Return)
    assert fourth.result() == QDialog.DialogCode.Accepted


def test_a_cadre_without_a_pin_needs_the_coordinators_one_time_code(qtbot, registry):
    siti, nur = registry.cadre_ids[0], registry.cadre_ids[1]
    set_pin(registry.db, siti, "2468").unwrap()  # the coordinator has her PIN
    dialog = _dialog(qtbot, registry, now=lambda: MORNING)
    _choose(dialog, "Nur Hidayah")
    assert dialog.needs_code() and dialog.needs_confirmation()
    qtbot.keyClicks(dialog.code, "000000")
    qtbot.keyClicks(dialog.pin, "1357")
    qtbot.keyClicks(dialog.confirm, "1357")
    dialog.try_log_in()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "kode" in dialog.message.text().lower()

    code = give_one_time_code(
        registry.db, posyandu_id=registry.posyandu_id, cadre_id=nur, by_cadre_id=siti
    ).unwrap()
    assert dialog.code.text() == "" and dialog.pin.text() == "1357"  # only the code is retyped
    qtbot.keyClicks(dialog.code, code)
    dialog.try_log_in()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert check_pin(registry.db, nur, "1357")


def test_choosing_a_name_with_the_mouse_puts_the_typed_pin_in_the_pin_field(qtbot, registry):
    set_pin(registry.db, registry.cadre_ids[1], "135790").unwrap()
    set_pin(registry.db, registry.cadre_ids[0], "2468").unwrap()
    dialog = _dialog(qtbot, registry)
    names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
    item = dialog.names.item(names.index("Siti Aminah"))
    rect = dialog.names.visualItemRect(item)
    qtbot.mouseClick(dialog.names.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.focusWidget() is dialog.pin
    qtbot.keyClicks(dialog.pin, "2468")
    assert dialog.pin.text() == "2468"


def test_digits_typed_while_the_list_has_the_focus_land_in_the_pin(qtbot, registry):
    set_pin(registry.db, registry.cadre_ids[1], "135790").unwrap()
    dialog = _dialog(qtbot, registry)
    _choose(dialog, "Nur Hidayah")
    dialog.names.setFocus()
    qtbot.keyClicks(dialog.names, "1357")
    assert dialog.pin.text() == "1357"
    assert dialog.focusWidget() is dialog.pin
    assert dialog.names.currentItem().text() == "Nur Hidayah"  # no jump by type-ahead


def test_quitting_logs_nobody_in(qtbot, registry):
    dialog = _dialog(qtbot, registry)
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.cadre is None

"""What the laptop is for: the setup wizard's first page offers the puskesmas, which needs no
Posyandu, cadres or login and is opened directly on every later start; a Posyandu laptop gets its
export signing key at set-up and on each start."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWizard

from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services.day import this_posyandu
from posyandu_desktop.services.housekeeping import is_puskesmas
from posyandu_desktop.ui import background
from posyandu_desktop.ui.puskesmas.puskesmas_window import PuskesmasWindow
from posyandu_desktop.ui.start.login_dialog import LoginDialog
from posyandu_desktop.ui.start.setup_wizard import SetupWizard
from posyandu_desktop.ui.start.start_flow import StartFlow
from tests.ui.conftest import MORNING

KEY_FILE = Path("keys") / "signing-key.pem"


@pytest.fixture
def flows(qtbot: Any) -> Iterator[Any]:
    made: list[StartFlow] = []

    def make(data_dir: Path, **kwargs: Any) -> StartFlow:
        flow = StartFlow(data_dir=data_dir, now=lambda: MORNING, **kwargs)
        qtbot.addWidget(flow.screen)
        made.append(flow)
        return flow

    yield make
    background.wait_for_all()
    for flow in made:
        for window in (flow.window, flow.puskesmas_window):
            if window is not None:
                window.close()
                window.deleteLater()
        if flow.db is not None:
            flow.db.close()


def _wizard(qtbot: Any, flow: StartFlow) -> SetupWizard:
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SetupWizard), timeout=20_000)
    assert isinstance(flow.dialog, SetupWizard)
    return flow.dialog


def test_the_first_page_asks_what_the_laptop_is_for(qtbot, tmp_path):
    opened = open_data_folder(tmp_path / "data")
    assert isinstance(opened, Opened)
    wizard = SetupWizard(opened.database)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    page = wizard.posyandu_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert page.for_posyandu.isChecked()  # the usual answer is the default
    assert page.details.isVisible() and not next_button.isEnabled()

    page.for_puskesmas.setChecked(True)
    # Nothing to type: the page is the last one and may finish at once.
    assert not page.details.isVisible() and page.puskesmas_note.isVisible()
    assert finish.isVisible() and finish.isEnabled() and not next_button.isVisible()
    assert finish.text() == "Mulai"
    assert page.title() == "Laptop puskesmas"

    page.for_posyandu.setChecked(True)
    assert next_button.isVisible() and not next_button.isEnabled() and not finish.isVisible()
    assert page.title() == "Posyandu Anda"

    page.for_puskesmas.setChecked(True)
    finish.click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.puskesmas_chosen() and wizard.result_run is None
    assert this_posyandu(opened.database) is None  # nothing saved in the registry
    opened.database.close()


def test_a_puskesmas_set_up_opens_its_window_and_later_starts_go_straight_there(
    qtbot, tmp_path, flows
):
    data = tmp_path / "data"
    flow = flows(data)
    flow.start()
    wizard = _wizard(qtbot, flow)
    wizard.posyandu_page.for_puskesmas.setChecked(True)
    with qtbot.waitSignal(flow.window_did_show, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    assert isinstance(flow.puskesmas_window, PuskesmasWindow)
    assert flow.puskesmas_window.isVisible() and not flow.screen.isVisible()
    assert flow.window is None and flow.db is None  # no registry, no cadres, no login
    assert is_puskesmas(data)
    assert not (data / KEY_FILE).exists()  # a puskesmas signs nothing

    again = flows(data)
    with qtbot.waitSignal(again.window_did_show, timeout=20_000):
        again.start()
    assert isinstance(again.puskesmas_window, PuskesmasWindow)
    assert again.dialog is None and again.db is None
    assert again.puskesmas_window.tabs.tabText(0) == "Periksa dan gabungkan file"


def test_cancelling_the_set_up_ends_the_app_without_choosing(qtbot, tmp_path, flows):
    flow = flows(tmp_path / "data")
    flow.start()
    wizard = _wizard(qtbot, flow)
    wizard.posyandu_page.for_puskesmas.setChecked(True)
    with qtbot.waitSignal(flow.did_finish) as finished:
        wizard.reject()
    assert finished.args == [0]
    assert not is_puskesmas(tmp_path / "data") and flow.puskesmas_window is None


def test_a_posyandu_set_up_makes_the_signing_key(qtbot, tmp_path, flows):
    data = tmp_path / "data"
    flow = flows(data)
    flow.start()
    wizard = _wizard(qtbot, flow)
    wizard.posyandu_page.name.setText("Posyandu Melati")
    wizard.posyandu_page.code.setText("6474-MEL-01")
    wizard.next()
    wizard.cadres_page.name.setText("Siti Aminah")
    wizard.cadres_page.add_typed_cadre()
    wizard.next()
    wizard.pin_page.pin.setText("2468")
    wizard.pin_page.confirm.setText("2468")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, LoginDialog), timeout=20_000)
    background.wait_for_all()
    assert (data / KEY_FILE).exists()
    assert not is_puskesmas(data)


def test_a_posyandu_laptop_gets_its_signing_key_on_start(qtbot, registry, flows):
    key = registry.data_dir / KEY_FILE
    assert not key.exists()
    flow = flows(registry.data_dir)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, LoginDialog), timeout=20_000)
    background.wait_for_all()
    assert key.exists()
    assert not is_puskesmas(registry.data_dir)


def test_the_smoke_check_of_a_puskesmas_laptop_opens_its_window_and_finishes(
    qtbot, tmp_path, flows
):
    from posyandu_desktop.services.housekeeping import choose_puskesmas_mode

    choose_puskesmas_mode(tmp_path / "data", True)
    flow = flows(tmp_path / "data", smoke=True)
    with qtbot.waitSignal(flow.did_finish, timeout=20_000) as finished:
        flow.start()
    assert finished.args == [0]
    assert flow.puskesmas_window is not None and flow.db is None
    assert not (tmp_path / "data" / "posyandu.sqlite").exists()

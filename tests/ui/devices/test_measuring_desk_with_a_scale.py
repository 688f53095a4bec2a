"""End to end: a simulated serial scale on a pty feeds the real measuring desk via ScaleBridge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from posyandu_desktop import services
from posyandu_desktop.devices import DeviceConfig, DeviceKind, SerialScale, Transport, built_in
from posyandu_desktop.devices.simulator import PtySimulator, Timing, scale_lines
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.services import MeasurementSource
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.devices import ScaleBridge
from posyandu_desktop.ui.measuring.measuring_page import MeasuringPage
from tests.devices.conftest import needs_pty
from tests.ui.conftest import BUSY_MACHINE_MS, MORNING, TODAY, Registry

pytestmark = needs_pty

FAST = Timing(rate_hz=100, empty_s=0.2, settle_s=0.3, hold_s=0.3)


@pytest.fixture
def desk(qtbot: QtBot, registry: Registry, ui_session: UiSession) -> MeasuringPage:
    cadre = registry.cadre_ids[0]
    day = services.open_posyandu_day(
        registry.db, cadre_id=cadre, posyandu_id=registry.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    services.register_arrival(
        registry.db,
        cadre_id=cadre,
        day_id=day.id,
        person_id=registry.person_ids["Aisyah Putri"],
        now=MORNING,
    ).unwrap()
    page = MeasuringPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


@pytest.fixture
def bridge() -> Iterator[list[ScaleBridge]]:
    bridges: list[ScaleBridge] = []
    yield bridges
    for each in bridges:  # join the reader threads even when a test failed
        assert each.stop()


@pytest.mark.parametrize("fmt", ["ad", "plain"])
def test_the_stable_weight_lands_in_the_weight_field(qtbot, desk, registry, bridge, fmt):
    weight = desk.fields[Quantity.WEIGHT_KG]
    shown: list[object] = []
    weight.valueChanged.connect(shown.append)
    with PtySimulator(scale_lines([7.85], fmt, timing=FAST), rate_hz=FAST.rate_hz) as simulator:
        device = DeviceConfig(
            "baby_scale", DeviceKind.BABY_SCALE, Transport.SERIAL, simulator.path, built_in(fmt)
        )
        bridge.append(ScaleBridge(SerialScale(device, retry_s=0.05)))
        bridge[0].reading_did_arrive.connect(desk.offer_reading)
        bridge[0].start()
        qtbot.waitUntil(
            lambda: weight.text() == "7,85", timeout=BUSY_MACHINE_MS
        )  # returns as soon as true; generous for a busy machine
        qtbot.wait(300)  # the scale is emptied and settles again: nothing else arrives
    # Some 30 settling values (6.7 to 9.0 kg) went by; only the held weight reached the field.
    assert shown == [7.85]
    assert desk.save()
    [measurement] = [
        m
        for m in services.measurements_of(registry.db, registry.person_ids["Aisyah Putri"])
        if m.measured_on == TODAY
    ]
    assert measurement.values.weight_kg is not None
    assert measurement.values.weight_kg.value == 7.85
    assert measurement.values.weight_kg.source is MeasurementSource.SERIAL_SCALE


def test_a_scale_set_up_in_settings_feeds_the_main_window(qtbot, registry, ui_session):
    """The window starts a reader for each configured scale; its weight reaches the desk."""
    from posyandu_desktop.devices import save_device
    from posyandu_desktop.ui.main_window import MainWindow

    cadre = registry.cadre_ids[0]
    day = services.open_posyandu_day(
        registry.db, cadre_id=cadre, posyandu_id=registry.posyandu_id, held_on=TODAY, today=TODAY
    ).unwrap()
    services.register_arrival(
        registry.db,
        cadre_id=cadre,
        day_id=day.id,
        person_id=registry.person_ids["Aisyah Putri"],
        now=MORNING,
    ).unwrap()
    with PtySimulator(scale_lines([7.85], "ad", timing=FAST), rate_hz=FAST.rate_hz) as simulator:
        save_device(
            ui_session.data_dir,
            DeviceConfig(
                "baby_scale",
                DeviceKind.BABY_SCALE,
                Transport.SERIAL,
                simulator.path,
                built_in("ad"),
            ),
        )
        window = MainWindow(ui_session)
        qtbot.addWidget(window)
        desk = window.show_page("measuring")
        assert isinstance(desk, MeasuringPage)
        assert window.connect_scales() == 1
        weight = desk.fields[Quantity.WEIGHT_KG]
        qtbot.waitUntil(
            lambda: weight.text() == "7,85", timeout=BUSY_MACHINE_MS
        )  # returns as soon as true; generous for a busy machine
        window.disconnect_scales()


def test_the_desk_shows_the_scale_state_and_a_new_scale_applies_at_once(qtbot, ui_session):
    from posyandu_desktop.devices import save_device
    from posyandu_desktop.ui.main_window import MainWindow
    from posyandu_desktop.ui.settings.settings_page import SettingsPage

    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    assert window.connect_scales() == 0
    desk = window.show_page("measuring")
    assert isinstance(desk, MeasuringPage)
    assert desk.scale_state.text() == "Belum ada timbangan digital: ketik beratnya."
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    with PtySimulator(scale_lines([7.85], "ad", timing=FAST), rate_hz=FAST.rate_hz) as simulator:
        save_device(
            ui_session.data_dir,
            DeviceConfig(
                "baby_scale",
                DeviceKind.BABY_SCALE,
                Transport.SERIAL,
                simulator.path,
                built_in("ad"),
            ),
        )
        settings.scales_did_change.emit()  # what saving the scale dialog does
        qtbot.waitUntil(
            lambda: desk.scale_state.text() == "Timbangan bayi: Timbangan tersambung",
            timeout=BUSY_MACHINE_MS,
        )
        window.disconnect_scales()

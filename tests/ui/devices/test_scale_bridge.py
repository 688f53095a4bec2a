"""ScaleBridge: readings from a worker thread arrive on the GUI thread; stop joins the thread."""

from __future__ import annotations

import threading
import time
from datetime import datetime

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from posyandu_desktop.devices import (
    DeviceStatus,
    Offer,
    ReadingProblem,
    Report,
    ScaleReading,
    Unit,
)
from posyandu_desktop.domain.vocabulary import MeasurementSource
from posyandu_desktop.ui.devices import ScaleBridge
from tests.ui.conftest import BUSY_MACHINE_MS


class FakeReader:
    """Offers `weights` from its thread, then waits to be stopped."""

    device_id = "baby_scale"
    source = MeasurementSource.SERIAL_SCALE

    def __init__(self, weights: list[float], fail: bool = False) -> None:
        self.weights, self.fail = weights, fail
        self.threads: list[threading.Thread] = []
        self.go = threading.Event()

    def run(self, offer: Offer, report: Report, stop: threading.Event) -> None:
        self.threads.append(threading.current_thread())
        if self.fail:
            raise RuntimeError("a bug in a reader")
        report(DeviceStatus.CONNECTED)
        self.go.wait(5)
        for kg in self.weights:
            offer(ScaleReading(kg, Unit.KG, True, self.device_id, datetime.now().astimezone()))
        report(ReadingProblem.NEGATIVE)
        stop.wait()


def test_readings_arrive_on_the_gui_thread(qtbot):
    reader = FakeReader([9.6, 12.35])
    bridge = ScaleBridge(reader)
    arrived: list[tuple[float, MeasurementSource, str, bool]] = []
    statuses: list[object] = []

    def take(kg: float, source: MeasurementSource, device_id: str) -> None:
        on_gui = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]
        arrived.append((kg, source, device_id, on_gui))

    bridge.reading_did_arrive.connect(take)
    bridge.status_did_change.connect(statuses.append)
    bridge.start()
    bridge.start()  # a second start while running does nothing
    reader.go.set()
    qtbot.waitUntil(lambda: len(arrived) == 2 and len(statuses) == 2, timeout=BUSY_MACHINE_MS)
    assert bridge.stop()
    assert not bridge.is_running() and not reader.threads[0].is_alive()
    assert len(reader.threads) == 1 and reader.threads[0] is not threading.main_thread()
    assert arrived == [
        (9.6, MeasurementSource.SERIAL_SCALE, "baby_scale", True),
        (12.35, MeasurementSource.SERIAL_SCALE, "baby_scale", True),
    ]
    assert statuses == [DeviceStatus.CONNECTED, ReadingProblem.NEGATIVE]


def test_readings_queued_before_stop_are_dropped(qtbot):
    reader = FakeReader([9.6])
    bridge = ScaleBridge(reader)
    arrived: list[float] = []
    bridge.reading_did_arrive.connect(lambda kg, *_: arrived.append(kg))
    bridge.start()
    reader.go.set()
    time.sleep(0.1)  # the reading is queued: the event loop has not run
    assert bridge.stop()
    QApplication.processEvents()
    assert arrived == []


def test_restart_after_stop(qtbot):
    reader = FakeReader([9.6])
    reader.go.set()
    bridge = ScaleBridge(reader)
    arrived: list[float] = []
    bridge.reading_did_arrive.connect(lambda kg, *_: arrived.append(kg))
    for _round in range(2):
        bridge.start()
        qtbot.waitUntil(lambda n=_round: len(arrived) == n + 1, timeout=BUSY_MACHINE_MS)
        assert bridge.stop()
    assert arrived == [9.6, 9.6] and len(reader.threads) == 2


def test_a_failing_reader_reports_disconnected(qtbot):
    bridge = ScaleBridge(FakeReader([], fail=True))
    with qtbot.waitSignal(bridge.status_did_change, timeout=BUSY_MACHINE_MS) as signal:
        bridge.start()
    assert signal.args == [DeviceStatus.DISCONNECTED]
    assert bridge.stop()


def test_stop_without_start() -> None:
    assert ScaleBridge(FakeReader([])).stop()

"""Brings a device reader's readings to the GUI thread: `ScaleBridge(reader).start()`."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from posyandu_desktop.devices import (
    DeviceStatus,
    ReadingProblem,
    ReadingSource,
    ScaleReading,
)
from posyandu_desktop.domain.vocabulary import MeasurementSource

log = logging.getLogger(__name__)


class ScaleBridge(QObject):
    """Runs one reader in its own thread; its signals fire on the GUI thread.

    A dedicated thread, not `ui.background.run`: a reader runs all day, and would hold one of
    the global pool's few threads (one per core) that backups and exports need.
    """

    # Weight in kg (rounded to the device's resolution), where it came from, device id.
    reading_did_arrive = Signal(float, MeasurementSource, str)
    # A DeviceStatus or a persisting ReadingProblem; devices.words names it.
    status_did_change = Signal(object)

    _reading_from_worker = Signal(object)
    _status_from_worker = Signal(object)

    def __init__(self, reader: ReadingSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Queued: the slots run in this object's (the GUI) thread whichever thread emits.
        self._reading_from_worker.connect(self._deliver_reading, Qt.ConnectionType.QueuedConnection)
        self._status_from_worker.connect(self._deliver_status, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start reading (again); does nothing while already reading."""
        if self.is_running():
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name=f"scale {self.reader.device_id}", daemon=True
        )
        self._thread.start()

    @Slot()
    def stop(self, timeout_s: float = 3.0) -> bool:
        """Stop reading and join the thread; False if it did not end in time."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout_s)
        return not thread.is_alive()

    def _run(self, stop: threading.Event) -> None:
        try:
            self.reader.run(self._reading_from_worker.emit, self._status_from_worker.emit, stop)
        except Exception:  # a reader bug must not pass silently, nor kill the app
            log.exception("scale reader %s failed", self.reader.device_id)
            self._status_from_worker.emit(DeviceStatus.DISCONNECTED)

    @Slot(object)
    def _deliver_reading(self, reading: ScaleReading) -> None:
        if self._thread is None:  # queued before stop(): the cadre no longer wants readings
            return
        self.reading_did_arrive.emit(reading.kg, self.reader.source, reading.device_id)

    @Slot(object)
    def _deliver_status(self, status: DeviceStatus | ReadingProblem) -> None:
        if self._thread is not None:
            self.status_did_change.emit(status)

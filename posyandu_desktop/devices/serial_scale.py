"""Serial and USB-serial scales through pyserial: port discovery and a reconnecting reader."""

from __future__ import annotations

import errno
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import serial
from serial.tools import list_ports

from posyandu_desktop.devices.limits import check_value
from posyandu_desktop.devices.parse_line import parse_line
from posyandu_desktop.devices.protocols import PLAIN
from posyandu_desktop.devices.readings import (
    DeviceStatus,
    Offer,
    ReadingProblem,
    Report,
    ScaleReading,
    StatusReporter,
)
from posyandu_desktop.devices.registry import DeviceConfig
from posyandu_desktop.devices.stability import StableOffer
from posyandu_desktop.devices.units import Unit
from posyandu_desktop.domain.vocabulary import MeasurementSource

log = logging.getLogger(__name__)

_LINE_END = re.compile(rb"[\r\n]")
_LONGEST_LINE = 256  # bytes without a line end: not a line protocol, or the wrong baud rate


@dataclass(frozen=True, slots=True)
class PortInfo:
    """A serial port the system offers."""

    device: str  # "/dev/ttyUSB0", "COM3"
    description: str


def available_ports() -> list[PortInfo]:
    """The serial ports present now (USB-serial cables appear when plugged in)."""
    return [PortInfo(p.device, p.description or "") for p in sorted(list_ports.comports())]


def _status_of(error: serial.SerialException) -> DeviceStatus:
    # POSIX pyserial sets errno; on Windows only the message names the OS error.
    code, text = getattr(error, "errno", None), str(error)
    if code == errno.ENOENT or "FileNotFoundError" in text:
        return DeviceStatus.PORT_NOT_FOUND
    if code in (errno.EACCES, errno.EBUSY, errno.EPERM) or "PermissionError" in text:
        return DeviceStatus.PORT_UNAVAILABLE
    return DeviceStatus.DISCONNECTED


class SerialScale:
    """Reads a serial scale until stopped; reopens the port after the cable is pulled."""

    source = MeasurementSource.SERIAL_SCALE

    def __init__(
        self,
        device: DeviceConfig,
        *,
        retry_s: float = 1.0,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.device = device
        self.device_id = device.id
        self.protocol = device.protocol or PLAIN
        self._retry_s, self._now = retry_s, now

    def run(self, offer: Offer, report: Report, stop: threading.Event) -> None:
        """Read until `stop` is set (call from a worker thread, never the GUI thread)."""
        status = StatusReporter(report)
        while not stop.is_set():
            try:
                with serial.Serial(
                    self.device.address,
                    baudrate=self.protocol.baud,
                    bytesize=self.protocol.bytesize,
                    parity=self.protocol.parity,
                    stopbits=self.protocol.stopbits,
                    timeout=0.2,  # how soon `stop` is noticed
                ) as port:
                    status.status(DeviceStatus.CONNECTED)
                    self._read(port, offer, status, stop)
            except (serial.SerialException, OSError) as error:
                status.status(
                    _status_of(error)
                    if isinstance(error, serial.SerialException)
                    else DeviceStatus.DISCONNECTED
                )
            stop.wait(self._retry_s)

    def _read(
        self, port: serial.Serial, offer: Offer, status: StatusReporter, stop: threading.Event
    ) -> None:
        offers = StableOffer(
            equal_needed=None if self.protocol.has_marker else self.protocol.stable_after
        )
        pending = b""
        while not stop.is_set():
            pending += port.read(max(1, port.in_waiting))
            *lines, pending = _LINE_END.split(pending)
            if len(pending) > _LONGEST_LINE:
                pending = b""
                status.problem(ReadingProblem.GARBAGE)
            for line in lines:
                if not line.strip():
                    continue
                try:
                    self._take(line.decode("latin-1"), offers, offer, status)
                except Exception:  # one odd line must never stop the reader
                    log.warning("unreadable scale line skipped", exc_info=True)
                    status.problem(ReadingProblem.GARBAGE)

    def _take(self, line: str, offers: StableOffer, offer: Offer, status: StatusReporter) -> None:
        parsed = parse_line(line, self.protocol, device_id=self.device_id, at=self._now())
        if isinstance(parsed, ScaleReading):
            kg = check_value(self.device.kind, parsed.kg, self.device.step)
            if isinstance(kg, float):
                status.reading_ok()
                rounded = ScaleReading(kg, Unit.KG, parsed.stable, self.device_id, parsed.at)
                chosen = offers.feed(rounded)
                if chosen is not None:
                    offer(chosen)
                return
            parsed = kg
        if parsed is ReadingProblem.NEGATIVE:
            # Below zero means nothing is on the scale (or it needs taring): a new weighing.
            offers.feed(ScaleReading(0.0, Unit.KG, False, self.device_id, self._now()))
        status.problem(parsed)

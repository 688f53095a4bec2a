"""What every source of readings produces: `ScaleReading`s, problem codes, and its run loop."""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from posyandu_desktop.devices.units import Unit, to_kg
from posyandu_desktop.domain.vocabulary import MeasurementSource


@dataclass(frozen=True, slots=True)
class ScaleReading:
    """One value as the device sent it, with its stable flag, source device and arrival time."""

    value: float
    unit: Unit
    stable: bool
    device_id: str
    at: datetime

    @property
    def kg(self) -> float:
        return to_kg(self.value, self.unit)


# Their words are in devices/words.py.
class ReadingProblem(enum.Enum):
    """Why a line or a packet gave no usable reading."""

    GARBAGE = "garbage"  # binary noise, wrong baud rate or wrong protocol
    PARTIAL = "partial"  # a cut-off line (cable pulled, or reading started mid-line)
    WRONG_UNIT = "wrong_unit"  # a unit that is not kg, g or lb
    NEGATIVE = "negative"  # below zero: the scale needs zeroing (tare)
    OVERFLOW = "overflow"  # the scale shows OL / overload
    ABOVE_CAPACITY = "above_capacity"  # more than this kind of device can weigh
    # Bluetooth 0xFFFF: measurement unsuccessful (docs/sources/scales.md#weight-measurement)
    UNSUCCESSFUL = "unsuccessful"


class DeviceStatus(enum.Enum):
    """How the connection to a device stands."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    PORT_NOT_FOUND = "port_not_found"
    PORT_UNAVAILABLE = "port_unavailable"  # in use by another program, or no permission
    BLUETOOTH_UNAVAILABLE = "bluetooth_unavailable"  # no bleak, no adapter, adapter off
    SCALE_NOT_FOUND = "scale_not_found"  # Bluetooth scale off or out of range


Offer = Callable[[ScaleReading], None]
Report = Callable[[DeviceStatus | ReadingProblem], None]


class ReadingSource(Protocol):
    """A device reader: `run` blocks in a worker thread until `stop` is set."""

    device_id: str
    source: MeasurementSource

    def run(self, offer: Offer, report: Report, stop: threading.Event) -> None:
        """Offer each placed weight once, stable, in kg rounded to the device's resolution."""
        ...


class StatusReporter:
    """Reports status changes once, and reading problems only once they persist."""

    def __init__(self, report: Report, *, persist: int = 3) -> None:
        self._report, self._persist = report, persist
        self._last: DeviceStatus | ReadingProblem | None = None
        self._problems = 0

    def status(self, status: DeviceStatus) -> None:
        self._problems = 0
        self._send(status)

    def reading_ok(self) -> None:
        self.status(DeviceStatus.CONNECTED)

    def problem(self, problem: ReadingProblem) -> None:
        # A single cut-off line after plugging in is normal; three in a row is a real problem.
        self._problems += 1
        if self._problems >= self._persist:
            self._send(problem)

    def _send(self, code: DeviceStatus | ReadingProblem) -> None:
        if code != self._last:
            self._last = code
            self._report(code)

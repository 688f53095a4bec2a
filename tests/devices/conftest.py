"""Helpers for device tests: a reader running in a thread, and a fast simulated scale."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from posyandu_desktop.devices import DeviceStatus, ReadingProblem, ReadingSource, ScaleReading
from posyandu_desktop.devices.simulator import SUPPORTED, Timing

# A real scale sends about 10 lines a second; tests run the same script ten times faster.
FAST = Timing(rate_hz=100, empty_s=0.1, settle_s=0.2, hold_s=0.2)

needs_pty = pytest.mark.skipif(not SUPPORTED, reason="the simulated scale needs a POSIX pty")


class Running:
    """A reader's run loop in a thread, recording what it offers and reports."""

    def __init__(self, reader: ReadingSource) -> None:
        self.offers: list[ScaleReading] = []
        self.reports: list[DeviceStatus | ReadingProblem] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=reader.run, args=(self.offers.append, self.reports.append, self.stop)
        )
        self.thread.start()

    @property
    def weights(self) -> list[float]:
        return [r.value for r in self.offers]

    def wait_for(self, condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            assert time.monotonic() < deadline, (self.weights, self.reports)
            time.sleep(0.01)

    def end(self) -> None:
        self.stop.set()
        self.thread.join(5)
        assert not self.thread.is_alive()


@pytest.fixture
def running() -> Iterator[Callable[[ReadingSource], Running]]:
    started: list[Running] = []

    def start(reader: ReadingSource) -> Running:
        started.append(Running(reader))
        return started[-1]

    yield start
    for run in started:  # join workers in teardown, even when a test failed
        run.end()

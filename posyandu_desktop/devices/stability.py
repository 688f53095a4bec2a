"""From a stream of readings to offers: each placed weight once, and only when it is stable."""

from __future__ import annotations

from dataclasses import replace

from posyandu_desktop.devices.readings import ScaleReading


class StableOffer:
    """Decides which readings to offer, by the stable marker or by N equal readings in a row.

    Feed it readings already rounded to the device's resolution, so that 4.876 and 4.877 kg on a
    10 g scale count as equal. A weight is offered once; it is offered again only after the scale
    went back to zero or settled on a different value (a child who moved and settled again on
    the same value is not offered twice).
    """

    def __init__(self, *, equal_needed: int | None) -> None:
        self._equal_needed = equal_needed  # None: trust the device's stable marker
        self._offered: float | None = None
        self._last: float | None = None
        self._equal = 0

    def feed(self, reading: ScaleReading) -> ScaleReading | None:
        """The reading to offer now, or None."""
        if reading.value <= 0:  # empty scale: the next weight is a new one
            self._offered = self._last = None
            self._equal = 0
            return None
        self._equal = self._equal + 1 if reading.value == self._last else 1
        self._last = reading.value
        needed = self._equal_needed
        stable = reading.stable if needed is None else self._equal >= needed
        if not stable or reading.value == self._offered:
            return None
        self._offered = reading.value
        return replace(reading, stable=True)

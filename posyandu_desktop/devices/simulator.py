"""A simulated serial scale on a pseudo-terminal (POSIX only), for tests and demos without hardware.

`scale_lines` writes what an indicator sends as each weight is put on (settling: unstable values
swinging in towards the weight), held (stable), taken off and the scale is empty again;
`PtySimulator` streams those lines on a pty that pyserial opens like a USB-serial cable.
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

SUPPORTED = os.name == "posix"  # os.openpty and termios

FORMATS: dict[str, Callable[[float, bool], str]] = {
    "ad": lambda kg, stable: (
        f"{'ST' if stable else 'US'},GS,{'-' if kg < 0 else '+'}{abs(kg):7.3f}kg"
    ),
    "sics": lambda kg, stable: f"S {'S' if stable else 'D'} {kg:10.3f} kg",
    "ohaus": lambda kg, stable: f"{kg:10.3f} kg{'' if stable else ' ?'}",
    "plain": lambda kg, stable: f"{kg:.3f} kg",
}


@dataclass(frozen=True, slots=True)
class Timing:
    """How fast lines come and how long each phase lasts; indicators send 5-10 lines a second."""

    rate_hz: float = 10.0
    empty_s: float = 1.0
    settle_s: float = 1.5
    hold_s: float = 3.0

    def lines(self, seconds: float) -> int:
        return max(1, round(seconds * self.rate_hz))


def scale_lines(
    weights_kg: Iterable[float], fmt: str = "ad", *, timing: Timing = Timing(), seed: int = 0
) -> Iterator[str]:
    """Lines (without line ends) for each weight in turn, then an empty scale for ever."""
    rng = random.Random(seed)
    line = FORMATS[fmt]
    for kg in weights_kg:
        yield from (line(0.0, True) for _ in range(timing.lines(timing.empty_s)))
        for k in range(timing.lines(timing.settle_s)):
            # Swings shrink but stay at least 0.5 % off and alternate in sign, so no two
            # neighbouring settling values are equal (a scale without a marker would call them
            # stable).
            swing = max(0.15 * 0.7**k, 0.005) * (-1) ** k
            yield line(round(kg * (1 + swing) + rng.uniform(-0.002, 0.002), 3), False)
        yield from (line(kg, True) for _ in range(timing.lines(timing.hold_s)))
        for part in (0.6, 0.2):  # taken off
            yield line(round(kg * part, 3), False)
    while True:
        yield line(0.0, True)


class PtySimulator:
    """Streams lines on a pty; `unplug()` and `plug()` act like pulling and reinserting a cable.

    With `link`, a symlink there points at the current pty, so the port keeps its name across
    replugging, as /dev/ttyUSB0 does.
    """

    def __init__(self, lines: Iterator[str], *, rate_hz: float = 10.0, link: Path | None = None):
        if not SUPPORTED:
            raise OSError("a simulated scale needs a POSIX pty")
        self._lines, self._rate_hz, self._link = lines, rate_hz, link
        self._lock = threading.Lock()
        self._fds: tuple[int, int] | None = None
        self._tty_name = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._stream, name="scale-simulator", daemon=True)

    @property
    def path(self) -> str:
        """The port to open."""
        return str(self._link) if self._link else self._tty_name

    def start(self) -> PtySimulator:
        """Start streaming (on a new pty unless `plug()` already opened one)."""
        if self._fds is None:
            self.plug()
        self._thread.start()
        return self

    def plug(self) -> None:
        """Open a new pty (and point the link at it)."""
        import tty

        master, slave = os.openpty()
        tty.setraw(slave)  # no echo or line editing: bytes pass as a serial line passes them
        os.set_blocking(master, False)  # nobody reading: drop lines instead of blocking
        with self._lock:
            self._fds, self._tty_name = (master, slave), os.ttyname(slave)
        if self._link:
            temporary = self._link.with_name(self._link.name + ".tmp")
            temporary.unlink(missing_ok=True)
            temporary.symlink_to(self._tty_name)
            os.replace(temporary, self._link)

    def unplug(self) -> None:
        """Close the pty: a reader gets an I/O error, as when a cable is pulled."""
        with self._lock:
            fds, self._fds = self._fds, None
        if self._link:
            self._link.unlink(missing_ok=True)
        for fd in fds or ():
            os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self.unplug()

    def __enter__(self) -> PtySimulator:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _stream(self) -> None:
        for line in self._lines:
            if self._stop.wait(1 / self._rate_hz):
                return
            with self._lock:
                if self._fds is None:
                    continue
                with contextlib.suppress(OSError):  # buffer full (no reader) or closed
                    os.write(self._fds[0], line.encode("latin-1") + b"\r\n")

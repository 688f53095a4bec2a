"""Run slow work off the GUI thread: `run(fn, on_done, on_error)`; callbacks run on the GUI thread.

Backups, exports, reports and database start-up go through here, so the window never freezes
(Anki's CollectionOp, Electrum's TaskThread). `fn` gets plain arguments and must not touch widgets.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Task:
    """One background call, known only to the GUI thread (so it is never freed by a worker)."""

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        self.on_done, self.on_error = on_done, on_error


class _Relay(QObject):
    """The one object workers signal: (task number, result or exception, succeeded?).

    Workers hold only the task's number. Were they to hold a QObject per task, the last
    reference could drop on the worker thread, or inside that object's own event delivery, and
    free a GUI-thread object at the wrong moment (a rare crash in the UI tests)."""

    finished = Signal(int, object, bool)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, number: int, value: object, succeeded: bool) -> None:
        task = _running.pop(number, None)
        if task is None:
            return
        if succeeded:
            if task.on_done is not None:
                task.on_done(value)
        elif task.on_error is not None:
            assert isinstance(value, BaseException)
            task.on_error(value)
        else:
            log.error("background task failed", exc_info=value)  # type: ignore[arg-type]


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], number: int) -> None:
        super().__init__()
        self._fn, self._number = fn, number

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # delivered to on_error, never lost in the thread
            log.exception("background task raised")
            _relay().finished.emit(self._number, error, False)
        else:
            _relay().finished.emit(self._number, result, True)


_running: dict[int, Task] = {}  # tasks whose result is not delivered yet, by number
_numbers = itertools.count(1)
_relays: list[_Relay] = []


def _relay() -> _Relay:
    # Made by the first run() on the GUI thread, kept for the life of the process.
    return _relays[0]


def run(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """Call `fn()` on a worker thread; deliver its result or exception on the GUI thread."""
    if not _relays:
        _relays.append(_Relay())
    task = Task(on_done, on_error)
    number = next(_numbers)
    _running[number] = task
    QThreadPool.globalInstance().start(_Runnable(fn, number))
    return task


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every worker is idle (tests, shutdown)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)

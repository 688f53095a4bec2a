"""Run slow work off the GUI thread: `run(fn, on_done, on_error)`; callbacks run on the GUI thread.

Backups, exports, reports and database start-up go through here, so the window never freezes
(Anki's CollectionOp, Electrum's TaskThread). `fn` gets plain arguments and must not touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Task(QObject):
    """One background call; `did_finish` fires on the GUI thread after the callback ran."""

    _succeeded = Signal(object)
    _failed = Signal(object)
    did_finish = Signal()

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._on_done, self._on_error = on_done, on_error
        self._succeeded.connect(self._deliver_result)
        self._failed.connect(self._deliver_error)

    def _deliver_result(self, result: object) -> None:
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            _running.discard(self)
            self.did_finish.emit()

    def _deliver_error(self, error: BaseException) -> None:
        try:
            if self._on_error is not None:
                self._on_error(error)
            else:
                log.error("background task failed", exc_info=error)
        finally:
            _running.discard(self)
            self.did_finish.emit()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], task: Task) -> None:
        super().__init__()
        self._fn, self._task = fn, task

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # delivered to on_error, never lost in the thread
            log.exception("background task raised")
            self._task._failed.emit(error)
        else:
            self._task._succeeded.emit(result)


_running: set[Task] = set()  # keeps Task objects alive until their result is delivered


def run(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """Call `fn()` on a worker thread; deliver its result or exception on the GUI thread."""
    task = Task(on_done, on_error)
    _running.add(task)
    QThreadPool.globalInstance().start(_Runnable(fn, task))
    return task


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every worker is idle (tests, shutdown)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)

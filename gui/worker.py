"""Long work off the GUI thread: a QRunnable per job, its results sent back as signals.

The pattern of Qt's mandelbrot example and napari's ``qthreading``: the job is a plain
function ``fn(progress, cancel)``; :class:`Task` runs it in a thread pool and reports
through :class:`TaskSignals`, which lives in the GUI thread, so slots run there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from factdiff.core.errors import Cancelled

__all__ = ["Job", "Task", "TaskRunner", "TaskSignals"]

log = logging.getLogger(__name__)

#: ``fn(progress, cancel) -> result``; ``progress(done, total, what)``, ``cancel() -> bool``.
Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class TaskSignals(QObject):
    """Signals of one task, emitted from the worker thread, delivered in the GUI thread.

    Signals:
        progress(int, int, str): done, total (0 when unknown) and what is being done.
        finished(object): the job's return value.
        failed(object): the exception the job raised (not emitted for a cancelled job).
        cancelled(): the job stopped because it was cancelled.
        done(): emitted last, whatever the outcome.
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()


class Task(QRunnable):
    """One job in a thread pool; ``cancel()`` asks it to stop at its next check."""

    def __init__(self, fn: Job, name: str = "task") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it until ``done``
        self.fn = fn
        self.name = name
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        sig = self.signals
        try:
            result = self.fn(lambda d, t, w: sig.progress.emit(d, t, w), self._cancel.is_set)
        except Cancelled:
            sig.cancelled.emit()
        except Exception as err:  # noqa: BLE001 - every failure reaches the GUI as a signal
            if self._cancel.is_set():
                sig.cancelled.emit()
            else:
                log.debug("task %s failed", self.name, exc_info=True)
                sig.failed.emit(err)
        else:
            if self._cancel.is_set():
                sig.cancelled.emit()
            else:
                sig.finished.emit(result)
        sig.done.emit()


class TaskRunner(QObject):
    """Starts tasks in a private pool, keeps them alive, and cancels and joins them.

    Signals:
        busyChanged(bool): true while any task runs.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._tasks: set[Task] = set()

    def start(
        self,
        fn: Job,
        *,
        name: str = "task",
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        task = Task(fn, name)
        sig = task.signals
        if on_finished:
            sig.finished.connect(on_finished)
        if on_failed:
            sig.failed.connect(on_failed)
        if on_progress:
            sig.progress.connect(on_progress)
        if on_cancelled:
            sig.cancelled.connect(on_cancelled)
        sig.done.connect(lambda: self._forget(task))
        was_busy = bool(self._tasks)
        self._tasks.add(task)
        if not was_busy:
            self.busyChanged.emit(True)
        self.pool.start(task)
        return task

    def _forget(self, task: Task) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self.busyChanged.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the threads; True if they all stopped."""
        self.cancel_all()
        ok = self.pool.waitForDone(timeout_ms)
        self._tasks.clear()
        return ok

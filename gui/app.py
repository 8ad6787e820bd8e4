"""Start the desktop app: ``main(paths)`` opens the window, then compares ``paths``.

The window is shown before anything heavy is imported; the comparison starts from the
event loop. A global exception hook logs what nothing else caught (to
``<data dir>/factdiff.log``) and shows it in a short message instead of crashing.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from factdiff.core import paths

from . import modelproc

__all__ = ["ErrorReporter", "install_exception_hooks", "main"]

log = logging.getLogger("factdiff")

#: Set to a file path to record start-up milestones (bench/gui_startup.py reads them).
TIMING_ENV = "FACTDIFF_TIMING_FILE"


def _mark(event: str) -> None:
    target = os.environ.get(TIMING_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {time.time():.6f} torch={'torch' in sys.modules}\n")


class ErrorReporter(QObject):
    """Turns uncaught exceptions (from any thread) into a logged traceback and a message.

    Signals:
        reported(str): an exception was caught; the one-line summary (queued to the GUI).
    """

    reported = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False
        self._box: QMessageBox | None = None

    def handle(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
        where: str = "",
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("uncaught exception%s:\n%s", f" in {where}" if where else "", text)
        self.reported.emit(f"{kind.__name__}: {value}")

    @Slot(str)
    def _show(self, summary: str) -> None:
        if self._showing:  # one box at a time; the log has every one
            return
        self._showing = True
        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Unexpected error",
            "Something went wrong, but your work is still open. "
            "Saving the session now is a good idea.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setInformativeText(f"{summary}\n\nDetails are in {log_path()}")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._box = box  # a box without a parent lives as long as Python holds it
        box.open()

    @Slot(int)
    def _closed(self, _result: int) -> None:
        self._showing = False
        self._box = None


def log_path() -> Any:
    return paths.data_dir() / "factdiff.log"


def install_exception_hooks(reporter: ErrorReporter) -> None:
    """Route ``sys.excepthook`` and ``threading.excepthook`` to ``reporter``."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        reporter.handle(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread else "a thread"
            reporter.handle(args.exc_type, args.exc_value, args.exc_traceback, where=name)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def _start_model_process() -> None:
    """Give the app's encoder its model process once the window is up: the one
    :func:`modelproc.start_early` launched before Qt (it has been loading the encoder and
    spaCy while the window was built), or a new one if that failed."""
    from factdiff.core.errors import CompareError

    from .encoding import shared_encoder

    try:
        shared_encoder().start()
    except CompareError:  # the first comparison starts it again and reports the error
        log.warning("could not start the model process early", exc_info=True)


def _shutdown_encoder() -> None:
    """Stop the shared encoder's model process, if the encoder was ever made. Its module
    is not imported before the window is shown: it brings numpy (~0.13 s)."""
    encoding = sys.modules.get(f"{__package__}.encoding")
    if encoding is not None:
        encoding.shutdown_shared_encoder()


def _preload_engine() -> None:
    """Import the engine's pure-Python side (numpy, segmentation, fact rules: ~0.15 s) in the
    GUI thread once the window is painted, before any work starts. Imported by a worker
    instead, their C-level initialisation holds the GIL in chunks of up to ~100 ms and the
    window stutters while the comparison runs. torch is never imported here."""
    import importlib

    for name in ("numpy", "factdiff.core.compare", "factdiff.core.loaders", "pysbd"):
        try:
            importlib.import_module(name)
        except ImportError:  # the worker will report it properly
            log.warning("could not preload %s", name, exc_info=True)
    _mark("engine-ready")


def _bench_probes(app: QApplication, window: Any) -> None:
    """For bench/gui_startup.py: record the worst GUI-thread stall from the moment work
    starts (loading, then comparing) until the seeds are highlighted, and quit when
    ``FACTDIFF_BENCH_QUIT`` (shown / highlighted) is reached."""
    from PySide6.QtCore import QElapsedTimer

    clock = QElapsedTimer()
    clock.start()
    worst = [0]

    def tick() -> None:
        worst[0] = max(worst[0], clock.restart())

    meter = QTimer(app, interval=10)
    meter.timeout.connect(tick)

    def busy(on: bool) -> None:
        if on and not meter.isActive():
            clock.restart()
            meter.start()

    window.runner.busyChanged.connect(busy)

    def finished() -> None:
        meter.stop()
        _mark(f"stall-ms={worst[0]}")
        if os.environ.get("FACTDIFF_BENCH_QUIT") == "highlighted":
            QTimer.singleShot(100, window.close)

    window.comparisonFinished.connect(finished)
    window.comparisonFailed.connect(lambda _m: QTimer.singleShot(100, window.close))
    if os.environ.get("FACTDIFF_BENCH_QUIT") == "shown":
        QTimer.singleShot(0, window.close)


def _setup_logging() -> None:
    handler = logging.FileHandler(log_path(), encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def main(paths_: Sequence[str] = ()) -> int:
    """Open the window, compare ``paths_`` (articles, or one .factdiff session), run."""
    _mark("start")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # First thing, with the standard library alone (one Popen, ~5 ms): launched after the
    # window instead, the seeds were highlighted 0.2-0.3 s later and the window shown no
    # sooner (bench/README, issue 12).
    modelproc.start_early()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("factdiff")
    app.setOrganizationName("factdiff")
    app.setApplicationDisplayName("factdiff")
    _setup_logging()
    reporter = ErrorReporter(app)
    install_exception_hooks(reporter)

    from .mainwindow import MainWindow

    window = MainWindow()
    window.show()
    _mark("shown")
    window.comparisonFinished.connect(lambda: (window.repaint(), _mark("highlighted")))
    app.aboutToQuit.connect(_shutdown_encoder)

    def begin() -> None:
        _mark("event-loop")
        _start_model_process()
        _preload_engine()
        if window.offer_restore():
            return
        if paths_:
            window.open_paths(list(paths_))

    QTimer.singleShot(0, begin)
    if os.environ.get(TIMING_ENV):
        _bench_probes(app, window)
    code = app.exec()
    _shutdown_encoder()
    modelproc.discard_early()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))

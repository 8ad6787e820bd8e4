"""The window with the real engine: the seeds, the model in its own process, a GUI thread
that never stalls, and a window that appears before torch is imported."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QTextCharFormat, QTextCursor

from factdiff.core.model import Status

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [ROOT / "seeds" / "voa.md", ROOT / "seeds" / "cnn.md"]
#: A generous bound for the test; the real figure is printed and is far lower.
MAX_STALL_MS = 250

UNDERLINE = {
    "shared": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "added": QTextCharFormat.UnderlineStyle.DotLine,
    "conflict": QTextCharFormat.UnderlineStyle.DashDotLine,
    "soft": QTextCharFormat.UnderlineStyle.DashDotDotLine,
}


class StallMeter:
    """A 10 ms timer in the GUI thread; the longest gap between ticks is the worst stall."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.worst_ms = 0
        self.ticks = 0

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.worst_ms = max(self.worst_ms, self.clock.restart())
        self.ticks += 1

    def stop(self) -> None:
        self.timer.stop()


@pytest.mark.model
def test_seeds_through_the_real_engine_without_blocking(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Cold: a fresh model process and an empty embedding cache."""
    from factdiff.core.embed import EmbeddingCache
    from factdiff.gui.encoding import ProcessEncoder

    encoder = ProcessEncoder(cache=EmbeddingCache(tmp_path / "emb.sqlite3"))
    try:
        w = make_window(encoder=encoder)
        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        with qtbot.waitSignal(w.comparisonFinished, timeout=180_000):
            w.open_paths(SEEDS)
        meter.stop()
        seconds = time.perf_counter() - started
        print(f"\nseeds compared in {seconds:.1f} s; worst GUI stall {meter.worst_ms} ms "
              f"over {meter.ticks} ticks")
        assert meter.worst_ms < MAX_STALL_MS
        assert "torch" not in sys.modules or encoder.running  # the model lives elsewhere

        view = w.doc.view
        assert [a.outlet for a in view.articles] == ["VOA", "CNN"]
        counts = view.counts()
        assert counts[Status.SHARED] > 0 and counts[Status.ADDED] > 0
        assert counts[Status.CONFLICT] > 0  # "this Friday" vs "on Saturday"
        for side, (k, other) in enumerate(((0, 1), (1, 0))):
            pane = w.panes[side].view
            looks = w._highlights(view, k, other).looks
            for s, look in zip(view.sentences[k], looks, strict=True):
                cur = QTextCursor(pane.document())
                cur.setPosition(pane.qt_range(s.start, s.start)[0] + 1)
                assert cur.charFormat().underlineStyle() in (
                    UNDERLINE[look], QTextCharFormat.UnderlineStyle.WaveUnderline,
                    QTextCharFormat.UnderlineStyle.DashUnderline), (s.text, look)
        # the date conflict of the first sentences is marked word by word
        friday = view.articles[0].text.index("Friday")
        cur = QTextCursor(w.left.view.document())
        cur.setPosition(friday + 1)
        assert cur.charFormat().underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    finally:
        encoder.close()
    assert not encoder.running


def test_window_appears_before_torch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a fresh interpreter: the window is shown, and torch is not imported."""
    code = r"""
import json, os, sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from factdiff.gui.mainwindow import MainWindow
w = MainWindow()
w.show()
app.processEvents()
shown = time.perf_counter() - t0
print(json.dumps({"shown_s": shown, "visible": w.isVisible(),
                  "torch": "torch" in sys.modules,
                  "st": "sentence_transformers" in sys.modules}))
w.shutdown()
"""
    env = {**__import__("os").environ, "FACTDIFF_HOME": str(tmp_path),
           "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nwindow shown {result['shown_s'] * 1000:.0f} ms after the interpreter started")
    assert result["visible"] and not result["torch"] and not result["st"]
    assert result["shown_s"] < 3.0  # generous for CI; bench/gui_startup.py measures

r"""Make the README's screenshots with the real app and engine (run under Xvfb)::

    xvfb-run -s "-screen 0 1600x1000x24" \
        .venv/bin/python -m factdiff.gui.screenshots docs/screenshots

Writes ``seeds.png`` (the two seeds, first conflict selected, its tooltip open),
``seeds-dark.png`` (the same in the dark palette), ``three-articles.png`` (a fictional
three-outlet story from the alignment test data, with the coverage matrix) and
``small-screen.png`` (the same story at 1280 x 720 with 300-character URLs).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolTip

from factdiff.core import paths

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
SIZE = (1560, 960)
SMALL = (1280, 720)


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _compare(window, files: list[str]) -> None:  # type: ignore[no-untyped-def]
    loop = QEventLoop()
    window.comparisonFinished.connect(loop.quit)
    window.comparisonFailed.connect(lambda m: (log.error("comparison failed: %s", m), loop.quit()))
    window.open_paths(files)
    QTimer.singleShot(180_000, loop.quit)
    loop.exec()
    window.comparisonFinished.disconnect(loop.quit)
    _wait(400)


def _grab(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    _wait(300)
    screen = QGuiApplication.primaryScreen()
    geo = window.frameGeometry()
    shot = screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
    if shot.isNull() or shot.width() < 100:  # offscreen: no screen to grab
        shot = window.grab()
    shot.save(str(path))
    sys.stderr.write(f"wrote {path}\n")


def _tooltip_on(window, side: int, sentence: int) -> None:  # type: ignore[no-untyped-def]
    view = window.panes[side].view
    rects = view.sentence_rects(sentence)
    if not rects:
        return
    point = rects[0].bottomLeft().toPoint() + QPoint(40, 6)
    QToolTip.showText(view.viewport().mapToGlobal(point),
                      window.sentence_tooltip(side, sentence), view.viewport())


def _summit_files(folder: Path) -> list[str]:
    story = json.loads((ROOT / "tests" / "data" / "align" / "08_summit.json").read_text("utf-8"))
    titles = ["Vostra and Sarend agree to reopen border after Port Aurel talks",
              "Ryl: 'we chose dialogue over confrontation'",
              "Summit ends border standoff, islands dispute unresolved"]
    files = []
    for n, art in enumerate(story["articles"]):
        path = folder / f"summit-{n + 1}.md"
        body = "\n".join(art["text"])
        path.write_text(
            f"---\noutlet: {art['outlet'].split(' (')[0]}\ntitle: {titles[n]}\n"
            f"date: {art['date']}\n---\n{body}\n",
            encoding="utf-8",
        )
        files.append(str(path))
    return files


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from .encoding import shutdown_shared_encoder
    from .mainwindow import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        # the app as a new user first sees it: none of this machine's saved window state,
        # recent files or caches (the exported model is kept: it takes a while to make)
        os.environ.setdefault("FACTDIFF_MODEL_CACHE", str(paths.model_cache_dir()))
        os.environ["FACTDIFF_HOME"] = str(Path(tmp) / "home")
        window = MainWindow()
        window.set_theme("light", save=False)
        window.resize(*SIZE)
        window.move(0, 0)
        window.show()
        _compare(window, [str(ROOT / "seeds" / "voa.md"), str(ROOT / "seeds" / "cnn.md")])
        window.step_conflict(+1)
        _wait(300)
        _tooltip_on(window, 1, window.right.view.current or 0)
        _grab(window, out / "seeds.png")
        QToolTip.hideText()

        window.set_theme("dark", save=False)
        _wait(300)
        window.step_conflict(+1)
        _grab(window, out / "seeds-dark.png")
        window.set_theme("light", save=False)

        window.new_document()
        _compare(window, _summit_files(Path(tmp)))
        window.coverage_dock.raise_()
        window.choose_article(1, 2)
        window.step_conflict(+1)
        _grab(window, out / "three-articles.png")

        # a small screen and 300-character addresses: everything still fits
        for k in range(len(window.doc.articles)):
            long_url = f"https://news.example.org/{2024 + k}/" + "summit-coverage-" * 17
            window.doc.edit_article(k, url=long_url[:299] + str(k))
        window.facts_dock.raise_()
        window.resize(*SMALL)
        _wait(400)
        _grab(window, out / "small-screen.png")
        window.resize(*SIZE)
        window.doc.reset()
        window.shutdown()
        window.close()
    shutdown_shared_encoder()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

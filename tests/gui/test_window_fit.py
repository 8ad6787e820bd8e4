"""The window fits a small screen whatever the articles are called: long URLs, titles and
file names elide (full text in a tooltip), the legend wraps, the threshold stays in view."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from .conftest import make_comparison

LONG_URL = "https://example.com/" + "/".join(["a-very-long-path-segment"] * 12)
LONG_URL = (LONG_URL + "x" * 300)[:300]


def long_named(n: int = 3):  # type: ignore[no-untyped-def]
    cmp = make_comparison(n)
    arts = tuple(
        dataclasses.replace(
            a,
            url=LONG_URL[:-1] + str(k),
            title="A headline that goes on and on " * 8,
            source="/long/path/" + "f" * 200 + f"{k}.txt",
            outlet="" if k == 2 else a.outlet,  # the third is named by its file name
        )
        for k, a in enumerate(cmp.articles)
    )
    return dataclasses.replace(cmp, articles=arts)


def in_window(window: QWidget, widget: QWidget) -> bool:
    """``widget`` is shown and lies wholly inside the window's client area."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def test_long_urls_fit_1280_by_720(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert len(LONG_URL) == 300
    cmp = long_named()
    window.doc.reset(cmp.articles, comparison=cmp)
    window.choose_article(1, 2)
    hint = window.minimumSizeHint()
    print(f"\nminimum size with 300-character URLs: {hint.width()} x {hint.height()}")
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    for widget in (window.left, window.right, window.right.header.edit, window.statusBar(),
                   window.threshold.slider, window.legend):
        assert in_window(window, widget), widget
    # the long texts are elided, and their tooltips hold them whole
    meta = window.right.header.meta
    assert meta.is_elided() and LONG_URL[:-1] in meta.toolTip()
    title = window.left.header.title
    assert title.is_elided() and "goes on and on" in title.toolTip()
    assert window.right.header.combo.width() < 400
    tip = window.right.header.combo.itemData(2, 3)  # Qt.ToolTipRole
    assert "f" * 200 + "2.txt" in tip
    # the coverage matrix keeps every outlet column on screen
    window.coverage_dock.raise_()
    qtbot.waitUntil(lambda: window.coverage_view.isVisible())
    head = window.coverage_view.horizontalHeader()
    shown = window.coverage_view.viewport().width()
    for col in range(1, window.coverage_model.columnCount()):
        assert head.sectionViewportPosition(col) + head.sectionSize(col) <= shown, col


def test_narrow_window_keeps_slider_and_legend(loaded3, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = loaded3
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    assert in_window(window, window.threshold.slider)
    assert window.threshold.slider.width() >= 100
    for sample in window.legend._samples.values():
        assert in_window(window, sample)
        assert sample.width() >= sample.sizeHint().width()  # a whole word, not "Conflictin"

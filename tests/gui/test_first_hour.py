"""What a new user met in the first hour (issue 9): the threshold's first reading, F8
across pairs, Ctrl+L, confirmed links, default file names and folders."""

from __future__ import annotations

import dataclasses

import pytest

from factdiff.core.model import Settings

from .conftest import make_comparison


def test_threshold_reads_the_settings_before_and_after(window) -> None:  # type: ignore[no-untyped-def]
    assert window.threshold.threshold() == pytest.approx(Settings().threshold)
    assert window.threshold.value.text() == f"{Settings().threshold:.2f}"
    cmp = make_comparison()
    cmp = dataclasses.replace(cmp, settings=dataclasses.replace(cmp.settings, threshold=0.55))
    window.doc.reset(cmp.articles, comparison=cmp)
    assert window.threshold.threshold() == pytest.approx(0.55)
    assert window.threshold.value.text() == "0.55"


def test_details_fold_under_their_fact(loaded) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from factdiff.gui.models import ROW_ROLE, FactsFilter

    w = loaded
    assert w.facts_filter.currentText() == FactsFilter.ALL == "Conflicts and facts"
    rows = w.facts_model.rows()
    details = [r for r in rows if r.kind == "detail"]
    assert details  # "over the river", only Beta Times gives it
    proxy = w.facts_proxy
    top = [proxy.data(proxy.index(n, 0), ROW_ROLE) for n in range(proxy.rowCount())]
    assert all(r.kind != "detail" for r in top)
    assert len(top) == len(rows) - len(details)
    # the detail sits under the shared fact of its link, folded until unfolded
    parent = next(n for n, r in enumerate(top) if r.link == details[0].link)
    under = proxy.index(parent, 0)
    assert proxy.rowCount(under) == 1
    assert proxy.data(proxy.index(0, 3, under), Qt.ItemDataRole.DisplayRole) == "over the river"
    assert not w.facts_view.isExpanded(under)
    assert "1 details" in w.facts_count.text()


def test_confirmed_shows_in_panes_tooltips_and_list(loaded) -> None:  # type: ignore[no-untyped-def]
    from factdiff.core.review import Decision, link_key

    w = loaded
    assert not w.left.view.confirmed and "✓ confirmed" not in w.sentence_tooltip(0, 0)
    w.click_sentence(0, 0)
    w.act_confirm_link.trigger()
    assert w.doc.review.links[link_key((0, 0), (1, 0))] is Decision.CONFIRMED
    # the legend's mark, in both panes (left margin) and in the sentence's tooltip
    assert w.left.view.confirmed == {0} and w.right.view.confirmed == {0}
    assert "✓ confirmed" in w.sentence_tooltip(0, 0)
    assert "✓ confirmed" in w.sentence_tooltip(1, 0)
    assert any(r.decision is Decision.CONFIRMED and w.facts_model._review(r) == "✓ Confirmed"
               for r in w.facts_model.rows())
    # a confirmed conflict marks its sentences and its line of the tooltip
    w.click_sentence(0, 1)
    w.act_confirm_conflict.trigger()
    assert 1 in w.left.view.confirmed and 1 in w.right.view.confirmed
    assert w.sentence_tooltip(0, 1).count("✓ confirmed") == 1
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    assert not w.left.view.confirmed and "✓ confirmed" not in w.sentence_tooltip(0, 0)


def test_ctrl_l_waits_unless_both_sides_were_picked(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from factdiff.core.review import link_key

    w = loaded
    left, right = w.left.view, w.right.view
    click = Qt.MouseButton.LeftButton
    qtbot.mouseClick(right.viewport(), click, pos=right.sentence_point(2))  # B2: no link
    qtbot.mouseClick(left.viewport(), click, pos=left.sentence_point(3))  # A3: no link
    assert (left.current, right.current) == (3, 2)  # B2 is still selected, left over
    w.act_link.trigger()
    assert not w.doc.review.manual  # nothing linked behind the user's back
    assert "Click the sentence in Beta Times" in w.statusBar().currentMessage()
    qtbot.mouseClick(right.viewport(), click, pos=right.sentence_point(1))
    assert set(w.doc.review.manual) == {link_key((0, 3), (1, 1))}
    # a counterpart selected by a click is not "picked" either
    w.doc.undo_stack.undo()
    qtbot.mouseClick(left.viewport(), click, pos=left.sentence_point(0))  # selects B0 too
    assert right.current == 0
    w.act_link.trigger()
    assert w._link_from == (0, 0) and not w.doc.review.manual
    w.cancel_work()


def test_save_and_open_start_in_the_articles_folder(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from factdiff.gui.document import session_name

    folder = tmp_path / "stories"
    folder.mkdir()
    cmp = make_comparison()
    arts = []
    for k, art in enumerate(cmp.articles):
        path = folder / f"{k}.txt"
        path.write_text(art.text, encoding="utf-8")
        arts.append(dataclasses.replace(art, source=str(path)))
    cmp = dataclasses.replace(cmp, articles=tuple(arts))
    window.doc.reset(cmp.articles, comparison=cmp)
    asked = {}

    def fake_save(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        asked["save"] = start
        return "", ""

    def fake_open(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        asked["open"] = start
        return [], ""

    def fake_open_one(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        asked["session"] = start
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_open)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open_one)
    assert not window.save_as()
    assert asked["save"] == str(folder / "Alpha News vs Beta Times.factdiff")
    window.open_articles_dialog()
    assert asked["open"] == str(folder)
    window.open_session_dialog()
    assert asked["session"] == str(folder)
    # nothing loaded from files: the home folder, named after the outlets or titles
    assert session_name([]) == "comparison.factdiff"
    assert session_name(list(make_comparison(3).articles)) == (
        "Alpha News vs Beta Times vs Gamma Post.factdiff")


def test_document_doctests() -> None:
    import doctest

    from factdiff.gui import document

    result = doctest.testmod(document)
    assert result.attempted > 0 and result.failed == 0


def test_only_here_and_extra_detail_look_different() -> None:
    from PySide6.QtGui import QColor

    from factdiff.gui import theme

    def grey(key: str) -> float:
        c = QColor(theme.LOOKS[key].colour)
        return 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()

    added, detail = theme.LOOKS["added"], theme.LOOKS["detail"]
    assert QColor(added.colour).hue() != QColor(detail.colour).hue()
    assert abs(grey("added") - grey("detail")) > 40  # apart in greyscale too
    assert added.underline != detail.underline


def crossing(n: int = 13):  # type: ignore[no-untyped-def]
    """Two articles of ``n`` one-line sentences, sentence i linked to n-1-i: every link
    crosses every other."""
    from factdiff.core.compare import build_groups
    from factdiff.core.model import Comparison, Link, Settings, Status

    from .conftest import article

    a, sa = article([f"The first story says this about topic {i}." for i in range(n)], "Left")
    b, sb = article([f"Topic {n - 1 - i} is what the second story reports." for i in range(n)],
                    "Right")
    links = tuple(Link(a=(0, i), b=(1, n - 1 - i), score=0.8, status=Status.SHARED)
                  for i in range(n))
    return Comparison(articles=(a, b), sentences=(sa, sb), candidates=(), links=links,
                      groups=build_groups((sa, sb), links), settings=Settings())


def test_thirteen_crossing_links_stay_readable(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    from factdiff.gui import theme

    cmp = crossing()
    window.resize(1280, 720)
    window.doc.reset(cmp.articles, comparison=cmp)
    con = window.connector
    qtbot.waitUntil(lambda: len(con.links) == 13)
    assert con.width() >= 90
    # the links start where the left text ends: its scroll bar is on its outer side
    view = window.left.view
    text_edge = view.viewport().mapToGlobal(QPoint(view.viewport().width(), 0)).x()
    assert abs(con.mapToGlobal(QPoint(0, 0)).x() - text_edge) <= 3
    # each link has a bar at both edges over its own sentence, apart from its neighbours'
    bars = [con.end_rects(lk) for lk in con.links]
    assert all(b is not None for b in bars)
    lefts = sorted((b[0] for b in bars), key=lambda r: r.top())  # type: ignore[index]
    assert all(x.bottom() < y.top() for x, y in zip(lefts, lefts[1:], strict=False))
    image = con.grab().toImage()
    colour = theme.line_colour("shared", dark=theme.is_dark())
    for left_bar, right_bar in bars:  # type: ignore[misc]
        for bar in (left_bar, right_bar):
            pixel = image.pixelColor(bar.center().toPoint())
            assert max(abs(pixel.red() - colour.red()), abs(pixel.green() - colour.green()),
                       abs(pixel.blue() - colour.blue())) < 40, (bar, pixel.name())
    # when the text overflows, the left pane's scroll bar shows on the outer side
    window.resize(1280, 420)
    qtbot.waitUntil(lambda: window.left.scrollbar.isVisible())
    bar_x = window.left.scrollbar.mapToGlobal(QPoint(0, 0)).x()
    assert bar_x < view.mapToGlobal(QPoint(0, 0)).x()
    window.left.scrollbar.setValue(window.left.scrollbar.maximum())
    assert view.verticalScrollBar().value() == view.verticalScrollBar().maximum() > 0


def test_long_names_in_the_list_have_their_whole_name_in_a_tooltip(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    cmp = make_comparison()
    long_name = "The Very Long Name Of A Regional Evening Newspaper And Its Website"
    cmp = dataclasses.replace(
        cmp, articles=(dataclasses.replace(cmp.articles[0], outlet=long_name), cmp.articles[1]))
    window.doc.reset(cmp.articles, comparison=cmp)
    proxy = window.facts_proxy
    tip = proxy.data(proxy.index(0, window.facts_model.WHERE), Qt.ItemDataRole.ToolTipRole)
    assert long_name in tip


def test_tooltip_quotes_a_sentence_once(loaded) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.models import in_quotes

    # a plain sentence gets quotation marks; a quoted remark keeps its own, not doubled
    tip = loaded.sentence_tooltip(0, 0)
    assert "<i>“On Monday the mayor opened the new bridge over the river.”</i>" in tip
    assert in_quotes("“We reject his visit.”") == "“We reject his visit.”"
    assert in_quotes('"Stop lying!" she said.') == '"Stop lying!" she said.'

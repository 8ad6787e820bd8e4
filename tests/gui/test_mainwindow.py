"""The main window on a hand-built comparison: highlights, clicks, lists, review, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMessageBox

from factdiff.core.model import Status
from factdiff.core.review import Decision, link_key
from factdiff.gui.models import FactsFilter

from .conftest import WAIT_MS, make_comparison

U = QTextCharFormat.UnderlineStyle


def char_format(view, pos: int) -> QTextCharFormat:  # type: ignore[no-untyped-def]
    """The format of the character at python offset ``pos`` of a pane."""
    cur = QTextCursor(view.document())
    cur.setPosition(view.qt_range(pos, pos)[0] + 1)
    return cur.charFormat()


def mid(sentence) -> int:  # type: ignore[no-untyped-def]
    return (sentence.start + sentence.end) // 2


def test_highlights_follow_statuses(loaded) -> None:  # type: ignore[no-untyped-def]
    view = loaded.doc.view
    expected = {
        Status.SHARED: U.SingleUnderline,
        Status.ADDED: U.DotLine,
        Status.CONFLICT: U.DashDotLine,
    }
    for side, art in ((0, 0), (1, 1)):
        pane = loaded.panes[side].view
        statuses = view.statuses(art, among=[1 - art])
        assert len(pane.sentences) == len(statuses) == 4
        for s, st in zip(view.sentences[art], statuses, strict=True):
            pos = s.start if st is not Status.CONFLICT else s.start + 1  # off the number
            fmt = char_format(pane, pos)
            assert fmt.underlineStyle() == expected[st], (art, s.text, st)
            assert fmt.background().color().alpha() > 0
    # the conflicting words: bold with a wave; the detail only B gives: dashed
    a_text = view.articles[0].text
    fmt = char_format(loaded.left.view, a_text.index("500"))
    assert fmt.fontWeight() >= 700 and fmt.underlineStyle() == U.WaveUnderline
    b_text = view.articles[1].text
    fmt = char_format(loaded.right.view, b_text.index("over the river"))
    assert fmt.underlineStyle() == U.DashUnderline
    # status differs by underline, so greyscale readers can tell them apart
    assert len(set(expected.values())) == 3


def test_legend_and_counts(loaded) -> None:  # type: ignore[no-untyped-def]
    text = loaded.legend.counts_text()
    assert "Alpha News: 2 shared, 1 only here, 1 conflicting" in text
    assert "Beta Times: 2 shared, 1 only here, 1 conflicting" in text
    assert loaded.counts_label.text() == "2 articles · 3 links · 1 conflict · threshold 0.40"


def test_counts_tell_the_pair_on_screen_from_all_pairs(loaded3) -> None:  # type: ignore[no-untyped-def]
    w = loaded3
    view = w.doc.view
    pair = view.pair_links(*w.doc.pair)
    assert 0 < len(pair) < len(view.links)
    assert sum(len(lk.conflicts) for lk in pair) == 1
    n_all = sum(len(lk.conflicts) for lk in view.links)
    assert n_all > 1
    assert (
        f"this pair: {len(pair)} links, 1 conflict · "
        f"all pairs: {len(view.links)} links, {n_all} conflicts"
    ) in w.counts_label.text()


def test_click_selects_counterpart_and_scrolls(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    left = loaded.left.view
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=left.sentence_point(2))
    assert loaded.left.view.current == 2
    assert loaded.right.view.current == 3  # A2 <-> B3
    assert loaded.current_link().key == link_key((0, 2), (1, 3))
    selected = [lk for lk in loaded.connector.links if lk.selected]
    assert [(lk.left, lk.right) for lk in selected] == [(2, 3)]
    # the list follows the panes
    row = loaded.facts_view.currentIndex()
    fact = loaded.facts_proxy.data(row, Qt.ItemDataRole.UserRole + 1)
    assert fact.link == link_key((0, 2), (1, 3))


def test_connectors_one_per_link(loaded) -> None:  # type: ignore[no-untyped-def]
    kinds = sorted((lk.left, lk.right, lk.kind) for lk in loaded.connector.links)
    assert kinds == [(0, 0, "shared"), (1, 1, "conflict"), (2, 3, "shared")]


def test_tooltip_names_counterpart_score_and_conflict(loaded) -> None:  # type: ignore[no-untyped-def]
    tip = loaded.sentence_tooltip(0, 1)
    assert "Beta Times" in tip and "0.80" in tip
    assert "Around 800 people came" in tip
    assert "Alpha News says 500 people, Beta Times says 800" in tip
    assert "Only" in loaded.sentence_tooltip(0, 3)


def test_click_to_link_by_hand_and_undo(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, right = loaded.left.view, loaded.right.view
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=left.sentence_point(3))
    assert loaded.current_link() is None  # A3 is only in Alpha
    loaded.act_link.trigger()  # waits for a click in the other pane
    qtbot.mouseClick(right.viewport(), Qt.MouseButton.LeftButton, pos=right.sentence_point(2))
    key = link_key((0, 3), (1, 2))
    assert key in loaded.doc.review.manual
    made = [lk for lk in loaded.doc.view.links if lk.key == key]
    assert made and made[0].manual
    assert any(c.manual for c in loaded.connector.links)
    assert loaded.doc.view.status((0, 3)) is not Status.ADDED
    loaded.doc.undo_stack.undo()
    assert key not in loaded.doc.review.manual
    assert loaded.doc.view.status((0, 3)) is Status.ADDED


def test_ctrl_click_then_link_selected(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, right = loaded.left.view, loaded.right.view
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=left.sentence_point(3))
    qtbot.mouseClick(right.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=right.sentence_point(2))
    assert (left.current, right.current) == (3, 2)
    loaded.link_by_hand()
    assert link_key((0, 3), (1, 2)) in loaded.doc.review.manual


def test_review_decisions_with_undo_redo(loaded) -> None:  # type: ignore[no-untyped-def]
    doc = loaded.doc
    loaded.click_sentence(0, 0)
    key = link_key((0, 0), (1, 0))
    loaded.act_confirm_link.trigger()
    assert doc.review.links[key] is Decision.CONFIRMED
    assert any(lk.confirmed for lk in loaded.connector.links)
    assert doc.modified and loaded.isWindowModified()
    loaded.act_reject_link.trigger()
    assert doc.review.links[key] is Decision.REJECTED
    assert key not in {lk.key for lk in doc.view.links}
    assert doc.view.status((0, 0)) is Status.ADDED
    # the rejected link stays in the list, struck through, so it can be taken back
    rows = [r for r in loaded.facts_model.rows() if r.link == key and r.kind == "shared"]
    assert rows and rows[0].rejected
    doc.undo_stack.undo()
    assert doc.review.links[key] is Decision.CONFIRMED
    doc.undo_stack.undo()
    assert key not in doc.review.links
    assert not doc.modified
    doc.undo_stack.redo()
    assert doc.review.links[key] is Decision.CONFIRMED


def test_conflict_decisions(loaded) -> None:  # type: ignore[no-untyped-def]
    doc = loaded.doc
    loaded.step_conflict(+1)
    assert (loaded.left.view.current, loaded.right.view.current) == (1, 1)
    loaded.act_reject_conflict.trigger()
    assert doc.view.status((0, 1)) is Status.SHARED  # no conflict left on that link
    assert not [c for c in loaded.connector.links if c.kind == "conflict"]
    doc.undo_stack.undo()
    assert doc.view.status((0, 1)) is Status.CONFLICT
    loaded.act_confirm_conflict.trigger()
    assert list(doc.review.conflicts.values()) == [Decision.CONFIRMED]
    assert doc.view.status((0, 1)) is Status.CONFLICT


def test_note_shows_in_tooltip_and_undoes(loaded) -> None:  # type: ignore[no-untyped-def]
    loaded.doc.set_note((0, 2), "check the budget figure")
    assert "check the budget figure" in loaded.sentence_tooltip(0, 2)
    assert 2 in loaded.connector.notes_left
    loaded.doc.undo_stack.undo()
    assert "budget figure" not in loaded.sentence_tooltip(0, 2)


def test_next_previous_conflict_walks_every_pair(loaded3) -> None:  # type: ignore[no-untyped-def]
    """Alpha-Beta and Beta-Gamma disagree (500 vs 800); F8 goes through both, switching
    the pair shown, and wraps; Shift+F8 walks back."""
    w = loaded3
    assert w.doc.pair == (0, 1)
    w.step_conflict(+1)
    first = w._cur_conflict
    assert w.doc.pair == (0, 1) and (w.left.view.current, w.right.view.current) == (1, 1)
    assert "Conflict 1 of 2 (Alpha News ↔ Beta Times)" in w.statusBar().currentMessage()
    w.step_conflict(+1)  # the other pair's conflict: the panes switch to Beta and Gamma
    assert set(w.doc.pair) == {1, 2} and w._cur_conflict != first
    assert "Conflict 2 of 2 (Beta Times ↔ Gamma Post)" in w.statusBar().currentMessage()
    w.step_conflict(+1)
    assert w._cur_conflict == first and set(w.doc.pair) == {0, 1}
    assert "Wrapped" in w.statusBar().currentMessage()
    w.step_conflict(-1)
    assert set(w.doc.pair) == {1, 2}
    # from a pair without conflicts, F8 goes to the first conflict of all
    w.doc.set_pair(0, 2)  # Alpha and Gamma agree
    w.step_conflict(+1)
    assert w._cur_conflict == first


def test_no_conflicts_at_all(loaded) -> None:  # type: ignore[no-untyped-def]
    w = loaded
    key = w._all_conflicts()[0][1]
    w.doc.decide_conflict(key, Decision.REJECTED)
    w.step_conflict(+1)
    assert w._cur_conflict is None
    assert "No conflicts" in w.statusBar().currentMessage()


def test_facts_list_filters_and_navigates(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    proxy = loaded.facts_proxy
    loaded.facts_filter.setCurrentText("Conflicts")
    assert proxy.rowCount() == 1
    loaded.facts_filter.setCurrentText("Added facts")
    kinds = {proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole + 3)
             for r in range(proxy.rowCount())}
    # A3, B2, and the detail "over the river" under the shared fact it belongs to
    assert kinds == {"added", "shared"}
    assert proxy.rowCount() == 3
    shared = next(proxy.index(r, 0) for r in range(proxy.rowCount())
                  if proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole + 3) == "shared")
    assert proxy.rowCount(shared) == 1
    assert proxy.data(proxy.index(0, 0, shared), Qt.ItemDataRole.UserRole + 3) == "detail"
    loaded.facts_filter.setCurrentText(FactsFilter.ALL)
    loaded.facts_search.setText("budget")
    assert proxy.rowCount() == 1
    loaded.facts_view.setCurrentIndex(proxy.index(0, 0))
    assert loaded.right.view.current == 2  # B2 is about the budget
    loaded.facts_search.clear()
    # sorting by score keeps the model consistent
    loaded.facts_view.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    top = proxy.data(proxy.index(0, 6), Qt.ItemDataRole.DisplayRole)
    assert top == "0.95"


def test_models_pass_modeltester(loaded3, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    w = loaded3
    qtmodeltester.check(w.facts_model)
    qtmodeltester.check(w.facts_proxy)
    qtmodeltester.check(w.coverage_model)
    qtmodeltester.check(w.articles_model)
    w.facts_scope.setCurrentIndex(1)  # all articles
    qtmodeltester.check(w.facts_model)


def test_coverage_matrix_three_outlets(loaded3) -> None:  # type: ignore[no-untyped-def]
    m = loaded3.coverage_model
    assert m.columnCount() == 4
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 4)] == [
        "Alpha News", "Beta Times", "Gamma Post"]
    cells = {m.data(m.index(0, 0)): [m.data(m.index(0, c), Qt.ItemDataRole.UserRole + 3)
                                     for c in (1, 2, 3)]}
    assert list(cells.values())[0] == ["shared", "shared", "shared"]
    rows = {m.data(m.index(r, 0)): [m.data(m.index(r, c), Qt.ItemDataRole.UserRole + 3)
                                    for c in (1, 2, 3)] for r in range(m.rowCount())}
    assert rows["About 500 people attended the ceremony."] == ["conflict", "conflict", "conflict"]
    assert rows["Local shops stayed open late."] == ["added", "", ""]
    assert rows["Traffic was diverted for the day."] == ["", "", "added"]


def test_pick_pair_with_three_articles(loaded3) -> None:  # type: ignore[no-untyped-def]
    w = loaded3
    w.choose_article(1, 2)  # right pane: Gamma
    assert w.doc.pair == (0, 2)
    assert w.right.header.combo.currentIndex() == 2
    assert w.right.view.text == w.doc.articles[2].text
    w.choose_article(0, 2)  # the same article on the left: the sides swap
    assert w.doc.pair == (2, 0)
    # navigating to a row of another pair switches the panes
    w.facts_scope.setCurrentIndex(1)
    row = next(r for r in w.facts_model.rows() if r.conflict and {r.a[0], r.b[0]} == {1, 2})
    w.go_to_row(row)
    assert set(w.doc.pair) == {1, 2}


def test_threshold_reclassifies_without_encoding(loaded, qtbot, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    before = len(loaded.doc.comparison.links)
    with qtbot.waitSignal(loaded.comparisonFinished, timeout=WAIT_MS):
        loaded.threshold.slider.setValue(88)
    assert loaded.doc.comparison.settings.threshold == pytest.approx(0.88)
    after = len(loaded.doc.comparison.links)
    assert after < before
    with qtbot.waitSignal(loaded.comparisonFinished, timeout=WAIT_MS):
        loaded.threshold.slider.setValue(40)
    assert len(loaded.doc.comparison.links) > after
    assert fake_encoder.calls == 0


def test_compare_through_window_with_fake_encoder(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import A_LINES, B_LINES

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(A_LINES), encoding="utf-8")
    b.write_text("\n".join(B_LINES), encoding="utf-8")
    with qtbot.waitSignal(window.comparisonFinished, timeout=WAIT_MS):
        window.open_paths([a, b])
    assert window.doc.view is not None and len(window.doc.articles) == 2
    assert window.left.view.sentences and window.right.view.sentences
    assert any(lk.kind for lk in window.connector.links)
    assert str(a.resolve()) in window.recent()


def test_bad_files_give_short_messages(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    with qtbot.waitSignal(window.messageShown, timeout=WAIT_MS) as sig:
        window.open_paths([missing, empty, broken])
    box = window._last_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    details = box.detailedText()
    for f in (missing, empty, broken):
        assert f.name in details
    assert "3 articles were not added" in sig.args[0]
    assert all(len(line) < 200 for line in details.splitlines())
    assert window.doc.articles == ()
    box.close()


def test_one_bad_file_names_it(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.messageShown, timeout=WAIT_MS) as sig:
        window.open_paths([tmp_path / "nope.txt"])
    assert sig.args[0].startswith(str(tmp_path / "nope.txt"))


def test_paste_and_drop_add_articles(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from .conftest import A_LINES, B_LINES

    QGuiApplication.clipboard().setText("\n".join(A_LINES))
    with qtbot.waitSignal(window.loadFinished, timeout=WAIT_MS):
        window.paste_article()
    assert len(window.doc.articles) == 1
    mime = QMimeData()
    mime.setText("\n".join(B_LINES))
    with qtbot.waitSignal(window.comparisonFinished, timeout=WAIT_MS):
        window.load_mime(mime, source="dropped text")
    assert len(window.doc.articles) == 2
    assert window.doc.articles[1].source == "dropped text"


def test_edit_article_details_undoable(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = loaded.articles_model
    qtbot.waitUntil(lambda: not loaded.runner.busy, timeout=WAIT_MS)
    assert model.setData(model.index(0, 0), "Alpha Daily")
    assert loaded.doc.articles[0].outlet == "Alpha Daily"
    assert loaded.left.header.combo.currentText().endswith("Alpha Daily")
    assert not model.setData(model.index(0, 2), "not a date at all")
    assert model.setData(model.index(0, 2), "2024-05-06")
    assert str(loaded.doc.articles[0].date) == "2024-05-06"
    loaded.doc.undo_stack.undo()
    loaded.doc.undo_stack.undo()
    assert loaded.doc.articles[0].outlet == "Alpha News"
    qtbot.waitUntil(lambda: not loaded.runner.busy, timeout=WAIT_MS)


def test_cancel_stops_the_comparison(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from .conftest import FakeEncoder

    slow = FakeEncoder(hold=True)  # runs until cancelled
    w = make_window(encoder=slow)
    cmp = make_comparison()
    w.doc.add_articles(cmp.articles)
    assert w.runner.busy and w.progress.isVisible()
    w.progress.cancel.click()
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=WAIT_MS)
    assert w.doc.comparison is None
    assert not w.progress.isVisible()
    assert "Cancelled" in w.statusBar().currentMessage()


def test_zoom_and_geometry_remembered(make_window, settings_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    size = w.left.view.font().pointSizeF()
    w.act_zoom_in.trigger()
    w.act_zoom_in.trigger()
    assert w.left.view.font().pointSizeF() == size + 2
    w.resize(760, 560)
    size_before = w.size()
    w.shutdown()
    w2 = make_window()
    assert w2.left.view.font().pointSizeF() == size + 2
    assert w2.size() == size_before


def test_dark_palette_keeps_highlights_readable(loaded) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui import theme

    loaded.set_theme("dark")
    try:
        assert theme.is_dark()
        fmt = char_format(loaded.left.view, 0)
        assert fmt.underlineStyle() == U.SingleUnderline
        assert fmt.background().color().alpha() < 128  # a tint, the text stays readable
    finally:
        loaded.set_theme("light")


def test_export_action_is_lazy(loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys
    import types

    seen = []
    fake = types.ModuleType("factdiff.gui.export")
    fake.export_dialog = lambda parent, session: seen.append(session)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "factdiff.gui.export", fake)
    import factdiff.gui

    monkeypatch.setattr(factdiff.gui, "export", fake, raising=False)
    loaded.act_export.trigger()
    assert len(seen) == 1 and seen[0].comparison is not None


def test_find_marks_both_panes(loaded) -> None:  # type: ignore[no-untyped-def]
    loaded.find_bar.open_bar()
    loaded.find("bridge", False)
    assert len(loaded.left.view.extraSelections()) == 2
    assert len(loaded.right.view.extraSelections()) == 2
    assert "4 match" in loaded.find_bar.count.text()
    loaded.find_bar.close_bar()
    assert not loaded.left.view.extraSelections()


def test_exception_hook_logs_and_shows(qtbot, factdiff_home: Path) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.app import ErrorReporter

    reporter = ErrorReporter()
    with qtbot.waitSignal(reporter.reported, timeout=WAIT_MS) as sig:
        try:
            raise RuntimeError("boom")
        except RuntimeError as err:
            reporter.handle(type(err), err, err.__traceback__)
    assert sig.args == ["RuntimeError: boom"]
    qtbot.waitUntil(lambda: reporter._showing, timeout=WAIT_MS)
    from PySide6.QtWidgets import QApplication

    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "RuntimeError: boom" in boxes[-1].informativeText()
    for box in boxes:
        box.close()


def test_esc_cancels_linking_by_hand(loaded) -> None:  # type: ignore[no-untyped-def]
    loaded.click_sentence(0, 3)
    loaded.act_link.trigger()
    assert loaded._link_from == (0, 3)
    loaded.act_cancel.trigger()
    assert loaded._link_from is None
    loaded.click_sentence(1, 2)  # an ordinary click again: no link made
    assert not loaded.doc.review.manual


def test_removing_an_article_remaps_the_review(loaded3, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = loaded3.doc
    doc.set_note((2, 1), "Gamma note")
    doc.set_note((1, 0), "Beta note")
    doc.decide_link(link_key((0, 0), (2, 0)), Decision.CONFIRMED)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    loaded3.articles_view.selectRow(1)
    loaded3.remove_selected_article()  # Beta goes; Gamma becomes article 1
    assert [a.outlet for a in doc.articles] == ["Alpha News", "Gamma Post"]
    assert dict(doc.review.notes) == {(1, 1): "Gamma note"}
    assert doc.review.links == {link_key((0, 0), (1, 0)): Decision.CONFIRMED}
    assert doc.pair == (0, 1)
    assert not doc.undo_stack.canUndo()


def test_highlights_land_exactly_after_emoji(window) -> None:  # type: ignore[no-untyped-def]
    """Qt counts UTF-16 units, Python code points: spans after an emoji must still fit."""
    from factdiff.core.compare import build_groups
    from factdiff.core.model import Comparison, Link
    from factdiff.gui.panes import Offsets

    from .conftest import article

    a, sa = article(["Fans 👨‍👩‍👧 cheered 🎉 loudly.", "The mayor spoke."], "A")
    b, sb = article(["The mayor spoke.", "Rain fell 🌧 all day."], "B")
    links = [Link(a=(0, 1), b=(1, 0), score=0.9, status=Status.SHARED)]
    cmp = Comparison((a, b), (sa, sb), (), tuple(links), build_groups((sa, sb), links))
    window.doc.reset(cmp.articles, comparison=cmp)
    pane = window.left.view
    s = sa[1]
    cur = QTextCursor(pane.document())
    cur.setPosition(pane.qt_range(s.start, s.start)[0])
    cur.setPosition(pane.qt_range(s.end, s.end)[0], QTextCursor.MoveMode.KeepAnchor)
    assert cur.selectedText() == "The mayor spoke."
    assert char_format(pane, s.start).underlineStyle() == U.SingleUnderline
    assert char_format(pane, sa[0].end - 3).underlineStyle() == U.DotLine
    off = Offsets(a.text)
    assert all(off.py(off.qt(i)) == i for i in range(len(a.text) + 1))


def test_article_metadata_is_never_markup(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Titles, sources and outlets come from untrusted files: shown literally, not as HTML."""
    from dataclasses import replace

    from factdiff.core.compare import build_groups

    cmp = make_comparison()
    hostile = replace(
        cmp.articles[0],
        title="<b>Breaking</b> <img src='file:///etc/passwd'>",
        source="/tmp/<i>x</i>.html",
    )
    cmp = replace(cmp, articles=(hostile, *cmp.articles[1:]))
    cmp = replace(cmp, groups=build_groups(cmp.sentences, cmp.links))
    window.doc.reset(cmp.articles, comparison=cmp)
    header = window.left.header
    assert header.title.textFormat() == Qt.TextFormat.PlainText
    assert header.title.text().startswith("<b>Breaking</b>")
    tip = header.meta.toolTip()
    assert "<i>" not in tip and "&lt;i&gt;" in tip
    model = window.articles_model
    source_tip = model.data(model.index(0, model.SOURCE), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;x&lt;/i&gt;" in source_tip
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)


def test_pane_says_when_an_article_is_not_in_english(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from factdiff.core import loaders

    cmp = make_comparison()
    french = (
        "Le conseil municipal a approuvé lundi la construction du nouveau pont sur la "
        "rivière. Le maire a déclaré que les travaux commenceront en mai et coûteront douze "
        "millions d'euros. Selon lui, on attend depuis des années une solution."
    )
    window.doc.reset(cmp.articles, comparison=cmp)
    assert window.left.header.language.isHidden() and window.right.header.language.isHidden()
    other = loaders.load_text(french, outlet="Le Journal")
    arts = (cmp.articles[0], other)
    window.doc.reset(arts)
    left, right = window.left.header.language, window.right.header.language
    assert left.isHidden()
    assert not right.isHidden() and "does not look like English" in right.text()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)

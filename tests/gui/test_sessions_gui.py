"""Sessions from the window: save, reopen without recomputing, dirty marker, autosave."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from factdiff.core.review import Decision, link_key

from .conftest import WAIT_MS, make_comparison


def test_save_and_reopen_keeps_decisions(loaded, make_window, tmp_path: Path,
                                         fake_encoder) -> None:  # type: ignore[no-untyped-def]
    key = link_key((0, 0), (1, 0))
    loaded.doc.decide_link(key, Decision.CONFIRMED)
    loaded.doc.set_note((1, 2), "ask the desk")
    assert loaded.isWindowModified()
    path = tmp_path / "review.factdiff"
    assert loaded.save_to(path)
    assert not loaded.isWindowModified() and not loaded.doc.modified
    assert loaded.windowTitle().startswith("review.factdiff")

    other = make_window()
    assert other.open_session(path)
    assert other.doc.review.links[key] is Decision.CONFIRMED
    assert other.doc.review.notes[(1, 2)] == "ask the desk"
    assert other.doc.view is not None and not other.runner.busy  # nothing recomputed
    assert fake_encoder.calls == 0
    assert str(path.resolve()) in other.recent()


def test_failed_save_keeps_the_old_file_and_says_why(loaded, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "review.factdiff"
    assert loaded.save_to(path)
    before = path.read_bytes()
    loaded.doc.decide_link(link_key((0, 0), (1, 0)), Decision.REJECTED)
    with qtbot.waitSignal(loaded.messageShown, timeout=WAIT_MS) as sig:
        assert not loaded.save_to(tmp_path / "no-such-dir" / "x.factdiff")
    assert "x.factdiff" in sig.args[0]
    assert path.read_bytes() == before
    assert loaded.doc.modified


def test_bad_session_file_message(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.factdiff"
    bad.write_text('{"format": "factdiff.session", "version": 1, "articles": [', "utf-8")
    with qtbot.waitSignal(window.messageShown, timeout=WAIT_MS) as sig:
        assert not window.open_session(bad)
    assert sig.args[0].startswith("broken.factdiff:")
    assert window.doc.articles == ()


def test_autosave_then_restore_after_a_crash(loaded, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from factdiff.core.session import autosave_path, pending_autosave

    key = link_key((0, 1), (1, 1))
    loaded.doc.decide_link(key, Decision.REJECTED)
    loaded.autosave()
    assert pending_autosave() == autosave_path()
    # a new start finds it and offers to restore
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    fresh = make_window()
    assert fresh.offer_restore()
    assert fresh.doc.review.links[key] is Decision.REJECTED
    assert fresh.doc.modified  # restored work is unsaved work
    assert pending_autosave() is None


def test_clean_close_removes_the_autosave(make_window) -> None:  # type: ignore[no-untyped-def]
    from factdiff.core.session import pending_autosave

    w = make_window()
    cmp = make_comparison()
    w.doc.reset(cmp.articles, comparison=cmp)
    w.doc.set_note((0, 0), "x")
    w.autosave()
    assert pending_autosave() is not None
    w.doc.undo_stack.undo()  # nothing unsaved any more: closing does not ask
    w.close()
    assert pending_autosave() is None


def test_close_with_unsaved_work_asks(loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    loaded.doc.set_note((0, 0), "unsaved")
    assert loaded.windowTitle().endswith("[*] — factdiff") or loaded.isWindowModified()
    assert not loaded.close()  # cancelled
    assert asked and "not saved" in asked[0]
    assert loaded.isVisible()

"""The open document: articles, the engine's comparison, the reviewer's decisions.

:class:`Document` is what a session saves and what every view reads. The engine's result
(``comparison``) and the reviewer's decisions (``review``) are kept apart;
:attr:`Document.view` is the two combined, as the reviewer sees them. Review decisions and
article metadata edits go through a :class:`QUndoStack` whose commands swap immutable
values, so undo is exact.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from factdiff.core.model import Article, Comparison, Ref, Settings
from factdiff.core.review import (
    ConflictKey,
    Decision,
    LinkKey,
    Review,
    apply_review,
    link_key,
)
from factdiff.core.session import Session, needs_recompute

__all__ = ["Document", "articles_folder", "remap_review", "session_name"]

#: Characters a file name cannot hold on some system (Windows is the strictest).
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def articles_folder(articles: Sequence[Article]) -> Path | None:
    """The folder of the first article that was loaded from a file that still exists."""
    for art in articles:
        if not art.source or "://" in art.source:
            continue
        try:
            path = Path(art.source).expanduser().resolve()
        except (OSError, RuntimeError, ValueError):
            continue
        if path.is_file():
            return path.parent
    return None


def session_name(articles: Sequence[Article], *, suffix: str = ".factdiff") -> str:
    """A file name made from the outlets (else titles, else file names), e.g.
    ``VOA vs CNN.factdiff``; at most three are named.

    >>> session_name([Article("x", outlet="VOA"), Article("y", title="Balloon: the facts")])
    'VOA vs Balloon the facts.factdiff'
    """

    def name(art: Article) -> str:
        raw = art.outlet or art.title or (Path(art.source).stem if art.source else "")
        words = _NOT_IN_NAMES.sub(" ", raw).split()
        return " ".join(words[:6])

    names = [n for n in (name(a) for a in articles[:3]) if n]
    stem = " vs ".join(names) + (" and others" if len(articles) > 3 else "")
    stem = stem[:100].strip(" .") or "comparison"
    return stem + suffix


def remap_review(review: Review, removed: int) -> Review:
    """``review`` after article ``removed`` is dropped: its decisions go, later indices shift."""

    def ref(r: Ref) -> Ref | None:
        if r[0] == removed:
            return None
        return (r[0] - 1, r[1]) if r[0] > removed else r

    def key(k: LinkKey) -> LinkKey | None:
        a, b = ref(k[0]), ref(k[1])
        return None if a is None or b is None else link_key(a, b)

    links = {nk: d for k, d in review.links.items() if (nk := key(k)) is not None}
    conflicts = {}
    for (lk, kind, a_start, b_start), d in review.conflicts.items():
        nk = key(lk)
        if nk is not None:
            conflicts[(nk, kind, a_start, b_start)] = d
    manual = tuple(nk for k in review.manual if (nk := key(k)) is not None)
    notes = {nr: t for r, t in review.notes.items() if (nr := ref(r)) is not None}
    return Review(links=links, conflicts=conflicts, manual=manual, notes=notes)


class _ReviewCommand(QUndoCommand):
    """Swaps the document's review between two immutable values."""

    def __init__(self, doc: Document, before: Review, after: Review, text: str) -> None:
        super().__init__(text)
        self._doc, self._before, self._after = doc, before, after

    def redo(self) -> None:
        self._doc._set_review(self._after)

    def undo(self) -> None:
        self._doc._set_review(self._before)


class _ArticleCommand(QUndoCommand):
    """Swaps one article's metadata (outlet, title, date, url)."""

    def __init__(self, doc: Document, index: int, before: Article, after: Article) -> None:
        super().__init__(f"Edit details of {after.label}")
        self._doc, self._index, self._before, self._after = doc, index, before, after

    def redo(self) -> None:
        self._doc._set_article(self._index, self._after)

    def undo(self) -> None:
        self._doc._set_article(self._index, self._before)


class Document(QObject):
    """Articles, comparison, review, the pair shown side by side, file path, modified flag.

    Signals:
        articlesChanged(): articles were added or removed, or their details edited; the
            comparison (if any) no longer matches and should be recomputed.
        comparisonChanged(): the engine's comparison was replaced (new run, new threshold).
        reviewChanged(): a review decision, link or note changed (also on undo/redo).
        viewChanged(): what the reviewer sees changed (after either of the two above).
        pairChanged(int, int): the two articles shown side by side changed.
        modifiedChanged(bool): the document gained or lost unsaved changes.
        pathChanged(str): the session file the document is saved to changed.
    """

    articlesChanged = Signal()
    comparisonChanged = Signal()
    reviewChanged = Signal()
    viewChanged = Signal()
    pairChanged = Signal(int, int)
    modifiedChanged = Signal(bool)
    pathChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._articles: tuple[Article, ...] = ()
        self._comparison: Comparison | None = None
        self._review = Review()
        self._view: Comparison | None = None
        self._settings = Settings()
        self._pair: tuple[int, int] = (0, 1)
        self._path: Path | None = None
        self._dirty = False  # changes outside the undo stack (articles, threshold)
        self._created: str | None = None  # when the session was first made
        self._stale = False  # details changed since the comparison ran (dates matter)
        self._was_modified = False

    # -- state ------------------------------------------------------------------------

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._articles

    @property
    def comparison(self) -> Comparison | None:
        """The engine's result for the current articles (None while there is none)."""
        return self._comparison

    @property
    def review(self) -> Review:
        return self._review

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def view(self) -> Comparison | None:
        """The comparison as the reviewer decided it (``apply_review``), cached."""
        if self._view is None and self._comparison is not None:
            self._view = apply_review(self._comparison, self._review)
        return self._view

    @property
    def pair(self) -> tuple[int, int]:
        return self._pair

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    @property
    def needs_compare(self) -> bool:
        """True when there are two or more articles and no up-to-date comparison."""
        return len(self._articles) >= 2 and (self._comparison is None or self._stale)

    # -- articles ---------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Append articles whose text is not loaded yet; returns the ones skipped."""
        have = {a.digest for a in self._articles}
        added, skipped = [], []
        for art in articles:
            if art.digest in have:
                skipped.append(art)
            else:
                have.add(art.digest)
                added.append(art)
        if added:
            self._articles = (*self._articles, *added)
            self._comparison = None
            self._view = None
            if len(self._articles) >= 2 and self._pair[1] >= len(self._articles):
                self._pair = (0, 1)
            self._touch_saved()
            self.articlesChanged.emit()
            self.comparisonChanged.emit()
            self.viewChanged.emit()
        return skipped

    def remove_article(self, index: int) -> None:
        """Drop an article, its decisions and the undo history (indices shift)."""
        arts = list(self._articles)
        del arts[index]
        self._articles = tuple(arts)
        self._review = remap_review(self._review, index)
        self.undo_stack.clear()
        self._comparison = None
        self._view = None
        n = len(arts)
        i, j = (x - (x > index) for x in self._pair)
        if i == index:
            i = 0
        if n >= 2:
            i, j = min(i, n - 1), min(j, n - 1)
            if i == j:
                i, j = (0, 1) if j != 0 else (1, 0)
            self._pair = (i, j)
        else:
            self._pair = (0, 1)
        self._touch_saved()
        self.articlesChanged.emit()
        self.comparisonChanged.emit()
        self.reviewChanged.emit()
        self.viewChanged.emit()
        self.pairChanged.emit(*self._pair)

    def edit_article(self, index: int, **fields: object) -> None:
        """Change an article's outlet, title, date or url (undoable)."""
        before = self._articles[index]
        after = dataclasses.replace(before, **fields)  # type: ignore[arg-type]
        if after != before:
            self.undo_stack.push(_ArticleCommand(self, index, before, after))

    def _set_article(self, index: int, article: Article) -> None:
        arts = list(self._articles)
        arts[index] = article
        self._articles = tuple(arts)
        if self._comparison is not None:  # labels show at once; the run refreshes the rest
            self._comparison = dataclasses.replace(self._comparison, articles=self._articles)
            self._view = None
            self._stale = True
        self.articlesChanged.emit()
        self.viewChanged.emit()

    # -- comparison -------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison | None, *, touch: bool = False) -> None:
        """Install the engine's result (a new run, or a re-threshold when ``touch``)."""
        if comparison is not None:
            if [a.text for a in comparison.articles] != [a.text for a in self._articles]:
                raise ValueError("the comparison is of other articles")
            comparison = dataclasses.replace(comparison, articles=self._articles)
            self._settings = comparison.settings
        self._comparison = comparison
        self._stale = False
        self._view = None
        if touch:
            self._touch_saved()
        self.comparisonChanged.emit()
        self.viewChanged.emit()

    def set_settings(self, settings: Settings) -> None:
        if settings != self._settings:
            self._settings = settings
            self._touch_saved()

    def set_pair(self, left: int, right: int) -> None:
        n = len(self._articles)
        if not (0 <= left < n and 0 <= right < n) or left == right:
            raise ValueError(f"bad pair {(left, right)} for {n} articles")
        if (left, right) != self._pair:
            self._pair = (left, right)
            self.pairChanged.emit(left, right)

    # -- review (undoable) ------------------------------------------------------------

    def change_review(self, after: Review, text: str) -> None:
        """Push an undoable change of the review (no-op if nothing changes)."""
        if after != self._review:
            self.undo_stack.push(_ReviewCommand(self, self._review, after, text))

    def decide_link(self, key: LinkKey, decision: Decision | None) -> None:
        words = {Decision.CONFIRMED: "Confirm link", Decision.REJECTED: "Reject link"}
        self.change_review(
            self._review.decide_link(key, decision), words.get(decision, "Clear link decision")
        )

    def decide_conflict(self, key: ConflictKey, decision: Decision | None) -> None:
        words = {Decision.CONFIRMED: "Confirm conflict", Decision.REJECTED: "Reject conflict"}
        self.change_review(
            self._review.decide_conflict(key, decision),
            words.get(decision, "Clear conflict decision"),
        )

    def add_link(self, a: Ref, b: Ref) -> None:
        self.change_review(self._review.add_link(a, b), "Link sentences")

    def remove_link(self, key: LinkKey) -> None:
        self.change_review(self._review.remove_link(key), "Remove hand-made link")

    def set_note(self, ref: Ref, text: str) -> None:
        self.change_review(self._review.set_note(ref, text), "Edit note")

    def _set_review(self, review: Review) -> None:
        self._review = review
        self._view = None
        self.reviewChanged.emit()
        self.viewChanged.emit()

    # -- whole document ---------------------------------------------------------------

    def reset(
        self,
        articles: Sequence[Article] = (),
        *,
        comparison: Comparison | None = None,
        review: Review | None = None,
        settings: Settings | None = None,
        pair: tuple[int, int] = (0, 1),
        path: Path | None = None,
    ) -> None:
        """Replace everything (a new document or a loaded session); not undoable."""
        self._articles = tuple(articles)
        self._review = review or Review()
        self._settings = settings or (comparison.settings if comparison else Settings())
        self._comparison = None
        self._view = None
        self.undo_stack.clear()
        if comparison is not None:
            self.set_comparison(comparison)
        n = len(self._articles)
        self._pair = pair if n >= 2 and 0 <= min(pair) and max(pair) < n else (0, 1)
        self._path = path
        self._created = None
        self._dirty = False
        self.undo_stack.setClean()
        self._emit_modified()
        self.pathChanged.emit(str(path or ""))
        self.articlesChanged.emit()
        self.comparisonChanged.emit()
        self.reviewChanged.emit()
        self.viewChanged.emit()
        self.pairChanged.emit(*self._pair)

    # -- sessions ---------------------------------------------------------------------

    def to_session(self) -> Session:
        """The document as a :class:`Session` (what File > Save writes)."""
        extra = {"created": self._created} if self._created else {}
        session = Session(
            articles=self._articles,
            settings=self._settings,
            comparison=self._comparison,
            review=self._review,
            pair=self._pair,
            **extra,
        )
        self._created = session.created
        return session.touched()

    def load_session(self, session: Session, path: Path | None) -> bool:
        """Replace the document with ``session``; True if its comparison must be rerun."""
        stale = needs_recompute(session)
        self.reset(
            session.articles,
            comparison=None if stale else session.comparison,
            review=session.review,
            settings=session.settings,
            pair=session.pair,
            path=path,
        )
        self._created = session.created
        return stale and len(session.articles) >= 2

    def mark_saved(self, path: Path) -> None:
        self._dirty = False
        self.undo_stack.setClean()
        if path != self._path:
            self._path = path
            self.pathChanged.emit(str(path))
        self._emit_modified()

    def mark_modified(self) -> None:
        """Unsaved work that is not on the undo stack (a restored autosave)."""
        self._touch()

    def _touch(self) -> None:
        self._dirty = True
        self._emit_modified()

    def _touch_saved(self) -> None:
        """Articles or threshold changed: unsaved work only once there is a session file
        (opening two files and closing again should not ask to save)."""
        if self._path is not None:
            self._touch()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._emit_modified()

    def _emit_modified(self) -> None:
        now = self.modified
        if now != self._was_modified:
            self._was_modified = now
            self.modifiedChanged.emit(now)

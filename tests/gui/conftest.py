"""Fixtures for the window tests: offscreen Qt, private settings, a model-free encoder,
and a hand-built comparison whose links and conflicts are known exactly."""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Sequence

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import numpy as np
import pytest
from builders import sentences_of

from factdiff.core.model import (
    Article,
    Candidate,
    Comparison,
    Conflict,
    ConflictKind,
    Link,
    Sentence,
    Settings,
    Span,
    Status,
)

#: How long a test waits for a signal or a condition: a deadline for "it happens", never a
#: measure of speed, so it is generous enough for a loaded 2-core machine.
WAIT_MS = 60_000

# The offscreen platform warns about window features it lacks; that is not our bug.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace(os.sep, "/"):
            for pattern in OFFSCREEN_NOISE:
                item.add_marker(pytest.mark.qt_log_ignore(pattern))


class FakeEncoder:
    """Bag-of-words vectors from word hashes: similar wording gives similar vectors.

    Counts calls, honours ``cancel`` like the real one, and with ``hold`` waits (before
    the first text) until the run is cancelled: a comparison that is still running
    whenever the test looks, however fast or slow the machine is.
    """

    name = "fake"

    def __init__(self, *, hold: bool = False) -> None:
        self.calls = 0
        self.hold = hold

    def parse_many(self, texts, *, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        """The pattern fallback: GUI tests need no spaCy model (the real app parses in the
        encoder's process)."""
        from factdiff.core.nlp import fallback_parse

        return [fallback_parse(t) for t in texts]

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> np.ndarray:
        from factdiff.core.errors import Cancelled

        self.calls += 1
        out = np.zeros((len(texts), 384), dtype=np.float32)
        while self.hold and not (cancel and cancel()):
            time.sleep(0.01)
        for n, text in enumerate(texts):
            if cancel and cancel():
                raise Cancelled()
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
                out[n] += np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            norm = np.linalg.norm(out[n])
            if norm:
                out[n] /= norm
            if progress:
                progress(n + 1, len(texts), "Encoding sentences")
        return out


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


def article(
    lines: Sequence[str], outlet: str, **kw: object
) -> tuple[Article, tuple[Sentence, ...]]:
    """An article with one sentence per line, and its sentences with exact spans."""
    text = "\n".join(lines) + "\n"
    sents = sentences_of(text.removesuffix("\n"))
    return Article(text=text, outlet=outlet, title=f"{outlet} story", **kw), sents  # type: ignore[arg-type]


A_LINES = [
    "The mayor opened the new bridge on Monday.",
    "About 500 people attended the ceremony.",
    "The bridge cost 12 million dollars.",
    "Local shops stayed open late.",
]
B_LINES = [
    "On Monday the mayor opened the new bridge over the river.",
    "Around 800 people came to the ceremony.",
    "Critics say the project ran over budget.",
    "The bridge cost 12 million dollars.",
]
C_LINES = [
    "A new bridge was opened by the mayor.",
    "Some 500 people watched.",
    "Traffic was diverted for the day.",
]


def _span_of(text: str, words: str, start: int = 0) -> Span:
    at = text.index(words, start)
    return Span(at, at + len(words))


def make_comparison(n_articles: int = 2) -> Comparison:
    """A comparison built by hand: A0-B0 shared (B adds "over the river"), A1-B1 a number
    conflict (500 vs 800), A2-B3 shared; A3 and B2 only in one outlet. With three
    articles, C0 shares A0 and B0 (a fact group joins a sentence linked to most of its
    members) and C1 agrees with A1 (so C1-B1 conflict too)."""
    from factdiff.core.compare import build_groups

    a, sa = article(A_LINES, "Alpha News")
    b, sb = article(B_LINES, "Beta Times")
    arts, sents = [a, b], [sa, sb]
    conflict = Conflict(
        kind=ConflictKind.NUMBER,
        a_span=_span_of(a.text, "500"),
        b_span=_span_of(b.text, "800"),
        a_text="500",
        b_text="800",
        explanation="Alpha News says 500 people, Beta Times says 800",
        confidence=0.9,
    )
    links = [
        Link(a=(0, 0), b=(1, 0), score=0.9, status=Status.SHARED,
             b_details=(_span_of(b.text, "over the river"),)),
        Link(a=(0, 1), b=(1, 1), score=0.8, status=Status.CONFLICT, conflicts=(conflict,)),
        Link(a=(0, 2), b=(1, 3), score=0.95, status=Status.SHARED),
    ]
    candidates = [
        Candidate(a=lk.a, b=lk.b, semantic=lk.score, lexical=lk.score, score=lk.score)
        for lk in links
    ]
    candidates.append(Candidate(a=(0, 3), b=(1, 2), semantic=0.42, lexical=0.1, score=0.42))
    if n_articles >= 3:
        c, sc = article(C_LINES, "Gamma Post")
        arts.append(c)
        sents.append(sc)
        c_conflict = Conflict(
            kind=ConflictKind.NUMBER,
            a_span=_span_of(b.text, "800"),
            b_span=_span_of(c.text, "500"),
            a_text="800",
            b_text="500",
            explanation="Beta Times says 800 people, Gamma Post says 500",
        )
        links += [
            Link(a=(0, 0), b=(2, 0), score=0.85, status=Status.SHARED),
            Link(a=(1, 0), b=(2, 0), score=0.8, status=Status.SHARED),
            Link(a=(0, 1), b=(2, 1), score=0.7, status=Status.SHARED),
            Link(a=(1, 1), b=(2, 1), score=0.66, status=Status.CONFLICT, conflicts=(c_conflict,)),
        ]
    return Comparison(
        articles=tuple(arts),
        sentences=tuple(sents),
        candidates=tuple(candidates),
        links=tuple(links),
        groups=build_groups(sents, links),
        settings=Settings(),
    )


@pytest.fixture
def settings_file(factdiff_home):  # type: ignore[no-untyped-def]
    from factdiff.gui.mainwindow import open_settings

    return open_settings()


@pytest.fixture
def make_window(qtbot, fake_encoder, settings_file):  # type: ignore[no-untyped-def]
    """Build main windows that use the fake encoder; all are shut down cleanly after."""
    from factdiff.gui.mainwindow import MainWindow

    made = []

    def make(*, encoder: object = None, show: bool = True) -> MainWindow:
        w = MainWindow(encoder=encoder or fake_encoder, settings=settings_file)
        if show:
            w.show()
            qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:  # closed here, not by qtbot: closing must not ask about unsaved work
        w.doc.reset()
        w.close()
        assert w.runner.pool.activeThreadCount() == 0
        w.deleteLater()
    qtbot.wait(1)


@pytest.fixture
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window()


@pytest.fixture
def loaded(window, qtbot):  # type: ignore[no-untyped-def]
    """A window showing the hand-built two-article comparison."""
    cmp = make_comparison()
    window.doc.reset(cmp.articles, comparison=cmp)
    return window


@pytest.fixture
def loaded3(window):  # type: ignore[no-untyped-def]
    cmp = make_comparison(3)
    window.doc.reset(cmp.articles, comparison=cmp)
    return window

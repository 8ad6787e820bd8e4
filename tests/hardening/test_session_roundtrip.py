"""Property (Hypothesis): any session saves and loads back equal.

Comparisons come from ``compare_embeddings`` on random texts (any Unicode, right-to-left,
CJK, emoji, markup) and random vectors, some rows shared between articles so links and
conflicts occur; reviews get random decisions, hand-made links and notes. Segmentation
and alignment properties are in tests/test_properties.py; hand edits of saved files in
tests/test_session.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdiff.core import session as sm
from factdiff.core.compare import compare_embeddings
from factdiff.core.model import Article, Comparison, Link, Settings
from factdiff.core.review import Decision, Review, conflict_key
from factdiff.core.segment import split_sentences

WORDS = [
    "The",
    "council",
    "approved",
    "7",
    "to",
    "2",
    "on",
    "Monday",
    "Tuesday",
    "12",
    "15",
    "million",
    "dollars",
    "said",
    "may",
    "will",
    "not",
    "Mr.",
    "U.S.",
    "3",
    "p.m.",
    "“Yes,”",
    "mayor",
    "<b>bold</b>",
    "&amp;",
    "<script>x()</script>",
    "café",
    "Zu\u0308rich",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "市議会は承認した。",
    "قال الجسر؟",
    "ראש העיר",
    "\t",
    "—",
    "€5",
]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(
    lambda w: " ".join(w) + "."
)
ARTICLE_TEXT = st.one_of(
    st.lists(SENTENCE, min_size=1, max_size=6).map(lambda s: "\n".join(s)),
    st.text(min_size=1, max_size=300),
)
META = st.text(max_size=30)


@st.composite
def sessions(draw: st.DrawFn) -> sm.Session:
    n = draw(st.integers(2, 3))
    articles = []
    for i in range(n):
        text = draw(ARTICLE_TEXT)
        if not split_sentences(text):
            text += "\nThe council approved the bridge."
        date = draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))))
        articles.append(
            Article(
                text,
                outlet=draw(META),
                title=draw(META),
                date=date,
                url=draw(META),
                source=f"in-{i}",
            )
        )
    sentences = [split_sentences(a.text) for a in articles]
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    vectors = [rng.normal(size=(len(s), 8)).astype(np.float32) for s in sentences]
    for v in vectors[1:]:  # share some rows with the first article: links, maybe conflicts
        for row in range(len(v)):
            if draw(st.booleans()):
                v[row] = vectors[0][draw(st.integers(0, len(vectors[0]) - 1))]
    vectors = [v / np.linalg.norm(v, axis=1, keepdims=True) for v in vectors]
    knobs = Settings(
        threshold=draw(st.floats(0.0, 1.0)),
        min_gain=draw(st.floats(0.0, 0.3)),
        max_fanout=draw(st.integers(1, 3)),
    )
    cmp = compare_embeddings(articles, sentences, vectors, settings=knobs)
    return replace(sm.new_session(cmp, review=draw(reviews(cmp))), pair=draw(pairs(n)))


def pairs(n: int) -> st.SearchStrategy[tuple[int, int]]:
    return st.permutations(range(n)).map(lambda p: (p[0], p[1]))


@st.composite
def reviews(draw: st.DrawFn, cmp: Comparison) -> Review:
    review = Review()
    decision = st.sampled_from([Decision.CONFIRMED, Decision.REJECTED, None])
    for link in cmp.links:
        review = review.decide_link(link.key, draw(decision))
        for c in link.conflicts:
            review = review.decide_conflict(conflict_key(link, c), draw(decision))
    refs = [(a, s.index) for a, sents in enumerate(cmp.sentences) for s in sents]
    ref = st.sampled_from(refs)
    for a, b in draw(st.lists(st.tuples(ref, ref), max_size=3)):
        if a[0] != b[0]:
            review = review.add_link(a, b)
    for r, text in draw(st.lists(st.tuples(ref, st.text(min_size=1, max_size=80)), max_size=4)):
        review = review.set_note(r, text)
    return review


def _stored(link: Link) -> Link:
    """A link as a session stores it: score and confidences to 4 decimals (docs/schema.md)."""
    return replace(
        link,
        score=round(link.score, 4),
        conflicts=tuple(replace(c, confidence=round(c.confidence, 4)) for c in link.conflicts),
    )


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(session=sessions())
def test_session_round_trip(session: sm.Session, tmp_path: Path) -> None:
    path = tmp_path / "s.factdiff"
    sm.save_session(path, session)
    back = sm.load_session(path)
    # everything the reviewer made or chose comes back exactly
    assert back.articles == session.articles
    assert back.review == session.review
    assert (back.settings, back.pair) == (session.settings, session.pair)
    assert (back.created, back.modified, back.app_version) == (
        session.created,
        session.modified,
        session.app_version,
    )
    # the comparison too, scores rounded to the 4 decimals the file keeps
    assert back.comparison is not None and session.comparison is not None
    cmp, got = session.comparison, back.comparison
    assert got.sentences == cmp.sentences and got.candidates == cmp.candidates
    assert got.groups == cmp.groups and got.settings == cmp.settings
    assert got.links == tuple(_stored(lk) for lk in cmp.links)
    assert not sm.needs_recompute(back)
    # what the view shows is the same, and a second save writes the very same bytes
    reviewed, reviewed_back = session.reviewed(), back.reviewed()
    assert reviewed is not None and reviewed_back is not None
    for i in range(len(cmp.articles)):
        assert reviewed_back.statuses(i) == reviewed.statuses(i)
    again = tmp_path / "again.factdiff"
    sm.save_session(again, back)
    assert again.read_bytes() == path.read_bytes()

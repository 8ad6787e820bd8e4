"""Property-based tests (Hypothesis): segmentation spans and alignment invariants."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from factdiff.core.align import candidates_for_pair, select_links
from factdiff.core.model import Settings
from factdiff.core.segment import _DATELINE_ALONE, sentence_spans, split_sentences

WORDS = st.sampled_from(
    [
        "The",
        "U.S.",
        "Sen.",
        "No.",
        "3",
        "p.m.",
        "said",
        "“Yes.",
        "no,”",
        '"',
        "Mr.",
        "a.m.",
        "Friday.",
        "e.g.",
        "!",
        "?",
        "…",
        "—",
        "$1.5",
        "billion.",
        "\n",
        "\n\n",
        "  ",
        "İ",
        "ß",
        "Ünïcödé",
        "日本語。",
        "مرحبا.",
        "👍🏽",
        "e\u0301",
        "\t",
        "...",
        "Jan.",
        "5.",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=80).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_sentence_spans_are_ordered_disjoint_trimmed_and_cover_every_word(text: str) -> None:
    spans = sentence_spans(text)
    prev_end = 0
    for start, end in spans:
        assert prev_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert any(ch.isalnum() or ch == "_" for ch in piece)
        assert "\n" not in piece
        prev_end = end
    # Nothing with a letter or digit falls between sentences, except a dateline ("CNN —",
    # "WASHINGTON —"), which is not a sentence.
    at = 0
    for start, end in [*spans, (len(text), len(text))]:
        for line in text[at:start].splitlines():
            line = line.strip()
            if any(ch.isalnum() for ch in line):
                assert _DATELINE_ALONE.fullmatch(line), repr(text[at:start])
        at = end
    sents = split_sentences(text)
    assert [(s.start, s.end) for s in sents] == spans


def _normalise(m: np.ndarray) -> np.ndarray:
    """Unit rows, as the encoder gives; a row too small to normalise in float32 (hypothesis
    finds 4e-23, whose square underflows) is a zero vector."""
    m64 = m.astype(np.float64)
    norms = np.linalg.norm(m64, axis=1, keepdims=True)
    tiny = norms[:, 0] < 1e-12
    norms[tiny] = 1.0
    out = m64 / norms
    out[tiny] = 0.0
    return out.astype(np.float32)


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.float32, st.tuples(st.integers(1, 7), st.just(4)), elements=st.floats(-1, 1, width=32)
    ),
    arrays(
        np.float32, st.tuples(st.integers(1, 7), st.just(4)), elements=st.floats(-1, 1, width=32)
    ),
    st.floats(0.0, 1.0),
    st.floats(0.0, 0.3),
)
def test_alignment_invariants(a: np.ndarray, b: np.ndarray, threshold: float, gain: float) -> None:
    a, b = _normalise(a), _normalise(b)
    words_a, words_b = [frozenset()] * len(a), [frozenset()] * len(b)
    s = Settings(semantic_weight=1.0)
    cands = candidates_for_pair(0, 1, a, b, words_a, words_b, settings=s)
    keys = [(c.a, c.b) for c in cands]
    assert len(keys) == len(set(keys))  # no duplicate pair
    for c in cands:
        assert c.a[0] == 0 and c.b[0] == 1
        assert 0 <= c.a[1] < len(a) and 0 <= c.b[1] < len(b)
        assert c.score >= s.floor - 1e-6
        assert abs(c.score - float(a[c.a[1]] @ b[c.b[1]])) < 1e-3
    chosen = select_links(cands, threshold=threshold, margin=0.05, min_gain=gain)
    assert all(c.score >= threshold and c.score - c.background >= gain for c in chosen)
    # A higher threshold never adds links (monotone).
    higher = select_links(cands, threshold=min(1.0, threshold + 0.1), margin=0.05, min_gain=gain)
    assert {(c.a, c.b) for c in higher} <= {(c.a, c.b) for c in chosen}
    # Alignment is symmetric: swapping the articles finds the same pairs.
    back = candidates_for_pair(0, 1, b, a, words_b, words_a, settings=s)
    assert {(c.b[1], c.a[1]) for c in back} == {(c.a[1], c.b[1]) for c in cands}

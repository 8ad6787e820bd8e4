"""Sentence alignment between two articles, on vectors: no model needed here.

Outlets reorder stories, so nothing here is order-bound. The combined score of a pair is
``w * cosine + (1 - w) * lexical``. A pair becomes a link when it clears the threshold
*and* it is (nearly) the best match of at least one of its two sentences: that keeps a
sentence from being linked to everything on the same topic, yet lets one sentence that
holds two facts link to both sentences that carry them. Finally, a link must rise by
``min_gain`` above the *background* of its sentences (their mean score against the rest
of the other article): in a story where every sentence is about the same balloon, a pair that
is merely on topic scores no higher than its background and is not linked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from .linkscore import LinkScorer, SentenceInfo, best_units, pair_features
from .model import Candidate, Settings
from .tokens import content_words

__all__ = [
    "candidates_for_pair",
    "score_matrices",
    "scored_candidates",
    "content_words",
    "idf_weights",
    "lexical_matrix",
    "select_links",
]

#: How many best matches per sentence are kept as candidates (both directions).
_TOP_K = 3


def idf_weights(*collections: Sequence[frozenset[str]]) -> dict[str, float]:
    """Squared inverse document frequency of each word over all the sentences given.

    Words every outlet uses in every other sentence (the story's topic: "balloon") weigh
    little; names, numbers and rarer words carry the match.
    """
    df: dict[str, int] = {}
    n = 0
    for sentences in collections:
        for words in sentences:
            n += 1
            for w in words:
                df[w] = df.get(w, 0) + 1
    return {w: (math.log((n + 1) / (d + 1)) + 1.0) ** 2 for w, d in df.items()}


def lexical_matrix(
    a: Sequence[frozenset[str]],
    b: Sequence[frozenset[str]],
    weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Weighted set cosine ``w(A & B) / sqrt(w(A) w(B))`` of every pair of word sets
    (plain ``|A & B| / sqrt(|A| |B|)`` without ``weights``)."""
    out = np.zeros((len(a), len(b)), dtype=np.float32)

    def mass(words: frozenset[str]) -> float:
        return float(len(words)) if weights is None else sum(weights.get(w, 1.0) for w in words)

    mass_b = [mass(wb) for wb in b]
    for i, wa in enumerate(a):
        mass_a = mass(wa)
        if not mass_a:
            continue
        for j, wb in enumerate(b):
            if mass_b[j]:
                shared = wa & wb
                if shared:
                    out[i, j] = mass(shared) / (mass_a * mass_b[j]) ** 0.5
    return out


def candidates_for_pair(
    i: int,
    j: int,
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    words_a: Sequence[frozenset[str]],
    words_b: Sequence[frozenset[str]],
    *,
    settings: Settings,
    weights: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """Scored candidate pairs between article ``i`` and article ``j`` (``i < j``).

    Keeps each sentence's few best matches above ``settings.floor``, so that a later
    threshold can be applied without recomputing anything.
    """
    if i >= j:
        raise ValueError("candidates_for_pair wants i < j")
    if len(emb_a) == 0 or len(emb_b) == 0:
        return []
    sem = np.clip(emb_a @ emb_b.T, -1.0, 1.0)
    lex = lexical_matrix(words_a, words_b, weights)
    w = settings.semantic_weight
    score = w * sem + (1.0 - w) * lex
    keep = np.zeros(score.shape, dtype=bool)
    k_row = min(_TOP_K, score.shape[1])
    k_col = min(_TOP_K, score.shape[0])
    rows = np.argpartition(-score, k_row - 1, axis=1)[:, :k_row]
    keep[np.arange(score.shape[0])[:, None], rows] = True
    cols = np.argpartition(-score, k_col - 1, axis=0)[:k_col, :]
    keep[cols, np.arange(score.shape[1])[None, :]] = True
    keep &= score >= settings.floor
    n, m = score.shape
    row_sum, col_sum = score.sum(axis=1), score.sum(axis=0)

    def background(x: int, y: int) -> float:
        """Mean score of x and of y against the rest of the other article (the larger)."""
        row = (row_sum[x] - score[x, y]) / (m - 1) if m > 1 else 0.0
        col = (col_sum[y] - score[x, y]) / (n - 1) if n > 1 else 0.0
        return float(max(row, col))

    return [
        Candidate(
            a=(i, int(x)),
            b=(j, int(y)),
            semantic=round(float(sem[x, y]), 4),
            lexical=round(float(lex[x, y]), 4),
            score=round(float(score[x, y]), 4),
            background=round(background(int(x), int(y)), 4),
        )
        for x, y in zip(*np.nonzero(keep), strict=True)
    ]


def score_matrices(
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    units_a: Sequence[np.ndarray],
    units_b: Sequence[np.ndarray],
    words_a: Sequence[frozenset[str]],
    words_b: Sequence[frozenset[str]],
    info_a: Sequence[SentenceInfo],
    info_b: Sequence[SentenceInfo],
    *,
    weights: Mapping[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sentence cosine, word overlap, best unit cosine and the scorer's features of every
    sentence pair of two articles: ``(sem, lex, unit, features)``."""
    sem = np.clip(emb_a @ emb_b.T, -1.0, 1.0).astype(np.float32)
    lex = lexical_matrix(words_a, words_b, weights)
    unit = np.maximum(best_units(units_a, units_b), sem)
    feats = pair_features(
        sem, unit, lex, info_a, info_b, weights=weights, lex_words=(words_a, words_b)
    )
    return sem, lex, unit, feats


def scored_candidates(
    i: int,
    j: int,
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    units_a: Sequence[np.ndarray],
    units_b: Sequence[np.ndarray],
    words_a: Sequence[frozenset[str]],
    words_b: Sequence[frozenset[str]],
    info_a: Sequence[SentenceInfo],
    info_b: Sequence[SentenceInfo],
    *,
    settings: Settings,
    scorer: LinkScorer,
    weights: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """Candidates between article ``i`` and ``j`` (``i < j``) scored by the learned scorer:
    ``score`` is the probability that the pair shares a fact. Keeps each sentence's few
    most probable matches above ``settings.floor``, so a new threshold needs no rescoring."""
    if i >= j:
        raise ValueError("scored_candidates wants i < j")
    if len(emb_a) == 0 or len(emb_b) == 0:
        return []
    sem, lex, unit, feats = score_matrices(
        emb_a, emb_b, units_a, units_b, words_a, words_b, info_a, info_b, weights=weights
    )
    prob = scorer.probability(feats)
    keep = np.zeros(prob.shape, dtype=bool)
    k_row = min(_TOP_K, prob.shape[1])
    k_col = min(_TOP_K, prob.shape[0])
    rows = np.argpartition(-prob, k_row - 1, axis=1)[:, :k_row]
    keep[np.arange(prob.shape[0])[:, None], rows] = True
    cols = np.argpartition(-prob, k_col - 1, axis=0)[:k_col, :]
    keep[cols, np.arange(prob.shape[1])[None, :]] = True
    keep &= prob >= settings.floor
    return [
        Candidate(
            a=(i, int(x)),
            b=(j, int(y)),
            semantic=round(float(sem[x, y]), 4),
            lexical=round(float(lex[x, y]), 4),
            score=round(float(prob[x, y]), 4),
            unit=round(float(unit[x, y]), 4),
        )
        for x, y in zip(*np.nonzero(keep), strict=True)
    ]


def select_links(
    candidates: Sequence[Candidate],
    *,
    threshold: float,
    margin: float,
    min_gain: float | None = None,
    max_fanout: int | None = None,
) -> list[Candidate]:
    """The candidates that clear ``threshold``, rise ``min_gain`` above their background,
    and are within ``margin`` of the best match of at least one of their two sentences
    (best per sentence and per other article). ``min_gain=None`` skips the background test.
    ``max_fanout`` keeps at most that many links per sentence and other article, the best
    ones: a long, central sentence is otherwise everyone's nearest neighbour (a hub)."""
    best: dict[tuple[tuple[int, int], int], float] = {}
    for c in candidates:
        for ref, other in ((c.a, c.b[0]), (c.b, c.a[0])):
            key = (ref, other)
            if c.score > best.get(key, -1.0):
                best[key] = c.score
    chosen = []
    for c in candidates:
        if c.score < threshold:
            continue
        if min_gain is not None and c.score - c.background < min_gain:
            continue
        if c.score >= best[(c.a, c.b[0])] - margin or c.score >= best[(c.b, c.a[0])] - margin:
            chosen.append(c)
    if max_fanout is None:
        return chosen
    fan: dict[tuple[tuple[int, int], int], int] = {}
    kept = []
    for c in sorted(chosen, key=lambda c: -c.score):
        ka, kb = (c.a, c.b[0]), (c.b, c.a[0])
        if fan.get(ka, 0) < max_fanout and fan.get(kb, 0) < max_fanout:
            fan[ka] = fan.get(ka, 0) + 1
            fan[kb] = fan.get(kb, 0) + 1
            kept.append(c)
    return sorted(kept, key=lambda c: (c.a, c.b))

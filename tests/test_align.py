"""Alignment on crafted vectors: no model needed."""

from __future__ import annotations

import numpy as np
import pytest

from factdiff.core.align import candidates_for_pair, content_words, lexical_matrix, select_links
from factdiff.core.model import Candidate, Settings


def unit(*weights: float, dim: int = 8) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def axis(k: int, dim: int = 8, noise: float = 0.0) -> np.ndarray:
    v = np.full(dim, noise, dtype=np.float32)
    v[k] = 1.0
    return v / np.linalg.norm(v)


NO_WORDS = [frozenset()] * 4


def pairs(cands: list[Candidate]) -> set[tuple[int, int]]:
    return {(c.a[1], c.b[1]) for c in cands}


def test_reordered_sentences_are_matched() -> None:
    a = np.stack([axis(0), axis(1), axis(2)])
    b = np.stack([axis(2), axis(0), axis(1)])  # same facts, another order
    s = Settings(semantic_weight=1.0)
    cands = candidates_for_pair(0, 1, a, b, NO_WORDS[:3], NO_WORDS[:3], settings=s)
    chosen = select_links(cands, threshold=0.8, margin=0.05)
    assert pairs(chosen) == {(0, 1), (1, 2), (2, 0)}


def test_one_sentence_may_carry_two_facts() -> None:
    a = np.stack([unit(1, 1), axis(5)])  # a0 holds the facts of b0 and b1
    b = np.stack([axis(0), axis(1), axis(6)])
    s = Settings(semantic_weight=1.0)
    chosen = select_links(
        candidates_for_pair(0, 1, a, b, NO_WORDS[:2], NO_WORDS[:3], settings=s),
        threshold=0.6,
        margin=0.05,
    )
    assert pairs(chosen) == {(0, 0), (0, 1)}


def test_topic_neighbours_are_not_linked() -> None:
    # Every sentence leans on a shared "topic" direction; only a0/b0 share their own content.
    a = np.stack([unit(1, 1), unit(1, 0, 1)])
    b = np.stack([unit(1, 1)] + [unit(1, *([0] * k), 1) for k in range(2, 6)])
    s = Settings(semantic_weight=1.0)
    words = [frozenset()] * 5
    cands = candidates_for_pair(0, 1, a, b, words[:2], words, settings=s)
    topical = [c for c in cands if c.a[1] == 1]
    assert topical and max(c.score for c in topical) >= 0.5  # on topic, clears the threshold
    assert pairs(select_links(cands, threshold=0.5, margin=0.05)) >= {(0, 0), (1, 1)}
    chosen = select_links(cands, threshold=0.5, margin=0.05, min_gain=0.1)
    assert pairs(chosen) == {(0, 0)}


def test_near_best_only_margin_keeps_second_choice_out() -> None:
    a = np.stack([axis(0)])
    b = np.stack([unit(1, 0.1), unit(1, 0.9)])  # b0 clearly best, b1 much weaker
    s = Settings(semantic_weight=1.0)
    cands = candidates_for_pair(0, 1, a, b, NO_WORDS[:1], NO_WORDS[:2], settings=s)
    # b1's own best is a0, so it is still kept: one-to-many is allowed from b's side.
    assert pairs(select_links(cands, threshold=0.7, margin=0.05)) == {(0, 0), (0, 1)}
    assert pairs(select_links(cands, threshold=0.8, margin=0.05)) == {(0, 0)}


def test_lexical_score_breaks_semantic_ties() -> None:
    a = np.stack([axis(0)])
    b = np.stack([axis(0), axis(0)])
    wa = [content_words("Blinken met Wang in Munich")]
    wb = [content_words("Biden spoke in Washington"), content_words("Blinken met Wang Yi")]
    cands = candidates_for_pair(0, 1, a, b, wa, wb, settings=Settings(semantic_weight=0.8))
    best = max(cands, key=lambda c: c.score)
    assert best.b == (1, 1) and best.lexical > 0.5


def test_lexical_matrix_values() -> None:
    m = lexical_matrix([frozenset("ab"), frozenset()], [frozenset("ab"), frozenset("cd")])
    assert np.allclose(m, [[1.0, 0.0], [0.0, 0.0]])


def test_candidates_need_ordered_articles() -> None:
    with pytest.raises(ValueError):
        candidates_for_pair(1, 0, np.zeros((1, 8)), np.zeros((1, 8)), [], [], settings=Settings())


def test_empty_article_gives_no_candidates() -> None:
    assert (
        candidates_for_pair(
            0, 1, np.zeros((0, 8)), np.stack([axis(0)]), [], NO_WORDS[:1], settings=Settings()
        )
        == []
    )


def test_fanout_cap_keeps_a_hub_to_its_best_links() -> None:
    hub = unit(1, 1, 1, 1)  # close to every sentence of b
    a = np.stack([hub])
    b = np.stack([axis(0), axis(1), axis(2), axis(3)])
    s = Settings(semantic_weight=1.0)
    words = [frozenset()] * 4
    cands = candidates_for_pair(0, 1, a, b, words[:1], words, settings=s)
    assert len(select_links(cands, threshold=0.4, margin=0.05)) == 4  # b0..b3 each pick the hub
    capped = select_links(cands, threshold=0.4, margin=0.05, max_fanout=2)
    assert len(capped) == 2

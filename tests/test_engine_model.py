"""Integration: the real bundled model on the seed articles."""

from __future__ import annotations

import re

import pytest

from factdiff.core.compare import compare
from factdiff.core.model import Status

pytestmark = pytest.mark.model


def _find(cmp, article: int, pattern: str) -> int:
    for s in cmp.sentences[article]:
        if re.search(pattern, s.text):
            return s.index
    raise AssertionError(f"no sentence matches {pattern!r}")


def test_seeds_end_to_end(seed_comparison) -> None:
    cmp = seed_comparison
    counts = cmp.counts()
    assert counts[Status.SHARED] + counts[Status.CONFLICT] >= 6
    assert counts[Status.ADDED] >= 10  # each outlet gives many facts the other lacks
    # The meeting's day: VOA "this Friday" vs CNN "Saturday".
    voa = _find(cmp, 0, r"^The United States is preparing")
    day = [
        c for lk in cmp.links_of((0, voa)) for c in lk.conflicts if c.kind.value == "date"
    ]
    assert day, "VOA's 'this Friday' vs CNN's 'Saturday' must be a date conflict"
    assert "Friday" in day[0].a_text and "Saturday" in day[0].b_text
    # Opposite subjects are not the same fact.
    rejected = _find(cmp, 0, r"^The U\.S\. has rejected both claims")
    denied = _find(cmp, 1, r"^Beijing, in the meantime, has denied")
    assert not any(lk.other((0, rejected)) == (1, denied) for lk in cmp.links_of((0, rejected)))


def test_second_comparison_uses_the_cache(seed_articles, encoder, monkeypatch) -> None:
    calls = []
    compare(seed_articles, encoder=encoder)  # fills the cache (and loads the model)
    backend = encoder._backend
    real = backend.sentence_vectors

    def spy(texts):
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(backend, "sentence_vectors", spy)
    compare(seed_articles, encoder=encoder)
    assert calls == []


def test_progress_and_cancel_with_the_model(seed_articles, encoder) -> None:
    from factdiff.core.errors import Cancelled

    seen: list[str] = []
    compare(seed_articles, encoder=encoder, progress=lambda d, t, w: seen.append(w))
    assert "Aligning sentences" in seen and "Comparing facts" in seen
    with pytest.raises(Cancelled):
        compare(seed_articles, encoder=encoder, cancel=lambda: True)

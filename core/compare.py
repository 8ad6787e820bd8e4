"""The comparison pipeline: articles -> sentences -> vectors -> links -> fact check.

:func:`compare` needs the model; :func:`compare_embeddings` is its pure twin that takes
the vectors, and :func:`reclassify` applies a new threshold to a finished comparison
without encoding anything.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations

import numpy as np

from . import facts as factmod
from .align import candidates_for_pair, content_words, idf_weights, select_links
from .errors import Cancelled, CompareError
from .model import (
    Article,
    Candidate,
    Comparison,
    FactGroup,
    Link,
    Ref,
    Sentence,
    Settings,
    Status,
)
from .segment import split_sentences

__all__ = [
    "CancelCheck",
    "MAX_SENTENCES",
    "Progress",
    "build_groups",
    "clear_caches",
    "compare",
    "compare_embeddings",
    "link_pair",
    "reclassify",
]

log = logging.getLogger(__name__)

#: More sentences than this in one article is not an article but a log file or a book:
#: aligning two of them would take hours and gigabytes, so the comparison refuses it.
MAX_SENTENCES = 5_000

#: ``progress(done, total, what)``: called as long work advances.
Progress = Callable[[int, int, str], None]
#: ``cancel()``: return True to stop the work; it then raises :class:`Cancelled`.
CancelCheck = Callable[[], bool]


def _check(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _check_sizes(articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]]) -> None:
    for art, sents in zip(articles, sentences, strict=True):
        if len(sents) > MAX_SENTENCES:
            raise CompareError(
                f"{art.label}: {len(sents):,} sentences; factdiff compares articles of up to "
                f"{MAX_SENTENCES:,} sentences (is it a log file or a book?)"
            )


@functools.lru_cache(maxsize=16384)
def _extract(text: str, published: dt.date | None) -> factmod.Facts:
    """Facts of one sentence; cached across comparisons (re-thresholding, repeat runs)."""
    return factmod.extract_facts(text, published=published)


def clear_caches() -> None:
    """Forget cached sentence boundaries and facts (benchmarks measure a first run)."""
    from .segment import clear_cache

    _extract.cache_clear()
    clear_cache()


def _fact_getter(
    articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]]
) -> Callable[[Ref], factmod.Facts]:
    """Facts of the sentence at a ref, through the per-text cache of :func:`_extract`."""

    def get(ref: Ref) -> factmod.Facts:
        return _extract(sentences[ref[0]][ref[1]].text, articles[ref[0]].date)

    return get


def link_pair(
    a: Ref,
    b: Ref,
    score: float,
    articles: Sequence[Article],
    sentences: Sequence[Sequence[Sentence]],
    *,
    facts: Callable[[Ref], factmod.Facts] | None = None,
    manual: bool = False,
    conflict_floor: float = 0.0,
) -> Link | None:
    """Compare the facts of two sentences and build their link, or None if they cannot be
    the same fact: the fact check found them incompatible, or they disagree (a hard
    conflict) while their score is under ``conflict_floor`` -- two loosely similar
    sentences with different dates are far more often two events than one disputed
    event. Manual links are always kept."""
    if a[0] > b[0]:
        a, b = b, a
    get = facts or _fact_getter(articles, sentences)
    res = factmod.compare_facts(
        get(a), get(b), a_label=articles[a[0]].label, b_label=articles[b[0]].label
    )
    if not manual and (
        not res.compatible or (score < conflict_floor and any(not c.soft for c in res.conflicts))
    ):
        return None
    sa, sb = sentences[a[0]][a[1]], sentences[b[0]][b[1]]
    conflicts = tuple(
        replace(
            c,
            a_span=c.a_span.shift(sa.start),
            b_span=c.b_span.shift(sb.start),
        )
        for c in res.conflicts
    )
    return Link(
        a=a,
        b=b,
        score=score,
        status=Status.CONFLICT if conflicts else Status.SHARED,
        conflicts=conflicts,
        a_details=tuple(s.shift(sa.start) for s in res.a_details),
        b_details=tuple(s.shift(sb.start) for s in res.b_details),
        manual=manual,
    )


def build_groups(
    sentences: Sequence[Sequence[Sentence]], links: Sequence[Link]
) -> tuple[FactGroup, ...]:
    """Fact groups: connected sentences across articles; an unlinked sentence is a group
    of one (status ADDED). Groups come in reading order of their first member."""
    parent: dict[Ref, Ref] = {}

    def find(x: Ref) -> Ref:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[Ref, list[Ref]] = {}
    for art, sents in enumerate(sentences):
        for s in sents:
            members.setdefault(find((art, s.index)), []).append((art, s.index))
    conflicted = {find(lk.a) for lk in links if lk.status is Status.CONFLICT}
    groups = []
    for root, refs in sorted(members.items(), key=lambda kv: kv[1][0]):
        if len(refs) == 1:
            status = Status.ADDED
        else:
            status = Status.CONFLICT if root in conflicted else Status.SHARED
        groups.append(FactGroup(members=tuple(refs), status=status))
    return tuple(groups)


def _links(
    candidates: Sequence[Candidate],
    articles: Sequence[Article],
    sentences: Sequence[Sequence[Sentence]],
    settings: Settings,
    facts: Callable[[Ref], factmod.Facts],
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> list[Link]:
    chosen = select_links(
        candidates,
        threshold=settings.threshold,
        margin=settings.margin,
        min_gain=settings.min_gain,
        max_fanout=settings.max_fanout,
    )
    links = []
    for n, c in enumerate(chosen):
        if n % 16 == 0:
            _check(cancel)
            if progress:
                progress(n, len(chosen), "Comparing facts")
        link = link_pair(
            c.a,
            c.b,
            c.score,
            articles,
            sentences,
            facts=facts,
            conflict_floor=settings.conflict_floor,
        )
        if link is not None:
            links.append(link)
    if progress:
        progress(len(chosen), len(chosen), "Comparing facts")
    return links


def compare_embeddings(
    articles: Sequence[Article],
    sentences: Sequence[Sequence[Sentence]],
    embeddings: Sequence[np.ndarray],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Comparison:
    """Align every pair of articles given their sentence vectors (the pure twin of
    :func:`compare`): rows of ``embeddings[i]`` are the L2-normalised vectors of
    ``sentences[i]``."""
    settings = settings or Settings()
    if len(articles) < 2:
        raise CompareError("a comparison needs at least two articles")
    if not (len(articles) == len(sentences) == len(embeddings)):
        raise CompareError("one sentence list and one embedding matrix per article")
    for sents, emb in zip(sentences, embeddings, strict=True):
        if len(sents) != len(emb):
            raise CompareError("embedding rows do not match the sentences")
    _check_sizes(articles, sentences)
    words = [[content_words(s.text) for s in sents] for sents in sentences]
    weights = idf_weights(*words)
    pairs = list(combinations(range(len(articles)), 2))
    candidates: list[Candidate] = []
    for n, (i, j) in enumerate(pairs):
        _check(cancel)
        if progress:
            progress(n, len(pairs), "Aligning sentences")
        candidates += candidates_for_pair(
            i,
            j,
            embeddings[i],
            embeddings[j],
            words[i],
            words[j],
            settings=settings,
            weights=weights,
        )
    facts = _fact_getter(articles, sentences)
    links = _links(candidates, articles, sentences, settings, facts, progress, cancel)
    return Comparison(
        articles=tuple(articles),
        sentences=tuple(tuple(s) for s in sentences),
        candidates=tuple(candidates),
        links=tuple(links),
        groups=build_groups(sentences, links),
        settings=settings,
    )


def compare(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    encoder: object | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Comparison:
    """Compare two or more articles end to end with the bundled model.

    ``encoder`` is an :class:`~factdiff.core.embed.Encoder` (the shared one by default);
    ``progress(done, total, what)`` reports each stage and ``cancel()`` stops the work.
    """
    from .embed import default_encoder  # keeps numpy-only callers free of the model code

    enc = encoder or default_encoder()
    if len(articles) < 2:
        raise CompareError("a comparison needs at least two articles")
    sentences = [split_sentences(a.text) for a in articles]
    for art, sents in zip(articles, sentences, strict=True):
        if not sents:
            raise CompareError(f"{art.label}: no sentences found in the text")
    _check_sizes(articles, sentences)
    _check(cancel)
    flat = [s.text for sents in sentences for s in sents]
    vectors = enc.encode(flat, progress=progress, cancel=cancel)  # type: ignore[attr-defined]
    embeddings, at = [], 0
    for sents in sentences:
        embeddings.append(vectors[at : at + len(sents)])
        at += len(sents)
    return compare_embeddings(
        articles, sentences, embeddings, settings=settings, progress=progress, cancel=cancel
    )


def reclassify(comparison: Comparison, *, threshold: float) -> Comparison:
    """The same comparison with another threshold, from the stored candidates: no encoding."""
    settings = replace(comparison.settings, threshold=threshold)
    facts = _fact_getter(comparison.articles, comparison.sentences)
    links = _links(
        comparison.candidates,
        comparison.articles,
        comparison.sentences,
        settings,
        facts,
        None,
        None,
    )
    return replace(
        comparison,
        links=tuple(links),
        groups=build_groups(comparison.sentences, links),
        settings=settings,
    )

"""The comparison pipeline: articles -> sentences -> vectors -> links -> fact check.

:func:`compare` needs the model; :func:`compare_embeddings` is its pure twin that takes
the vectors, and :func:`reclassify` applies a new threshold to a finished comparison
without encoding anything.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from itertools import combinations

import numpy as np

from . import facts as factmod
from . import nlp
from .align import idf_weights, scored_candidates, select_links
from .errors import Cancelled, CompareError
from .linkscore import LinkScorer, SentenceInfo, default_scorer, sentence_info, which_units
from .model import (
    LEGACY_SCORER,
    SHOW_LEVEL,
    Article,
    Candidate,
    Comparison,
    Conflict,
    ConflictKind,
    FactGroup,
    Link,
    Ref,
    Sentence,
    Settings,
    Span,
    Status,
)
from .segment import split_sentences
from .tokens import STOP_WORDS, content_words

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
#: ``units(a, b)``: article-level spans of the clause units that matched best in a link
UnitFinder = Callable[[Ref, Ref], tuple[Span | None, Span | None]]


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
def _extract(text: str, published: dt.date | None, parse: nlp.Parse | None) -> factmod.Facts:
    """Facts of one sentence; cached across comparisons (re-thresholding, repeat runs)."""
    return factmod.extract_facts(text, published=published, parse=parse)


def clear_caches() -> None:
    """Forget cached sentence boundaries, parses and facts (benchmarks measure a first run)."""
    from .segment import clear_cache

    _extract.cache_clear()
    nlp.clear_cache()
    clear_cache()


def _fact_getter(
    articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]]
) -> Callable[[Ref], factmod.Facts]:
    """Facts of the sentence at a ref, through the per-text cache of :func:`_extract`, on
    the sentence's parse when this process has seen one (:func:`nlp.known`; the parse may
    have run in another process, the GUI's model process), the pattern reading otherwise.
    So a new threshold, a manual link or a re-run compares facts on the same parse; in a
    new process (a reopened session) the parses come back from the store on disk."""
    nlp.recall(s.text for sents in sentences for s in sents)

    def get(ref: Ref) -> factmod.Facts:
        text = sentences[ref[0]][ref[1]].text
        return _extract(text, articles[ref[0]].date, nlp.known(text))

    return get


def conflict_confidence(check: float, link: float) -> float:
    """A conflict's confidence: the check's (its kind and how surely the two slots fill the
    same role) times a factor for the link's probability, from 0.8 for a link the scorer
    doubts to 1 for a sure (or reviewer-made) one: a conflict on a wrong link is no conflict.

    >>> conflict_confidence(0.9, 1.0), conflict_confidence(0.9, 0.5)
    (0.9, 0.81)
    """
    return round(check * (0.8 + 0.2 * max(0.0, min(1.0, link))), 2)


_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*[A-Za-z]")
#: How much a name conflict keeps of its confidence when each article also names the
#: other side's entity somewhere: below the show level, so it is shown as "possible".
KNOWN_TO_BOTH = 0.6


def _name_words(words: str) -> list[str]:
    """The capitalised words of a name that can tell it apart (three letters or more, no
    stop word)."""
    return [w for w in _NAME_WORD.findall(words) if len(w) >= 3 and w.lower() not in STOP_WORDS]


def _names_in(words: str, text: str) -> bool:
    """Does ``text`` name what ``words`` names: one of its capitalised words, as a word?"""
    return any(
        re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in _name_words(words)
    )


#: A run of capitalised words, as one name is written ("the Senate Intelligence Committee",
#: "Committee on Foreign Relations"); a sentence's last word ("Washington.") ends it.
_NAME_RUN = re.compile(
    r"[A-Z][\w'’.&-]*(?:(?<![a-z]{3}\.)\s+(?:(?:of|for|on|the)\s+)*[A-Z][\w'’.&-]*)+"
)


def _distinct(words: str) -> set[str]:
    return {w.strip(".").lower() for w in _name_words(words)}


def _one_name_holds_both(c: Conflict, texts: Sequence[str]) -> bool:
    """Are the two sides of a name conflict two parts of one name that one of the
    articles writes whole ("the Senate committee" / "the Intelligence committee" where an
    article names the Senate Intelligence Committee; "Saddam" / "Hussein"): the words only
    one side has and the words only the other has, all in one run of capitalised words
    (not "House Foreign Affairs" / "Senate Intelligence" for the House Intelligence
    Committee, nor "White House" / "Oval Office" for the White House Office of Legislative
    Affairs)?"""
    wa, wb = _distinct(c.a_text), _distinct(c.b_text)
    only_a, only_b = wa - wb, wb - wa
    if not only_a or not only_b:
        return False
    for text in texts:
        for m in _NAME_RUN.finditer(text):
            words = {w.strip(".").lower() for w in m.group().split()}
            if only_a <= words and only_b <= words:
                return True
    return False


def _known_to_both(
    c: Conflict,
    art_a: Article,
    art_b: Article,
    elsewhere: Callable[[], bool],
) -> Conflict:
    """A conflict whose two values both articles use is rarely a dispute: each names the
    other's entity elsewhere (a list of agencies, two parties, a first name and a
    surname), or states the other's day or figure in another sentence (two meetings, two
    years' rates; asked of ``elsewhere`` only for those kinds). Its confidence
    drops under the show level and the explanation says why."""
    if c.kind is ConflictKind.ENTITY:
        text_a = art_a.text[: c.a_span.start] + art_a.text[c.a_span.end :]
        text_b = art_b.text[: c.b_span.start] + art_b.text[c.b_span.end :]
        if not (_names_in(c.b_text, text_a) and _names_in(c.a_text, text_b)):
            return c
        why = "both articles name both elsewhere"
    elif c.kind in (ConflictKind.DATE, ConflictKind.NUMBER):
        # read only for a conflict that would be shown: the others are possible already,
        # and the search reads the facts of every sentence of both articles
        if c.confidence < SHOW_LEVEL or not elsewhere():
            return c
        what = "day" if c.kind is ConflictKind.DATE else "figure"
        why = f"each article gives the other's {what} elsewhere"
    else:
        return c
    return replace(
        c,
        confidence=round(c.confidence * KNOWN_TO_BOTH, 2),
        explanation=f"{c.explanation} ({why})",
    )


#: Each article's sentence facts, per fact getter (one per comparison; dropped with it).
_article_facts: weakref.WeakKeyDictionary[
    Callable[[Ref], factmod.Facts],
    dict[tuple[int, ConflictKind], list[tuple[int, factmod.Facts]]],
] = weakref.WeakKeyDictionary()


def _stated_elsewhere(
    a: Ref,
    b: Ref,
    sentences: Sequence[Sequence[Sentence]],
    get: Callable[[Ref], factmod.Facts],
) -> Callable[[Conflict], bool]:
    """:func:`factmod.stated_elsewhere` for conflicts between the sentences at ``a`` and
    ``b``, the other sentences' facts read on first need."""

    known = _article_facts.setdefault(get, {})

    def others(ref: Ref, kind: ConflictKind) -> list[factmod.Facts]:
        key = (ref[0], kind)
        if key not in known:  # once per article, kind and comparison, not per conflict
            sents = sentences[ref[0]]
            known[key] = [
                (k, get((ref[0], k)))
                for k in range(len(sents))
                if factmod.could_state(kind, sents[k].text)
            ]
        return [f for k, f in known[key] if k != ref[1]]

    def check(c: Conflict) -> bool:
        return factmod.stated_elsewhere(
            c, get(a), get(b), others(a, c.kind), others(b, c.kind)
        )

    return check


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
    texts = (articles[a[0]].text, articles[b[0]].text)
    found = [
        c for c in res.conflicts
        if c.kind is not ConflictKind.ENTITY or not _one_name_holds_both(c, texts)
    ]
    if not manual and (
        not res.compatible or (score < conflict_floor and any(not c.soft for c in found))
    ):
        return None
    sa, sb = sentences[a[0]][a[1]], sentences[b[0]][b[1]]
    elsewhere = _stated_elsewhere(a, b, sentences, get)
    conflicts = tuple(
        _known_to_both(
            replace(
                c,
                a_span=c.a_span.shift(sa.start),
                b_span=c.b_span.shift(sb.start),
                confidence=conflict_confidence(c.confidence, 1.0 if manual else score),
            ),
            articles[a[0]],
            articles[b[0]],
            functools.partial(elsewhere, c),
        )
        for c in found
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


def unit_texts(sentences: Sequence[Sentence], infos: Sequence[SentenceInfo]) -> list[list[str]]:
    """The clause-unit texts to embed, per sentence: none for a sentence of one unit (its
    sentence vector stands for it)."""
    out = []
    for s, info in zip(sentences, infos, strict=True):
        out.append([u.text(s.text) for u in info.units] if len(info.units) > 1 else [])
    return out


def unit_vectors(
    sentence_vectors: np.ndarray,
    texts: Sequence[Sequence[str]],
    vectors: Mapping[str, np.ndarray],
) -> list[np.ndarray]:
    """Per sentence, the matrix of its unit vectors (its sentence vector first)."""
    out = []
    for row, unit_list in enumerate(texts):
        rows = [sentence_vectors[row]] + [vectors[t] for t in unit_list]
        out.append(np.vstack(rows).astype(np.float32))
    return out


def unit_runs(infos: Sequence[SentenceInfo]) -> list[tuple[tuple[tuple[int, int], ...], ...]]:
    """Per sentence, the runs of its clause units (sentence offsets); none for a sentence of
    one unit (its sentence vector stands for it)."""
    return [
        tuple(tuple((r.start, r.end) for r in u.runs) for u in info.units)
        if len(info.units) > 1
        else ()
        for info in infos
    ]


def clause_vectors(
    encoder: object,
    sentences: Sequence[Sentence],
    infos: Sequence[SentenceInfo],
    sentence_vectors: np.ndarray,
    *,
    cancel: CancelCheck | None = None,
) -> list[np.ndarray]:
    """Per sentence, the matrix of its unit vectors, its sentence vector first. The units
    are pooled from the sentence's own token vectors (``encoder.unit_vectors``: no encoding
    beyond the sentence's); an encoder without it (a test's) encodes the unit texts."""
    runs = unit_runs(infos)
    pooled = getattr(encoder, "unit_vectors", None)
    if pooled is None:
        texts = unit_texts(sentences, infos)
        flat = sorted({t for ts in texts for t in ts})
        vecs = encoder.encode(flat, cancel=cancel) if flat else np.zeros((0, 0))  # type: ignore[attr-defined]
        return unit_vectors(sentence_vectors, texts, dict(zip(flat, vecs, strict=True)))
    items = [(s.text, r) for s, r in zip(sentences, runs, strict=True) if r]
    rows = iter(pooled(items, cancel=cancel) if items else [])
    out = []
    for k, r in enumerate(runs):
        mats = [sentence_vectors[k][None, :]] + ([next(rows)] if r else [])
        out.append(np.vstack(mats).astype(np.float32))
    return out


def sentence_infos(
    sentences: Sequence[Sentence], parses: Sequence[nlp.Parse] | None = None
) -> list[SentenceInfo]:
    """The scorer's view of each sentence; without parses, from the pattern fallback."""
    if parses is None:
        parses = [nlp.fallback_parse(s.text) for s in sentences]
    return [sentence_info(p) for p in parses]


def build_groups(
    sentences: Sequence[Sequence[Sentence]],
    links: Sequence[Link],
    *,
    max_per_article: int = 4,
) -> tuple[FactGroup, ...]:
    """Fact groups that do not chain: strongest links first, two groups merge only when
    most of their cross-article member pairs are linked (average linkage above one half,
    counting the links considered so far: a greedy correlation clustering, so removing
    the weakest link can only split), and no group holds more than ``max_per_article``
    sentences of one article. A weak bridge between two groups never merges them. An
    unlinked sentence is a group of one (status ADDED). Groups come in reading order of
    their first member."""
    linked: set[tuple[Ref, Ref]] = set()  # the links considered so far, both ways
    group_of: dict[Ref, int] = {}
    members: dict[int, list[Ref]] = {}
    for art, sents in enumerate(sentences):
        for s in sents:
            ref = (art, s.index)
            group_of[ref] = len(members)
            members[len(members)] = [ref]
    for lk in sorted(links, key=lambda lk: (-lk.score, lk.a, lk.b)):
        linked.add((lk.a, lk.b))
        linked.add((lk.b, lk.a))
        ga, gb = group_of[lk.a], group_of[lk.b]
        if ga == gb:
            continue
        ma, mb = members[ga], members[gb]
        per_art: dict[int, int] = {}
        for r in ma + mb:
            per_art[r[0]] = per_art.get(r[0], 0) + 1
        if max(per_art.values()) > max_per_article:
            continue
        cross = [(x, y) for x in ma for y in mb if x[0] != y[0]]
        hits = sum(1 for pair in cross if pair in linked)
        if cross and hits * 2 <= len(cross):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        members[keep] = ma + mb if keep == ga else mb + ma
        for r in members[gone]:
            group_of[r] = keep
        del members[gone]
    conflicted = {
        group_of[lk.a]
        for lk in links
        if lk.status is Status.CONFLICT and group_of[lk.a] == group_of[lk.b]
    }
    groups = []
    for gid, refs in sorted(members.items(), key=lambda kv: min(kv[1])):
        refs = sorted(refs)
        if len(refs) == 1:
            status = Status.ADDED
        else:
            status = Status.CONFLICT if gid in conflicted else Status.SHARED
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
    units: UnitFinder | None = None,
) -> list[Link]:
    chosen = select_links(
        candidates,
        threshold=settings.threshold,
        margin=settings.margin,
        min_gain=settings.min_gain if settings.scorer == LEGACY_SCORER else None,
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
            if units is not None:
                a_unit, b_unit = units(c.a, c.b)
                link = replace(link, a_unit=a_unit, b_unit=b_unit)
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
    parses: Sequence[Sequence[nlp.Parse]] | None = None,
    unit_embeddings: Sequence[Sequence[np.ndarray]] | None = None,
    scorer: LinkScorer | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Comparison:
    """Align every pair of articles given their sentence vectors (the pure twin of
    :func:`compare`): rows of ``embeddings[i]`` are the L2-normalised vectors of
    ``sentences[i]``. ``parses[i]`` are the sentences' parses (the pattern fallback when
    None) and ``unit_embeddings[i][k]`` the vectors of sentence k's clause units, its
    sentence vector first (the sentence vector alone when None)."""
    settings = settings or Settings()
    if len(articles) < 2:
        raise CompareError("a comparison needs at least two articles")
    if not (len(articles) == len(sentences) == len(embeddings)):
        raise CompareError("one sentence list and one embedding matrix per article")
    for sents, emb in zip(sentences, embeddings, strict=True):
        if len(sents) != len(emb):
            raise CompareError("embedding rows do not match the sentences")
    _check_sizes(articles, sentences)
    scorer = scorer or default_scorer()
    if settings.scorer != scorer.name:  # e.g. a session saved with the hand-set scorer
        fresh = Settings()
        settings = replace(
            settings,
            scorer=scorer.name,
            threshold=fresh.threshold,
            floor=fresh.floor,
            margin=fresh.margin,
            max_fanout=fresh.max_fanout,
            conflict_floor=fresh.conflict_floor,
        )
    infos = [
        sentence_infos(sents, None if parses is None else parses[n])
        for n, sents in enumerate(sentences)
    ]
    if parses is not None:
        nlp.remember(p for ps in parses for p in ps)
    units = (
        [[emb[k : k + 1] for k in range(len(emb))] for emb in embeddings]
        if unit_embeddings is None
        else unit_embeddings
    )
    words = [[content_words(s.text) for s in sents] for sents in sentences]
    weights = idf_weights(*words)
    pairs = list(combinations(range(len(articles)), 2))
    candidates: list[Candidate] = []
    for n, (i, j) in enumerate(pairs):
        _check(cancel)
        if progress:
            progress(n, len(pairs), "Aligning sentences")
        candidates += scored_candidates(
            i,
            j,
            embeddings[i],
            embeddings[j],
            units[i],
            units[j],
            words[i],
            words[j],
            infos[i],
            infos[j],
            settings=settings,
            scorer=scorer,
            weights=weights,
        )

    def unit_spans(a: Ref, b: Ref) -> tuple[Span | None, Span | None]:
        ua, ub = units[a[0]][a[1]], units[b[0]][b[1]]
        if len(ua) < 2 and len(ub) < 2:
            return None, None
        x, y = which_units(ua, ub)
        out: list[Span | None] = []
        for ref, k in ((a, x), (b, y)):
            if k == 0:  # the sentence itself matched best
                out.append(None)
            else:
                sent = sentences[ref[0]][ref[1]]
                out.append(infos[ref[0]][ref[1]].units[k - 1].extent.shift(sent.start))
        return out[0], out[1]

    facts = _fact_getter(articles, sentences)
    links = _links(candidates, articles, sentences, settings, facts, progress, cancel, unit_spans)
    return Comparison(
        articles=tuple(articles),
        sentences=tuple(tuple(s) for s in sentences),
        candidates=tuple(candidates),
        links=tuple(links),
        groups=build_groups(sentences, links, max_per_article=settings.max_fanout),
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
    own_parse = getattr(enc, "parse_many", None)
    early: np.ndarray | None = None
    if own_parse is not None:  # the encoder parses (the GUI's model process)
        all_parses = own_parse(flat, progress=progress, cancel=cancel)
    else:
        # spaCy loads and parses in a thread while the sentences are encoded: the encoder
        # spends most of its time outside the GIL, so on two cores the two overlap (the
        # clause units need the parse: they are pooled after, from the token vectors this
        # pass kept).
        with ThreadPoolExecutor(1, thread_name_prefix="factdiff-parse") as pool:
            job = pool.submit(nlp.parse_many, flat, cancel=cancel)
            early = _encode(enc, flat, progress, cancel)
            all_parses = job.result()
    parses, at = [], 0
    for sents in sentences:
        parses.append(all_parses[at : at + len(sents)])
        at += len(sents)
    infos = [sentence_infos(sents, ps) for sents, ps in zip(sentences, parses, strict=True)]
    vectors = early if early is not None else _encode(enc, flat, progress, cancel)
    embeddings, unit_embeddings, at = [], [], 0
    for sents, inf in zip(sentences, infos, strict=True):
        sv = vectors[at : at + len(sents)]
        embeddings.append(sv)
        unit_embeddings.append(clause_vectors(enc, sents, inf, sv, cancel=cancel))
        at += len(sents)
    return compare_embeddings(
        articles,
        sentences,
        embeddings,
        settings=settings,
        parses=parses,
        unit_embeddings=unit_embeddings,
        progress=progress,
        cancel=cancel,
    )


def _encode(
    enc: object, texts: list[str], progress: Progress | None, cancel: CancelCheck | None
) -> np.ndarray:
    """Sentence vectors; an encoder that pools clause units keeps the token vectors of
    this same pass for them."""
    if hasattr(enc, "unit_vectors"):
        return enc.encode(texts, progress=progress, cancel=cancel, keep_tokens=True)  # type: ignore[attr-defined]
    return enc.encode(texts, progress=progress, cancel=cancel)  # type: ignore[attr-defined]


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
        groups=build_groups(comparison.sentences, links, max_per_article=settings.max_fanout),
        settings=settings,
    )

"""Token alignment inside a link: which word of one sentence plays the part of which word
of the other, so a conflict compares slots that fill the same role.

Three passes, strongest first, each only over words still free (SimAlign's recipe with
cheap passes in front):

1. **exact, lemma and alias matches** (lower-cased text, then the parse's lemma, then the
   shared stemmer and the alias table: "U.S." ~ "America"), one-to-one, the closest in
   relative position when a word occurs twice;
2. **mutual best contextual vectors** (when token vectors are given: MiniLM word pieces
   averaged per word), a pair whose cosine is the best in its row and in its column and
   at least ``min_sim``;
3. **the gap between anchors**: a free word whose neighbours on both sides are aligned
   takes the one free word of the same shape (a number, a capitalised name, a weekday)
   between their counterparts ("in 35 counties" / "in 53 counties").

Vectors are plain arrays: ``(spans, vectors)`` with word-piece character spans into the
sentence and an ``(n, d)`` L2-normalised array, whatever produced them.

>>> a = words_of(fallback_parse("Five people died in Kent on Friday."))
>>> b = words_of(fallback_parse("Six people died in Kent on Saturday."))
>>> al = align_tokens(a, b)
>>> [(a[i].text, b[j].text, round(s, 2)) for i, (j, s) in sorted(al.links.items())][:3]
[('Five', 'Six', 0.8), ('people', 'people', 1.0), ('died', 'died', 1.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ..model import Span
from ..nlp import Parse, fallback_parse
from ..tokens import STOP_WORDS, stem, us_spelling
from .text import _stem
from .words import _ALIAS, _DEMONYMS, _MONTHS, _WEEKDAYS

__all__ = ["TokenAlignment", "Word", "align_tokens", "words_of", "fallback_parse"]

#: Vector alignment: the least cosine for a mutual best pair (tuned on the MSRP dev pairs).
MIN_SIM = 0.45
_FUNCTION_POS = frozenset({"ADP", "AUX", "DET", "PART", "CCONJ", "SCONJ", "PUNCT", "PRON"})


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a sentence: its parse token index, offsets and matching keys."""

    i: int  #: index of the token in the parse
    start: int
    end: int
    text: str
    lemma: str
    pos: str = ""

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def shape(self) -> str:
        """A coarse class: "num", "day", "cap", "word"; only words of one shape fill a gap."""
        t = self.text
        if t[:1].isdigit() or t[:1] in "$€£" and t[1:2].isdigit():
            return "num"
        low = self.low
        if low in _WEEKDAYS or low in _MONTHS:
            return "day"
        if t[:1].isupper():
            return "cap"
        return "word"

    @property
    def is_content(self) -> bool:
        if self.pos:
            return self.pos not in _FUNCTION_POS
        return self.low not in STOP_WORDS


def words_of(p: Parse) -> list[Word]:
    """The words of a parse (punctuation dropped), in order."""
    out = []
    for t in p.tokens:
        if not any(c.isalnum() for c in t.text):
            continue
        out.append(Word(t.i, t.start, t.end, t.text, t.lemma.lower(), t.pos))
    return out


@lru_cache(maxsize=1 << 16)
def _keys(w: Word) -> tuple[str, str, str, str]:
    """Matching keys, strictest first: the word, its lemma, an alias or the shared stem
    (of the American spelling: "Centre" / "Center"), and the facts stemmer (irregular
    forms, event nouns: "met" / "meeting" -> "meet")."""
    low = w.low.rstrip(".") if len(w.low) > 2 else w.low
    if w.shape == "num":
        low = low.replace(",", "").lstrip("$€£")
    alias = _ALIAS.get(low) or _DEMONYMS.get(low) or stem(us_spelling(low))
    return low, w.lemma, alias, _stem(low) if w.shape == "word" else alias


@dataclass(frozen=True)
class TokenAlignment:
    """Links between the words of two sentences: ``links[i] = (j, strength)`` for word
    ``i`` of ``a`` and word ``j`` of ``b`` (indices into the word lists)."""

    a: tuple[Word, ...]
    b: tuple[Word, ...]
    links: dict[int, tuple[int, float]] = field(default_factory=dict)
    #: the words of ``a`` linked only by their place between two links (pass 3), not by
    #: their own form or vector
    gapped: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        seen: set[int] = set()
        for i, (j, s) in self.links.items():
            if not (0 <= i < len(self.a) and 0 <= j < len(self.b)) or j in seen:
                raise ValueError(f"bad link {i} -> {j}")
            if not 0.0 <= s <= 1.0:
                raise ValueError(f"link strength {s} outside [0, 1]")
            seen.add(j)

    @property
    def back(self) -> dict[int, tuple[int, float]]:
        return {j: (i, s) for i, (j, s) in self.links.items()}

    def words_in(self, side: str, span: Span) -> list[int]:
        ws = self.a if side == "a" else self.b
        return [k for k, w in enumerate(ws) if w.start < span.end and span.start < w.end]

    def word_at_token(self, side: str, tok: int) -> int | None:
        return self._at_token[0 if side == "a" else 1].get(tok)

    @cached_property
    def _at_token(self) -> tuple[dict[int, int], dict[int, int]]:
        """Each side's word index by parse token index (asked for every slot's heads)."""
        return ({w.i: k for k, w in enumerate(self.a)}, {w.i: k for k, w in enumerate(self.b)})

    def between(self, sa: Span, sb: Span) -> float:
        """The strongest link from a word inside ``sa`` to a word inside ``sb``."""
        inb = set(self.words_in("b", sb))
        best = 0.0
        for i in self.words_in("a", sa):
            j, s = self.links.get(i, (-1, 0.0))
            if j in inb:
                best = max(best, s)
        return best

    def linked_words(self, i: int, j: int) -> float:
        got = self.links.get(i)
        return got[1] if got is not None and got[0] == j else 0.0


def _word_vectors(words: Sequence[Word], vectors: Any) -> Any:
    """Per word, the mean of the word pieces that overlap it (L2-normalised), or None."""
    import numpy as np

    spans, arr = vectors
    arr = np.asarray(arr, dtype=np.float32)
    if arr.ndim != 2 or arr.shape[0] != len(spans):
        return None
    if not words or not len(spans):
        return np.zeros((len(words), arr.shape[1]), dtype=np.float32)
    piece = np.asarray(spans, dtype=np.int64).reshape(len(spans), 2)
    ws = np.array([(w.start, w.end) for w in words], dtype=np.int64)
    # pieces overlapping each word, as a 0/1 matrix: its rows sum the pieces to average
    hit = (piece[None, :, 0] < ws[:, None, 1]) & (ws[:, None, 0] < piece[None, :, 1])
    out = hit.astype(np.float32) @ arr
    norm = np.linalg.norm(out, axis=1, keepdims=True)  # the mean's direction is the sum's
    return np.divide(out, norm, out=np.zeros_like(out), where=norm > 0)


def _beside_link(links: dict[int, tuple[int, float]], i: int, j: int) -> bool:
    """Is ``i`` / ``j`` next to an existing link, in step with it (i±1 / j±1)?"""
    return any(links.get(i + d, (None,))[0] == j + d for d in (-1, 1))


#: Units of measure: a value's own words, aligned by their form like its figure ("35
#: days" / "three weeks" are two durations, however alike "days" and "weeks" read).
_UNIT_WORDS = frozenset(
    """second minute hour day week month year decade century mile kilometer kilometre
    meter metre foot feet inch yard pound kilogram kilo gram ton tonne acre hectare
    percent""".split()
)


def _vectored(w: Word) -> bool:
    """May the vector pass link this word? A content word of the shape "word", not a unit."""
    return (
        w.shape == "word" and w.is_content
        and w.lemma not in _UNIT_WORDS and w.low.rstrip("s") not in _UNIT_WORDS
    )


def _match_level(ki: tuple[str, ...], kj: tuple[str, ...], levels: tuple[int, ...]) -> int | None:
    """The strictest of ``levels`` at which two words' keys match, or None."""
    for level in levels:
        if ki[level] and ki[level] == kj[level]:
            return level
    return None


def _uncross(
    links: dict[int, tuple[int, float]],
    made: dict[int, int],
    ka: list[tuple[str, str, str, str]],
    kb: list[tuple[str, str, str, str]],
    levels: tuple[int, ...],
    strengths: tuple[float, ...],
) -> None:
    """Swap two links of one pass that cross when, swapped, each matches at least as
    strictly as the stricter of the two did, and together more strictly. Closest
    relative position first can pair a word with the other sentence's form of its lemma
    and leave the two exact forms to each other's lemma ("taxed at income tax rates" /
    "not taxed at income tax rates": "tax" takes the nearer "taxed", so "taxed" gets
    "tax"); in order and exact, both are right."""
    # compared within the groups of words of ``a`` that share a key (the case at hand:
    # one lemma, two forms), so a long sentence costs no comparison of every pair
    groups: dict[tuple[int, str], list[int]] = {}
    for i in made:
        for level in levels:
            if ka[i][level]:
                groups.setdefault((level, ka[i][level]), []).append(i)
    pairs = sorted({
        (min(g[x], g[y]), max(g[x], g[y]))
        for g in groups.values() for x in range(len(g)) for y in range(x + 1, len(g))
    })
    changed = True
    while changed:
        changed = False
        for i1, i2 in pairs:
            j1, j2 = links[i1][0], links[i2][0]
            if j1 < j2:
                continue  # in order
            l1 = _match_level(ka[i1], kb[j2], levels)
            l2 = _match_level(ka[i2], kb[j1], levels)
            if l1 is None or l2 is None:
                continue
            if max(l1, l2) <= min(made[i1], made[i2]) and l1 + l2 < made[i1] + made[i2]:
                links[i1], links[i2] = (j2, strengths[l1]), (j1, strengths[l2])
                made[i1], made[i2] = l1, l2
                changed = True


def align_tokens(
    a: Sequence[Word],
    b: Sequence[Word],
    *,
    a_vectors: Any = None,
    b_vectors: Any = None,
    min_sim: float = MIN_SIM,
) -> TokenAlignment:
    """Align the words of two sentences (see the module docstring for the passes)."""
    links: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    na, nb = max(len(a), 1), max(len(b), 1)
    ka = [_keys(w) for w in a]
    kb = [_keys(w) for w in b]
    # where each key of b is, per level: the candidates of a word of a without a scan
    where_b: list[dict[str, list[int]]] = [{}, {}, {}, {}]
    for j, keys in enumerate(kb):
        for level, key in enumerate(keys):
            if key:
                where_b[level].setdefault(key, []).append(j)
    # 1. exact, lemma, alias/stem: one-to-one, closest relative position first. Content
    # words first; a function word ("the", "in") only next to a content link, in step with
    # it, so the many "the"s of two long sentences do not pair at random.
    # The word and its lemma are one pass: "has" takes the nearer "have" before a far
    # "has" ("Dell has 32 percent" / "Dell does not have 32 percent ..., it has 10").
    strengths = (1.0, 0.95, 0.9, 0.85)
    for content in (True, False):
        for levels in ((0, 1), (2,), (3,)):
            cands = []
            for i in range(len(a)):
                if i in links or a[i].is_content is not content:
                    continue
                seen: set[int] = set()
                for level in levels:
                    for j in where_b[level].get(ka[i][level], ()) if ka[i][level] else ():
                        if j in taken or j in seen:
                            continue
                        if not content and not _beside_link(links, i, j):
                            continue
                        seen.add(j)
                        cands.append((abs(i / na - j / nb), level, i, j))
            made: dict[int, int] = {}  # the links of this pass, with their match level
            for _, level, i, j in sorted(cands):
                if i not in links and j not in taken:
                    links[i] = (j, strengths[level])
                    taken.add(j)
                    made[i] = level
            if content:
                _uncross(links, made, ka, kb, levels, strengths)
    # 2. mutual best contextual vectors among the free words.
    if a_vectors is not None and b_vectors is not None and a and b:
        va, vb = _word_vectors(a, a_vectors), _word_vectors(b, b_vectors)
        if va is not None and vb is not None and va.shape[1] == vb.shape[1]:
            # Only the words this pass may link compete: content words of the shape
            # "word". Values (figures, days, names) are what the checks compare: they are
            # aligned by their context (pass 3, heads), never by their own vectors, in
            # which every number looks like every other; and a function word ("the") that
            # is a word's nearest vector must not keep it from its best content word.
            free_a = [i for i in range(len(a)) if i not in links and _vectored(a[i])]
            free_b = [j for j in range(len(b)) if j not in taken and _vectored(b[j])]
            if free_a and free_b:
                sim = va[free_a] @ vb[free_b].T
                for r, i in enumerate(free_a):
                    c = int(sim[r].argmax())
                    s = float(sim[r, c])
                    if s >= min_sim and int(sim[:, c].argmax()) == r:
                        links[i] = (free_b[c], min(1.0, s))
                        taken.add(free_b[c])
    # 3. the gap between anchors: a free word between two links of the passes above
    # (content words, or function words in step with one) takes the one free word of
    # its shape in the matching gap of the other sentence. No chains: a gap link is
    # never an anchor.
    anchors = dict(links)
    gapped: set[int] = set()
    for i in range(len(a)):
        if i in links:
            continue
        lo_i, hi_i = i - 1, i + 1
        while lo_i >= 0 and lo_i not in anchors:
            lo_i -= 1
        while hi_i < len(a) and hi_i not in anchors:
            hi_i += 1
        lo, s_lo = anchors[lo_i] if lo_i >= 0 else (-1, 1.0)
        hi, s_hi = anchors[hi_i] if hi_i < len(a) else (len(b), 1.0)
        if lo_i < 0 and hi_i >= len(a) or hi <= lo + 1:
            continue
        gap_a = [k for k in range(lo_i + 1, hi_i) if k not in links]
        gap_b = [j for j in range(lo + 1, hi) if j not in taken]
        if abs(len(gap_a) - len(range(lo + 1, hi))) > 1 or len(gap_a) > 3:
            continue
        same = [j for j in gap_b if b[j].shape == a[i].shape]
        mine = [k for k in gap_a if a[k].shape == a[i].shape]
        if len(same) == 1 and mine == [i]:
            links[i] = (same[0], round(0.8 * min(s_lo, s_hi), 4))
            taken.add(same[0])
            gapped.add(i)
    return TokenAlignment(tuple(a), tuple(b), links, frozenset(gapped))

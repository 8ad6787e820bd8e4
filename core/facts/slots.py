"""Slots and roles inside one link: is a value in sentence A the counterpart of a value in
sentence B? Only then can the two disagree; a slot with no counterpart is a detail.

Two slots are counterparts when (strongest first):

- a word of one is aligned to a word of the other (:mod:`.tokalign`: "35" / "53" between
  aligned neighbours, or mutual best contextual vectors; and, on the parse, two verbs
  whose subjects, objects or clauses are aligned in the same roles: "the company
  announced" / "the company said");
- their **heads** are aligned: the content word each slot hangs from in the parse, through
  prepositions and auxiliaries ("35 counties" / "53 counties": both count "counties";
  "on Friday" / "on Saturday": both date the same verb), with a compatible relation;
- without a parse, their nearest content neighbours on both sides are aligned.

:meth:`PairView.link` returns that strength in [0, 1]; checks compare values only above
:data:`MIN_LINK` and fold the strength into their confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..model import Span
from ..nlp import Parse, Token, fallback_parse
from .records import Facts
from .tokalign import TokenAlignment, Word, _word_vectors, align_tokens, words_of

__all__ = ["MIN_LINK", "SOLE_SLOT_REST", "PairView"]

#: The least slot link for two values to be compared at all (tuned on the dev pairs).
MIN_LINK = 0.6
#: How much of two sentences, their only day (or their only free name) left out, must be
#: aligned word for word (of the longer side) for those two values to be one slot however
#: the parse hangs them. Real dev: 0.3 took the hard false alarms up (0.38 -> 0.44 per pair
#: for days), 0.4 and 0.5 did not; 0.5 keeps a margin from that knee.
SOLE_SLOT_REST = 0.5
#: :meth:`PairView.gap_link`: at most this many content words between a value and the
#: anchor on each side, and the least strength of an anchor (exact, lemma, alias, stem).
GAP_WORDS = 3
GAP_ANCHOR = 0.85
_SPEECH = frozenset("say tell add announce state write report claim insist".split())
_SKIP_POS = frozenset({"ADP", "AUX", "DET", "PART", "PUNCT", "CCONJ", "SCONJ"})
_VERBS = frozenset({"VERB", "AUX"})
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "pcomp", "csubj", "parataxis"})
# Relations that name the same role on both sides (anything else must match exactly).
_REL_GROUP = {
    "nsubj": "subj", "nsubjpass": "obj", "csubj": "subj", "agent": "subj", "by": "subj",
    "dobj": "obj", "obj": "obj", "attr": "obj", "oprd": "obj", "pobj": "obj",
    "nummod": "mod", "amod": "mod", "compound": "mod", "nmod": "mod", "quantmod": "mod",
    "npadvmod": "adv",
    "poss": "poss", "appos": "appos", "conj": "conj", "npmod": "adv", "advmod": "adv",
    "tmod": "adv",
}  # fmt: skip
#: Prepositions of time: "unveiled on Wednesday" relates as "unveiled Wednesday" does.
_TIME_PREPS = frozenset({"prep:on", "prep:at", "prep:during"})


def _same_role(ra: str, rb: str) -> bool:
    """Do two dependency relations (with the preposition gone through) name one role?"""
    if ra == rb:
        return True
    ga = "adv" if ra in _TIME_PREPS else _REL_GROUP.get(ra.split(":")[0], ra)
    gb = "adv" if rb in _TIME_PREPS else _REL_GROUP.get(rb.split(":")[0], rb)
    if ga == gb:
        return True
    # any two prepositional relations matched before; a time preposition stays one too
    return {ra.split(":")[0], rb.split(":")[0]} == {"prep"}




def _of_phrase(ha: Head, hb: Head, pa: Parse, pb: Parse) -> bool:
    """A common noun's "of" phrase on one side, its modifier or possessor on the other:
    "shares of Microsoft" / "Microsoft shares" / "Microsoft's shares", "the attacks of
    October 12" / "the October 12 attacks". Not under a name ("Ann Wagner of Missouri" /
    "RNC Co-Chairwoman Ann Wagner": where she is from, and her post)."""
    rels = {ha.rel, hb.rel}
    return (
        "prep:of" in rels and bool(rels & {"compound", "nmod", "amod", "poss"})
        and pa.tokens[ha.token].pos == "NOUN" and pb.tokens[hb.token].pos == "NOUN"
    )


#: Context pass: the least cosine of two words' vectors for two aligned dependency
#: neighbours, and for one (the words' own likeness is weaker evidence than their
#: neighbours').
CONTEXT_SIM = (0.25, 0.35)
CONTEXT_STRENGTH = 0.65
CONTEXT_BARE = 2
_CONTEXT_ANCHOR = GAP_ANCHOR  # a firm link: exact, lemma, alias or stem, as a gap's anchors
_CONTEXT_POS = frozenset({"VERB"})
_NO_CONTEXT = frozenset({"PUNCT", "DET"})
#: Relations that are no context of an act: when and how often ("today", "again") say
#: nothing of which act it is.
_NO_CONTEXT_DEPS = frozenset({"advmod", "npadvmod", "tmod", "neg", "mark", "cc", "prt"})


def _neighbours(p: Parse) -> dict[int, list[tuple[int, str, str]]]:
    """Each token's dependency neighbours as (token, direction, relation), through
    prepositions ("located in Canada": Canada, down, prep:in; Canada: located, up,
    prep:in)."""
    kids: dict[int, list[Token]] = {}
    for t in p.tokens:
        if not t.is_root:
            kids.setdefault(t.head, []).append(t)
    out: dict[int, list[tuple[int, str, str]]] = {}
    for t in p.tokens:
        near: list[tuple[int, str, str]] = []
        if not t.is_root:
            h = p.tokens[t.head]
            if h.pos == "ADP" and not h.is_root:
                near.append((h.head, "up", f"prep:{h.lemma.lower()}"))
            elif h.pos not in _SKIP_POS and t.dep not in _NO_CONTEXT_DEPS:
                near.append((h.i, "up", t.dep))
        for c in kids.get(t.i, ()):
            if c.pos == "ADP":
                rel = f"prep:{c.lemma.lower()}"
                near += [(g.i, "down", rel) for g in kids.get(c.i, ()) if g.pos not in _NO_CONTEXT]
            elif c.pos not in _NO_CONTEXT and c.pos not in _SKIP_POS and (
                c.dep not in _NO_CONTEXT_DEPS
            ):
                near.append((c.i, "down", c.dep))
        out[t.i] = near
    return out


def _by_context(al: TokenAlignment, pa: Parse, pb: Parse, va: Any, vb: Any) -> TokenAlignment:
    """Pass 4, on the parse: two free verbs whose dependency neighbours are firmly aligned
    (exact, lemma, alias) in the same roles, and whose own vectors are not far apart, are
    one act told two ways ("Citigroup on Wednesday promoted X to chairman" / "Citigroup on
    Wednesday named Y chairman"), as monolingual aligners match words by their syntactic
    context. Verbs only: two nouns under one verb are as often two things ("release the
    report" / "release a statement"; real dev)."""
    links = dict(al.links)
    taken = {j for j, _ in links.values()}

    def free(words: Sequence[Word], used: Any, p: Parse) -> list[int]:
        return [k for k, w in enumerate(words) if k not in used and w.shape == "word"
                and w.is_content and p.tokens[w.i].pos in _CONTEXT_POS]

    fa, fb = free(al.a, links, pa), free(al.b, taken, pb)
    if not fa or not fb:
        return al
    sims = None
    if va is not None and vb is not None:
        wa, wb = _word_vectors([al.a[k] for k in fa], va), _word_vectors([al.b[k] for k in fb], vb)
        if wa is not None and wb is not None and wa.shape[1] == wb.shape[1]:
            sims = wa @ wb.T
    near_a, near_b = _neighbours(pa), _neighbours(pb)
    cands = []
    for r, i in enumerate(fa):
        for c, j in enumerate(fb):
            used: set[int] = set()
            ctx = 0
            for ta, da, ra in near_a[al.a[i].i]:
                wi = al.word_at_token("a", ta)
                link = links.get(wi) if wi is not None else None
                if link is None or link[1] < _CONTEXT_ANCHOR:
                    continue
                for tb, db, rb in near_b[al.b[j].i]:
                    wj = al.word_at_token("b", tb)
                    if wj == link[0] and wj not in used and da == db and _same_role(ra, rb):
                        used.add(wj)
                        ctx += 1
                        break
            if sims is None:
                if ctx >= CONTEXT_BARE:
                    cands.append((-ctx, 0.0, i, j))
                continue
            s = float(sims[r, c])
            if ctx >= 2 and s >= CONTEXT_SIM[0] or ctx == 1 and s >= CONTEXT_SIM[1]:
                cands.append((-ctx, -s, i, j))
    if not cands:
        return al
    for _, _, i, j in sorted(cands):
        if i not in links and j not in taken:
            links[i] = (j, CONTEXT_STRENGTH)
            taken.add(j)
    return TokenAlignment(al.a, al.b, links, al.gapped)


def _parse_of(f: Facts) -> Parse:
    p = f.parse
    return p if p is not None else _fallback(f.text)


def _fallback(text: str) -> Parse:
    return fallback_parse(text)


def _copula_predicate(p: Parse, h: Token, came: Token) -> Token | None:
    """The predicate a copula's subject hangs from: "pregnant" of "Peterson was
    pregnant", "mayor" of "she is the mayor", "meet" of "he is to meet the unions" (the
    parse makes "be" the head); None for any other skipped word or for a copula with no
    such predicate."""
    if h.lemma.lower() != "be" or came.dep not in ("nsubj", "nsubjpass", "expl"):
        return None
    preds = [k for k in p.children(h.i) if k.dep in ("acomp", "attr", "xcomp") and k.i != came.i]
    if not preds:
        # "Lovett was among those arrested", "she is in Paris": the place or group the
        # preposition's object names says it
        preps = [k for k in p.children(h.i) if k.dep == "prep"]
        if len(preps) == 1:
            preds = [k for k in p.children(preps[0].i) if k.dep == "pobj"]
    return preds[0] if len(preds) == 1 else None


def _apposed(p: Parse, tok: Token) -> bool:
    """A name in apposition to a common noun: "The woman, Mary Miller, was arrested"."""
    return (
        tok.dep == "appos" and tok.pos == "PROPN" and not tok.is_root
        and p.tokens[tok.head].pos == "NOUN"
    )


def top_token(p: Parse, span: Span) -> int | None:
    """The span's head in the parse: its first token whose head lies outside it (or the
    root); None when no token overlaps the span."""
    inside = {t.i for t in p.tokens if t.start < span.end and span.start < t.end}
    tops = [i for i in sorted(inside) if p.tokens[i].head not in inside or p.tokens[i].is_root]
    return tops[0] if tops else None


@dataclass(frozen=True)
class Head:
    """Where a slot hangs in its sentence: the governing content token and the relation."""

    token: int
    rel: str  #: the slot's dependency label, with the preposition it went through ("prep:on")


class PairView:
    """What the checks of one pair share: both parses and the token alignment."""

    def __init__(self, a: Facts, b: Facts, *, a_vectors: Any = None, b_vectors: Any = None):
        self.a, self.b = a, b
        self.pa, self.pb = _parse_of(a), _parse_of(b)
        self._vectors = (a_vectors, b_vectors)

    @cached_property
    def align(self) -> TokenAlignment:
        """The token alignment (computed on first use: unparsed pairs never need it)."""
        va, vb = self._vectors
        al = align_tokens(words_of(self.pa), words_of(self.pb), a_vectors=va, b_vectors=vb)
        if self.pa.parsed and self.pb.parsed:
            al = _by_context(al, self.pa, self.pb, va, vb)
        return al

    @cached_property
    def parsed(self) -> bool:
        return self.pa.parsed and self.pb.parsed

    def parse(self, side: str) -> Parse:
        return self.pa if side == "a" else self.pb

    def tokens_in(self, side: str, span: Span) -> list[int]:
        p = self.parse(side)
        return [t.i for t in p.tokens if t.start < span.end and span.start < t.end]

    def heads(
        self, side: str, span: Span, *, depth: int = 2, apposed: bool = False
    ) -> list[Head]:
        """The content tokens a slot hangs from, nearest first (up to ``depth``), through
        prepositions and auxiliaries; empty without a parse or at the root. Reporting
        verbs end the climb (every clause of a news sentence hangs from "said"). With
        ``apposed``, a name in apposition to a common noun hangs where that noun does."""
        p = self.parse(side)
        top = top_token(p, span) if p.parsed else None
        if top is None:
            return []
        h = p.tokens[top]
        while apposed and _apposed(p, h):
            h = p.tokens[h.head]
        # "on Friday" taken whole relates as "Friday" does when the span leaves "on" out
        rel = f"prep:{h.lemma.lower()}" if h.pos == "ADP" else h.dep
        out: list[Head] = []
        for _ in range(8):
            if h.is_root or len(out) >= depth:
                break
            came = h
            h = p.tokens[h.head]
            if h.pos in _SKIP_POS:
                if h.pos == "ADP":
                    rel = f"prep:{h.lemma.lower()}"
                pred = _copula_predicate(p, h, came)
                if pred is None:
                    continue
                h = pred  # "Peterson was eight months pregnant": "pregnant" says it
            if out and h.lemma.lower() in _SPEECH:
                break
            out.append(Head(h.i, rel))
            rel = h.dep
        return out

    def attachment(self, side: str, span: Span) -> Head | None:
        """The other place a slot's prepositional phrase may hang: the parse's choice
        between a verb and the noun just before the preposition, that verb's object, is
        often a guess ("engage exiles in Britain" under "engage" on one side, under
        "exiles" on the other). None when the slot is no such phrase."""
        p = self.parse(side)
        top_i = top_token(p, span) if p.parsed else None
        if top_i is None:
            return None
        top = p.tokens[top_i]
        prep = p.tokens[top.head]
        if top.is_root or top.dep != "pobj" or prep.pos != "ADP" or prep.i == 0 or prep.is_root:
            return None
        up, before = p.tokens[prep.head], p.tokens[prep.i - 1]
        if before.pos not in ("NOUN", "PROPN") or before.dep not in ("dobj", "obj"):
            return None
        rel = f"prep:{prep.lemma.lower()}"
        if up.pos in _VERBS and before.head == up.i:
            return Head(before.i, rel)  # under the verb: the object noun instead
        if up.i == before.i and p.tokens[before.head].pos in _VERBS:
            return Head(before.head, rel)  # under the object: its verb instead
        return None

    def head(self, side: str, span: Span) -> Head | None:
        """The nearest content token a slot hangs from (None without a parse)."""
        hs = self.heads(side, span, depth=1)
        return hs[0] if hs else None

    def _word(self, side: str, tok: int) -> int | None:
        return self.align.word_at_token(side, tok)

    def token_link(self, ta: int, tb: int) -> float:
        """How strongly token ``ta`` of A is aligned to token ``tb`` of B (0 if not)."""
        wa, wb = self._word("a", ta), self._word("b", tb)
        return 0.0 if wa is None or wb is None else self.align.linked_words(wa, wb)

    def token_link_from(self, side: str, mine: int, theirs: int) -> float:
        """:meth:`token_link` seen from ``side``: token ``mine`` of that side against
        token ``theirs`` of the other."""
        return self.token_link(mine, theirs) if side == "a" else self.token_link(theirs, mine)

    def heads_link(self, sa: Span, sb: Span, *, reach: bool = True) -> float:
        """Aligned heads: the nearest heads (full strength; half for another relation),
        or, with ``reach``, one side's head aligned to the other's next one up (0.8): "a
        meeting ... during a conference this Friday" / "met ... on Saturday"."""
        best = 0.0
        for ap_a, ap_b in self._readings(sa, sb):
            best = max(best, self._heads_link(sa, sb, reach, ap_a, ap_b))
        return best

    def _readings(self, sa: Span, sb: Span) -> list[tuple[bool, bool]]:
        """How the two slots may be read: as they hang, and a name in apposition to a
        noun in that noun's place (where one is)."""
        ap_a, ap_b = self._slot_apposed("a", sa), self._slot_apposed("b", sb)
        return [(False, False), (ap_a, ap_b)] if ap_a or ap_b else [(False, False)]

    def _slot_apposed(self, side: str, span: Span) -> bool:
        p = self.parse(side)
        top = top_token(p, span) if p.parsed else None
        return top is not None and _apposed(p, p.tokens[top])

    def _heads_link(self, sa: Span, sb: Span, reach: bool, ap_a: bool, ap_b: bool) -> float:
        best = 0.0
        heads_a = self.heads("a", sa, apposed=ap_a)
        heads_b = self.heads("b", sb, apposed=ap_b)
        # Not one step further up out of a clause of its own: a value that hangs from the
        # verb of a subordinate clause dates or counts that clause's event, and the verb
        # above is another event ("After winning re-election in November, he resigned").
        # A conjoined verb or a complement shares the event ("arrested and charged on
        # July 21", "was found abandoned June 25").
        up_a = bool(heads_a) and not self.own_clause("a", heads_a[0].token)
        up_b = bool(heads_b) and not self.own_clause("b", heads_b[0].token)
        for da, ha in enumerate(heads_a):
            for db, hb in enumerate(heads_b):
                if da + db > (1 if reach else 0) or (da and not up_a) or (db and not up_b):
                    continue
                wa, wb = self._word("a", ha.token), self._word("b", hb.token)
                if wa is None or wb is None:
                    continue
                if wa in self.align.gapped and self.pa.tokens[ha.token].pos == "VERB":
                    # a verb linked only by its place between two links is no sign of one
                    # act: "the Legislature sent a bill" / "the Legislature passed a bill"
                    continue
                s = self.align.linked_words(wa, wb)
                if not s:
                    continue
                if da == db == 0:
                    if not self._one_role(ha, hb):
                        s *= 0.5
                else:
                    s *= 0.8
                best = max(best, s)
        # the phrase hung on the verb on one side and on its object on the other
        alt_a, alt_b = self.attachment("a", sa), self.attachment("b", sb)
        pairs: list[tuple[Head | None, Head | None]] = [
            *((alt_a, h) for h in heads_b[:1]), *((h, alt_b) for h in heads_a[:1])]
        for xa, xb in pairs:
            if xa is None or xb is None or xa.rel != xb.rel:
                continue
            best = max(best, 0.9 * self.token_link(xa.token, xb.token))
        return best

    def _one_role(self, ha: Head, hb: Head) -> bool:
        """Do two slots relate to their heads (``ha`` of A, ``hb`` of B) as one role: by
        relations of one group, or a noun's "of" phrase against its modifier?"""
        return _same_role(ha.rel, hb.rel) or _of_phrase(ha, hb, self.pa, self.pb)

    def own_clause(self, side: str, i: int) -> bool:
        """Is token ``i`` the verb of a subordinate clause (adverbial, complement, relative)?"""
        t = self.parse(side).tokens[i]
        return t.pos in _VERBS and t.dep in _CLAUSE_DEPS

    def neighbours_link(self, sa: Span, sb: Span) -> float:
        """Aligned content neighbours: the nearest on the left of ``sa`` and on its right
        are aligned to words just left and right of ``sb`` (within three words)."""
        al = self.align
        ia, ib = al.words_in("a", sa), al.words_in("b", sb)
        if not ia or not ib:
            return 0.0
        score = 0.0
        for step, edge_a, edge_b in ((-1, ia[0], ib[0]), (1, ia[-1], ib[-1])):
            k = edge_a + step
            while 0 <= k < len(al.a) and not al.a[k].is_content:
                k += step
            link = al.links.get(k)
            if link is None:
                continue
            j, s = link
            if 0 < (j - edge_b) * step <= 3:
                score += 0.375 * s
        return score

    def top(self, side: str, span: Span) -> int | None:
        """The word index of a slot's top content token (the name's head, the number)."""
        p = self.parse(side)
        inside = self.tokens_in(side, span)
        if not inside:
            return None
        depth = {}
        for i in inside:
            d, h = 0, p.tokens[i]
            while not h.is_root and h.head in inside and d < 10:
                h, d = p.tokens[h.head], d + 1
            depth[i] = d
        content = [i for i in inside if p.tokens[i].pos not in _SKIP_POS] or inside
        best = min(content, key=lambda i: (depth[i], -i))
        return self._word(side, best)

    def direct_link(self, sa: Span, sb: Span) -> float:
        """The two slots' top words aligned to each other."""
        wa, wb = self.top("a", sa), self.top("b", sb)
        if wa is None or wb is None:
            return 0.0
        return self.align.linked_words(wa, wb)

    def _context(self, side: str, span: Span) -> set[int]:
        """Content tokens of the noun phrase a value belongs to: the slot's dependents and,
        when it hangs from a noun ("a $5,587.75 vacation"), that noun and its dependents,
        through one preposition, with their compounds; never a verb's other arguments."""
        p = self.parse(side)
        inside = set(self.tokens_in(side, span))
        hs = self.heads(side, span, depth=1)
        anchors = list(inside)
        if hs and p.tokens[hs[0].token].pos in ("NOUN", "PROPN"):
            anchors.append(hs[0].token)
        out: set[int] = set()
        for k in anchors:
            if k not in inside:
                out.add(k)
            for c in p.children(k):
                if c.i in inside or c.pos in ("VERB", "AUX"):
                    continue
                out.add(c.i)
                if c.pos == "ADP":
                    out.update(g.i for g in p.children(c.i))
        for k in list(out):
            out.update(c.i for c in p.children(k) if c.dep in ("compound", "poss", "amod"))
        return {i for i in out if p.tokens[i].pos in ("NOUN", "PROPN", "ADJ")}

    def context_link(self, sa: Span, sb: Span) -> float:
        """Shared context: words of the two values' noun phrases that are the same words
        (exact, lemma or alias links): 0.65 for one, 0.7 for two or more. "a $5,587.75
        vacation at the Holistic Retreat" / "$5,687.75 on Holistic Retreat"."""
        ca, cb = self._context("a", sa), self._context("b", sb)
        wb = {self._word("b", t) for t in cb} - {None}
        n = 0
        for t in ca:
            w = self._word("a", t)
            if w is None or w not in self.align.links:
                continue
            j, s = self.align.links[w]
            if j in wb and s >= 0.85:
                n += 1
        return 0.0 if n == 0 else 0.65 if n == 1 else 0.7

    def aligned_share(
        self, skip_a: list[Span], skip_b: list[Span], *, of_longer: bool = False
    ) -> float:
        """The share of content words outside ``skip_a`` that are aligned (exact, lemma,
        alias or vectors, strength 0.7 up) to content words of B outside ``skip_b``: of the
        shorter side's count, or with ``of_longer`` of the longer side's."""
        al = self.align

        def outside(start: int, spans: list[Span]) -> bool:
            return not any(s.start <= start < s.end for s in spans)

        ca = [i for i, w in enumerate(al.a) if w.is_content and outside(w.start, skip_a)]
        cb = {j for j, w in enumerate(al.b) if w.is_content and outside(w.start, skip_b)}
        if not ca or not cb:
            return 0.0
        hit = sum(
            1 for i in ca if i in al.links and al.links[i][0] in cb and al.links[i][1] >= 0.7
        )
        size = max(len(ca), len(cb)) if of_longer else min(len(ca), len(cb))
        return min(1.0, hit / size)

    def sole_link(self, sa: Span, sb: Span) -> float:
        """The slot link of two values that are the only ones of their kind in their
        sentences: how much of the rest is aligned (of the longer side), at least
        :data:`MIN_LINK` when that is :data:`SOLE_SLOT_REST` or more, else 0."""
        share = self.aligned_share([sa], [sb], of_longer=True)
        return max(MIN_LINK, share) if share >= SOLE_SLOT_REST else 0.0

    def same_relation(self, sa: Span, sb: Span) -> bool:
        """Do the two slots hang from their heads by one relation (subject / subject, "to
        418" / "to 288"), whatever the heads are? False without a parse."""
        for ap_a, ap_b in self._readings(sa, sb):
            ha = next(iter(self.heads("a", sa, depth=1, apposed=ap_a)), None)
            hb = next(iter(self.heads("b", sb, depth=1, apposed=ap_b)), None)
            if ha is not None and hb is not None and self._one_role(ha, hb):
                return True
        return False

    def gap_link(
        self, sa: Span, sb: Span, *, others_a: Sequence[Span] = (), others_b: Sequence[Span] = ()
    ) -> float:
        """Two values in the same gap of the alignment: the nearest firmly aligned content
        words left and right of ``sa`` are aligned to words left and right of ``sb``, both
        ways (the sentence's edge counts only right at the value), with at most
        :data:`GAP_WORDS` content words between each value and each anchor and none of
        ``others_a`` / ``others_b`` (the other values of the kind) in the gap. "Goldman is
        trying to sell the shares" / "Morgan offered the shares": one role, whatever the
        verbs. 0.64-0.7 by anchor strength."""
        al = self.align
        ia, ib = al.words_in("a", sa), al.words_in("b", sb)
        if not ia or not ib:
            return 0.0
        back = al.back
        inside_b, inside_a = set(ib), set(ia)
        if any(i in al.links and al.links[i][0] not in inside_b for i in ia) or any(
            j in back and back[j][0] not in inside_a for j in ib
        ):
            return 0.0  # a word of one value is the counterpart of another word

        def firm(links: dict[int, tuple[int, float]], words: Sequence[Word], k: int) -> bool:
            return k in links and links[k][1] >= GAP_ANCHOR and words[k].is_content

        def anchor(
            words: Sequence[Word], links: dict[int, tuple[int, float]], first: int, last: int,
            step: int, edge_other: int,
        ) -> tuple[int, int, float] | None:
            """From the value outwards: (own index, counterpart, strength) of the nearest
            firm link, or the edge; None past GAP_WORDS content words."""
            k, passed = (first - 1, 0) if step < 0 else (last + 1, 0)
            while 0 <= k < len(words):
                if firm(links, words, k):
                    return k, links[k][0], links[k][1]
                passed += words[k].is_content
                if passed > GAP_WORDS:
                    return None
                k += step
            # the sentence's edge is an anchor only right next to the value
            return (k, edge_other, 1.0) if passed == 0 else None

        strength = 1.0
        edges = 0
        windows = []
        for words, links, first, last, o_first, o_last, n_other in (
            (al.a, al.links, ia[0], ia[-1], ib[0], ib[-1], len(al.b)),
            (al.b, back, ib[0], ib[-1], ia[0], ia[-1], len(al.a)),
        ):
            lo = anchor(words, links, first, last, -1, -1)
            hi = anchor(words, links, first, last, 1, n_other)
            if lo is None or hi is None:
                return 0.0
            if not lo[1] < o_first or not hi[1] > o_last:
                return 0.0  # the anchors cross the other value
            other_words = al.b if words is al.a else al.a
            for k0, k1 in ((lo[1] + 1, o_first), (o_last + 1, hi[1])):
                if sum(other_words[k].is_content for k in range(k0, k1)) > GAP_WORDS:
                    return 0.0
            edges += (lo[0] < 0) + (hi[0] >= len(words))
            strength = min(strength, lo[2], hi[2])
            windows.append((lo[0], hi[0]))
        if edges == 4:
            return 0.0  # no anchor at all: nothing says the two fill one role

        def crowded(side: str, others: Sequence[Span], lo: int, hi: int) -> bool:
            return any(lo < k < hi for s in others for k in al.words_in(side, s))

        (lo_a, hi_a), (lo_b, hi_b) = windows
        if crowded("a", others_a, lo_a, hi_a) or crowded("b", others_b, lo_b, hi_b):
            return 0.0
        return round(min(0.7, 0.75 * strength), 4)

    def link(self, sa: Span, sb: Span, *, context: bool = False, direct: bool = True) -> float:
        """How surely the slots at ``sa`` (in A) and ``sb`` (in B) fill the same role;
        1.0 when either sentence has no parse (compared as without roles). ``context``
        (figures and dates) also counts a head one step further up and shared words
        around the slots; names need their own heads aligned. ``direct=False`` counts the
        slots' own words aligned to each other only in two sentences whose other words
        mostly align (:data:`SOLE_SLOT_REST`), as corroboration: two figures share their
        scale or unit ("$1.3 billion" / "$5 billion", "5 percent" / "7 percent") whatever
        they count."""
        if not self.parsed:
            return 1.0
        own = self.direct_link(sa, sb)
        if own and not direct and self.aligned_share([sa], [sb]) < SOLE_SLOT_REST:
            own = 0.0
        best = max(
            own,
            self.heads_link(sa, sb, reach=context),
            self.neighbours_link(sa, sb),
        )
        if context and best < 0.75:
            best = max(best, self.context_link(sa, sb))
        return best

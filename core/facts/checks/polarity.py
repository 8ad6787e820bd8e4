"""Polarity check: one side says it happened, the other that it did not."""

from __future__ import annotations

import re
from typing import Any

from ...model import ConflictKind, Span
from ...nlp import Parse, Token
from ..checks.base import _Builder
from ..component import Component
from ..lexicon import antonyms, cues
from ..predicates import Predicate, aux_dependents, predicates, reports_a_thing
from ..records import Facts
from ..slots import MIN_LINK, SOLE_SLOT_REST, PairView
from ..text import _ANTONYM_S, _GENERIC_EVENTS_S, _SPEECH_NEG_EXEMPT_S, quoted_spans
from ..words import _HONORIFICS

_NOT_ARGS = frozenset({"neg", "aux", "auxpass", "punct", "cc", "mark", "advmod", "det"})


def _compare_polarity(bld: _Builder) -> None:
    """One side says it happened (or will), the other that it did not."""
    a, b = bld.a, bld.b

    def run(x: Facts, y: Facts, flip: bool) -> bool:
        # Two negative sentences phrased differently ("No decision has been made" /
        # "A decision has not yet been taken") are not a clash of polarity.
        if y.negated:
            return False
        y_neg = {m.stem for m in y.negated}
        x_plain = {m.stem for m in x.plain}
        for m in x.negated:
            if m.stem in _SPEECH_NEG_EXEMPT_S or m.stem in _GENERIC_EVENTS_S:
                continue
            if m.stem in y_neg or m.stem in x_plain:
                continue
            hit = next((p for p in y.plain if p.stem == m.stem), None)
            if hit is None:
                continue
            sa, sb = (hit.span, m.span) if flip else (m.span, hit.span)
            bld.add(
                ConflictKind.POLARITY,
                sa,
                sb,
                "one says it happened, the other that it did not",
                0.85,
            )
            return True
        return False

    if run(a, b, False) or run(b, a, True):
        return
    a_plain = {m.stem: m for m in a.plain}
    b_plain = {m.stem: m for m in b.plain}
    a_neg = {m.stem for m in a.negated}
    b_neg = {m.stem for m in b.negated}
    for s, ma in a_plain.items():
        for opp in _ANTONYM_S.get(s, ()):
            mb = b_plain.get(opp)
            if mb is None or opp in a_plain or s in b_plain:
                continue
            if s in a_neg or opp in b_neg:
                continue
            bld.add(ConflictKind.POLARITY, ma.span, mb.span, "opposite outcomes", 0.75)
            return
    # "voted for" / "voted against"
    va = re.search(r"\bvot(?:ed|es|ing|e)\s+(for|against|in\s+favou?r\s+of)\b", a.text, re.I)
    vb = re.search(r"\bvot(?:ed|es|ing|e)\s+(for|against|in\s+favou?r\s+of)\b", b.text, re.I)
    if va and vb and (va.group(1).lower() == "against") != (vb.group(1).lower() == "against"):
        bld.add(
            ConflictKind.POLARITY,
            Span(*va.span()),
            Span(*vb.span()),
            "voted for in one, against in the other",
            0.85,
        )


def _support(view: PairView, x: Predicate, y: Predicate) -> float:
    """How surely two predicates state the same fact: the strongest link from a dependent
    of ``x`` (its subject, object, a complement) to a word under ``y``."""
    al = view.align
    under_y = set(view.pb.subtree(y.i)) - {y.i}
    best = 0.0
    for k in view.pa.children(x.i):
        if k.dep in _NOT_ARGS:
            continue
        for t in view.pa.subtree(k.i):
            w = al.word_at_token("a", t)
            if w is None or w not in al.links:
                continue
            j, s = al.links[w]
            if al.b[j].i in under_y and al.a[w].is_content:
                best = max(best, s)
    return best


#: What a copula says of its subject: its complement, or a phrase ("was among those").
_COPULA_COMPLEMENTS = frozenset({"attr", "acomp", "prep", "oprd"})


def _copula_mate(
    view: PairView, x: Predicate, by_tok_b: dict[int, Predicate]
) -> tuple[Predicate, float] | None:
    """The copula of ``b`` that an unaligned copula ``x`` of ``a`` is, by what each says
    of its subject: a word of ``x``'s complement aligned by its form to a word whose nearest
    predicate above is a copula ("Odette is the first to form" / "It is not the first
    named storm": "first" / "first"). A copula is a function word to the alignment, so it
    is aligned only in step with a link beside it, which a "not" put between breaks."""
    pa, pb, al = view.pa, view.pb, view.align
    if x.lemma != "be":
        return None
    for k in pa.children(x.i):
        if k.dep not in _COPULA_COMPLEMENTS:
            continue
        # the complement's head or a word straight under it, not any word deep in it
        # ("a citizen of the United States" says nothing of "the United States")
        near = [k.i] + sorted((c.i for c in pa.children(k.i)), key=lambda t: abs(t - k.i))
        for t in near:
            w = al.word_at_token("a", t)
            if w is None or w not in al.links or not al.a[w].is_content:
                continue
            j, s = al.links[w]
            if s < 0.85:
                continue  # alike by vectors only: "an easy one" / "not difficult"
            u = pb.tokens[al.b[j].i]
            path = [u]
            while u.i not in by_tok_b and not u.is_root:
                u = pb.tokens[u.head]
                path.append(u)
            y = by_tok_b.get(u.i)
            if y is None or y.lemma != "be" or al.word_at_token("b", y.i) in al.back:
                return None
            if len(path) < 2 or len(path) > 3 or path[-2].dep not in _COPULA_COMPLEMENTS:
                return None  # not the head of the copula's complement, nor next to it
            below = path[-2]
            if _qualified_apart(view, (k.i, x.i), (below.i, y.i)):
                return None  # "is the second time" / "is not the first time"
            if _prefix_negation(pa, pb) or _prefix_negation(pb, pa):
                return None  # "are not accurate" / "was inaccurate": both say no
            return y, s
    return None


_QUALIFIERS = frozenset({"amod", "advmod", "nummod", "npadvmod", "quantmod"})


def _qualified_apart(view: PairView, ka: tuple[int, int], kb: tuple[int, int]) -> bool:
    """Do two complements (with their copulas) each carry a modifier the other does not
    match by its form ("the second time" / "the first time", "insufficiently
    conservative" / "conservative enough")? Then the two copulas say different things of
    their subjects, and one denied is no contradiction of the other."""
    al = view.align

    def loose(p: Parse, side: str, heads: tuple[int, int]) -> bool:
        links = al.links if side == "a" else al.back
        for c in (c for h in heads for c in p.children(h)):
            if c.dep not in _QUALIFIERS:
                continue
            w = al.word_at_token(side, c.i)
            if w is None:
                continue
            link = links.get(w)
            if link is None or link[1] < 0.85:
                return True
        return False

    return loose(view.pa, "a", ka) and loose(view.pb, "b", kb)


#: Verbs and nouns that make what they govern one party's word (with the reporting verbs
#: and the denials of the cue file).
_CLAIM_VERBS = frozenset("promise vow pledge reveal allege claim insist assert".split())
_CLAIM_NOUNS = frozenset(
    "promise pledge vow claim report statement assertion allegation denial".split()
)


def _subject(p: Parse, i: int) -> Token | None:
    """The first subject (active or passive) of the predicate at ``i``."""
    return next((k for k in p.children(i) if k.dep in ("nsubj", "nsubjpass")), None)


def _same_subject(view: PairView, x: Predicate, y: Predicate) -> bool:
    """Do two opposite verbs ("rose" / "fell") say it of one thing: the heads of their
    subjects aligned, and every name in A's subject aligned into B's? "The operating loss
    rose" / "operating revenue fell" and "shares of Genentech rose" / "shares of Xoma fell"
    are two things moving. Without a subject on either side, nothing to tell apart."""
    sa, sb = _subject(view.pa, x.i), _subject(view.pb, y.i)
    if sa is None or sb is None:
        return True
    al = view.align
    under_b = set(view.pb.subtree(sb.i))

    def into_b(t: int, firm: float = 0.0) -> bool:
        w = al.word_at_token("a", t)
        if w is None or w not in al.links or al.links[w][1] < firm:
            return False
        return al.b[al.links[w][0]].i in under_b

    if view.pa.tokens[sa.i].pos in ("PRON", "DET") or view.pb.tokens[sb.i].pos in ("PRON", "DET"):
        return True  # "it rose" / "the index fell": no words to compare
    if not into_b(sa.i):
        return False
    # a name by the same words, not a name in the same gap ("Contoso" / "Fabrikam")
    names = [t for t in view.pa.subtree(sa.i) if view.pa.tokens[t].pos == "PROPN"]
    return all(into_b(t, firm=0.85) for t in names)


def _names_under(p: Parse, i: int) -> frozenset[str]:
    """The proper-noun words of the subtree at ``i``, titles aside ("Mr. Trump's")."""
    return frozenset(
        p.tokens[k].text.lower()
        for k in p.subtree(i)
        if p.tokens[k].pos == "PROPN" and p.tokens[k].text.lower().rstrip(".") not in _HONORIFICS
    )


def _source(p: Parse, i: int) -> frozenset[str]:
    """Whose word the predicate at ``i`` is, by name: the subject of the reporting or
    claiming verb above it ("Mr. Fox vowed that ...", "Fox railed ..., promising that
    ..."), or the possessor of a claim noun ("Mr. Trump's promises that ..."). Empty when
    no named source governs it."""
    speech = cues()["speech"] | cues()["denials"] | _CLAIM_VERBS
    h = p.tokens[i]
    for _ in range(6):
        if h.is_root:
            return frozenset()
        u = p.tokens[h.head]
        if u.pos == "VERB" and u.lemma.lower() in speech:
            for v in (u, p.tokens[u.head]) if u.dep in ("advcl", "xcomp", "conj") else (u,):
                subj = _subject(p, v.i)
                if subj is not None:
                    return _names_under(p, subj.i)
            return frozenset()
        if u.pos == "NOUN" and u.lemma.lower() in _CLAIM_NOUNS:
            poss = [k for k in p.children(u.i) if k.dep == "poss"]
            return _names_under(p, poss[0].i) if poss else frozenset()
        h = u
    return frozenset()


def _other_sources(view: PairView, x: Predicate, y: Predicate) -> bool:
    """Are the two predicates the word of two different named parties, one sentence
    giving both parties' words ("Despite Mr. Trump's promises that Mexico will pay, Mr. Fox
    vowed that it would never happen" / "Fox ..., promising that Mexico would never pay")?
    Then ``y``'s party has its own clause in A (or ``x``'s in B): opposite polarity is the
    parties' disagreement, which both articles report, not one between the articles. (Two
    names for one source, "the SEC" / "the Securities and Exchange Commission", are never
    told apart by this: each sentence must hold the other's party too.)"""
    sa, sb = _source(view.pa, x.i), _source(view.pb, y.i)
    if not sa or not sb or sa & sb:
        return False

    def voiced(p: Parse, preds: tuple[Predicate, ...], skip: int, who: frozenset[str]) -> bool:
        return any(z.i != skip and _source(p, z.i) & who for z in preds)

    return voiced(view.pa, predicates(view.pa), x.i, sb) or voiced(
        view.pb, predicates(view.pb), y.i, sa
    )


_UP_TO_SPEECH = frozenset({"ccomp", "acomp", "xcomp", "conj"})
_THIRD_PERSON = frozenset("he she they".split())


def _speech_above(p: Parse, i: int, steps: int = 4) -> Token | None:
    """The reporting verb whose complement the predicate at ``i`` is ("said he's certain
    he did not send"), or None."""
    speech = cues()["speech"] | cues()["speaker_verbs"] | _CLAIM_VERBS
    h = p.tokens[i]
    for _ in range(steps):
        if h.is_root or h.dep not in _UP_TO_SPEECH:
            return None
        u = p.tokens[h.head]
        if u.pos == "VERB" and u.lemma.lower() in speech:
            return u
        h = u
    return None


def _own_denial(p: Parse, x: Predicate) -> bool:
    """Is ``x`` a speaker's denial of their own act, in their reported words ("Weiner said
    he did not send the photo")? Like "denied sending it", it is one party's word."""
    if not x.negated or _quoted(p, x.i) or _speech_above(p, x.i) is None:
        return False
    subj = _subject(p, x.i)
    return subj is not None and subj.pos == "PRON" and subj.text.lower() in _THIRD_PERSON


def _unreported(p: Parse, y: Predicate) -> bool:
    """Is ``y`` the article's own account, in no one's reported or quoted words?"""
    if _quoted(p, y.i) or _speech_above(p, y.i, steps=6) is not None or _source(p, y.i):
        return False
    subj = _subject(p, y.i)
    return not (subj is not None and subj.text.lower() in ("i", "we"))  # an unmarked quote


def _quoted(p: Parse, i: int) -> bool:
    t = p.tokens[i]
    return any(q.start <= t.start < q.end for q in quoted_spans(p.text))


_MODIFIERS = frozenset({"amod", "acl", "compound", "nmod"})


def _said_both_ways(p: Parse, x: Predicate, y: Predicate) -> bool:
    """Does ``x``'s sentence also give ``x``'s verb with ``y``'s polarity and modality ("he
    will not meet him, saying it would be inappropriate to meet" against "would not
    meet")? The other sentence then agrees with one of its two mentions: the alignment
    paired the wrong one. Verbs of all work ("be", "have") are not one fact each."""
    if x.lemma in _LIGHT or x.lemma == "be" or x.lemma != y.lemma:
        return False
    return any(
        z.i != x.i
        and p.tokens[z.i].dep not in _MODIFIERS  # "its newly released suite" states nothing
        and z.lemma == x.lemma
        and z.negated == y.negated
        and z.planned == y.planned
        and z.hedged == y.hedged
        and not z.open
        for z in predicates(p)
    )


def _future(p: Parse, x: Predicate) -> bool:
    """Does ``x`` say what is to happen: under "will" / "would", or a hedge of the future
    ("is expected to", "plans to", "is due to")? Not "could", "may" or "hopes to"."""
    future = cues()["future"]
    if not x.planned:
        return False
    if x.hedged:
        return x.hedge in future
    return any(
        k.dep == "aux" and k.text.lower().replace("’", "'") in future for k in p.children(x.i)
    )


def _same_modality(
    x: Predicate, y: Predicate, pa: Parse | None = None, pb: Parse | None = None
) -> bool:
    """Both asserted, or both hedged or planned by the same word: "plans not to declare" /
    "plans to declare" disagree; "urged him not to declare" / "planned to declare" are a
    request and a plan, which do not. With the parses, any two ways of saying what is to
    happen are one modality: "is expected to start" / "will not start"."""
    if pa is not None and pb is not None and _future(pa, x) and _future(pb, y):
        return True
    if x.hedged != y.hedged or x.planned != y.planned:
        return False
    return not (x.hedged and y.hedged and x.hedge != y.hedge)


def _conditional(p: Parse, i: int) -> bool:
    """Is the predicate the consequence of a condition it carries ("could issue more
    subpoenas if other witnesses fail to cooperate")? It is then said to hold only if."""
    return any(
        k.dep == "advcl"
        and any(m.dep == "mark" and m.lemma.lower() in ("if", "unless") for m in p.children(k.i))
        for k in p.children(i)
    )


def _only(p: Parse, i: int) -> bool:
    return any(c.dep == "advmod" and c.text.lower() == "only" for c in p.children(i))


def _restriction(p: Parse, i: int) -> list[int] | None:
    """The tokens of the "only" phrase restricting the predicate at ``i`` (or a verb
    conjoined with it): "can be changed or undone only by Congress" says that it does not
    happen otherwise. None when nothing restricts it; empty for a bare "only"."""
    t = p.tokens[i]
    verbs = [i] + [c.i for c in p.children(i) if c.dep == "conj"]
    if t.dep == "conj":
        verbs.append(t.head)
    if t.lemma == "be":  # "is interested only in ...": what the copula says is restricted
        verbs += [c.i for c in p.children(i) if c.dep in ("acomp", "attr")]
    for v in verbs:
        if _only(p, v):
            return []
        for c in p.children(v):
            if c.dep in ("prep", "agent") and _only(p, c.i):
                return p.subtree(c.i)
    return None


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Clauses of their own under a predicate: what is said in them is not its restriction.
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj"})


def _denies_a_restriction(p: Parse, x: Predicate) -> bool:
    """Does the predicate ``x`` hold an "only" in what it says of its subject, in its own
    clause ("are not interested in acquiring only the music business", "did not sell only
    shoes")? Negated, its "not" denies the restriction, not the predicate: what the other
    side says without it may still hold ("was not the only break" against "was the only
    break" still clashes). An "only" of the subject ("only four companies have not
    licensed") or of the verb itself restricts the denial, not the other way round."""
    todo = [c for c in p.children(x.i) if c.dep not in _SUBJECTS and c.dep != "advmod"]
    while todo:
        t = todo.pop()
        if t.dep in _OWN_CLAUSES:
            continue
        if t.dep in ("advmod", "amod") and t.text.lower() == "only":
            return True
        todo.extend(p.children(t.i))
    return False


def _restricted_elsewhere(view: PairView, x: Predicate, y: Predicate) -> bool:
    """Is the predicate that is not negated restricted by "only" to something the negated
    one does not mention ("changed only by overwhelming majorities" / "cannot be changed by
    presidential order")? Both then deny it happens otherwise. The same restriction ("found
    only in the Seychelles" / "not found in the Seychelles") still clashes; one that shares
    a word but not most of its content ("only in the deleted emails about the attack" /
    "not in emails about private matters") is another."""
    (ps, pos), (ns, neg) = (("b", y), ("a", x)) if x.negated else (("a", x), ("b", y))
    only = _restriction(view.parse(ps), pos.i)
    if not only:
        return False
    al = view.align
    links = al.links if ps == "a" else al.back
    mine, others = (al.a, al.b) if ps == "a" else (al.b, al.a)
    under = set(view.parse(ns).subtree(neg.i))
    content = matched = 0
    for t in only:
        w = al.word_at_token(ps, t)
        if w is None or not mine[w].is_content:
            continue
        content += 1
        if w not in links:
            continue
        j, strength = links[w]
        if strength >= 0.7 and others[j].i in under and others[j].is_content:
            matched += 1
    return not matched or 2 * matched < content


def _under_negation(p: Parse, i: int) -> bool:
    """Is the predicate at ``i`` the complement of a negated predicate, up to two clauses
    up ("No data exists to indicate ...")?"""
    negated = {z.i for z in predicates(p) if z.negated}
    h = p.tokens[i]
    for _ in range(2):
        if h.is_root or h.dep not in ("xcomp", "ccomp", "advcl", "acl", "relcl"):
            return False
        h = p.tokens[h.head]
        if h.i in negated:
            return True
    return False


def _describes(p: Parse, i: int) -> bool:
    """Is the verb at ``i`` a modifier of a noun: an adjective ("nominated musicians") or a
    participle after it ("a youth camp organised by the diocese")? It describes the thing,
    it is not what the sentence says happened."""
    t = p.tokens[i]
    return t.dep == "amod" or t.dep == "acl" and t.tag == "VBN"


def _asked(p: Parse, i: int) -> bool:
    """Is the verb at ``i`` in a direct question ("Didn't your mother die of cancer?")?"""
    last = max(p.subtree(i))
    if p.tokens[last].text == "?":
        return True
    for t in p.tokens[last + 1 : last + 4]:
        if t.text == "?":
            return True
        if t.text not in ("\"", "”", "’", "'", ")"):
            break
    return False


_RELATIVE = frozenset("that which who".split())


def _reporter(p: Parse, verb: Token) -> Token | None:
    """The subject of a reporting verb, through a relative pronoun to the noun it stands
    for ("a report that revealed ..." -> "report"); None for a pronoun or no subject."""
    subj = _subject(p, verb.i)
    if subj is not None and subj.text.lower() in _RELATIVE and verb.dep == "relcl":
        subj = p.tokens[verb.head]
    if subj is None or subj.pos == "PRON":
        return None
    return subj


def _phrase(p: Parse, head: Token) -> list[int]:
    """The tokens of a noun's phrase without the clauses hung on it ("a report that
    revealed ..." -> "a report")."""
    drop: set[int] = set()
    for k in p.children(head.i):
        if k.dep in ("relcl", "acl", "ccomp", "advcl"):
            drop.update(p.subtree(k.i))
    return [i for i in p.subtree(head.i) if i not in drop]


def _two_reports(view: PairView, x: Predicate, y: Predicate) -> bool:
    """Are ``x`` and ``y`` each in what a different source reports ("officials have
    stated that the agencies do not collect ..." / "a report that revealed how the
    authorities were collecting ...")? Both under a reporting verb, neither the verbs nor
    any word of their subjects aligned, in two sentences that do not otherwise say the
    same words: two parties' words, not a disagreement of the articles."""
    va, vb = _speech_above(view.pa, x.i), _speech_above(view.pb, y.i)
    if va is None or vb is None or view.token_link(va.i, vb.i):
        return False
    ra, rb = _reporter(view.pa, va), _reporter(view.pb, vb)
    if ra is None or rb is None:
        return False
    under_b = _phrase(view.pb, rb)
    if any(view.token_link(i, j) for i in _phrase(view.pa, ra) for j in under_b):
        return False  # "Dusenbery's fiancee, Jessica Wheat," / "Jessica Wheat"
    # one statement told twice ("The ISM noted that ..." / "..., the group said") is one
    # report however its source is named
    return view.aligned_share([], [], of_longer=True) < SOLE_SLOT_REST


def _not_the_articles(view: PairView, x: Predicate, y: Predicate) -> bool:
    """Is the opposite polarity of ``x`` and ``y`` no disagreement between the articles:
    two parties' words, a sentence giving the verb both ways, or a speaker's denial of
    their own act against the other article's account ("he said he did not send it" /
    "it was sent from his account")?"""
    if _other_sources(view, x, y) or _two_reports(view, x, y):
        return True
    if x.manner and y.negated or y.manner and x.negated:
        return True  # "did not adequately show why" / "had not shown why": both say no
    pos_p, pos = (view.pb, y) if x.negated else (view.pa, x)
    if _describes(pos_p, pos.i) or _under_negation(pos_p, pos.i):
        # "none of two dozen nominated musicians"; "No data exists to indicate" / "no data
        # indicate": a modifier or a complement of a denial asserts nothing
        return True
    if _restricted_elsewhere(view, x, y):
        return True  # "can be changed only by Congress" / "cannot be changed by the president"
    neg_p, neg = (view.pa, x) if x.negated else (view.pb, y)
    if _denies_a_restriction(neg_p, neg) and not _denies_a_restriction(pos_p, pos):
        return True  # "did not buy only the music business": it may have bought it
    if _said_both_ways(view.pa, x, y) or _said_both_ways(view.pb, y, x):
        return True
    if (_own_denial(view.pa, x) and _unreported(view.pb, y)) or (
        _own_denial(view.pb, y) and _unreported(view.pa, x)
    ):
        return True
    # someone's quoted words against the other article's own account, in two sentences
    # that do not otherwise say the same words (a quote told as a paraphrase is one report)
    quoted = (_quoted(view.pa, x.i) and _unreported(view.pb, y)) or (
        _quoted(view.pb, y.i) and _unreported(view.pa, x)
    )
    return quoted and view.aligned_share([], [], of_longer=True) < SOLE_SLOT_REST


def _pred_span(p: Parse, x: Predicate) -> Span:
    """The verb with its negation cue ("not attend", "never paid", "not also charged":
    a "not" hung on its auxiliary)."""
    kids = p.children(x.i) + aux_dependents(p, x.i)
    toks = [p.tokens[x.i]] + [k for k in kids if k.dep == "neg" or k.text.lower() == "never"]
    return Span(min(t.start for t in toks), max(t.end for t in toks))


def _main_predicate(p: Parse, preds: tuple[Predicate, ...]) -> Predicate | None:
    """The predicate a sentence asserts: its root's, or when the root reports ("said"),
    that of the statement it reports."""
    exempt = cues()["speech"]
    by_tok = {x.i: x for x in preds}
    roots = [t for t in p.tokens if t.is_root]
    if len(roots) != 1:
        return None
    root = roots[0]
    if root.lemma.lower() in exempt:
        comps = [k for k in p.children(root.i) if k.dep == "ccomp"]
        if len(comps) != 1:
            return None
        root = comps[0]
    return by_tok.get(root.i)


_NEG_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")


def _prefix_negation(p: Parse, q: Parse) -> bool:
    """Does ``q`` have a word that is a word of ``p`` with a negative prefix ("inaccurate"
    for "accurate", "unlawful" for "lawful")?"""
    words = {t.text.lower() for t in p.tokens if len(t.text) > 3 and t.text.isalpha()}
    for t in q.tokens:
        low = t.text.lower()
        for pre in _NEG_PREFIXES:
            if low.startswith(pre) and low[len(pre) :].lstrip("-") in words:
                return True
    return False


_NEG_WORDS = frozenset({"not", "n't", "no", "never", "nothing", "none", "nobody", "neither"})


def _any_negation(p: Parse) -> bool:
    return any(t.text.lower().replace("’", "'") in _NEG_WORDS for t in p.tokens)


def _main_predicates_differ(view: PairView) -> tuple[float, Span, Span, str] | None:
    """The two sentences' main predicates, one negated and the other not, in the same
    modality, when half the rest of their content words align: 'The blackout was
    preventable' / 'The outage was not one that could have been prevented'-like pairs
    whose verbs the alignment does not link."""
    x = _main_predicate(view.pa, predicates(view.pa))
    y = _main_predicate(view.pb, predicates(view.pb))
    if x is None or y is None or x.negated == y.negated:
        return None
    if not _same_modality(x, y) or x.open or y.open:
        return None
    if _asked(view.pa, x.i) or _asked(view.pb, y.i):
        return None
    c = cues()
    # "declined to say whether ...": a verb that carries its own polarity or modality
    # is not the statement's predicate
    exempt = (c["exempt"] - {"be"}) | c["negative_implicatives"] | c["hedges"] | c["denials"]
    if x.lemma in exempt or y.lemma in exempt:
        return None
    if _prefix_negation(view.pa, view.pb) or _prefix_negation(view.pb, view.pa):
        return None  # "are not accurate" / "was inaccurate": the same denial
    if _any_negation(view.pa) and _any_negation(view.pb):
        return None  # "there is no racism" / "has seen no evidence of racism": both deny
    if _not_the_articles(view, x, y):
        return None
    sa, sb = _pred_span(view.pa, x), _pred_span(view.pb, y)
    share = view.aligned_share([sa], [sb], of_longer=True)
    if share < SOLE_SLOT_REST:
        return None
    return (share, sa, sb, "one says it happened, the other that it did not")


_LIGHT = frozenset({"have", "do", "get", "go", "seem", "appear", "know"})


def _exempt(p: Parse, x: Predicate, exempt: frozenset[str]) -> bool:
    """Is ``x`` a verb whose negation is no denial of a fact ("declined to comment", "did
    not say")? Not in the passive, where it states what happened to its subject: "was not
    disclosed in the documents" / "was disclosed in the documents"."""
    if x.lemma == "be" or x.lemma not in exempt:
        return False
    if x.lemma in _LIGHT:
        return True
    kids = p.children(x.i)
    if x.lemma in cues()["speech"] and x.lemma not in cues()["exempt"] | {"tell"}:
        # a reporting verb with a thing for its object and no statement reports no one's
        # words, it states a fact: "Taiwan did not report 65 new cases" / "reported 65"
        if reports_a_thing(p, x.i):
            return False
    return not any(k.dep == "auxpass" for k in kids)


#: The tags of question words ("who", "what", "which", "how"): a clause that opens with
#: one is a question told, not an answer.
QUESTION_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _asks(p: Parse, i: int) -> bool:
    """Does verb ``i`` take a question ("did not say whether it was hacked", "did not
    report how many cases were found"): a clause of "whether" or "if", or one that opens
    with a question word, which reports no answer either way?"""
    for k in p.children(i):
        if k.dep not in ("ccomp", "advcl"):
            continue
        if any(m.dep == "mark" and m.lemma.lower() in ("whether", "if") for m in p.children(k.i)):
            return True
        first = p.tokens[p.subtree(k.i)[0]]
        if first.tag in QUESTION_TAGS:
            return True
    return False


def _objects(p: Parse, i: int) -> list[int]:
    """The object of a verb: its direct object or attribute, a preposition's object, or
    the verb it takes as complement ("have to dig": what one has to do; "it appears that
    the server was cracked": what appears)."""
    out = []
    for k in p.children(i):
        if k.dep in ("dobj", "attr", "oprd", "xcomp", "ccomp"):
            out.append(k.i)
        elif k.dep == "advmod" and k.text.lower() == "so":  # "did so": the act just told
            out.append(k.i)
        elif k.dep == "prep":  # "to the pressure", "to growing pressure"
            out.extend(g.i for g in p.children(k.i) if g.dep in ("pobj", "pcomp"))
    return out


def _same_object(view: PairView, x: Predicate, y: Predicate) -> bool:
    """A light verb ("have", "get", "go") with the same object on both sides, the same
    word or its lemma: "had an advantage" / "did not have an advantage", "goes on sale" /
    "does not go on sale". Without it, the many "have"s of two sentences pair at random."""
    al = view.align
    under_y = {al.word_at_token("b", t) for t in _objects(view.pb, y.i)} - {None}
    for t in _objects(view.pa, x.i):
        w = al.word_at_token("a", t)
        if w is not None and w in al.links and al.a[w].is_content:
            j, s = al.links[w]
            if j in under_y and s >= 0.9:
                return True
    return False


def _describes_noun(p: Parse, i: int) -> bool:
    """Is the verb at ``i`` a participle hung on a noun ("a bill, already passed by the
    House, ...") in a sentence with a main verb of its own? It tells the noun's past, not
    the sentence's outcome. (A sentence whose only verbs hang on nouns is a parse that
    missed its main verb: "The measures to reopen the offices passed on the floor".)"""
    t = p.tokens[i]
    root = next(iter(p.roots()), None)
    return (
        t.dep == "acl" and t.tag in ("VBN", "VBG") and p.tokens[t.head].pos in ("NOUN", "PROPN")
        and root is not None and root.pos in ("VERB", "AUX") and root.i != i
    )


def _phrasal(p: Parse, i: int) -> bool:
    """Does the verb at ``i`` take a particle ("closed in on", "turned down")? Then it is
    another verb than its lemma alone, and the lemma's opposite is not its opposite."""
    return any(k.dep == "prt" for k in p.children(i))


def _compare_polarity_parsed(bld: _Builder) -> None:
    """Aligned predicates of the same modality, one negated and the other not; or two
    antonyms ("rose" / "fell") with aligned arguments and the same polarity."""
    view = bld.view
    al = view.align
    pa, pb = predicates(view.pa), predicates(view.pb)
    by_tok_b = {y.i: y for y in pb}
    exempt = cues()["exempt"] | cues()["speech"]
    # a light verb, or a report of the same words ("confirmed that two were arrested" /
    # "did not confirm that two were arrested"), counts with the same object on both sides
    with_object = _LIGHT | (cues()["speech"] - cues()["exempt"])
    best: tuple[float, Span, Span, str] | None = None
    for x in pa:
        wa = al.word_at_token("a", x.i)
        y: Predicate | None
        if wa is None or wa not in al.links:
            mate = _copula_mate(view, x, by_tok_b)
            if mate is None:
                continue
            y, strength = mate
            tb = view.pb.tokens[y.i]
        else:
            j, strength = al.links[wa]
            y = by_tok_b.get(al.b[j].i)
            tb = view.pb.tokens[al.b[j].i]
        if _exempt(view.pa, x, exempt) and x.lemma not in with_object:
            continue
        if y is None and tb.dep in ("aux", "auxpass"):
            # "did so" aligned to the auxiliary of "did not do so": the verb it helps
            y = by_tok_b.get(tb.head)
            if y is not None and y.lemma != x.lemma:
                y = None
        if y is None or x.negated == y.negated:
            continue
        if (_exempt(view.pa, x, exempt) or _exempt(view.pb, y, exempt)) and not (
            y.lemma in with_object
            and _same_object(view, x, y)
            and not _asks(view.pa, x.i)
            and not _asks(view.pb, y.i)
        ):
            continue
        if not _same_modality(x, y, view.pa, view.pb):
            continue  # another modality: certainty's business, not polarity's
        if _conditional(view.pa, x.i) != _conditional(view.pb, y.i):
            continue  # "could not be issued without support" / "could issue if ..."
        if x.open or y.open or _asked(view.pa, x.i) or _asked(view.pb, y.i):
            continue  # "whether it was hacked" says neither, nor does "Did it die?"
        if x.denied != y.denied and (x.denied and y.negated or y.denied and x.negated):
            continue  # "denied that he had sent it" / "he did not send it": both say no
        if _not_the_articles(view, x, y):
            continue
        sup = _support(view, x, y)
        if sup < MIN_LINK:
            continue
        link = min(strength, sup)
        why = "one says it happened, the other that it did not"
        if best is None or link > best[0]:
            best = (link, _pred_span(view.pa, x), _pred_span(view.pb, y), why)
    if best is None:
        best = _main_predicates_differ(view)
    if best is None:
        opposite = antonyms()
        lemmas_b = {y.lemma for y in pb}
        lemmas_a = {x.lemma for x in pa}
        for x in pa:
            for y in pb:
                if y.lemma not in opposite.get(x.lemma, ()) or x.negated != y.negated:
                    continue
                if x.lemma in lemmas_b or y.lemma in lemmas_a or x.hedged != y.hedged:
                    continue
                if x.open or y.open or not _same_subject(view, x, y):
                    continue
                if _phrasal(view.pa, x.i) or _phrasal(view.pb, y.i):
                    continue  # "closed in on the two-week mark" closes nothing
                if _describes_noun(view.pa, x.i) or _describes_noun(view.pb, y.i):
                    continue  # "a bill, already passed by the House, also fell short"
                sup = _support(view, x, y)
                if sup >= MIN_LINK and (best is None or sup > best[0]):
                    sa, sb = _pred_span(view.pa, x), _pred_span(view.pb, y)
                    best = (sup, sa, sb, "opposite outcomes")
    if best is not None:
        link, sa, sb, why = best
        conf = 0.85 if why.startswith("one says") else 0.8
        bld.add(ConflictKind.POLARITY, sa, sb, why, conf, link=link)


class PolarityCheck(Component):
    """One side says it happened, the other that it did not (or the opposite outcome):
    with a parse, on aligned predicates in scope; without one, by the word patterns."""

    name = "polarity"
    requires = ("builder",)
    assigns = ("polarity_done",)

    def __call__(self, state: dict[str, Any]) -> None:
        bld = state["builder"]
        if bld.view.parsed:
            _compare_polarity_parsed(bld)
        else:
            _compare_polarity(bld)
        state["polarity_done"] = True

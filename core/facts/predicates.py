"""Predicates of a parsed sentence with their polarity and certainty, in scope: a "not"
negates the verb it is attached to (and "failed to show" negates "show", "was not going to
pay" negates "pay"); a modal, a
hedge or a plan ("could face", "expected to attend", "if ... ") makes the predicate not
asserted; "done" means asserted and in the past.

>>> from factdiff.core.nlp import Parse, Token
>>> t = (Token(0, 0, 2, "He", "he", "PRON", "PRP", "nsubj", 3),
...      Token(1, 3, 6, "did", "do", "AUX", "VBD", "aux", 3),
...      Token(2, 7, 10, "not", "not", "PART", "RB", "neg", 3),
...      Token(3, 11, 16, "leave", "leave", "VERB", "VB", "ROOT", 3))
>>> p = Parse("He did not leave", t)
>>> [(x.lemma, x.negated, x.asserted) for x in predicates(p)]
[('leave', True, True)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Span
from ..nlp import Parse, Token
from .lexicon import cues
from .words import _NOT_MANNER

__all__ = ["Predicate", "predicates", "reports_a_thing"]

#: Adverbs that come near a "not" ("rarely keep" / "do not keep"): not negated, yet no
#: plain assertion either (see :attr:`Predicate.manner`).
_SELDOM = frozenset({"rarely", "seldom", "hardly", "scarcely", "barely"})

#: Nouns of the negative implicatives: "their failure to get", "his refusal to take part".
_IMPLICATIVE_NOUNS = frozenset({"failure", "refusal", "inability"})

#: How "none" may hang inside a subject phrase when the parse misplaces it ("none of two
#: dozen nominated musicians received": "none" the subject of "nominated"): phrase-internal
#: relations, no clause of its own between it and the subject's head.
_IN_PHRASE = frozenset({"nsubj", "amod", "compound", "det", "prep", "pobj", "nmod",
                        "quantmod", "npadvmod", "nummod"})  # fmt: skip


def _none_in_subject(p: Parse, subj: Token) -> bool:
    """Does the subject phrase of ``subj`` hold a "none of" / "neither of" hung inside it?"""
    for k in p.tokens:
        if k.i == subj.i or k.text.lower() not in ("none", "neither"):
            continue
        if not any(c.dep == "prep" and c.text.lower() == "of" for c in p.children(k.i)):
            continue
        h, ok = k, True
        for _ in range(6):
            if h.i == subj.i or h.is_root:
                break
            if h.dep not in _IN_PHRASE:
                ok = False
                break
            h = p.tokens[h.head]
        if ok and h.i == subj.i:
            return True
    return False


def _until(p: Parse, t: Token) -> bool:
    """Has ``t`` an "until" clause or phrase ("will not negotiate until it reopens", "did
    not leave until noon")? Negated, it says when it happens, not that it does not. Not
    the end of a span ("was not the chief from 1995 until 1999"): that says how long."""
    kids = p.children(t.i)
    if any(k.dep == "prep" and k.text.lower() in ("from", "since") for k in kids):
        return False
    for k in kids:
        low = k.text.lower()
        if k.dep == "prep" and low in ("until", "till"):
            return True
        if k.dep == "advcl" and any(
            m.dep == "mark" and m.text.lower() in ("until", "till") for m in p.children(k.i)
        ):
            return True
    return False


_CLAUSE_UP = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj"})


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb (or a predicate adjective) with what is said about it."""

    i: int  #: token index
    lemma: str
    negated: bool  #: "not", "never", "no one", or under "failed to" / "refused to"
    asserted: bool  #: not under a modal, a hedge, a plan or a condition
    past: bool  #: past tense or perfect: reported as done
    planned: bool  #: under a modal or a plan ("will", "expected to", "possible")
    hedged: bool = False  #: under a hedge or plan verb ("expected to", "suggested that")
    #: in a clause of "whether", "if" or "unless": an open question or a condition, which
    #: says neither that it happened nor that it did not ("declined to say whether ... was
    #: hacked")
    open: bool = False
    #: in the clause of a denial ("denied that he had sent it"): the subject says it did
    #: not happen, in agreement with a sentence that says so ("he did not send it"); not
    #: negated, since the denial is one party's word ("disputed the report that ...")
    denied: bool = False
    #: the hedge or plan word nearest above ("urge" in "urged him not to declare", "plan"
    #: in "planned to declare"; "planned" for a planning adjective); "" when not hedged
    hedge: str = ""
    #: a "not" focused on a manner adverb ("did not adequately show") or a "rarely": not
    #: negated, yet no plain assertion that it happens either
    manner: bool = False


def _children(p: Parse, i: int) -> list[Token]:
    return p.children(i)


def aux_dependents(p: Parse, i: int) -> list[Token]:
    """What the parse hangs on the auxiliaries of verb ``i`` rather than on the verb: the
    "not" of "is not also charged" is a child of "is"."""
    return [g for k in p.children(i) if k.dep in ("aux", "auxpass") for g in p.children(k.i)]


def reports_a_thing(
    p: Parse,
    i: int,
    *,
    objects: frozenset[str] = frozenset({"NOUN", "PROPN", "NUM"}),
    outside: Sequence[Span] = (),
) -> bool:
    """Has reporting verb ``i`` a thing for its object (a word of one of the ``objects``
    parts of speech, not inside any of the ``outside`` spans) and no statement under it?
    It then states what its subject did, not anyone's words: "Taiwan reported 65 new
    cases", "Xerox reported earnings of $509 million"."""
    kids = p.children(i)
    return any(
        k.dep == "dobj" and k.pos in objects
        and not any(s.start <= k.start < s.end for s in outside)
        for k in kids
    ) and not any(k.dep in ("ccomp", "xcomp", "parataxis") for k in kids)


def _manner_focus(p: Parse, neg: Token, verb: Token) -> bool:
    """Is ``neg`` focused on a manner adverb between it and the verb ("did not directly
    dispute", "does not unilaterally obtain", "did not immediately respond")? It then
    denies the manner, not the event: the event may well have happened."""
    for k in _children(p, verb.i):
        low = k.text.lower()
        if (
            k.dep == "advmod"
            and neg.i < k.i < verb.i
            and low.endswith("ly")
            and len(low) > 4
            and low not in _NOT_MANNER
        ):
            return True
    return False


def _no_det(p: Parse, noun: Token) -> bool:
    """Is the noun's determiner "no" ("no one came", "No senator voted")? Not beside
    another determiner ("the lone 'no' vote", "the no vote"): there it names a vote."""
    dets = [d for d in _children(p, noun.i) if d.dep == "det"]
    return len(dets) == 1 and dets[0].text.lower() == "no"


def _own_negation(p: Parse, t: Token) -> bool:
    c = cues()
    marks = [k.i for k in _children(p, t.i) if k.dep == "mark"]
    # a "not" the parse hangs on the verb's auxiliary is the verb's: "is not also charged"
    kids = _children(p, t.i) + [g for g in aux_dependents(p, t.i) if g.dep == "neg"]
    for k in kids:
        low = k.text.lower().replace("’", "'")
        if k.dep == "neg" and _manner_focus(p, k, t):
            continue
        if k.dep == "neg" and any(k.i < m for m in marks):
            continue  # "..., but not while he continues": the "not" is the clause's, elided
        if k.dep == "neg" or (k.dep == "advmod" and low == "never"):
            return True
        if k.dep in ("preconj", "cc") and low == "neither":
            return True  # "he neither confirmed nor denied it"
        if k.dep == "dobj" and low == "nothing" and any(
            c.text.lower() == "but" for c in _children(p, k.i)
        ):
            continue  # "had nothing but praise": only praise
        if k.dep in ("nsubj", "nsubjpass") and _none_in_subject(p, k):
            return True
        if k.dep in ("nsubj", "nsubjpass", "dobj") and (
            low in ("nobody", "nothing", "none", "neither")
            or _no_det(p, k)
            # "None of his opponents picked him", "none" hung on the noun by the parse
            or k.dep != "dobj"
            and any(d.text.lower() in ("none", "neither") for d in _children(p, k.i))
        ):
            return True
    if t.dep == "conj" and any(
        k.dep == "cc" and k.text.lower() == "nor" for k in _children(p, t.head)
    ):
        return True  # "..., nor was he asked": "nor" comes to the verb it joins
    return t.lemma.lower() in c["negators"] and t.dep == "neg"


def _modal(p: Parse, t: Token) -> bool:
    c = cues()
    return any(
        k.dep == "aux" and (k.tag == "MD" or k.text.lower().replace("’", "'") in c["modals"])
        for k in _children(p, t.i)
    )


@lru_cache(maxsize=4096)
def predicates(p: Parse) -> tuple[Predicate, ...]:
    """The predicates of ``p`` (empty without a parse)."""
    if not p.parsed:
        return ()
    c = cues()
    out = []
    for t in p.tokens:
        if t.pos not in ("VERB", "AUX") or t.dep in ("aux", "auxpass"):
            continue
        neg = _own_negation(p, t)
        planned = _modal(p, t)
        asserted = not planned
        hedged = open_ = denied = False
        hedge = ""
        # Climb the clauses above: a negative implicative ("failed to show") negates its
        # complement; a modal, hedge or plan above makes it not asserted.
        h, rel = t, t.dep
        # Only the complement itself (or a verb conjoined with it) takes the implicative's
        # polarity: "avoided calling them out and demanding them to be responsible" does
        # not call, does not demand, and says nothing of their being responsible.
        direct = True
        for _ in range(6):
            if h.is_root:
                break
            up = p.tokens[h.head]
            lemma = up.lemma.lower()
            if direct and rel == "xcomp" and lemma in c["negative_implicatives"]:
                neg = neg != (not _own_negation(p, up))
            elif direct and rel == "acl" and up.pos == "NOUN" and lemma in _IMPLICATIVE_NOUNS:
                neg = not neg  # "their failure to get a turnout", "his refusal to take part"
            elif direct and rel == "xcomp" and lemma in c["negation_passes"]:
                neg = neg != _own_negation(p, up)  # "was not going to pay" does not pay
            elif direct and rel in ("ccomp", "xcomp", "pcomp") and lemma in c["denials"]:
                # "denied that he had sent it", "denied sending it": he says he did not
                denied = not _own_negation(p, up)
            if rel in ("acl", "relcl") and up.pos == "NOUN" and lemma in c["content_nouns"] and any(
                k.dep == "mark" and k.lemma.lower() == "that" for k in _children(p, h.i)
            ):
                # the content of a claim, not a report of it: "a case that the president
                # obstructed justice", "the allegation that he lied" (not a relative
                # clause, whose "that" is its subject: "the first case that was reported")
                asserted = False
                if not hedged:
                    hedged, hedge = True, lemma
            if rel in _CLAUSE_UP or rel == "xcomp":
                if up.lemma.lower() in c["hedges"] or _modal(p, up):
                    asserted = False
                    if up.lemma.lower() in c["hedges"] and not hedged:
                        hedged, hedge = True, up.lemma.lower()
                    if rel == "xcomp":
                        planned = True
            if rel == "xcomp" and lemma == "be" and any(
                k.dep == "aux" and k.text.lower() == "to" for k in _children(p, h.i)
            ):
                planned, asserted = True, False  # "is to announce", "was to have met"
            if any(k.dep == "mark" and k.lemma.lower() in ("if", "unless", "whether")
                   for k in _children(p, h.i)):
                asserted, open_ = False, True
            if rel not in _CLAUSE_UP:
                break
            direct = direct and rel == "conj"
            h, rel = up, up.dep
        if neg and _until(p, t):
            open_ = True  # "will not talk until it reopens" says when, not that it never does
        if any(k.dep == "amod" and k.lemma.lower() in c["planning_adjectives"]
               for k in _children(p, t.i)):
            planned, asserted = True, False
            if not hedged:
                hedged, hedge = True, "planned"
        past = t.tag == "VBD" or t.tag == "VBN" and any(
            k.dep in ("aux", "auxpass") and k.lemma.lower() in ("have", "be")
            for k in _children(p, t.i)
        )
        out.append(
            Predicate(
                t.i, t.lemma.lower(), neg, asserted, past and asserted, planned, hedged, open_,
                denied, hedge,
                any(k.dep == "neg" and _manner_focus(p, k, t) for k in _children(p, t.i))
                or any(k.dep == "advmod" and k.text.lower() in _SELDOM for k in _children(p, t.i)),
            )
        )
    return tuple(out)

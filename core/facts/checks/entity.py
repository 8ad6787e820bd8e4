"""Entity check: different names in the same role."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from ...model import ConflictKind, Span
from ...nlp import Parse, Token
from ...segment import DASHES
from ..checks.base import _Builder, _inside, _same_event
from ..component import Component
from ..extract.entities import _NAME_LABELS, _initials, _present_in
from ..names import name_words, same_name
from ..places import nested, reads_as_people
from ..records import Entity
from ..slots import GAP_ANCHOR, MIN_LINK, SOLE_SLOT_REST, top_token
from ..words import (
    _ALIAS,
    _CHAMBERS,
    _HOUSES,
    _LEGISLATURE_NAMES,
    _LEGISLATURES,
    _ORG_HEADS,
    _PANELS,
    _TITLES,
)


def _compare_entities(
    bld: _Builder, skip_a: set[Span], skip_b: set[Span]
) -> tuple[set[int], set[int]]:
    """Names in the same role (who, where) that differ between the two sentences."""
    a, b = bld.a, bld.b

    def inside(e: Entity, spans: Iterable[Span]) -> bool:
        return _inside(e.span, spans)

    # Whom something was told, or where it was posted, is not a fact about the event.
    ua = [i for i, e in enumerate(a.entities) if not _present_in(e, b) and not inside(e, a.frames)]
    ub = [j for j, e in enumerate(b.entities) if not _present_in(e, a) and not inside(e, b.frames)]
    missing_a, missing_b = set(ua), set(ub)
    group = {"subj": "agent", "by": "agent"}
    used_b: set[int] = set()
    for i in ua:
        x = a.entities[i]
        # Modifiers ("US forces") and possessors ("Kenya's Kipchoge") qualify another
        # name; comparing them adds noise, not facts.
        if inside(x, skip_a) or x.role in ("other", "mod", "poss"):
            continue
        for j in ub:
            if j in used_b:
                continue
            y = b.entities[j]
            if inside(y, skip_b):
                continue
            if group.get(x.role, x.role) != group.get(y.role, y.role):
                continue
            if not _same_event(bld, x.span, y.span):
                continue
            if nested(x.text, y.text):
                continue  # "near Sendai" / "in northern Japan": one place, two details
            link = bld.link(x.span, y.span)
            if link < MIN_LINK:
                continue  # not the same role: two names, two details
            conf = 0.8
            used_b.add(j)
            what = {
                "in": "place",
                "agent": "actor",
                "subj": "actor",
                "by": "actor",
                "from": "origin",
                "to": "destination",
                "poss": "affiliation",
                "appos": "person",
                "obj": "object",
            }.get(group.get(x.role, x.role), "name")
            bld.add(ConflictKind.ENTITY, x.span, y.span, f"different {what}", conf, link=link)
            break
    return missing_a, missing_b


_PLACES = frozenset({"GPE", "LOC", "FAC"})
_WHAT = {"prep:in": "place", "prep:at": "place", "prep:near": "place", "prep:from": "origin",
         "prep:to": "destination", "nsubj": "actor", "nsubjpass": "object", "prep:by": "actor",
         "dobj": "object", "poss": "affiliation", "appos": "person", "conj": "name"}  # fmt: skip


def _meets(s: Span, spans: set[Span]) -> bool:
    """``s`` overlaps one of ``spans`` (the parse's name and the speaker's may differ by a
    title or a possessive)."""
    return any(f.start < s.end and s.start < f.end for f in spans)


def _names(p: Parse) -> list[tuple[Span, str]]:
    out = []
    for s, e, label in p.ents:
        if label in _NAME_LABELS:
            toks = p.tokens[s:e]
            while toks and toks[0].dep == "det":
                toks = toks[1:]
            while toks and toks[-1].tag == "POS":  # "the Council's": the name ends before
                toks = toks[:-1]
            if not toks:
                continue
            after = p.text[toks[-1].end : toks[-1].end + 3].strip()
            if toks[0].i == 0 and p.tokens[toks[-1].i].text.isupper() and after[:1] in DASHES:
                continue  # a dateline ("WASHINGTON —"): where the piece was filed
            out.append((Span(toks[0].start, toks[-1].end), label))
    return out


def _as_words(name: str) -> str:
    """A pattern for ``name`` written as words of its own (not inside a longer word)."""
    return rf"(?<!\w){re.escape(name)}(?!\w)"


@functools.lru_cache(maxsize=4096)
def _words_pattern(name: str, flags: int) -> re.Pattern[str]:
    """:func:`_as_words` compiled (names recur in every pair of a story; re's own cache
    of 512 patterns is soon overrun)."""
    return re.compile(_as_words(name), flags)


def _written_at(name: str, text: str, flags: int = 0) -> list[Span]:
    """Where ``text`` writes ``name`` as words of its own."""
    return [Span(m.start(), m.end()) for m in _words_pattern(name, flags).finditer(text)]


#: A capitalised name's words, with the small words inside it ("Deferred Action for
#: Childhood Arrivals"); and a word in capitals, an acronym ("DACA").
_CAP_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|on)\s+)?[A-Z][\w’'-]*)*")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,6}\b")


def _by_initials(own: str, span: Span, other: str) -> bool:
    """Does ``other`` write the name at ``span`` by its initials, or spell out the
    initials it is ("Childhood Arrivals" of "the Deferred Action for Childhood Arrivals
    program" / "DACA protections", and the other way round)? The tagger often takes
    only part of a long name; the capitalised words around it are read with it."""
    caps = set(_CAPS_WORD.findall(other))
    for m in _CAP_RUN.finditer(own):
        if caps and m.start() <= span.start and span.end <= m.end():
            words = [w.lower() for w in m.group().split()]
            # any run of its words from one on ("Obama-era Deferred Action for ...")
            if any(len(words) - k >= 3 and _initials(words[k:]).upper() in caps
                   for k in range(len(words))):
                return True
    name = own[span.start : span.end].strip()
    if _CAPS_WORD.fullmatch(name):
        return any(
            _initials([w.lower() for w in m.group().split()]).upper() == name
            for m in _CAP_RUN.finditer(other)
            if len(m.group().split()) >= 3
        )
    return False


def _written_in(name: str, text: str, flags: int = 0) -> bool:
    """Does ``text`` write ``name`` as words of its own?"""
    return _words_pattern(name, flags).search(text) is not None


def _typed(names: list[tuple[Span, str]], text: str) -> list[tuple[Span, str]]:
    """The names with a people's tag their words do not bear out taken as untyped: the
    tagger calls an unknown name before a noun a people ("Oracle managers", "the Parma
    coast"), which would keep it from every name of another type."""
    return [
        (sp, "PROPN" if lb == "NORP" and not reads_as_people(text[sp.start : sp.end]) else lb)
        for sp, lb in names
    ]


def _preps_apart(view: Any, sa: Span, sb: Span) -> bool:
    """Do the two names hang from their heads through two different prepositions
    ("policing in the Solomons" / "policing by the commissioner": a place and an agent)?"""
    ha, hb = view.head("a", sa), view.head("b", sb)
    if ha is None or hb is None:
        return False
    ra, rb = ha.rel, hb.rel
    return ra.startswith("prep:") and rb.startswith("prep:") and ra != rb


def _products(p: Parse) -> list[tuple[Span, str]]:
    """What the tagger calls a product, as untyped names: it calls many an unknown name
    so ("pending in ConAgra", "any work for Springdale"), and two products in one firmly
    aligned slot differ too."""
    out = []
    for s, e, label in p.ents:
        if label == "PRODUCT" and any(t.text[:1].isupper() for t in p.tokens[s:e]):
            out.append((Span(p.tokens[s].start, p.tokens[e - 1].end), "PROPN"))
    return out


def _untyped_names(p: Parse) -> list[tuple[Span, str]]:
    """Proper nouns the tagger gave no entity ("against Amrozi", "detained Strayhorn"):
    runs of PROPN tokens outside every entity, with a name word left once titles go;
    labelled "PROPN" (no type, so only compared in a firmly aligned slot)."""
    covered = {i for s, e, _ in p.ents for i in range(s, e)}
    out: list[tuple[Span, str]] = []
    run: list[int] = []
    for t in [*p.tokens, None]:
        if t is not None and t.pos == "PROPN" and t.i not in covered and t.text[:1].isupper():
            run.append(t.i)
            continue
        if run:
            # with the capitalised words beside it the tagger read otherwise ("Internet
            # Explorer": "IE")
            while run[0] > 1 and run[0] - 1 not in covered and p.tokens[run[0] - 1].text[
                :1
            ].isupper():
                run.insert(0, run[0] - 1)
            first, last = p.tokens[run[0]], p.tokens[run[-1]]
            words = name_words(p.text[first.start : last.end])
            # not a piece of a tagged name ("Justice Dept", "the Office of ...") nor a
            # body's generic word
            beside = run[0] - 1 in covered or run[-1] + 1 in covered or (
                run[-1] + 2 < len(p.tokens) and p.tokens[run[-1] + 1].text.lower() == "of"
            )
            generic = all(w.rstrip(".") in _GENERIC_NAME_WORDS for w in words)
            if words and not beside and not generic:
                out.append((Span(first.start, last.end), "PROPN"))
            run = []
    return out


#: Capitalised words that name no one on their own ("the Department", "Dept.").
_GENERIC_NAME_WORDS = _ORG_HEADS | frozenset("dept dep depts agencies airlines airways".split())


_COUNTRY_MARKS = frozenset({"the", "u.s", "us", "u.s.", "uk", "u.k"})


def _distinct_words(name: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in re.split(r"[\s\-–]+", name)}
    words = {re.sub(r"['’]s$", "", w) for w in words}
    return {w for w in words if w and w not in _GENERIC_NAME_WORDS and w not in _COUNTRY_MARKS}


def _within_body(ta: str, tb: str) -> bool:
    """Is one body's name the other's with more words, a part of it or its umbrella
    ("the U.S. House" / "the House Armed Services Committee", "the Democratic Party" /
    "the Democratic Congressional Campaign Committee"): every distinctive word of the
    shorter (no "committee", "party", "U.S.") in the longer? Then the two are one body told
    at two sizes, as a city and its country are one place. Two names whose distinctive
    words are the same are one body whatever kind of body each calls it ("the Federal
    Emergency Management Agency" / "Administration")."""
    wa, wb = _distinct_words(ta), _distinct_words(tb)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if bool(short) and short <= long_:
        return True
    # a house of a legislature and the legislature ("Congress" / "the Senate"), or "the
    # Legislature" and the name it has ("the General Assembly")
    # (by the name each stands for: "the Capitol" is Congress's)
    ka, kb = (_ALIAS.get(k, k) for k in (_bare_body(ta), _bare_body(tb)))
    if {ka, kb} & _LEGISLATURES and {ka, kb} & _HOUSES:
        return True
    return "legislature" in (ka, kb) and bool({ka, kb} & _LEGISLATURE_NAMES)


def _bare_body(text: str) -> str:
    """A body's name without "the" and a country's initials: "the U.S. Senate" -> "senate"."""
    words = [w for w in text.lower().replace("’", "'").split() if w not in ("the", "u.s.", "us")]
    return " ".join(words)


#: How firmly a person and an organisation must be aligned to be compared.
_FIRM = 0.9


def _surname_as_org(ta: str, la: str, tb: str, lb: str) -> bool:
    """Is one a person and the other an "organisation" that reads like a surname the
    tagger did not know (one title-case word: "Sattler's office")? Not a body's name of
    several words ("the White House" / "Bush": one may stand for the other), an acronym
    ("DJs") or another spelling of the person's name ("@Stake" / "AtStake")."""
    if {la, lb} != {"PERSON", "ORG"}:
        return False
    org = ta if la == "ORG" else tb
    word = re.sub(r"['’]s$", "", org.strip())
    if not re.fullmatch(r"[A-Z][a-z]+", word):
        return False
    return fuzz.ratio(ta.lower(), tb.lower()) < 80


#: Relations inside one noun phrase: a name tied to another by them is a detail of it
#: ("the hospital in Leominster", "Syria, Yemen and Bahrain", "Perkins and X").
_PHRASE_DEPS = frozenset({"prep", "pobj", "compound", "appos", "conj", "nmod", "poss", "amod"})


def _tied(p: Parse, s1: Span, s2: Span) -> bool:
    """Are the two names of one sentence parts of one noun phrase (one hangs from the
    other within three steps through relations of :data:`_PHRASE_DEPS`)?"""
    t1, t2 = top_token(p, s1), top_token(p, s2)
    if t1 is None or t2 is None:
        return False
    for a, b in ((t1, t2), (t2, t1)):
        t = p.tokens[a]
        for _ in range(3):
            if t.is_root or t.dep not in _PHRASE_DEPS:
                break
            t = p.tokens[t.head]
            if t.i == b:
                return True
    return False


def _title_of(p: Parse, span: Span) -> list[int]:
    """The tokens of the title a person's name is given with, outside the name: the
    words before it ("French Foreign Minister X") or the noun phrase in apposition ("the
    French Foreign Minister, X,"), with their modifiers; no determiner, no possessor."""
    top = top_token(p, span)
    if top is None:
        return []
    inside = {t.i for t in p.tokens if t.start < span.end and span.start < t.end}
    # another person's name is no title (a list the parse hangs name on name)
    people = {i for s, e, lb in p.ents if lb == "PERSON" for i in range(s, e)}
    roots = [c.i for c in p.children(top) if c.dep == "compound" and c.i not in inside]
    t = p.tokens[top]
    head = p.tokens[t.head]
    if t.dep == "appos" and (head.pos == "NOUN" or head.text.lower() in _TITLES):
        roots.append(t.head)
    roots += [c.i for c in p.children(top) if c.dep == "appos" and c.pos == "NOUN"]
    roots += _title_run(p, min(inside), people)
    out: list[int] = []
    todo = list(roots)
    while todo:
        k = todo.pop()
        if k in inside or k in out or k in people:
            continue
        out.append(k)
        todo += [c.i for c in p.children(k) if c.dep in ("compound", "amod")]
        if p.tokens[k].pos == "NOUN":
            # the body or place the post is of: "mayor of Hit", "chairman of the party"
            for prep in p.children(k):
                if prep.dep == "prep" and prep.lemma.lower() == "of":
                    todo += [c.i for c in p.children(prep.i) if c.dep == "pobj"]
    return sorted(out)


def _title_run(p: Parse, first: int, people: set[int]) -> list[int]:
    """The capitalised words right before a name that end in a title, read off the text
    whatever the parse makes of them: "Chairman and Chief Executive Officer Phil Condit"
    (the parse hangs "Chairman" from the name, from "of" or from "resignation" by turns)."""
    k = first - 1
    if k < 0 or p.tokens[k].text.lower().rstrip(".") not in _TITLES:
        return []
    run: list[int] = []
    while k >= 0 and k not in people:
        t = p.tokens[k]
        if t.text.lower() in ("and", "&") and run and k > 0 and p.tokens[k - 1].text[:1].isupper():
            k -= 1  # "Chairman and Chief ...": the "and" between two titles, not a word of one
            continue
        if not (t.text[:1].isupper() and t.pos in ("NOUN", "PROPN", "ADJ")):
            break
        run.append(k)
        k -= 1
    return run


def _same_title(view: Any, sa: Span, sb: Span) -> float:
    """Two people given with one title ("French Foreign Minister X" / "the French Foreign
    Minister, Y"): the link of the titles' words, every word of the shorter title aligned
    to one of the other's, at least two words with a title among them; else 0."""
    return _titles_link(view, _title_of(view.pa, sa), _title_of(view.pb, sb))


def _titles_link(view: Any, ta: list[int], tb: list[int]) -> float:
    """:func:`_same_title` of the title tokens ``ta`` (of A) and ``tb`` (of B)."""
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < 2:
        return 0.0
    words = [view.pa.tokens[i].text.lower().rstrip(".") for i in ta]
    if not any(w in _TITLES for w in words):
        return 0.0
    mine = "a" if short is ta else "b"
    side = view.pa if mine == "a" else view.pb
    strengths = []
    for i in short:
        best = max((view.token_link_from(mine, i, j) for j in long_), default=0.0)
        # the title itself the same word ("Chairman" is no "Co-Chairwoman"), its
        # modifiers the same or another form of it
        title = side.tokens[i].text.lower().rstrip(".") in _TITLES
        if best < (0.95 if title else 0.85):
            return 0.0
        strengths.append(best)
    return min(strengths) * 0.9


_DESCRIBING = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB"})


def _description_of(p: Parse, span: Span) -> tuple[int | None, list[int]]:
    """The noun phrase in apposition that describes a name, whichever way the parse hangs
    it ("X, a left-hander from Y College," / "the dead man, X,"): its head token and the
    content tokens of its phrase outside the name and other people's names; (None, [])
    when the name has none."""
    top = top_token(p, span)
    if top is None:
        return None, []
    t = p.tokens[top]
    heads = [c.i for c in p.children(top) if c.dep == "appos" and c.pos == "NOUN"]
    if t.dep == "appos" and p.tokens[t.head].pos == "NOUN":
        heads.append(t.head)
    if len(heads) != 1:
        return None, []
    head = heads[0]
    inside = {x.i for x in p.tokens if x.start < span.end and span.start < x.end}
    people = {i for s, e, lb in p.ents if lb == "PERSON" for i in range(s, e)}
    # the phrase under the describing noun, without the name (a description the name is
    # in apposition to holds it) and without another clause ("who ...")
    skip = inside if p.tokens[head].head == top else set(p.subtree(top)) | inside
    for c in p.children(head):
        if c.dep in ("relcl", "acl", "appos", "conj", "cc", "punct"):
            skip |= set(p.subtree(c.i))
    words = [i for i in p.subtree(head) if i not in skip and i not in people
             and p.tokens[i].pos in _DESCRIBING]
    return head, words


def _same_description(view: Any, sa: Span, sb: Span) -> float:
    """Two names each given with a description in apposition that says the same ("Nick
    Markakis, a left-hander from Young Harris Junior College," / "Mark McClellan, a
    left-handed pitcher from Young Harris Junior College"): one role, however the verbs
    differ. Half the words of the shorter description aligned, two at least (or all of
    one), and the describing nouns aligned or three words; else 0."""
    ha, wa = _description_of(view.pa, sa)
    hb, wb = _description_of(view.pb, sb)
    if ha is None or hb is None or not wa or not wb:
        return 0.0
    mine = "a" if len(wa) <= len(wb) else "b"
    short, long_ = (wa, wb) if mine == "a" else (wb, wa)
    hits = [max(view.token_link_from(mine, i, j) for j in long_) for i in short]
    aligned = [h for h in hits if h >= 0.7]
    if len(aligned) < min(2, len(short)) or len(aligned) * 2 < len(short):
        return 0.0
    if view.token_link(ha, hb) < 0.7 and len(aligned) < 3:
        return 0.0  # other describing nouns, and too little else the same
    return 0.85 * min(aligned)


#: Relations by which a name is a detail of the noun it hangs from ("Florida legislators",
#: "the legislature of Florida", "lawmakers in Ohio").
_DETAIL_RELS = frozenset({"compound", "amod", "nmod", "poss", "prep:of", "prep:in", "prep:from"})


def _detail_of_counterpart(view: Any, sa: Span, sb: Span) -> bool:
    """Is one name a detail of the noun the other side's name is aligned to ("The
    Legislature returns" / "Florida legislators return": Florida tells whose legislators,
    it does not stand for the Legislature)?"""
    al = view.align
    for side, mine, other in (("a", sa, sb), ("b", sb, sa)):
        h = view.head(side, mine)
        if h is None or h.rel not in _DETAIL_RELS:
            continue
        w = al.word_at_token(side, h.token)
        if w is None:
            continue
        words = al.b if side == "a" else al.a
        there = al.words_in("b" if side == "a" else "a", other)
        if sum(words[k].is_content for k in there) != 1:
            continue  # a name of more words ("the Pauley Finals"): more than the noun
        if any((al.linked_words(w, k) if side == "a" else al.linked_words(k, w)) > 0
               for k in there):
            return True
        # or one word told two ways ("Legislature" / "legislators", "Senate" / "senators")
        noun = (al.a if side == "a" else al.b)[w].text.lower()
        if any(_one_stem(words[k].text.lower(), noun) for k in there):
            return True
    return False


def _chamber_and_subject(view: Any, sa: Span, sb: Span, ta: str, tb: str) -> bool:
    """Are the two names the chamber a committee sits in and what it oversees, before one
    aligned committee ("the Senate committee" / "the Intelligence committee chairman":
    one Senate Intelligence Committee)? Two chambers ("House" / "Senate") still differ."""
    ha, hb = view.head("a", sa), view.head("b", sb)
    if ha is None or hb is None or ha.rel != "compound" or hb.rel != "compound":
        return False
    if view.pa.tokens[ha.token].lemma.lower() not in _PANELS:
        return False
    if view.token_link(ha.token, hb.token) < MIN_LINK:
        return False

    def chamber(text: str) -> bool:
        return re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).lower() in _CHAMBERS

    return chamber(ta) != chamber(tb)


def _word_forms(ta: str, tb: str) -> bool:
    """Are two names the same words, each the same or another form of it (a shared stem of
    five letters or more: "Ejection" / "Eject"), in the same order?"""
    wa = [w.strip(".,'’").lower() for w in ta.split() if w.lower() != "the"]
    wb = [w.strip(".,'’").lower() for w in tb.split() if w.lower() != "the"]
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    return all(x == y or _one_stem(x, y) for x, y in zip(wa, wb, strict=True))


def _one_stem(x: str, y: str) -> bool:
    """Do two words share most of the shorter's letters from the start (five or more)?"""
    n = 0
    for cx, cy in zip(x, y, strict=False):
        if cx != cy:
            break
        n += 1
    return n >= 5 and n >= 0.7 * min(len(x), len(y))


def _closer(mine: str, name: str, other: str) -> bool:
    """Is ``mine`` (another name of the side that gives ``name``) a closer match of the other
    side's name ``other`` than ``name`` is: written as it ("Paris" / "Paris" against "France"
    / "Paris"), or spelled nearer ("Americans" / "America" against "Washington")?"""
    key = mine.lower()
    if key == name.lower():
        return False
    if key == other.lower():
        return True
    return fuzz.ratio(key, other.lower()) > max(fuzz.ratio(name.lower(), other.lower()), 80)


def _one_of_a_list(
    sa: Span, sb: Span, partners_a: dict[Span, list[Span]], partners_b: dict[Span, list[Span]],
    listed: tuple[set[Span], set[Span]],
    seen_a: list[tuple[Span, str]], seen_b: list[tuple[Span, str]],
) -> bool:
    """Does one side give a list of names where the other gives one name, and the other
    side name one of the list's members elsewhere? Then the list tells more of who did it,
    not someone else: "the Health Department said Medicare would extend benefits" / "the
    Election Commission and the Health Department extended benefits". Two lists, one
    member swapped ("Paris, Lyon and Lille" / "Paris, Lyon and Rome"), still differ."""
    seen_in_a, seen_in_b = {s for s, _ in seen_a}, {s for s, _ in seen_b}
    for one, many, listed_one, partners_many, seen in (
        (sa, sb, listed[0], partners_b, seen_in_b), (sb, sa, listed[1], partners_a, seen_in_a)
    ):
        if one not in listed_one and any(o in seen for o in partners_many.get(many, ())):
            return True
    return False


#: How much of the rest of two sentences (of the longer side) must be aligned for the
#: subjects of their main verbs to be one slot (:func:`_main_subjects`).
MAIN_SUBJECT_REST = 0.35
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _main_subjects(view: Any, sa: Span, sb: Span, rest: float) -> bool:
    """Are both names the subjects of their sentence's main verb (the root), in two
    sentences whose other content words align at least ``rest`` (of the longer side)?"""
    ha, hb = view.head("a", sa), view.head("b", sb)
    if ha is None or hb is None or ha.rel not in _SUBJECTS or hb.rel not in _SUBJECTS:
        return False
    if not (view.pa.tokens[ha.token].is_root and view.pb.tokens[hb.token].is_root):
        return False
    return bool(view.aligned_share([sa], [sb], of_longer=True) >= rest)


def _held_title(p: Parse, span: Span) -> tuple[tuple[int, ...], int] | None:
    """(title words, holder) tokens when the name tells who a named person is: part of a
    title the person holds ("former Florida governor Jeb Bush": "governor", "Bush";
    "Mark Warner, the top Democrat on the Senate Intelligence Committee": "Democrat",
    "Warner"; "RNC Co-Chairwoman Ann Wagner", the name with its title word), or the
    person's place or body ("Ed Royce of California": no title word, "Royce"). Else
    None."""
    top = top_token(p, span)
    if top is None or p.tokens[top].is_root:
        return None
    tok = p.tokens[top]
    title = p.tokens[tok.head]
    if tok.dep == "pobj" and title.pos == "ADP" and not title.is_root and (
        title.lemma.lower() in ("of", "on", "at", "for", "from")
    ):
        title = p.tokens[title.head]  # "chairman of the X Committee", "Royce of Ohio"
    elif tok.dep not in ("compound", "amod", "nmod"):
        return None
    if _person(title):
        # "Royce of Ohio": no title; "RNC Co-Chairwoman Ann Wagner": the name's own words
        return ((), title.i) if tok.dep == "pobj" else ((tok.i,), title.i)
    if title.pos not in ("NOUN", "PROPN"):
        return None
    # the holder: the name the title hangs on, the name it is in apposition to, or the
    # name in apposition to it ("Former U.S. ambassador Tom Hale" parsed as
    # "ambassador", appos "Hale"); up a title of several words ("Attorney General Eliot
    # Spitzer", "Committee Chairman Sen. John Warner")
    words: list[int] = []
    for _ in range(4):
        words.append(title.i)
        holders = [k for k in p.children(title.i) if k.dep == "appos"]
        if title.dep in ("compound", "appos") and not title.is_root:
            holders.insert(0, p.tokens[title.head])
        for holder in holders:
            if _person(holder):
                return tuple(words), holder.i
        up = p.tokens[title.head]
        if title.dep != "compound" or title.is_root or up.pos not in ("NOUN", "PROPN"):
            break
        title = up
    return None


def _person(tok: Token) -> bool:
    return tok.pos == "PROPN" and tok.ent == "PERSON"


def _titles_apart(view: Any, sa: Span, sb: Span, a_text: str, b_text: str) -> bool:
    """Is one name part of what tells who a named person is (:func:`_held_title`), in a
    title the other sentence does not give the name it compares? Then it is a detail:
    "former U.S. ambassador Ann Wagner" / "former RNC co-chairwoman Ann Wagner" (two
    posts); "former Florida governor Jeb Bush" beside "Christie ... as New Jersey
    governor" (the same post of another person). The same title is one slot, of the same
    person or of one the other side names by it alone ("a student at Whatcom Community
    College, Gennette Cordova" / "a college student in Seattle")."""
    for side, span, other_side, other_span, other in (
        ("a", sa, "b", sb, b_text), ("b", sb, "a", sa, a_text)
    ):
        p = view.parse(side)
        found = _held_title(p, span)
        if found is None:
            continue
        title, holder = found
        q = view.parse(other_side)
        top = top_token(q, other_span)
        if top is None or q.tokens[top].is_root:
            return True
        mate = q.tokens[top].head
        if q.tokens[mate].pos == "ADP" and not q.tokens[mate].is_root:
            mate = q.tokens[mate].head  # "chairman of the X Committee"
        theirs = _held_title(q, other_span)
        their_words = {mate, *(theirs[0] if theirs is not None else ())}
        same_title = any(
            view.token_link_from(side, t, u) >= GAP_ANCHOR for t in title for u in their_words
        )
        # the other name tells of the same person: hangs on that person's name, or is
        # part of a title or an "of" phrase of it
        same_holder = view.token_link_from(side, holder, mate) >= GAP_ANCHOR or (
            theirs is not None and view.token_link_from(side, holder, theirs[1]) >= GAP_ANCHOR
        )
        if not title or theirs is None or not theirs[0]:
            # a person's place or body ("Tracey Powers of the National Interagency Fire
            # Center" / "Tracey Powers, spokeswoman for the Fire Center"): one slot
            # wherever the other side hangs it on the same person
            if not (same_title or same_holder):
                return True
        elif not same_title:
            return True  # another post (the title words not firmly aligned)
        if not _written_in(p.tokens[holder].text, other) and _person_near(q, mate):
            return True  # the same post of someone else: "Christie ... as New Jersey governor"
    return False


def _person_near(p: Parse, i: int) -> bool:
    """Is a person named with the noun at ``i``: beside it (a compound, an apposition) or
    as the subject of the verb it hangs from ("Christie has served as governor")?"""
    # any name will do: the tagger often types a person as an organisation ("Christie")
    tok = p.tokens[i]
    if any(k.pos == "PROPN" for k in p.children(i) if k.dep in ("compound", "appos")):
        return True
    for _ in range(3):
        if tok.is_root:
            break
        tok = p.tokens[tok.head]
        if tok.pos == "PROPN" and tok.i != i:
            return True
        if tok.pos in ("VERB", "AUX"):
            return any(
                k.pos == "PROPN" for k in p.children(tok.i) if k.dep in ("nsubj", "nsubjpass")
            )
    return False


#: How much of the rest of two sentences (of the longer side) must align for two names,
#: each joined to a name both give, to be one list when the lists' first members hang from
#: heads that do not align (:func:`_lists_apart`). The MSRP dev paraphrases with one such
#: member changed align 0.33 and up; a pair of sentences on two groups that share a
#: member, 0.17.
LIST_REST = 0.25


def _lists_apart(view: Any, sa: Span, sb: Span) -> bool:
    """Two names each joined to the one name both sentences give ("Mike Pence and Kevin
    McCarthy" / "Pence and Jared Kushner"): one list only where the lists stand in one
    role, their first members hanging from aligned heads ("Pressed by Pence and ..." /
    "The group would include Pence and ..." are two groups)."""
    ha, hb = view.head("a", sa), view.head("b", sb)
    if ha is None or hb is None or ha.rel != "conj" or hb.rel != "conj":
        return False
    first_a, first_b = view.pa.tokens[ha.token], view.pb.tokens[hb.token]
    if first_a.pos != "PROPN" or first_b.pos != "PROPN":
        return False
    span_a = Span(first_a.start, first_a.end)
    span_b = Span(first_b.start, first_b.end)
    if view.heads_link(span_a, span_b, reach=False) >= MIN_LINK:
        return False
    return bool(view.aligned_share([sa], [sb], of_longer=True) < LIST_REST)


def _objects_apart(view: Any, sa: Span, sb: Span) -> bool:
    """Two names, subjects of aligned verbs whose direct objects share no aligned word:
    two acts of one kind ("Barr would release the full report" / "Pelosi released a
    joint statement"), so the names are two actors, not one role told two ways."""
    ha, hb = view.head("a", sa), view.head("b", sb)
    if ha is None or hb is None or ha.rel not in _SUBJECTS or hb.rel not in _SUBJECTS:
        return False
    if not view.token_link(ha.token, hb.token):
        return False
    obj_a = [k.i for k in view.pa.children(ha.token) if k.dep in ("dobj", "obj")]
    obj_b = [k.i for k in view.pb.children(hb.token) if k.dep in ("dobj", "obj")]
    if not obj_a or not obj_b:
        return False
    words_a = _object_words(view.pa, obj_a)
    words_b = _object_words(view.pb, obj_b)
    return bool(words_a and words_b) and not any(
        view.token_link(i, j) for i in words_a for j in words_b
    )


def _object_words(p: Parse, objects: list[int]) -> list[int]:
    """The objects' words, with their "of" phrases and the words in apposition ("57
    percent of the vote", "2,400 employees, or one-third of its workforce"), not the
    other phrases and clauses hung on them ("a statement on the budget")."""
    out, todo = [], list(objects)
    while todo:
        k = todo.pop()
        out.append(k)
        todo += [
            c.i for c in p.children(k)
            if not (c.dep == "prep" and c.lemma.lower() != "of") and c.dep not in _OWN_CLAUSES
        ]
    return [i for i in out if p.tokens[i].pos in ("NOUN", "PROPN", "ADJ", "NUM", "VERB")]


_OWN_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp"})


def _compare_names_parsed(
    bld: _Builder, skip_a: set[Span], skip_b: set[Span],
    firm: tuple[set[Span], set[Span]] = (set(), set()),
) -> None:
    """Two names (spaCy's typed entities) that fill the same role (aligned to each other,
    or hanging from aligned heads) and are not one entity under two names; a name in
    ``firm`` (a speaker the other side credits nothing to) only in one firmly aligned
    slot."""
    view = bld.view
    a_text, b_text = bld.a.text, bld.b.text
    na = _typed(_names(view.pa), a_text) + _products(view.pa) + _untyped_names(view.pa)
    nb = _typed(_names(view.pb), b_text) + _products(view.pb) + _untyped_names(view.pb)
    frames_a, frames_b = bld.a.frames, bld.b.frames

    def person(label: str) -> bool:
        return label == "PERSON"

    def competes(mine: str, ml: str, name: str, label: str, other: str) -> bool:
        """Does our name ``mine`` claim the other side's ``other`` before ``name`` does?
        Two of our names for one body do not compete ("the United Nations' agency ...
        U.N. officials"); a country and its capital or its people may be two places."""
        if not _closer(mine, name, other):
            return False
        places = {ml, label} <= _PLACES | {"NORP"}
        return places or not same_name(mine, name, person=person(label) or person(ml))

    def mentioned(
        name: str, label: str, mine: list[tuple[Span, str]], own: str,
        others: list[tuple[Span, str]], text: str,
    ) -> bool:
        if _written_in(name, text, re.IGNORECASE):
            return True  # the same words ("Justice" is all title, so no name words)
        for sp, lb in others:
            other = text[sp.start : sp.end]
            if not same_name(name, other, person=person(label) or person(lb)):
                continue
            # A name the other side gives stands for one of ours, the closest: "Paris"
            # is France told another way only where no "Paris" of ours claims it.
            if not any(competes(own[m.start : m.end], ml, name, label, other) for m, ml in mine):
                return True
        words = name_words(name)
        low = {w.strip(".,").lower() for w in text.replace("’", "'").split()}
        return bool(words) and all(w in low for w in words)

    # a side's names outside speakers and frames: seen (the other side mentions them) or free
    open_a = [(sp, lb) for sp, lb in na if not _meets(sp, skip_a) and not _inside(sp, frames_a)]
    open_b = [(sp, lb) for sp, lb in nb if not _meets(sp, skip_b) and not _inside(sp, frames_b)]
    seen_a = [(sp, lb) for sp, lb in open_a
              if mentioned(a_text[sp.start : sp.end], lb, na, a_text, nb, b_text)
              or _by_initials(a_text, sp, b_text)]
    seen_b = [(sp, lb) for sp, lb in open_b
              if mentioned(b_text[sp.start : sp.end], lb, nb, b_text, na, a_text)
              or _by_initials(b_text, sp, a_text)]
    free_a = [x for x in open_a if x not in seen_a]
    free_b = [x for x in open_b if x not in seen_b]
    def kin(la: str, lb: str) -> bool:
        """Could the two labels name one kind of thing (a person, a people, the rest)?"""
        return (la == "PERSON") == (lb == "PERSON") and (la == "NORP") == (lb == "NORP")

    def slot_link(sa: Span, sb: Span) -> float:
        link = bld.link(sa, sb)
        if not view.same_relation(sa, sb):
            link = min(link, view.heads_link(sa, sb, reach=False))
        return link

    def elsewhere(
        sp: Span, label: str, own: str, others: list[tuple[Span, str]], text: str,
        new: Span, a_side: bool,
    ) -> bool:
        """Is the name (one the other side mentions) mentioned there only in other slots
        ("send a team to Canada" / "send a team to Colombia to help in the Canadian
        situation"), none of them a part of the ``new`` name's phrase ("the hospital in
        Leominster"), so that its own slot holds another name?"""
        name = own[sp.start : sp.end]
        spans = _written_at(name, text, re.IGNORECASE)
        spans += [o for o, lb in others if same_name(
            name, text[o.start : o.end], person=person(label) or person(lb))]
        if not spans:
            return False  # its words are there, scattered: no slot to tell
        there = view.pb if a_side else view.pa
        return all(
            (slot_link(sp, o) if a_side else slot_link(o, sp)) < MIN_LINK
            and not _tied(there, o, new) and not (o.start < new.end and new.start < o.end)
            for o in spans
        )

    cands = []
    sole = len(free_a) == 1 and len(free_b) == 1
    partners_a, partners_b = _partners(view.pa, na), _partners(view.pb, nb)
    listed = (_listed(view.pa, na, partners_a), _listed(view.pb, nb, partners_b))
    for sa, la in free_a:
        for sb, lb in free_b:
            # The tagger often calls an unknown surname an organisation ("Sattler's
            # office"): a person against an organisation only in one firmly aligned slot.
            untyped = "PROPN" in (la, lb)
            weak = untyped or not kin(la, lb)
            if untyped and "NORP" in (la, lb):
                continue
            if weak and not untyped and not _surname_as_org(
                a_text[sa.start : sa.end], la, b_text[sb.start : sb.end], lb
            ):
                continue
            loose = weak or _meets(sa, firm[0]) or _meets(sb, firm[1])
            if la != "PERSON" and nested(a_text[sa.start : sa.end], b_text[sb.start : sb.end]):
                continue  # a city and its country or state: one place, two details
            if "PERSON" not in (la, lb) and _within_body(
                a_text[sa.start : sa.end], b_text[sb.start : sb.end]
            ):
                continue  # a body and a part of it
            if la != "PERSON" and lb != "PERSON" and _word_forms(
                a_text[sa.start : sa.end], b_text[sb.start : sb.end]
            ):
                continue  # "the Ejection Mechanism" / "the Eject Mechanism": one name
            if _detail_of_counterpart(view, sa, sb) or _chamber_and_subject(
                view, sa, sb, a_text[sa.start : sa.end], b_text[sb.start : sb.end]
            ):
                continue
            if _one_of_a_list(sa, sb, partners_a, partners_b, listed, seen_a, seen_b):
                continue
            if _objects_apart(view, sa, sb) or _lists_apart(view, sa, sb):
                continue
            if _titles_apart(view, sa, sb, a_text, b_text):
                continue
            link = bld.link(sa, sb)
            # one relation to their heads, or not one role ("police in Ohio" / "FBI agents")
            same_rel = view.same_relation(sa, sb)
            if not same_rel:
                link = min(link, view.heads_link(sa, sb, reach=False))
            if loose:
                if same_rel and link >= _FIRM and not _preps_apart(view, sa, sb):
                    cands.append((link, sa, sb, la))
                elif _main_subjects(view, sa, sb, SOLE_SLOT_REST):
                    cands.append((MIN_LINK, sa, sb, la))
                continue
            if link < MIN_LINK and la == lb == "PERSON":
                link = max(link, _same_title(view, sa, sb))
            if link < MIN_LINK:
                link = max(link, _same_description(view, sa, sb))
            if link < MIN_LINK and sole:
                # the one name each sentence has that the other lacks, in two sentences
                # that otherwise say the same words: one role however the parse hangs it
                link = max(link, view.sole_link(sa, sb))
            if link < MIN_LINK and _main_subjects(view, sa, sb, MAIN_SUBJECT_REST):
                # the subjects of both sentences' main verbs, in two sentences that
                # otherwise say much the same: "Imam Samudra is accused of being the field
                # commander of the attacks" / "Deborah Fallows is charged with a key role
                # in the attacks"
                link = MIN_LINK
            if link < MIN_LINK and same_rel:
                # the one name in a gap of the alignment on each side: "Goldman is trying
                # to sell the shares" / "Morgan offered the shares"
                link = max(link, view.gap_link(
                    sa, sb, others_a=[s for s, x in free_a if s != sa and kin(x, la)],
                    others_b=[s for s, x in free_b if s != sb and kin(x, lb)]))
            if link >= MIN_LINK:
                cands.append((link, sa, sb, la))
    # A name the other side mentions only in another slot, against a name new to it in
    # its own firmly aligned slot, in two sentences that otherwise say the same words.
    pairs = [(sa, la, sb, lb, "b") for sa, la in free_a for sb, lb in seen_b]
    pairs += [(sa, la, sb, lb, "a") for sa, la in seen_a for sb, lb in free_b]
    for sa, la, sb, lb, seen in pairs:
        if not kin(la, lb) or "PROPN" in (la, lb) or not view.same_relation(sa, sb):
            continue
        if la != "PERSON" and nested(a_text[sa.start : sa.end], b_text[sb.start : sb.end]):
            continue
        link = bld.link(sa, sb)
        if link < _FIRM or view.aligned_share([sa], [sb], of_longer=True) < SOLE_SLOT_REST:
            continue
        if seen == "a" and elsewhere(sa, la, a_text, nb, b_text, sb, True) or (
            seen == "b" and elsewhere(sb, lb, b_text, na, a_text, sa, False)
        ):
            cands.append((link, sa, sb, la))
    # Two people given with one title of several words, a speaker among them
    # ("Palestinian Prime Minister Mahmoud Abbas told ..." / "Palestinian Prime Minister
    # X denounced ..."): one post, two holders, when neither sentence names the other's
    # person and the speaker check left them (their statements told apart). A former
    # holder is one of many.
    if not any(c.kind is ConflictKind.ATTRIBUTION for c in bld.conflicts):
        for sa, la in na:
            if la != "PERSON" or _inside(sa, frames_a):
                continue
            for sb, lb in nb:
                if lb != "PERSON" or _inside(sb, frames_b):
                    continue
                if not (_meets(sa, skip_a) or _meets(sb, skip_b)):
                    continue  # two names outside speakers: compared above
                ta, tb = a_text[sa.start : sa.end], b_text[sb.start : sb.end]
                if same_name(ta, tb, person=True) or mentioned(ta, la, na, a_text, nb, b_text) or (
                    mentioned(tb, lb, nb, b_text, na, a_text)
                ):
                    continue
                title_a, title_b = _title_of(view.pa, sa), _title_of(view.pb, sb)
                words = [view.pa.tokens[i].text.lower() for i in title_a]
                words += [view.pb.tokens[i].text.lower() for i in title_b]
                if any(w in ("former", "ex", "then", "late", "acting") for w in words):
                    continue
                link = _titles_link(view, title_a, title_b)
                if link >= MIN_LINK:
                    cands.append((link, sa, sb, la))
    used_a: set[Span] = set()
    used_b: set[Span] = set()
    for link, sa, sb, la in sorted(cands, key=lambda c: -c[0]):
        if sa in used_a or sb in used_b:
            continue
        used_a.add(sa)
        used_b.add(sb)
        h = view.head("a", sa)
        what = _WHAT.get(h.rel, "name") if h is not None else "name"
        if what == "name":
            what = "person" if la == "PERSON" else "place" if la in _PLACES else "name"
        bld.add(ConflictKind.ENTITY, sa, sb, f"different {what}", 0.8, link=link)


def _conj_groups(
    p: Parse, names: list[tuple[Span, str]]
) -> tuple[dict[int, tuple[Span, str]], dict[int, list[int]]]:
    """The names by their head token, and the parse's conjoined tokens ("A, B and C")
    grouped under the first member's token."""
    by_head: dict[int, tuple[Span, str]] = {}
    for sp, label in names:
        inside = [t.i for t in p.tokens if sp.start <= t.start and t.end <= sp.end]
        if inside:
            head = next((i for i in inside if p.tokens[i].head not in inside), inside[-1])
            by_head[head] = (sp, label)
    groups: dict[int, list[int]] = {}
    for t in p.tokens:
        if t.dep != "conj":
            continue
        top = t
        for _ in range(len(p.tokens)):
            if top.dep != "conj" or top.is_root:
                break
            top = p.tokens[top.head]
        groups.setdefault(top.i, [top.i])
        groups[top.i].append(t.i)
    return by_head, groups


def _partners(p: Parse, names: list[tuple[Span, str]]) -> dict[Span, list[Span]]:
    """Each name conjoined with other names in the parse ("the Commission, and the
    Departments of Health and of Homeland Security"): the names beside it."""
    by_head, groups = _conj_groups(p, names)
    out: dict[Span, list[Span]] = {}
    for members in groups.values():
        spans = [by_head[i][0] for i in sorted(set(members)) if i in by_head]
        for sp in spans:
            out[sp] = [o for o in spans if o != sp]
    return out


def _listed(p: Parse, names: list[tuple[Span, str]], partners: dict[Span, list[Span]]) -> set[Span]:
    """The names that are members of a list, as the parse or the words tell: conjoined
    with a name, conjoined at all, or next to another name across a comma, "and", "or"."""
    out = {sp for sp, others in partners.items() if others}
    spans = sorted({sp for sp, _ in names}, key=lambda s: s.start)
    for x, y in zip(spans, spans[1:], strict=False):
        if x.end <= y.start and _LIST_GAP.fullmatch(p.text, x.end, y.start) is not None:
            out.update((x, y))
    for sp in spans:
        top = top_token(p, sp)
        if top is not None and (p.tokens[top].dep == "conj" or any(
            k.dep in ("cc", "conj") for k in p.children(top)
        )):
            out.add(sp)
    return out


def _list_members(p: Parse, names: list[tuple[Span, str]]) -> list[list[tuple[Span | None, str]]]:
    """The lists of three or more members joined by "and" / commas in the parse ("China,
    Russia and four central Asian nations"): each member a name (its span and label) or
    a word (no span, its lemma)."""
    by_head, groups = _conj_groups(p, names)
    out: list[list[tuple[Span | None, str]]] = []
    for members in groups.values():
        if len(set(members)) >= 3:
            out.append([
                by_head[i] if i in by_head else (None, p.tokens[i].lemma.lower())
                for i in sorted(set(members))
            ])
    # The same read off the words, where the parse hangs a member elsewhere ("China,
    # Russia and ..." with "Russia" an apposition): names one after another, between
    # commas or "and", and a last member in lower case after "and".
    spans = sorted(names, key=lambda n: n[0].start)
    run: list[tuple[Span | None, str]] = []
    for n, (sp, label) in enumerate(spans):
        if run and _LIST_GAP.fullmatch(p.text, spans[n - 1][0].end, sp.start) is None:
            _close_run(p.text, run, out)
            run = []
        run.append((sp, label))
    _close_run(p.text, run, out)
    return out


#: What stands between two members of a list: a comma, "and", "or".
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
#: A last member in lower case ("... and four central Asian nations").
_LIST_TAIL = re.compile(r"\s*,?\s+(?:and|or)\s+[a-z0-9]")


def _close_run(
    text: str, run: list[tuple[Span | None, str]], out: list[list[tuple[Span | None, str]]]
) -> None:
    """Keep a run of names as a list (with a lower-case last member after it), unless a
    parsed list holds the same names."""
    if len(run) < 2:
        return
    members = list(run)
    last = run[-1][0]
    assert last is not None
    if _LIST_TAIL.match(text, last.end):
        members.append((None, ""))
    if len(members) < 3:
        return
    spans = {sp for sp, _ in run}
    if any(spans <= {sp for sp, _ in lst if sp is not None} for lst in out):
        return
    out.append(members)


def _compare_lists(bld: _Builder, skip_a: set[Span], skip_b: set[Span]) -> None:
    """One member swapped inside a list the two sentences share ("China, Russia and four
    Central Asian nations" / "China, Kazakhstan and four Central Asian countries"): the
    lists match but for one name on each side, of one kind."""
    view = bld.view
    flagged = {(c.a_span, c.b_span) for c in bld.conflicts}
    flagged_a = {sa for sa, _ in flagged}
    flagged_b = {sb for _, sb in flagged}
    a_text, b_text = bld.a.text, bld.b.text
    lists_b = _list_members(view.pb, _names(view.pb))
    for la in _list_members(view.pa, _names(view.pa)):
        for lb in lists_b:
            if abs(len(la) - len(lb)) > 1:
                continue
            names_a = [(sp, lab) for sp, lab in la if sp is not None]
            names_b = [(sp, lab) for sp, lab in lb if sp is not None]
            matched_b: set[Span] = set()
            left_a = []
            for sa, lab_a in names_a:
                ta = a_text[sa.start : sa.end]
                hit = next((sb for sb, lab_b in names_b if sb not in matched_b and same_name(
                    ta, b_text[sb.start : sb.end], person=lab_a == "PERSON" or lab_b == "PERSON"
                )), None)
                if hit is None:
                    left_a.append((sa, lab_a))
                else:
                    matched_b.add(hit)
            left_b = [(sb, lab) for sb, lab in names_b if sb not in matched_b]
            if not matched_b or len(left_a) != 1 or len(left_b) != 1:
                continue
            (sa, lab_a), (sb, lab_b) = left_a[0], left_b[0]
            if (lab_a == "PERSON") != (lab_b == "PERSON") or _meets(sa, skip_a) or _meets(
                sb, skip_b
            ):
                continue
            if (sa, sb) in flagged:
                weaker = [c for c in bld.conflicts if (c.a_span, c.b_span) == (sa, sb)]
                bld.conflicts[:] = [c for c in bld.conflicts if c not in weaker]
            elif sa in flagged_a or sb in flagged_b:
                continue
            ta, tb = a_text[sa.start : sa.end], b_text[sb.start : sb.end]
            if same_name(ta, tb) or nested(ta, tb) or _written_in(ta, b_text) or _written_in(
                tb, a_text
            ):
                continue
            words = min(len(la) - len(names_a), len(lb) - len(names_b))
            link = min(1.0, (len(matched_b) + words) / (max(len(la), len(lb)) - 1))
            if link < MIN_LINK:
                continue
            bld.add(ConflictKind.ENTITY, sa, sb, "a different member of the list", 0.8,
                    link=link)
            flagged_a.add(sa)
            flagged_b.add(sb)


class EntityCheck(Component):
    """Different names in the same role (speakers are left to attribution)."""

    name = "entity"
    requires = ("builder", "speaker_spans", "firm_spans")
    assigns = ("missing_entities",)

    def __call__(self, state: dict[str, Any]) -> None:
        skip_a, skip_b = state["speaker_spans"]
        bld = state["builder"]
        if bld.view.parsed:
            # Details from the pattern entities; conflicts from the parse's typed names.
            shadow = _Builder(bld.a, bld.b, bld.al, bld.bl, bld.view)
            state["missing_entities"] = _compare_entities(shadow, skip_a, skip_b)
            _compare_names_parsed(bld, skip_a, skip_b, state["firm_spans"])
            _compare_lists(bld, skip_a, skip_b)
        else:
            state["missing_entities"] = _compare_entities(bld, skip_a, skip_b)

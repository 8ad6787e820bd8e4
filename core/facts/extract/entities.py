"""Named entities (people, places, bodies) with their role and alias key."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ...model import Span
from ...nlp import Parse
from ...tokens import fold_accents
from ..component import Component
from ..records import Entity, Facts
from ..text import _SPEECH_S, _STANCE_S, _is_past, _stem, _Tok
from ..words import (
    _ALIAS,
    _ALIAS_GROUPS,
    _AUX,
    _COMMON_INITIAL,
    _DEMONYMS,
    _DETERMINERS,
    _NOUN_SUFFIXES,
    _ORG_HEADS,
    _PAST_FORMS,
    _PLURAL_SUFFIXES,
    _PREPOSITIONS,
    _PRONOUNS,
    _STOP,
    _TITLES,
    _WEEKDAYS,
)

_CONNECTORS = frozenset({"of", "de", "da", "du", "del", "van", "von", "bin", "al", "la", "le"})


#: What a quotation's or a clause's first word follows: it is capitalised as a first word.
_OPENERS = '“"‘(:—–-'
#: Words before a title that belong to it: "Former Rep. Anthony Weiner".
_TITLE_QUALIFIERS = frozenset({"former", "acting", "interim", "then", "late", "ex"})
#: A pronoun's contracted verb: "it’s", "i’m", "we’re", "they’ve", "he’ll", "she’d".
_CONTRACTED = re.compile(r"['’](?:s|m|re|ve|ll|d)$")


def _norm_key(words: Sequence[str]) -> str:
    """Lower-case name without dots, 'the' or possessive; known aliases resolved."""
    ws = [fold_accents(w.lower().replace("’", "'")) for w in words]
    if ws and ws[-1].endswith("'s"):
        ws[-1] = ws[-1][:-2]
    # "al-Qaida" / "Al Qaida", "Lowe's Motor Speedway" / "Lowes Motor Speedway"
    ws = [x for w in ws for x in w.replace("-", " ").split()]
    ws = [w.replace(".", "").replace("'", "") for w in ws if w not in ("the",)]
    key = " ".join(w for w in ws if w)
    if key in _ALIAS:
        return _ALIAS[key]
    if key in _DEMONYMS:
        return _DEMONYMS[key]
    # Resolve aliases inside longer names: "united nations security council" -> "un ...".
    for name in ("united states", "united nations", "united kingdom", "european union"):
        if name in key:
            key = key.replace(name, _ALIAS[name])
    return key


def _initials(key_words: Sequence[str]) -> str:
    return "".join(w[0] for w in key_words if w and w not in ("of", "the", "and", "for"))


def _acronym(short: str, long_words: Sequence[str]) -> bool:
    """Is ``short`` the initials of the long name, or of all its words but a last one
    ("CDC" / "Centers for Disease Control and Prevention"), or the initials with "of"
    written out ("BofA")?"""
    full = _initials(long_words)
    if len(long_words) > 2 and short == "".join(
        w if w == "of" else w[0] for w in long_words if w not in ("the", "and", "for")
    ):
        return True  # "BofA" / "Bank of America"
    return short == full or len(short) >= 3 and len(full) == len(short) + 1 and full.startswith(
        short
    )


def _is_known(word: str) -> bool:
    k = _norm_key([word])
    return k in _ALIAS_GROUPS or word.lower() in _DEMONYMS or word.lower().rstrip(".") in _ALIAS


def _looks_verb(tok: _Tok | None, prev: _Tok | None = None) -> bool:
    """A finite verb or auxiliary right after a name ("Smith scored", "Tesla has")."""
    if tok is None or not tok.is_word or tok.is_cap:
        return False
    low = tok.low
    return (
        low in _AUX
        or low in _PAST_FORMS
        or (len(low) > 4 and low.endswith("ed"))
        or _stem(low) in _SPEECH_S | _STANCE_S
        or low in ("says", "tells", "plans", "wants", "hopes", "denies", "rejects")
    )


#: spaCy's labels for names of people, peoples, bodies and places.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _extract_entities(
    toks: Sequence[_Tok], covered: Sequence[Span], named: frozenset[int] = frozenset(),
    person_ends: frozenset[int] = frozenset(),
) -> list[Entity]:
    """Capitalised name sequences (titles stripped), demonyms and known aliases, with roles.
    ``named``: start offsets of the words the parse tags as names; ``person_ends``: end
    offsets of the person names it finds, which an "of" does not continue ("David Ruiz
    of the Centers for Disease Control": a person and where he works)."""
    out: list[Entity] = []
    n = len(toks)

    def in_date(t: _Tok) -> bool:
        return any(c.start <= t.start < c.end for c in covered)

    def capword(t: _Tok) -> bool:
        return (
            t.is_word
            and t.is_cap
            and not in_date(t)
            and t.low not in _DETERMINERS
            # a pronoun ("We", "It’s", "I’m"), but not an acronym its letters spell ("US")
            and not (_CONTRACTED.sub("", t.low) in _PRONOUNS
                     and not (t.text.isupper() and len(t.text) > 1))
            and t.low.rstrip(".") not in _WEEKDAYS
        )

    i = 0
    while i < n:
        t = toks[i]
        if not capword(t):
            i += 1
            continue
        j = i + 1
        while j < n:
            u = toks[j]
            if capword(u) and not toks[j - 1].low.endswith(("'s", "’s")):
                j += 1
            elif (
                u.low in _CONNECTORS
                and j + 1 < n
                and capword(toks[j + 1])
                and not toks[j - 1].low.endswith(("'s", "’s"))
                and not (u.low == "of" and toks[j - 1].end in person_ends)
            ):
                j += 2
            elif (  # an initial or a title's stop: "Donald J. Trump", "Sen. Tom Hale"
                u.text == "."
                and (len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper()
                     or toks[j - 1].low in _TITLES)
                and j + 1 < n
                and capword(toks[j + 1])
                and toks[j + 1].low not in _COMMON_INITIAL  # "Plan B. Then ..."
            ):
                j += 2
            elif (  # "Department of the Treasury", "Bank of the Philippines"
                u.low == "of"
                and j + 2 < n
                and toks[j + 1].low == "the"
                and capword(toks[j + 2])
                and not toks[j - 1].low.endswith(("'s", "’s"))
                and toks[j - 1].end not in person_ends
            ):
                j += 3
            else:
                break
        seq = [t for t in toks[i:j] if t.text != "."]
        # the first word of the sentence, of a quotation, or of a sentence inside the
        # sentence ("... the plan. Then Smith left"; not after "Mr." or an initial)
        initial = i == 0 or toks[i - 1].text in _OPENERS or (
            toks[i - 1].text in ".?!" and i >= 2 and toks[i - 2].text[:1].islower()
        )
        i = j
        # A capitalised first word of the sentence that is no part of the name ("But
        # Mr. Steele", "Shares of General Motors"): what follows is no first word.
        if initial and len(seq) > 1 and seq[0].low in _COMMON_INITIAL:
            seq = seq[1:]
            initial = False
            while seq and seq[0].low in _CONNECTORS:
                seq = seq[1:]
        # Strip titles ("Secretary of State", "Prime Minister", "Coach"), not the
        # first word of a body's name ("the Justice Department"; "General Motors" where
        # the parse reads "General" as part of a name that is no person's).
        titles: set[str] = set()
        body = seq[0].start in named and seq[-1].end not in person_ends  # "General Motors"
        while len(seq) > 1 and seq[-1].low not in _ORG_HEADS and not body and (
            seq[0].low.rstrip(".") in _TITLES
            or (seq[0].low in _TITLE_QUALIFIERS and seq[1].low.rstrip(".") in _TITLES)
            or (seq[0].low == "of" and titles)
            or (seq[0].low == "state" and titles and "secretary" in titles)
        ) or len(seq) == 1 and seq[0].low.rstrip(".") in _TITLES:
            titles.add(seq[0].low.rstrip("."))
            seq = seq[1:]
        if not seq:
            continue
        if seq[0].low in _CONNECTORS:
            seq = seq[1:]
            if not seq:
                continue
        first = seq[0]
        nxt = toks[toks.index(seq[-1]) + 1] if toks.index(seq[-1]) + 1 < n else None
        if initial and len(seq) == 1 and not titles:
            w = first.low
            w0 = w[:-2] if w.endswith(("'s", "’s")) else w
            ok = (
                _is_known(w0)
                or w.endswith(("'s", "’s"))
                or (first.text.isupper() and len(first.text) > 1)
                or first.start in named  # the parse reads it as a name ("Roberts said")
                or (
                    _looks_verb(nxt)
                    and w0 not in _COMMON_INITIAL
                    and not w0.endswith(_PLURAL_SUFFIXES)
                    and not w0.endswith(_NOUN_SUFFIXES)
                )
            )
            if not ok:
                continue
        words = [s.text for s in seq]
        key = _norm_key(words)
        if not key:
            continue
        start, end = seq[0].start, seq[-1].end
        text_ = " ".join(words)
        if words[-1].lower().endswith(("'s", "’s")):
            end -= 2
        idx_first = toks.index(seq[0])
        idx_last = toks.index(seq[-1])
        role = _entity_role(toks, idx_first, idx_last, key, covered)
        out.append(
            Entity(
                span=Span(start, end),
                text=text_,
                key=key,
                tokens=frozenset(key.split()),
                role=role,
                titles=frozenset(titles),
            )
        )
    return out


def _entity_role(
    toks: Sequence[_Tok], i: int, j: int, key: str, covered: Sequence[Span] = ()
) -> str:
    """Where a name sits: subject, possessor, modifier, appositive, object, after a preposition."""
    last = toks[j]
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and any(c.start <= nxt.start < c.end for c in covered):
        nxt = None
    if last.low.endswith(("'s", "’s")):
        return "poss"
    if key in set(_DEMONYMS.values()) and toks[j].low in _DEMONYMS:
        return "mod"
    if (
        nxt is not None
        and nxt.is_word
        and not nxt.is_cap
        and not _looks_verb(nxt)
        and nxt.low not in _STOP
        and nxt.low not in _PREPOSITIONS
    ):
        return "mod"
    # Nearest preposition within three words before, skipping determiners and nouns.
    k = i - 1
    steps = 0
    while k >= 0 and steps < 3:
        t = toks[k]
        if t.low in _PREPOSITIONS:
            return {
                "near": "in",
                "at": "in",
                "outside": "in",
                "inside": "in",
                "into": "to",
                "toward": "to",
                "towards": "to",
            }.get(t.low, t.low)
        if not t.is_word or _is_past(t, toks[k - 1] if k else None) or t.low in _AUX:
            break
        k -= 1
        steps += 1
    prev = toks[i - 1] if i else None
    if prev is not None and prev.text == "," and nxt is not None and nxt.text == ",":
        return "appos"
    if prev is not None and (
        _is_past(prev, toks[i - 2] if i > 1 else None)
        or prev.low.endswith("s")
        and prev.low in ("manages", "leads")
    ):
        return "obj"
    # Subject: only determiners, titles or a possessive before it in its clause.
    k = i - 1
    while k >= 0 and (
        toks[k].low in _DETERMINERS
        or toks[k].low.rstrip(".") in _TITLES
        or toks[k].low.endswith(("'s", "’s"))
        or toks[k].low in ("of", "state")
        or toks[k].is_cap
    ):
        k -= 1
    if (k < 0 or toks[k].text in ',“"') and (nxt is None or _looks_verb(nxt) or nxt.text == ","):
        return "subj"
    return "other"


def _same_entity(a: Entity, b: Entity) -> bool:
    """Same referent: equal keys, aliases, a short form (Wang / Wang Yi), acronym, spelling."""
    return _same_key(a.key, b.key, a.text, b.text)


@lru_cache(maxsize=8192)
def _same_key(ka: str, kb: str, ta: str = "", tb: str = "") -> bool:
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    sa, sb = set(wa), set(wb)
    if sa and sb and (sa <= sb or sb <= sa):
        # A short form: every word of the shorter name is in the longer one.
        return True
    flat_a, flat_b = ka.replace(" ", ""), kb.replace(" ", "")
    if len(wb) > 1 and _acronym(flat_a, wb) or len(wa) > 1 and _acronym(flat_b, wa):
        return True
    if min(len(wa), len(wb)) >= 3 and fuzz.ratio(flat_a, flat_b) >= 90:
        return True  # "3rd Armor Cavalry Regiment" / "3rd Armored Cavalry Regiment"
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if all(any(fuzz.ratio(x, y) >= 85 for y in long_) for x in short) and (
        len(short) > 1 or len(short[0]) > 4
    ):
        return True
    return False


def _present_in(e: Entity, other: Facts) -> bool:
    """Is this entity mentioned in the other sentence (by any name, or as a lower-case word)?"""
    for f in other.entities:
        if _same_entity(e, f):
            return True
    if e.key in other.lowered or all(w in other.lowered for w in e.tokens):
        return True
    # "China" vs "Chinese": demonyms were keyed to their country already.
    return False


class Entities(Component):
    """Named entities with their role and alias key."""

    name = "entities"
    requires = ("toks", "covered", "parse")
    assigns = ("entities",)

    def __call__(self, state: dict[str, Any]) -> None:
        p = state["parse"]
        named = _parse_names(p)
        found = _extract_entities(state["toks"], state["covered"], named, _person_ends(p))
        if p is not None and _title_case(p):
            # a headline capitalises every word ("Trump Lashes Out At ..."): a name only
            # where the parse reads every word of it as one
            words = {t.start for t in state["toks"] if t.is_word}
            found = [e for e in found if all(
                k in named for k in words if e.span.start <= k < e.span.end)]
        state["entities"] = _joined_by_parse(found, p)


def _title_case(p: Parse) -> bool:
    """Is the sentence written in title case, as a headline: of its words past the first
    that the parse reads as no name (a verb, a common noun, a preposition, a pronoun,
    ...; none starting a quotation or a sentence), two or more and most capitalised?"""
    if not p.parsed:
        return False
    toks = p.tokens
    words = [
        t for k, t in enumerate(toks[1:], 1)
        if t.pos in _NOT_NAME_POS and t.text[:1].isalpha() and t.text != "I"
        and toks[k - 1].text not in _STARTERS  # "... he said: “We ..."
        and (len(t.text) > 3 or t.text[:1].isupper())  # a headline's "to", "in", "the"
    ]
    caps = sum(t.text[:1].isupper() for t in words)
    # most of them: a title inside a sentence ("the cover story called 'The Queen of
    # Rage'") leaves the sentence's own words in lower case
    return caps >= 2 and caps >= 0.6 * len(words)


#: Parts of speech of words that are no names (nor the "The" of one).
_NOT_NAME_POS = frozenset(
    {"VERB", "NOUN", "ADJ", "ADV", "AUX", "ADP", "PART", "PRON", "CCONJ", "SCONJ"})
#: What a capitalised first word of a sentence inside the sentence follows.
_STARTERS = frozenset(_OPENERS + ".?!")


#: Small words that stand inside one long name ("Centers for Disease Control and
#: Prevention", "Bureau of Alcohol, Tobacco, Firearms and Explosives").
_INSIDE_NAME = frozenset({"for", "and", "of", "the", "on", "&", ","})


def _joined_by_parse(found: list[Entity], p: Parse | None) -> list[Entity]:
    """One name for the capitalised runs the parse reads as one organisation or place
    ("Centers" + "Disease Control" + "Prevention": the Centers for Disease Control and
    Prevention), when only small words (:data:`_INSIDE_NAME`) stand between them."""
    if p is None or not p.parsed or len(found) < 2:
        return found
    out = list(found)
    for s, e, label in p.ents:
        if label == "PERSON" or e - s < 3:
            continue
        lo, hi = p.tokens[s].start, p.tokens[e - 1].end
        inside = [en for en in out if lo <= en.span.start and en.span.end <= hi]
        if len(inside) < 2:
            continue
        gaps = [
            t.text.lower() for t in p.tokens[s:e]
            if inside[0].span.start <= t.start < inside[-1].span.end
            and not any(en.span.start <= t.start < en.span.end for en in inside)
        ]
        if not gaps or any(g not in _INSIDE_NAME for g in gaps):
            continue
        first, last = inside[0], inside[-1]
        text = p.text[first.span.start : last.span.end]
        key = _norm_key(text.replace(",", " ").split())
        merged = Entity(
            span=Span(first.span.start, last.span.end), text=text, key=key,
            tokens=frozenset(key.split()), role=first.role, titles=first.titles,
        )
        at = out.index(first)
        out = [en for en in out if en not in inside]
        out.insert(at, merged)
    return out


def _person_ends(p: Parse | None) -> frozenset[int]:
    """End offsets of the person names the parse finds; none unparsed."""
    if p is None or not p.parsed:
        return frozenset()
    return frozenset(p.tokens[e - 1].end for s, e, label in p.ents if label == "PERSON")


def _parse_names(p: Parse | None) -> frozenset[int]:
    """Start offsets of the words the parse tags as (part of) a name; none unparsed."""
    if p is None or not p.parsed:
        return frozenset()
    return frozenset(
        p.tokens[k].start for s, e, label in p.ents if label in _NAME_LABELS for k in range(s, e)
    )

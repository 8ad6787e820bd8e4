"""The speaker of each quote or reported statement."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ...model import Span
from ...nlp import Parse
from ..component import Component
from ..lexicon import cues
from ..predicates import reports_a_thing
from ..records import Entity, Speaker
from ..text import _stem, _Tok, noun_starts, open_quote, quoted_spans
from ..words import (
    _DETERMINERS,
    _HONORIFICS,
    _POLL_SHARE,
    _SOURCE_KINDS,
    _STOP,
    _TITLES,
    _WEEKDAYS,
    _WORD_SYNONYMS,
)

#: A speaker phrase's characters: no clause punctuation, but the dot of an initial or a
#: title ("Ronald L. Kuby", "Gen. Richard Myers", "the Very Rev. Peter Karanja").
_PHRASE_CHAR = "(?:[^,.;:“”\"]|" + "|".join(
    [r"(?<=\b[A-Z])\.(?=\s)"]
    + [rf"(?<=\b{t})\." for t in
       "Gen Sen Rep Gov Dr Mr Mrs Ms Lt Col Sgt Rev Capt Adm Maj Prof Jr Sr St Gens Sens".split()]
) + ")"

#: Where a speaker phrase ends: a comma or semicolon, the sentence's end, or a dot that is
#: not an initial's or a title's (no capitalised word right after it).
_PHRASE_END = r"(?:[,;]|\.(?!\s+[A-Z])|$)"

_SPEAKER_AFTER = re.compile(
    r"[,“”\"]\s*(?P<v>said|says|added|wrote|noted|stated|explained|declared|insisted|"
    rf"argued)\s+(?P<sp>{_PHRASE_CHAR}{{2,80}}?)\s*{_PHRASE_END}",
)


_TIME_WORDS = frozenset(("today", "yesterday", "tonight", *_WEEKDAYS))

#: What follows "said" that is not who said it: a place, a time, a manner.
_NOT_A_SPEAKER = re.compile(
    "(?:"
    + "|".join(
        sorted(_TIME_WORDS | set(
            "in on at during after before with from to through while later earlier last this "
            "then also again recently".split()
        ))
    )
    + r")\b",
    re.IGNORECASE,
)


_ACCORDING = re.compile(
    rf"\baccording\s+to\s+(?P<sp>{_PHRASE_CHAR}{{2,80}}?)\s*{_PHRASE_END}", re.IGNORECASE
)


_SPEECH_VERB = re.compile(
    r"\b(?P<v>said|says|say|told|tells|added|wrote|writes|noted|stated|states|announced|"
    r"warned|explained|declared|insisted|argued|claimed|claims|described|called|calls|"
    r"confirmed|tweeted|posted|insists|stressed|stresses|emphasized|emphasised|reiterated|"
    r"acknowledged|admitted|testified|predicted|contended|asserted|saying)\b"
)


#: A dateline where a preposed speaker starts the sentence ("WASHINGTON -- ").
_DATELINE = re.compile(r"[A-Z][A-Z.,' ]{1,40}\s*(?:--|—|–|―)\s*")

#: A closing parenthesis after a name: the party and state ("(R)", "(D-Calif.)").
_PARTY = re.compile(r"\s*\([^()]{1,20}\)\s*$")
#: A party and state between commas after a name ("Chuck Grassley, R-Iowa, said").
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?")

#: Words that link a sentence to the one before, ahead of a preposed speaker.
_LEADING_LINKERS = re.compile(
    r"(?:but|and|yet|so|still|meanwhile|however|also|though|although|while)\s+", re.IGNORECASE
)

#: Adverbs between a preposed speaker and the reporting verb (lower case: "Kelly" stays).
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:also|later|then|again|too|earlier|once|often|now|still|[a-z]+ly))+\s*$"
)


_PRONOUNS = frozenset("he she they it we i you who which this that".split())


def _pronoun(t: _Tok) -> bool:
    """A pronoun, not an acronym written like one ("the WHO", "IT")."""
    return t.low in _PRONOUNS and not (len(t.text) > 1 and t.text.isupper())


def _previous_segment(text: str, end: int, *, drop_verb: bool) -> tuple[int, int] | None:
    """The comma-delimited stretch that ends at ``end`` (just before ", said"): the name
    in apposition ("the minister, Senator Jon Sohn, announced"); with ``drop_verb`` its
    last word, a verb, goes ("Maria Cheng agreed, saying"). None if it is not a short
    phrase with a capitalised word."""
    before = text[:end].rstrip()
    if not before.endswith(","):
        return None
    stop = len(before) - 1
    start = max(before.rfind(",", 0, stop), before.rfind("”", 0, stop),
                before.rfind('"', 0, stop), before.rfind(";", 0, stop)) + 1
    seg = text[start:stop]
    if drop_verb:
        m = re.search(r"\s+[a-z]+\s*$", seg)
        if m is None:
            return None
        seg = seg[: m.start()]
    words = seg.split()
    if not words or len(words) > 6 or not any(w[:1].isupper() for w in words):
        return None
    if words[0][:1].islower() and words[-1][:1].islower() and not drop_verb:
        # "Ann Lee, a Red Cross spokeswoman, said": the name before the description (not
        # before "the Very Rev. Peter Karanja", a name)
        name = _previous_segment(text, start, drop_verb=False)
        if name is not None and text[name[0] : name[1]].split()[0][:1].isupper():
            return name
    return start, start + len(seg)


#: Prepositions that join a speaker to where they work ("of the FBI", "at Yale").
_AFFILIATION = frozenset({"of", "for", "from", "at", "with"})


def _speaker_from(
    text: str, toks: Sequence[_Tok], s: int, e: int, entities: Sequence[Entity]
) -> Speaker | None:
    """A speaker record for the phrase text[s:e] ("the health ministry", "Senator Collins")."""
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    paren = _PARTY.search(text, s, e)
    if paren is not None and paren.end() == e:  # "Sen. Mike Lee (R-Utah)": the party goes
        e = paren.start()
    cut = text.rfind("(", s, e)
    if cut > s and ")" not in text[cut:e]:  # "... Slaughter (D-N.Y.)" cut at a dot
        e = cut
        while e > s and text[e - 1] in " \t":
            e -= 1
    dateline = _DATELINE.match(text, s, e)
    if dateline:  # "WASHINGTON -- The U.S. Department of the Treasury announced"
        s = dateline.end()
    lead = _LEADING_LINKERS.match(text, s, e)
    if lead:  # "But Larry Norton said": the linker is the sentence's, not the speaker's
        s = lead.end()
    if s >= e:
        return None
    phrase_toks = [t for t in toks if t.start >= s and t.end <= e and t.is_word]
    if not phrase_toks:
        return None
    if len(phrase_toks) > 9 and not any(
        t.low in _AFFILIATION and phrase_toks[k].is_cap for k, t in enumerate(phrase_toks[1:5])
    ):
        # too long for a speaker, unless a long "of" phrase after a short name says where
        # the speaker works ("said Dr. Ana Ruiz of the Centers for Disease Control and
        # Prevention")
        return None
    lows = [t.low for t in phrase_toks]
    if _pronoun(phrase_toks[0]) and len(lows) == 1:
        return Speaker(Span(s, e), text[s:e], (), "", frozenset(), pronoun=True)
    if _POLL_SHARE.match(text, s):
        return None
    # The head ends the phrase or comes before a modifier ("a spokesperson for the company").
    # So does a participle or a time after it ("extracts released yesterday", "a poll to be
    # published Tuesday", "the Prime Minister today").
    head_i = len(phrase_toks) - 1
    for k, t in enumerate(phrase_toks):
        if k and (
            t.low in ("for", "of", "from", "at", "with", "in", "on", "to")
            or t.low in _TIME_WORDS
            or not t.is_cap and len(t.low) > 4 and t.low.endswith("ed")
            and text[t.start - 1 : t.start] != "-"  # "the Arizona-based group": its head
        ):
            head_i = k - 1
            break
    head_tok = phrase_toks[head_i]
    names = tuple(
        en
        for en in entities
        if en.span.start < head_tok.end
        and en.span.end > head_tok.start - 0
        and en.span.start >= s
        and en.role != "mod"
        and not _title_headed(en.text)  # "the Interior Minister": a role the tagger named
    )
    if any(t.low in ("and", "&") for t in phrase_toks[: head_i + 2]):
        # "the Treasury Department and the Internal Revenue Service said": both speak
        names += tuple(
            en for en in entities
            if en not in names and s <= en.span.start and en.span.end <= e and en.role != "mod"
        )
    if _pronoun(head_tok):
        return Speaker(Span(s, e), text[s:e], (), "", frozenset(), pronoun=True)
    roles = frozenset(
        _WORD_SYNONYMS.get(t.low, _stem(t.low))
        for t in phrase_toks
        if (not t.is_cap or t.low.rstrip(".") in _TITLES)
        and t.low not in _STOP
        and t.low.rstrip(".") not in _HONORIFICS  # "Mr." says no role: he may be "the attorney"
    ) | frozenset(ti for en in names for ti in en.titles if ti not in _HONORIFICS)
    head = "" if names else _WORD_SYNONYMS.get(head_tok.low, _stem(head_tok.low))
    if not names and head_tok.low in _STOP | _DETERMINERS:
        return None
    others = tuple(
        en.key
        for en in entities
        if s <= en.span.start and en.span.end <= e and en not in names and en.role != "mod"
    )
    words = set(lows)
    kind = "" if names else next((k for k, ws in _SOURCE_KINDS if words & ws), "")
    return Speaker(Span(s, e), text[s:e], names, head, roles, others=others, kind=kind)


def _extract_speakers(
    text: str,
    toks: Sequence[_Tok],
    entities: Sequence[Entity],
    nouns: frozenset[int] = frozenset(),
) -> list[Speaker]:
    """Who the sentence credits: 'X said', 'said X', 'according to X'. ``nouns``: start
    offsets of the words a parse reads as nouns ("the plaintiff's claims" claims nothing)."""
    out: list[Speaker] = []
    for m in _ACCORDING.finditer(text):
        sp = _speaker_from(text, toks, m.start("sp"), m.end("sp"), entities)
        if sp:
            out.append(replace(sp, relayed=True))
    for m in _SPEAKER_AFTER.finditer(text):
        phrase = m.group("sp")
        if re.search(r"\b(?:that|was|were|is|are|had|has|will|would)\b", phrase):
            continue
        if _NOT_A_SPEAKER.match(phrase):
            continue  # "..., said in a joint statement", "..., said on Tuesday"
        sp = _speaker_from(text, toks, m.start("sp"), m.end("sp"), entities)
        if sp:
            out.append(sp)
    for m in _SPEECH_VERB.finditer(text):
        if m.start() in nouns:
            continue
        v = m.group("v")
        if v in ("called", "calls", "described") and not re.search(
            r"[“\"]|\bas\b", text[m.end() :]
        ):
            continue
        # Preposed speaker: back to the clause start (sentence start, comma, quote).
        before = text[: m.start()]
        cut = max(
            before.rfind(","),
            before.rfind("”"),
            before.rfind('"'),
            before.rfind(";"),
            before.rfind(" that "),
        )
        s = cut + 1 if cut >= 0 else 0
        if cut >= 0 and before[cut:].startswith(" that "):
            s = cut + 6
        phrase = text[s : m.start()]
        if v == "saying" and phrase.strip():
            continue  # "a statement saying": the speaker is not before it
        if not phrase.strip():
            seg = _previous_segment(text, m.start(), drop_verb=v == "saying")
            if seg is not None:
                s, e = seg
                phrase = text[s:e]
            if seg is not None and _PARTY_TAG.fullmatch(phrase.strip()):
                # "Chuck Grassley, R-Iowa, said": the party tag follows the speaker's name
                seg = _previous_segment(text, s, drop_verb=False)
                if seg is not None:
                    s, e = seg
                    phrase = text[s:e]
        if not phrase.strip() or re.search(
            r"\b(?:was|were|is|are|had|has|have|will|would|"
            r"who|which)\b",
            phrase,
        ):
            phrase_s = phrase.rstrip()
            if not re.search(r"\b(?:has|have|had)\s*$", phrase_s):
                continue
            s2 = re.search(r"\b(?:has|have|had)\s*$", phrase_s)
            assert s2 is not None
            phrase = phrase_s[: s2.start()]
        # "Ms Pike also said", "the senator later wrote": the adverb is not the speaker's
        adverbs = _TRAILING_ADVERBS.search(phrase)
        if adverbs:
            phrase = phrase[: adverbs.start()]
        e = s + len(phrase)
        if any(o.span.start <= s < o.span.end for o in out):
            continue
        sp = _speaker_from(text, toks, s, e, entities)
        if sp:
            out.append(sp)
    return out


#: What a subject phrase keeps of its dependents: its own words and "for"/"of" phrases
#: ("a spokesman for the FBI"), not an apposition, a relative clause or an age.
_SUBJECT_KEEP = frozenset({"compound", "det", "poss", "amod", "nmod", "flat", "case", "prep",
                           "pobj", "cc", "conj"})  # fmt: skip
_SUBJECT_PREPS = frozenset({"of", "for", "at", "from", "with"})


def _subject_span(p: Parse, i: int, *, joined: bool = True) -> tuple[int, int]:
    """The characters of subject ``i``'s phrase (see :data:`_SUBJECT_KEEP`); without
    ``joined``, not the subjects joined to it by "and"."""
    keep, todo = [i], [i]
    while todo:
        for c in p.children(todo.pop()):
            if c.dep not in _SUBJECT_KEEP or not joined and c.dep in ("cc", "conj"):
                continue
            if c.dep == "prep" and c.lemma.lower() not in _SUBJECT_PREPS:
                continue
            keep.append(c.i)
            todo.append(c.i)
    toks = [p.tokens[k] for k in keep]
    return min(t.start for t in toks), max(t.end for t in toks)


#: Objects that make a reporting verb an act: a thing or a figure, not a name ("told
#: Reuters" still reports someone's words).
_THINGS = frozenset({"NOUN", "NUM"})


def _parsed_speakers(
    text: str, toks: Sequence[_Tok], entities: Sequence[Entity], p: Parse | None,
    found: Sequence[Speaker],
) -> list[Speaker]:
    """Speakers the patterns miss, from the parse: the subject of a reporting verb
    ("Manuel, 33, said", "states Xerox in documents", "the group estimated that")."""
    if p is None or not p.parsed:
        return []
    verbs = cues()["speaker_verbs"]
    quotes = quoted_spans(text)
    runs_on = open_quote(text)
    if runs_on is not None:  # a quotation left open runs on to the sentence's end
        quotes = [*quotes, Span(runs_on, len(text))]
    out: list[Speaker] = []
    for v in p.tokens:
        if v.pos != "VERB" or v.lemma.lower() not in verbs:
            continue
        if reports_a_thing(p, v.i, objects=_THINGS, outside=quotes):
            # "Cisco reported earnings of $991 million", "the island reported 65 new
            # cases": what its subject did, not a source of the sentence's words
            continue
        subj = next((c for c in p.children(v.i) if c.dep == "nsubj"), None)
        if subj is not None and subj.pos in ("VERB", "AUX"):
            # a participle the parse made the subject ("Responding, Edward Skyler, a
            # spokesman, said"): the name hung on it speaks, or no one the parse can tell
            subj = next((c for c in p.children(subj.i) if c.pos == "PROPN"), None)
        if subj is None or subj.pos == "PRON":
            continue
        # the subject, and a name in apposition to it ("the Republican leader, Michael
        # Thibodeau, said": either may be how the other article names the speaker)
        heads = [subj] + [c for c in p.children(subj.i) if c.dep == "appos" and c.pos == "PROPN"]
        # each of two joined subjects speaks ("Speaker Nancy Pelosi of California and
        # Senator Chuck Schumer of New York said"): one phrase is too long to be a speaker
        joined = [c for c in p.children(subj.i) if c.dep == "conj" and c.pos in ("PROPN", "NOUN")]
        if joined:
            heads += joined
        for h in heads:
            s, e = _subject_span(p, h.i, joined=not joined)
            if _PARTY_TAG.fullmatch(text[s:e].strip()):
                continue  # "Chuck Grassley, R-Iowa, said": the party, not the speaker
            if "," in text[s:e] or text[:s].rstrip().endswith("(") or any(
                sp.span.start < e and s < sp.span.end for sp in (*found, *out)
            ):
                continue
            # the parse says the phrase's head is a subject, whatever the patterns guessed
            # of a name that ends it ("Chemins de Fer estimates": not a modifier)
            top = p.tokens[h.i]
            ents = [
                replace(en, role="subj")
                if en.role == "mod" and en.span.start < top.end and top.start < en.span.end
                else en
                for en in entities
            ]
            sp = _speaker_from(text, toks, s, e, ents)
            if sp is not None and not sp.pronoun:
                out.append(sp)
    return out


def _title_headed(name: str) -> bool:
    """Does the name end in a title ("Interior Minister", "London Mayor")?"""
    words = name.split()
    return bool(words) and words[-1].lower().rstrip(".") in _TITLES


def _role_only(sp: Speaker) -> bool:
    """A speaker named by a role alone ("the minister", "the Interior Minister")."""
    return not sp.pronoun and not sp.names and bool(sp.roles or sp.head)


def _appositions(text: str, speakers: list[Speaker]) -> list[Speaker]:
    """A role and a name next to it, a comma between ("the Interior Minister, X, said",
    "X, the London Mayor, claimed"), are one speaker: the name's, with the role's words
    and phrase (alone, the role could be anyone who holds it)."""
    out = list(speakers)
    for role in speakers:
        if not _role_only(role):
            continue
        for k, sp in enumerate(out):
            if sp is role or not sp.names or _role_only(sp):
                continue
            first, last = sorted((role.span, sp.span), key=lambda x: x.start)
            if text[first.end : last.start].strip() != ",":
                continue
            span = Span(first.start, last.end)
            out[k] = replace(sp, span=span, text=text[span.start : span.end],
                             roles=sp.roles | role.roles, role_span=role.span)
            out.remove(role)
            break
    return out


class Speakers(Component):
    """The speaker of each quote or reported statement."""

    name = "speakers"
    requires = ("text", "toks", "entities", "parse")
    assigns = ("speakers",)

    def __call__(self, state: dict[str, Any]) -> None:
        text, toks, entities, parse = (
            state["text"], state["toks"], state["entities"], state["parse"]
        )
        found = _extract_speakers(text, toks, entities, noun_starts(parse))
        state["speakers"] = _appositions(
            text, found + _parsed_speakers(text, toks, entities, parse, found))

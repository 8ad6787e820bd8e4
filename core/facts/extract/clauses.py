"""Reporting frames, side clauses, the main clause and polarity/certainty marks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ...model import Span
from ...nlp import Parse
from ..component import Component
from ..extract.speakers import _PRONOUNS
from ..predicates import predicates
from ..records import DateFact, Entity, _Mark
from ..text import _LIGHT_VERBS, _is_past, _stem, _Tok, noun_starts
from ..words import (
    _AUX,
    _CLAUSE_BREAK,
    _DETERMINERS,
    _NEG_PHRASES,
    _NEG_SKIP,
    _NEGATORS,
    _PLANNED_CUES,
    _PREPOSITIONS,
    _STATE_VERBS,
    _STOP,
    _WORD_SYNONYMS,
)

# Verb forms that report speech. A date or addressee attached to one belongs to the act of
# reporting ("said on Tuesday", "told CNN on Saturday"), not to the event reported. Talks
# and testimony ("spoke by phone on Tuesday", "testified on Monday") are events.
_SAY_FORMS = frozenset(
    """say says said saying add adds added write writes wrote writing note notes noted
    state states stated warn warns warned warning explain explains explained declare
    declares declared insist insists insisted argue argues argued claim claims claimed
    tweet tweets tweeted post posts posted reply replies replied stress stresses stressed
    emphasise emphasises emphasised emphasize emphasizes emphasized assert asserts
    asserted caution cautions cautioned concede concedes conceded reiterate reiterates
    reiterated comment comments commented speaking acknowledge acknowledges
    acknowledged""".split()
)


_TELL_FORMS = frozenset(
    "tell tells told telling inform informs informed brief briefs briefed assure assures "
    "assured".split()
)


# These also report, but take objects that are events ("announced the merger on Monday"),
# so before the verb a date counts only when a clause follows ("on Monday confirmed that").
_ANNOUNCE_FORMS = frozenset(
    """announce announces announced confirm confirms confirmed report reports reported
    reveal reveals revealed disclose discloses disclosed deny denies denied estimate
    estimates estimated indicate indicates indicated predict predicts predicted suggest
    suggests suggested admit admits admitted""".split()
)


# A "conference" frames a report only as a news or press conference.
_FRAME_NOUNS = frozenset(
    """statement statements interview interviews conference briefing briefings address
    speech remarks post tweet letter video broadcast appearance podcast message
    communique communiqué""".split()
)


# Words that may stand between a date and the reporting verb after it:
# "officials Wednesday were unwilling to confirm", "the ministry on Tuesday also said".
_REPORT_HEDGES = frozenset(
    """is are was were be been has have had do does did will would could can may might
    not n't also again publicly formally officially repeatedly later separately first
    unwilling unable declined refused reluctant able quick quickly to""".split()
)


_FRAME_PREPS = frozenset("in at on to during with via through from".split())


_PASSIVE_AUX = frozenset("is are was were be been being".split())


_CLAUSE_OPEN = frozenset(',;:“"‘(—–'.split()) | {",", ";", ":", "(", "—", "–"}


_REPORT_FORMS = _SAY_FORMS | _TELL_FORMS | _ANNOUNCE_FORMS


# Forms that are also nouns ("head of state", "the reports"): a verb only after a subject
# pronoun or name, an auxiliary, "to" or "not".
_NOUN_LIKE_FORMS = frozenset(
    """state states note notes post posts claim claims report reports comment comments
    estimate estimates reply replies stress stresses caution cautions tweet tweets brief
    briefs call calls""".split()
)


_VERB_BEFORE = frozenset("to not n't he she it they we i you who also".split()) | _AUX


def _reporting_verb(
    toks: Sequence[_Tok], k: int, nouns: frozenset[int] = frozenset(),
    planned: frozenset[int] = frozenset(),
) -> str:
    """'say', 'tell' or 'announce' if toks[k] is an active reporting verb, else ''.
    ``nouns``: start offsets of the tokens the parse reads as nouns ("Washington state");
    ``planned``: of the words hanging on a verb still to come (:func:`_planned_starts`):
    "will announce", "is to announce" report no words said."""
    t = toks[k]
    low = t.low
    if low not in _REPORT_FORMS or (t.is_cap and k > 0) or t.start in nouns | planned:
        return ""
    j = k - 1
    while j >= 0 and toks[j].low.endswith("ly") and toks[j].is_word:
        j -= 1
    prev = toks[j].low if j >= 0 else ""
    # A noun ("the report", "his claims") or a passive ("were announced") is no report.
    if prev in _DETERMINERS or prev in _PASSIVE_AUX or prev.endswith(("'s", "’s")):
        return ""
    if low in _NOUN_LIKE_FORMS and not (prev in _VERB_BEFORE or j >= 0 and toks[j].is_cap):
        return ""
    if low in _TELL_FORMS:
        return "tell"
    return "say" if low in _SAY_FORMS else "announce"


def _is_clause_verb(t: _Tok, prev: _Tok | None) -> bool:
    return t.is_word and not t.is_cap and (t.low in _AUX or _is_past(t, prev))


def _addressee_end(toks: Sequence[_Tok], k: int) -> int:
    """Index after the noun phrase told something ("told [the BBC] that ...")."""
    j = k + 1
    n = 0
    while j < len(toks) and n < 4:
        t = toks[j]
        if not t.is_word or t.low in _FRAME_PREPS or t.low in ("that", "about", "of"):
            break
        if n and (t.low in _DETERMINERS or not t.is_cap and toks[j - 1].is_cap):
            break
        if _is_clause_verb(t, toks[j - 1]) or t.low in _REPORT_FORMS:
            break
        j += 1
        n += 1
    return j


def _reporting_frames(
    toks: Sequence[_Tok], dates: Sequence[DateFact], nouns: frozenset[int] = frozenset(),
    planned: frozenset[int] = frozenset(),
) -> tuple[list[Span], set[int]]:
    """Spans of the reporting frames (verb, addressee, "in a statement", their dates) and
    the indices of the dates that say when something was said rather than when it happened.

    Outlets publish on different days, so "said on Tuesday" against "said Wednesday" is
    not a disagreement about the fact; the pipeline compares only the event dates.
    """
    frames: list[Span] = []
    n = len(toks)
    for k in range(n):
        kind = _reporting_verb(toks, k, nouns, planned) if toks[k].low in _REPORT_FORMS else ""
        if kind == "tell":
            end = _addressee_end(toks, k)
            if end > k + 1:
                frames.append(Span(toks[k + 1].start, toks[end - 1].end))
        elif kind and k + 2 < n and toks[k + 1].low == "to":
            # "confirmed to VOA", "said to reporters"
            end = _addressee_end(toks, k + 1)
            if end > k + 2:
                frames.append(Span(toks[k + 1].start, toks[end - 1].end))
        # "in a statement", "at a news conference", "in an interview with the BBC"
        if toks[k].low in ("in", "at", "during"):
            j = k + 1
            while j < n and j <= k + 4 and toks[j].is_word and toks[j].low not in _FRAME_NOUNS:
                if _is_clause_verb(toks[j], toks[j - 1]):
                    break
                j += 1
            if (
                j < n
                and toks[j].low in _FRAME_NOUNS
                and (toks[j].low != "conference" or toks[j - 1].low in ("news", "press"))
            ):
                end = j
                if j + 1 < n and toks[j + 1].low in ("with", "to", "on"):
                    end = _addressee_end(toks, j + 1) - 1
                frames.append(Span(toks[k].start, toks[max(end, j)].end))
    report: set[int] = set()
    reports_words: bool | None = None  # has the sentence a reporting verb? (asked once)
    for di, d in enumerate(dates):
        i0 = next((k for k, t in enumerate(toks) if t.start >= d.span.start), n)
        i1 = next((k for k, t in enumerate(toks) if t.start >= d.span.end), n)
        if i0 >= n:
            continue
        # (a) after the verb: "said on Tuesday", "told CNN on Saturday", "said in a
        # statement on Monday", "speaking to reporters on Sunday".
        k = i0 - 1
        between: list[_Tok] = []
        verb = ""
        while k >= 0 and len(between) <= 7:
            t = toks[k]
            if t.low in _REPORT_FORMS and (verb := _reporting_verb(toks, k, nouns, planned)):
                break
            if not t.is_word or t.low == "that" or _is_clause_verb(t, toks[k - 1] if k else None):
                break
            between.insert(0, t)
            k -= 1
        # Only a frame may stand between ("in a statement", "to reporters"), or whom
        # someone told; an object ("announced the merger on Monday") dates the event.
        if verb and (not between or verb == "tell" or between[0].low in _FRAME_PREPS):
            report.add(di)
            frames.append(Span(toks[k].start, d.span.end))
            continue
        # (b) before the verb: "officials Wednesday were unwilling to confirm that",
        # "CNN on Saturday reported that", "On Tuesday, the ministry said".
        j = i0 - 1
        while j >= 0 and toks[j].low in ("on", "in", "at", "late", "early", "later", "earlier"):
            j -= 1  # "On Tuesday, ...", "Late on Wednesday, ..."
        initial = j < 0 or toks[j].text in _CLAUSE_OPEN or toks[j].low == "that"
        k = i1
        if initial and k < n and toks[k].text == ",":
            k += 1
            m = 0
            while k < n and m < 8 and toks[k].is_word and toks[k].low not in _REPORT_FORMS:
                if _is_clause_verb(toks[k], toks[k - 1]):
                    break
                k += 1
                m += 1
        while k < n and toks[k].low in _REPORT_HEDGES and toks[k].low not in _REPORT_FORMS:
            k += 1
        if k < n and toks[k].low in _REPORT_FORMS:
            kind = "say" if toks[k].low in _SAY_FORMS | _TELL_FORMS else "announce"
            nxt = toks[k + 1].low if k + 1 < n else ""
            if kind == "say" or nxt in ("that", "“", '"', ":", "what", "whether"):
                report.add(di)
                frames.append(Span(d.span.start, toks[k].end))
                continue
        # (c) inside a frame: "At a news conference on Tuesday, ...", in a sentence that
        # reports words; without a report the frame is an event of its own ("the data
        # sent by the agency in a briefing in late July": when the data were sent).
        if reports_words is None:
            reports_words = any(_reporting_verb(toks, r, nouns, planned) for r in range(n))
        if not reports_words:
            continue
        j = i0 - 1
        m = 0
        while j >= 0 and m < 6 and toks[j].is_word:
            if toks[j].low in _FRAME_NOUNS:
                # not a frame of words still to be said ("will speak at a news
                # conference on Monday, officials said": the day of the conference)
                if toks[j].start not in planned and any(
                    f.start <= toks[j].start < f.end for f in frames
                ):
                    report.add(di)
                break
            if _is_clause_verb(toks[j], toks[j - 1] if j else None):
                break
            j -= 1
            m += 1
    return frames, report


_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b")


_ASIDE_END = re.compile(r",(?!\d)|[;:()]|\s[—–-]\s")


def _asides(text: str, entities: Sequence[Entity]) -> list[tuple[Span, str]]:
    """Non-restrictive relative clauses on a name (", who beat Holloway 2-0 on Friday,"),
    with the name's key: their numbers and dates belong to that actor's other event."""
    out = []
    for m in _RELATIVE.finditer(text):
        name = next((e for e in entities if text[e.span.end : m.start()] in ("", "'s", "’s")), None)
        if name is None:
            continue
        end = _ASIDE_END.search(text, m.end())
        out.append((Span(m.start(), end.start() if end else len(text)), name.key))
    return out


def _main_clause(toks: Sequence[_Tok], entities: Sequence[Entity]) -> tuple[str, Span | None, str]:
    """Subject (entity key or head noun) and main verb stem of the sentence's main clause."""
    n = len(toks)
    # First finite verb outside a leading prepositional phrase.
    v = -1
    for k in range(n):
        t = toks[k]
        prev = toks[k - 1] if k else None
        if not t.is_word or (t.is_cap and k > 0):
            continue
        if t.low in _AUX or _is_past(t, prev):
            v = k
            break
        nxt = toks[k + 1] if k + 1 < n else None
        if (
            k > 0
            and t.low.endswith("s")
            and not t.low.endswith("ss")
            and prev is not None
            and prev.is_word
            and prev.low not in _DETERMINERS
            and prev.low not in _STOP
            and nxt is not None
            and (nxt.low in _DETERMINERS or nxt.text[0].isdigit() or nxt.low in _STOP)
        ):
            v = k
            break
    if v <= 0:
        return "", None, ""
    # Predicate: skip auxiliaries to the lexical verb.
    p = v
    while p < n and (
        toks[p].low in _AUX or toks[p].low in ("also", "not", "already", "since", "just", "now")
    ):
        p += 1
    pred = toks[p].stem if p < n and toks[p].is_word else ""
    # Subject: the comma-separated chunk before the verb that does not start with a
    # preposition ("In a meeting ..., Blinken said"; "Beijing, meanwhile, has denied").
    chunks: list[list[_Tok]] = [[]]
    for t in toks[:v]:
        if t.text in ",—–":
            chunks.append([])
        else:
            chunks[-1].append(t)
    subj: list[_Tok] = []
    for ch in chunks:
        words = [t for t in ch if t.is_word]
        if not words:
            continue
        if words[0].low in _PREPOSITIONS or words[0].low in (
            "meanwhile",
            "however",
            "speaking",
            "according",
        ):
            continue
        subj = words
        break
    if not subj:
        return "", None, pred
    span = Span(subj[0].start, subj[-1].end)
    for en in entities:
        if span.start <= en.span.start and en.span.end <= span.end and en.role in ("subj", "poss"):
            if en.role == "subj":
                return en.key, en.span, pred
    for en in entities:
        if span.start <= en.span.start and en.span.end <= span.end and en.role != "poss":
            return en.key, en.span, pred
    heads = [t for t in subj if t.low not in _STOP and t.low not in _DETERMINERS]
    if not heads:
        return "", None, pred
    h = heads[-1]
    if h.low in _PRONOUNS:
        return "", None, pred
    return _WORD_SYNONYMS.get(h.low, _stem(h.low)), Span(h.start, h.end), pred


def _marks(
    text: str, toks: Sequence[_Tok], skip: Sequence[Span]
) -> tuple[list[_Mark], list[_Mark], list[_Mark], list[_Mark]]:
    """Negated, planned, done and plain content words, each with the span to show."""
    n = len(toks)
    negated: list[_Mark] = []
    planned: list[_Mark] = []
    neg_idx: set[int] = set()
    plan_idx: set[int] = set()

    def index_at(pos: int) -> int:
        for k, t in enumerate(toks):
            if t.start >= pos:
                return k
        return n

    def target(k: int, limit: int = 5) -> list[int]:
        out: list[int] = []
        steps = 0
        while k < n and steps < limit:
            t = toks[k]
            if not t.is_word:
                break
            if t.low not in _NEG_SKIP and t.low not in _STOP and t.low not in _AUX:
                out.append(k)
                if len(out) >= 2:
                    break
            steps += 1
            k += 1
        return out

    # Negations: "not", "n't", "never", "no longer", "refused to", "no <noun>".
    cues: list[tuple[int, int]] = []  # (cue token index, first token after the cue)
    for k, t in enumerate(toks):
        low = t.low.replace("’", "'")
        if low in _NEGATORS or low.endswith("n't"):
            nxt = toks[k + 1].low if k + 1 < n else ""
            if nxt == "only":  # "not only ... but also" affirms
                continue
            if low == "not" and k and toks[k - 1].low == "or":  # "whether or not"
                continue
            cues.append((k, k + 1))
        elif low == "no" and k + 1 < n and toks[k + 1].low == "one":
            cues.append((k, k + 2))
        elif low in ("nobody", "none", "nothing", "neither", "nor"):
            cues.append((k, k + 1))
        elif (
            low == "no"
            and k + 1 < n
            and toks[k + 1].is_word
            and toks[k + 1].low not in ("longer", "fewer", "less", "more", "later", "sooner")
        ):
            cues.append((k, k + 1))
    for m in _NEG_PHRASES.finditer(text):
        k0 = index_at(m.start())
        cues.append((k0, index_at(m.end())))
    for k0, k1 in cues:
        tg = target(k1, 5)
        if not tg:
            continue
        k = tg[0]
        t = toks[k]
        # "never been higher": a negated comparative is a superlative, not a denial.
        if (
            t.low.endswith("er")
            and len(t.low) > 4
            and (k + 1 >= n or toks[k + 1].text in ".,;" or toks[k + 1].low == "than")
        ):
            continue
        neg_idx.add(k)
        negated.append(_Mark(t.stem, Span(toks[k0].start, t.end), Span(t.start, t.end)))
        # A light verb takes its meaning from the next word: "not go ahead", "not take part".
        if t.stem in _LIGHT_VERBS and len(tg) > 1 and tg[1] == k + 1:
            k2 = tg[1]
            t2 = toks[k2]
            neg_idx.add(k2)
            negated.append(_Mark(t2.stem, Span(toks[k0].start, t2.end), Span(t2.start, t2.end)))
    # Planned / possible: "will", "could", "plans to", "possible", "expected to", ...
    for m in _PLANNED_CUES.finditer(text):
        k1 = index_at(m.end())
        k0 = index_at(m.start())
        cue = m.group().lower()
        # "due to" followed by a noun phrase means "because of".
        if cue.startswith("due") and k1 < n and toks[k1].low in _DETERMINERS:
            continue
        # "suspect", "believe", "fear" hedge only as verbs taking a clause ("suspect the
        # fire was set"), not as nouns ("the suspect was arrested").
        if cue.rstrip("s") in ("suspect", "believe", "fear") and (
            k1 >= n
            or toks[k1].low not in _DETERMINERS | {"that", "it", "he", "she", "they"}
            or (k0 > 0 and toks[k0 - 1].low in _DETERMINERS)
        ):
            continue
        steps = 0
        k = k1
        state = False
        while k < n and steps < 6:
            t = toks[k]
            if not t.is_word or t.low in _CLAUSE_BREAK:
                break
            if t.low not in _STOP and t.low not in _AUX and k not in neg_idx:
                plan_idx.add(k)
                # "will stay open", "will remain closed": a state that goes on, not the
                # event ("opened", "closed") happening later.
                if not state:
                    planned.append(_Mark(t.stem, Span(toks[k0].start, t.end), Span(t.start, t.end)))
                state = state or t.low in _STATE_VERBS
            steps += 1
            k += 1
    # Embedded questions assert nothing: "would not say if the company planned layoffs".
    for k, t in enumerate(toks):
        if t.low in ("whether", "if"):
            k2 = k + 1
            while k2 < n and toks[k2].text not in ",;:.!?":
                plan_idx.add(k2)
                k2 += 1
    done: list[_Mark] = []
    plain: list[_Mark] = []
    for k, t in enumerate(toks):
        if not t.is_word or t.low in _STOP or any(s.start <= t.start < s.end for s in skip):
            continue
        prev = toks[k - 1] if k else None
        if k not in neg_idx:
            plain.append(_Mark(t.stem, Span(t.start, t.end), Span(t.start, t.end)))
        if k in plan_idx or k in neg_idx:
            continue
        is_done = _is_past(t, prev)
        if (
            not is_done
            and prev is not None
            and t.low.endswith("s")
            and not t.is_cap
            and prev.is_word
            and prev.low not in _DETERMINERS
            and prev.low not in _STOP
            and not prev.low.endswith(("'s", "’s"))
            and k + 1 < n
            and (toks[k + 1].low in _DETERMINERS or toks[k + 1].text[0].isdigit())
        ):
            is_done = True
        if is_done:
            done.append(_Mark(t.stem, Span(t.start, t.end), Span(t.start, t.end)))
    return negated, planned, done, plain


class MainClause(Component):
    """The main clause's subject and predicate."""

    name = "main_clause"
    requires = ("toks", "entities")
    assigns = ("subject", "subject_span", "predicate")

    def __call__(self, state: dict[str, Any]) -> None:
        s, span, p = _main_clause(state["toks"], state["entities"])
        state["subject"], state["subject_span"], state["predicate"] = s, span, p


class Marks(Component):
    """Polarity and certainty marks: negated, planned, done and plain words."""

    name = "marks"
    requires = ("text", "toks", "covered")
    assigns = ("negated", "planned", "done", "plain")

    def __call__(self, state: dict[str, Any]) -> None:
        neg, planned, done, plain = _marks(state["text"], state["toks"], state["covered"])
        state.update(negated=neg, planned=planned, done=done, plain=plain)


def _planned_starts(parse: Parse | None) -> frozenset[int]:
    """Start offsets of the words that hang on a verb planned or to come (the verb
    itself, its objects, its frames): "will announce the plan at a news conference",
    "is to announce it in a speech Sunday". Empty without a parse."""
    if parse is None or not parse.parsed:
        return frozenset()
    plan = {q.i for q in predicates(parse) if q.planned}
    if not plan:
        return frozenset()
    out = set()
    for t in parse.tokens:
        k = t
        for _ in range(8):  # up to the verb it hangs on
            if k.pos in ("VERB", "AUX") and k.dep not in ("aux", "auxpass") or k.is_root:
                break
            k = parse.tokens[k.head]
        if k.i in plan:
            out.add(t.start)
    return frozenset(out)


class Frames(Component):
    """Reporting frames ("told the BBC on Monday"); their dates become "report" dates."""

    name = "frames"
    requires = ("toks", "raw_dates", "parse")
    assigns = ("frames", "dates")

    def __call__(self, state: dict[str, Any]) -> None:
        dates = state["raw_dates"]
        parse = state["parse"]
        frames, report = _reporting_frames(
            state["toks"], dates, noun_starts(parse), _planned_starts(parse)
        )
        state["frames"] = frames
        state["dates"] = [
            replace(d, role="report") if i in report and d.role == "point" else d
            for i, d in enumerate(dates)
        ]


class Asides(Component):
    """Side clauses about another actor, keyed by the name they describe."""

    name = "asides"
    requires = ("text", "entities")
    assigns = ("asides",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["asides"] = _asides(state["text"], state["entities"])

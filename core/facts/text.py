"""The fact checks' tokens and light stemmer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..model import Span
from ..nlp import Parse
from .words import (
    _ANTONYMS,
    _DERIVED,
    _DETERMINERS,
    _GENERIC_EVENTS,
    _IRREGULAR,
    _PAST_FORMS,
    _SPEECH,
    _SPEECH_NEG_EXEMPT,
    _STANCE,
)

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|\S"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str
    stem: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A light stemmer: irregular forms, event nouns, then common suffixes.

    Crude on purpose: both sides of a pair go through the same rules, so "agreed" and
    "agree" meet at "agre" even if that is not a word.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        w = _IRREGULAR[w]
    elif w in _DERIVED:
        w = _DERIVED[w]
    elif len(w) > 4:
        if w.endswith("ies") or w.endswith("ied"):
            w = w[:-3] + "y"
        elif w.endswith("ing") and len(w) > 5:
            w = w[:-3]
        elif w.endswith("ed"):
            w = w[:-2]
        elif w.endswith("es") and w[-3] in "sxzh":
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


_SPEECH_S = frozenset(map(_stem, _SPEECH))


_STANCE_S = frozenset(map(_stem, _STANCE))


_GENERIC_EVENTS_S = frozenset(map(_stem, _GENERIC_EVENTS))


_LIGHT_VERBS = frozenset(map(_stem, "go take make come get give".split()))


_SPEECH_NEG_EXEMPT_S = frozenset(map(_stem, _SPEECH_NEG_EXEMPT))


_ANTONYM_S: dict[str, frozenset[str]] = {}


for _x, _y in _ANTONYMS:
    _sx, _sy = _stem(_x), _stem(_y)
    _ANTONYM_S[_sx] = _ANTONYM_S.get(_sx, frozenset()) | {_sy}
    _ANTONYM_S[_sy] = _ANTONYM_S.get(_sy, frozenset()) | {_sx}


def _tokenize(text: str) -> list[_Tok]:
    """Words, numbers and single punctuation marks with their offsets."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        out.append(_Tok(t, m.start(), m.end(), t.lower(), _stem(t) if t[0].isalpha() else t))
    return out


def _is_past(tok: _Tok, prev: _Tok | None) -> bool:
    """A finite past-tense (or participle) verb, not an adjective after a determiner."""
    low = tok.low
    if not tok.is_word or tok.is_cap and prev is not None:
        return False
    if prev is not None and (prev.low in _DETERMINERS or prev.low.endswith(("'s", "’s"))):
        return False
    if low in _PAST_FORMS:
        return True
    return len(low) > 4 and low.endswith("ed") and low not in {"need", "speed", "feed"}


def _merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return tuple(out)


def noun_starts(parse: Parse | None) -> frozenset[int]:
    """Start offsets of the words a parse reads as nouns (empty without a parse): a
    reporting word among them ("the plaintiff's claims", "state from Amsterdam") reports
    nothing."""
    if parse is None or not parse.parsed:
        return frozenset()
    return frozenset(t.start for t in parse.tokens if t.pos in ("NOUN", "PROPN"))


def open_quote(text: str) -> int | None:
    """Where a quotation opens that the sentence never closes (it runs on into the next
    sentence: '"The steps the Iranians claim to have taken are insufficient.'), or None.
    A straight mark after a word closes ('... our options," said X': the quotation came
    from the sentence before), and so does a single mark after punctuation ('"She was
    scared,' said X').

    >>> open_quote('He said: “We will win. ') , open_quote('He said: “We will win.”')
    (10, None)
    >>> open_quote('We will win," he said.'), open_quote('"She was scared,' + "' he said.")
    (None, None)
    """
    opened: int | None = None
    for m in re.finditer(r"[“”\"]", text):
        ch, at = m.group(), m.start()
        if ch == '"':
            before = text[at - 1] if at else " "
            ch = "“" if opened is None and (before.isspace() or before in "([") else "”"
        if ch == "“":
            if opened is None:
                opened = m.end()
        else:
            opened = None
    if opened is not None and re.search(r"[,.!?]['’](?:\s|$)", text[opened:]):
        return None
    return opened


def quoted_spans(text: str) -> list[Span]:
    """Spans inside quotation marks; a sentence that opens inside a quotation (its marks
    close once more than they open, as in a quote carried over from the previous sentence)
    counts from its start.

    >>> t = 'He said: “We will win.” Then “soon”.'
    >>> [t[s.start:s.end] for s in quoted_spans(t)]
    ['We will win.', 'soon']
    """
    spans: list[Span] = []
    opened: int | None = None
    for m in re.finditer(r"[“”\"]", text):
        ch = m.group()
        if ch == "“" or (ch == '"' and opened is None):
            if opened is None:
                opened = m.end()
        elif opened is not None:
            spans.append(Span(opened, m.start()))
            opened = None
        elif not spans and text[: m.start()].strip():
            spans.append(Span(0, m.start()))  # carried over: closes without opening
    return [s for s in spans if s.end > s.start]

"""Quote check: the same quotation given with a different word.

Two outlets quoting one remark verbatim should agree word for word. When the two quotes
line up on a run of shared words and then differ in one or two words at the same place
("We reject his visit." / "We reject his message."), one of them misquotes: the words
around the difference pin it to the same slot, so no parse or vector is needed. A quote
cut short or extended by one outlet is a detail (the alignment has a gap, not a
replacement); a different inflection of the same word ("say" / "said") and a figure
(the number check's) are not reported here.

>>> from factdiff.core.facts import extract_facts
>>> a = extract_facts('"We don\\'t want him. We reject his visit."')
>>> b = extract_facts('"We don\\'t like him, we don\\'t want him. We reject his message," he said.')
>>> bld = _Builder(a, b, "A", "B")
>>> QuoteCheck()({"builder": bld})
>>> [(c.kind.value, c.a_text, c.b_text) for c in bld.conflicts]
[('quote', 'visit', 'message')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from ...model import ConflictKind, Span
from ...tokens import STOP_WORDS, stem
from ..checks.base import _Builder
from ..component import Component
from ..text import quoted_spans
from ..words import _MONTHS, _WEEKDAYS

#: Shared words that must come straight before the differing words, inside both quotes.
MIN_BEFORE = 2
#: Shared words in all (both quotes' aligned words) for the quotes to be one quotation.
MIN_SHARED = 5
#: The most words a difference may span on either side (more is a different sentence).
MAX_CHANGED = 2
_CONF = 0.85

#: "tax-filing" is "tax filing"; a word with letters masked ("f***ing", "f-----g") is one word
_WORD = re.compile(r"(?:[\w’']|\*+(?=[\w’'*])|-{2,}(?=\w))+\*?|\*{2,}")
#: the letters an outlet masks in a coarse word
_MASK = re.compile(r"\*+|-{2,}")


def _unmasks(masked: str, plain: str) -> bool:
    """Is ``plain`` the word ``masked`` prints with letters masked ("f***ing" / "fucking")?"""
    parts = _MASK.split(masked)
    if len(parts) < 2 or not plain.isalpha():
        return False
    return re.fullmatch(r"[a-z]+".join(re.escape(x) for x in parts), plain) is not None


#: Words an outlet puts in square brackets inside a quotation are its own ("roll out the
#: [touch-screen] machines"), not the speaker's.
_BRACKETED = re.compile(r"\[[^\[\]]*\]")


def _words(text: str, span: Span) -> list[tuple[str, Span]]:
    part = text[span.start : span.end]
    editorial = [(m.start(), m.end()) for m in _BRACKETED.finditer(part)]
    return [
        (m.group().lower().replace("’", "'"), Span(span.start + m.start(), span.start + m.end()))
        for m in _WORD.finditer(part)
        if not any(s <= m.start() < e for s, e in editorial)
    ]


def _content(words: list[tuple[str, Span]]) -> list[str]:
    return [w for w, _ in words if w not in STOP_WORDS and not w[:1].isdigit()]


#: British spellings and their American forms, at the end of a word.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{2})ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
)


def _spelling(word: str) -> str:
    """The word in American spelling ("honour" -> "honor", "stabilisation" ->
    "stabilization"): two outlets print one quotation in their own house spelling."""
    for pat, rep in _SPELLINGS:
        word = pat.sub(rep, word)
    return word


def _plain(word: str) -> str:
    """The word without inner quotation marks or a possessive, in American spelling."""
    word = word.strip("'’")
    if word.endswith("'s"):
        word = word[:-2]
    return _spelling(word)


def _variant(x: str, y: str, *, names: bool) -> bool:
    """Two ways to print one word: an abbreviation ("sept" / "september") or, for two
    capitalised words (``names``), a transliteration ("Qaeda" / "Qaida")."""
    x, y = _plain(x), _plain(y)
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 3 and long_.startswith(short) and long_ in _MONTHS_AND_DAYS:
        return True
    return (
        names and len(short) >= 4 and fuzz.ratio(x, y) >= 80 and x[0] == y[0] and x[-1] == y[-1]
    )


_MONTHS_AND_DAYS = frozenset(_MONTHS + _WEEKDAYS)


def _differs(
    wa: list[tuple[str, Span]], wb: list[tuple[str, Span]], *, names: bool = False
) -> bool:
    """Do the replaced words say something else (not the same word inflected)?"""
    if "".join(w for w, _ in wa) == "".join(w for w, _ in wb):
        return False  # "per cent" / "percent", "tax-filing" / "tax filing"
    if len(wa) == len(wb) == 1 and (_unmasks(wa[0][0], wb[0][0]) or _unmasks(wb[0][0], wa[0][0])):
        return False  # one outlet masks the letters of a coarse word
    if [x for w, _ in wa if (x := _plain(w))] == [x for w, _ in wb if (x := _plain(w))]:
        return False  # "honour" / "honor", "world's" / "world", "'compromise'" / "compromise"
    if len(wa) == len(wb) == 1 and _variant(wa[0][0], wb[0][0], names=names):
        return False  # "Sept." / "September", "Qaeda" / "Qaida"
    ca, cb = _content(wa), _content(wb)
    if not ca or not cb:
        return False
    return {stem(w) for w in ca} != {stem(w) for w in cb}


def _taken(bld: _Builder, sa: Span, sb: Span) -> bool:
    return any(
        c.a_span.start < sa.end
        and sa.start < c.a_span.end
        or c.b_span.start < sb.end
        and sb.start < c.b_span.end
        for c in bld.conflicts
    )


_Words = list[tuple[str, Span]]


def _differences(
    bld: _Builder, widest: int
) -> Iterator[tuple[_Words, _Words, tuple[str, int, int, int, int]]]:
    """Each pair of quotations of the two sentences that is one quotation but for one
    difference inside it (at most ``widest`` words a side), with at least
    :data:`MIN_BEFORE` shared words straight before it and the rest after it the same:
    ``(words_a, words_b, opcode)``."""
    a, b = bld.a.text, bld.b.text
    for qa in quoted_spans(a):
        wa = _words(a, qa)
        for qb in quoted_spans(b):
            wb = _words(b, qb)
            sm = SequenceMatcher(None, [w for w, _ in wa], [w for w, _ in wb], autojunk=False)
            ops = sm.get_opcodes()
            shared = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
            if shared < MIN_SHARED:
                continue
            # Verbatim but for one replacement: one outlet may quote more at either end
            # (a gap there), but words changed, added or left out anywhere else make it a
            # paraphrase, whose words need not match.
            inner = [
                op
                for n, op in enumerate(ops)
                if op[0] != "equal"
                and not (op[0] in ("insert", "delete") and n in (0, len(ops) - 1))
            ]
            if len(inner) != 1:
                continue
            n = ops.index(inner[0])
            tag, i1, i2, j1, j2 = inner[0]
            if i2 - i1 > widest or j2 - j1 > widest:
                continue
            before = ops[n - 1] if n > 0 else None
            after = ops[n + 1] if n + 1 < len(ops) else None
            if before is None or before[0] != "equal" or before[2] - before[1] < MIN_BEFORE:
                continue
            # The words after agree too, or both quotes end here (no "after").
            if after is not None and after[0] != "equal":
                continue
            yield wa, wb, inner[0]


def _span_of(words: _Words, i1: int, i2: int) -> Span:
    """The span of words ``i1:i2``, or of the word before them when there are none (a
    word the other quotation adds is marked on the word it follows)."""
    if i2 <= i1:
        i1, i2 = i1 - 1, i1
    return Span(words[i1][1].start, words[i2 - 1][1].end)


def _compare_quotes(bld: _Builder) -> None:
    a, b = bld.a.text, bld.b.text
    for wa, wb, (tag, i1, i2, j1, j2) in _differences(bld, MAX_CHANGED):
        if tag != "replace":
            continue
        caps = all(a[sp.start].isupper() for _, sp in wa[i1:i2]) and all(
            b[sp.start].isupper() for _, sp in wb[j1:j2]
        )
        if not _differs(wa[i1:i2], wb[j1:j2], names=caps):
            continue
        sa, sb = _span_of(wa, i1, i2), _span_of(wb, j1, j2)
        if _taken(bld, sa, sb):
            continue  # another check already reports these words
        bld.add(ConflictKind.QUOTE, sa, sb, "the same quotation, different words", _CONF)


class QuoteCheck(Component):
    """Two verbatim quotations of one remark that differ in a word."""

    name = "quote"
    requires = ("builder",)
    assigns = ("quote_done",)

    def __call__(self, state: dict[str, Any]) -> None:
        _compare_quotes(state["builder"])
        state["quote_done"] = True

"""Sentence boundaries with exact character spans into the article text.

pysbd finds the boundaries inside each paragraph (it knows abbreviations such as U.S.,
Sen., No. 2 and 3 p.m.); this module maps them back to offsets, keeps a quotation and
its attribution together, and drops fragments with no words (a dateline dash) and
datelines standing alone ("CNN" on the line before a dash, "WASHINGTON —"): they name
where or by whom a story was filed, not a fact.
"""

from __future__ import annotations

import functools
import re

from .model import Sentence

__all__ = ["DASHES", "DATELINE", "sentence_spans", "split_sentences"]

_WORD = re.compile(r"\w")
_PARAGRAPH = re.compile(r"[^\n]+")
#: The dashes after a dateline: em and en dash, the horizontal bar some outlets print
#: ("WASHINGTON ―"), a hyphen (last, so that it stays literal inside a character class).
DASHES = "—–―-"
#: A dateline at the start of a story or sentence: a place or outlet in capitals (or an
#: outlet in brackets), perhaps "(Reuters)", then a dash. Sentence-level code skips it.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’&-]+(?:[ ,]+[A-Z][A-Za-z.'’&-]*){0,3}|\([A-Z][A-Za-z ]{1,20}\))"
    rf"(?:\s*\([A-Za-z ]{{1,25}}\))?\s*[{DASHES}]+\s*"
)
#: A dateline with its dash on the next line (or no dash at all, alone on its line).
_DATELINE_ALONE = re.compile(
    r"(?:[A-Z][A-Z.'’&-]+(?:[ ,]+[A-Z][A-Za-z.'’&-]*){0,3}|\([A-Z][A-Za-z ]{1,20}\))"
    rf"(?:\s*\([A-Za-z ]{{1,25}}\))?\s*[{DASHES}]*"
)
_DASH_NEXT = re.compile(rf"\s*[{DASHES}]")
#: A piece that starts like this continues the previous one (pysbd split after "p.m.").
_CONTINUES = re.compile(
    r"[a-z]|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct"
    r"|Nov|Dec)\b|(?:ET|EST|EDT|PT|PST|PDT|CT|GMT|UTC|BST|CET)\b"
)
_ENDS_ABBREV = re.compile(r"\b(?:[ap]\.m|[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])+)\.$")
#: A paragraph longer than this is cut at whitespace before pysbd sees it (pysbd is slow on
#: one enormous "sentence": its abbreviation pass is quadratic in the length; real news
#: paragraphs of devdata are at most 937 characters); the pieces still cover the text exactly.
_MAX_PARAGRAPH = 5_000


@functools.cache
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _quote_open(text: str) -> bool:
    """True if ``text`` leaves a quotation open (so the sentence continues)."""
    depth = sum(text.count(c) for c in "“«") - sum(text.count(c) for c in "”»")
    return depth > 0 or text.count('"') % 2 == 1


#: No sentence starts with these: a piece that does continues the one before ("Sen. Ann
#: Lee, D-Ore.", ", said on Friday" when pysbd ends a sentence at the state's dot).
_NEVER_STARTS = re.compile(r"[,;)\]]")


def _joins(text: str, prev: tuple[int, int], start: int) -> bool:
    """True if the piece at ``start`` continues the sentence ``prev``."""
    before = text[prev[0] : prev[1]]
    if _quote_open(before) or _NEVER_STARTS.match(text, start):
        return True
    return bool(_ENDS_ABBREV.search(before)) and bool(_CONTINUES.match(text, start))


#: A boundary can only fall after one of these; a paragraph with none inside is one sentence.
_MAYBE_BOUNDARY = re.compile(r"[.!?…;:][\s\"'”’)\]]*\s")


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Boundaries pysbd finds in ``text[start:end]``, as absolute offsets."""
    para = text[start:end]
    return [(start + s, start + e) for s, e in _relative_spans(para)]


#: Sentence ends that need no space after them (pysbd's English rules know none of them):
#: CJK full stops and marks, the Arabic question mark, Urdu and Devanagari full stops,
#: with any closing quotes or brackets.
_HARD_END = re.compile(r"[。！？؟۔।]+[」』）〕】》〉”’\"')\]]*")


@functools.lru_cache(maxsize=8192)
def _relative_spans(para: str) -> tuple[tuple[int, int], ...]:
    """Sentence offsets within one paragraph (cached: news text repeats across runs)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.end() for m in _HARD_END.finditer(para)] + [len(para)]:
        spans += [(start + s, start + e) for s, e in _latin_spans(para[start:end])]
        start = end
    return tuple(spans)


#: Two spaces or more after a sentence's end and before a capital: a boundary pysbd misses
#: (it reads '.”  Senate' as one sentence; with one space it splits).
_WIDE_END = re.compile(r"[.!?][\"'”’)\]]*( {2,})(?=[A-Z“\"‘])")


def _wide_ends(para: str, s: int, e: int) -> list[tuple[int, int]]:
    """The piece ``para[s:e]`` cut at the wide sentence ends inside it (never after an
    abbreviation: "Mr.  Lee" stays one)."""
    out = []
    for m in _WIDE_END.finditer(para, s, e):
        if _ENDS_ABBREV.search(para, s, m.start() + 1) or _quote_open(para[s : m.start(1)]):
            continue
        out.append((s, m.start(1)))
        s = m.end(1)
    out.append((s, e))
    return out


def _latin_spans(para: str) -> tuple[tuple[int, int], ...]:
    """Sentence offsets within a paragraph, or a piece of one, as pysbd finds them, cut
    again at wide sentence ends."""
    return tuple(cut for s, e in _pysbd_spans(para) for cut in _wide_ends(para, s, e))


def _pysbd_spans(para: str) -> tuple[tuple[int, int], ...]:
    """Sentence offsets within a paragraph, or a piece of one, as pysbd finds them."""
    if not _MAYBE_BOUNDARY.search(para.rstrip()):
        stripped = para.strip()
        if not stripped:
            return ()
        lead = len(para) - len(para.lstrip())
        return ((lead, lead + len(stripped)),)
    start = 0
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(para):
        piece = piece.strip()
        if not piece:
            continue
        at = para.find(piece, cursor)
        if at < 0:  # pysbd changed the text: give up on finer splits for the rest
            break
        spans.append((start + at, start + at + len(piece)))
        cursor = at + len(piece)
    rest = para[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        tail = len(rest.rstrip())
        if spans and cursor == 0:
            spans = []
        spans.append((start + cursor + lead, start + cursor + tail))
    return tuple(spans)


def clear_cache() -> None:
    """Forget cached paragraph boundaries."""
    _relative_spans.cache_clear()


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a very long paragraph at whitespace into pieces pysbd can handle quickly."""
    out = []
    while end - start > _MAX_PARAGRAPH:
        cut = text.rfind(" ", start + _MAX_PARAGRAPH // 2, start + _MAX_PARAGRAPH)
        if cut <= start:
            cut = start + _MAX_PARAGRAPH
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences in ``text``, in order.

    Spans never overlap, never start or end in whitespace, and every one holds a word.

    >>> t = "Sen. Smith met U.S. envoys at 3 p.m. on Friday. “We talked. It went well,” he said."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Sen. Smith met U.S. envoys at 3 p.m. on Friday.', '“We talked. It went well,” he said.']
    """
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        merged: list[tuple[int, int]] = []
        for c_start, c_end in _chunks(text, para.start(), para.end()):
            for s, e in _paragraph_spans(text, c_start, c_end):
                if merged and _joins(text, merged[-1], s):
                    merged[-1] = (merged[-1][0], e)
                else:
                    merged.append((s, e))
        spans.extend((s, e) for s, e in merged if _WORD.search(text, s, e))
    return [(s, e) for s, e in spans if not _is_dateline(text, s, e)]


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A span that is only a dateline: "CNN" before a dash line, "WASHINGTON —"."""
    piece = text[start:end]
    if len(piece) > 60 or not _DATELINE_ALONE.fullmatch(piece):
        return False
    return bool(re.search(rf"[{DASHES}]\s*$", piece)) or bool(_DASH_NEXT.match(text, end))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` as :class:`Sentence` objects with exact spans."""
    return tuple(
        Sentence(index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(sentence_spans(text))
    )

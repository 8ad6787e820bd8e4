"""One sentence into a :class:`Facts` record."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..extract.clauses import _asides, _main_clause, _marks, _reporting_frames
from ..extract.dates import _extract_dates
from ..extract.entities import _extract_entities
from ..extract.quantities import _extract_quantities
from ..extract.speakers import _extract_speakers
from ..records import Facts
from ..text import _merge_spans, _tokenize
from ..words import _DEMONYMS, _STOP, _WORD_SYNONYMS


def extract_facts(text: str, *, published: dt.date | None = None) -> Facts:
    """Read one sentence into a :class:`Facts` record (cheap: regexes and word lists).

    ``published`` anchors relative dates: in a piece dated Wednesday 15 February 2023,
    "this Friday" is 17 February.

    >>> f = extract_facts("They meet this Friday.", published=dt.date(2023, 2, 15))
    >>> f.dates[0].lo
    datetime.date(2023, 2, 17)
    """
    toks = _tokenize(text)
    dates, covered = _extract_dates(text, published)
    masked = list(text)
    for c in covered:
        masked[c.start : c.end] = " " * (c.end - c.start)
    quantities = _extract_quantities(text, toks, "".join(masked))
    entities = _extract_entities(toks, covered)
    speakers = _extract_speakers(text, toks, entities)
    subject, subject_span, predicate = _main_clause(toks, entities)
    negated, planned, done, plain = _marks(text, toks, covered)
    frames, report = _reporting_frames(toks, dates)
    dates = [
        replace(d, role="report") if i in report and d.role == "point" else d
        for i, d in enumerate(dates)
    ]
    sp_spans = [s.span for s in speakers]
    content = frozenset(
        _WORD_SYNONYMS.get(t.low, t.stem)
        for t in toks
        if t.is_word
        and t.low not in _STOP
        and not any(s.start <= t.start < s.end for s in sp_spans)
    )
    lowered = frozenset(t.low.replace("’", "'").removesuffix("'s") for t in toks if t.is_word)
    lowered |= frozenset(_DEMONYMS[w] for w in lowered if w in _DEMONYMS)
    return Facts(
        text=text,
        published=published,
        quantities=tuple(quantities),
        dates=tuple(dates),
        entities=tuple(entities),
        speakers=tuple(speakers),
        negated=tuple(negated),
        planned=tuple(planned),
        done=tuple(done),
        plain=tuple(plain),
        subject=subject,
        subject_span=subject_span,
        predicate=predicate,
        content=content,
        lowered=lowered,
        frames=_merge_spans(frames),
        asides=tuple(_asides(text, entities)),
    )

"""Values both articles state: a figure or a day that each outlet also gives elsewhere.

Two linked sentences that differ on a day or a figure are far more often about two things
(two meetings, two years' tax rates) than a dispute, when each article states the other's
value too, in another sentence: both outlets know both values, and use them for different
things. :func:`stated_elsewhere` says so for one conflict; the comparison then shows it as
possible, as it does two names both articles use.

>>> import datetime as dt
>>> from factdiff.core.facts import compare_sentences, extract_facts
>>> day = dt.date(2012, 12, 10)
>>> a, b = "They met on Sunday.", "They met on Thursday."
>>> (c,) = compare_sentences(a, b, a_date=day, b_date=day).conflicts
>>> others_a = [extract_facts("A vote came on Thursday.", published=day)]
>>> others_b = [extract_facts("Aides spoke on Sunday.", published=day)]
>>> stated_elsewhere(c, extract_facts(a, published=day), extract_facts(b, published=day),
...                  others_a, others_b)
True
>>> stated_elsewhere(c, extract_facts(a, published=day), extract_facts(b, published=day),
...                  others_a, [])
False
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..model import Conflict, ConflictKind, Span
from .checks.base import _dims_match, _overlap
from .checks.date import _date_relation
from .extract.dates import _MONTH_RE, _WEEKDAY_RE
from .extract.quantities import _SMALL
from .records import DateFact, Facts, Quantity

__all__ = ["could_state", "stated_elsewhere"]

#: Words without which a sentence states no day (a weekday or month name, a relative day, a
#: digit) or no figure (a digit, a number word): the facts of the rest are never read.
_DAY_HINT = re.compile(
    rf"\d|\b(?:{_WEEKDAY_RE}|{_MONTH_RE}|today|yesterday|tomorrow|tonight|weekend|"
    r"morning|afternoon|evening|night|week|month|year)\b",
    re.IGNORECASE,
)
_FIGURE_HINT = re.compile(
    r"\d|\b(?:" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r"|hundred|thousand|"
    r"million|billion|trillion|dozens?|half|third|quarter|fifth|double|triple)\b",
    re.IGNORECASE,
)


def could_state(kind: ConflictKind, text: str) -> bool:
    """Can ``text`` state a day (``DATE``) or a figure (``NUMBER``) at all? A cheap test
    before reading its facts."""
    hint = _DAY_HINT if kind is ConflictKind.DATE else _FIGURE_HINT
    return bool(hint.search(text))

T = TypeVar("T", DateFact, Quantity)


def _at(records: Iterable[T], span: Span) -> T | None:
    """The record the conflict names at ``span`` (the check reports a record's own span)."""
    for r in records:
        if r.span.start <= span.start and span.end <= r.span.end:
            return r
    for r in records:
        if r.span.start < span.end and span.start < r.span.end:
            return r
    return None


def _same_day(x: DateFact, y: DateFact) -> bool:
    """``y`` (elsewhere) gives the day ``x`` gives, as precisely: "this week" holds
    Friday and Saturday alike, and says neither."""
    return not y.is_time and y.level == x.level and _date_relation(x, y)[0] == "agree"


def _same_figure(x: Quantity, y: Quantity) -> bool:
    """``y`` (elsewhere) gives the figure ``x`` gives, as a point or as the same bound."""
    return (
        _dims_match(x, y)
        and x.unit == y.unit
        and x.pair == y.pair
        and x.bound == y.bound
        and _overlap(x, y)
    )


def _in_any(
    value: T,
    others: Iterable[Facts],
    pick: Callable[[Facts], Iterable[T]],
    same: Callable[[T, T], bool],
) -> bool:
    return any(same(value, v) for f in others for v in pick(f))


def stated_elsewhere(
    c: Conflict, a: Facts, b: Facts, others_a: Iterable[Facts], others_b: Iterable[Facts]
) -> bool:
    """For a date or number conflict between sentences ``a`` and ``b`` (spans in the
    sentences): does article A state B's value in one of its other sentences
    (``others_a``), and article B state A's value in one of its (``others_b``)?"""
    if c.kind is ConflictKind.DATE:
        x, y = _at(a.dates, c.a_span), _at(b.dates, c.b_span)
        if x is None or y is None or x.is_time or y.is_time:
            return False

        def dates(f: Facts) -> Iterable[DateFact]:
            return f.dates

        return _in_any(x, others_b, dates, _same_day) and _in_any(y, others_a, dates, _same_day)
    if c.kind is ConflictKind.NUMBER:
        p, q = _at(a.quantities, c.a_span), _at(b.quantities, c.b_span)
        if p is None or q is None:
            return False

        def figures(f: Facts) -> Iterable[Quantity]:
            return f.quantities

        return _in_any(p, others_b, figures, _same_figure) and _in_any(
            q, others_a, figures, _same_figure
        )
    return False

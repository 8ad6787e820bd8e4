"""Date check: the same moment given as different days, months, years or times."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...model import ConflictKind, Span
from ..checks.attribution import sources_differ
from ..checks.base import _Builder, _same_event
from ..component import Component
from ..extract.dates import _PARTS
from ..predicates import predicates
from ..records import DateFact, Facts
from ..slots import MIN_LINK, PairView
from ..text import quoted_spans

_MONTH_WORD = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
_WRITTEN_DAY = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|" + _MONTH_WORD, re.IGNORECASE
)
_MONTH_NAMED = re.compile(_MONTH_WORD, re.IGNORECASE)
_YEAR_WRITTEN = re.compile(r"\b(?:1[89]|20)\d\d\b|['’]\d\d\b")


def _date_fields(d: DateFact) -> dict[str, int]:
    out = {}
    for k in ("year", "month", "day", "weekday"):
        v = getattr(d, k)
        if v is not None:
            out[k] = v
    return out


def _intervals(d: DateFact) -> list[tuple[dt.date, dt.date]]:
    if d.lo is None or d.hi is None:
        return []
    return [(d.lo, d.hi), *d.alts]


def _date_relation(x: DateFact, y: DateFact) -> tuple[str, str]:
    """('agree' | 'conflict' | 'none', what differs) for two day-level date facts."""
    ix, iy = _intervals(x), _intervals(y)
    if (
        x.month is not None
        and x.month == y.month
        and x.day is not None
        and x.day == y.day
        and not (_YEAR_WRITTEN.search(x.text) and _YEAR_WRITTEN.search(y.text))
    ):
        # "June 28" / "on June 28": the words agree; the year each was resolved to is a
        # guess from the tense (future "is scheduled" vs past "has been set").
        return "agree", ""
    if ix and iy:
        for a0, a1 in ix:
            for b0, b1 in iy:
                if a0 <= b1 and b0 <= a1:
                    return "agree", ""
        what = (
            "day"
            if min(x.level, y.level) <= 0
            else (
                "week"
                if min(x.level, y.level) == 1
                else "month"
                if min(x.level, y.level) == 2
                else "year"
            )
        )
        return "conflict", what
    fx, fy = _date_fields(x), _date_fields(y)
    if (
        x.days
        and y.days
        and x.month == y.month
        and x.month is not None
        and (x.year is None or y.year is None or x.year == y.year)
    ):
        if x.days[0] <= y.days[1] and y.days[0] <= x.days[1]:
            return "agree", ""
        return "conflict", "day"
    shared = [k for k in ("year", "month", "day", "weekday") if k in fx and k in fy]
    if not shared:
        return "none", ""
    for k in shared:
        if fx[k] != fy[k]:
            return "conflict", {"weekday": "day", "day": "day"}.get(k, k)
    return "agree", ""


def _named_months_differ(x: DateFact, y: DateFact) -> bool:
    """Do both dates name their month, and different ones? "in June" / "on October 26":
    a month against a day, yet no day of June is in October (while "earlier this month"
    against "on Friday" may well hold it)."""
    return (
        x.month is not None
        and y.month is not None
        and x.month != y.month
        and bool(_MONTH_NAMED.search(x.text))
        and bool(_MONTH_NAMED.search(y.text))
    )


def _said_relative(text: str, d: DateFact) -> bool:
    """A relative date inside a quotation ("this afternoon", "yesterday" in a statement):
    relative to when it was said, which may not be the day the article was published, so
    its resolved day cannot contradict another."""
    if _WRITTEN_DAY.search(d.text):
        return False  # names its day, month or year: the same whenever it was said
    return any(q.start <= d.span.start and d.span.end <= q.end for q in quoted_spans(text))


def _fmt_day(d: DateFact) -> str:
    if d.lo is not None and d.lo == d.hi and not d.alts:
        return d.lo.strftime("%a %d %b %Y").replace(" 0", " ")
    return ""


def _sole_dates(bld: _Builder, x: DateFact, y: DateFact) -> bool:
    """Are ``x`` and ``y`` the only days (of the event, not of a statement) their sentences
    give, at the same precision, both done or both to come? Then, in two sentences that
    otherwise match (:meth:`PairView.sole_link`), they are one slot: "Shares rose sharply
    on Monday after the deal" / "The stock jumped Tuesday after the deal": each day hangs
    on its own verb, yet both date the one move of the stock."""
    if x.role != "point" or y.role != "point" or x.level != y.level:
        return False
    # the only ones at that precision: "last year's standoff" is no day beside "Friday"
    days_a = [d for d in bld.a.dates if d.role == "point" and not d.is_time and d.level == x.level]
    days_b = [d for d in bld.b.dates if d.role == "point" and not d.is_time and d.level == y.level]
    if days_a != [x] or days_b != [y] or not bld.view.parsed:
        return False
    # "unveiled on Wednesday" / "which will ship on Friday": two events
    return _one_time(bld, x, y)


#: How much of the rest of two sentences (of the longer side) must be aligned for the
#: days on their main verbs to be one slot (:func:`_main_days`); the sole-day rule asks
#: :data:`SOLE_SLOT_REST` of days anywhere. On the real dev events and those outside the
#: split, no pair of such days reaches 0.25; the MSRP dev pairs with one day changed have
#: four at 0.41-0.47.
MAIN_DAY_REST = 0.35


def _thing_undated(bld: _Builder, x: DateFact, y: DateFact) -> bool:
    """Does one day name a thing ("the Sept. 11 attacks", "the March downturn") that the
    other sentence also names, by a noun, without hanging its own day on it ("voted
    Wednesday ... in the terrorist attacks")? Then that sentence leaves the thing's day
    out, and its day is of something else. (A verb for the thing on the other side is
    its event told as the sentence's own: "at his October 30 sentencing" / "is expected
    to be sentenced on July 3".)"""
    view = bld.view
    for side, d, other, e in (("a", x, "b", y), ("b", y, "a", x)):
        p = view.parse(side)
        # the day's own words: "in the Sept. 11" hangs as "Sept." does
        own = [
            t.i for t in p.tokens
            if d.span.start <= t.start and t.end <= d.span.end and t.pos not in ("ADP", "DET")
        ]
        tops = [i for i in own if p.tokens[i].head not in own and not p.tokens[i].is_root]
        if not tops:
            continue
        tok = p.tokens[tops[0]]
        thing = p.tokens[tok.head]
        if tok.dep not in ("compound", "nmod", "amod", "poss") or thing.pos != "NOUN":
            continue
        q = view.parse(other)
        mates = [
            t.i for t in q.tokens
            if t.pos == "NOUN"
            and view.token_link_from(side, thing.i, t.i)
        ]
        if mates and not {h.token for h in view.heads(other, e.span)} & set(mates):
            return True
    return False


def _main_days(bld: _Builder, x: DateFact, y: DateFact) -> bool:
    """Do both days hang on the main verb (the root) of their sentence?"""
    view = bld.view
    ha, hb = view.head("a", x.span), view.head("b", y.span)
    if ha is None or hb is None:
        return False
    return view.parse("a").tokens[ha.token].is_root and view.parse("b").tokens[hb.token].is_root


def _gap_dates(bld: _Builder, x: DateFact, y: DateFact) -> bool:
    """May two days be compared by their place in the alignment (:meth:`PairView.gap_link`)?
    Days of events (not of statements), at one precision, hanging from their heads by one
    relation, both done or both to come."""
    if x.role != "point" or y.role != "point" or x.level != y.level:
        return False
    if not bld.view.same_relation(x.span, y.span):
        return False
    return _one_time(bld, x, y)


def _one_time(bld: _Builder, x: DateFact, y: DateFact) -> bool:
    """Not one day reported as done and the other as to come ("unveiled on Wednesday" /
    "will ship on Friday": two events). A verb in the present says neither ("face trial
    in December" / "are scheduled to go on trial in July": both to come)."""
    return {_when(bld, "a", x), _when(bld, "b", y)} != {"done", "planned"}


def _when(bld: _Builder, side: str, d: DateFact) -> str:
    """"planned" when the date hangs on a predicate planned or to come ("will ship"),
    "done" on one reported as done ("shipped", "has shipped"), else ""."""
    view = bld.view
    h = view.head(side, d.span)
    if h is None:
        return ""
    for p in predicates(view.parse(side)):
        if p.i == h.token:
            return "planned" if p.planned else "done" if p.past else ""
    return ""


def _later(d: DateFact, e: DateFact, other: Facts) -> bool:
    """Is ``d`` after the other article was published, while that article's ``e`` is
    not? Then the other article reports an occurrence before its own date and cannot be
    reporting ``d``'s: "met on Thursday" (printed Thursday 13 Dec) is another meeting than
    "met on Sunday" (printed Sunday 9 Dec). A day still to come in the other article
    ("will meet this Friday", printed Wednesday) may be ``d``'s."""
    if d.lo is None or e.hi is None or other.published is None:
        return False
    return d.lo > other.published >= e.hi


_MIDNIGHT_BEFORE = re.compile(
    r"(?<!before )(?<!until )(?<!by )\bmidnight(?:\s+(?:on|of))?\s*,?\s*$", re.IGNORECASE
)
_MIDNIGHT_AFTER = re.compile(r"^\s*,?\s*(?:at\s+)?midnight\b", re.IGNORECASE)


def _at_midnight(text: str, d: DateFact) -> bool:
    """Is the day told with "midnight" ("at midnight Dec. 21", "Friday at midnight")?
    Midnight is where two days meet: that day's end, the next one's start ("shortly
    before midnight on Tuesday" is still Tuesday)."""
    return bool(
        _MIDNIGHT_BEFORE.search(text[max(0, d.span.start - 20) : d.span.start])
        or _MIDNIGHT_AFTER.match(text[d.span.end : d.span.end + 16])
    )


def _next_days(x: DateFact, y: DateFact) -> bool:
    """Are the two single days one day apart?"""
    if x.lo is not None and y.lo is not None and x.lo == x.hi and y.lo == y.hi:
        return abs((x.lo - y.lo).days) == 1
    return (
        x.month is not None and x.month == y.month and x.day is not None
        and y.day is not None and abs(x.day - y.day) == 1
    )


def _when_verb(view: PairView, side: str, span: Span) -> int | None:
    """The verb of a "when" clause hung on the date: "since May 1, when President Bush
    declared the end of major hostilities" dates the declaring (None without one)."""
    p = view.parse(side)
    for i in view.tokens_in(side, span):
        for k in p.children(i):
            if k.dep in ("relcl", "advcl", "acl") and k.pos in ("VERB", "AUX") and any(
                c.dep == "advmod" and c.text.lower() == "when" for c in p.children(k.i)
            ):
                return k.i
    return None


def _when_link(bld: _Builder, x: DateFact, y: DateFact) -> float:
    """A date that names the moment of its "when" clause, against a date of the other
    side on the same verb (or its own "when" verb): "killed since May 1, when Bush
    declared the end" / "since Bush declared major combat over on August 1". 0.9 times
    the link of the two verbs; 0 when neither date has such a clause."""
    view = bld.view
    if not view.parsed:
        return 0.0
    wa, wb = _when_verb(view, "a", x.span), _when_verb(view, "b", y.span)
    if wa is None and wb is None:
        return 0.0
    if wa is None:
        h = view.head("a", x.span)
        wa = h.token if h is not None else None
    if wb is None:
        h = view.head("b", y.span)
        wb = h.token if h is not None else None
    if wa is None or wb is None:
        return 0.0
    return round(0.9 * view.token_link(wa, wb), 4)


def _compare_dates(bld: _Builder) -> tuple[set[int], set[int]]:
    """Match date and time expressions; report the leftovers that cannot be the same moment."""
    da, db = bld.a.dates, bld.b.dates
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, float, int, str, str, float]] = []
    for i, x in enumerate(da):
        for j, y in enumerate(db):
            if x.is_time != y.is_time:
                continue
            when = _when_link(bld, x, y)
            if x.role != y.role and not when and (
                {x.role, y.role} != {"report", "point"}
                or bld.view.heads_link(x.span, y.span, reach=False) < MIN_LINK
            ):
                # The day of a statement against the day of an event, except on one verb
                # aligned to the other: "announced on Friday that she was ill" / "It was
                # announced on Sunday that she was ill" date one act, however the clause
                # around the verb makes its day a statement's or an event's.
                continue
            # The day a statement was made is compared only with the day the same
            # statement was made (the two reporting verbs aligned).
            if "report" in (x.role, y.role) and (
                bld.view.heads_link(x.span, y.span) < MIN_LINK
                or sources_differ(bld.a, bld.b, bld.view.parsed)
            ):
                continue  # (two speakers' words are two statements, made on their own days)
            if not _same_event(bld, x.span, y.span):
                continue
            if x.is_time and not _one_time(bld, x, y):
                continue  # the time set for it and the time it happened: two moments
            if x.is_time:
                assert x.minutes is not None and y.minutes is not None
                ok = x.minutes[0] <= y.minutes[1] and y.minutes[0] <= x.minutes[1]
                # Midnight: 00:00 is also 24:00.
                if not ok and (x.minutes[0] == 0 or y.minutes[0] == 0):
                    ok = {x.minutes[0], y.minutes[0]} == {0} or 1440 in (x.minutes[1], y.minutes[1])
                rel, what = ("agree", "") if ok else ("conflict", "time")
                if not ok and x.approx and y.approx:
                    rel = "conflict"
            else:
                rel, what = _date_relation(x, y)
                if (
                    rel == "conflict"
                    and abs(x.level - y.level) > 1
                    and not _named_months_differ(x, y)
                ):
                    rel = "none"
                if rel == "conflict" and (
                    _said_relative(bld.a.text, x) or _said_relative(bld.b.text, y)
                ):
                    rel = "none"
            if (
                rel == "conflict"
                and (_at_midnight(bld.a.text, x) or _at_midnight(bld.b.text, y))
                and _next_days(x, y)
            ):
                rel = "agree"  # "began on Dec. 22" / "ran out of money at midnight Dec. 21"
            if rel == "conflict" and (_later(x, y, bld.b) or _later(y, x, bld.a)):
                rel = "none"  # an event the other article, printed before it, cannot report
            if rel == "none":
                continue
            link = max(bld.link(x.span, y.span, context=True), when)
            if (
                rel == "conflict"
                and link < MIN_LINK
                and _sole_dates(bld, x, y)
                and not _thing_undated(bld, x, y)
            ):
                # the one day each sentence gives, in two sentences that otherwise say the
                # same words: the day of the one event they report
                link = max(link, bld.view.sole_link(x.span, y.span))
            if rel == "conflict" and link < MIN_LINK and _gap_dates(bld, x, y):
                # the one day in a gap of the alignment on each side: "the first time
                # since December" / "for the first time since May"
                link = max(link, bld.view.gap_link(
                    x.span, y.span, others_a=[d.span for d in da if d is not x],
                    others_b=[d.span for d in db if d is not y]))
            if (
                rel == "conflict"
                and link < MIN_LINK
                and _main_days(bld, x, y)
                and _sole_dates(bld, x, y)
                and not _thing_undated(bld, x, y)
                and bld.view.aligned_share([x.span], [y.span], of_longer=True) >= MAIN_DAY_REST
            ):
                # the one day each sentence gives, on each sentence's main verb: the day
                # of the event both report, though their verbs differ ("jumped" / "rose",
                # "ruled" / "overturned") and less of the rest is worded alike
                link = MIN_LINK
            if rel == "conflict" and link < MIN_LINK:
                continue  # not the same slot: each date is a detail of its own fact
            rank = 0 if rel == "agree" else 1
            # Same granularity first: "Friday" pairs with "Saturday" before it pairs with
            # "earlier this month".
            pairs.append((abs(x.level - y.level), rank, -link, i * 100 + j, rel, what, link))
    pairs.sort()
    for _, _, _, ij, rel, what, link in pairs:
        i, j = divmod(ij, 100)
        if i in used_a or j in used_b:
            continue
        x, y = da[i], db[j]
        used_a.add(i)
        used_b.add(j)
        if rel == "conflict":
            # Parts of day ("morning", "late") are vague: flag only if both are explicit times.
            if (
                x.is_time
                and (x.approx and y.approx)
                and (x.minutes and y.minutes)
                and x.text.lower() in _PARTS
                and y.text.lower() in _PARTS
            ):
                continue
            resolved = x.lo is not None and y.lo is not None
            conf = 0.9 if resolved or x.is_time else 0.85
            if x.alts or y.alts:
                conf -= 0.1
            if x.level != y.level:
                conf -= 0.1  # a day against a week or a month: the looser one may be loose
            bld.add(
                ConflictKind.DATE,
                x.span,
                y.span,
                f"different {what}",
                conf,
                _fmt_day(x) if bld.a.published else "",
                _fmt_day(y) if bld.b.published else "",
                link=link,
            )
    return used_a, used_b


class DateCheck(Component):
    """Dates and times of the same moment that differ."""

    name = "date"
    requires = ("builder",)
    assigns = ("used_dates",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["used_dates"] = _compare_dates(state["builder"])

"""Dates and times, resolved against the publication date as today."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from ...model import Span
from ...nlp import Parse
from ..component import Component
from ..extract.quantities import _parse_spelled
from ..predicates import aux_dependents
from ..records import DateFact
from ..words import _FUTURE_CUES, _MONTH_ABBR, _PAST_FORMS, _WEEKDAYS

_MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)


_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

#: "May" alone is the month only after a word that takes a month ("in May", "since May",
#: "the May report", "last May"), never as the verb ("officials may").
_MAY_AFTER = "(?:" + "|".join(
    rf"(?<=\b{w}\s)" for w in
    "in since until through by before after during early late of the last next this".split()
) + r"|(?<=\bmid-))"


_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"


_YEAR = r"(?:1[89]\d\d|20\d\d)"


_PREP = (
    r"(?:(?P<prep>since|until|till|through|by|before|after|from|in|on|at|during|of|"
    r"early|late|mid|earlier|later|this|last|next|around|about|shortly\s+after|"
    r"shortly\s+before|just\s+after|just\s+before)\s+(?:the\s+)?"
    # "by the end of September", "until the middle of next month": the preposition's role
    r"(?:(?:end|middle|beginning|start)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:early|late|mid)[\s-]+(?=[A-Z0-9]))?)?"  # "since early March" is a since-date
)


_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "mdy",
        re.compile(
            rf"{_PREP}(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAYNUM})"
            rf"(?:\s*[-–]\s*(?P<d2>{_DAYNUM}))?(?:,?\s+(?P<y>{_YEAR}))?\b(?!:)"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"{_PREP}(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM})"
            rf"(?:\s*[-–]\s*(?P<d2>{_DAYNUM}))?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    ("my", re.compile(rf"{_PREP}(?P<mon>{_MONTH_RE}),?\s+(?P<y>{_YEAR})\b")),
    (
        "rel",
        re.compile(
            r"(?P<prep>)\b(?P<rel>today|tonight|yesterday|tomorrow|overnight|"
            r"(?:earlier|later|early|late)\s+(?:this|last|next)\s+(?:week|month|year)|"
            r"(?:this|last|next)\s+(?:fiscal\s+)?year|"
            r"(?:this|last|next)\s+(?:week(?:end)?|month|year|morning|afternoon|evening|"
            r"night)|this\s+past\s+weekend|"
            r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
            r"(?:days?|weeks?|months?|years?)\s+ago)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "wd",
        re.compile(
            rf"{_PREP}(?P<wd>{_WEEKDAY_RE})(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "mon",
        re.compile(
            rf"{_PREP}(?P<mon>(?:January|February|March|April|June|July|August|"
            rf"September|October|November|December)|{_MAY_AFTER}May)\b"
        ),
    ),
    # "May" alone is a month only where the parse says so (:func:`_may_months`)
    ("may", re.compile(r"(?P<prep>)\b(?P<mon>May)\b")),
    ("decade", re.compile(rf"{_PREP}(?P<dec>(?:1[89]|20)\d0)s\b")),
    ("year", re.compile(rf"{_PREP}(?P<y>{_YEAR})\b(?![,.]?\d)(?!\s*(?:-|–)\s*\d)")),
)


_YEAR_RANGE = re.compile(
    rf"\b(?:[Ff]rom|[Bb]etween)\s+(?P<y1>{_YEAR})\s+(?:to|and|through|until)\s+(?P<y2>{_YEAR})\b"
)


_TIME_RE = re.compile(
    # whole words only: "noon" is no time inside "afternoon", nor "at" inside "that"
    r"(?<!\w)(?P<q>(?:at|around|about|by|before|after|until|shortly\s+after|shortly\s+before|"
    r"just\s+after|just\s+before|soon\s+after|approximately)\s+)?"
    r"(?<!\w)(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?|"
    r"(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?!\d)|(?P<word>noon|midnight|midday))",
    re.IGNORECASE,
)


_PART_OF_DAY = re.compile(
    r"\b(?:(?P<early>early|late)\s+(?:on\s+)?(?=" + _WEEKDAY_RE + r")|"
    r"(?P<part>morning|afternoon|evening|night)\b|in\s+the\s+early\s+hours)",
    re.IGNORECASE,
)


_PARTS = {
    "morning": (300, 720),
    "afternoon": (720, 1080),
    "evening": (1020, 1320),
    "night": (1140, 1440),
    "early": (0, 720),
    "late": (1020, 1440),
    "hours": (0, 360),
}


_SEASON_RE = re.compile(
    rf"\b(?:in\s+(?:the\s+)?|this\s+|last\s+|next\s+|early\s+|late\s+)"
    rf"(?P<s>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b",
    re.IGNORECASE,
)


_QUARTER_RE = re.compile(
    rf"\b(?P<n>first|second|third|fourth)\s+quarter(?:\s+of\s+(?P<y>{_YEAR}))?\b",
    re.IGNORECASE,
)


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}


def _month_num(s: str) -> int:
    return _MONTH_ABBR[
        s.lower().rstrip(".")[:4] if s.lower().startswith("sept") else s.lower().rstrip(".")[:3]
    ]


def _week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _month_bounds(y: int, m: int) -> tuple[dt.date, dt.date]:
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def _tense_near(text: str, start: int, end: int) -> str:
    """'future', 'past' or '' for the clause around a date, from cues before and after it."""
    before = text[max(0, start - 90) : start]
    cut = max(before.rfind(";"), before.rfind(" said "), before.rfind(" that "))
    if cut >= 0:
        before = before[cut:]
    if _FUTURE_CUES.search(before):
        return "future"
    words = (
        re.findall(r"[A-Za-z’']+", before)[-8:]
        + re.findall(r"[A-Za-z’']+", text[end : end + 40])[:4]
    )
    for w in words:
        lw = w.lower()
        if lw in _PAST_FORMS or (len(lw) > 4 and lw.endswith("ed")) or lw in ("was", "were"):
            return "past"
        if lw in ("will", "shall") or lw.endswith(("'ll", "’ll")):
            return "future"
    return ""


def _resolve_weekday(wd: int, pub: dt.date, mode: str, tense: str) -> list[tuple[dt.date, dt.date]]:
    """Candidate dates for a weekday name, given the publication date and the tense."""
    if mode == "this":
        d = _week_start(pub) + dt.timedelta(days=wd)
        return [(d, d)]
    if mode == "last":
        d = _week_start(pub) - dt.timedelta(days=7 - wd)
        back = pub - dt.timedelta(days=(pub.weekday() - wd) % 7 or 7)
        return [(min(d, back), max(d, back))] if d != back else [(d, d)]
    if mode == "next":
        fwd = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        return [(fwd, fwd + dt.timedelta(days=7))]
    past = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    future = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    if tense == "past" or past == future:
        return [(past, past)]
    if tense == "future":
        return [(future, future)]
    return [(past, past), (future, future)]


def _resolve_relative(rel: str, pub: dt.date) -> tuple[dt.date, dt.date, int] | None:
    """Interval and level for 'yesterday', 'last week', 'earlier this month', ..."""
    r = " ".join(rel.lower().split())
    if r in ("today", "tonight", "this morning", "this afternoon", "this evening", "overnight"):
        return pub, pub, 0
    if r in ("yesterday", "last night"):
        d = pub - dt.timedelta(days=1)
        return d, d, 0
    if r == "tomorrow":
        d = pub + dt.timedelta(days=1)
        return d, d, 0
    ws = _week_start(pub)
    m = re.match(
        r"(?:(earlier|later|early|late)\s+)?(this|last|next|this past)\s+"
        r"(week|weekend|month|year)$",
        r,
    )
    if m:
        edge, which, unit = m.groups()
        if unit in ("week", "weekend"):
            shift = {"this": 0, "last": -7, "next": 7, "this past": -7}[which]
            lo = ws + dt.timedelta(days=shift)
            hi = lo + dt.timedelta(days=6)
            if unit == "weekend":
                # from Friday: what happened "late Friday" happened "last weekend" too
                lo = lo + dt.timedelta(days=4)
                if which == "this past":
                    lo, hi = lo, hi
            level = 1
        elif unit == "month":
            y, mo = pub.year, pub.month + {"this": 0, "last": -1, "next": 1, "this past": -1}[which]
            if mo < 1:
                y, mo = y - 1, 12
            elif mo > 12:
                y, mo = y + 1, 1
            lo, hi = _month_bounds(y, mo)
            level = 2
        else:
            y = pub.year + {"this": 0, "last": -1, "next": 1, "this past": -1}[which]
            lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
            level = 3
        if which == "this" and edge in ("earlier", "early"):
            hi = min(hi, pub)
            if edge == "early":
                hi = min(hi, lo + (hi - lo) / 2 + dt.timedelta(days=3))
        elif which == "this" and edge in ("later", "late"):
            lo = max(lo, pub)
        elif edge in ("early", "earlier"):
            hi = lo + (hi - lo) / 2 + dt.timedelta(days=3)
        elif edge in ("late", "later"):
            lo = lo + (hi - lo) / 2 - dt.timedelta(days=3)
        return lo, hi, level
    m = re.match(r"(\w+)\s+(day|week|month|year)s?\s+ago$", r)
    if m:
        n = _parse_spelled(m.group(1)) if not m.group(1).isdigit() else float(m.group(1))
        if n is None:
            return None
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)] * int(n)
        d = pub - dt.timedelta(days=days)
        slack = {"day": 0, "week": 3, "month": 15, "year": 183}[m.group(2)]
        lvl = {"day": 0, "week": 1, "month": 2, "year": 3}[m.group(2)]
        return d - dt.timedelta(days=slack), d + dt.timedelta(days=slack), lvl
    return None


def _role_of(prep: str | None) -> str:
    p = (prep or "").lower()
    if p == "since" or p == "from" or p == "after":
        return "since"
    if p in ("until", "till", "by", "before", "through"):
        return "until"
    return "point"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(m: int, d: int, pub: dt.date, tense: str) -> int:
    """The year that puts month/day closest to the publication date (or on the tense's side)."""
    best = pub.year
    best_gap = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, min(d, 28) if d > 28 else d)
        if cand is None:
            continue
        gap = (cand - pub).days
        if tense == "past" and gap > 7:
            continue
        if tense == "future" and gap < -7:
            continue
        if best_gap is None or abs(gap) < best_gap:
            best, best_gap = y, abs(gap)
    return best


def _extract_dates(
    text: str, pub: dt.date | None, may_at: frozenset[int] = frozenset()
) -> tuple[list[DateFact], list[Span]]:
    """Dates and times in the sentence, plus the spans they cover (masked from numbers).
    ``may_at``: the offsets where a bare "May" is the month."""
    found: list[DateFact] = []
    covered: list[Span] = []

    def free(s: int, e: int) -> bool:
        return all(e <= c.start or s >= c.end for c in covered)

    for m in _YEAR_RANGE.finditer(text):
        # "from 1976 to 1980": one span of years, which "in 1980" falls within
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2:
            found.append(DateFact(
                span=Span(m.start(), m.end()), text=m.group(), role="point",
                lo=dt.date(y1, 1, 1), hi=dt.date(y2, 12, 31), level=3,
            ))
            covered.append(Span(m.start(), m.end()))
    for pattern, pat in _DATE_PATTERNS:
        kind = "mon" if pattern == "may" else pattern
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                # Keep the inner match if only the optional preposition overlaps.
                continue
            if pattern == "may" and s not in may_at:
                continue
            gd = m.groupdict()
            prep = gd.get("prep")
            role = _role_of(prep)
            tense = _tense_near(text, s, e)
            edge = (prep or "").lower()
            f: dict[str, object] = {"role": role}
            if kind in ("iso", "mdy", "dmy", "my"):
                mon = int(gd["m"]) if kind == "iso" else _month_num(gd["mon"])
                y = int(gd["y"]) if gd.get("y") else None
                if kind == "my":
                    f.update(year=y, month=mon, level=2)
                    if y:
                        f["lo"], f["hi"] = _month_bounds(y, mon)
                else:
                    d = int(re.sub(r"\D", "", gd["d"]))
                    d2 = int(re.sub(r"\D", "", gd["d2"])) if gd.get("d2") else None
                    f.update(
                        month=mon,
                        day=d if d2 is None else None,
                        level=0,
                        days=(d, d2) if d2 else (d, d),
                    )
                    if gd.get("wd"):
                        f["weekday"] = _WEEKDAYS.index(gd["wd"].lower())
                    yy = y or (_nearest_year(mon, d, pub, tense) if pub else None)
                    if y:
                        f["year"] = y
                    if yy:
                        lo = _safe_date(yy, mon, d)
                        hi = _safe_date(yy, mon, d2) if d2 else lo
                        if lo and hi:
                            f["lo"], f["hi"] = lo, hi
                            if d2 is None and "weekday" not in f:
                                f["weekday"] = lo.weekday() if y else None
            elif kind == "rel":
                rel = gd["rel"]
                if "fiscal" in rel.lower():
                    # a fiscal year runs from a month each body sets: about the year
                    rel = re.sub(r"(?i)\s*fiscal\b", "", rel)
                    f["approx"] = True
                if pub:
                    r = _resolve_relative(rel, pub)
                    if r:
                        f["lo"], f["hi"], f["level"] = r
                else:
                    f["level"] = (
                        0 if rel.lower() in ("today", "tonight", "yesterday", "tomorrow") else 1
                    )
                    if f["level"] == 1 and "month" in rel.lower():
                        f["level"] = 2
                    elif "year" in rel.lower():
                        f["level"] = 3
            elif kind == "wd":
                wd = _WEEKDAYS.index(gd["wd"].lower())
                f.update(weekday=wd, level=0)
                if pub:
                    mode = edge if edge in ("this", "last", "next") else ""
                    cands = _resolve_weekday(wd, pub, mode, tense)
                    f["lo"], f["hi"] = cands[0]
                    f["alts"] = tuple(cands[1:])
                    if mode == "next":
                        f["level"] = 0
            elif kind == "mon":
                mon = _month_num(gd["mon"])
                f.update(month=mon, level=2)
                if pub:
                    y = pub.year
                    if edge in ("last",):
                        y = pub.year - (mon >= pub.month)
                    elif edge in ("next",):
                        y = pub.year + (mon <= pub.month)
                    elif tense == "future" and mon < pub.month - 1:
                        y = pub.year + 1
                    elif tense != "future" and mon > pub.month + 1:
                        y = pub.year - 1
                    f["lo"], f["hi"] = _month_bounds(y, mon)
                    f["year"] = None
            elif kind == "decade":
                d0 = int(gd["dec"])
                f.update(level=4, lo=dt.date(d0, 1, 1), hi=dt.date(d0 + 9, 12, 31))
            elif kind == "year":
                y = int(gd["y"])
                # A bare four-digit number is a year only with a preposition or "the ... season".
                if not prep and not re.match(
                    r"\s+(?:season|election|census|games|olympics|"
                    r"world\s+cup|campaign|budget)",
                    text[e : e + 20],
                    re.I,
                ):
                    if not re.search(
                        r"\b(?:in|of|since|the|from|until|by|before|after)\s+$",
                        text[max(0, s - 12) : s],
                        re.I,
                    ):
                        continue
                f.update(year=y, level=3, lo=dt.date(y, 1, 1), hi=dt.date(y, 12, 31))
            lo_: object = f.get("lo")
            hi_: object = f.get("hi")
            lo = lo_ if isinstance(lo_, dt.date) else None
            hi = hi_ if isinstance(hi_, dt.date) else None
            if isinstance(lo, dt.date) and isinstance(hi, dt.date) and lo == hi:
                f.setdefault("year", lo.year)
                f.setdefault("month", lo.month)
                f.setdefault("day", lo.day)
                if f.get("weekday") is None:
                    f["weekday"] = lo.weekday()
            elif isinstance(lo, dt.date) and isinstance(hi, dt.date):
                if lo.year == hi.year and f.get("year") is None and kind != "wd":
                    f["year"] = lo.year
                if (
                    lo.year == hi.year
                    and lo.month == hi.month
                    and f.get("month") is None
                    and kind != "wd"
                ):
                    f["month"] = lo.month
            level = f.get("level", 0)
            if isinstance(level, int) and level >= 3 and edge in ("after", "before"):
                f["role"] = "point"  # "after the 2025 season" places the event in that year
            found.append(DateFact(span=Span(s, e), text=text[s:e], **f))  # type: ignore[arg-type]
            covered.append(Span(s, e))
    for m in _SEASON_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        a, b = _SEASONS[m.group("s").lower()]
        y = int(m.group("y")) if m.group("y") else None
        f2: dict[str, object] = {"role": "point", "level": 2, "approx": True}
        if y:
            lo, _ = _month_bounds(y, a)
            _, hi = _month_bounds(y + (b < a), b)
            f2.update(lo=lo, hi=hi, year=y)
        found.append(DateFact(span=Span(m.start(), m.end()), text=m.group(), **f2))  # type: ignore[arg-type]
        covered.append(Span(m.start(), m.end()))
    # Times of day: separate facts, compared only with other times.
    for m in _TIME_RE.finditer(text):
        if not free(m.start("h") if m.group("h") else m.start(), m.end()):
            continue
        if m.group("word"):
            w = m.group("word").lower()
            t = 720 if w in ("noon", "midday") else 0
        elif m.group("h24") is not None:
            t = int(m.group("h24")) * 60 + int(m.group("mi24"))
        else:
            h = int(m.group("h")) % 12
            t = (h + (12 if m.group("ap").lower() == "p" else 0)) * 60 + int(m.group("mi") or 0)
        q = " ".join((m.group("q") or "").lower().split())
        lo_t, hi_t = t, t
        if q in ("around", "about", "approximately"):
            # "about 3 p.m." is half an hour either way; "about 3:15" a few minutes
            slack = 30 if t % 60 == 0 else 10
            lo_t, hi_t = t - slack, t + slack
        elif q in ("shortly after", "just after", "soon after"):
            lo_t, hi_t = t, t + 45
        elif q in ("shortly before", "just before"):
            lo_t, hi_t = t - 45, t
        elif q in ("before", "until", "by"):
            lo_t, hi_t = 0, t
        elif q == "after":
            lo_t, hi_t = t, 1440
        if t == 0 and hi_t < 720:
            # Midnight ends one day and starts the next.
            lo_t, hi_t = min(lo_t, 0), hi_t
        found.append(
            DateFact(
                span=Span(m.start(), m.end()),
                text=m.group(),
                role="point",
                minutes=(lo_t, hi_t),
                level=-1,
                approx=bool(q),
            )
        )
        covered.append(Span(m.start(), m.end()))
    for m in _PART_OF_DAY.finditer(text):
        if not free(m.start(), m.end()):
            # A part of day inside a weekday match ("Sunday night") still counts as a time.
            inner = m.group("part")
            if not inner:
                continue
        key = (m.group("early") or m.group("part") or "hours").lower()
        if "early hours" in m.group().lower():
            key = "hours"
        lo_t, hi_t = _PARTS[key]
        s, e = (m.start("part"), m.end("part")) if m.group("part") else (m.start(), m.end())
        if any(c.span.start <= s and e <= c.span.end and c.is_time for c in found):
            continue
        found.append(
            DateFact(
                span=Span(s, e),
                text=text[s:e],
                role="point",
                minutes=(lo_t, hi_t),
                level=-1,
                approx=True,
            )
        )
    return found, covered


class Dates(Component):
    """Dates and times, resolved against the publication date; ``covered`` masks them."""

    name = "dates"
    requires = ("text", "published", "parse")
    assigns = ("raw_dates", "covered")

    def __call__(self, state: dict[str, Any]) -> None:
        parse = state["parse"]
        dates, state["covered"] = _extract_dates(
            state["text"], state["published"], _may_months(parse)
        )
        if parse is not None and parse.parsed:
            dates = [
                replace(d, role="point") if _not_until(parse, d) or _not_governed(parse, d)
                else d
                for d in dates
            ]
        state["raw_dates"] = dates


def _may_months(p: Parse | None) -> frozenset[int]:
    """Offsets of the words "May" the parse reads as a month modifying a common noun
    ("May sales were revised", "the May figures"), not a person's name ("Theresa May",
    "May said"). Empty without a parse."""
    if p is None or not p.parsed:
        return frozenset()
    out = set()
    for t in p.tokens:
        if t.text != "May" or t.tag != "NNP" or t.i + 1 >= len(p.tokens):
            continue
        if p.tokens[t.i + 1].pos != "NOUN":
            continue  # "May said", "May and her cabinet"
        if t.i > 0 and p.tokens[t.i - 1].pos == "PROPN":
            continue  # "Theresa May government"
        out.add(t.start)
    return frozenset(out)


def _not_governed(p: Parse, d: DateFact) -> bool:
    """Has ``d`` the role of a preposition ("since", "until") that does not govern it? The
    date names the day of a noun after it ("since the September 11 attacks": the
    attacks' day), or the word opens a clause ("after December sales figures came in").
    Then the date is a point, as "the attacks of September 11" says."""
    if d.role not in ("since", "until"):
        return False
    inside = [t for t in p.tokens if d.span.start <= t.start < d.span.end]
    if len(inside) < 2 or inside[0].start != d.span.start:
        return False
    first = inside[0]
    if first.pos not in ("ADP", "SCONJ"):
        return False  # "early", "mid": no preposition to govern it
    at = {t.i for t in inside}
    k = inside[-1]
    for _ in range(len(inside)):
        if k.is_root or k.head not in at:
            return True  # the date hangs on a word after it, outside its span
        k = p.tokens[k.head]
        if k.i == first.i:
            return False
    return False


def _not_until(p: Parse, d: DateFact) -> bool:
    """Is ``d`` an "until" date of a negated verb ("the primary isn't until March 9", "did
    not leave until Friday")? That is the day it happens, as "is on March 9" says."""
    if d.role != "until" or not re.match(r"(?:until|till)\b", d.text, re.IGNORECASE):
        return False
    first = next((t for t in p.tokens if t.start >= d.span.start), None)
    if first is None or first.is_root:
        return False
    verb = p.tokens[first.head]
    return any(k.dep == "neg" for k in p.children(verb.i) + aux_dependents(p, verb.i))

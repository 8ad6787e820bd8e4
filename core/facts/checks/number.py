"""Number check: the same quantity with values that cannot both be true."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from ...model import ConflictKind
from ..checks.base import (
    _DIM_WORDS,
    _Builder,
    _ctx_sim,
    _dims_match,
    _inside,
    _overlap,
    _same_event,
)
from ..component import Component
from ..extract.quantities import _parse_number
from ..names import same_name
from ..records import DateFact, Quantity
from ..slots import MIN_LINK


def _bound_shape(q: Quantity) -> tuple[str, tuple[float, ...]]:
    if math.isinf(q.high):
        return "at least", (q.written,)
    if q.low == 0:
        return "at most", (q.written,)
    return "range", (q.low, q.high)


def _bounds_differ(x: Quantity, y: Quantity) -> bool:
    """Two bounds or ranges of one kind whose figures differ ("more than 8 percent" /
    "more than 6 percent", "between 3 and 11" / "between 3 and 15"): logically both can
    hold, but the outlets give different figures for the same slot."""
    if not (x.bound and y.bound) or x.unit != y.unit or x.pair or y.pair:
        return False
    if x.vague or y.vague:
        return False  # "dozens" is no range an outlet gives: "between 30 and 50" is in it
    (kx, vx), (ky, vy) = _bound_shape(x), _bound_shape(y)
    if kx != ky:
        return False
    if kx in ("at least", "at most") and x.step > 0 and y.step > 0 and x.written != y.written:
        return not _rounded(x, y, up=kx == "at most")
    tol = max(x.step, y.step, 1e-9) * 0.5
    return any(
        abs(p - q) > tol and abs(p - q) > 0.01 * max(abs(p), abs(q))
        for p, q in zip(vx, vy, strict=True)
    )


def _rounded(x: Quantity, y: Quantity, *, up: bool) -> bool:
    """Is one bound the other's figure rounded to a rounder number, the way outlets write
    bounds? "more than 1,000" of "more than 1,322" (down to the thousand), "fewer than 20"
    of "fewer than 17" (up to the ten); not "more than 7 percent" of "more than 10 percent"
    (7 is no rounding of anything above 10)."""
    small, large = sorted((x, y), key=lambda q: q.written)
    if up:  # "at most": the larger bound is the round one
        return math.ceil(small.written / large.step - 1e-9) * large.step == large.written
    return math.floor(large.written / small.step + 1e-9) * small.step == small.written


def _digits(q: Quantity) -> str:
    return "".join(ch for ch in q.text if ch.isdigit())


def _one_digit_apart(x: Quantity, y: Quantity) -> bool:
    """Two figures written alike to the last digit but one ("$5,587.75" / "$5,687.75",
    four or more significant digits): one figure, misreported or mistyped, not two figures
    that happen to differ. Round figures ("1,200" / "1,300") say nothing of the kind."""
    dx, dy = _digits(x), _digits(y)
    if len(dx) != len(dy) or x.unit != y.unit:
        return False
    if len(dx.rstrip("0")) < 4 and len(dy.rstrip("0")) < 4:
        return False
    return sum(a != b for a, b in zip(dx, dy, strict=True)) == 1


def _year_shaped(q: Quantity) -> bool:
    """A bare count written like a year (1900-2099, four digits, no comma): news style
    writes counts of a thousand and more with a comma ("2,020 candidates"), so this is a
    year used as a modifier ("several 2020 presidential candidates", "the 2016 race")."""
    t = q.text.strip()
    return q.dim == "count" and len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2099


def _sole_figures(bld: _Builder, x: Quantity, y: Quantity) -> bool:
    """Are ``x`` and ``y`` the only figures of their kind (dimension) in their parsed
    sentences, apart from those both write? (In two sentences that otherwise match,
    :meth:`PairView.sole_link`.) "microprocessors up 5.6 percent and DRAMs up 8.2 percent"
    / "... up 5.6 per cent and DRAMs up 16.4 per cent": the figure both give is settled,
    and the one left on each side is the other slot when some word around the two is the
    same ("DRAMs"); "$2.5 billion from counternarcotics programs and $600 million from
    the Treasury" / "$200 million from Homeland Security and another $600 million from
    the Treasury" take two sums from two places."""
    if not bld.view.parsed:
        return False
    qa, qb = bld.a.quantities, bld.b.quantities
    if [q for q in qa if _dims_match(q, x)] == [x] and [q for q in qb if _dims_match(q, y)] == [y]:
        return True
    return _left_alone(bld, x, y) and _ctx_sim(x, y) > 0


def _left_alone(bld: _Builder, x: Quantity, y: Quantity) -> bool:
    """Is each of ``x`` and ``y`` the only figure of its kind its sentence gives, apart
    from the figures both sentences write?"""
    qa, qb = bld.a.quantities, bld.b.quantities
    left_a = [q for q in qa if _dims_match(q, x) and (q is x or not _given_by_both(q, qb))]
    left_b = [q for q in qb if _dims_match(q, y) and (q is y or not _given_by_both(q, qa))]
    return left_a == [x] and left_b == [y]


#: Two sums this close (a share of the larger) are one sum told two ways when each is the
#: only sum its sentence gives: "divert $3.6 billion from military construction projects"
#: / "money from the military construction budget, to the tune of $3.5 billion". Sums of
#: two things in one story are rarely within a tenth of each other.
CLOSE_SUMS = 0.1


def _close_sole_sums(bld: _Builder, x: Quantity, y: Quantity) -> bool:
    """Are ``x`` and ``y`` sums of money within :data:`CLOSE_SUMS` of each other, and each
    the only sum of its currency its parsed sentence gives (apart from sums both write)?"""
    if not (bld.view.parsed and x.dim.startswith("money") and _dims_match(x, y)):
        return False
    if x.bound or y.bound or x.pair or y.pair:
        return False
    lo, hi = sorted((abs(x.value), abs(y.value)))
    if lo == 0 or (hi - lo) / hi > CLOSE_SUMS:
        return False
    return _left_alone(bld, x, y)


def _common_scale(q: Quantity) -> bool:
    """Money, a percentage or a bare count: kinds whose scale or unit word any two
    figures of a story share."""
    return q.dim.startswith("money") or q.dim in ("percent", "pp", "count")


def _given_by_both(x: Quantity, others: Sequence[Quantity]) -> bool:
    """Does the other sentence write ``x``'s figure too (same dimension and role)? Then
    ``x`` is that figure's counterpart, whatever the alignment paired it with."""
    return bool(x.written) and any(
        _dims_match(x, q)
        and x.role == q.role
        and (q.written, q.pair) == (x.written, x.pair)
        and not (x.bound or q.bound)  # "more than 2,000" / "more than 4,000": not one figure
        for q in others
    )


#: Words between two figures that make them parts of one sum ("$200 million from X and
#: another $600 million from Y").
_PARTS_JOIN = re.compile(r"\b(?:and|plus|another|additional)\b")


def _may_be_total(one: Quantity, parts: Sequence[Quantity], text: str, part: Quantity) -> bool:
    """Is ``one``, the only figure of its kind in its sentence, perhaps the total of the
    other sentence's parts ("plans to move $8 billion" / "move about $200 million from X
    and another $600 million from Y")? The parts are two or more figures of its kind
    joined as a list; the single figure is larger than the part it was paired with. Only
    money: sums of other kinds are rarely split so ("8 percent for one-year leases and 7
    percent for two-year renewals" are two rates)."""
    same = [q for q in parts if _dims_match(q, part) and q.role == part.role]
    if not part.dim.startswith("money") or len(same) < 2 or one.value <= part.value:
        return False
    same.sort(key=lambda q: q.span.start)
    return all(
        _PARTS_JOIN.search(text, p.span.end, q.span.start) is not None
        for p, q in zip(same, same[1:], strict=False)
    )


#: Two figures of one kind more than this many times apart are two quantities, not one
#: misreported: outlets that disagree on a figure differ by a little ("48-page" /
#: "47-page", "$5,587.75" / "$5,687.75"), not by an order of magnitude ("$5.4 million"
#: raised by one candidate / "just over $200,000" by the other, "22 days" since the last
#: meeting / "after 90 minutes"). The same digits at another scale ("$3.6 million" /
#: "$3.6 billion") stay one figure.
FAR_APART = 10.0


def _far_apart(x: Quantity, y: Quantity) -> bool:
    lo, hi = sorted((abs(x.value), abs(y.value)))
    if lo == 0 or x.pair or y.pair:
        return False
    return hi / lo > FAR_APART and _digits(x) != _digits(y)


#: The named source or recipient right after a figure: "$600 million from a Treasury
#: Department asset forfeiture fund", "$2 million for the Smith Foundation".
_SOURCE = re.compile(
    r"\s+(?P<prep>from|for)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'.-]*)*)"
)


def _sources_apart(bld: _Builder, x: Quantity, y: Quantity) -> bool:
    """Are the two figures drawn from (or given to) two bodies the sentences name ("$600
    million from a Treasury Department fund" / "$3.6 billion from Defense Department
    projects")? Then they are two sums, whatever else the sentences share."""
    ma = _SOURCE.match(bld.a.text, x.span.end)
    mb = _SOURCE.match(bld.b.text, y.span.end)
    if ma is None or mb is None or ma["prep"] != mb["prep"]:
        return False
    return not same_name(ma["name"], mb["name"])


_ODDS = re.compile(r"""\s*["“]?\s*-?\s*in\s*-?\s*(\w+)""", re.IGNORECASE)


def _odds_of(text: str, q: Quantity) -> float | None:
    """The whole of odds told "X in Y" ("a one-in-three chance", "a "1 in 3" chance"):
    Y, or None when the figure is no such numerator."""
    m = _ODDS.match(text, q.span.end)
    if m is None:
        return None
    got = _parse_number(m.group(1))
    return got[0] if got is not None else None


def _complementary_odds(bld: _Builder, x: Quantity, y: Quantity) -> bool:
    """Two odds of one whole that add up to it ("a one-in-three chance of losing" / "a
    two-in-three chance of holding on"): the same chances seen from the two outcomes."""
    wa, wb = _odds_of(bld.a.text, x), _odds_of(bld.b.text, y)
    return wa is not None and wa == wb and abs(x.value + y.value - wa) < 1e-9


def _part_on_one_verb(bld: _Builder, x: Quantity, y: Quantity) -> bool:
    """A share of a sum the sentence names before ("Of that, $3 billion could be
    diverted") against a plain figure on the same verb, firmly aligned ("enables the
    president to divert $3.6 billion"): what the verb moves, told two ways."""
    return (
        {x.role, y.role} == {"part", ""}
        and bld.view.parsed
        and bld.view.heads_link(x.span, y.span, reach=False) >= 0.9
    )


def _date_of(q: Quantity, qs: Sequence[Quantity], dates: Sequence[DateFact]) -> DateFact | None:
    """The date that dates figure ``q``: of the sentence's dates (not the day something
    was said), the one nearest to it with no other figure of its kind between them
    ("fallen to 400,000 in the last fiscal year from a peak of 1.6 million in the 2000
    fiscal year": "400,000" in the last fiscal year, "1.6 million" in 2000; the parse hangs
    all four from "fallen", so it cannot tell them apart)."""
    best: tuple[int, int, DateFact] | None = None
    for d in dates:
        if d.role == "report" or d.is_time:
            continue
        lo, hi = sorted((q.span.start, d.span.start))
        if any(o is not q and _dims_match(o, q) and lo < o.span.start < hi for o in qs):
            continue
        after = d.span.start >= q.span.end
        gap = d.span.start - q.span.end if after else q.span.start - d.span.end
        key = (max(gap, 0), 0 if after else 1)
        if best is None or key < best[:2]:
            best = (key[0], key[1], d)
    return None if best is None else best[2]


def _same_time(d: DateFact, e: DateFact) -> bool:
    """Do two dates name one period (the same interval, or one year told alike)?"""
    if d.lo is not None and e.lo is not None:
        return (d.lo, d.hi) == (e.lo, e.hi)
    if d.year is not None and e.year is not None:
        return (d.year, d.month, d.day) == (e.year, e.month, e.day)
    if d.lo is None and e.lo is None and d.year is None and e.year is None:
        return _time_words(d.text) == _time_words(e.text)  # "last year" / "last fiscal year"
    return False


def _time_words(text: str) -> list[str]:
    return [w for w in text.lower().split() if w not in ("the", "in", "during", "fiscal")]


def _one_series(bld: _Builder, x: Quantity, y: Quantity) -> str:
    """Are ``x`` and ``y`` two sentences' values of one series at one time: each the only
    figure of its kind its sentence gives but for one both give, that one dated alike on
    both sides and ``x`` and ``y`` dated alike at another time ("fallen to 400,000 in the
    last fiscal year from a peak of 1.6 million in the 2000 fiscal year" / "roughly
    520,000 arrests last year, about one-third of the 1.6 million arrests in 2000")? The
    reason to tell the reviewer, or "" when they are not."""
    view = bld.view
    if not view.parsed or not _left_alone(bld, x, y):
        return ""
    qa, qb = bld.a.quantities, bld.b.quantities
    dx = _date_of(x, qa, bld.a.dates)
    dy = _date_of(y, qb, bld.b.dates)
    if dx is None or dy is None or not _same_time(dx, dy):
        return ""
    for x2 in qa:
        if x2 is x or not _dims_match(x2, x) or not _given_by_both(x2, qb):
            continue
        d2x = _date_of(x2, qa, bld.a.dates)
        if d2x is None or _same_time(d2x, dx):
            continue
        for y2 in qb:
            if y2 is y or not _dims_match(y2, x2) or not _overlap(x2, y2):
                continue
            d2y = _date_of(y2, qb, bld.b.dates)
            if d2y is not None and _same_time(d2x, d2y):
                when = dx.text if dx.text.lower() == dy.text.lower() else (
                    f"{dx.text} / {dy.text}"
                )
                then = f"in {d2x.year}" if d2x.year is not None else d2x.text
                return f"{when}, where both give {x2.text} {then}"
    return ""


def _compare_numbers(bld: _Builder) -> tuple[set[int], set[int]]:
    """Pair quantities by unit and context; report pairs whose values cannot both hold."""
    qa, qb = bld.a.quantities, bld.b.quantities
    fa, fb = bld.a.frames, bld.b.frames
    cands: list[tuple[float, int, int, bool, float, float]] = []
    series: dict[tuple[int, int], str] = {}  #: pairs told apart as one series' values
    for i, x in enumerate(qa):
        if _inside(x.span, fa):
            continue
        for j, y in enumerate(qb):
            if not _dims_match(x, y) or _inside(y.span, fb):
                continue
            if x.role != y.role and not _part_on_one_verb(bld, x, y):
                continue
            # "ten-man Port Marlow" counts players, not the "six matches" of another clause.
            if x.compound and x.compound not in y.context | {y.compound}:
                continue
            if y.compound and y.compound not in x.context | {x.compound}:
                continue
            if _year_shaped(x) != _year_shaped(y):
                continue  # "2020 presidential candidates": a year, not a count of them
            # A money or percentage figure shares its scale word with every other one of
            # the story ("$1.3 billion" / "$5 billion"); a measure's unit says more
            # ("five hours" / "nearly six hours": how long the one meeting lasted).
            link = bld.link(x.span, y.span, context=True, direct=not _common_scale(x))
            if link < 0.9 and _one_digit_apart(x, y):
                link = 0.9  # the same figure, one digit changed: the same slot
            if link < MIN_LINK and _sole_figures(bld, x, y):
                link = max(link, bld.view.sole_link(x.span, y.span))
            if link < MIN_LINK and bld.view.same_relation(x.span, y.span):
                # the one figure of its kind in a gap of the alignment on each side:
                # "bringing the total number of cases to 418" / "taking its total to 288"
                others_a = [q.span for q in qa if q is not x and _dims_match(q, x)]
                others_b = [q.span for q in qb if q is not y and _dims_match(q, y)]
                gap = bld.view.gap_link(x.span, y.span, others_a=others_a, others_b=others_b)
                link = max(link, gap)
            if link < MIN_LINK and _close_sole_sums(bld, x, y):
                link = MIN_LINK
            if link < MIN_LINK and not _overlap(x, y):
                note = _one_series(bld, x, y)
                if note:
                    link = MIN_LINK
                    series[i, j] = note
            if not (bld.view.parsed and link >= 0.9) and not _same_event(bld, x.span, y.span):
                continue
            ok = _overlap(x, y)
            if ok and bld.view.parsed and _bounds_differ(x, y):
                ok = False
            if x.vague and y.vague:
                ok = True  # "thousands of dollars" is true of "tens of thousands"
            if not ok and (_far_apart(x, y) or _sources_apart(bld, x, y)):
                continue  # two quantities: each may still meet its own counterpart
            if not ok and _complementary_odds(bld, x, y):
                continue
            sim = _ctx_sim(x, y)
            # a figure inside the other's range or bound agrees more loosely than two
            # figures that match: "13 symptoms" / "between three and 15 times"
            bonus = 0.0 if not ok else 0.2 if x.bound != y.bound else 0.6
            cands.append((link + 0.2 * sim + bonus, i, j, ok, sim, link))
    cands.sort(key=lambda c: -c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: list[tuple[int, int, bool, float, float]] = []
    for _, i, j, ok, sim, link in cands:
        if i in used_a or j in used_b:
            continue
        # Agreeing figures pair up on weaker evidence than disagreeing ones: a figure
        # that agrees with its counterpart settles it; two figures that differ are only
        # compared when they fill the same role (the same counted noun, the same verb).
        if ok and (link >= 0.3 or sim >= 0.34) or not ok and link >= MIN_LINK:
            used_a.add(i)
            used_b.add(j)
            matched.append((i, j, ok, sim, link))
    for i, j, ok, sim, link in matched:
        if ok:
            continue
        x, y = qa[i], qb[j]
        if _given_by_both(x, qb) or _given_by_both(y, qa):
            continue  # "$3.6 billion" / "about $3.6 billion ..., along with $2.5 billion"
        sole_a = [q for q in qa if _dims_match(q, x) and q.role == x.role] == [x]
        sole_b = [q for q in qb if _dims_match(q, y) and q.role == y.role] == [y]
        if sole_a and _may_be_total(x, qb, bld.b.text, y) or sole_b and (
            _may_be_total(y, qa, bld.a.text, x)
        ):
            continue  # a total against one of the parts the other sentence lists
        conf = 0.9 if sim >= 0.34 or link >= 0.9 else 0.8
        what = _DIM_WORDS.get(x.dim.split(":")[0], "amount")
        if x.dim.startswith("money"):
            what = "amount"
        sa = x.detail if x.dim == "count" and x.detail else x.span
        sb = y.detail if y.dim == "count" and y.detail else y.span
        why = f"different {what}"
        if (i, j) in series:
            why += f" at one time ({series[i, j]})"
        bld.add(
            ConflictKind.NUMBER,
            sa,
            sb,
            why,
            conf,
            link=link,
        )
    return used_a, used_b


class NumberCheck(Component):
    """Figures of the same quantity that cannot both be true."""

    name = "number"
    requires = ("builder",)
    assigns = ("used_quantities",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["used_quantities"] = _compare_numbers(state["builder"])

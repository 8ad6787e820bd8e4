"""The facts pipeline: the ordered registries of extractors and checks, and the two entry
points that run them (:func:`extract_facts`, :func:`compare_facts`).

A new extractor or conflict kind is one file with one :class:`Component` subclass, listed
here; :func:`~.component.check_order` runs on import, so a component placed before what
it needs fails at once, not on some later sentence.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from ..model import Span
from ..nlp import Parse
from ..segment import DATELINE
from ..tokens import word_stems
from .checks.attribution import AttributionCheck
from .checks.base import _Builder
from .checks.certainty import CertaintyCheck
from .checks.date import DateCheck
from .checks.entity import EntityCheck
from .checks.number import NumberCheck
from .checks.polarity import PolarityCheck
from .checks.quote import QuoteCheck
from .checks.quoted_denial import QuotedDenialCheck
from .component import Component, check_order
from .extract.clauses import Asides, Frames, MainClause, Marks
from .extract.dates import Dates
from .extract.entities import Entities, _same_key
from .extract.quantities import Quantities
from .extract.sentence import Content, Tokens
from .extract.speakers import Speakers
from .records import FactResult, Facts
from .slots import PairView
from .text import _STANCE_S, _merge_spans

__all__ = ["CHECKS", "EXTRACTORS", "compare_facts", "compare_sentences", "extract_facts"]

log = logging.getLogger(__name__)

#: What ``extract_facts`` runs, in order; each reads what earlier ones wrote.
EXTRACTORS: tuple[Component, ...] = (
    Tokens(),
    Dates(),
    Quantities(),
    Entities(),
    Speakers(),
    MainClause(),
    Marks(),
    Frames(),
    Content(),
    Asides(),
)
#: The fields ``extract_facts`` starts from.
EXTRACT_INPUTS = ("text", "published", "parse")

#: What ``compare_facts`` runs, in order (one per conflict kind).
CHECKS: tuple[Component, ...] = (
    NumberCheck(),
    DateCheck(),
    AttributionCheck(),
    EntityCheck(),
    QuoteCheck(),
    PolarityCheck(),
    QuotedDenialCheck(),
    CertaintyCheck(),
)
CHECK_INPUTS = ("builder",)

check_order(EXTRACTORS, provided=EXTRACT_INPUTS)
check_order(CHECKS, provided=CHECK_INPUTS)


def extract_facts(
    text: str, *, published: dt.date | None = None, parse: Parse | None = None
) -> Facts:
    """Read one sentence into a :class:`Facts` record (cheap: regexes and word lists).

    ``published`` anchors relative dates: in a piece dated Wednesday 15 February 2023,
    "this Friday" is 17 February. ``parse`` is the sentence's parse from
    :func:`factdiff.core.nlp.parse` (the pipeline passes it; spaCy is never loaded here):
    with it, the checks find each slot's role (its head in the parse) and negation in scope;
    without it (None, or an unparsed fallback) they compare as before and
    ``Facts.parse`` says so.

    >>> f = extract_facts("They meet this Friday.", published=dt.date(2023, 2, 15))
    >>> f.dates[0].lo
    datetime.date(2023, 2, 17)
    """
    state: dict[str, Any] = {"text": text, "published": published, "parse": parse}
    for step in EXTRACTORS:
        step(state)
    return Facts(
        text=text,
        published=published,
        quantities=tuple(state["quantities"]),
        dates=tuple(state["dates"]),
        entities=tuple(state["entities"]),
        speakers=tuple(state["speakers"]),
        negated=tuple(state["negated"]),
        planned=tuple(state["planned"]),
        done=tuple(state["done"]),
        plain=tuple(state["plain"]),
        subject=state["subject"],
        subject_span=state["subject_span"],
        predicate=state["predicate"],
        content=state["content"],
        lowered=state["lowered"],
        frames=_merge_spans(state["frames"]),
        asides=tuple(state["asides"]),
        parse=parse,
    )


def _compatible(a: Facts, b: Facts) -> bool:
    """False when both main clauses take a stance (deny, reject, condemn, ...) with different
    subjects: two actors reacting alike are two facts, not one fact in dispute."""
    if not a.subject or not b.subject or a.subject_span is None or b.subject_span is None:
        return True
    if a.predicate not in _STANCE_S or b.predicate not in _STANCE_S:
        return True
    if _same_key(a.subject, b.subject):
        return True
    return False


def _told_in(detail: str, other: frozenset[str]) -> bool:
    """Does the other sentence (its :func:`word_stems`) say the detail's words too
    ("agreed on Friday" / "said Friday": a day both give, in two roles; "billions" / "a
    billion"), so that it is no detail one side adds?"""
    words = word_stems(detail)
    return bool(words) and words <= other


def compare_facts(
    a: Facts,
    b: Facts,
    *,
    a_label: str = "A",
    b_label: str = "B",
    a_vectors: Any = None,
    b_vectors: Any = None,
) -> FactResult:
    """Compare two sentences' facts: conflicts, one-sided details, and compatibility.

    Values are compared only between slots that fill the same role (:mod:`.slots`: aligned
    words, aligned heads in the parse); ``a_vectors``/``b_vectors`` are the sentences'
    contextual token vectors as ``(spans, array)`` (word-piece character spans into the
    sentence, an ``(n, d)`` L2-normalised array), which help align reworded slots.

    >>> a = extract_facts("The meeting will take place this Friday.",
    ...                   published=dt.date(2023, 2, 15))
    >>> b = extract_facts("They met on Saturday.", published=dt.date(2023, 2, 18))
    >>> [c.kind.value for c in compare_facts(a, b).conflicts]
    ['date']
    """
    view = PairView(a, b, a_vectors=a_vectors, b_vectors=b_vectors)
    bld = _Builder(a, b, a_label, b_label, view)
    compatible = _compatible(a, b)
    state: dict[str, Any] = {"builder": bld}
    for check in CHECKS:
        check(state)
    qa_used, qb_used = state["used_quantities"]
    da_used, db_used = state["used_dates"]
    missing_a, missing_b = state["missing_entities"]
    if not compatible:
        log.debug("incompatible pair: %r / %r", a.subject, b.subject)
    conflict_a = [c.a_span for c in bld.conflicts]
    conflict_b = [c.b_span for c in bld.conflicts]

    def free(s: Span, taken: list[Span]) -> bool:
        return all(s.end <= t.start or s.start >= t.end for t in taken)

    # neither a conflict's words nor a dateline ("WASHINGTON —": where the story was
    # filed) are a detail one side adds
    lead_a, lead_b = DATELINE.match(a.text), DATELINE.match(b.text)
    taken_a = conflict_a + ([Span(0, lead_a.end())] if lead_a else [])
    taken_b = conflict_b + ([Span(0, lead_b.end())] if lead_b else [])
    stems_a, stems_b = word_stems(a.text), word_stems(b.text)

    a_det = [q.detail or q.span for i, q in enumerate(a.quantities) if i not in qa_used]
    a_det += [d.span for i, d in enumerate(a.dates) if i not in da_used and d.role != "report"]
    a_det += [a.entities[i].span for i in missing_a]
    b_det = [q.detail or q.span for j, q in enumerate(b.quantities) if j not in qb_used]
    b_det += [d.span for j, d in enumerate(b.dates) if j not in db_used and d.role != "report"]
    b_det += [b.entities[j].span for j in missing_b]
    return FactResult(
        conflicts=tuple(bld.conflicts),
        a_details=_merge_spans(
            s for s in a_det if free(s, taken_a) and not _told_in(a.text[s.start : s.end], stems_b)
        ),
        b_details=_merge_spans(
            s for s in b_det if free(s, taken_b) and not _told_in(b.text[s.start : s.end], stems_a)
        ),
        compatible=compatible,
        parsed=view.parsed,
    )


def compare_sentences(
    a: str,
    b: str,
    *,
    a_date: dt.date | None = None,
    b_date: dt.date | None = None,
    a_label: str = "A",
    b_label: str = "B",
) -> FactResult:
    """Extract and compare in one call (convenience for tests and one-off checks)."""
    return compare_facts(
        extract_facts(a, published=a_date),
        extract_facts(b, published=b_date),
        a_label=a_label,
        b_label=b_label,
    )

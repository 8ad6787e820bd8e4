"""Compare two sentences' facts: the checks in order, details and compatibility."""

from __future__ import annotations

import datetime as dt
import logging

from ..model import Span
from .checks.attribution import _compare_attribution
from .checks.base import _Builder
from .checks.certainty import _compare_certainty
from .checks.date import _compare_dates
from .checks.entity import _compare_entities
from .checks.number import _compare_numbers
from .checks.polarity import _compare_polarity
from .extract.entities import _same_key
from .extract.sentence import extract_facts
from .records import FactResult, Facts
from .text import _STANCE_S, _merge_spans

log = logging.getLogger(__name__)


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


def compare_facts(a: Facts, b: Facts, *, a_label: str = "A", b_label: str = "B") -> FactResult:
    """Compare two sentences' facts: conflicts, one-sided details, and compatibility.

    >>> a = extract_facts("The meeting will take place this Friday.",
    ...                   published=dt.date(2023, 2, 15))
    >>> b = extract_facts("They met on Saturday.", published=dt.date(2023, 2, 18))
    >>> [c.kind.value for c in compare_facts(a, b).conflicts]
    ['date']
    """
    bld = _Builder(a, b, a_label, b_label)
    compatible = _compatible(a, b)
    qa_used, qb_used = _compare_numbers(bld)
    da_used, db_used = _compare_dates(bld)
    _compare_attribution(bld)
    # Who said it is attribution's business, not a name clash.
    skip_a = {sp.span for sp in a.speakers}
    skip_b = {sp.span for sp in b.speakers}
    missing_a, missing_b = _compare_entities(bld, skip_a, skip_b)
    _compare_polarity(bld)
    _compare_certainty(bld)
    if not compatible:
        log.debug("incompatible pair: %r / %r", a.subject, b.subject)
    conflict_a = [c.a_span for c in bld.conflicts]
    conflict_b = [c.b_span for c in bld.conflicts]

    def free(s: Span, taken: list[Span]) -> bool:
        return all(s.end <= t.start or s.start >= t.end for t in taken)

    a_det = [q.detail or q.span for i, q in enumerate(a.quantities) if i not in qa_used]
    a_det += [d.span for i, d in enumerate(a.dates) if i not in da_used and d.role != "report"]
    a_det += [a.entities[i].span for i in missing_a]
    b_det = [q.detail or q.span for j, q in enumerate(b.quantities) if j not in qb_used]
    b_det += [d.span for j, d in enumerate(b.dates) if j not in db_used and d.role != "report"]
    b_det += [b.entities[j].span for j in missing_b]
    return FactResult(
        conflicts=tuple(bld.conflicts),
        a_details=_merge_spans(s for s in a_det if free(s, conflict_a)),
        b_details=_merge_spans(s for s in b_det if free(s, conflict_b)),
        compatible=compatible,
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

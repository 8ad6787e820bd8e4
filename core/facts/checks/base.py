"""What every check shares: the conflict builder and span helpers."""

from __future__ import annotations

import math
from collections.abc import Iterable

from ...model import Conflict, ConflictKind, Span
from ..extract.entities import _same_key
from ..records import Facts, Quantity
from ..slots import PairView


def slot_confidence(kind_conf: float, link: float) -> float:
    """A conflict's confidence from our side: the check's own confidence for the kind and
    case (``kind_conf``: how sure the values disagree, e.g. 0.9 for two resolved days,
    0.7 for the softer certainty kind) times how surely the two slots fill the same role
    (``link`` in [0, 1] from :meth:`PairView.link`, counted from 0.55 up).

    >>> slot_confidence(0.9, 1.0), slot_confidence(0.9, 0.6)
    (0.9, 0.74)
    """
    return round(kind_conf * (0.55 + 0.45 * max(0.0, min(1.0, link))), 2)


class _Builder:
    """Collects conflicts for one pair, keeping spans exact and labels consistent."""

    def __init__(
        self, a: Facts, b: Facts, a_label: str, b_label: str, view: PairView | None = None
    ) -> None:
        self.a, self.b = a, b
        self.view = view if view is not None else PairView(a, b)
        self.al, self.bl = a_label, b_label
        self.conflicts: list[Conflict] = []

    def add(
        self,
        kind: ConflictKind,
        sa: Span,
        sb: Span,
        why: str,
        conf: float,
        a_note: str = "",
        b_note: str = "",
        *,
        link: float | None = None,
    ) -> None:
        if link is not None:
            conf = slot_confidence(conf, link)
        ta, tb = self.a.text[sa.start : sa.end], self.b.text[sb.start : sb.end]
        a_show = f"{ta} ({a_note})" if a_note else ta
        b_show = f"{tb} ({b_note})" if b_note else tb
        self.conflicts.append(
            Conflict(
                kind=kind,
                a_span=sa,
                b_span=sb,
                a_text=ta,
                b_text=tb,
                explanation=f"{self.al}: {a_show} / {self.bl}: {b_show}: {why}",
                confidence=round(max(0.0, min(1.0, conf)), 2),
            )
        )

    def link(self, sa: Span, sb: Span, *, context: bool = False, direct: bool = True) -> float:
        """How surely the slots at these spans fill the same role (see :mod:`..slots`)."""
        return self.view.link(sa, sb, context=context, direct=direct)

    def has(self, kind: ConflictKind) -> bool:
        return any(c.kind is kind for c in self.conflicts)


def _dims_match(a: Quantity, b: Quantity) -> bool:
    if a.dim == b.dim:
        return True
    return False


def _overlap(a: Quantity, b: Quantity) -> bool:
    """Do the two quantities' value bounds meet (allowing for unit conversion and rounding)?"""
    if a.pair is not None and b.pair is not None:
        return a.pair == b.pair
    if a.pair is not None or b.pair is not None:
        pa = a.pair or (a.low, a.high)
        pb = b.pair or (b.low, b.high)
        return max(pa) == max(pb) and min(pa) == min(pb)
    if (
        not a.bound
        and not b.bound
        and a.unit == b.unit
        and a.step > 0
        and math.isclose(a.step, b.step, rel_tol=1e-6)
    ):
        # Two point figures written to the same precision ("about 12,000" / "some 14,000",
        # "1.2 million" / "1.1 million"): a reader compares the figures, not the rounding.
        return math.isclose(a.written, b.written, rel_tol=1e-9, abs_tol=a.step * 1e-3)
    tol = 0.005 + (0.03 if a.unit != b.unit else 0.0)
    lo_a, hi_a = a.low * (1 - tol), a.high * (1 + tol)
    return lo_a <= b.high * (1 + tol) and b.low * (1 - tol) <= hi_a


def _ctx_sim(a: Quantity, b: Quantity) -> float:
    if not a.context or not b.context:
        return 0.0
    return len(a.context & b.context) / min(len(a.context), len(b.context))


_DIM_WORDS = {
    "count": "number",
    "percent": "percentage",
    "pp": "change in percentage points",
    "age": "age",
    "length": "distance",
    "mass": "weight",
    "speed": "speed",
    "area": "area",
    "duration": "duration",
    "magnitude": "magnitude",
    "score": "score",
    "temp_c": "temperature",
    "temp_f": "temperature",
}


def _inside(s: Span, spans: Iterable[Span]) -> bool:
    return any(f.start <= s.start and s.end <= f.end for f in spans)


def _aside_of(f: Facts, s: Span) -> str | None:
    return next((key for sp, key in f.asides if sp.start <= s.start and s.end <= sp.end), None)


def _same_event(bld: _Builder, sa: Span, sb: Span) -> bool:
    """Can the values at these spans describe one event? Not when one sits in a side
    clause about an actor the other sentence is not about ("Eastfield, who beat Holloway
    2-0 on Friday," against "Riverside beat Port Marlow 3-1 on Saturday")."""
    ka, kb = _aside_of(bld.a, sa), _aside_of(bld.b, sb)
    if ka is None and kb is None:
        return True
    if ka is not None and kb is not None:
        return _same_key(ka, kb)
    key, other = (ka, bld.b) if ka is not None else (kb, bld.a)
    assert key is not None
    return bool(other.subject) and _same_key(key, other.subject)

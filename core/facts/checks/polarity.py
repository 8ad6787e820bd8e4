"""Polarity check: one side says it happened, the other that it did not."""

from __future__ import annotations

import re
from typing import Any

from ...model import ConflictKind, Span
from ..checks.base import _Builder
from ..component import Component
from ..records import Facts
from ..text import _ANTONYM_S, _GENERIC_EVENTS_S, _SPEECH_NEG_EXEMPT_S


def _compare_polarity(bld: _Builder) -> None:
    """One side says it happened (or will), the other that it did not."""
    a, b = bld.a, bld.b

    def run(x: Facts, y: Facts, flip: bool) -> bool:
        # Two negative sentences phrased differently ("No decision has been made" /
        # "A decision has not yet been taken") are not a clash of polarity.
        if y.negated:
            return False
        y_neg = {m.stem for m in y.negated}
        x_plain = {m.stem for m in x.plain}
        for m in x.negated:
            if m.stem in _SPEECH_NEG_EXEMPT_S or m.stem in _GENERIC_EVENTS_S:
                continue
            if m.stem in y_neg or m.stem in x_plain:
                continue
            hit = next((p for p in y.plain if p.stem == m.stem), None)
            if hit is None:
                continue
            sa, sb = (hit.span, m.span) if flip else (m.span, hit.span)
            bld.add(
                ConflictKind.POLARITY,
                sa,
                sb,
                "one says it happened, the other that it did not",
                0.85,
            )
            return True
        return False

    if run(a, b, False) or run(b, a, True):
        return
    a_plain = {m.stem: m for m in a.plain}
    b_plain = {m.stem: m for m in b.plain}
    a_neg = {m.stem for m in a.negated}
    b_neg = {m.stem for m in b.negated}
    for s, ma in a_plain.items():
        for opp in _ANTONYM_S.get(s, ()):
            mb = b_plain.get(opp)
            if mb is None or opp in a_plain or s in b_plain:
                continue
            if s in a_neg or opp in b_neg:
                continue
            bld.add(ConflictKind.POLARITY, ma.span, mb.span, "opposite outcomes", 0.75)
            return
    # "voted for" / "voted against"
    va = re.search(r"\bvot(?:ed|es|ing|e)\s+(for|against|in\s+favou?r\s+of)\b", a.text, re.I)
    vb = re.search(r"\bvot(?:ed|es|ing|e)\s+(for|against|in\s+favou?r\s+of)\b", b.text, re.I)
    if va and vb and (va.group(1).lower() == "against") != (vb.group(1).lower() == "against"):
        bld.add(
            ConflictKind.POLARITY,
            Span(*va.span()),
            Span(*vb.span()),
            "voted for in one, against in the other",
            0.85,
        )


class PolarityCheck(Component):
    """One side says it happened, the other that it did not (or the opposite outcome)."""

    name = "polarity"
    requires = ("builder",)
    assigns = ("polarity_done",)

    def __call__(self, state: dict[str, Any]) -> None:
        _compare_polarity(state["builder"])
        state["polarity_done"] = True

"""Quoted denial check: one quotation of a remark denied in the other sentence.

Two outlets quoting one remark verbatim should agree word for word (the quote check). When
the two quotations are one but for a difference of a few words that denies on one side
only ("Kahuku Ranch has world-class qualities" / "Kahuku Ranch does not have world-class
qualities"), one of them reverses the remark. The polarity check leaves quoted words alone
(a "not" inside a remark is no sentence's own negation), so this runs after it and adds
the opposite only where it found none.
"""

from __future__ import annotations

from typing import Any

from ...model import ConflictKind
from ..checks.base import _Builder
from ..component import Component
from ..lexicon import cues
from .quote import _CONF, MAX_CHANGED, _differences, _span_of, _taken, _Words


def _denied(words: _Words) -> bool:
    """Do the words deny (an odd number of the cue file's negators, "-n't", "cannot")?"""
    negators = cues()["negators"]
    return sum(
        w in negators or w.endswith("n't") or w == "cannot" for w, _ in words
    ) % 2 == 1


def _compare_quoted_denials(bld: _Builder) -> None:
    """One quotation denied in one sentence: one quotation but for a difference of up
    to three words that denies on one side only."""
    if any(c.kind is ConflictKind.POLARITY for c in bld.conflicts):
        return  # the polarity check found the opposite already
    for wa, wb, (_, i1, i2, j1, j2) in _differences(bld, MAX_CHANGED + 1):
        if _denied(wa[i1:i2]) == _denied(wb[j1:j2]):
            continue
        sa, sb = _span_of(wa, i1, i2), _span_of(wb, j1, j2)
        if not _taken(bld, sa, sb):
            bld.add(ConflictKind.POLARITY, sa, sb, "the same quotation, denied in one", _CONF)


class QuotedDenialCheck(Component):
    """Two verbatim quotations of one remark, one of them denied."""

    name = "quoted_denial"
    requires = ("builder", "polarity_done")
    assigns = ("quoted_denial_done",)

    def __call__(self, state: dict[str, Any]) -> None:
        _compare_quoted_denials(state["builder"])
        state["quoted_denial_done"] = True

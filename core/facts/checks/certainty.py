"""Certainty check: possible or planned on one side, done on the other."""

from __future__ import annotations

from typing import Any

from ...model import ConflictKind
from ..checks.base import _Builder
from ..component import Component
from ..records import Facts
from ..text import _GENERIC_EVENTS_S


def _compare_certainty(bld: _Builder) -> None:
    """Possible or planned on one side, reported as done on the other (a soft conflict)."""
    a, b = bld.a, bld.b

    def run(x: Facts, y: Facts, flip: bool) -> bool:
        x_done = {m.stem for m in x.done}
        y_plan = {m.stem for m in y.planned}
        y_neg = {m.stem for m in y.negated}
        for m in x.planned:
            s = m.stem
            if s in _GENERIC_EVENTS_S or s in x_done or s in y_plan or s in y_neg:
                continue
            hit = next((d for d in y.done if d.stem == s), None)
            if hit is None:
                continue
            who_x = bld.bl if flip else bld.al
            who_y = bld.al if flip else bld.bl
            sa, sb = (hit.span, m.span) if flip else (m.span, hit.span)
            bld.add(
                ConflictKind.CERTAINTY,
                sa,
                sb,
                f"possible or planned in {who_x}, reported as done in {who_y}",
                0.7,
            )
            return True
        return False

    run(a, b, False) or run(b, a, True)


class CertaintyCheck(Component):
    """Possible or planned on one side, reported as done on the other (the softer kind)."""

    name = "certainty"
    requires = ("builder",)
    assigns = ("certainty_done",)

    def __call__(self, state: dict[str, Any]) -> None:
        _compare_certainty(state["builder"])
        state["certainty_done"] = True

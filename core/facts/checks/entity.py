"""Entity check: different names in the same role."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import ConflictKind, Span
from ..checks.base import _Builder, _inside, _same_event
from ..component import Component
from ..extract.entities import _present_in
from ..records import Entity


def _compare_entities(
    bld: _Builder, skip_a: set[Span], skip_b: set[Span]
) -> tuple[set[int], set[int]]:
    """Names in the same role (who, where) that differ between the two sentences."""
    a, b = bld.a, bld.b

    def inside(e: Entity, spans: Iterable[Span]) -> bool:
        return _inside(e.span, spans)

    # Whom something was told, or where it was posted, is not a fact about the event.
    ua = [i for i, e in enumerate(a.entities) if not _present_in(e, b) and not inside(e, a.frames)]
    ub = [j for j, e in enumerate(b.entities) if not _present_in(e, a) and not inside(e, b.frames)]
    missing_a, missing_b = set(ua), set(ub)
    group = {"subj": "agent", "by": "agent"}
    used_b: set[int] = set()
    for i in ua:
        x = a.entities[i]
        # Modifiers ("US forces") and possessors ("Kenya's Kipchoge") qualify another
        # name; comparing them adds noise, not facts.
        if inside(x, skip_a) or x.role in ("other", "mod", "poss"):
            continue
        for j in ub:
            if j in used_b:
                continue
            y = b.entities[j]
            if inside(y, skip_b):
                continue
            if group.get(x.role, x.role) != group.get(y.role, y.role):
                continue
            if not _same_event(bld, x.span, y.span):
                continue
            conf = 0.75
            used_b.add(j)
            what = {
                "in": "place",
                "agent": "actor",
                "subj": "actor",
                "by": "actor",
                "from": "origin",
                "to": "destination",
                "poss": "affiliation",
                "appos": "person",
                "obj": "object",
            }.get(group.get(x.role, x.role), "name")
            bld.add(ConflictKind.ENTITY, x.span, y.span, f"different {what}", conf)
            break
    return missing_a, missing_b


class EntityCheck(Component):
    """Different names in the same role (speakers are left to attribution)."""

    name = "entity"
    requires = ("builder", "speaker_spans")
    assigns = ("missing_entities",)

    def __call__(self, state: dict[str, Any]) -> None:
        skip_a, skip_b = state["speaker_spans"]
        state["missing_entities"] = _compare_entities(state["builder"], skip_a, skip_b)

"""Number check: the same quantity with values that cannot both be true."""

from __future__ import annotations

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


def _compare_numbers(bld: _Builder) -> tuple[set[int], set[int]]:
    """Pair quantities by unit and context; report pairs whose values cannot both hold."""
    qa, qb = bld.a.quantities, bld.b.quantities
    fa, fb = bld.a.frames, bld.b.frames
    cands: list[tuple[float, int, int, bool, float]] = []
    for i, x in enumerate(qa):
        if _inside(x.span, fa):
            continue
        for j, y in enumerate(qb):
            if not _dims_match(x, y) or x.role != y.role or _inside(y.span, fb):
                continue
            # "ten-man Port Marlow" counts players, not the "six matches" of another clause.
            if x.compound and x.compound not in y.context | {y.compound}:
                continue
            if y.compound and y.compound not in x.context | {x.compound}:
                continue
            if not _same_event(bld, x.span, y.span):
                continue
            ok = _overlap(x, y)
            sim = _ctx_sim(x, y)
            cands.append((sim + (0.6 if ok else 0.0), i, j, ok, sim))
    cands.sort(key=lambda c: -c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: list[tuple[int, int, bool, float]] = []
    for _, i, j, ok, sim in cands:
        if i in used_a or j in used_b:
            continue
        x, y = qa[i], qb[j]
        sole = sum(q.dim == x.dim for q in qa) == 1 and sum(q.dim == y.dim for q in qb) == 1
        if ok or sim >= 0.34 or sole or x.dim not in ("count",):
            used_a.add(i)
            used_b.add(j)
            matched.append((i, j, ok, sim))
    for i, j, ok, sim in matched:
        if ok:
            continue
        x, y = qa[i], qb[j]
        conf = 0.9 if sim >= 0.34 else 0.7
        what = _DIM_WORDS.get(x.dim.split(":")[0], "amount")
        if x.dim.startswith("money"):
            what = "amount"
        sa = x.detail if x.dim == "count" and x.detail else x.span
        sb = y.detail if y.dim == "count" and y.detail else y.span
        bld.add(
            ConflictKind.NUMBER,
            sa,
            sb,
            f"different {what}",
            conf,
        )
    return used_a, used_b


class NumberCheck(Component):
    """Figures of the same quantity that cannot both be true."""

    name = "number"
    requires = ("builder",)
    assigns = ("used_quantities",)

    def __call__(self, state: dict[str, Any]) -> None:
        state["used_quantities"] = _compare_numbers(state["builder"])

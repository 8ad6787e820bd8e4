"""Certainty check: possible or planned on one side, done on the other."""

from __future__ import annotations

from typing import Any

from ...model import ConflictKind, Span
from ...nlp import Parse
from ..checks.base import _Builder
from ..component import Component
from ..lexicon import cues
from ..predicates import Predicate, predicates
from ..records import Facts
from ..slots import MIN_LINK, PairView
from ..text import _GENERIC_EVENTS_S
from .polarity import QUESTION_TAGS, _future


def _pred_at(view: PairView, side: str, span: Span) -> tuple[Predicate | None, bool]:
    """The predicate at a word, and whether the word is a noun under a planning adjective
    ("a possible meeting")."""
    p = view.parse(side)
    toks = view.tokens_in(side, span)
    by_tok = {x.i: x for x in predicates(p)}
    for t in toks:
        if t in by_tok:
            return by_tok[t], False
    plan_adj = cues()["planning_adjectives"]
    for t in toks:
        if any(k.dep == "amod" and k.lemma.lower() in plan_adj for k in p.children(t)):
            return None, True
    return None, False


def _asked_of(p: Parse, i: int) -> bool:
    """Is the verb at ``i`` the verb of a question a sentence tells ("did not know who
    could have sent it", "asked what might have happened"): a complement clause that
    opens with a question word? (A clause of "if" or "whether" is ``Predicate.open``.)"""
    if p.tokens[i].dep != "ccomp":
        return False
    # the first word but an adverb before it ("exactly what part ... would be read")
    lead = next((p.tokens[k] for k in p.subtree(i) if p.tokens[k].tag != "RB"), None)
    return lead is not None and lead.tag in QUESTION_TAGS


def _in_scope(
    bld: _Builder, planned_word: Span, done_word: Span, flip: bool
) -> tuple[float, float] | None:
    """With a parse: the done side must assert a past event, the planned side a plan or
    possibility of the same (aligned) event; (confidence, link) or None."""
    view = bld.view
    p_side, d_side = ("b", "a") if flip else ("a", "b")
    done, _ = _pred_at(view, d_side, done_word)
    if done is None or not done.past or done.hedged or done.negated:
        return None
    plan, noun_plan = _pred_at(view, p_side, planned_word)
    if not noun_plan and (plan is None or not (plan.planned or plan.hedged) or plan.negated):
        return None
    if plan is not None and (plan.open or _asked_of(view.parse(p_side), plan.i)):
        # "did not know who could have sent it", "was asked if the president would have
        # committed a crime": a question, no doubt on the answer
        return None
    if plan is not None and _future(view.parse(p_side), plan):
        # what one article says is to happen and the other that it happened ("would
        # plead guilty" / "pleaded guilty"): one event told before and after, no doubt
        return None
    link = view.link(planned_word, done_word) if not flip else view.link(done_word, planned_word)
    if link < MIN_LINK:
        return None
    conf = 0.7
    pub_plan = (bld.b if flip else bld.a).published
    pub_done = (bld.a if flip else bld.b).published
    if pub_plan and pub_done and pub_plan < pub_done:
        conf *= 0.6  # written before the other: the plan may have come true since
    return conf, link


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
            conf, link = 0.7, None
            if bld.view.parsed:
                got = _in_scope(bld, m.word, hit.word, flip)
                if got is None:
                    continue
                conf, link = got
            bld.add(
                ConflictKind.CERTAINTY,
                sa,
                sb,
                f"possible or planned in {who_x}, reported as done in {who_y}",
                conf,
                link=link,
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

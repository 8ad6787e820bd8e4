"""Probe: a learned scorer for "two names in one role" over the entity check's own slot
measures. Not used by the engine.

    .venv/bin/python bench/nameslot_probe.py [--split dev]

The name check (core/facts/checks/entity.py, ``_compare_names_parsed``) takes every pair of
names one sentence has and the other does not mention ("free" names) and decides by a
cascade of hand rules whether the two fill one role. This probe asks whether a model
learned on the same measures decides better. For every free name pair of the MSRP pairs of
the split (bench/msrp_pairs.py: the injected pairs of every kind, the clean agreements and
the paraphrase pairs as printed), it reads the measures the rules read (token alignment of
the names, of their heads, of their neighbours, one relation, the alignment gap, the share
of the rest aligned, main-verb subjects, the only free names, labels, position); the pair
is a positive when it is the injected swap (A's name against the name put in its place),
else a negative (two names of two roles, or a genuine difference in a paraphrase pair).
Five folds grouped by MSRP pair (its injected versions and its printed form in one
fold); printed, at each probability cut, the positives and negatives the model takes
against those the rules flag.

The measures are read off the check's locals when it returns (``sys.settrace``), so the
engine runs unchanged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from factbench import Checker  # noqa: E402
from msrp_pairs import build, rows, split_of  # noqa: E402
from sklearn.ensemble import GradientBoostingClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from factdiff.core.facts.checks import entity  # noqa: E402
from factdiff.core.facts.slots import top_token  # noqa: E402

MEASURES = (
    "direct", "heads", "heads_reach", "neighbours", "same_rel", "gap", "rest_longer",
    "rest_shorter", "main_subjects", "sole", "free_names", "same_label", "kin", "untyped",
    "link", "position", "same_dep", "same_head_lemma",
)  # fmt: skip


def _measures(loc: dict[str, Any]) -> list[tuple[str, str, list[float]]]:
    view, bld = loc["view"], loc["bld"]
    ta, tb = loc["a_text"], loc["b_text"]
    free_a, free_b = loc["free_a"], loc["free_b"]
    out = []
    for sa, la in free_a:
        for sb, lb in free_b:
            xa, xb = top_token(view.pa, sa), top_token(view.pb, sb)
            same_dep = xa is not None and xb is not None and (
                view.pa.tokens[xa].dep == view.pb.tokens[xb].dep
            )
            ha, hb = view.head("a", sa), view.head("b", sb)
            same_head = ha is not None and hb is not None and (
                view.pa.tokens[ha.token].lemma.lower() == view.pb.tokens[hb.token].lemma.lower()
            )
            person_a, person_b = la == "PERSON", lb == "PERSON"
            kin = person_a == person_b and (la == "NORP") == (lb == "NORP")
            row = [
                view.direct_link(sa, sb), view.heads_link(sa, sb, reach=False),
                view.heads_link(sa, sb, reach=True), view.neighbours_link(sa, sb),
                float(view.same_relation(sa, sb)), view.gap_link(sa, sb),
                view.aligned_share([sa], [sb], of_longer=True), view.aligned_share([sa], [sb]),
                float(entity._main_subjects(view, sa, sb, 0.0)),
                float(len(free_a) == 1 and len(free_b) == 1), float(len(free_a) + len(free_b)),
                float(la == lb), float(kin), float("PROPN" in (la, lb)), bld.link(sa, sb),
                abs(sa.start / max(len(ta), 1) - sb.start / max(len(tb), 1)),
                float(same_dep), float(same_head),
            ]
            out.append((ta[sa.start : sa.end], tb[sb.start : sb.end], row))
    return out


def _bare(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


def collect(split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    items = [(p.id, p.kind, p.a, p.b, _bare(p.a_edit), _bare(p.b_edit)) for p in build(split)]
    items += [(f"{i1}-{i2}", "paraphrase", a, b, "", "")
              for i1, i2, a, b in rows("1") if split_of(i1, i2) == split]
    check = Checker()
    check.prepare([t for it in items for t in it[2:4]])
    seen: list[list[tuple[str, str, list[float]]]] = []

    def trace(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code.co_name != "_compare_names_parsed":
            return None

        def local(f: Any, ev: str, a: Any) -> Any:
            if ev == "return":
                seen.append(_measures(f.f_locals))
            return local

        return local

    X, y, groups, flagged, kinds = [], [], [], [], []
    for pid, kind, a, b, a_edit, b_edit in items:
        seen.clear()
        sys.settrace(trace)
        res = check(a, b)
        sys.settrace(None)
        got = [(c.a_text, c.b_text) for c in res.conflicts
               if c.kind.value in ("entity", "attribution")]
        for name_a, name_b, row in (r for call in seen for r in call):
            swap = kind == "entity" and (b_edit in name_b or name_b in b_edit) and (
                a_edit in name_a or name_a in a_edit
            )
            X.append(row)
            y.append(int(swap))
            groups.append(pid)
            flagged.append(int(any(
                (name_a in x or x in name_a) and (name_b in z or z in name_b) for x, z in got
            )))
            kinds.append(kind)
    return np.array(X), np.array(y), np.array(groups), np.array(flagged), kinds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev"], help="dev only: never test")
    args = ap.parse_args(argv)
    X, y, groups, flagged, kinds = collect(args.split)
    para = np.array([k == "paraphrase" for k in kinds])
    print(f"free name pairs: {len(y)} ({y.sum()} injected swaps, {(1 - y).sum()} others; "
          f"{len(set(groups))} sentence pairs)")
    print(f"the rules flag: swaps {flagged[y == 1].sum()}, others {flagged[y == 0].sum()} "
          f"(paraphrase pairs {flagged[(y == 0) & para].sum()})")
    for model in (LogisticRegression(C=1.0, max_iter=2000),
                  GradientBoostingClassifier(n_estimators=150, max_depth=3, random_state=0)):
        prob = np.zeros(len(y))
        for tr, te in GroupKFold(5).split(X, y, groups):
            model.fit(X[tr], y[tr])
            prob[te] = model.predict_proba(X[te])[:, 1]
        for cut in (0.5, 0.6, 0.7, 0.8, 0.9):
            take = prob >= cut
            both = take | (flagged == 1)
            others_para = (take & (y == 0) & para).sum()
            print(f"  {type(model).__name__:26s} p >= {cut:.1f}: swaps {(take & (y == 1)).sum()}"
                  f", others {(take & (y == 0)).sum()} (paraphrase {others_para})"
                  f"; with the rules: swaps {(both & (y == 1)).sum()}, others "
                  f"{(both & (y == 0)).sum()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

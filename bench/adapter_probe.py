"""Probe: a paraphrase scorer learned on MSRP over the frozen MiniLM vectors, as a link
feature. Not used by the engine.

    .venv/bin/python bench/adapter_probe.py

1. On MSRP (quality 1 paraphrases vs quality 0 related sentences: other outlets' pairs,
   same topic and names, often other facts), a logistic regression over the elementwise
   product and absolute difference of the two normalised sentence vectors, fitted on the
   msrp_pairs dev part and scored on its test part (AP against cosine alone).
2. Fitted on all of MSRP, its logit is added to the link scorer's features for every
   sentence pair of the labelled dev events; leave one event out as train_scorer.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from msrp_pairs import rows, split_of  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from train_scorer import Article, Extra, event_matrix, loeo, row_col_z  # noqa: E402

from factdiff.core.embed import default_encoder  # noqa: E402
from factdiff.core.linkscore import FEATURES  # noqa: E402


def pair_x(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.concatenate([u * v, np.abs(u - v)], axis=-1)


def msrp_vectors(which: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both sentences' vectors of the MSRP pairs (of msrp_pairs' ``which`` part, or all)
    and their labels (1: a paraphrase)."""
    enc = default_encoder()
    data = [(q, i1, i2, a, b) for q in ("1", "0") for i1, i2, a, b in rows(q)]
    if which:
        data = [d for d in data if split_of(d[1], d[2]) == which]
    va = enc.encode([d[3] for d in data])
    vb = enc.encode([d[4] for d in data])
    return va, vb, np.array([d[0] == "1" for d in data], dtype=np.int8)


def msrp_model(c: float, which: str | None) -> LogisticRegression:
    va, vb, y = msrp_vectors(which)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(pair_x(va, vb), y)
    return model


def msrp_check(c: float) -> None:
    model = msrp_model(c, "dev")
    va, vb, y = msrp_vectors("test")
    p = model.predict_proba(pair_x(va, vb))[:, 1]
    print(f"MSRP test ({len(y)} pairs, C={c}): AP cosine "
          f"{average_precision_score(y, (va * vb).sum(1)):.3f}  adapter "
          f"{average_precision_score(y, p):.3f}")


def logit_features(model: LogisticRegression) -> Extra:
    """The adapter's logit for each sentence pair, and its z within the row and column."""

    def extra(arts: list[Article], a: int, b: int) -> np.ndarray:
        va, vb = arts[a][2], arts[b][2]
        n, m = len(va), len(vb)
        px = pair_x(np.repeat(va[:, None, :], m, 1), np.repeat(vb[None, :, :], n, 0))
        logit = model.decision_function(px.reshape(n * m, -1)).reshape(n, m)
        return np.stack([logit, *row_col_z(logit)], axis=-1)

    return extra


def main() -> int:
    c = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    msrp_check(c)
    model = msrp_model(c, None)
    dev = realdata.split("dev")
    data = {e: event_matrix(e, logit_features(model)) for e in dev}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base), ("+ adapter logit", base + [k]),
                       ("+ logit, row / col z", base + [k, k + 1, k + 2])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:22s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Probe: anchors and mutual choice as link features. Not used by the engine.

    .venv/bin/python bench/anchor_probe.py

Two ideas from sentence alignment of translations that the scorer's features do not hold:

- **anchors**: a content word that occurs in one sentence only of each article of the
  pair, and in these two (a name, a figure or a rare word the two outlets use once each):
  the count of such words in a sentence pair, their IDF mass, and the highest IDF of any
  word the two share;
- **mutual choice**: each sentence is the other's best (or among its two best) by cosine,
  an interaction of the row and column ranks the additive logistic model cannot form.

Dev, leave one event out, as train_scorer.py; ``--extra``: trained on all dev events,
scored on the extra split's.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from train_scorer import Article, event_matrix, held_out_figures, loeo  # noqa: E402

from factdiff.core.align import idf_weights  # noqa: E402
from factdiff.core.linkscore import FEATURES  # noqa: E402
from factdiff.core.tokens import content_words  # noqa: E402


def anchors(arts: list[Article], a: int, b: int) -> np.ndarray:
    words = [[content_words(t) for t in art[0]] for art in arts]
    idf = idf_weights(*words)
    top = max(idf.values(), default=1.0)
    once_a = {w for w, c in Counter(w for s in words[a] for w in s).items() if c == 1}
    once_b = {w for w, c in Counter(w for s in words[b] for w in s).items() if c == 1}
    n, m = len(words[a]), len(words[b])
    out = np.zeros((n, m, 5), dtype=np.float32)
    for i, wa in enumerate(words[a]):
        for j, wb in enumerate(words[b]):
            shared = wa & wb
            if not shared:
                continue
            anc = [w for w in shared if w in once_a and w in once_b]
            out[i, j, 0] = min(len(anc), 3)
            out[i, j, 1] = min(sum(idf[w] for w in anc) / top, 3.0)
            out[i, j, 2] = max(idf[w] for w in shared) / top
    sem = arts[a][2] @ arts[b][2].T
    row = np.argsort(-sem, axis=1)
    col = np.argsort(-sem, axis=0)
    best_row = np.zeros((n, m), bool)
    best_col = np.zeros((n, m), bool)
    top2_row = np.zeros((n, m), bool)
    top2_col = np.zeros((n, m), bool)
    best_row[np.arange(n), row[:, 0]] = True
    best_col[col[0, :], np.arange(m)] = True
    for k in range(min(2, m)):
        top2_row[np.arange(n), row[:, k]] = True
    for k in range(min(2, n)):
        top2_col[col[k, :], np.arange(m)] = True
    out[:, :, 3] = best_row & best_col
    out[:, :, 4] = top2_row & top2_col
    return out


def main() -> int:
    dev = realdata.split("dev")
    data = {e: event_matrix(e, anchors) for e in dev}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base),
                       ("+ anchors (count, mass)", base + [k, k + 1]),
                       ("+ rarest shared word", base + [k + 2]),
                       ("+ mutual best", base + [k + 3]),
                       ("+ mutual top two", base + [k + 4]),
                       ("+ all five", base + [k, k + 1, k + 2, k + 3, k + 4])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:28s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


def held_out(split: str = "extra") -> None:
    """Trained on all dev events, scored on another split's (never tuned on)."""
    dev = realdata.split("dev")
    data = {e: event_matrix(e, anchors) for e in dev}
    other = {e: event_matrix(e, anchors) for e in realdata.split(split)}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base), ("+ rarest shared word", base + [k + 2]),
                       ("+ anchors, rarest", base + [k, k + 1, k + 2])):
        ap_e, ap_p, r7 = held_out_figures(data, other, cols)
        print(f"{split} {name:24s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  "
              f"R@P0.7 {r7:.3f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--extra"]:
        held_out("extra")
        sys.exit(0)
    sys.exit(main())

"""Probe: where the two sentences stand in their articles, as link features. Not used by
the engine.

    .venv/bin/python bench/position_probe.py

News puts the main facts first, and two outlets often tell a story in the same order.
Features of a sentence pair from its sentences' positions alone: each one's place in its
article (0 first, 1 last), how far apart the two places are, the log of each one's index
(how close to the lead), and both among their articles' first three sentences. Dev, leave
one event out, as train_scorer.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from train_scorer import Article, event_matrix, loeo  # noqa: E402

from factdiff.core.linkscore import FEATURES  # noqa: E402


def positions(arts: list[Article], a: int, b: int) -> np.ndarray:
    n, m = len(arts[a][0]), len(arts[b][0])
    i = np.arange(n, dtype=float)[:, None] * np.ones((1, m))
    j = np.ones((n, 1)) * np.arange(m, dtype=float)[None, :]
    pa, pb = i / max(n - 1, 1), j / max(m - 1, 1)
    return np.stack([
        pa,
        pb,
        np.abs(pa - pb),
        np.log1p(i) + np.log1p(j),
        ((i < 3) & (j < 3)).astype(float),
    ], axis=-1)


def main() -> int:
    dev = realdata.split("dev")
    data = {e: event_matrix(e, positions) for e in dev}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base), ("+ places apart", base + [k + 2]),
                       ("+ both places", base + [k, k + 1]),
                       ("+ lead (log index)", base + [k + 3]),
                       ("+ both in the first three", base + [k + 4]),
                       ("+ all five", base + [k, k + 1, k + 2, k + 3, k + 4])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:28s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

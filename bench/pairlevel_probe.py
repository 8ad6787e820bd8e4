"""Probe: the article pair's own level of likeness as link features. Not used by the engine.

    .venv/bin/python bench/pairlevel_probe.py

Two articles that tell one story closely have many close sentence pairs; two that share
little have few. Features of the article pair, the same for each of its sentence pairs:
the mean of the row and column best cosines, the share of pairs over 0.6, the log of the
number of pairs, and each pair's cosine less the article pair's level. Dev, leave one
event out, as train_scorer.py.
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


def pair_level(arts: list[Article], a: int, b: int) -> np.ndarray:
    cos = arts[a][2] @ arts[b][2].T
    n, m = cos.shape
    level = 0.5 * cos.max(1).mean() + 0.5 * cos.max(0).mean()
    return np.stack([
        np.full((n, m), level),
        np.full((n, m), float((cos > 0.6).mean())),
        np.full((n, m), np.log(n * m)),
        cos - level,
    ], axis=-1)


def main() -> int:
    dev = realdata.split("dev")
    data = {e: event_matrix(e, pair_level) for e in dev}
    k = len(FEATURES)
    base = list(range(k))
    for name, cols in (("scorer", base), ("+ pair level", base + [k]),
                       ("+ share over 0.6", base + [k + 1]), ("+ log pairs", base + [k + 2]),
                       ("+ cosine less level", base + [k + 3]),
                       ("+ all four", base + [k, k + 1, k + 2, k + 3])):
        ap_e, ap_p, r7 = loeo(data, dev, cols)
        print(f"{name:22s} AP per event {ap_e:.3f}  pooled AP {ap_p:.3f}  R@P0.7 {r7:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

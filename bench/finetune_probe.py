"""Probe (issue 10): does fine-tuning the bundled MiniLM on the dev gold pairs rank the
sentence pairs of held-out dev events better by cosine?

    .venv/bin/python bench/finetune_probe.py --folds 4 --run 1 --epochs 3 --lr 1e-4

The dev events are split into ``--folds`` folds (every k-th event); for each of the first
``--run`` folds the model is fine-tuned on the gold pairs of the other folds
(sentence-transformers with torch, in-batch negatives from the same event, both
directions) and the average precision of cosine over every cross-article sentence pair of
the held-out events is compared with the untuned model's. Test events are never read.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import realdata  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402

from factdiff.core.embed import model_path  # noqa: E402


def _texts(ev: realdata.Event) -> list[list[str]]:
    return [[s.text for s in sents] for sents in ev.sentences]


def _ap(model, ev: realdata.Event) -> float:  # type: ignore[no-untyped-def]
    vecs = [model.encode(t, normalize_embeddings=True, batch_size=64) for t in _texts(ev)]
    ys, ps = [], []
    for pg in ev.pairs:
        m = vecs[pg.a] @ vecs[pg.b].T
        y = np.zeros(m.shape, dtype=int)
        for ra, rb in pg.positives:
            y[ra[1], rb[1]] = 1
        ys.append(y.reshape(-1))
        ps.append(m.reshape(-1))
    return float(average_precision_score(np.concatenate(ys), np.concatenate(ps)))


def _batches(events: list[realdata.Event], rng: random.Random, size: int) -> list[list]:
    out = []
    for ev in events:
        t = _texts(ev)
        pos = [(t[ra[0]][ra[1]], t[rb[0]][rb[1]]) for pg in ev.pairs for ra, rb in pg.positives]
        rng.shuffle(pos)
        out += [pos[i : i + size] for i in range(0, len(pos), size) if len(pos[i : i + size]) > 1]
    rng.shuffle(out)
    return out


def _tune(events: list[realdata.Event], epochs: int, lr: float, seed: int = 0):  # type: ignore[no-untyped-def]
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    rng = random.Random(seed)
    model.train()
    for _ in range(epochs):
        for batch in _batches(events, rng, 16):
            a = model.tokenize([x for x, _ in batch])
            b = model.tokenize([y for _, y in batch])
            ea = torch.nn.functional.normalize(model(a)["sentence_embedding"], dim=-1)
            eb = torch.nn.functional.normalize(model(b)["sentence_embedding"], dim=-1)
            sim = 20.0 * ea @ eb.T
            lab = torch.arange(len(batch))
            loss = (torch.nn.functional.cross_entropy(sim, lab)
                    + torch.nn.functional.cross_entropy(sim.T, lab)) / 2
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    return model


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--run", type=int, default=1, help="how many folds to run")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-4)
    args = ap.parse_args()
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    dev = realdata.split("dev")
    events = {e: realdata.load_event(e) for e in dev}
    base = SentenceTransformer(str(model_path()), device="cpu")
    folds = [dev[i :: args.folds] for i in range(args.folds)]
    before, after = [], []
    t0 = time.perf_counter()
    for k, held in enumerate(folds[: args.run]):
        tuned = _tune([events[e] for e in dev if e not in held], args.epochs, args.lr)
        for e in held:
            before.append(_ap(base, events[e]))
            after.append(_ap(tuned, events[e]))
        print(f"fold {k}: {len(held)} held-out events, mean AP untuned {np.mean(before):.3f} "
              f"tuned {np.mean(after):.3f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
